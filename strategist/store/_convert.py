"""Located YAML nodes → model objects, one file kind at a time.

Only shape and types are checked here (unknown and missing keys, wrong types); values
and cross-references are `validate`'s job, so edits made in memory get the same checks.
Each function raises `Invalid` after recording its findings on the reader. The keys each
mapping may hold come from `shapes`, which the JSON Schemas are made from too.
"""

from __future__ import annotations

from strategist.model import (
    SCHEMA_VERSION,
    Ballot,
    Capture,
    Group,
    Horizon,
    Input,
    Kpi,
    Measure,
    Objective,
    ScoreTally,
    Strategy,
    Theme,
    Vote,
    Workshop,
)
from strategist.store._fields import FieldReader, Invalid
from strategist.store._report import schema_newer_message
from strategist.store._sourcemap import KeyPath
from strategist.store._yaml import Map, Node, Scalar
from strategist.store.shapes import (
    BALLOT,
    CAPTURE,
    GROUP,
    INPUT,
    KPI,
    MEASURE,
    OBJECTIVE,
    STRATEGY,
    THEME,
    VOTE,
    WORKSHOP,
    Shape,
)

__all__ = ["read_capture", "read_strategy", "read_theme", "read_workshop"]


def _keys(r: FieldReader, node: Node, path: KeyPath, shape: Shape) -> dict[str, Node]:
    """The entries of a mapping with exactly the keys `shape` allows."""
    return r.mapping(node, path, shape.required, shape.optional, shape.nested)


def _sub(shape: Shape, key: str) -> Shape:
    """The shape of the mapping under `key` of `shape`."""
    inner = next(k.type for k in shape.keys if k.name == key)
    assert isinstance(inner, Shape)
    return inner


def _newer_schema(r: FieldReader, node: Node) -> None:
    """Report a `schema` newer than ours first: its unknown keys are then no surprise."""
    if not isinstance(node, Map) or "schema" not in node.entries:
        return
    value = node.entries["schema"][1]
    if not isinstance(value, Scalar) or not value.plain:
        return
    if value.value.isascii() and value.value.isdigit() and int(value.value) > SCHEMA_VERSION:
        r.error(value, "schema-newer", schema_newer_message(int(value.value)))


def read_strategy(r: FieldReader, node: Node) -> Strategy:
    _newer_schema(r, node)
    m = _keys(r, node, (), STRATEGY)
    schema = r.integer(m["schema"], ("schema",))

    def read_horizon() -> Horizon:
        h = _keys(r, m["horizon"], ("horizon",), _sub(STRATEGY, "horizon"))
        return Horizon(
            r.integer(h["start"], ("horizon", "start")), r.integer(h["end"], ("horizon", "end"))
        )

    horizon = r.attempt(read_horizon, Horizon(0, 0))
    groups: dict[str, Group] = {}

    def group(gid: str, value: Node) -> None:
        path: KeyPath = ("groups", gid)
        if gid in ("label", "weight") and not isinstance(value, Map) and groups:
            # `label:` or `weight:` one level too far left reads as a group of that name.
            above = list(groups)[-1]
            raise r.fail(
                value,
                "wrong-type",
                f"key {gid!r} is not indented under the group {above!r} above it: indent it "
                "like that group's other keys",
            )
        g = _keys(r, value, path, GROUP)
        weight = float(r.number(g["weight"], (*path, "weight"))) if "weight" in g else 1.0
        groups[gid] = Group(gid, r.text(g["label"], (*path, "label")), weight)

    r.each(r.entries(m["groups"], ("groups",)), group)
    strategy = Strategy(
        cluster=r.text(m["cluster"], ("cluster",)),
        title=r.text(m["title"], ("title",)),
        horizon=horizon,
        groups=groups,
        schema=schema,
    )
    for name in ("status", "version", "language", "facilitator", "summary", "vision", "monitoring"):
        if name in m:
            setattr(strategy, name, r.text(m[name], (name,)))
    if "scoring" in m:
        scoring: dict[str, Node] = r.attempt(
            lambda: _keys(r, m["scoring"], ("scoring",), _sub(STRATEGY, "scoring")), {}
        )
        if "balance" in scoring:
            strategy.balance = r.text(scoring["balance"], ("scoring", "balance"))
    if "publish" in m:
        publish: dict[str, Node] = r.attempt(
            lambda: _keys(r, m["publish"], ("publish",), _sub(STRATEGY, "publish")), {}
        )
        if "min_group_size" in publish:
            path = ("publish", "min_group_size")
            strategy.min_group_size = r.integer(publish["min_group_size"], path)
        if "accent" in publish:
            strategy.accent = r.text(publish["accent"], ("publish", "accent"))
    return strategy


def _kpi(r: FieldReader, node: Node, path: KeyPath) -> Kpi:
    k = _keys(r, node, path, KPI)
    kpi = Kpi(r.text(k["name"], (*path, "name")), r.number(k["target"], (*path, "target")))
    if "baseline" in k:
        kpi.baseline = r.optional_number(k["baseline"], (*path, "baseline"))
    if "unit" in k:
        kpi.unit = r.text(k["unit"], (*path, "unit"))
    if "by" in k:
        kpi.by = r.optional_integer(k["by"], (*path, "by"))
    if "actuals" in k:
        for year, value in r.entries(k["actuals"], (*path, "actuals")):
            here = (*path, "actuals", year)
            kpi.actuals[r.integer(Scalar(year, True, value.line, value.column), here)] = r.number(
                value, here
            )
    return kpi


def _measure(r: FieldReader, node: Node, path: KeyPath) -> Measure:
    m = _keys(r, node, path, MEASURE)
    measure = Measure(r.text(m["id"], (*path, "id")), r.text(m["text"], (*path, "text")))
    if "owner" in m:
        measure.owner = r.text(m["owner"], (*path, "owner"))
    if "due" in m:
        measure.due = r.optional_integer(m["due"], (*path, "due"))
    if "sources" in m:
        measure.sources = r.text_list(m["sources"], (*path, "sources"))
    return measure


def _objective(r: FieldReader, node: Node, path: KeyPath) -> Objective:
    o = _keys(r, node, path, OBJECTIVE)
    objective = Objective(r.text(o["id"], (*path, "id")), r.text(o["text"], (*path, "text")))
    if "sources" in o:
        objective.sources = r.text_list(o["sources"], (*path, "sources"))
    if "kpis" in o:
        items = list(enumerate(r.items(o["kpis"], (*path, "kpis"))))
        r.each(items, lambda i, n: objective.kpis.append(_kpi(r, n, (*path, "kpis", i))))
    if "measures" in o:
        items = list(enumerate(r.items(o["measures"], (*path, "measures"))))
        r.each(
            items, lambda i, n: objective.measures.append(_measure(r, n, (*path, "measures", i)))
        )
    return objective


def read_theme(r: FieldReader, node: Node) -> Theme:
    m = _keys(r, node, (), THEME)
    theme = Theme(
        r.text(m["id"], ("id",)), r.text(m["title"], ("title",)), r.text(m["status"], ("status",))
    )
    if "summary" in m:
        theme.summary = r.text(m["summary"], ("summary",))
    if "merged_into" in m:
        theme.merged_into = r.optional_text(m["merged_into"], ("merged_into",))
    if "owner" in m:
        theme.owner = r.text(m["owner"], ("owner",))
    if "influences" in m:
        pairs = r.entries(m["influences"], ("influences",))
        r.each(pairs, lambda t, n: theme.influences.__setitem__(t, r.integer(n, ("influences", t))))
    if "requires" in m:
        theme.requires = r.text_list(m["requires"], ("requires",))
    if "objectives" in m:
        items = list(enumerate(r.items(m["objectives"], ("objectives",))))
        r.each(items, lambda i, n: theme.objectives.append(_objective(r, n, ("objectives", i))))
    return theme


def read_workshop(r: FieldReader, node: Node) -> Workshop:
    m = _keys(r, node, (), WORKSHOP)
    workshop = Workshop(
        r.text(m["id"], ("id",)),
        r.text(m["title"], ("title",)),
        r.date(m["date"], ("date",)),
        r.text(m["format"], ("format",)),
    )
    if "location" in m:
        workshop.location = r.text(m["location"], ("location",))
    if "themes" in m:
        workshop.themes = r.text_list(m["themes"], ("themes",))
    if "attendance" in m:
        pairs = r.entries(m["attendance"], ("attendance",))
        r.each(
            pairs, lambda g, n: workshop.attendance.__setitem__(g, r.integer(n, ("attendance", g)))
        )
    return workshop


def _input(r: FieldReader, node: Node, path: KeyPath) -> Input:
    m = _keys(r, node, path, INPUT)
    id_, theme, kind, text = (r.text(m[k], (*path, k)) for k in ("id", "theme", "kind", "text"))
    item = Input(id_, theme, kind, text)
    if "group" in m:
        item.group = r.optional_text(m["group"], (*path, "group"))
    if "at" in m:
        item.at = r.optional_datetime(m["at"], (*path, "at"))
    if "confidential" in m:
        item.confidential = r.boolean(m["confidential"], (*path, "confidential"))
    if "duplicate_of" in m:
        item.duplicate_of = r.optional_text(m["duplicate_of"], (*path, "duplicate_of"))
    return item


def _score_cell(r: FieldReader, node: Node, path: KeyPath) -> ScoreTally:
    items = r.items(node, path)
    if len(items) != 2:
        raise r.fail(node, "wrong-type", "a score tally is written [sum, voters]")
    return ScoreTally(r.number(items[0], (*path, 0)), r.integer(items[1], (*path, 1)))


def _ballot(r: FieldReader, node: Node, path: KeyPath) -> Ballot:
    m = _keys(r, node, path, BALLOT)
    ballot = Ballot(r.text(m["voter"], (*path, "voter")), r.text(m["group"], (*path, "group")))
    if "points" in m:
        pairs = r.entries(m["points"], (*path, "points"))
        ballot.points = {o: r.integer(n, (*path, "points", o)) for o, n in pairs}
    if "scores" in m:
        pairs = r.entries(m["scores"], (*path, "scores"))
        ballot.scores = {o: r.number(n, (*path, "scores", o)) for o, n in pairs}
    if "approvals" in m:
        ballot.approvals = r.text_list(m["approvals"], (*path, "approvals"))
    if "ranking" in m:
        ballot.ranking = r.text_list(m["ranking"], (*path, "ranking"))
    return ballot


def _vote(r: FieldReader, node: Node, path: KeyPath) -> Vote:
    m = _keys(r, node, path, VOTE)
    vote = Vote(
        r.text(m["id"], (*path, "id")),
        r.text(m["question"], (*path, "question")),
        r.text(m["method"], (*path, "method")),
        r.text_list(m["options"], (*path, "options")),
    )
    if "budget" in m:
        vote.budget = r.optional_integer(m["budget"], (*path, "budget"))
    if "tallies" in m:

        def group(gid: str, cells: Node) -> None:
            here = (*path, "tallies", gid)
            row: dict[str, int | ScoreTally] = {}
            for option, cell in r.entries(cells, here):
                if vote.method == "score":
                    row[option] = _score_cell(r, cell, (*here, option))
                else:
                    row[option] = r.integer(cell, (*here, option))
            vote.tallies[gid] = row

        r.each(r.entries(m["tallies"], (*path, "tallies")), group)
    if "ballots" in m:
        items = list(enumerate(r.items(m["ballots"], (*path, "ballots"))))
        r.each(items, lambda i, n: vote.ballots.append(_ballot(r, n, (*path, "ballots", i))))
    return vote


def read_capture(r: FieldReader, node: Node) -> Capture:
    m = _keys(r, node, (), CAPTURE)
    capture = Capture(r.text(m["device"], ("device",)))
    failed = False
    if "inputs" in m:
        items = list(enumerate(r.items(m["inputs"], ("inputs",))))
        try:
            r.each(items, lambda i, n: capture.inputs.append(_input(r, n, ("inputs", i))))
        except Invalid:
            failed = True
    if "votes" in m:
        items = list(enumerate(r.items(m["votes"], ("votes",))))
        r.each(items, lambda i, n: capture.votes.append(_vote(r, n, ("votes", i))))
    if failed:
        raise Invalid("inputs")
    return capture
