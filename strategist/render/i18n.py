"""The fixed phrases of generated documents, and the formats of their figures, per language.

Phrases live in gettext catalogs in `strategist/locale/`: `strategist.pot` holds the
English source (`msgctxt` is the key the code asks for, `msgid` the English phrase) and
`de.po`, `da.po` the translations, read as they are (no compile step). A translation that
is missing, marked fuzzy or made from an older English phrase falls back to English here;
the catalog test fails on each, so a released catalog has none.

Numbers, percentages, dates and lists are formatted by Babel (CLDR): `en` as `en_GB`,
`de` as `de_DE`, `da` as `da_DK`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

__all__ = [
    "LANGUAGES",
    "LOCALE_DIR",
    "Formats",
    "catalog",
    "counted",
    "formats",
    "t",
]

LANGUAGES: dict[str, str] = {"en": "en_GB", "de": "de_DE", "da": "da_DK"}
"""Document language → the CLDR locale its figures are formatted in."""

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
TEMPLATE = "strategist.pot"


@cache
def catalog(lang: str) -> dict[str, str]:
    """Key → phrase for `lang`: the English source, or a translation over it.

    Raises:
        OSError: a catalog file cannot be read (a broken installation).
    """
    from babel.messages.pofile import read_po

    with (LOCALE_DIR / TEMPLATE).open("rb") as fh:
        phrases = {str(m.context): str(m.id) for m in read_po(fh) if m.context}
    path = LOCALE_DIR / f"{lang}.po"
    if lang != "en" and path.is_file():
        with path.open("rb") as fh:
            for m in read_po(fh):
                # Only a translation of the current English phrase: one made from an
                # older wording may lack (or name) a placeholder the code now fills.
                if m.string and not m.fuzzy and phrases.get(str(m.context)) == m.id:
                    phrases[str(m.context)] = str(m.string)
    return phrases


def counted(key: str, count: int) -> str:
    """`key.one` for one thing, `key.many` for several: the catalog keys of a phrase whose
    verb or noun agrees with how many it names."""
    return f"{key}.one" if count == 1 else f"{key}.many"


def t(key: str, lang: str = "en", **kw: object) -> str:
    """The phrase `key` in `lang`, formatted with `kw`.

    Raises:
        KeyError: `key` is not in the English catalog (a programming error).
    """
    phrase = catalog(lang if lang in LANGUAGES else "en")[key]
    return phrase.format(**kw) if kw else phrase


# A percentage with one decimal in the locale's own pattern: en_GB `#,##0%` becomes
# `#,##0.0%` (22.7%), de_DE and da_DK `#,##0 %` with a no-break space `#,##0.0 %` (22,7 %).
_INTEGER_END = re.compile(r"0(?=[^0#,.;]*%)")


class Formats:
    """The figures of one document language: numbers, shares, dates, lists."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self.locale = LANGUAGES[self.lang]
        pattern = str(Locale.parse(self.locale).percent_formats[None].pattern)
        self._percent = _INTEGER_END.sub("0.0", pattern, count=1)
        self._dates: dict[dt.date, str] = {}
        self._numbers: dict[float | int, str] = {}

    def number(self, value: float | int) -> str:
        """A figure the team typed, exactly (never rounded), with the locale's separators."""
        if isinstance(value, bool):
            value = int(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        found = self._numbers.get(value)
        if found is None:  # Babel takes tens of microseconds, and a draft repeats its counts
            found = str(format_decimal(value, locale=self.locale, decimal_quantization=False))
            self._numbers[value] = found
        return found

    def decimal(self, value: float, places: int = 2) -> str:
        """A computed figure rounded to `places` decimals (`0.32`, `0,32`)."""
        pattern = "0." + "0" * places if places else "0"
        return str(format_decimal(value, pattern, locale=self.locale))

    def share(self, value: float) -> str:
        """A share of 1 as a percentage with one decimal."""
        return str(format_percent(value, self._percent, locale=self.locale))

    def date(self, day: dt.date) -> str:
        """A date written out: `11 September 2018`, `11. September 2018`, `11. september 2018`."""
        found = self._dates.get(day)
        if found is None:  # a register writes each workshop's date once per theme
            found = self._dates[day] = str(format_date(day, "long", locale=self.locale))
        return found

    def listing(self, items: Sequence[str]) -> str:
        """`A, B and C` in the language (`A, B und C`, `A, B og C`); items already escaped."""
        return str(format_list(list(items), locale=self.locale)) if items else ""


@cache
def formats(lang: str) -> Formats:
    """The `Formats` of `lang` (English for an unknown language)."""
    return Formats(lang)
