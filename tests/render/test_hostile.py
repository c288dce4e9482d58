"""A workspace whose every free-text field is hostile still gives a draft of our structure only."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from strategist.analysis import analyse
from strategist.render import render_inputs, render_strategy

from .conftest import load_clean

GFM_LIKE = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(
    ["table", "linkify", "strikethrough"]
)
"""HTML on, bare URLs and e-mail addresses linked: stricter than GitHub."""

EVIL = "<b>x</b> [l](http://e.x) ![i](y) `c` | *e* _u_ ~~s~~ https://e.org www.e.org me@e.org #"


def _write(root: Path) -> None:
    (root / "themes").mkdir(parents=True)
    (root / "workshops" / "w1").mkdir(parents=True)
    (root / "strategy.yaml").write_text(
        f"""schema: 1
cluster: '# {EVIL}'
title: '- {EVIL}'
version: '1. {EVIL}'
facilitator: '> {EVIL}'
horizon: {{start: 2020, end: 2024}}
groups:
  a: {{label: '{EVIL}'}}
  b: {{label: '= {EVIL}'}}
publish: {{min_group_size: 1}}
""",
        encoding="utf-8",
    )
    for tid, other in (("p", "q"), ("q", "p")):
        (root / "themes" / f"{tid}.yaml").write_text(
            f"""id: {tid}
title: '+ {EVIL} {tid}'
summary: '1) {EVIL}'
status: active
owner: '{EVIL}'
influences: {{{other}: 2}}
objectives:
  - id: {tid}-o
    text: '*** {EVIL}'
    sources: [i{tid}000001]
    kpis:
      - {{name: '{EVIL}', unit: '{EVIL}', baseline: 1, target: 2, by: 2024}}
    measures:
      - {{id: {tid}-m, text: '{EVIL}', owner: '{EVIL}', due: 2022, sources: [i{tid}000001]}}
""",
            encoding="utf-8",
        )
    (root / "workshops" / "w1" / "workshop.yaml").write_text(
        f"""id: w1
title: '{EVIL}'
date: 2020-01-01
location: '{EVIL}'
format: station
attendance: {{a: 5, b: 5}}
""",
        encoding="utf-8",
    )
    (root / "workshops" / "w1" / "capture-d.yaml").write_text(
        f"""device: d
inputs:
  - {{id: ip000001, theme: p, kind: idea, text: '{EVIL}', group: a}}
  - {{id: iq000001, theme: q, kind: quote, text: "---\\n{EVIL}\\n\\n```", group: b}}
votes:
  - id: v
    question: '{EVIL}'
    method: dots
    options: [p, q, free]
    tallies: {{a: {{p: 3, q: 1}}, b: {{p: 1, q: 3, free: 1}}}}
""",
        encoding="utf-8",
    )


def _cell_breaks(line: str) -> int:
    """The `|` that separate cells: those not escaped with a backslash."""
    return len(re.findall(r"(?<!\\)\|", line.replace("\\\\", "")))


def test_hostile_text_in_every_field_adds_no_structure(tmp_path: Path) -> None:
    """No link, image, HTML, code, rule or strikethrough; only our headings; whole tables."""
    _write(tmp_path)
    ws = load_clean(tmp_path)
    for doc in (render_strategy(ws, analyse(ws)), render_inputs(ws)):
        lines = doc.split("\n")
        tokens = GFM_LIKE.parse(doc)
        children = [c for tok in tokens for c in tok.children or []]
        for i, child in enumerate(children):  # our own citations and anchors only
            if child.type == "link_open":
                href = str(child.attrs["href"])
                assert re.fullmatch(r"(inputs\.md)?#[a-z0-9]{8}", href), href
                assert children[i + 1].content == href.split("#")[1]
            elif child.type == "html_inline":
                assert re.fullmatch(r'<a id="[a-z0-9]{8}">|</a>', child.content), child.content
        kinds = {tok.type for tok in tokens} | {c.type for c in children}
        forbidden = {"image", "html_block", "code_inline", "hr"}
        assert not kinds & (forbidden | {"s_open", "blockquote_open", "ordered_list_open"})
        for tok in tokens:  # every heading is one of ours: an ATX line we wrote
            if tok.type == "heading_open" and tok.map is not None:
                assert lines[tok.map[0]].startswith(tok.markup + " ")
        fences = [tok.info for tok in tokens if tok.type == "fence"]
        assert fences == (["mermaid"] if "## Interdependencies" in doc else [])
        widths: list[int] = []  # each table row has as many cell breaks as its header
        for i, line in enumerate(lines):
            if line.startswith("| ") and not lines[i - 1].startswith("| "):
                widths.append(_cell_breaks(line))
            elif line.startswith("| "):
                assert _cell_breaks(line) == widths[-1], line
        assert widths
