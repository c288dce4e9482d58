"""The web page's goal: a build that writes `strategy.html` costs at most 1.5× a build of
the Markdown documents alone (`strategy.md`, `inputs.md`), on the example and on a
10k-input workspace. A build here is what `strategist build` does before it writes: load
the workspace (parse cache off), analyse it, render. Rendering alone is reported too: on
the example the page costs more than its small Markdown (markdown-it parses the draft),
at 10k inputs the register dominates and the page stays close."""

from __future__ import annotations

import os
from pathlib import Path

from bench.timing import Ratio, best_of

__all__ = ["cases"]

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1.5


def _ratios(name: str, root: Path, runs: int) -> list[Ratio]:
    from strategist.analysis import analyse
    from strategist.model import Workspace
    from strategist.render.common import Policy
    from strategist.render.html import render_html_from
    from strategist.render.inputs import render_inputs
    from strategist.render.markdown import draft_sections
    from strategist.store import load_workspace

    def load() -> Workspace:
        found = load_workspace(root).workspace
        assert found is not None
        return found

    def markdown(ws: Workspace, analysis: object) -> None:
        draft_sections(ws, analysis, Policy.of(ws, False)).markdown()  # type: ignore[arg-type]
        render_inputs(ws)

    def everything(ws: Workspace, analysis: object) -> None:
        policy = Policy.of(ws, False)
        draft = draft_sections(ws, analysis, policy)  # type: ignore[arg-type]
        draft.markdown()
        render_inputs(ws)
        render_html_from(ws, analysis, policy, draft)  # type: ignore[arg-type]

    def build(render: object) -> None:
        ws = load()
        render(ws, analyse(ws))  # type: ignore[operator]

    ws = load()
    analysis = analyse(ws)
    previous = os.environ.get("STRATEGIST_CACHE")
    os.environ["STRATEGIST_CACHE"] = "off"
    try:
        b_markdown, b_html = best_of(runs, lambda: build(markdown), lambda: build(everything))
    finally:
        if previous is None:
            del os.environ["STRATEGIST_CACHE"]
        else:
            os.environ["STRATEGIST_CACHE"] = previous
    r_markdown, r_html = best_of(
        max(5, runs), lambda: markdown(ws, analysis), lambda: everything(ws, analysis)
    )
    return [
        Ratio(
            f"build with the HTML page vs Markdown only, {name}",
            b_html,
            b_markdown,
            LIMIT,
            "Markdown build",
        ),
        Ratio(
            f"rendering all documents vs the Markdown ones, {name}",
            r_html,
            r_markdown,
            LIMIT,
            "Markdown",
        ),
    ]


def cases(workspaces: dict[int, Path], runs: int) -> list[Ratio]:
    ratios = _ratios("the example", ROOT, max(5, runs))
    size = 10_000 if 10_000 in workspaces else max(s for s in workspaces if s <= 10_000)
    return ratios + _ratios(f"{size} inputs", workspaces[size], runs)
