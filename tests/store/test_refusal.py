"""`added_errors` (validating only what an edit touched) agrees with validating whole.

Random small workspaces, errors included (duplicate ids across files, unknown themes,
groups and inputs, repeat voters), and random edits of capture files made the way the
ops make them (a draft sharing every record but the edited one); after each edit the
draft is adopted, so the input index kept with the workspace is brought up to date too.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategist.model import (
    Ballot,
    Capture,
    Group,
    Horizon,
    Input,
    Objective,
    Strategy,
    Theme,
    Vote,
    Workshop,
    Workspace,
)
from strategist.ops.capture import _draft, _own_capture
from strategist.store import added_errors, duplicate_marked, locate_input, validate
from strategist.store.refusal import error_counts

IDS = ["a1", "a2", "a3", "a4", "b1", "Bad id"]
THEMES = ["alpha", "beta", "ghost"]
GROUPS = ["industry", "research", "nobody"]
DEVICES = ["d1", "d2", "d3"]

inputs = st.builds(
    Input,
    id=st.sampled_from(IDS),
    theme=st.sampled_from(THEMES),
    kind=st.sampled_from(["idea", "quote", "nonsense"]),
    text=st.sampled_from(["Text", "bell\x07", "", "zero\u200bwidth"]),
    group=st.none() | st.sampled_from(GROUPS),
    duplicate_of=st.none() | st.sampled_from(IDS),
)
ballots = st.builds(
    Ballot,
    voter=st.sampled_from(["v1", "v2", "a b"]),
    group=st.sampled_from(GROUPS),
    ranking=st.lists(st.sampled_from(["alpha", "beta", "x"]), max_size=3),
)
votes = st.builds(
    Vote,
    id=st.sampled_from(["q1", "q2"]),
    question=st.just("Which?"),
    method=st.sampled_from(["rank", "dots"]),
    options=st.lists(st.sampled_from(["alpha", "beta", "x"]), min_size=1, max_size=3),
    ballots=st.lists(ballots, max_size=2),
)
captures = st.builds(
    Capture,
    device=st.sampled_from(DEVICES),
    inputs=st.lists(inputs, max_size=4),
    votes=st.lists(votes, max_size=2),
)


@st.composite
def workspaces(draw: st.DrawFn) -> Workspace:
    strategy = Strategy(
        "C", "T", Horizon(2019, 2024), {g: Group(g, g) for g in ("industry", "research")}
    )
    sources = draw(st.lists(st.sampled_from(IDS), max_size=3))
    themes = {
        "alpha": Theme("alpha", "Alpha", "active", objectives=[Objective("o1", "O", sources)]),
        "beta": Theme("beta", "Beta", "dropped"),
    }
    workshops = {}
    for w in ("w1", "w2"):
        devices = draw(st.lists(st.sampled_from(DEVICES), unique=True, max_size=3))
        found = {}
        for d in sorted(devices):
            capture = draw(captures)
            found[d] = dataclasses.replace(capture, device=d) if draw(st.booleans()) else capture
        workshops[w] = Workshop(w, w, dt.date(2018, 9, 11), "station", captures=found)
    return Workspace("/nonexistent", strategy, themes, workshops)


@st.composite
def edits(draw: st.DrawFn, ws: Workspace) -> Workspace:
    """A draft of `ws` with one or two capture files changed, as the ops change them."""
    workshop_id = draw(st.sampled_from(sorted(ws.workshops)))
    draft, workshop = _draft(ws, workshop_id)
    for device in draw(st.lists(st.sampled_from(DEVICES), min_size=1, max_size=2, unique=True)):
        if device not in workshop.captures:
            workshop.captures[device] = draw(captures)
            workshop.captures = dict(sorted(workshop.captures.items()))
            continue
        if draw(st.integers(0, 9)) == 0:
            del workshop.captures[device]
            continue
        capture = _own_capture(workshop, device)
        what = draw(st.sampled_from(["add", "edit", "delete", "vote"]))
        if what == "add" or (not capture.inputs and what in ("edit", "delete")):
            capture.inputs.append(draw(inputs))
        elif what == "edit":
            n = draw(st.integers(0, len(capture.inputs) - 1))
            capture.inputs[n] = dataclasses.replace(capture.inputs[n], **draw(_changes()))
        elif what == "delete":
            capture.inputs.pop(draw(st.integers(0, len(capture.inputs) - 1)))
        else:
            capture.votes.append(copy.deepcopy(draw(votes)))
    return draft


def _changes() -> st.SearchStrategy[dict[str, object]]:
    return st.fixed_dictionaries(
        {},
        optional={
            "id": st.sampled_from(IDS),
            "theme": st.sampled_from(THEMES),
            "duplicate_of": st.none() | st.sampled_from(IDS),
            "group": st.none() | st.sampled_from(GROUPS),
            "text": st.sampled_from(["New", "bell\x07"]),
        },
    )


def _adopt(ws: Workspace, draft: Workspace) -> None:
    for f in dataclasses.fields(Workspace):
        setattr(ws, f.name, getattr(draft, f.name))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_added_errors_agree_with_validating_whole(data: st.DataObject) -> None:
    """Edit after edit, the scoped count is the whole count, and the index finds inputs
    as a scan of the model does."""
    ws = data.draw(workspaces())
    for _ in range(data.draw(st.integers(1, 4))):
        draft = data.draw(edits(ws))
        whole = error_counts(validate(draft)) - error_counts(validate(ws))
        assert added_errors(ws, draft) == whole
        _adopt(ws, draft)
        for ident in IDS:
            found = ws.find_input(ident)
            assert locate_input(ws, ident) == (found and (found[0].id, found[1].device))
            marked = [i for _, _, i in ws.inputs() if i.duplicate_of == ident]
            assert duplicate_marked(ws, ident) is (marked[0] if marked else None)


def test_a_draft_copied_whole_is_validated_whole() -> None:
    """A deep copy shares nothing: the answer is still the whole count."""
    ws = Workspace(
        "/nonexistent",
        Strategy("C", "T", Horizon(2019, 2024), {"industry": Group("industry", "I")}),
        {"alpha": Theme("alpha", "Alpha", "active")},
        {
            "w1": Workshop(
                "w1",
                "W",
                dt.date(2018, 9, 11),
                "station",
                captures={"d1": Capture("d1", [Input("a1", "alpha", "idea", "T")])},
            )
        },
    )
    draft = copy.deepcopy(ws)
    draft.workshops["w1"].captures["d1"].inputs.append(Input("a1", "ghost", "idea", "T"))
    assert set(added_errors(ws, draft)) == {
        ("duplicate-id", "input id 'a1' is already used in workshops/w1/capture-d1.yaml"),
        ("unknown-theme", "unknown theme 'ghost'"),
    }
