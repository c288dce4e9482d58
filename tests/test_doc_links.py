"""Every local link in the repository's Markdown points at something that exists, and no
document points outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("docs", "narrative", "outputs", "examples")
_LINK = re.compile(r"(?<!\!)\[[^\]\n]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|!\[[^\]\n]*\]\(([^)\s]+)")
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def documents() -> list[Path]:
    found = [ROOT / "README.md"] if (ROOT / "README.md").is_file() else []
    for folder in FOLDERS:
        found += sorted((ROOT / folder).rglob("*.md"))
    return found


def links(path: Path) -> list[str]:
    text = _CODE.sub("", path.read_text(encoding="utf-8"))
    return [a or b for a, b in _LINK.findall(text)]


def anchors(path: Path) -> set[str]:
    """GitHub's heading anchors (lowercase, punctuation dropped, spaces as dashes) and the
    input register's `<a id="…">` anchors."""
    text = path.read_text(encoding="utf-8")
    found = set(re.findall(r'<a id="([a-z0-9-]+)"></a>', text))
    for line in text.splitlines():
        if match := re.match(r"#{1,6}\s+(.*)", line):
            title = match.group(1).strip().lower()
            found.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return found


def test_there_are_documents_to_check() -> None:
    assert ROOT / "README.md" in documents()


@pytest.mark.parametrize("path", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_local_link_points_at_an_existing_file(path: Path) -> None:
    broken = []
    for target in links(path):
        if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        destination = (path.parent / file_part).resolve() if file_part else path
        missing = not destination.exists() or not destination.is_relative_to(ROOT)
        if missing or (
            anchor and destination.suffix == ".md" and anchor not in anchors(destination)
        ):
            broken.append(target)
    assert broken == []


@pytest.mark.parametrize("path", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_document_points_outside_the_repository(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "DESIGN.md" not in text
    assert "../shared" not in text
