"""The web page, parsed by a real HTML parser: safe, self-contained, the draft's structure,
charts with titles, participant text only escaped, deterministic, small groups hidden."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest

from strategist.analysis import analyse
from strategist.model import Workspace
from strategist.render import render_strategy
from strategist.render.build import build_outputs
from strategist.render.html import render_html
from strategist.store import load_workspace

from .conftest import load_clean
from .test_hostile import EVIL, _write
from .test_small_groups import _workspace as small_group_workspace

SVG = "{http://www.w3.org/2000/svg}"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _parse(page: str) -> Element:
    return html5lib.parse(page, namespaceHTMLElements=False)


def _text(element: Element) -> str:
    return "".join(element.itertext())


def _assert_safe(page: str) -> Element:
    """No script or embedding element, no handler, links and sources only as allowed."""
    tree = _parse(page)
    ids = {e.get("id") for e in tree.iter() if e.get("id")}
    for element in tree.iter():
        tag = str(element.tag).replace(SVG, "svg:")
        assert tag not in ("script", "iframe", "object", "embed", "svg:script", "svg:foreignObject")
        assert tag not in ("link", "base", "meta") or element.get("http-equiv") is None
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (tag, name)
            if name in ("href", "{http://www.w3.org/1999/xlink}href"):
                assert re.match(r"(https?:|mailto:|#)", value), value
                if value.startswith("#"):
                    assert value[1:] in ids, value  # every in-page link lands
            if name == "src":
                assert re.match(r"data:image/(png|jpeg);base64,", value), value[:40]
            if name == "style":
                assert "url(" not in value and "@import" not in value
        if tag == "style":
            assert "@import" not in (element.text or "") and "url(" not in (element.text or "")
    assert not re.search(r"""(src|href)=["']?//""", page)  # no protocol-relative fetch
    return tree


@pytest.fixture
def page(small_ws: Workspace) -> str:
    return render_html(small_ws, analyse(small_ws))


def test_the_page_is_safe_and_self_contained(page: str) -> None:
    tree = _assert_safe(page)
    assert tree.find("head/title") is not None and tree.find("head/title").text == "Test Strategy"
    assert tree.get("lang") == "en"
    assert "<style>" in page and "http" not in "".join(
        e.get("src", "") for e in tree.iter() if e.get("src")
    )


def test_every_heading_of_the_markdown_is_on_the_page_in_order(small_ws: Workspace) -> None:
    analysis = analyse(small_ws)
    markdown = render_strategy(small_ws, analysis)
    wanted = [line.lstrip("#").strip() for line in markdown.split("\n") if line.startswith("#")]
    tree = _parse(render_html(small_ws, analysis))
    main = tree.find(".//main")
    assert main is not None
    title = tree.find(".//header/h1")
    assert title is not None
    shown = [_text(title)] + [
        _text(e)
        for e in main.iter()
        if e.tag in ("h2", "h3", "h4") and "register" not in str(e.get("id"))
    ]
    assert shown[: len(wanted)] == wanted
    nav = [_text(a) for a in tree.iter("a") if a.get("href", "").startswith("#")][:3]
    assert nav == ["Key findings", "Foreword", "Summary"]  # the table of contents


def test_every_chart_has_a_title_and_a_description(page: str) -> None:
    tree = _parse(page)
    charts = [e for e in tree.iter() if e.tag == f"{SVG}svg"]
    kinds = sorted(c.get("class", "").split()[1] for c in charts)
    assert kinds == ["dependency", "kpi", "ranking", "roadmap", "vester"]
    for chart in charts:
        first, second = list(chart)[:2]
        assert first.tag == f"{SVG}title" and (first.text or "").strip()
        assert second.tag == f"{SVG}desc" and (second.text or "").strip()
    assert "```mermaid" not in page and "graph LR" not in page  # the chart replaces it


def test_citations_lead_to_the_register_appendix(page: str) -> None:
    tree = _parse(page)
    links = [a.get("href") for a in tree.iter("a") if a.get("href", "").startswith("#in-")]
    assert "#in-k0000001" in links
    rows = {tr.get("id") for tr in tree.iter("tr") if tr.get("id")}
    assert {link[1:] for link in links} <= rows
    assert "inputs.md" not in page


def test_hostile_text_appears_only_escaped(tmp_path: Path) -> None:
    _write(tmp_path)
    ws = load_clean(tmp_path)
    page = render_html(ws, analyse(ws))
    tree = _assert_safe(page)
    assert "<b>x</b>" not in page
    assert not [e for e in tree.iter() if e.tag == "b"]
    links = [a.get("href") for a in tree.iter("a")]
    assert not [h for h in links if h and "e.x" in h]  # [l](http://e.x) stayed text
    body = _text(tree.find(".//main"))  # type: ignore[arg-type]
    assert "<b>x</b>" in body  # shown as the participant wrote it
    for chart in (e for e in tree.iter() if e.tag == f"{SVG}svg"):
        assert not [e for e in chart.iter() if e.tag in (f"{SVG}b", "b", f"{SVG}a")]
    assert EVIL.split()[0] not in page.replace("&lt;b&gt;x&lt;/b&gt;", "")


def test_two_builds_give_the_same_bytes(small_root: Path) -> None:
    first = build_outputs(load_clean(small_root))
    html = next(p for p in first if p.name == "strategy.html")
    before = html.read_bytes()
    html.unlink()
    build_outputs(load_clean(small_root))
    assert html.read_bytes() == before


def test_a_small_groups_figures_are_in_no_chart(tmp_path: Path) -> None:
    """Two politicians voted 5/1: their share (83.3 %) and their marker stay out."""
    root = small_group_workspace(tmp_path, "{politics: 2}", "      politics: {alpha: 5, beta: 1}\n")
    ws = load_clean(root)
    page = render_html(ws, analyse(ws))
    tree = _parse(page)
    ranking = next(e for e in tree.iter() if "ranking" in e.get("class", ""))
    chart_text = _text(ranking)
    assert "83.3%" not in chart_text and "16.7%" not in chart_text
    assert "< 5" in chart_text
    assert "Politics" not in chart_text
    assert "83.3%" not in page
    internal = render_html(ws, analyse(ws), internal=True)
    assert "83.3%" in internal


def test_a_small_group_beside_shown_ones_has_no_marker(tmp_path: Path) -> None:
    root = small_group_workspace(
        tmp_path,
        "{industry: 10, research: 6, politics: 2}",
        "      industry: {alpha: 5, beta: 5}\n      research: {alpha: 3, beta: 3}\n"
        "      politics: {alpha: 2, beta: 0}\n",
    )
    ws = load_clean(root)
    tree = _parse(render_html(ws, analyse(ws)))
    ranking = next(e for e in tree.iter() if "ranking" in e.get("class", ""))
    labels = [_text(e) for e in ranking.iter() if e.get("class") == "legend-label"]
    assert labels == ["Industry", "Research"]


def test_language_accent_and_logo(small_root: Path) -> None:
    path = small_root / "strategy.yaml"
    text = path.read_text().replace("language: en", "language: de")
    path.write_text(
        text.replace(
            "publish: {min_group_size: 5}", 'publish: {min_group_size: 5, accent: "#12ABEF"}'
        )
    )
    (small_root / "narrative" / "logo.png").write_bytes(PNG)
    ws = load_clean(small_root)
    page = render_html(ws, analyse(ws))
    tree = _assert_safe(page)
    assert tree.get("lang") == "de"
    assert "--accent: #12ABEF;" in page
    logo = next(e for e in tree.iter("img") if e.get("class") == "logo")
    assert logo.get("src") == "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert logo.get("alt") == "Logo von Test Cluster"
    assert next(_text(a) for a in tree.iter("a")) == "Zentrale Ergebnisse"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        (
            "logo.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>",
            "logo-svg",
        ),
        ("logo.png", b"GIF89a not a png", "bad-logo"),
        ("logo.png", PNG + b"\0" * (512 * 1024), "logo-too-large"),
    ],
)
def test_a_logo_the_page_cannot_embed_is_a_warning_and_left_out(
    small_root: Path, name: str, data: bytes, code: str
) -> None:
    (small_root / "narrative" / name).write_bytes(data)
    result = load_workspace(small_root)
    assert any(
        f.code == code and f.path == f"narrative/{name}" and f.severity == "warning"
        for f in result.findings
    ), [f.format() for f in result.findings]
    assert result.workspace is not None
    page = render_html(result.workspace, analyse(result.workspace))
    assert 'class="logo"' not in page
    assert "<script>x" not in page


def test_a_bad_accent_is_an_error_at_its_line(small_root: Path) -> None:
    path = small_root / "strategy.yaml"
    path.write_text(
        path.read_text().replace("publish: {min_group_size: 5}", "publish:\n  accent: red\n")
    )
    findings = load_workspace(small_root).findings
    bad = [f for f in findings if f.code == "bad-accent"]
    assert [(f.path, f.line, f.severity) for f in bad] == [("strategy.yaml", 14, "error")]
    assert "#1f6f8b" in bad[0].message


def test_narrative_images_are_embedded_or_left_as_text(small_root: Path) -> None:
    (small_root / "narrative" / "map.png").write_bytes(PNG)
    (small_root / "narrative" / "foreword.md").write_text(
        "![The region](map.png) ![remote](https://tracker.example/p.png) ![gone](nope.png)\n"
        "[a relative link](situation.md) and [a web link](https://example.org)\n",
        encoding="utf-8",
    )
    ws = load_clean(small_root)
    tree = _assert_safe(render_html(ws, analyse(ws)))
    images = [e for e in tree.iter("img")]
    assert [e.get("alt") for e in images] == ["The region"]
    foreword = next(
        _text(section)
        for section in tree.iter("section")
        if _text(section.find("h2")) == "Foreword"  # type: ignore[arg-type]
    )
    assert "remote" in foreword and "gone" in foreword  # alt text stays, no fetch
    links = [a.get("href") for a in tree.iter("a")]
    assert "https://example.org" in links and "situation.md" not in links


def test_the_print_stamp_is_a_css_string_no_text_can_break(small_root: Path) -> None:
    path = small_root / "strategy.yaml"
    path.write_text(path.read_text().replace('version: "1.2"', "version: '</style><script>x'"))
    ws = load_clean(small_root)
    page = render_html(ws, analyse(ws))
    _assert_safe(page)
    stamp = re.search(r"@page \{ @top-right \{ content: (\"[^\"]*\"); \} \}", page)
    assert stamp is not None
    assert (
        stamp.group(1) == '"Status: consultation · Version \\3c \\2f style\\3e \\3c script\\3e x"'
    )
    assert page.count("</style>") == 1


def test_text_that_reads_like_the_pages_own_marks_is_only_text(small_root: Path) -> None:
    """The page is assembled around two HTML comments of its own; a participant who
    types them gets them shown, escaped, and the page keeps every register row."""
    marks = "<!--strategist:register--> <!--strategist:rows-->"
    capture = small_root / "workshops" / "w1" / "capture-dev1.yaml"
    text = capture.read_text(encoding="utf-8").replace("text: Alpha idea,", f"text: '{marks}',")
    capture.write_text(text, encoding="utf-8")
    for name, old in (("workshop.yaml", "First workshop"),):
        path = small_root / "workshops" / "w1" / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, f"'{marks}'"), "utf-8")
    theme = small_root / "themes" / "x.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("Theme X", f"'{marks}'"), "utf-8")
    (small_root / "narrative" / "closing.md").write_text(f"{marks}\n\n    {marks}\n", "utf-8")
    written = build_outputs(load_clean(small_root))
    page = next(p for p in written if p.name == "strategy.html").read_text(encoding="utf-8")
    assert "<!--strategist" not in page
    tree = _assert_safe(page)
    row = tree.find(".//tr[@id='in-k0000001']")
    assert row is not None and marks in _text(row)
    register = tree.find(".//section[@class='register']")
    assert register is not None
    rows = [e.get("id") for e in register.iter("tr") if e.get("id")]
    assert len(rows) == len(set(rows)) == 4 + 11  # the public inputs, each once
    assert sum(marks in _text(h) for h in register.iter("h3")) == 1
    assert sum(marks in _text(h) for h in register.iter("h4")) == 4  # w1 in x, y, z and s
