"""The phrase catalogs: every translation complete, current and with the English placeholders,
and every key the renderers ask for present in the English source."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from strategist import vocabulary
from strategist.render.i18n import LANGUAGES, LOCALE_DIR, catalog

TEMPLATE = LOCALE_DIR / "strategist.pot"
RENDER = Path(__file__).resolve().parents[2] / "strategist" / "render"


def _entries(path: Path) -> dict[str, tuple[str, str, bool]]:
    """msgctxt → (msgid, msgstr, fuzzy)."""
    with path.open("rb") as fh:
        return {
            str(m.context): (str(m.id), str(m.string), m.fuzzy) for m in read_po(fh) if m.context
        }


def _fields(phrase: str) -> list[str]:
    return sorted(f for _, f, _, _ in string.Formatter().parse(phrase) if f is not None)


ENGLISH = _entries(TEMPLATE)


@pytest.mark.parametrize("lang", sorted(set(LANGUAGES) - {"en"}))
def test_a_translation_has_every_key_current_and_with_the_same_placeholders(lang: str) -> None:
    translated = _entries(LOCALE_DIR / f"{lang}.po")
    missing = [key for key in ENGLISH if key not in translated or not translated[key][1]]
    assert not missing, f"{lang}.po lacks a translation of {missing}"
    stale = [key for key, (msgid, _s, _f) in ENGLISH.items() if translated[key][0] != msgid]
    assert not stale, f"{lang}.po translates an older English phrase of {stale}"
    fuzzy = [key for key in ENGLISH if translated[key][2]]
    assert not fuzzy, f"{lang}.po marks {fuzzy} fuzzy"
    obsolete = sorted(set(translated) - set(ENGLISH))
    assert not obsolete, f"{lang}.po still holds {obsolete}"
    for key, (msgid, _s, _f) in ENGLISH.items():
        assert _fields(translated[key][1]) == _fields(msgid), f"{lang}.po {key}: placeholders"


def test_the_catalog_check_catches_a_missing_key_and_a_changed_placeholder(
    tmp_path: Path,
) -> None:
    """The test above can fail: a copy of de.po without one entry and with one placeholder
    renamed is caught on both counts."""
    text = (LOCALE_DIR / "de.po").read_text(encoding="utf-8")
    broken = re.sub(r'msgctxt "h\.roadmap"\nmsgid "[^"]*"\nmsgstr "[^"]*"\n', "", text)
    broken = re.sub(r'(msgstr "[^"\n]*)\{n\}', r"\1{count}", broken, count=1)
    assert broken != text
    path = tmp_path / "de.po"
    path.write_text(broken, encoding="utf-8")
    translated = _entries(path)
    assert "h.roadmap" not in translated
    assert any(
        _fields(translated[k][1]) != _fields(ENGLISH[k][0]) for k in ENGLISH if k in translated
    )


def test_every_key_the_renderers_ask_for_is_in_the_english_source() -> None:
    literal = set()
    for path in RENDER.glob("*.py"):
        literal |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+)["']""", path.read_text()))
    built = {f"status.{s}" for s in (*vocabulary.STATUSES, *vocabulary.THEME_STATUSES)}
    built |= {f"format.{f}" for f in vocabulary.FORMATS}
    built |= {f"kind.{k}" for k in vocabulary.INPUT_KINDS}
    built |= {f"vote_method.{m}" for m in vocabulary.METHODS}
    built |= {f"role.{r}" for r in ("critical", "active", "reactive", "buffering")}
    built |= {f"band.{b}" for b in ("weak", "moderate", "strong")}
    assert literal and not (literal | built) - set(ENGLISH)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_language_has_a_phrase_for_every_key(lang: str) -> None:
    assert set(catalog(lang)) == set(ENGLISH)
