"""Generated documents: the strategy draft and the input register as Markdown.

The core never imports Textual; participant text is always escaped (`escape`), fixed
phrases come from one catalog (`i18n`), and public documents follow the publication
rules of DESIGN's "Outputs" (`common.Policy`).
"""

from strategist.render.build import build_outputs
from strategist.render.i18n import t
from strategist.render.inputs import render_inputs
from strategist.render.markdown import render_strategy

__all__ = ["build_outputs", "render_inputs", "render_strategy", "t"]
