"""A survey export and its profile → one capture file of ballots and inputs.

Each response row becomes the ballots of one pseudonymous voter, ``s-`` and the first 8
hex digits of sha256(profile name, NUL, response id), in the group the profile maps its
answer to; each mapped free-text cell becomes an input whose id is the first 40 bits of
sha256(profile name, NUL, response id, NUL, column header) in lowercase Crockford base32.
Both depend only on the file, so importing it again gives the same bytes. The response
id is the id column's text, else the response's 1-based number after the header.
"""

from __future__ import annotations

import hashlib

from strategist.chars import CONTROL, strip_invisible
from strategist.importers._columns import Columns, Number, parse_number
from strategist.importers._table import Table
from strategist.importers.errors import ImportRefused
from strategist.importers.layouts import LAYOUTS
from strategist.importers.mask import mask
from strategist.importers.profile import GroupSpec, InputSpec, SurveyProfile, VoteSpec
from strategist.importers.summary import ImportPlan, Masked, Summary
from strategist.model import Ballot, Capture, Input, Vote, Workspace
from strategist.store.ids import CROCKFORD_ALPHABET
from strategist.suggest import did_you_mean

__all__ = ["check_names", "input_id", "plan_survey", "voter_id"]

_YES = frozenset({"y", "yes", "ja", "j", "x", "1", "true", "sand", "wahr", "checked", "✓"})
_NO = frozenset({"", "n", "no", "nej", "nein", "0", "false", "falsk", "falsch"})


def voter_id(profile: str, response: str) -> str:
    """The pseudonym of response `response` under profile `profile`."""
    digest = hashlib.sha256(f"{profile}\0{response}".encode()).hexdigest()
    return f"s-{digest[:8]}"


def input_id(profile: str, response: str, header: str) -> str:
    """The id of the input from column `header` of response `response`."""
    digest = hashlib.sha256(f"{profile}\0{response}\0{header}".encode()).digest()
    bits = int.from_bytes(digest[:5], "big")
    return "".join(CROCKFORD_ALPHABET[(bits >> shift) & 31] for shift in range(35, -1, -5))


def check_names(
    ws: Workspace, shown: str, groups: dict[str, tuple[int, int]], themes: list[InputSpec]
) -> None:
    """Refuse a group or theme the workspace does not have (at the profile's line)."""
    for group, (line, column) in groups.items():
        if group not in ws.strategy.groups:
            hint = did_you_mean(group, ws.strategy.groups)
            raise ImportRefused(
                f"{shown}:{line}:{column}: there is no group {group!r}{hint} in strategy.yaml "
                f"(groups: {', '.join(ws.strategy.groups)})"
            )
    for spec in themes:
        theme = ws.themes.get(spec.theme)
        if theme is None:
            hint = did_you_mean(spec.theme, ws.themes)
            raise ImportRefused(f"{shown}:{spec.line}: there is no theme {spec.theme!r}{hint}")
        if theme.status in ("merged", "dropped"):
            raise ImportRefused(
                f"{shown}:{spec.line}: theme {spec.theme!r} is {theme.status}; "
                "map the column to a current theme"
            )


def _clean(text: str) -> str:
    """Free text as an input holds it: LF line ends, no control or invisible characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return strip_invisible(CONTROL.sub(" ", text)).strip()


class _Survey:
    def __init__(self, ws: Workspace, table: Table, profile: SurveyProfile) -> None:
        self.ws, self.table, self.profile = ws, table, profile
        self.layout = LAYOUTS[profile.layout]
        self.columns = Columns(table, self.layout, profile.shown)
        self.separator = profile.separator or self.layout.separator
        self.summary = Summary(table.source, f"{table.kind} ({table.detail})".replace(" ()", ""))

    def refuse(self, row: int, col: int, problem: str) -> ImportRefused:
        return ImportRefused(f"{self.columns.where(row, col)}: {problem}")

    # ------------------------------------------------------------------ response ids

    def id_column(self) -> int | None:
        p = self.profile
        if p.id_column is not None:
            return self.columns.index(p.id_column)
        for header in self.layout.id_columns:
            if self.columns.has(header):
                return self.table.headers.index(header)
        return None

    def response_ids(self) -> list[str]:
        col = self.id_column()
        if col is None:
            return [str(n + 1) for n in range(len(self.table.rows))]
        ids: list[str] = []
        seen: dict[str, int] = {}
        for n, row in enumerate(self.table.rows):
            value = row[col].strip()
            if not value and any(c.strip() for c in row):
                raise self.refuse(n, col, "the response id is empty; export the ids again")
            if value in seen and value:
                first = self.table.row_number(seen[value])
                raise self.refuse(
                    n, col, f"response id {value!r} is also on row {first}; ids must be unique"
                )
            seen[value] = n
            ids.append(value)
        return ids

    # ------------------------------------------------------------------ groups

    def group_of(self, spec: GroupSpec, col: int | None, n: int) -> str | None:
        """The row's group, or None when the profile skips it (the reason is noted)."""
        if spec.fixed is not None:
            return spec.fixed
        assert col is not None
        label = self.table.rows[n][col].strip()
        if label in spec.values:
            return spec.values[label]
        if spec.other == "skip":
            why = "no answer" if not label else f"answer {label!r}"
            self.summary.skipped.append(
                (self.table.row_number(n), f"group: {why} is skipped (other: skip)")
            )
            return None
        if spec.other is not None:
            return spec.other
        shown = repr(label) if label else "an empty answer"
        raise self.refuse(
            n,
            col,
            f"{shown} is not in the profile's group values; add it under `values` "
            f"({self.profile.shown}:{spec.line}), or set `other: skip` or `other: GROUP`",
        )

    # ------------------------------------------------------------------ cells

    def number(self, vote: VoteSpec, n: int, col: int) -> Number | None:
        text = self.table.rows[n][col].strip()
        if not text:
            return None
        if vote.scale is not None and text in vote.scale:
            return vote.scale[text]
        value = parse_number(text)
        if value is None:
            if vote.scale is not None:
                labels = ", ".join(repr(label) for label in vote.scale)
                raise self.refuse(
                    n,
                    col,
                    f"{text!r} is not on the scale of vote {vote.id!r} ({labels}); "
                    f"add it to its `scale` ({self.profile.shown}:{vote.line})",
                )
            raise self.refuse(n, col, f"{text!r} is not a number (vote {vote.id!r})")
        if vote.scale is not None:
            low, high = min(vote.scale.values()), max(vote.scale.values())
            if not low <= value <= high:
                raise self.refuse(
                    n,
                    col,
                    f"{text} is outside the scale {low}–{high} of vote {vote.id!r}; "
                    "correct the cell or widen the `scale`",
                )
        if value < 0:
            raise self.refuse(n, col, f"{text} is negative; votes count 0 or more")
        if vote.method in ("points", "dots") and not isinstance(value, int):
            raise self.refuse(n, col, f"{text} is not a whole number of {vote.method}")
        return value

    def labels(self, vote: VoteSpec, n: int, col: int) -> list[str]:
        """The options a multiple-choice cell names, in the cell's order (a label that
        holds the separator itself is recognised whole)."""
        text = self.table.rows[n][col]
        by_label = {ref.text: option for option, ref in vote.options.items()}
        parts = text.split(self.separator)
        chosen: list[str] = []
        i = 0
        while i < len(parts):
            if not parts[i].strip():
                i += 1
                continue
            for j in range(len(parts), i, -1):
                candidate = self.separator.join(parts[i:j]).strip()
                if candidate in by_label:
                    option = by_label[candidate]
                    if option in chosen:
                        raise self.refuse(n, col, f"{candidate!r} is named twice")
                    chosen.append(option)
                    i = j
                    break
            else:
                label = parts[i].strip()
                hint = did_you_mean(label, by_label)
                raise self.refuse(
                    n,
                    col,
                    f"answer {label!r}{hint} is not among the options of vote "
                    f"{vote.id!r}; map it under `options` ({self.profile.shown}:{vote.line}) "
                    f"(answers are split at {self.separator!r}; set `separator` if the "
                    "export joins them otherwise)",
                )
        return chosen

    def ballot(
        self, vote: VoteSpec, cols: dict[str, int], n: int, voter: str, group: str
    ) -> Ballot | None:
        row = self.table.rows[n]
        if vote.method in ("score", "points", "dots"):
            numbers = {o: v for o, c in cols.items() if (v := self.number(vote, n, c)) is not None}
            if not numbers:
                return None
            if vote.method == "score":
                return Ballot(voter, group, scores=numbers)
            return Ballot(voter, group, points={o: int(v) for o, v in numbers.items()})
        if vote.columns and vote.method == "approve":
            approvals = []
            for option, col in cols.items():
                cell = row[col].strip().casefold()
                if cell in _YES or cell == vote.options[option].text.casefold():
                    approvals.append(option)
                elif cell not in _NO:
                    problem = f"{row[col]!r} is neither yes nor no (vote {vote.id!r})"
                    raise self.refuse(n, col, problem)
            return Ballot(voter, group, approvals=approvals) if approvals else None
        if vote.columns:  # rank, one column of rank numbers per option
            ranks: dict[int, str] = {}
            for option, col in cols.items():
                text = row[col].strip()
                if not text:
                    continue
                value = parse_number(text)
                if not isinstance(value, int) or not 1 <= value <= len(cols):
                    raise self.refuse(
                        n, col, f"{text!r} is not a rank from 1 to {len(cols)} (vote {vote.id!r})"
                    )
                if value in ranks:
                    raise self.refuse(n, col, f"rank {value} is given twice in this response")
                ranks[value] = option
            ranking = [ranks[k] for k in sorted(ranks)]
            return Ballot(voter, group, ranking=ranking) if ranking else None
        (col,) = cols.values()
        chosen = self.labels(vote, n, col)
        if not chosen:
            return None
        if vote.method == "rank":
            return Ballot(voter, group, ranking=chosen)
        order = list(vote.options)
        return Ballot(voter, group, approvals=sorted(chosen, key=order.index))

    # ------------------------------------------------------------------ the capture

    def capture(self) -> Capture:
        p, t, s = self.profile, self.table, self.summary
        s.rows = len(t.rows)
        group_col = None
        if p.group is not None and p.group.column is not None:
            group_col = self.columns.index(p.group.column)
        vote_cols: list[dict[str, int]] = []
        for v in p.votes:
            if v.column is not None:
                vote_cols.append({"": self.columns.index(v.column)})
            else:
                vote_cols.append({o: self.columns.index(ref) for o, ref in v.options.items()})
        input_cols = [self.columns.index(i.column) for i in p.inputs]
        responses = self.response_ids()
        votes = [Vote(v.id, v.question, v.method, list(v.options)) for v in p.votes]
        inputs: list[Input] = []
        counted: dict[str, int] = {}
        for n, response in enumerate(responses):
            if not any(cell.strip() for cell in t.rows[n]):
                s.skipped.append((t.row_number(n), "empty row"))
                continue
            group = self.group_of(p.group, group_col, n) if p.group is not None else None
            if p.group is not None and group is None:
                continue
            voter = voter_id(p.name, response)
            gave = False
            for vote_spec, cols, vote in zip(p.votes, vote_cols, votes, strict=True):
                assert group is not None
                ballot = self.ballot(vote_spec, cols, n, voter, group)
                if ballot is not None:
                    vote.ballots.append(ballot)
                    gave = True
            for spec, col in zip(p.inputs, input_cols, strict=True):
                text, emails, phones = mask(_clean(t.rows[n][col]))
                if not text:
                    continue
                if emails or phones:
                    s.masked.append(Masked(t.row_number(n), t.headers[col], emails, phones))
                inputs.append(
                    Input(
                        id=input_id(p.name, response, t.headers[col]),
                        theme=spec.theme,
                        kind=spec.kind,
                        text=text,
                        group=group,
                        confidential=spec.confidential,
                    )
                )
                s.inputs[spec.theme] = s.inputs.get(spec.theme, 0) + 1
                gave = True
            if not gave:
                s.skipped.append((t.row_number(n), "no answer in the profile's columns"))
                continue
            if group is not None:
                counted[group] = counted.get(group, 0) + 1
        s.respondents = {g: counted[g] for g in self.ws.strategy.groups if g in counted}
        s.votes = {v.id: (v.method, len(v.ballots)) for v in votes}
        return Capture(device=f"import-{p.name}", inputs=inputs, votes=votes)


def plan_survey(
    ws: Workspace, table: Table, profile: SurveyProfile, workshop_id: str
) -> ImportPlan:
    """Turn `table` into the capture file `profile` describes (nothing is written).

    Raises:
        ImportRefused: a column, label, number or name the profile or workspace does not
            know; the message names file, row and column and what to fix.
    """
    groups: dict[str, tuple[int, int]] = {}
    if profile.group is not None:
        groups = {g: (r.line, r.column) for g, r in profile.group.value_refs.items()}
    check_names(ws, profile.shown, groups, profile.inputs)
    survey = _Survey(ws, table, profile)
    capture = survey.capture()
    return ImportPlan(workshop_id, profile.name, capture, survey.summary)
