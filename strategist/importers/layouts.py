"""What each survey tool's export looks like: the columns it adds, which of them are
personal, its response id and how a multiple-choice answer joins its labels.

Header names are compared case-insensitively and with runs of spaces as one, in the
languages strategist speaks (English, German, Danish), since the tools localise them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LAYOUTS", "POLL_LAYOUT", "SURVEY_LAYOUTS", "Layout", "header_key", "personal_reason"]


def header_key(header: str) -> str:
    """A header as compared with the lists below: lowercase, single spaces."""
    return re.sub(r"\s+", " ", header).strip().casefold()


@dataclass(frozen=True)
class Layout:
    name: str
    separator: str
    """How a multiple-choice cell joins the chosen labels."""
    id_columns: tuple[str, ...]
    """Headers of the response id column (the first present is taken)."""
    personal: tuple[str, ...]
    """Headers of the columns that say who answered: never imported."""


_ANYWHERE = (
    # (what the column holds, header names), refused under every layout
    (
        "e-mail",
        (
            "email",
            "e-mail",
            "e-mail address",
            "email address",
            "mail",
            "e-mail-adresse",
            "mailadresse",
            "e-mailadresse",
            "respondent email",
            "responder",
        ),
    ),
    (
        "name",
        (
            "name",
            "full name",
            "first name",
            "last name",
            "firstname",
            "lastname",
            "navn",
            "fornavn",
            "efternavn",
            "fulde navn",
            "vorname",
            "nachname",
            "respondent name",
        ),
    ),
    ("IP address", ("ip", "ip address", "ipaddr", "ip-adresse", "ip adresse")),
    (
        "phone number",
        (
            "phone",
            "telephone",
            "mobile",
            "telefon",
            "telefonnummer",
            "mobil",
            "mobilnummer",
            "telefonnummer (mobil)",
        ),
    ),
    ("access token", ("token", "access code", "zugangsschlüssel", "adgangskode")),
)

_PERSONAL: dict[str, str] = {name: what for what, names in _ANYWHERE for name in names}


def personal_reason(layout: Layout, header: str) -> str | None:
    """What personal data column `header` holds (e-mail, name …), or None."""
    key = header_key(header)
    if key in {header_key(p) for p in layout.personal}:
        return _PERSONAL.get(key, "personal data")
    return _PERSONAL.get(key)


LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        # ID, Start time, Completion time, Email, Name, Last modified time; multiple
        # choices as "A;B;" (with a trailing separator).
        Layout(
            "microsoft-forms",
            ";",
            ("ID", "Id"),
            (
                "Email",
                "Name",
                "E-Mail",
                "Mail",
                "Navn",
                "Responder",
                "Total points",
                "Quiz feedback",
            ),
        ),
        # Timestamp, Email Address (when collected), then the questions; multiple
        # choices as "A, B".
        Layout(
            "google-forms",
            ", ",
            (),
            (
                "Email Address",
                "Email address",
                "E-Mail-Adresse",
                "Mailadresse",
                "Score",
                "Punktzahl",
                "Point",
            ),
        ),
        # Response ID, Date submitted, Last page, Start language, Seed, Token, IP address,
        # Referrer URL, names and e-mail of a participant list; multiple choice as one
        # column per answer (`columns: true`), ranks likewise.
        Layout(
            "limesurvey",
            ";",
            ("Response ID", "id", "Antwort ID", "Svar-ID"),
            (
                "Token",
                "IP address",
                "ipaddr",
                "Referrer URL",
                "refurl",
                "First name",
                "Last name",
                "Email address",
                "firstname",
                "lastname",
                "email",
                "Seed",
            ),
        ),
        # Any table whose columns the profile names; no column is known to be an id.
        Layout("generic", ";", (), ()),
    )
}
SURVEY_LAYOUTS = tuple(LAYOUTS)
POLL_LAYOUT = "table"
"""The layout of an aggregate results table (`import poll`)."""
