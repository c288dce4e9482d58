"""The presentation view: title, ranking bars, roadmap; never anything confidential."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Digits, Static

from strategist.analysis import analyse
from strategist.store import load_workspace
from strategist.tui.screens.present import SLIDES, PresentScreen, ranking_bars

KICKOFF = "workshops/2018-09-11-kickoff"
SECRET = "Merger talks with Nordbank are confidential"

VOTES_AND_SECRETS = f"""\
device: station-3
inputs:
  - id: sec00001
    theme: workforce
    kind: quote
    text: {SECRET}
    group: industry
    confidential: true
votes:
  - id: theme-priority
    question: Which themes matter most?
    method: dots
    options: [digital-transformation, entrepreneurship, workforce]
    tallies:
      industry: {{digital-transformation: 30, entrepreneurship: 10, workforce: 20}}
"""


def add_votes(root: Path) -> None:
    (root / KICKOFF / "capture-station-3.yaml").write_text(VOTES_AND_SECRETS, encoding="utf-8")
    # workforce comes after entrepreneurship on the roadmap.
    (root / "themes/workforce.yaml").write_text(
        "id: workforce\ntitle: Workforce of the future\nstatus: proposed\n"
        "requires: [entrepreneurship]\n",
        encoding="utf-8",
    )


def shown(screen: PresentScreen, text_of) -> str:
    parts = [text_of(w) for w in screen.query(Static)]
    parts += [w.value for w in screen.query(Digits)]
    return "\n".join(parts)


async def test_slides_step_with_arrows_and_never_show_confidential_text(
    tmp_path, make_app, settle, text_of
):
    app = make_app(tmp_path)
    add_votes(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.workspace is not None
        assert app.workspace.find_input("sec00001") is not None, "the secret is loaded"
        await pilot.press("f9")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        seen = []
        for _ in SLIDES:
            seen.append(shown(screen, text_of))
            await pilot.press("right")
            await settle(pilot)
        title, ranking, roadmap = seen
        assert "Test Cluster Nord" in title and "2019-2024" in title
        lines = [line for line in ranking.splitlines() if "█" in line and "%" in line]
        assert [line.split("  ")[1].strip() for line in lines] == [
            "Digital transformation",
            "Workforce of the future",
            "Entrepreneurship",
        ]
        assert lines[0].count("█") > lines[1].count("█") > lines[2].count("█")
        assert "50%" in lines[0]
        assert roadmap.index("Entrepreneurship") < roadmap.index("Workforce of the future")
        assert "2019" in roadmap
        for text in seen:
            assert SECRET not in text and "Nordbank" not in text
        await pilot.press("left", "left")
        assert screen.slide == 0
        assert "Nordbank" not in app.export_screenshot()


def test_presentation_snapshot(tmp_path, make_app, settle, snap_compare):
    """The ranking slide at 100×30: the heading "Priorities", then three thick bars —
    1 Digital transformation (longest, 50%), 2 Workforce of the future (33%),
    3 Entrepreneurship (17%) — with no header, and the footer showing Next/Back."""
    app = make_app(tmp_path)
    add_votes(tmp_path)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press("right")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_a_long_theme_title_is_cut_with_an_ellipsis() -> None:
    root = Path(__file__).parents[2]  # the example workspace at the repository root
    ws = load_workspace(root).workspace
    assert ws is not None
    ws.themes["workforce"].title = "A very long title " * 4
    bars = ranking_bars(ws, analyse(ws), 100).plain
    assert "A very long title A very long title…  " in bars, bars
