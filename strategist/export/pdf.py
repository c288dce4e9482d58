"""The draft as a PDF: WeasyPrint's rendering of the web page (`render_html`), whose
stylesheet has its own rules for print.

Nothing is fetched while the PDF is made: the page embeds its images as `data:` URLs,
and WeasyPrint's URL fetcher is given `data:` as its only protocol, so no file and no
network address is ever read.
"""

from __future__ import annotations

import logging

from strategist.analysis import Analysis
from strategist.export import engines
from strategist.model import Workspace
from strategist.render.html import render_html

__all__ = ["render_pdf"]


def render_pdf(ws: Workspace, analysis: Analysis, internal: bool = False) -> bytes:
    """The draft as a PDF, laid out by the web page's print stylesheet.

    Raises:
        engines.MissingEngine: WeasyPrint or Pango is not installed.
        engines.EngineFailed: WeasyPrint failed.
    """
    weasyprint = engines.weasyprint()
    page = render_html(ws, analysis, internal=internal)
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    # WeasyPrint logs every CSS rule it does not support as a warning: noise for a
    # reader of `strategist export pdf`, whose page is ours.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        data = weasyprint.HTML(string=page, base_url=None, url_fetcher=fetcher).write_pdf()
    except Exception as error:  # WeasyPrint raises many kinds; name it and stop
        raise engines.EngineFailed(f"WeasyPrint failed: {type(error).__name__}: {error}") from error
    finally:
        logger.setLevel(level)
    if not isinstance(data, bytes):
        raise engines.EngineFailed("WeasyPrint returned no PDF")
    return data
