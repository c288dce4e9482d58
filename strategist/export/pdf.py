"""The draft as a PDF: WeasyPrint's rendering of the draft as one HTML page for print.

Nothing is fetched while the PDF is made: WeasyPrint's URL fetcher is given `data:` as
its only protocol, so no file and no network address is ever read.
"""

from __future__ import annotations

from html import escape

from strategist.analysis import Analysis
from strategist.export import engines
from strategist.export.office import office_draft
from strategist.model import Workspace

__all__ = ["render_pdf"]

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
        .render(office_draft(ws, analysis, internal).markdown)
    )
    lang = escape(ws.strategy.language)
    title = escape(ws.strategy.title)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_PRINT_CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def render_pdf(ws: Workspace, analysis: Analysis, internal: bool = False) -> bytes:
    """The draft as a PDF (A4).

    Raises:
        engines.MissingEngine: WeasyPrint or Pango is not installed.
        engines.EngineFailed: WeasyPrint failed.
    """
    weasyprint = engines.weasyprint()
    page = _html_page(ws, analysis, internal)
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    try:
        data = weasyprint.HTML(string=page, base_url=None, url_fetcher=fetcher).write_pdf()
    except Exception as error:  # WeasyPrint raises many kinds; name it and stop
        raise engines.EngineFailed(f"WeasyPrint failed: {type(error).__name__}: {error}") from error
    if not isinstance(data, bytes):
        raise engines.EngineFailed("WeasyPrint returned no PDF")
    return data
