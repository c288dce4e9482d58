"""The team's Markdown (narrative files, summary, vision, monitoring) never publishes HTML,
a refused link or image, a linkified bare domain, or swallows the rest of the draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from strategist.analysis import analyse
from strategist.render import render_strategy
from strategist.render.team_text import allowed_image, allowed_link, narrative

from .conftest import STRATEGY, load_clean

GFM_LIKE = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(
    ["table", "linkify", "strikethrough"]
)
"""HTML on, bare URLs and domains linked: stricter than GitHub."""
GFM_LIKE.validateLink = lambda url: True  # type: ignore[method-assign]  # see every link


def _flat(markdown: str) -> list[Token]:
    tokens = GFM_LIKE.parse(markdown)
    return tokens + [child for tok in tokens for child in tok.children or []]


def _html(markdown: str) -> list[str]:
    return [t.content for t in _flat(markdown) if t.type in ("html_block", "html_inline")]


def _links(markdown: str) -> list[str]:
    return [str(t.attrGet("href")) for t in _flat(markdown) if t.type == "link_open"]


def _images(markdown: str) -> list[str]:
    return [str(t.attrGet("src")) for t in _flat(markdown) if t.type == "image"]


def _headings(markdown: str) -> list[str]:
    tokens = GFM_LIKE.parse(markdown)
    return [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.markup == "##"
    ]


def _draft(root: Path) -> str:
    ws = load_clean(root)
    return render_strategy(ws, analyse(ws))


BASE_HEADINGS = [
    "Key findings",
    "Foreword",
    "Summary",
    "Vision",
    "The process",
    "Situation",
    "Priorities",
    "Robustness of the order",
    "Interdependencies",
    "Objectives, KPIs and measures",
    "Roadmap",
    "Where stakeholders disagree",
    "Monitoring",
    "Closing",
    "Method",
]


@pytest.mark.parametrize("indent", ["    ", "\t", "  \t", "   "])
def test_indented_script_in_foreword_is_never_raw_html(small_root: Path, indent: str) -> None:
    """`    <script>` (code to markdown-it) must not lose its indent and become a tag."""
    (small_root / "narrative" / "foreword.md").write_text(
        f"{indent}<script>alert(1)</script>\n", encoding="utf-8"
    )
    draft = _draft(small_root)
    assert _html(draft) == []
    assert _headings(draft) == BASE_HEADINGS


@pytest.mark.parametrize("field", ["summary", "vision", "monitoring"])
@pytest.mark.parametrize("indent", ["    ", "\\t"])
def test_indented_script_in_strategy_text_is_never_raw_html(
    small_root: Path, field: str, indent: str
) -> None:
    """The same for summary, vision and monitoring in strategy.yaml."""
    text = STRATEGY.replace(
        f"{field}: |\n  The {field} paragraph.\n",
        f'{field}: "{indent}<script>alert(1)</script>\\n<img src=x onerror=alert(1)>\\n"\n',
    )
    assert text != STRATEGY
    (small_root / "strategy.yaml").write_text(text, encoding="utf-8")
    draft = _draft(small_root)
    assert _html(draft) == []
    assert _headings(draft) == BASE_HEADINGS


@pytest.mark.parametrize(
    "source",
    [
        "```\ncode\n    ```\n",  # an indented "closing" fence closes nothing
        "```\ncode\n",
        "~~~~ python\ncode\n~~~\n",
        "- item\n\n  ```\n  code\n",
        "> ```\n> quoted code\n",
        "Text\n\n    ```\n```\nopen",
    ],
)
def test_broken_fence_closes_at_the_end_of_its_section(small_root: Path, source: str) -> None:
    """A fence left open ends with its own section: every later heading is still there."""
    (small_root / "narrative" / "foreword.md").write_text(source, encoding="utf-8")
    assert _headings(_draft(small_root)) == BASE_HEADINGS


def test_html_outside_code_is_shown_as_text_and_code_is_kept() -> None:
    out = narrative("Use `<b>` and <i>x</i>.\n\n```\n<b>kept</b>\n```\n\n    <p>kept</p>\n")
    assert "`<b>`" in out and "&lt;i>x&lt;/i>" in out
    assert "<b>kept</b>" in out and "    <p>kept</p>" in out
    assert _html(out) == []


@pytest.mark.parametrize(
    "source",
    [
        "[file](ftp://evil.example/x)",
        "[call](tel:+4912345)",
        "[relative](//evil.com/x)",
        "[js](javascript:alert(1))",
        "[js](JaVaScRiPt&#58;alert(1))",
        "[data](data:text/html;base64,PHNjcmlwdD4=)",
        "[page](other.md)",
        "[ref]: ftp://evil.example/x\n\nsee [ref] and [this][ref]",
    ],
)
def test_links_other_than_http_https_mailto_and_anchors_stay_text(source: str) -> None:
    out = narrative(source)
    assert _links(out) == [], out


def test_allowed_links_stay_links() -> None:
    out = narrative(
        "[a](https://example.org/x) [b](http://example.org) [c](mailto:info@example.org) "
        "[d](#method)\n\n[r]: https://example.org/r\n\nsee [r]"
    )
    assert _links(out) == [
        "https://example.org/x",
        "http://example.org",
        "mailto:info@example.org",
        "#method",
        "https://example.org/r",
    ]


@pytest.mark.parametrize(
    "source",
    [
        "![pixel](https://tracker.example/p.gif)",
        "![pixel](//tracker.example/p.gif)",
        "![x](data:image/png;base64,AAAA)",
        "![x](/etc/passwd)",
        "![x](../../secret.png)",
        "[![pixel](http://t.example/p.gif)](https://example.org)",
    ],
)
def test_remote_images_are_refused(source: str) -> None:
    assert _images(narrative(source)) == []


def test_images_from_the_workspace_are_kept() -> None:
    assert _images(narrative("![logo](logo.png) ![map](img/map.svg)")) == [
        "logo.png",
        "img/map.svg",
    ]


@pytest.mark.parametrize(
    "text", ["evil.com/path", "//evil.com/x", "www.evil.com", "https://evil.com", "me@evil.com"]
)
def test_text_a_linkify_renderer_would_link_stays_text(text: str) -> None:
    """Bare domains, `//host`, `www.`, URLs and addresses are escaped, not linked."""
    out = narrative(f"See {text} today.")
    assert _links(out) == [], out
    assert "\u200b" not in out  # Markdown escaping, not a zero-width break


def test_invisible_characters_are_removed_from_narrative() -> None:
    assert narrative("a\u202eb\u2066c\u200bd") == "abcd"


def test_policy_helpers() -> None:
    assert allowed_link("https://x") and allowed_link("#a") and allowed_link("MAILTO:a@b")
    assert not allowed_link("ftp://x") and not allowed_link("//x") and not allowed_link("x.md")
    assert allowed_image("logo.png") and allowed_image("a/b.png")
    assert not allowed_image("https://x/p.png") and not allowed_image("a/../../b.png")


_FRAGMENTS = [
    "<script>alert(1)</script>",
    "<div>",
    "</div>",
    "<!-- c -->",
    "<?php x ?>",
    "<![CDATA[x]]>",
    "<b>",
    "<a href='x'>",
    "<https://e.org>",
    "<me@e.org>",
    "`",
    "``",
    "```",
    "~~~",
    "````",
    "\\",
    "\\<",
    "&lt;",
    "[a](https://e.org)",
    "[a](ftp://e)",
    "![i](https://t/p)",
    "[r]: <x>",
    "[r]",
    "evil.com/p",
    "//evil.com",
    "www.e.org",
    "- ",
    "1. ",
    "> ",
    "# ",
    "|",
    "---",
    "text",
    " ",
    "\t",
    "    ",
    "\n",
    "\n\n",
    "*",
    "_",
]


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40))
def test_random_team_markdown_never_yields_html_or_swallows_the_draft(parts: list[str]) -> None:
    """Markdown and HTML fragments, indents, tabs and fences in any order: no HTML token,
    no refused link or image, and the next section's heading survives."""
    out = narrative("".join(parts))
    draft = f"## Foreword\n\n{out}\n\n## Next\n"
    assert _html(draft) == []
    assert all(allowed_link(href) for href in _links(draft))
    assert all(allowed_image(src) for src in _images(draft))
    assert _headings(draft)[-1] == "Next"
