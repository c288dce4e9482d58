"""Control, bidi and zero-width characters in the text fields of a model.

A control character (C0, C1, DEL; tab and newline excepted) in any text is an error: it
could rewrite a terminal that prints it or hide text in a document. Bidi overrides and
isolates and zero-width characters are warnings: legal text, but able to make a line read
otherwise than it is; generated documents leave them out. Raw control characters in a
file are reported where they stand when the file is read (`strategist.store._text`); this
catches the ones a YAML escape (`"\\e"`, `"\\u202e"`) or an edit in memory put there.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

from strategist.chars import CONTROL, describe
from strategist.model import Capture
from strategist.store._report import Report, capture_path, theme_path, workshop_path
from strategist.store._sourcemap import KeyPath

__all__ = ["capture_text_fields", "check_characters", "texts_clean"]

_SUSPECT = re.compile(
    CONTROL.pattern[:-1] + "\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
"""CONTROL and INVISIBLE in one class, so clean text costs one search."""

TextField = tuple[str, KeyPath, str]


def _fields_to_check(r: Report, clean: Collection[str]) -> Iterator[TextField]:
    """(file, key path, text) of every free-text field of the model but those of the
    capture files in `clean`."""
    s = r.ws.strategy
    for key in ("cluster", "title", "version", "facilitator", "summary", "vision", "monitoring"):
        yield "strategy.yaml", (key,), getattr(s, key)
    for gid, group in s.groups.items():
        yield "strategy.yaml", ("groups", gid, "label"), group.label
    for theme in r.ws.themes.values():
        path = theme_path(theme.id)
        yield path, ("title",), theme.title
        yield path, ("summary",), theme.summary
        yield path, ("owner",), theme.owner
        for i, objective in enumerate(theme.objectives):
            here: KeyPath = ("objectives", i)
            yield path, (*here, "text"), objective.text
            for j, kpi in enumerate(objective.kpis):
                yield path, (*here, "kpis", j, "name"), kpi.name
                yield path, (*here, "kpis", j, "unit"), kpi.unit
            for j, measure in enumerate(objective.measures):
                yield path, (*here, "measures", j, "text"), measure.text
                yield path, (*here, "measures", j, "owner"), measure.owner
    for workshop in r.ws.workshops.values():
        path = workshop_path(workshop.id)
        yield path, ("title",), workshop.title
        yield path, ("location",), workshop.location
        for device, capture in workshop.captures.items():
            relpath = capture_path(workshop.id, device)
            if relpath not in clean:
                yield from capture_text_fields(relpath, capture)


def texts_clean(capture: Capture) -> bool:
    """Whether no text of `capture` holds a character `check_characters` reports: one
    search through all of them (the line breaks that join them are allowed text)."""
    texts = [item.text for item in capture.inputs]
    for vote in capture.votes:
        texts.append(vote.question)
        texts += [ballot.voter for ballot in vote.ballots]
    return _SUSPECT.search("\n".join(texts)) is None


def capture_text_fields(path: str, capture: Capture) -> Iterator[TextField]:
    """(file, key path, text) of every free-text field of one capture file."""
    for i, item in enumerate(capture.inputs):
        yield path, ("inputs", i, "text"), item.text
    for i, vote in enumerate(capture.votes):
        yield path, ("votes", i, "question"), vote.question
        for j, ballot in enumerate(vote.ballots):
            yield path, ("votes", i, "ballots", j, "voter"), ballot.voter


def check_characters(
    r: Report, fields: Iterable[TextField] | None = None, clean: Collection[str] = ()
) -> None:
    """Report the first control (error) and the first invisible character (warning) of
    each text field (of the whole model but the capture files in `clean`, or of
    `fields`)."""
    for relpath, path, text in _fields_to_check(r, clean) if fields is None else fields:
        if not text or _SUSPECT.search(text) is None:
            continue
        control = CONTROL.search(text)
        if control is not None:
            message = (
                f"control character {describe(control.group(0))} at character "
                f"{control.start() + 1} of the text: remove it (only tab and line breaks "
                "are allowed)"
            )
            r.error(relpath, path, "control-character", message)
        invisible = _SUSPECT.search(CONTROL.sub("", text))
        if invisible is not None:
            message = (
                f"invisible character {describe(invisible.group(0))} (a bidi control or "
                "zero-width character): it can make the text read otherwise than it is, "
                "and generated documents leave it out"
            )
            r.warning(relpath, path, "invisible-character", message)
