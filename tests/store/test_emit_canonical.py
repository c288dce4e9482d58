"""The fast canonical writer (`strategist.store._emit`) writes PyYAML's bytes exactly.

The oracle is the implementation `canonical_yaml` had before the fast writer: PyYAML's
pure emitter with the canonical representers, copied here so that a change to the store
cannot move the oracle along with it. One change was made on purpose, in both: an object
met twice is written out twice, never as an anchor and alias, which the loader refuses
(the old writer did that to a datetime shared by two inputs).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from strategist.model import Ballot, Capture, Input, ScoreTally, Vote
from strategist.store import canonical_yaml, to_data
from strategist.store.canonical import _Flow

# ----------------------------------------------------------------- the oracle (as it was)

_NEEDS_ESCAPE = re.compile("[\r\x85\u2028\u2029\ufeff]")
_YAML12_NUMBER = re.compile(
    r"^[-+]?(?:\.[0-9]+|[0-9]+\.?[0-9]*)(?:[eE][-+]?[0-9]+)?$|^0o[0-7]+$|^[-+]?\.(?:inf|Inf|INF)$"
)
_YAML11_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)


class _OldDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the one change (see above)


def _old_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style: str | None = None
    if _NEEDS_ESCAPE.search(text):
        style = '"'
    elif "\n" in text:
        style = "|"
    elif _YAML12_NUMBER.match(text):
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _old_datetime(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.ScalarNode:
    text = value.isoformat()
    if not _YAML11_TIMESTAMP.fullmatch(text):
        return _old_str(dumper, text)
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", text)


def _old_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_OldDumper.add_representer(str, _old_str)
_OldDumper.add_representer(dt.datetime, _old_datetime)
_OldDumper.add_representer(_Flow, _old_flow)


def old_canonical_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_OldDumper,
        allow_unicode=True,
        default_flow_style=False,
        sort_keys=False,
        width=2**30,
        line_break="\n",
    )


# ----------------------------------------------------------------- random data

TRICKY = [
    "",
    " ",
    "no",
    "No",
    "off",
    "y",
    "~",
    "null",
    "010",
    "0o17",
    "0x1f",
    "1_000",
    "1e3",
    "123e4567",
    ".5",
    "-.inf",
    ".NaN",
    "1:30",
    "190:20:30",
    "2018-09-11",
    "2018-09-11 10:42:00",
    "2018-09-11T10:42:00+02:00",
    " leading",
    "trailing ",
    "# comment",
    "a # b",
    "a#b",
    "key: value",
    "ends:",
    "a:b",
    ":colon",
    "- dash",
    "-dash",
    "-",
    "?",
    "? q",
    "---",
    "...",
    "--- x",
    "'quoted'",
    '"double"',
    "it's",
    "[flow]",
    "{map}",
    "a, b",
    "&anchor",
    "*alias",
    "!tag",
    "%percent",
    "@at",
    "`tick`",
    "|pipe",
    ">fold",
    "=",
    "<<",
    "Förderung für Kliniken",
    "emoji 🎉 text",
    "tab\there",
    "line\nbreak",
    "trailing break\n",
    "two breaks\n\n",
    "\nleading break",
    "  indented\nlines",
    "space before break \nx",
    "a\n\n\nb",
    "cr\rlf",
    "nel\x85x",
    "ls\u2028x",
    "bom\ufeffx",
    "bell\x07x",
    "zero\u200bwidth",
    "bidi\u202ex",
    "x" * 300,
    "word " * 200 + "end",
    "private \ue000 use",
    "\U0010fffd astral",
]

_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(
    list(" \n\t#:-?'\"[]{},&*!|>%@`~\r\x85\u2028\ufeff0123456789.eE+")
)
texts = (
    st.sampled_from(TRICKY)
    | st.text(_CHARS, max_size=40)
    | st.lists(st.sampled_from(TRICKY), min_size=1, max_size=4).map(" ".join)
)
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,11}", fullmatch=True)
keys = st.integers(0, 19).flatmap(lambda n: texts if n == 0 else slugs)
"""Mostly slugs: a key that is not a plain text sends the whole file to PyYAML."""
times = st.datetimes(
    min_value=dt.datetime(1000, 1, 1),
    timezones=st.none()
    | st.timedeltas(dt.timedelta(hours=-23), dt.timedelta(hours=23)).map(dt.timezone)
    | st.timezones(),
)
numbers = st.integers() | st.floats() | st.just(-0.0)
scalars = (
    texts
    | numbers
    | st.booleans()
    | st.none()
    | st.dates()
    | times
    | st.lists(st.integers() | st.floats(), max_size=2).map(_Flow)
)
trees = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)
documents = st.dictionaries(keys, trees, max_size=5)

inputs = st.builds(
    Input,
    id=slugs | texts,
    theme=slugs,
    kind=st.sampled_from(["idea", "quote", "no"]),
    text=texts,
    group=st.none() | slugs,
    at=st.none() | times,
    confidential=st.booleans(),
    duplicate_of=st.none() | slugs,
)
ballots = st.builds(
    Ballot,
    voter=slugs | texts,
    group=slugs,
    points=st.none() | st.dictionaries(keys, st.integers(0, 99), max_size=3),
    ranking=st.none() | st.lists(slugs | texts, max_size=3),
    scores=st.none() | st.dictionaries(slugs, st.floats(0, 10) | st.integers(0, 10), max_size=2),
)
cells = st.integers(0, 50) | st.builds(
    ScoreTally, st.floats(0, 99) | st.integers(0, 9), st.integers(0, 9)
)
votes = st.builds(
    Vote,
    id=slugs,
    question=texts,
    method=st.sampled_from(["dots", "rank", "score", "approve"]),
    options=st.lists(slugs | texts, max_size=4),
    tallies=st.dictionaries(slugs, st.dictionaries(keys, cells, max_size=3), max_size=2),
    ballots=st.lists(ballots, max_size=3),
)
captures = st.builds(
    Capture,
    device=slugs,
    inputs=st.lists(inputs, max_size=6),
    votes=st.lists(votes, max_size=2),
)


# ----------------------------------------------------------------- the properties


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(captures)
def test_a_capture_file_is_written_as_before(capture: Capture) -> None:
    """Random captures, tricky texts everywhere: the same bytes as PyYAML's emitter."""
    data = to_data(capture)
    assert canonical_yaml(data) == old_canonical_yaml(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
@example({"k": "two breaks\n\n"})
@example({"a": {"b": ["x\n\n"]}})
@example({"a": ["x\n\n", "y"]})
@example({"a": [{"b": "\n x\n\n"}], "c": 1})
def test_any_document_is_written_as_before(data: dict[str, Any]) -> None:
    """Any nesting of mappings, lists and scalars: the same bytes, or the same error."""
    try:
        expected = old_canonical_yaml(data)
    except yaml.YAMLError as e:
        try:
            canonical_yaml(data)
        except yaml.YAMLError as again:
            assert type(again) is type(e)
        else:
            raise AssertionError("the fast writer wrote what PyYAML refused") from e
        return
    assert canonical_yaml(data) == expected


@given(st.sampled_from(TRICKY), st.integers(0, 3))
def test_each_tricky_text_is_written_as_before_at_any_depth(text: str, depth: int) -> None:
    """A text as a mapping value and a list item, nested `depth` deep."""
    value: Any = {"text": text, "list": [text, text + "x"], "after": 1}
    for _ in range(depth):
        value = {"nest": [value, {"k": value}]}
    data = {"top": value}
    assert canonical_yaml(data) == old_canonical_yaml(data)


def test_a_shared_object_is_written_out_each_time() -> None:
    """No anchors and aliases (the loader refuses them), in the fast writer and PyYAML's."""
    when = dt.datetime(2018, 9, 11, 10, 42)
    shared = ["a"]
    data = {"x": when, "y": when, "l": shared, "m": shared}
    assert canonical_yaml(data) == old_canonical_yaml(data)
    assert (
        canonical_yaml(data)
        == "x: 2018-09-11T10:42:00\ny: 2018-09-11T10:42:00\nl:\n  - a\nm:\n  - a\n"
    )
    data["k"] = {1.5: "a non-text key sends it all to PyYAML"}
    assert "&" not in canonical_yaml(data)
