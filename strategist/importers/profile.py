"""Load an import profile: which columns of an export become what in the workspace.

The profile is YAML, read by the store's own parser (no tags, anchors or duplicate keys;
scalars stay text), so every mistake is reported as ``PROFILE:LINE:COL: message`` with
what to write instead. The profile's name is its file stem; it names the capture file
the import writes (``capture-import-<name>.yaml``) and seeds the voters' pseudonyms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from strategist.importers.errors import ImportRefused
from strategist.importers.layouts import LAYOUTS, POLL_LAYOUT
from strategist.model import INPUT_KINDS, METHODS, is_slug
from strategist.store._yaml import Map, Node, Scalar, Seq, parse_yaml
from strategist.suggest import did_you_mean

__all__ = [
    "GroupSpec",
    "InputSpec",
    "PollProfile",
    "Ref",
    "SurveyProfile",
    "VoteSpec",
    "load_profile",
]

Number = int | float


@dataclass(frozen=True)
class Ref:
    """A text of the profile (a column header or an answer label) and where it stands."""

    text: str
    line: int
    column: int


@dataclass
class GroupSpec:
    column: Ref | None
    """The column naming the respondent's group; None with a fixed `group: ID`."""
    fixed: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    """Answer label → group id."""
    value_refs: dict[str, Ref] = field(default_factory=dict)
    """Group id → where the profile names it (for messages)."""
    other: str | None = None
    """`skip`, a group id for labels not in `values`, or None: such a label is refused."""
    line: int = 1


@dataclass
class VoteSpec:
    id: str
    question: str
    method: str
    options: dict[str, Ref]
    """Option id → its column (`columns`, score, points, dots) or its answer label."""
    column: Ref | None = None
    columns: bool = False
    scale: dict[str, Number] | None = None
    """Answer label → number (score votes); None: the cells hold numbers."""
    line: int = 1


@dataclass
class InputSpec:
    column: Ref
    theme: str
    kind: str
    confidential: bool = False
    line: int = 1


@dataclass
class SurveyProfile:
    name: str
    shown: str
    layout: str
    sheet: str | None = None
    separator: str | None = None
    id_column: Ref | None = None
    group: GroupSpec | None = None
    votes: list[VoteSpec] = field(default_factory=list)
    inputs: list[InputSpec] = field(default_factory=list)


@dataclass
class PollProfile:
    name: str
    shown: str
    option_column: Ref
    counts: dict[str, Ref]
    """Group id → the column of its counts."""
    vote: VoteSpec
    sheet: str | None = None


_SURVEY_KEYS = ("layout", "sheet", "separator", "id_column", "group", "votes", "inputs")
_POLL_KEYS = (
    "layout",
    "sheet",
    "option_column",
    "count_columns",
    "count_column",
    "group",
    "vote",
    "options",
)
_POLL_METHODS = ("dots", "points", "approve")


class _Reader:
    """Turns located nodes into values, refusing with ``PROFILE:LINE:COL: message``."""

    def __init__(self, shown: str) -> None:
        self.shown = shown

    def fail(self, node: Node | Ref, message: str) -> ImportRefused:
        return ImportRefused(f"{self.shown}:{node.line}:{node.column}: {message}")

    def mapping(self, node: Node, what: str, keys: tuple[str, ...] | None = None) -> Map:
        if not isinstance(node, Map):
            raise self.fail(node, f"{what} must be a mapping (key: value lines)")
        for key, (key_node, _value) in node.entries.items():
            if keys is not None and key not in keys:
                hint = did_you_mean(key, keys)
                raise self.fail(
                    key_node, f"unknown key {key!r} in {what}{hint}; keys: {', '.join(keys)}"
                )
        return node

    def text(self, node: Node, what: str, *, empty: bool = False) -> Ref:
        if not isinstance(node, Scalar) or (node.is_null and not empty):
            raise self.fail(node, f"{what} must be a text")
        value = node.value.strip()
        if not value and not empty:
            raise self.fail(node, f"{what} must not be empty")
        return Ref(value, node.line, node.column)

    def optional_text(self, m: Map, key: str, what: str) -> Ref | None:
        if key not in m.entries:
            return None
        node = m.entries[key][1]
        if isinstance(node, Scalar) and node.is_null:
            return None
        return self.text(node, what)

    def required(self, m: Map, key: str, what: str) -> Node:
        if key not in m.entries:
            raise self.fail(Ref("", m.line, m.column), f"{what} needs `{key}`")
        return m.entries[key][1]

    def slug(self, node: Node, what: str) -> Ref:
        ref = self.text(node, what)
        if not is_slug(ref.text):
            raise self.fail(
                ref, f"{what} {ref.text!r} is not an id: use lowercase letters, digits and '-'"
            )
        return ref

    def number(self, node: Node, what: str) -> Number:
        ref = self.text(node, what)
        try:
            number = float(ref.text.replace(",", "."))
        except ValueError:
            raise self.fail(ref, f"{what} must be a number, not {ref.text!r}") from None
        return int(number) if number.is_integer() else number

    def flag(self, node: Node, what: str) -> bool:
        ref = self.text(node, what)
        if ref.text not in ("true", "false"):
            raise self.fail(ref, f"{what} must be true or false")
        return ref.text == "true"

    def refs(self, node: Node, what: str) -> dict[str, Ref]:
        """A mapping of id → text (option → column or label), in profile order."""
        m = self.mapping(node, what)
        if not m.entries:
            raise self.fail(node, f"{what} lists nothing")
        found: dict[str, Ref] = {}
        for key, (key_node, value) in m.entries.items():
            self.slug(key_node, "option")
            found[key] = self.text(value, f"{what}[{key}]")
        return found


def load_profile(path: Path, shown: str) -> SurveyProfile | PollProfile:
    """Read the profile at `path` (`shown` is how messages name it).

    Raises:
        ImportRefused: the profile has a mistake (file:line:column and what to fix).
        OSError: it cannot be read.
    """
    name = path.stem
    if not is_slug(name):
        raise ImportRefused(
            f"{shown}: the profile's file name {name!r} names the capture file it writes; "
            "rename it to lowercase letters, digits and '-' (e.g. member-survey.yaml)"
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(f"{shown}: not UTF-8 text; save the profile as UTF-8") from None
    root, findings = parse_yaml(text, shown)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        first = errors[0]
        raise ImportRefused(f"{shown}:{first.line}:{first.column}: {first.message}")
    if root is None:
        raise ImportRefused(f"{shown}: the profile is empty; it needs at least `layout`")
    r = _Reader(shown)
    top = r.mapping(root, "the profile")
    layout = r.text(r.required(top, "layout", "the profile"), "layout")
    if layout.text == POLL_LAYOUT:
        return _poll(r, top, name)
    if layout.text not in LAYOUTS:
        known = (*LAYOUTS, POLL_LAYOUT)
        hint = did_you_mean(layout.text, known)
        raise r.fail(layout, f"unknown layout {layout.text!r}{hint}; use one of {', '.join(known)}")
    r.mapping(top, "the profile", _SURVEY_KEYS)
    separator = None
    if "separator" in top.entries:
        node = top.entries["separator"][1]
        if not (isinstance(node, Scalar) and node.is_null):
            if not isinstance(node, Scalar) or not node.value:
                raise r.fail(node, "separator must be a text such as ';' or ', ' (quoted)")
            separator = node.value
    profile = SurveyProfile(
        name=name,
        shown=shown,
        layout=layout.text,
        sheet=_sheet(r, top),
        separator=separator,
        id_column=r.optional_text(top, "id_column", "id_column"),
    )
    if "group" in top.entries:
        profile.group = _group(r, top.entries["group"][1])
    for node in _items(r, top, "votes"):
        profile.votes.append(_vote(r, node))
    seen: dict[str, int] = {}
    for vote in profile.votes:
        if vote.id in seen:
            raise r.fail(
                Ref(vote.id, vote.line, 1),
                f"vote {vote.id!r} twice (first at line {seen[vote.id]})",
            )
        seen[vote.id] = vote.line
    for node in _items(r, top, "inputs"):
        profile.inputs.append(_input(r, node))
    if not profile.votes and not profile.inputs:
        raise r.fail(top, "the profile maps no column: add `votes` or `inputs`")
    if profile.votes and profile.group is None:
        raise r.fail(top, "ballots need a group: add `group: {column: …, values: {…}}`")
    return profile


def _sheet(r: _Reader, top: Map) -> str | None:
    ref = r.optional_text(top, "sheet", "sheet")
    return ref.text if ref else None


def _items(r: _Reader, top: Map, key: str) -> list[Node]:
    if key not in top.entries:
        return []
    node = top.entries[key][1]
    if isinstance(node, Scalar) and node.is_null:
        return []
    if not isinstance(node, Seq):
        raise r.fail(node, f"`{key}` must be a list (lines starting with '- ')")
    return node.items


def _group(r: _Reader, node: Node) -> GroupSpec:
    if isinstance(node, Scalar):
        fixed = r.slug(node, "group")
        return GroupSpec(None, fixed.text, value_refs={fixed.text: fixed}, line=node.line)
    m = r.mapping(node, "group", ("column", "values", "other"))
    spec = GroupSpec(r.text(r.required(m, "column", "group"), "group.column"), line=m.line)
    values = r.mapping(r.required(m, "values", "group"), "group.values")
    for label, (key_node, value) in values.entries.items():
        group = r.slug(value, f"the group of {label!r}")
        spec.values[label.strip()] = group.text
        spec.value_refs.setdefault(group.text, group)
        del key_node
    other = r.optional_text(m, "other", "group.other")
    if other is not None:
        if other.text != "skip":
            r.slug(m.entries["other"][1], "group.other")
            spec.value_refs.setdefault(other.text, other)
        spec.other = other.text
    return spec


_VOTE_KEYS = ("id", "question", "method", "column", "columns", "options", "scale")


def _vote(r: _Reader, node: Node) -> VoteSpec:
    m = r.mapping(node, "a vote", _VOTE_KEYS)
    vote_id = r.slug(r.required(m, "id", "a vote"), "vote id")
    method = r.text(r.required(m, "method", "a vote"), "method")
    if method.text not in METHODS:
        hint = did_you_mean(method.text, METHODS)
        raise r.fail(
            method, f"unknown method {method.text!r}{hint}; use one of {', '.join(METHODS)}"
        )
    vote = VoteSpec(
        id=vote_id.text,
        question=r.text(r.required(m, "question", "a vote"), "question").text,
        method=method.text,
        options=r.refs(r.required(m, "options", "a vote"), "options"),
        line=m.line,
    )
    if "columns" in m.entries:
        vote.columns = r.flag(m.entries["columns"][1], "columns")
        if vote.columns and vote.method not in ("rank", "approve"):
            raise r.fail(
                m.entries["columns"][0], "`columns: true` is for rank and approve votes only"
            )
    by_column = vote.method in ("score", "points", "dots") or vote.columns
    if by_column:
        if "column" in m.entries:
            raise r.fail(
                m.entries["column"][0],
                f"a {vote.method} vote maps each option to its column in `options`; "
                "remove `column`",
            )
    else:
        vote.column = r.text(r.required(m, "column", f"a {vote.method} vote"), "column")
    if "scale" in m.entries:
        if vote.method != "score":
            raise r.fail(m.entries["scale"][0], "`scale` is for score votes only")
        scale = r.mapping(m.entries["scale"][1], "scale")
        vote.scale = {
            label.strip(): r.number(value, f"the number of {label!r}")
            for label, (_key, value) in scale.entries.items()
        }
        if not vote.scale:
            raise r.fail(m.entries["scale"][1], "scale lists nothing")
    return vote


def _input(r: _Reader, node: Node) -> InputSpec:
    m = r.mapping(node, "an input", ("column", "theme", "kind", "confidential"))
    kind = r.optional_text(m, "kind", "kind")
    if kind is not None and kind.text not in INPUT_KINDS:
        hint = did_you_mean(kind.text, INPUT_KINDS)
        raise r.fail(kind, f"unknown kind {kind.text!r}{hint}; use one of {', '.join(INPUT_KINDS)}")
    spec = InputSpec(
        column=r.text(r.required(m, "column", "an input"), "column"),
        theme=r.slug(r.required(m, "theme", "an input"), "theme").text,
        kind=kind.text if kind is not None else "idea",
        line=m.line,
    )
    if "confidential" in m.entries:
        spec.confidential = r.flag(m.entries["confidential"][1], "confidential")
    return spec


def _poll(r: _Reader, top: Map, name: str) -> PollProfile:
    r.mapping(top, "the profile", _POLL_KEYS)
    option_column = r.text(r.required(top, "option_column", "a poll profile"), "option_column")
    counts: dict[str, Ref] = {}
    if "count_columns" in top.entries:
        if "count_column" in top.entries:
            raise r.fail(
                top.entries["count_column"][0], "give `count_columns` or `count_column`, not both"
            )
        m = r.mapping(top.entries["count_columns"][1], "count_columns")
        for group, (key_node, value) in m.entries.items():
            r.slug(key_node, "group")
            counts[group] = r.text(value, f"count_columns[{group}]")
        if not counts:
            raise r.fail(m, "count_columns lists nothing")
    else:
        column = r.text(r.required(top, "count_column", "a poll profile"), "count_column")
        only = r.slug(r.required(top, "group", "a poll profile with `count_column`"), "group")
        counts[only.text] = column
    v = r.mapping(r.required(top, "vote", "a poll profile"), "vote", ("id", "question", "method"))
    method = r.text(r.required(v, "method", "vote"), "method")
    if method.text not in _POLL_METHODS:
        raise r.fail(
            method,
            f"a results table gives counts: use method {', '.join(_POLL_METHODS)} "
            f"(not {method.text!r}; rank and score need the individual responses)",
        )
    vote = VoteSpec(
        id=r.slug(r.required(v, "id", "vote"), "vote id").text,
        question=r.text(r.required(v, "question", "vote"), "question").text,
        method=method.text,
        options=r.refs(r.required(top, "options", "a poll profile"), "options"),
        line=v.line,
    )
    return PollProfile(name, r.shown, option_column, counts, vote, _sheet(r, top))
