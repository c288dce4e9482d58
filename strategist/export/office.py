"""The draft as DOCX or ODT, made by pandoc from the Markdown draft.

pandoc reads the draft as GitHub-flavoured Markdown (the dialect it is written and
escaped for) with raw HTML off, so tables become real tables and the draft's `##`
sections the word processor's "Heading 1" (its `#` title becomes the document's title).
The web page's charts (`strategist.render.page_charts`, the same SVG under the same
publication rules) go where the page puts them: the dependency chart in place of the
Mermaid block, which only a Markdown viewer can draw, the others at the start or end of
their section or after its first table. pandoc embeds each SVG with a PNG copy at twice
the chart's size, which Word before 2016 and LibreOffice show.

pandoc runs in a fresh temporary folder that holds only what it may read — the images
the document embeds — with `--resource-path` set to that folder, an empty data folder (no
user template changes the result) and `SOURCE_DATE_EPOCH=0`, so the same workspace
gives the same bytes. (pandoc's `--sandbox` would also do, but it embeds the images it
is given as `data:` URLs without the PNG copy that Word versions before 2016 show.)
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt

from strategist.analysis import Analysis
from strategist.export import engines
from strategist.model import Workspace
from strategist.render.common import Policy
from strategist.render.escape import inline
from strategist.render.i18n import LANGUAGES
from strategist.render.markdown import Draft, draft_sections
from strategist.render.markup import IMAGE_LIMIT
from strategist.render.page_charts import Chart, page_charts
from strategist.render.team_text import allowed_image

__all__ = [
    "PANDOC_TIMEOUT",
    "REFERENCE",
    "OfficeDraft",
    "ReferenceDocError",
    "office_draft",
    "reference_doc",
    "run_pandoc",
]

PANDOC_TIMEOUT = 300.0
"""Seconds a pandoc run may take before it is given up."""

REFERENCE = "narrative/reference.{ext}"
"""The workspace's optional style template: `reference.docx` or `reference.odt`."""

CHART_FOLDER = ".strategist-charts"
"""Where the chart images lie for pandoc: a name no narrative image can have (they are
found below `narrative/`, and a hidden folder is never a draft's image path)."""

CHART_SCALE = 2
"""pandoc draws the PNG copy of a chart at its SVG's size: twice that is sharp in print
(the document shows it at the text's width either way)."""

_ROOT_SIZE = re.compile(r'\A(<svg\b[^>]*?) width="([0-9.]+)" height="([0-9.]+)"')
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.DOTALL)

_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
"""PNG and JPEG, the narrative images a document embeds (SVG can hold script)."""


class ReferenceDocError(Exception):
    """The workspace's reference document cannot be used (it links out of the workspace)."""


@dataclass(frozen=True)
class OfficeDraft:
    """What pandoc is given: the Markdown, and the images it names by relative path."""

    markdown: str
    images: dict[str, bytes] = field(default_factory=dict)


def office_draft(ws: Workspace, analysis: Analysis, internal: bool = False) -> OfficeDraft:
    """The Markdown draft as pandoc gets it: with the page's charts as images in place
    of the Mermaid block and where the page shows them, and with the team's narrative
    images that may be embedded."""
    policy = Policy.of(ws, internal)
    draft = draft_sections(ws, analysis, policy)
    charts = page_charts(ws, analysis, policy)
    images: dict[str, bytes] = {}
    sections = []
    for key, heading, body in draft.sections:
        here = []
        for chart in (c for c in charts if c.section == key):
            name = f"{CHART_FOLDER}/chart-{len(images) + 1}.svg"
            images[name] = _scaled(chart.svg).encode("utf-8")
            here.append((chart, f"![{inline(_title(chart.svg))}]({name})"))
        sections.append((key, heading, _with_charts(body, here)))
    markdown = Draft(draft.title, sections).markdown()
    return OfficeDraft(markdown, _narrative_images(Path(ws.root), markdown) | images)


def _title(svg: str) -> str:
    """A chart's `<title>`, the image's description in the document."""
    found = _TITLE.search(svg)
    return " ".join(html.unescape(found.group(1)).split()) if found else ""


def _scaled(svg: str) -> str:
    """The chart with CHART_SCALE times its width and height (its viewBox unchanged)."""

    def bigger(match: re.Match[str]) -> str:
        width, height = (float(match.group(i)) * CHART_SCALE for i in (2, 3))
        return f'{match.group(1)} width="{width:g}" height="{height:g}"'

    return _ROOT_SIZE.sub(bigger, svg.lstrip(), count=1)


def _with_charts(body: str, charts: list[tuple[Chart, str]]) -> str:
    """A section's Markdown with its charts' image lines where the web page puts the
    charts (`Chart.placement`): at the start, in place of the Mermaid fence, after the
    section's first or last table, or at the end — where the section has no such table
    or fence, or the placement is one this function does not know, at the end, so that
    no chart is lost."""
    if not charts:
        return body
    tokens = _parser().parse(body)
    fence = next(
        (tok.map for tok in tokens if tok.type == "fence" and tok.info.strip() == "mermaid"),
        None,
    )
    tables = [tok.map[1] for tok in tokens if tok.type == "table_open" and tok.map]
    before: dict[int, list[str]] = {}  # line number → the images that go before it
    last = len(body.split("\n"))
    for chart, ref in charts:
        if chart.placement == "start":
            line = 0
        elif chart.placement == "fence" and fence is not None:
            line = fence[0]
        elif chart.placement == "first-table" and tables:
            line = tables[0]
        elif chart.placement == "last-table" and tables:
            line = tables[-1]
        else:
            line = last + 1  # after what follows a table that ends the section
        before.setdefault(line, []).append(ref)
    out: list[str] = []
    for number, line_text in enumerate([*body.split("\n"), "", ""]):
        out += _paragraphs(before.get(number, []))
        inside_fence = fence is not None and fence[0] <= number < fence[1]
        if number < last and not inside_fence:
            out.append(line_text)
    return "\n".join(out).strip("\n")


def _paragraphs(refs: list[str]) -> list[str]:
    """Each image as a paragraph of its own (blank lines around it)."""
    return [line for ref in refs for line in ("", ref, "")]


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def _narrative_images(root: Path, markdown: str) -> dict[str, bytes]:
    """The images the draft shows, by the path it names them with: each a PNG or JPEG
    inside `narrative/` (named from there or from the workspace root) of at most
    IMAGE_LIMIT bytes. Others are left out; pandoc then shows their description."""
    sources = {
        str(child.attrGet("src") or "")
        for token in _parser().parse(markdown)
        for child in token.children or ()
        if child.type == "image"
    }
    folder = root.resolve() / "narrative"
    found: dict[str, bytes] = {}
    for src in sorted(s for s in sources if allowed_image(s)):
        for base in (folder, root.resolve()):
            path = (base / src).resolve()
            if not path.is_relative_to(folder) or not path.is_file():
                continue
            try:
                if path.stat().st_size <= IMAGE_LIMIT:
                    data = path.read_bytes()
                    if data.startswith(_SIGNATURES):
                        found[posixpath.normpath(src)] = data
            except OSError:
                pass
            break
    return found


def reference_doc(ws: Workspace, ext: str) -> Path | None:
    """The workspace's `narrative/reference.<ext>`, when there is one.

    Raises:
        ReferenceDocError: it is a symbolic link that leads out of the workspace (which
            strategist never reads, as with every other workspace file).
    """
    root = Path(ws.root).resolve()
    name = REFERENCE.format(ext=ext)
    path = root / name
    if not path.is_file():
        return None
    if not path.resolve().is_relative_to(root):
        raise ReferenceDocError(
            f"{name} is a symbolic link out of the workspace; strategist does not read it "
            "(copy the file into narrative/ instead)"
        )
    return path


def language_tag(lang: str) -> str:
    """The BCP 47 tag of a workspace language: `en-GB`, `de-DE`, `da-DK` — the locales
    the draft's figures are written in, so a spelling checker checks the right English."""
    return LANGUAGES.get(lang, LANGUAGES["en"]).replace("_", "-")


def run_pandoc(draft: OfficeDraft, fmt: str, lang: str, reference: Path | None = None) -> bytes:
    """pandoc's `fmt` (`docx` or `odt`) of `draft`.

    Raises:
        engines.MissingEngine: pandoc cannot be found or started.
        engines.EngineFailed: pandoc failed or took longer than PANDOC_TIMEOUT.
    """
    pandoc = engines.pandoc_path()
    with tempfile.TemporaryDirectory(prefix="strategist-pandoc-") as folder:
        work = Path(folder)
        for name, data in draft.images.items():
            target = work / "resources" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (work / "data").mkdir()
        command = [
            pandoc,
            f"--data-dir={work / 'data'}",
            f"--resource-path={work / 'resources'}",
            "--from=gfm-raw_html",
            f"--to={fmt}",
            "--shift-heading-level-by=-1",
            f"--metadata=lang:{language_tag(lang)}",
            "--output=-",
        ]
        if reference is not None:
            command.append(f"--reference-doc={reference}")
        environment = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(work),
            "LANG": "C.UTF-8",
            "SOURCE_DATE_EPOCH": "0",
        }
        try:
            done = subprocess.run(
                command,
                input=draft.markdown.encode("utf-8"),
                capture_output=True,
                cwd=work,
                env=environment,
                timeout=PANDOC_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise engines.EngineFailed(f"pandoc took longer than {PANDOC_TIMEOUT:.0f} s") from error
        except OSError as error:
            raise engines.MissingEngine(
                f"pandoc could not be started ({error.strerror or error}): run "
                f"`{engines.PANDOC_HINT}`"
            ) from error
    if done.returncode != 0 or not done.stdout:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise engines.EngineFailed(
            f"pandoc failed: {said[-1] if said else f'exit {done.returncode}'}"
        )
    return done.stdout
