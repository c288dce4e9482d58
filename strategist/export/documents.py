"""The strategy draft as a Word (DOCX), OpenDocument (ODT) or PDF file.

DOCX and ODT are pandoc's (`office`), PDF is WeasyPrint's (`pdf`); both hold what the
Markdown draft holds, by the same publication rules.
"""

from __future__ import annotations

from strategist.analysis import Analysis
from strategist.export.office import office_draft, reference_doc, run_pandoc
from strategist.export.pdf import render_pdf
from strategist.model import Workspace

__all__ = ["FORMATS", "render_document"]

FORMATS = ("docx", "odt", "pdf")
"""The document formats of `strategist export`."""


def render_document(ws: Workspace, analysis: Analysis, fmt: str, internal: bool = False) -> bytes:
    """The draft as a `fmt` file (`docx`, `odt` or `pdf`).

    Args:
        ws: A workspace without errors.
        analysis: `strategist.analysis.analyse(ws)`.
        fmt: One of FORMATS.
        internal: Include confidential inputs and unsuppressed group figures.

    Raises:
        strategist.export.engines.MissingEngine: pandoc or WeasyPrint is not installed.
        strategist.export.engines.EngineFailed: the engine ran and failed.
        strategist.export.office.ReferenceDocError: `narrative/reference.<fmt>` links out
            of the workspace.
        ValueError: `fmt` is not one of FORMATS.
    """
    if fmt == "pdf":
        return render_pdf(ws, analysis, internal)
    if fmt in ("docx", "odt"):
        draft = office_draft(ws, analysis, internal)
        return run_pandoc(draft, fmt, ws.strategy.language, reference_doc(ws, fmt))
    raise ValueError(f"unknown document format {fmt!r} (expected one of {', '.join(FORMATS)})")
