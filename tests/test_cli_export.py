"""`strategist export`: the theme graph in four formats, the draft as DOCX, ODT and PDF.

pandoc and WeasyPrint take a while per run, so each workspace is exported once per
module (`exports`) and the tests read those files.
"""

from __future__ import annotations

import builtins
import io
import json
import shutil
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import docx
import docx.document
import docx.shared
import networkx as nx
import pypdf
import pytest
from click.testing import CliRunner, Result
from render.conftest import write_small_workspace

from strategist.analysis import analyse
from strategist.cli import main
from strategist.render import render_strategy
from strategist.store import load_workspace

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = 'Say "hi" <script>alert(1)</script> back\\slash \\N\nnext line'
"""A theme title with quotes, markup, backslashes (a DOT escape) and a line break."""
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
HOSTILE_ONE_LINE = 'Say "hi" <script>alert(1)</script> back\\slash \\N next line'


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-C", str(root), "export", *args])


def error_lines(result: Result) -> list[str]:
    """What stderr says besides the workspace's warnings."""
    return [line for line in result.stderr.splitlines() if ": warning: " not in line]


def tiny_png() -> bytes:
    """A 1×1 PNG, made by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def copy_example(target: Path) -> Path:
    """The repository's example workspace (its files, not its outputs) under `target`."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "strategy.yaml", target)
    for folder in ("themes", "workshops", "narrative"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


def headings(markdown: str) -> list[str]:
    """The `## ` section headings of a Markdown draft, in order."""
    return [line[3:] for line in markdown.splitlines() if line.startswith("## ")]


def draft(root: Path, internal: bool = False) -> str:
    ws = load_workspace(root).workspace
    assert ws is not None
    return render_strategy(ws, analyse(ws), internal=internal)


def descriptions(document: docx.document.Document) -> list[str]:
    """The description (alternative text) of every image in the document, in order."""
    return [shape._inline.docPr.get("descr") for shape in document.inline_shapes]


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@dataclass
class Exports:
    small: Path
    example: Path
    results: dict[str, Result]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Exports:
    small = write_small_workspace(tmp_path_factory.mktemp("small") / "ws")
    (small / "narrative" / "logo.png").write_bytes(tiny_png())
    outside = tmp_path_factory.mktemp("elsewhere") / "photo.png"
    outside.write_bytes(tiny_png())
    (small / "narrative" / "outside.png").symlink_to(outside)
    with (small / "narrative" / "foreword.md").open("a", encoding="utf-8") as foreword:
        foreword.write("\n![Our logo](logo.png)\n\n![Gone](missing.png) ![Out](outside.png)\n")
    example = copy_example(tmp_path_factory.mktemp("example") / "ws")
    results = {
        "small docx": run(small, "docx"),
        "small docx internal": run(small, "docx", "--internal"),
        "small odt": run(small, "odt"),
        "small pdf": run(small, "pdf"),
        "small pdf internal": run(small, "pdf", "--internal"),
        "example docx": run(example, "docx"),
        "example odt": run(example, "odt"),
        "example pdf": run(example, "pdf"),
    }
    return Exports(small, example, results)


# --------------------------------------------------------------------------- graph


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_small_workspace(tmp_path_factory.mktemp("hostile") / "ws")
    theme = root / "themes" / "x.yaml"
    title = json.dumps(HOSTILE)  # a YAML double-quoted scalar
    theme.write_text(
        theme.read_text(encoding="utf-8").replace("title: Theme X", f"title: {title}"),
        encoding="utf-8",
    )
    ws = load_workspace(root)
    assert not ws.has_errors, [f.format() for f in ws.findings]
    return root


EXPECTED_EDGES = {
    ("x", "y", "influence", 3),
    ("y", "z", "influence", 1),
    ("z", "x", "influence", 2),
    ("s", "x", "influence", 1),
    ("x", "y", "requires", None),
}
"""The small workspace: x drives y (3), y drives z (1), z drives x (2), the separate s
drives x (1); y requires x."""


def test_graph_json_holds_the_themes_with_roles_waves_and_weighted_edges(hostile: Path) -> None:
    result = run(hostile, "graph", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    nodes = {node["id"]: node for node in data["nodes"]}
    assert list(nodes) == ["s", "w", "x", "y", "z"]  # ranked and separate, by id
    assert nodes["x"]["title"] == HOSTILE_ONE_LINE
    assert nodes["y"] | {"title": ""} == {
        "id": "y",
        "title": "",
        "status": "active",
        "role": "reactive",
        "wave": 2,
        "start": 2023,
        "active": 1,
        "passive": 3,
    }
    assert nodes["s"]["status"] == "separate" and nodes["s"]["wave"] == 1
    edges = {(e["source"], e["target"], e["kind"], e.get("weight")) for e in data["edges"]}
    assert edges == EXPECTED_EDGES
    listed = [(e["source"], e["target"], e["kind"]) for e in data["edges"]]
    assert listed == sorted(listed)


def test_graphml_reads_back_into_networkx_with_the_same_graph(hostile: Path) -> None:
    data = json.loads(run(hostile, "graph", "--format", "json").stdout)
    graphml = run(hostile, "graph", "--format", "graphml").stdout_bytes
    graph = nx.read_graphml(io.BytesIO(graphml), force_multigraph=True)
    assert sorted(graph.nodes) == [node["id"] for node in data["nodes"]]
    for node in data["nodes"]:
        assert graph.nodes[node["id"]] == {k: v for k, v in node.items() if k != "id"}
    read = {(u, v, k, d.get("weight")) for u, v, k, d in graph.edges(keys=True, data=True)}
    assert read == EXPECTED_EDGES
    assert graph.nodes["x"]["title"] == HOSTILE_ONE_LINE
    assert b"<script>" not in graphml  # XML-escaped, read back as text above


def _dot_strings(text: str) -> list[str]:
    """Every quoted string of a DOT text, unescaped, checking that each one closes."""
    out, i = [], 0
    while (start := text.find('"', i)) >= 0:
        j, chars = start + 1, []
        while text[j] != '"':
            if text[j] == "\\":
                j += 1
            assert text[j] != "\n", "a line break inside a DOT string"
            chars.append(text[j])
            j += 1
        out.append("".join(chars))
        i = j + 1
    return out


def test_dot_lists_every_edge_with_its_weight_and_keeps_titles_quoted(hostile: Path) -> None:
    result = run(hostile, "graph", "--format", "dot")
    assert result.exit_code == 0
    dot = result.stdout
    assert dot.startswith("digraph themes {") and dot.endswith("}\n")
    for source, target, kind, weight in EXPECTED_EDGES:
        if kind == "influence":
            assert f'"{source}" -> "{target}" [kind="influence", weight={weight},' in dot
        else:
            assert (
                f'"{source}" -> "{target}" [kind="requires", label="before", style=dashed]' in dot
            )
    assert dot.count("->") == len(EXPECTED_EDGES)
    assert HOSTILE_ONE_LINE in _dot_strings(dot)
    assert 'label="Say \\"hi\\" <script>alert(1)</script> back\\\\slash \\\\N next line"' in dot
    assert 'subgraph cluster_wave_1 {\n    label="Wave 1 · from 2020";' in dot


def test_mermaid_is_the_drafts_graph_without_its_fence(hostile: Path) -> None:
    result = run(hostile, "graph")  # mermaid is the default
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("graph LR\n")
    assert "```" not in text
    assert "\n" + text.rstrip("\n") + "\n```" in draft(hostile)
    assert "<script>" not in text and '"hi"' not in text
    assert "t3 -->|3| t4" in text  # x (t3) drives y (t4)


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "graphml", "json"])
def test_graph_is_deterministic_and_holds_no_input_or_group(hostile: Path, fmt: str) -> None:
    first = run(hostile, "graph", "--format", fmt).stdout_bytes
    assert first == run(hostile, "graph", "--format", fmt).stdout_bytes
    text = first.decode("utf-8")
    for private in ("SECRET PLAN", "Alpha idea", "Alpha", "Gamma", "prio", "Town hall"):
        assert private not in text, private


def test_graph_output_writes_the_file_in_the_format_its_suffix_names(
    hostile: Path, tmp_path: Path
) -> None:
    target = tmp_path / "themes.graphml"
    result = run(hostile, "graph", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{target}\n"
    assert target.read_bytes() == run(hostile, "graph", "--format", "graphml").stdout_bytes
    explicit = tmp_path / "themes.txt"
    assert run(hostile, "graph", "--format", "dot", "-o", str(explicit)).exit_code == 0
    assert explicit.read_text(encoding="utf-8").startswith("digraph")
    assert {p.name for p in tmp_path.iterdir()} == {"themes.graphml", "themes.txt"}


def test_the_example_graph_has_every_analysed_theme(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "graph", str(ROOT), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data["nodes"]) == 7
    assert {n["role"] for n in data["nodes"]} <= {"critical", "active", "reactive", "buffering"}
    assert {n["wave"] for n in data["nodes"]} == {1, 2, 3}


# --------------------------------------------------------------------------- DOCX


def test_docx_has_the_drafts_headings_as_heading_styles_and_real_tables(exports: Exports) -> None:
    for name, root in (("small", exports.small), ("example", exports.example)):
        result = exports.results[f"{name} docx"]
        assert result.exit_code == 0, result.output
        assert result.stdout == f"{root / 'outputs' / 'strategy.docx'}\n"
        document = docx.Document(str(root / "outputs" / "strategy.docx"))
        styled = [(p.style.name, p.text) for p in document.paragraphs if p.style is not None]
        level_one = [text for style, text in styled if style == "Heading 1"]
        assert level_one == headings(draft(root)), name
        assert any(style == "Heading 2" for style, _ in styled)
        title = load_workspace(root).workspace.strategy.title  # type: ignore[union-attr]
        assert styled[0] == ("Title", title)
        assert document.core_properties.title == title
        assert document.core_properties.language == "en-GB"
        assert len(document.tables) >= 1
        assert "graph LR" not in docx_text(root / "outputs" / "strategy.docx")


def test_docx_embeds_the_narratives_images_that_may_be_published(exports: Exports) -> None:
    """The foreword shows a PNG from narrative/; a missing image and a link out of the
    workspace leave their description, as on the web page."""
    document = docx.Document(str(exports.small / "outputs" / "strategy.docx"))
    assert "Our logo" in descriptions(document)
    assert "Gone Out" in docx_text(exports.small / "outputs" / "strategy.docx")


def test_docx_shows_the_web_pages_charts_where_the_page_does(exports: Exports) -> None:
    """Each chart is an image described by its title, in the section the web page puts
    it in; the dependency chart stands where the draft has its Mermaid block."""
    path = exports.example / "outputs" / "strategy.docx"
    document = docx.Document(str(path))
    assert descriptions(document) == [
        "Priorities by score",
        "How the themes drive one another",
        "Active and passive sums (Vester)",
        "KPIs: from baseline to target",
        "Roadmap across the horizon",
    ]
    for shape in document.inline_shapes:
        assert shape.width is not None and shape.width > docx.shared.Inches(5)
    order = []
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Heading 1":
            order.append(paragraph.text)
        for picture in paragraph._p.xpath(".//wp:docPr"):
            order.append(f"image: {picture.get('descr')}")
    section = order.index("Interdependencies")
    assert order[section + 1 : section + 3] == [
        "image: How the themes drive one another",
        "image: Active and passive sums (Vester)",
    ]
    assert order[order.index("Roadmap") + 1] == "image: Roadmap across the horizon"
    with zipfile.ZipFile(path) as archive:
        media = sorted(name for name in archive.namelist() if name.startswith("word/media/"))
    assert sum(name.endswith(".png") for name in media) == 5  # a PNG copy of each SVG
    assert sum(name.endswith(".svg") for name in media) == 5


def test_docx_tables_hold_the_drafts_cells(exports: Exports) -> None:
    document = docx.Document(str(exports.small / "outputs" / "strategy.docx"))
    header_rows = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    assert ["Theme", "AS", "PS", "P", "Q", "Role"] in header_rows


def test_internal_docx_goes_to_outputs_internal_with_the_confidential_inputs(
    exports: Exports,
) -> None:
    result = exports.results["small docx internal"]
    assert result.exit_code == 0, result.output
    internal = exports.small / "outputs" / "internal" / "strategy.docx"
    assert result.stdout == f"{internal}\n"
    assert (exports.small / "outputs" / "internal" / ".gitignore").read_text() == "*\n"
    assert "SECRET PLAN" in docx_text(internal)
    assert "SECRET PLAN" not in docx_text(exports.small / "outputs" / "strategy.docx")
    assert "SECRET PLAN" in draft(exports.small, internal=True)  # the fixture is still secret


def test_docx_is_deterministic(exports: Exports, tmp_path: Path) -> None:
    again = tmp_path / "again.docx"
    assert run(exports.small, "docx", "--output", str(again)).exit_code == 0
    assert again.read_bytes() == (exports.small / "outputs" / "strategy.docx").read_bytes()


def test_a_reference_docx_in_the_workspace_styles_the_export(tmp_path: Path) -> None:
    root = write_small_workspace(tmp_path / "ws")
    template = docx.Document()
    template.styles["Heading 1"].font.name = "Strategist Test Face"  # type: ignore[union-attr]
    template.save(str(root / "narrative" / "reference.docx"))
    assert run(root, "docx").exit_code == 0
    exported = docx.Document(str(root / "outputs" / "strategy.docx"))
    assert exported.styles["Heading 1"].font.name == "Strategist Test Face"  # type: ignore[union-attr]


def test_an_internal_export_is_refused_in_the_published_outputs(exports: Exports) -> None:
    target = exports.small / "outputs" / "team.docx"
    result = run(exports.small, "docx", "--internal", "--output", str(target))
    assert result.exit_code == 2
    assert "outputs/internal/" in result.stderr
    assert not target.exists()


# --------------------------------------------------------------------------- ODT and PDF


def test_odt_is_an_opendocument_with_headings_and_tables(exports: Exports) -> None:
    for name, root in (("small", exports.small), ("example", exports.example)):
        assert exports.results[f"{name} odt"].exit_code == 0
        with zipfile.ZipFile(root / "outputs" / "strategy.odt") as odt:
            assert odt.testzip() is None
            assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
            content = odt.read("content.xml").decode("utf-8")
            pictures = [n for n in odt.namelist() if n.startswith("Pictures/")]
        assert sum(n.endswith(".svg") for n in pictures) >= 4, name  # the charts
        body = ElementTree.fromstring(content)
        level_one = [
            "".join(h.itertext())
            for h in body.iter(f"{{{ODF_TEXT}}}h")
            if h.get(f"{{{ODF_TEXT}}}outline-level") == "1"
        ]
        assert level_one == headings(draft(root)), name
        assert any(True for _ in body.iter(f"{{{ODF_TABLE}}}table"))
        assert "graph LR" not in content


def test_pdf_has_pages_and_the_title_on_the_first(exports: Exports) -> None:
    for name, root in (("small", exports.small), ("example", exports.example)):
        assert exports.results[f"{name} pdf"].exit_code == 0, exports.results[f"{name} pdf"].output
        reader = pypdf.PdfReader(root / "outputs" / "strategy.pdf")
        title = load_workspace(root).workspace.strategy.title  # type: ignore[union-attr]
        assert len(reader.pages) > 1, name
        assert title in reader.pages[0].extract_text()


def test_internal_pdf_holds_what_the_public_one_leaves_out(exports: Exports) -> None:
    assert exports.results["small pdf internal"].exit_code == 0
    public = pypdf.PdfReader(exports.small / "outputs" / "strategy.pdf")
    internal = pypdf.PdfReader(exports.small / "outputs" / "internal" / "strategy.pdf")
    assert "SECRET PLAN" in "".join(page.extract_text() for page in internal.pages)
    assert "SECRET PLAN" not in "".join(page.extract_text() for page in public.pages)


# --------------------------------------------------------------------------- failures


def test_a_workspace_with_errors_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    root = write_small_workspace(tmp_path / "ws")
    with (root / "themes" / "x.yaml").open("a", encoding="utf-8") as theme:
        theme.write("colour: red\n")
    for args in (["docx"], ["pdf"], ["graph"], ["graph", "-o", str(tmp_path / "g.json")]):
        result = run(root, *args)
        assert result.exit_code == 1, args
        assert "[unknown-key]" in result.stderr
        assert result.stdout == ""
    assert not (root / "outputs").exists()
    assert not (tmp_path / "g.json").exists()


def test_missing_pandoc_exits_2_with_the_install_command(
    exports: Exports, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypandoc

    def not_found() -> str:
        raise OSError("No pandoc was found")

    monkeypatch.setattr(pypandoc, "get_pandoc_path", not_found)
    target = exports.small / "no.docx"
    result = run(exports.small, "docx", "--output", str(target))
    assert result.exit_code == 2
    assert error_lines(result) == [
        "Error: pandoc is needed for DOCX and ODT and was not found: run "
        "`pip install pypandoc-binary`"
    ]
    assert not target.exists()


@pytest.mark.parametrize(
    ("failure", "hint"),
    [
        (ImportError("No module named 'weasyprint'"), "pip install weasyprint"),
        (
            OSError("cannot load library 'libpango-1.0-0'"),
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0",
        ),
    ],
)
def test_missing_weasyprint_exits_2_with_the_install_command(
    exports: Exports, monkeypatch: pytest.MonkeyPatch, failure: Exception, hint: str
) -> None:
    real_import = builtins.__import__

    def failing_import(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise failure
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", failing_import)
    target = exports.small / "no.pdf"
    result = run(exports.small, "pdf", "--output", str(target))
    assert result.exit_code == 2
    [line] = error_lines(result)
    assert line.endswith(f": run `{hint}`")
    assert not target.exists()


@pytest.mark.parametrize(
    "args", [["export", "--help"], ["export", "docx", "--help"], ["export", "graph", "--help"]]
)
def test_export_help_loads_no_heavy_library(args: list[str]) -> None:
    from test_startup import imported

    assert imported(*args) == set()


def test_charts_go_where_their_placement_says_and_none_is_lost() -> None:
    from strategist.export.office import _with_charts
    from strategist.render.page_charts import Chart

    body = "Intro.\n\n| a |\n| --- |\n| 1 |\n\n```mermaid\ngraph LR\n```\n\n| b |\n| --- |\n| 2 |"
    charts = [
        (Chart("h", "<svg/>", placement), f"![{placement}](x.svg)")
        for placement in ("end", "last-table", "fence", "first-table", "start", "sideways")
    ]
    lines = [line for line in _with_charts(body, charts).split("\n") if line]
    assert lines == [
        "![start](x.svg)",
        "Intro.",
        "| a |",
        "| --- |",
        "| 1 |",
        "![first-table](x.svg)",
        "![fence](x.svg)",
        "| b |",
        "| --- |",
        "| 2 |",
        "![last-table](x.svg)",
        "![end](x.svg)",
        "![sideways](x.svg)",
    ]
