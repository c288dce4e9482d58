"""Participant text can never become Markdown structure (parsed back with markdown-it)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from strategist.render.escape import inline, mermaid_label
from strategist.render.team_text import narrative

MD = MarkdownIt("commonmark", {"html": False}).enable("table")
GFM_LIKE = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable(["table", "linkify"])
"""Stands in for GitHub, which also links bare URLs and `www.` hosts."""

NASTY = [
    "# x",
    "## x ##",
    "- x",
    "* x",
    "+ x",
    "1. x",
    "1) x",
    "[a](javascript:x)",
    "[a]: http://evil",
    "![i](x)",
    "<script>alert(1)</script>",
    "<!-- comment -->",
    "<https://example.org>",
    "a | b",
    "`code` and ``more``",
    "```python",
    "~~~",
    "> quoted",
    "first line\nsecond line\n\n- third",
    "***",
    "---",
    "===",
    "_under_ and *star* and **bold**",
    "back\\slash\\",
    "&amp; &#x41; &copy;",
    "    indented code",
    "x\n=====",
    "~~strike~~",
    "see https://evil.example/x now",
    "www.evil.example",
    "javascript:alert(1)",
    "write to info@example.org",
    "mailto:office@example.org",
    "a_b@example.org and x+y@example.org",
    "ftp://files.example.org/a",
    "Great! Really?",
    "R&D and &copy; and &#65;",
    "C# and F#",
    "### Title ###",
    "a > b < c",
]


def _collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _inline_children(tokens: list[Token]) -> list[Token]:
    return [child for tok in tokens if tok.type == "inline" for child in tok.children or []]


def _text_of(tokens: list[Token]) -> str:
    return "".join(c.content for c in _inline_children(tokens) if c.type == "text")


@pytest.mark.parametrize("raw", NASTY)
def test_escaped_text_alone_is_one_paragraph_of_text(raw: str) -> None:
    tokens = MD.parse(inline(raw))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert {c.type for c in _inline_children(tokens)} == {"text"}
    assert _text_of(tokens) == _collapsed(raw)


@pytest.mark.parametrize("raw", NASTY)
def test_escaped_text_in_a_list_item_stays_text(raw: str) -> None:
    tokens = MD.parse(f"- **k7q2m9xa** (idea, Industry): {inline(raw)}\n")
    types = [t.type for t in tokens]
    assert types == [
        "bullet_list_open", "list_item_open", "paragraph_open", "inline",
        "paragraph_close", "list_item_close", "bullet_list_close",
    ]  # fmt: skip
    children = [c.type for c in _inline_children(tokens)]
    # Exactly our own bold around the id; nothing from the participant.
    assert children.count("strong_open") == 1 and children.count("strong_close") == 1
    assert set(children) == {"text", "strong_open", "strong_close"}
    assert _text_of(tokens).endswith(_collapsed(raw))


@pytest.mark.parametrize("raw", NASTY)
def test_escaped_text_in_a_table_cell_keeps_the_columns(raw: str) -> None:
    doc = f"| Id | Text | Group |\n| --- | --- | --- |\n| k7q2m9xa | {inline(raw)} | Industry |\n"
    tokens = MD.parse(doc)
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) == 3
    body = [t for t in tokens if t.type == "inline"][3:]
    assert [b.content for b in body][2] == "Industry"
    assert {c.type for c in _inline_children(body)} == {"text"}
    assert _text_of(body[1:2]) == _collapsed(raw)


@pytest.mark.parametrize("raw", NASTY)
def test_escaped_text_cannot_hijack_surrounding_emphasis(raw: str) -> None:
    tokens = MD.parse(f"*{inline(raw)}* after")
    children = [c.type for c in _inline_children(tokens)]
    assert children[0] == "em_open"
    assert children.count("em_open") == 1 and children.count("em_close") == 1
    assert set(children) == {"text", "em_open", "em_close"}


@pytest.mark.parametrize("raw", NASTY)
def test_bare_urls_are_not_linked_where_urls_are_linkified(raw: str) -> None:
    tokens = GFM_LIKE.parse(inline(raw))
    assert {c.type for c in _inline_children(tokens)} == {"text"}
    assert _text_of(tokens) == _collapsed(raw)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("|\\`*-# <>&a")), max_size=30))
def test_any_text_in_a_table_cell_keeps_three_columns(raw: str) -> None:
    doc = f"| A | B | C |\n| --- | --- | --- |\n| x | {inline(raw)} | y |\n"
    cells = [t.content for t in MD.parse(doc) if t.type == "inline"]
    assert len(cells) == 6 and cells[3] == "x" and cells[5] == "y"
    children = MD.parse(inline(raw) or "z")[1].children or []
    assert {c.type for c in children} == {"text"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#-+*_`[]()!<>&;|~\\:=.1 \n\tax@/w")), max_size=40))
def test_any_punctuation_soup_renders_as_itself(raw: str) -> None:
    tokens = MD.parse(inline(raw))
    if not _collapsed(raw):
        assert tokens == []
        return
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert {c.type for c in _inline_children(tokens)} == {"text"}
    assert _text_of(tokens) == _collapsed(raw)


def test_prose_punctuation_stays_readable_in_the_raw_markdown() -> None:
    """Only what could become structure is escaped; the raw draft reads like the text."""
    prose = "Next: data, 10:30! R&D > 5 %, C# for SMEs (yes?)"
    assert inline(prose) == prose
    assert inline("see https://example.org") == "see https\\://example\\.org"
    assert inline("ask info@example.org") == "ask info\\@example\\.org"


def test_narrative_keeps_markdown_but_not_html() -> None:
    source = (
        "# Our foreword\n\nSome *emphasis* and a [link](https://example.org).\n\n"
        '<div onclick="x()">block</div>\n\nInline <b>bold</b> and `<code>` stay.\n\n'
        "```html\n<p>in a fence</p>\n```\n"
    )
    out = narrative(source)
    tokens = MD.parse(out)
    types = {t.type for t in tokens} | {c.type for c in _inline_children(tokens)}
    assert {"heading_open", "em_open", "link_open", "fence", "code_inline"} <= types
    assert not {"html_block", "html_inline"} & types
    html = MarkdownIt("commonmark").render(out)  # even a renderer that allows HTML
    assert "<div" not in html and "<b>" not in html
    assert "&lt;code&gt;" in html  # the code span shows its text
    assert "<p>in a fence</p>" not in html.replace("&lt;p&gt;in a fence&lt;/p&gt;", "")
    assert "<p>in a fence</p>" in out  # the fence content is kept as written


def test_mermaid_label_cannot_close_its_quotes() -> None:
    label = mermaid_label('A "quoted" <b>x</b>\nnext #1 `tick`')
    assert '"' not in label and "<" not in label and "\n" not in label and "`" not in label
    assert label.startswith("A #quot;quoted#quot; #lt;b#gt;x")


def test_narrative_code_blocks_keep_their_text() -> None:
    """Indented code and fences inside list items show `<` as written, not `&lt;`."""
    source = "Text <b>x</b>\n\n    indented <code>\n\n- item\n\n  ```\n  <in list>\n  ```\n"
    out = narrative(source)
    assert out.split("\n") == [
        "Text &lt;b>x&lt;/b>", "", "    indented <code>", "", "- item", "",
        "  ```", "  <in list>", "  ```",
    ]  # fmt: skip
    html = MarkdownIt("commonmark").render(out)
    assert "<b>" not in html and "&lt;code&gt;" in html and "&lt;in list&gt;" in html


@pytest.mark.parametrize("opener", ["```", "~~~~", "```python"])
def test_an_unclosed_fence_cannot_swallow_what_follows(opener: str) -> None:
    out = narrative(f"Intro\n\n{opener}\ncode <x>\n")
    tokens = MD.parse(out + "\n\n## Next section\n")
    assert [t.type for t in tokens][-3:] == ["heading_open", "inline", "heading_close"]
    assert "code <x>" in out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>`~ \n-ab/!?>\\")), max_size=40))
def test_no_narrative_can_carry_raw_html(raw: str) -> None:
    """Whatever a narrative holds, a renderer with HTML on finds no HTML in it."""
    tokens = MarkdownIt("commonmark").parse(narrative(raw))
    types = {t.type for t in tokens} | {c.type for c in _inline_children(tokens)}
    assert not {"html_block", "html_inline"} & types


@pytest.mark.parametrize(
    "raw",
    ["\\`<b>x</b>`", "`a\nb` <b>x</b> `c`", "Text `<code>` and\n`one\nspan <i>` <b>y</b> `z`"],
)
def test_code_span_lookalikes_cannot_smuggle_html(raw: str) -> None:
    """An escaped backtick, or a span that opened on the line before, is not code."""
    tokens = MarkdownIt("commonmark").parse(narrative(raw))
    assert not {c.type for c in _inline_children(tokens)} & {"html_inline"}
