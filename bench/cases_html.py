"""The web page's goal: rendering `strategy.html` costs at most 1.5× rendering the Markdown
documents (`strategy.md` and `inputs.md`) of the same workspace, on the example and on a
10k-input workspace. Both start from the loaded workspace and its analysis."""

from __future__ import annotations

from pathlib import Path

from bench.timing import Ratio, best_of

__all__ = ["cases"]

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1.5


def _ratio(name: str, root: Path, runs: int) -> Ratio:
    from strategist.analysis import analyse
    from strategist.render.common import Policy
    from strategist.render.html import render_html_from
    from strategist.render.inputs import render_inputs
    from strategist.render.markdown import draft_sections
    from strategist.store import load_workspace

    ws = load_workspace(root).workspace
    assert ws is not None
    analysis = analyse(ws)

    def markdown() -> None:
        policy = Policy.of(ws, False)
        draft_sections(ws, analysis, policy).markdown()
        render_inputs(ws)

    def html() -> None:
        policy = Policy.of(ws, False)
        render_html_from(ws, analysis, policy, draft_sections(ws, analysis, policy))

    t_markdown, t_html = best_of(runs, markdown, html)
    return Ratio(f"HTML page vs Markdown documents, {name}", t_html, t_markdown, LIMIT, "Markdown")


def cases(workspaces: dict[int, Path], runs: int) -> list[Ratio]:
    ratios = [_ratio("the example", ROOT, max(5, runs))]
    size = 10_000 if 10_000 in workspaces else max(s for s in workspaces if s <= 10_000)
    ratios.append(_ratio(f"{size} inputs", workspaces[size], runs))
    return ratios
