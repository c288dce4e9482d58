"""Mask e-mail addresses and phone numbers in free text before it enters the workspace.

A phone number is a run of at least 8 digits written the way numbers are dialled: with
a country prefix (`+45 4143 0076`, `0049 40 123456`), a leading 0 and an area code
(`040 123 45 67`, `(040) 1234-567`), in pairs or fours (`41 43 00 76`, `4143 0076`) or
in one piece (`41430076`). Years, counts and ranges such as `2023-2027` or
`247 medlemmer` are left alone.
"""

from __future__ import annotations

import re

__all__ = ["EMAIL_MASK", "PHONE_MASK", "mask"]

EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[phone]"

_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)\d{1,3}(?:[ ./-]?\(?\d{1,5}\)?){2,6}"  # international
    r"|\(?0\d{1,5}\)?[ /-]?\d{2,}(?:[ -]\d{2,})*"  # national, area code with 0
    r"|\d{2} \d{2} \d{2} \d{2}"  # Danish pairs
    r"|\d{4} \d{4}"  # Danish fours
    r"|\d{8,15}"  # one piece
    r")(?!\w)"
)


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def mask(text: str) -> tuple[str, int, int]:
    """`text` with e-mail addresses and phone numbers replaced by `[e-mail]` and
    `[phone]`, and how many of each were masked."""
    text, emails = _EMAIL.subn(EMAIL_MASK, text)
    phones = 0

    def phone(match: re.Match[str]) -> str:
        nonlocal phones
        if _digits(match.group()) < 8:
            return match.group()
        phones += 1
        return PHONE_MASK

    text = _PHONE.sub(phone, text)
    return text, emails, phones
