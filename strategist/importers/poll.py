"""A live poll's aggregate results table → one vote with tallies.

Mentimeter, Slido and the like export one row per answer option with its count, or one
count column per audience group. The profile names the option column, the count
column(s) and maps each option label to an option id; every label in the table must be
mapped, so a renamed or added option is never dropped silently.
"""

from __future__ import annotations

from strategist.importers._columns import Columns, parse_number
from strategist.importers._table import Table
from strategist.importers.errors import ImportRefused
from strategist.importers.layouts import Layout
from strategist.importers.profile import PollProfile
from strategist.importers.summary import ImportPlan, Summary
from strategist.importers.survey import check_names
from strategist.model import Capture, ScoreTally, Vote, Workspace
from strategist.suggest import did_you_mean

__all__ = ["plan_poll"]

_TABLE = Layout("table", ";", (), ())


def plan_poll(ws: Workspace, table: Table, profile: PollProfile, workshop_id: str) -> ImportPlan:
    """Turn a results table into the capture file `profile` describes (nothing written).

    Raises:
        ImportRefused: a column, option label or count the profile or workspace does not
            accept; the message names file, row and column and what to fix.
    """
    groups = {g: (ref.line, ref.column) for g, ref in profile.counts.items()}
    check_names(ws, profile.shown, groups, [])
    columns = Columns(table, _TABLE, profile.shown)
    option_col = columns.index(profile.option_column)
    count_cols = {g: columns.index(ref) for g, ref in profile.counts.items()}
    vote = profile.vote
    by_label = {ref.text: option for option, ref in vote.options.items()}
    summary = Summary(table.source, f"{table.kind} ({table.detail})".replace(" ()", ""), poll=True)
    summary.rows = len(table.rows)
    counts: dict[str, dict[str, int]] = {g: {} for g in count_cols}
    seen: dict[str, int] = {}
    for n, row in enumerate(table.rows):
        if not any(cell.strip() for cell in row):
            summary.skipped.append((table.row_number(n), "empty row"))
            continue
        label = row[option_col].strip()
        if label not in by_label:
            hint = did_you_mean(label, by_label)
            shown = repr(label) if label else "an empty option"
            raise ImportRefused(
                f"{columns.where(n, option_col)}: {shown}{hint} is not among the profile's "
                f"options; map it under `options` ({profile.shown}:{vote.line})"
            )
        option = by_label[label]
        if option in seen:
            raise ImportRefused(
                f"{columns.where(n, option_col)}: option {label!r} is also on row "
                f"{table.row_number(seen[option])}; give each option one row"
            )
        seen[option] = n
        for group, col in count_cols.items():
            text = row[col].strip()
            if not text:
                continue
            value = parse_number(text)
            if not isinstance(value, int) or value < 0:
                raise ImportRefused(
                    f"{columns.where(n, col)}: {text!r} is not a count (a whole number, "
                    "0 or more); correct the cell"
                )
            counts[group][option] = value
    tallies: dict[str, dict[str, int | ScoreTally]] = {
        g: {o: counts[g][o] for o in vote.options if o in counts[g]}
        for g in ws.strategy.groups
        if counts.get(g)
    }
    result = Vote(vote.id, vote.question, vote.method, list(vote.options), tallies=tallies)
    summary.votes = {vote.id: (vote.method, len(tallies))}
    capture = Capture(device=f"import-{profile.name}", votes=[result])
    return ImportPlan(workshop_id, profile.name, capture, summary)
