"""Survey and live-poll exports → capture files.

`plan_import` reads an export (CSV or XLSX) and a profile and returns the capture file
the import would write, with a summary; nothing is written. `strategist.ops.imports`
writes it. The CLI (`strategist import survey|poll`) and the TUI's import dialog both
call these two, so they write the same bytes.

Privacy: only the columns a profile names are read; a layout's personal columns (name,
e-mail, IP, token …) are refused even when named; e-mail addresses and phone numbers in
free text are masked; respondents become pseudonymous voters derived from the response
id (or row number), never from a personal column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from strategist.importers._table import Table, read_table
from strategist.importers.errors import ImportRefused
from strategist.importers.layouts import POLL_LAYOUT, SURVEY_LAYOUTS
from strategist.importers.profile import PollProfile, SurveyProfile, load_profile
from strategist.importers.summary import ImportPlan, Summary
from strategist.model import Workspace

__all__ = [
    "POLL_LAYOUT",
    "SURVEY_LAYOUTS",
    "ImportPlan",
    "ImportRefused",
    "Summary",
    "Table",
    "load_profile",
    "plan_import",
    "read_table",
]

Kind = Literal["survey", "poll"]


def plan_import(
    ws: Workspace,
    export: Path,
    profile_path: Path,
    workshop_id: str,
    kind: Kind | None = None,
    *,
    export_shown: str | None = None,
    profile_shown: str | None = None,
) -> ImportPlan:
    """What importing `export` with the profile at `profile_path` would write.

    Args:
        ws: the workspace (its groups and themes are checked).
        export: the survey or poll export.
        profile_path: the profile.
        workshop_id: the workshop the capture file goes to.
        kind: "survey" or "poll" to insist on one; None takes what the profile is.
        export_shown, profile_shown: how messages name the two files (default: as given).

    Raises:
        ImportRefused: anything the import does not accept; nothing was written.
        OSError: a file cannot be read.
    """
    from strategist.importers.poll import plan_poll
    from strategist.importers.survey import plan_survey

    profile_name = profile_shown or str(profile_path)
    profile = load_profile(profile_path, profile_name)
    if kind == "survey" and isinstance(profile, PollProfile):
        raise ImportRefused(
            f"{profile_name}: `layout: table` is a poll profile; use `strategist import poll`"
        )
    if kind == "poll" and isinstance(profile, SurveyProfile):
        raise ImportRefused(
            f"{profile_name}: layout {profile.layout!r} is a survey profile; "
            "use `strategist import survey`, or `layout: table` for a results table"
        )
    table = read_table(export, export_shown or str(export), profile.sheet)
    if isinstance(profile, PollProfile):
        return plan_poll(ws, table, profile, workshop_id)
    return plan_survey(ws, table, profile, workshop_id)
