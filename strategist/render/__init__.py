"""Generated documents: the strategy draft and the input register as Markdown.

The core never imports Textual; participant text is always escaped (`escape`), fixed
phrases come from one catalog (`i18n`), and public documents follow the publication
rules the README's "What is published" states (`common.Policy`). The names below are
imported when first used, so a build with nothing to do loads no renderer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from strategist.render.build import build_outputs
    from strategist.render.i18n import t
    from strategist.render.inputs import render_inputs
    from strategist.render.markdown import render_strategy

__all__ = ["build_outputs", "render_inputs", "render_strategy", "t"]

_WHERE = {
    "build_outputs": "strategist.render.build",
    "render_inputs": "strategist.render.inputs",
    "render_strategy": "strategist.render.markdown",
    "t": "strategist.render.i18n",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
