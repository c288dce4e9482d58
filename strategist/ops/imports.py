"""Write an import's capture file (and, when asked, create its workshop first).

An import owns its file, ``capture-import-<profile>.yaml``: each import replaces the
whole file with what the export holds now, so curation done in that file is undone by
the next import (curate the workshop's other files, or the export, instead). The edit
goes through `strategist.ops._commit.commit` like every other: it is refused with an
`OpsError` when the new file would add a `check` error, and nothing is written then;
a file whose content would not change is not written at all.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from strategist import store
from strategist.importers.summary import ImportPlan
from strategist.model import FORMATS, Workshop, Workspace
from strategist.ops import OpsError
from strategist.ops._commit import check_file_id, commit
from strategist.suggest import did_you_mean

__all__ = ["NewWorkshop", "write_import"]


class NewWorkshop:
    """The workshop `--create-workshop` makes when it does not exist yet."""

    def __init__(self, title: str, date: dt.date, format: str = "survey") -> None:
        self.title = title.strip()
        self.date = date
        self.format = format


def _new_workshop(ws: Workspace, plan: ImportPlan, new: NewWorkshop) -> Workshop:
    check_file_id(plan.workshop_id, "workshop")
    if Path(ws.root, "workshops", plan.workshop_id).exists():
        raise OpsError(
            f"workshops/{plan.workshop_id}/ exists but is not loaded (fix its workshop.yaml)"
        )
    if not new.title:
        raise OpsError("a new workshop needs a title (--title)")
    if new.format not in FORMATS:
        raise OpsError(f"unknown format {new.format!r}: use one of {', '.join(FORMATS)}")
    # The respondents are the workshop's participants, by group.
    return Workshop(
        id=plan.workshop_id,
        title=new.title,
        date=new.date,
        format=new.format,
        attendance=dict(plan.summary.respondents),
    )


def write_import(ws: Workspace, plan: ImportPlan, new: NewWorkshop | None = None) -> bool:
    """Replace the plan's capture file by its capture (creating the workshop if `new`).

    Returns:
        True when a file was written; False when the file already held exactly this.

    Raises:
        OpsError: unknown workshop (without `new`), or the file would add an error.
        store.StoreError: the capture file changed on disk, or exists but did not load.
    """
    workshop = ws.workshops.get(plan.workshop_id)
    draft = copy.copy(ws)
    draft.workshops = dict(ws.workshops)
    draft.stamps = dict(ws.stamps)
    draft.comments = dict(ws.comments)
    if workshop is None:
        if new is None:
            hint = did_you_mean(plan.workshop_id, ws.workshops)
            raise OpsError(
                f"there is no workshop {plan.workshop_id!r}{hint}; create it with "
                "`strategist workshop add` or import with --create-workshop --title T --date D"
            )
        workshop = _new_workshop(ws, plan, new)
        draft.workshops[plan.workshop_id] = workshop
        draft.workshops = dict(sorted(draft.workshops.items(), key=lambda kv: (kv[1].date, kv[0])))
    else:
        workshop = copy.copy(workshop)
        workshop.captures = dict(workshop.captures)
        draft.workshops[plan.workshop_id] = workshop
    relpath = store.capture_file(plan.workshop_id, plan.device)
    if plan.device not in workshop.captures and Path(ws.root, relpath).exists():
        raise store.StaleFileError(
            f"{relpath}: exists on disk but was not loaded (fix its errors, or delete it "
            "to import afresh)"
        )
    if workshop.captures.get(plan.device) == plan.capture:
        return False
    workshop.captures[plan.device] = plan.capture
    workshop.captures = dict(sorted(workshop.captures.items()))
    commit(ws, draft)
    return True
