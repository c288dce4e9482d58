"""The strategy draft as a Word (DOCX), OpenDocument (ODT) or PDF file.

DOCX and ODT are made by pandoc from the Markdown draft, read as GitHub-flavoured
Markdown (the dialect the draft is written and escaped for) with raw HTML off, so tables
become real tables and the draft's `##` sections Word's "Heading 1" (its `#` title is the
document's title). The Mermaid block, which only a Markdown viewer can draw, is left out.
pandoc runs sandboxed (it reads nothing but its input and the reference document, and
fetches nothing), with an empty data folder (no user template changes the result) and
`SOURCE_DATE_EPOCH=0`, so the same workspace gives the same bytes.

PDF is WeasyPrint's rendering of the draft as an HTML page with a print stylesheet; it
fetches nothing but `data:` URLs.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from html import escape
from pathlib import Path

from strategist.analysis import Analysis
from strategist.export import engines
from strategist.model import Workspace
from strategist.render.analysis_sections import _mermaid
from strategist.render.common import Policy
from strategist.render.i18n import LANGUAGES
from strategist.render.markdown import render_strategy

__all__ = [
    "FORMATS",
    "PANDOC_TIMEOUT",
    "EngineFailed",
    "ReferenceDocError",
    "office_markdown",
    "reference_doc",
    "render_document",
]

FORMATS = ("docx", "odt", "pdf")
"""The document formats of `strategist export`."""

PANDOC_TIMEOUT = 300.0
"""Seconds a pandoc run may take before it is given up."""

REFERENCE = "narrative/reference.{ext}"
"""The workspace's optional style template for pandoc: `reference.docx` or `reference.odt`."""


class EngineFailed(Exception):
    """pandoc or WeasyPrint ran but did not produce the document."""


class ReferenceDocError(Exception):
    """The workspace's reference document cannot be used (it links out of the workspace)."""


def render_document(ws: Workspace, analysis: Analysis, fmt: str, internal: bool = False) -> bytes:
    """The draft as a `fmt` file (`docx`, `odt` or `pdf`).

    Args:
        ws: A workspace without errors.
        analysis: `strategist.analysis.analyse(ws)`.
        fmt: One of FORMATS.
        internal: Include confidential inputs and unsuppressed group figures.

    Raises:
        engines.MissingEngine: pandoc or WeasyPrint is not installed.
        EngineFailed: the engine ran and failed (its message says why).
        ReferenceDocError: `narrative/reference.<fmt>` links out of the workspace.
        ValueError: `fmt` is not one of FORMATS.
    """
    if fmt == "pdf":
        return _pdf(ws, analysis, internal)
    if fmt in ("docx", "odt"):
        return _pandoc(ws, office_markdown(ws, analysis, internal), fmt)
    raise ValueError(f"unknown document format {fmt!r} (expected one of {', '.join(FORMATS)})")


def office_markdown(ws: Workspace, analysis: Analysis, internal: bool = False) -> str:
    """The Markdown draft as pandoc gets it: the same text without the Mermaid block."""
    policy = Policy.of(ws, internal)
    draft = render_strategy(ws, analysis, internal=internal)
    if not analysis.analysed:
        return draft
    # The exact block the draft was given, so a team's own ```mermaid fence in a
    # narrative file is left as the team wrote it.
    return draft.replace(_mermaid(ws, analysis, policy) + "\n\n", "", 1)


def reference_doc(ws: Workspace, ext: str) -> Path | None:
    """The workspace's `narrative/reference.<ext>`, when there is one.

    Raises:
        ReferenceDocError: it is a symbolic link that leads out of the workspace (which
            strategist never reads, as with every other workspace file).
    """
    root = Path(ws.root).resolve()
    path = root / REFERENCE.format(ext=ext)
    if not path.is_file():
        return None
    if not path.resolve().is_relative_to(root):
        raise ReferenceDocError(
            f"{REFERENCE.format(ext=ext)} is a symbolic link out of the workspace; "
            "strategist does not read it (copy the file into narrative/ instead)"
        )
    return path


def _language_tag(lang: str) -> str:
    """The BCP 47 tag of a workspace language: `en-GB`, `de-DE`, `da-DK` — the locales
    the draft's figures are written in, so a spelling checker checks the right English."""
    return LANGUAGES.get(lang, LANGUAGES["en"]).replace("_", "-")


def _pandoc(ws: Workspace, markdown: str, fmt: str) -> bytes:
    pandoc = engines.pandoc_path()
    reference = reference_doc(ws, fmt)
    with tempfile.TemporaryDirectory(prefix="strategist-pandoc-") as empty:
        command = [
            pandoc,
            "--sandbox",
            f"--data-dir={empty}",
            "--from=gfm-raw_html",
            f"--to={fmt}",
            "--shift-heading-level-by=-1",
            f"--metadata=lang:{_language_tag(ws.strategy.language)}",
            "--output=-",
        ]
        if reference is not None:
            command.append(f"--reference-doc={reference}")
        environment = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": empty,
            "LANG": "C.UTF-8",
            "SOURCE_DATE_EPOCH": "0",
        }
        try:
            done = subprocess.run(
                command,
                input=markdown.encode("utf-8"),
                capture_output=True,
                env=environment,
                timeout=PANDOC_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise EngineFailed(f"pandoc took longer than {PANDOC_TIMEOUT:.0f} s") from error
        except OSError as error:
            raise engines.MissingEngine(
                f"pandoc could not be started ({error.strerror or error}): run "
                f"`{engines.PANDOC_HINT}`"
            ) from error
    if done.returncode != 0 or not done.stdout:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise EngineFailed(f"pandoc failed: {said[-1] if said else f'exit {done.returncode}'}")
    return done.stdout


# --------------------------------------------------------------------------- PDF


_PRINT_CSS = """
@page { size: A4; margin: 22mm 20mm; @bottom-center { content: counter(page); } }
body { font-family: sans-serif; font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 22pt; } h2 { font-size: 15pt; margin-top: 1.6em; }
h3 { font-size: 12.5pt; } h2, h3, h4 { break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 0.6em 0; }
th, td { border: 0.5pt solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }
tr { break-inside: avoid; } a { color: inherit; }
"""


def _html_page(ws: Workspace, analysis: Analysis, internal: bool) -> str:
    """The draft as one HTML page for print: markdown-it-py with raw HTML off."""
    from markdown_it import MarkdownIt

    body = (
        MarkdownIt("commonmark", {"html": False})
        .enable("table")
        .render(office_markdown(ws, analysis, internal))
    )
    lang = escape(ws.strategy.language)
    title = escape(ws.strategy.title)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_PRINT_CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def _pdf(ws: Workspace, analysis: Analysis, internal: bool) -> bytes:
    weasyprint = engines.weasyprint()
    page = _html_page(ws, analysis, internal)
    # Only what the page carries in itself: no file, no network.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    try:
        data = weasyprint.HTML(string=page, base_url=None, url_fetcher=fetcher).write_pdf()
    except Exception as error:  # WeasyPrint raises many kinds; say which and stop
        raise EngineFailed(f"WeasyPrint failed: {type(error).__name__}: {error}") from error
    if not isinstance(data, bytes):
        raise EngineFailed("WeasyPrint returned no PDF")
    return data
