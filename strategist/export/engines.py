"""The programs behind the document exports: pandoc (DOCX, ODT) and WeasyPrint (PDF).

Both come with strategist's own dependencies (`pypandoc-binary` bundles pandoc), but a
machine can lack them — an install without the binary wheel, a system without Pango —
so each is looked up when an export needs it, and a failed lookup is a `MissingEngine`
whose message names the command that installs it.
"""

from __future__ import annotations

from types import ModuleType

__all__ = [
    "PANDOC_HINT",
    "PANGO_HINT",
    "WEASYPRINT_HINT",
    "EngineFailed",
    "MissingEngine",
    "pandoc_path",
    "weasyprint",
]

PANDOC_HINT = "pip install pypandoc-binary"
WEASYPRINT_HINT = "pip install weasyprint"
PANGO_HINT = "apt-get install libpango-1.0-0 libpangoft2-1.0-0"


class MissingEngine(Exception):
    """An export's engine cannot be found or started; the message says how to install it."""


class EngineFailed(Exception):
    """pandoc or WeasyPrint ran but did not produce the document (the message says why)."""


def pandoc_path() -> str:
    """The pandoc executable: pypandoc-binary's own, else one on the PATH.

    Raises:
        MissingEngine: neither pypandoc nor a pandoc program is there.
    """
    try:
        import pypandoc  # type: ignore[import-untyped]  # no stubs
    except ImportError as error:
        raise MissingEngine(
            f"pandoc is needed for DOCX and ODT and pypandoc is not installed: run `{PANDOC_HINT}`"
        ) from error
    try:
        path = pypandoc.get_pandoc_path()
    except OSError as error:
        raise MissingEngine(
            f"pandoc is needed for DOCX and ODT and was not found: run `{PANDOC_HINT}`"
        ) from error
    return str(path)


def weasyprint() -> ModuleType:
    """The `weasyprint` module, imported (it loads Pango through its C libraries).

    Raises:
        MissingEngine: WeasyPrint is not installed, or Pango's libraries are missing.
    """
    try:
        import weasyprint as module  # type: ignore[import-untyped]  # no stubs
    except ImportError as error:
        raise MissingEngine(
            f"WeasyPrint is needed for PDF and is not installed: run `{WEASYPRINT_HINT}`"
        ) from error
    except OSError as error:
        # cffi's "cannot load library 'libpango-1.0-0'": the Python package is there,
        # the system libraries it draws with are not.
        raise MissingEngine(
            f"WeasyPrint is needed for PDF and cannot load Pango: run `{PANGO_HINT}`"
        ) from error
    loaded: ModuleType = module
    return loaded
