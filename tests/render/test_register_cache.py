"""The register's tables and the page's sections kept in the cache: a build gives the
bytes a fresh render gives, after every kind of change, in every audience and language,
and never trusts a bad entry."""

from __future__ import annotations

import base64
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from strategist.analysis import analyse
from strategist.cli import main
from strategist.render import html as html_module
from strategist.render.common import Policy
from strategist.render.html import render_html
from strategist.render.inputs import render_inputs
from strategist.render.markdown import draft_sections
from strategist.render.markup import Renderer
from strategist.render.pieces import joined
from strategist.render.register import register
from strategist.store import load_workspace

sys.path.insert(0, str(Path(__file__).parent.parent / "tui"))
from fixture_workspace import write_workspace

KICKOFF = "workshops/2018-09-11-kickoff"
PIPELINE = "workshops/2018-09-25-pipeline"

ORIGINAL = """\
device: station-1
inputs:
- id: aaaa0001
  theme: entrepreneurship
  kind: idea
  text: Founders' breakfast every month.
  group: research
"""

DUPLICATE = """\
device: station-2
inputs:
- id: bbbb0001
  theme: entrepreneurship
  kind: idea
  text: A monthly breakfast for founders.
  group: industry
  duplicate_of: aaaa0001
- id: bbbb0002
  theme: workforce
  kind: challenge
  text: Nurses <leave> the region & "never" come back.
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    ws = write_workspace(tmp_path / "ws")
    (ws / PIPELINE / "capture-station-2.yaml").write_text(DUPLICATE, encoding="utf-8")
    return ws


def build(root: Path, *args: str) -> None:
    done = CliRunner().invoke(main, ["-C", str(root), "build", *args])
    assert done.exit_code == 0, done.output


def fresh(root: Path, *, internal: bool = False, language: str | None = None) -> tuple[str, str]:
    """inputs.md and strategy.html rendered from the files, with no cache at all."""
    ws = load_workspace(root).workspace
    assert ws is not None
    return (
        render_inputs(ws, internal=internal, language=language),
        render_html(ws, analyse(ws), internal=internal, language=language),
    )


def built(root: Path, folder: str = "outputs") -> tuple[str, str]:
    out = root / folder
    return (out / "inputs.md").read_text(encoding="utf-8"), (out / "strategy.html").read_text(
        encoding="utf-8"
    )


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_kind_of_change_gives_the_bytes_of_a_fresh_render(root):
    build(root)
    assert built(root) == fresh(root)
    assert "Nurses &lt;leave&gt; the region &amp; &#34;never&#34; come back." in built(root)[1]

    edit(root, f"{KICKOFF}/capture-station-1.yaml", "every month", "every week")
    build(root)
    assert built(root) == fresh(root)
    assert "every week" in built(root)[0]

    edit(root, "strategy.yaml", "label: Research", "label: Research and universities")
    build(root)
    assert built(root) == fresh(root)
    assert "| Research and universities |" in built(root)[0]

    edit(root, "strategy.yaml", "horizon:", "publish:\n  min_group_size: 20\nhorizon:")
    build(root)
    assert built(root) == fresh(root)
    assert "Research and universities" not in built(root)[0], "17 at the kick-off: below 20"

    # The original turns confidential: the duplicate's workshop did not change, but its
    # row may no longer name the original's id.
    edit(
        root,
        f"{KICKOFF}/capture-station-1.yaml",
        "  group: research\n",
        "  group: research\n  confidential: true\n",
    )
    build(root)
    assert built(root) == fresh(root)
    row = next(line for line in built(root)[0].splitlines() if "bbbb0001" in line)
    assert "aaaa0001" not in row and "*duplicate*" in row

    (root / PIPELINE / "capture-station-2.yaml").unlink()
    build(root)
    assert built(root) == fresh(root)
    assert "bbbb0001" not in built(root)[0]


def test_audiences_and_languages_keep_tables_apart(root):
    build(root)
    build(root, "--internal")
    build(root, "--language", "de")
    assert built(root) == fresh(root)
    assert built(root, "outputs/internal") == fresh(root, internal=True)
    assert built(root, "outputs/de") == fresh(root, language="de")
    build(root)  # again public and English, now with every table in the cache
    assert built(root) == fresh(root)


def test_a_corrupt_or_copied_cache_is_never_trusted(root, tmp_path):
    build(root)
    for entry in (root / ".strategist" / "cache").glob("*.entry"):
        entry.write_bytes(b"STRCACHE" + b"\0" * 60)
    edit(root, f"{KICKOFF}/capture-station-1.yaml", "every month", "twice a month")
    build(root)
    assert built(root) == fresh(root)

    # A copy carries the cache along (with its key): its entries are for the other folder.
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    edit(copy, f"{PIPELINE}/capture-station-2.yaml", "A monthly breakfast", "A weekly breakfast")
    build(copy)
    assert built(copy) == fresh(copy)
    assert "A weekly breakfast" in built(copy)[0]


def test_without_the_cache_the_build_is_the_same(root, monkeypatch):
    build(root)
    expected = built(root)
    shutil.rmtree(root / "outputs")
    monkeypatch.setenv("STRATEGIST_CACHE", "off")
    build(root)
    assert built(root) == expected


# The page's sections kept in the cache (`strategist.render.kept`).


def rendered_sections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown of every part of the page rendered from here on (title included)."""
    seen: list[str] = []
    render = Renderer.render

    def counting(self, text, demote=0, charts=()):  # type: ignore[no-untyped-def]
        seen.append(text)
        return render(self, text, demote, charts)

    monkeypatch.setattr(Renderer, "render", counting)
    return seen


def test_a_rebuild_renders_again_only_the_sections_that_changed(root, monkeypatch):
    (root / "narrative").mkdir(exist_ok=True)
    (root / "narrative" / "foreword.md").write_text("A foreword.\n", encoding="utf-8")
    build(root)
    seen = rendered_sections(monkeypatch)
    (root / "narrative" / "foreword.md").write_text("A new foreword.\n", encoding="utf-8")
    build(root)
    assert len(seen) == 2, seen  # the title, and the foreword
    assert "A new foreword." in seen[1]
    monkeypatch.undo()
    assert built(root) == fresh(root)


def test_a_kept_section_whose_citations_resolve_otherwise_is_rendered_again(root):
    ws = load_workspace(root).workspace
    assert ws is not None
    analysis = analyse(ws)
    policy = Policy.of(ws, False, None)
    draft = draft_sections(ws, analysis, policy)
    entries = register(ws, policy)
    page = joined(html_module.page_pieces(ws, analysis, policy, draft, entries, cached=True))
    assert 'href="#in-aaaa0001"' in page  # the theme's citation links to the register's row
    # The same draft with a register that lists nothing: no citation may link anywhere.
    alone = joined(html_module.page_pieces(ws, analysis, policy, draft, [], cached=True))
    assert alone == joined(html_module.page_pieces(ws, analysis, policy, draft, []))
    assert 'href="#in-' not in alone and "aaaa0001" in alone


def test_a_section_that_embeds_an_image_shows_the_image_as_it_is_now(root):
    (root / "narrative").mkdir(exist_ok=True)
    (root / "narrative" / "foreword.md").write_text("![Map](map.png)\n", encoding="utf-8")
    png = b"\x89PNG\r\n\x1a\n"
    (root / "narrative" / "map.png").write_bytes(png + b"first")
    build(root)
    (root / "narrative" / "map.png").write_bytes(png + b"second")
    build(root)
    assert built(root) == fresh(root)
    assert base64.b64encode(png + b"second").decode() in built(root)[1]


def test_a_kept_section_takes_the_heading_anchors_left_to_it(root):
    (root / "narrative").mkdir(exist_ok=True)
    (root / "narrative" / "foreword.md").write_text("A foreword.\n", encoding="utf-8")
    build(root)
    assert 'id="workforce-of-the-future"' in built(root)[1]
    # The foreword comes first and now takes the anchor the theme's heading had.
    foreword = "### Workforce of the future\n\nA foreword.\n"
    (root / "narrative" / "foreword.md").write_text(foreword, encoding="utf-8")
    build(root)
    assert built(root) == fresh(root)
    assert 'id="workforce-of-the-future-2"' in built(root)[1]
