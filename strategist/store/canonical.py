"""The canonical form of workspace files: model objects → plain data → YAML text.

Two rules keep files minimal and diffs readable:

- **Key order** is the README's (the order of its examples), never sorted. The model's
  field order mostly matches; where the file nests differently the mapping is spelled
  out here: ``Strategy.balance`` → ``scoring: {balance}``, ``Strategy.min_group_size`` →
  ``publish: {min_group_size}``, ``horizon`` → ``{start, end}``, ``groups`` →
  ``{id: {label, weight}}``, a ``ScoreTally`` → ``[sum, voters]``.
- **Required keys are always written; optional keys at their default are omitted**
  (``status: draft``, ``weight: 1.0``, empty lists and texts, ``null`` references,
  ``confidential: false`` …), so a new file holds only what someone chose.

``to_data`` keeps dates and times as ``datetime.date``/``datetime.datetime`` objects;
``canonical_yaml`` writes them as plain ISO 8601 (``2018-09-11``,
``2018-09-11T10:42:00+02:00``). Every other text is written so that it loads back as
the same text: strings YAML 1.1 would read as something else (``no``, ``010``, ``1:30``,
``2018-09-11``, ``~`` …) are quoted, multi-line texts become literal blocks (``|``),
and nothing is folded, whatever its length.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import yaml

from strategist.model import (
    Ballot,
    Capture,
    Group,
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
from strategist.store._emit import Flow, Unsupported, emit

__all__ = ["METHOD_FIELD", "canonical_yaml", "pyyaml_canonical_yaml", "text_style", "to_data"]

METHOD_FIELD = {
    "dots": "points",
    "points": "points",
    "approve": "approvals",
    "score": "scores",
    "rank": "ranking",
}
"""The ballot field each vote method uses."""

_BALLOT_FIELDS = ("points", "approvals", "scores", "ranking")


_Flow = Flow
"""A short list written in flow style (``[sum, voters]``)."""


# --------------------------------------------------------------------------- to_data


def to_data(obj: object) -> dict[str, Any]:
    """The plain mapping a model object is written as, in canonical key order.

    Args:
        obj: a Strategy, Theme, Objective, Kpi, Measure, Workshop, Capture, Input,
            Vote, Ballot or Group.

    Returns:
        A dict of dicts, lists, str, int, float, bool, None, date and datetime.

    Raises:
        TypeError: for anything else.
    """
    converter = _CONVERTERS.get(type(obj))
    if converter is None:
        raise TypeError(f"to_data: cannot convert {type(obj).__name__}")
    return converter(obj)


def _strategy(s: Strategy) -> dict[str, Any]:
    d: dict[str, Any] = {"schema": s.schema, "cluster": s.cluster, "title": s.title}
    if s.status != "draft":
        d["status"] = s.status
    if s.version:
        d["version"] = s.version
    if s.language != "en":
        d["language"] = s.language
    d["horizon"] = {"start": s.horizon.start, "end": s.horizon.end}
    if s.facilitator:
        d["facilitator"] = s.facilitator
    d["groups"] = {gid: _group(g) for gid, g in s.groups.items()}
    if s.balance != "pooled":
        d["scoring"] = {"balance": s.balance}
    publish: dict[str, Any] = {}
    if s.min_group_size != 5:
        publish["min_group_size"] = s.min_group_size
    if s.accent:
        publish["accent"] = s.accent
    if publish:
        d["publish"] = publish
    for key in ("summary", "vision", "monitoring"):
        if getattr(s, key):
            d[key] = getattr(s, key)
    return d


def _group(g: Group) -> dict[str, Any]:
    d: dict[str, Any] = {"label": g.label}
    if g.weight != 1.0:
        # Always a float, so an int weight set in code and the float the loader
        # reads back give the same bytes.
        d["weight"] = float(g.weight)
    return d


def _theme(t: Theme) -> dict[str, Any]:
    d: dict[str, Any] = {"id": t.id, "title": t.title}
    if t.summary:
        d["summary"] = t.summary
    d["status"] = t.status
    if t.merged_into is not None:
        d["merged_into"] = t.merged_into
    if t.owner:
        d["owner"] = t.owner
    if t.influences:
        d["influences"] = dict(t.influences)
    if t.requires:
        d["requires"] = list(t.requires)
    if t.objectives:
        d["objectives"] = [_objective(o) for o in t.objectives]
    return d


def _objective(o: Objective) -> dict[str, Any]:
    d: dict[str, Any] = {"id": o.id, "text": o.text}
    if o.sources:
        d["sources"] = list(o.sources)
    if o.kpis:
        d["kpis"] = [_kpi(k) for k in o.kpis]
    if o.measures:
        d["measures"] = [_measure(m) for m in o.measures]
    return d


def _kpi(k: Kpi) -> dict[str, Any]:
    d: dict[str, Any] = {"name": k.name}
    if k.baseline is not None:
        d["baseline"] = k.baseline
    d["target"] = k.target
    if k.unit:
        d["unit"] = k.unit
    if k.by is not None:
        d["by"] = k.by
    if k.actuals:
        d["actuals"] = dict(k.actuals)
    return d


def _measure(m: Measure) -> dict[str, Any]:
    d: dict[str, Any] = {"id": m.id, "text": m.text}
    if m.owner:
        d["owner"] = m.owner
    if m.due is not None:
        d["due"] = m.due
    if m.sources:
        d["sources"] = list(m.sources)
    return d


def _workshop(w: Workshop) -> dict[str, Any]:
    # `captures` live in their own files and are never part of workshop.yaml.
    d: dict[str, Any] = {"id": w.id, "title": w.title, "date": w.date}
    if w.location:
        d["location"] = w.location
    d["format"] = w.format
    if w.themes:
        d["themes"] = list(w.themes)
    if w.attendance:
        d["attendance"] = dict(w.attendance)
    return d


def _capture(c: Capture) -> dict[str, Any]:
    d: dict[str, Any] = {"device": c.device}
    if c.inputs:
        d["inputs"] = [_input(i) for i in c.inputs]
    if c.votes:
        d["votes"] = [_vote(v) for v in c.votes]
    return d


def _input(i: Input) -> dict[str, Any]:
    d: dict[str, Any] = {"id": i.id, "theme": i.theme, "kind": i.kind, "text": i.text}
    if i.group is not None:
        d["group"] = i.group
    if i.at is not None:
        d["at"] = i.at
    if i.confidential:
        d["confidential"] = True
    if i.duplicate_of is not None:
        d["duplicate_of"] = i.duplicate_of
    return d


def _vote(v: Vote) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": v.id,
        "question": v.question,
        "method": v.method,
        "options": list(v.options),
    }
    if v.budget is not None:
        d["budget"] = v.budget
    if v.tallies:
        d["tallies"] = {
            group: {
                option: _Flow([n.sum, n.voters]) if isinstance(n, ScoreTally) else n
                for option, n in row.items()
            }
            for group, row in v.tallies.items()
        }
    if v.ballots:
        d["ballots"] = [_ballot_for(b, METHOD_FIELD.get(v.method)) for b in v.ballots]
    return d


def _ballot(b: Ballot) -> dict[str, Any]:
    return _ballot_for(b, None)


def _ballot_for(b: Ballot, method_field: str | None) -> dict[str, Any]:
    """A ballot with its method's field (written even when unset).

    A field that does not fit the method is still written rather than dropped, so an
    invalid ballot stays visible to `check` instead of silently losing data.
    """
    d: dict[str, Any] = {"voter": b.voter, "group": b.group}
    for name in _BALLOT_FIELDS:
        value = getattr(b, name)
        if value is None and name == method_field:
            value = [] if name in ("approvals", "ranking") else {}
        if value is not None:
            d[name] = dict(value) if isinstance(value, dict) else list(value)
    return d


_CONVERTERS: dict[type, Callable[[Any], dict[str, Any]]] = {
    Strategy: _strategy,
    Group: _group,
    Theme: _theme,
    Objective: _objective,
    Kpi: _kpi,
    Measure: _measure,
    Workshop: _workshop,
    Capture: _capture,
    Input: _input,
    Vote: _vote,
    Ballot: _ballot,
}


# --------------------------------------------------------------------------- YAML


# Characters that YAML normalises or treats as line breaks inside block and plain
# scalars; a text holding one is written double-quoted with escapes instead.
_NEEDS_ESCAPE = re.compile("[\r\x85\u2028\u2029\ufeff]")
# Numbers in YAML 1.2 that YAML 1.1 (PyYAML) reads as text: quoted anyway, so that
# other tools reading the workspace see text too.
_YAML12_NUMBER = re.compile(
    r"^[-+]?(?:\.[0-9]+|[0-9]+\.?[0-9]*)(?:[eE][-+]?[0-9]+)?$|^0o[0-7]+$|^[-+]?\.(?:inf|Inf|INF)$"
)


class CanonicalDumper(yaml.SafeDumper):
    """SafeDumper with the canonical style: indented block sequences, quoting that
    keeps text as text, literal blocks for multi-line text, ISO 8601 date-times.

    Not CSafeDumper: libyaml cannot indent sequences under their key, so its output
    would differ from this one (and from the README's examples). The pure emitter is slow
    (about 2,000 inputs a second), so `canonical_yaml` writes through `_emit`, which
    matches it byte for byte and leaves to it only what it is not sure about.
    """

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent sequences under their key ("  - id: …"), like the README's examples.
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        # The loader refuses anchors and aliases: an object met twice (one `at` datetime
        # shared by two inputs, say) is written out twice.
        return True


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_YAML11_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)
"""What PyYAML's resolver reads as a timestamp (a time that can be written plain)."""


def text_style(text: str) -> str | None:
    """The style a text is written in: ``"`` (escaped), ``|`` (literal block), ``'``, or
    None (the emitter's choice: plain where that reads back as the same text, else quoted).
    """
    if _NEEDS_ESCAPE.search(text):
        return '"'
    if "\n" in text:
        # The emitter falls back to quoting where a literal block cannot hold the text
        # (trailing spaces before a break, say), so this is always loss-free.
        return "|"
    if _YAML12_NUMBER.match(text):
        return "'"
    return None


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=text_style(text))


def _represent_datetime(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.ScalarNode:
    # PyYAML's own representer puts a space between date and time; ISO 8601 wants `T`.
    text = value.isoformat()
    if not _YAML11_TIMESTAMP.fullmatch(text):
        # YAML 1.1 timestamps have no seconds in the UTC offset: quote such rare times
        # rather than letting the emitter add an explicit tag.
        return _represent_str(dumper, text)
    return dumper.represent_scalar(_TIMESTAMP, text)


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


CanonicalDumper.add_representer(str, _represent_str)
CanonicalDumper.add_representer(dt.datetime, _represent_datetime)
CanonicalDumper.add_representer(_Flow, _represent_flow)

_NO_FOLDING = 2**30
"""Line width so large that the emitter never folds a line."""


def canonical_yaml(data: dict[str, Any]) -> str:
    """Write plain data as canonical YAML text (block style, LF, Unicode kept).

    Args:
        data: a mapping as returned by `to_data` (key order is kept, not sorted).

    Returns:
        The YAML document, ending in a newline.
    """
    try:
        return emit(data, text_style, pyyaml_canonical_yaml)
    except Unsupported:
        return pyyaml_canonical_yaml(data)


def pyyaml_canonical_yaml(data: Any) -> str:
    """`canonical_yaml` by PyYAML's own emitter: what `emit` matches byte for byte."""
    return yaml.dump(
        data,
        Dumper=CanonicalDumper,
        allow_unicode=True,
        default_flow_style=False,
        sort_keys=False,
        width=_NO_FOLDING,
        line_break="\n",
    )
