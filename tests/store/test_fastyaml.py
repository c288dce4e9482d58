"""The line scanner (`strategist.store._fastyaml`) gives libyaml's tree, or steps aside.

The oracle is `parse_yaml`'s own libyaml path. For every text the scanner accepts, that
path must give the same nodes, lines and columns and no finding at all; the scanner
must refuse (`Slow`) whatever libyaml reads differently or reports as wrong. Texts come
from the example workspaces, from the canonical writer over random data, from PyYAML's
emitter in other styles, and from raw fragments of YAML syntax glued at random.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from strategist.store import _yaml, canonical_yaml
from strategist.store._fastyaml import Slow, scan
from strategist.store._nodes import Map, Scalar, Seq
from strategist.store._yaml import MAX_DEPTH, parse_yaml

ROOT = Path(__file__).resolve().parents[2]


def _libyaml(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[Any]]:
    def refuse(text: str, depth: int) -> Any:
        raise Slow

    with monkeypatch.context() as patch:
        patch.setattr(_yaml, "scan", refuse)
        return parse_yaml(text, "x.yaml")


def _agrees(text: str, monkeypatch: pytest.MonkeyPatch) -> bool:
    """True when the scanner took the text (and agrees); False when it stepped aside."""
    try:
        tree = scan(text, MAX_DEPTH)
    except Slow:
        return False
    reference, findings = _libyaml(text, monkeypatch)
    assert findings == [], f"the scanner accepted a text libyaml reports: {findings}"
    assert tree == reference, f"the scanner read {text!r} differently"
    return True


def _workspace_files() -> list[Path]:
    found = []
    for path in sorted(ROOT.rglob("*.yaml")):
        parts = path.relative_to(ROOT).parts
        shown = parts[0] in ("themes", "workshops", "narrative", "examples") or len(parts) == 1
        if shown and not {".strategist", ".venv"} & set(parts):
            found.append(path)
    return found


def test_every_example_file_is_read_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _workspace_files()
    taken = [_agrees(path.read_text(encoding="utf-8"), monkeypatch) for path in files]
    assert len(files) >= 30
    assert sum(taken) > len(files) // 2  # the scanner is no shortcut if it never applies


def test_a_canonical_capture_file_is_scanned_with_its_positions() -> None:
    text = (
        "device: station-1\n"
        "inputs:\n"
        "  - id: a1\n"
        "    text: 'Ohne Daten: keine Medizin'\n"
        '    note: "„Zitat“ \\u00e9"\n'
        "votes:\n"
        "  - ranking: [b, c]\n"
    )
    tree = scan(text, MAX_DEPTH)
    assert isinstance(tree, Map)
    inputs = tree.entries["inputs"][1]
    assert isinstance(inputs, Seq) and (inputs.line, inputs.column) == (3, 3)
    item = inputs.items[0]
    assert isinstance(item, Map) and (item.line, item.column) == (3, 5)
    assert item.entries["text"][1] == Scalar("Ohne Daten: keine Medizin", False, 4, 11)
    assert item.entries["note"][1] == Scalar("„Zitat“ é", False, 5, 11)
    votes = tree.entries["votes"][1]
    assert isinstance(votes, Seq)
    ranking = votes.items[0]
    assert isinstance(ranking, Map)
    assert ranking.entries["ranking"][1] == Seq(
        7, 14, [Scalar("b", True, 7, 15), Scalar("c", True, 7, 18)]
    )


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a duplicate key
        "a:\nb: 1\n",  # a null value
        "a: x # note\n",  # a comment after a value
        "a: &x 1\nb: *x\n",  # an anchor and an alias
        "a: |\n  text\n",  # a block scalar
        "a: one\n  two\n",  # a plain scalar over two lines
        "a:\tb\n",  # a tab
        "a: 1\r\n",  # a carriage return
        "--- \na: 1\n",  # a document marker
        "a: 1\n---\nb: 2\n",  # two documents
        "a: {b: 1}\n",  # a flow mapping
        "a: 'open\n",  # an unclosed quote
        'a: "\\q"\n',  # an unknown escape
        'a: "\\ud800"\n',  # a surrogate
        "a: b: c\n",  # a second ': '
        "k" * 1025 + ": v\n",  # a key longer than YAML allows
        "- " + "k" * 1025 + ": v\n",
        "  a: 1\n",  # indented root
        "a:\n  - x\n - y\n",  # a list item out of line
        "",  # empty
        "# only a comment\n",
    ],
)
def test_the_scanner_steps_aside(text: str) -> None:
    with pytest.raises(Slow):
        scan(text, MAX_DEPTH)


def test_a_long_key_is_read_as_libyaml_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    for length in (1000, 1024, 1025, 1100):
        for prefix in ("", "- ", "a:\n  - "):
            text = prefix + "k" * length + ": v\n"
            if not _agrees(text, monkeypatch):
                assert _libyaml(text, monkeypatch)[1] or length > 1000


def test_nesting_deeper_than_the_cap_is_left_to_libyaml() -> None:
    text = "".join("  " * k + f"k{k}:\n" for k in range(70)) + "  " * 70 + "leaf: 1\n"
    with pytest.raises(Slow):
        scan(text, MAX_DEPTH)
    scan(text, 100)  # within a higher cap the scanner reads it


_key = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30
) | st.sampled_from(
    ["", " ", "null", "~", "true", "5", "-5", "1.0", "a: b", "a #b", "#x", "- x", "x:", "'q'",
     '"q"', "[a]", "a, b", "é ü", "„Zitat“", "\\", "\\n", "line\nbreak", "\t", "\x85", "&a", "*a",
     "!t", "@", "`", "%", "|", ">", "?", ":", "-", "a:b", "a]b", "{", "}", "x ", " x"]
)  # fmt: skip
_scalar = _text | st.integers(-1000, 1000) | st.booleans() | st.none()
_data = st.recursive(
    _scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_key, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(_key, _data, min_size=1, max_size=5))
def test_written_yaml_is_read_alike(data: dict[str, Any]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _agrees(canonical_yaml(data), monkeypatch)
        for flow in (None, False, True):
            written = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, width=60)
            _agrees(written, monkeypatch)


_FRAGMENTS = st.sampled_from(
    ["a", "b1", "é", "„", " ", "  ", "- ", "-", ": ", ":", "#", " #", "'", "''", '"', "\\",
     "\\n", "\\x4", "\\u00e9", "[", "]", ", ", ",", "{", "}", "&", "*", "!", "|", ">", "?",
     "%", "@", "\n", "\n  ", "\n    ", "\n  - ", "\n- ", "key: ", "k: v", "---",
     "...", "~", "-:", "\\/", "\\_", "\\x41", "\xa0", "\u3000"]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(pieces=st.lists(_FRAGMENTS, min_size=1, max_size=30))
@example(pieces=["k: v", "\n", "k: v"])
@example(pieces=["key: ", "-:", " ", "a"])  # once read as one plain text
@example(pieces=["- ", "-:", " ", "a"])
@example(pieces=["k: v", "\n  ", "\u3000"])  # a no-break space is no white space to YAML
@example(pieces=["key: ", "[", "a", ", ", "b", "]", "\n- "])
@example(pieces=["key: ", "'", "a", "''", "'", "\n", "b1", ": ", '"', "\\u00e9", '"'])
def test_glued_syntax_is_read_alike_or_left_to_libyaml(pieces: list[str]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _agrees("".join(pieces) + "\n", monkeypatch)


_LINES = st.lists(
    st.tuples(
        st.sampled_from([0, 0, 1, 2, 2, 3, 4, 4, 6]),
        st.sampled_from(["", "", "- "]),
        st.sampled_from(["", "a:", "b:", "c:"]),
        st.sampled_from(["v", "'q'", '"d"', "[a, b]", "[]", "", "x y", "-1", "é", "# c"]),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=1500, deadline=None)
@given(lines=_LINES)
def test_indented_blocks_are_read_alike_or_left_to_libyaml(
    lines: list[tuple[int, str, str, str]],
) -> None:
    rows = []
    for indent, dash, key, value in lines:
        body = f"{key} {value}".strip() if key else value or "w"
        rows.append(" " * indent + dash + body)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _agrees("\n".join(rows) + "\n", monkeypatch)
