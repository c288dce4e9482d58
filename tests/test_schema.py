"""`strategist schema`: JSON Schemas that agree with the store, key for key."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from strategist.cli import main
from strategist.store import load_workspace
from strategist.store.schema import FILE_GLOBS, file_schema, schema_document

ROOT = Path(__file__).resolve().parents[1]
WORKSPACES = [ROOT, ROOT / "examples" / "dlsc"]

STRATEGY = """\
schema: 1
cluster: Test
title: Test
horizon:
  start: 2019
  end: 2024
groups:
  a:
    label: A
"""
"""A valid strategy.yaml beside the file under test."""

WHERE = {
    "strategy": "strategy.yaml",
    "theme": "themes/a.yaml",
    "workshop": "workshops/a/workshop.yaml",
    "capture": "workshops/a/capture-a.yaml",
}
"""Where the file of each schema goes in the test workspace."""


class Yaml12Loader(yaml.SafeLoader):
    """Reads scalars as YAML 1.2 (what editors' language servers use): dates stay text,
    `yes`/`no`/`on` stay text, only `true`/`false` are booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag.rsplit(":", 1)[-1] not in ("bool", "int", "float", "timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
        r"|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
):
    Yaml12Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = file_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


# ------------------------------------------------------------------ an instance of each schema


def _key_for(pattern: str) -> str:
    return "2020" if "0-9]+$" in pattern and "a-z" not in pattern else "a"


def example(schema: dict[str, Any]) -> Any:
    """A value the schema accepts with every property it names, filled in."""
    if "oneOf" in schema:
        return example(schema["oneOf"][0])
    if "anyOf" in schema:
        return example(schema["anyOf"][0])
    kind = schema["type"]
    kind = next(k for k in kind if k != "null") if isinstance(kind, list) else kind
    if "enum" in schema:
        return next(v for v in schema["enum"] if v is not None)
    if kind == "object" and "properties" in schema:
        return {name: example(sub) for name, sub in schema["properties"].items()}
    if kind == "object":
        key = _key_for(schema["propertyNames"]["pattern"])
        return {key: example(schema["additionalProperties"])}
    if kind == "array" and "prefixItems" in schema:
        return [example(sub) for sub in schema["prefixItems"]]
    if kind == "array":
        return [example(schema["items"])]
    if kind == "string":
        if schema.get("format") == "date":
            return "2018-09-11"
        if "pattern" in schema and schema["pattern"].startswith("^[0-9]{4}"):
            return "2018-09-11T10:42:00+02:00"
        if schema.get("pattern", "").startswith("^#"):
            return "#1f6f8b"
        return "a"
    return {"integer": 1, "number": 1.5, "boolean": True}[kind]


def fixed_key_mappings(schema: dict[str, Any], value: Any, path: tuple[Any, ...] = ()):
    """(path in the example, schema) of every mapping with fixed keys, outermost first."""
    if "oneOf" in schema:
        return
    if "properties" in schema:
        yield path, schema
        for name, sub in schema["properties"].items():
            yield from fixed_key_mappings(sub, value[name], (*path, name))
    elif "additionalProperties" in schema and isinstance(schema["additionalProperties"], dict):
        for key, item in value.items():
            yield from fixed_key_mappings(schema["additionalProperties"], item, (*path, key))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from fixed_key_mappings(schema["items"], item, (*path, index))


def at(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def store_findings(tmp_path: Path, name: str, data: Any) -> list[tuple[str, str]]:
    """(code, message) of what the store says about `data` as the file of schema `name`."""
    root = tmp_path / "ws"
    root.mkdir(parents=True)
    (root / "strategy.yaml").write_text(STRATEGY, encoding="utf-8")
    target = root / WHERE[name]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    found = load_workspace(root).findings
    return [(f.code, f.message) for f in found if f.path == WHERE[name]]


SHAPE_ERRORS = ("unknown-key", "missing-key", "wrong-type")


@pytest.mark.parametrize("name", list(FILE_GLOBS))
def test_the_store_reads_every_key_the_schema_names_with_the_schemas_types(
    tmp_path: Path, name: str
) -> None:
    schema = file_schema(name)
    data = example(schema)
    validator(name).validate(data)
    assert [f for f in store_findings(tmp_path, name, data) if f[0] in SHAPE_ERRORS] == []


@pytest.mark.parametrize("name", list(FILE_GLOBS))
def test_each_mapping_allows_exactly_the_keys_of_the_schema(tmp_path: Path, name: str) -> None:
    """Both directions: the store's list of allowed keys (in its unknown-key message) is
    the schema's properties, at every mapping of every file."""
    schema = file_schema(name)
    data = example(schema)
    mappings = list(fixed_key_mappings(schema, data))
    assert len(mappings) >= {"strategy": 5, "theme": 4, "workshop": 1, "capture": 4}[name]
    for n, (path, sub) in enumerate(mappings):
        broken = json.loads(json.dumps(data))
        at(broken, path)["zzunknown"] = 1
        found = store_findings(tmp_path / str(n), name, broken)
        messages = [m for code, m in found if code == "unknown-key"]
        assert len(messages) == 1, (path, found)
        allowed = re.search(r"\(allowed: ([^)]*)\)$", messages[0])
        assert allowed, messages[0]
        assert sorted(allowed.group(1).split(", ")) == sorted(sub["properties"]), path


@pytest.mark.parametrize("name", list(FILE_GLOBS))
def test_the_required_keys_are_the_ones_the_store_requires(tmp_path: Path, name: str) -> None:
    schema = file_schema(name)
    data = example(schema)
    for n, (path, sub) in enumerate(fixed_key_mappings(schema, data)):
        for m, key in enumerate(sub["properties"]):
            broken = json.loads(json.dumps(data))
            del at(broken, path)[key]
            found = store_findings(tmp_path / f"{n}-{m}", name, broken)
            missing = any(
                code == "missing-key" and f"needs the key {key!r}" in message
                for code, message in found
            )
            assert missing == (key in sub.get("required", [])), (path, key, found)


# ------------------------------------------------------------------ the workspaces and a bad file


def kind_of(relpath: str) -> str | None:
    for name, globs in FILE_GLOBS.items():
        if any(
            Path(relpath).match(glob) and glob.count("/") == relpath.count("/") for glob in globs
        ):
            return name
    return None


@pytest.mark.parametrize("root", WORKSPACES, ids=["root", "dlsc"])
def test_the_example_workspaces_are_valid_by_the_schemas(root: Path) -> None:
    seen: dict[str, int] = {}
    for path in sorted(root.rglob("*.yaml")):
        relpath = path.relative_to(root).as_posix()
        name = kind_of(relpath)
        if name is None or relpath.startswith(("examples/", "tests/", "bench/")):
            continue
        errors = [
            f"{relpath}: {list(e.absolute_path)}: {e.message}"
            for e in validator(name).iter_errors(read_yaml(path))
        ]
        assert errors == []
        seen[name] = seen.get(name, 0) + 1
    assert set(seen) == set(FILE_GLOBS), seen


BAD_THEME = """\
id: digital-transformation
title: Digital transformation
status: activ
colour: blue
influences:
  workforce: 5
objectives:
  - id: dt-data-sharing
    text: Members share data.
    kpis:
      - name: Joint data projects
        target: ten
"""


def test_a_hand_written_bad_theme_is_refused_at_the_right_paths() -> None:
    errors = {
        tuple(e.absolute_path): e.validator
        for e in validator("theme").iter_errors(yaml.load(BAD_THEME, Loader=Yaml12Loader))
    }
    assert errors == {
        ("status",): "enum",
        (): "additionalProperties",
        ("influences", "workforce"): "maximum",
        ("objectives", 0, "kpis", 0, "target"): "type",
    }


def test_a_bad_capture_is_refused_where_check_refuses_it(tmp_path: Path) -> None:
    capture = {
        "device": "Laptop 1",
        "inputs": [{"id": "k7q2m9xa", "theme": "a", "kind": "wish", "text": "x"}],
        "votes": [{"id": "v", "question": "q", "method": "dots", "options": []}],
    }
    errors = {tuple(e.absolute_path) for e in validator("capture").iter_errors(capture)}
    assert errors == {("device",), ("inputs", 0, "kind"), ("votes", 0, "options")}


# ------------------------------------------------------------------ the command


def test_schema_prints_one_document_with_the_four_schemas() -> None:
    first = CliRunner().invoke(main, ["schema"])
    second = CliRunner().invoke(main, ["schema"])
    assert first.exit_code == 0, first.output
    assert first.output == second.output
    assert first.output.endswith("}\n") and "\r" not in first.output
    document = json.loads(first.output)
    assert list(document["$defs"]) == ["strategy", "theme", "workshop", "capture"]
    assert document == schema_document()
    jsonschema.Draft202012Validator.check_schema(document)
    # Descriptions and enums give an editor its help and completion.
    status = document["$defs"]["theme"]["properties"]["status"]
    assert status["enum"] == ["proposed", "active", "separate", "merged", "dropped"]
    assert status["description"]


def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "strategy.yaml").write_text(STRATEGY, encoding="utf-8")
    return root


def test_schema_write_writes_the_four_files_and_the_editor_settings(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    result = CliRunner().invoke(main, ["schema", "--write", str(root)])
    assert result.exit_code == 0, result.output
    document = schema_document()
    for name in ("strategy", "theme", "workshop", "capture"):
        text = (root / "schemas" / f"{name}.json").read_bytes().decode("utf-8")
        assert text.endswith("\n") and "\r" not in text
        written = json.loads(text)
        assert written.pop("$schema") == "https://json-schema.org/draft/2020-12/schema"
        assert written == document["$defs"][name]
    settings = json.loads((root / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings == {
        "yaml.schemas": {
            "schemas/strategy.json": ["strategy.yaml"],
            "schemas/theme.json": ["themes/*.yaml"],
            "schemas/workshop.json": ["workshops/*/workshop.yaml"],
            "schemas/capture.json": ["workshops/*/capture-*.yaml"],
        }
    }
    extensions = json.loads((root / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}
    again = CliRunner().invoke(main, ["schema", "--write", str(root)])
    assert "created" not in again.output and "unchanged schemas/theme.json" in again.output
    assert load_workspace(root).findings == []  # schemas/ and .vscode/ are not read


def test_existing_vscode_settings_are_merged_never_overwritten(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / ".vscode").mkdir()
    (root / ".vscode/settings.json").write_text(
        json.dumps(
            {
                "editor.tabSize": 2,
                "yaml.schemas": {"schemas/theme.json": ["themes/**/*.yaml"], "x.json": ["x"]},
            }
        ),
        encoding="utf-8",
    )
    (root / ".vscode/extensions.json").write_text(
        '{"recommendations": ["ms-python.python"]}', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["schema", "--write", str(root)])
    assert result.exit_code == 0, result.output
    assert "updated   .vscode/settings.json" in result.output
    settings = json.loads((root / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["editor.tabSize"] == 2
    assert settings["yaml.schemas"] == {
        "schemas/theme.json": ["themes/**/*.yaml"],  # the team's own mapping is kept
        "x.json": ["x"],
        "schemas/strategy.json": ["strategy.yaml"],
        "schemas/workshop.json": ["workshops/*/workshop.yaml"],
        "schemas/capture.json": ["workshops/*/capture-*.yaml"],
    }
    extensions = json.loads((root / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert extensions == {"recommendations": ["ms-python.python", "redhat.vscode-yaml"]}


def test_a_settings_file_with_comments_is_left_alone_with_a_warning(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / ".vscode").mkdir()
    commented = '{\n  // mine\n  "editor.tabSize": 2,\n}\n'
    (root / ".vscode/settings.json").write_text(commented, encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "--write", str(root)])
    assert result.exit_code == 0, result.output
    assert (root / ".vscode/settings.json").read_text(encoding="utf-8") == commented
    assert "warning: .vscode/settings.json is not plain JSON" in result.stderr
    assert '"schemas/theme.json": ["themes/*.yaml"]' in result.stderr
    assert "kept      .vscode/settings.json" in result.stdout


def test_schema_write_outside_a_workspace_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", "--write", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a workspace" in result.output
    assert not (tmp_path / "schemas").exists()
