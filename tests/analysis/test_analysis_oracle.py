"""Random small workspaces, written as YAML files: `analyse` agrees with a naive oracle.

The oracle (analysis_oracle.py) is the README's formulas written out again, without
strategist's code; the workspace goes through the real loader, so the file format
(`[sum, voters]` tallies, a weight left out, one question over several capture files)
is covered too.
"""

from __future__ import annotations

import itertools
import math
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from analysis_oracle import oracle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategist.analysis import analyse, analysis_to_json
from strategist.store import load_workspace

METHODS = ["dots", "points", "approve", "score", "rank"]
FIELD = {"dots": "points", "points": "points", "approve": "approvals", "score": "scores"}
FIELD["rank"] = "ranking"
STATUSES = ["proposed", "active", "active", "separate", "merged", "dropped"]
FREE = ["free-a", "free-b"]


@st.composite
def _vote_part(
    draw: st.DrawFn, vid: str, method: str, options: list[str], groups: list[str], voter: Any
) -> dict[str, Any]:
    """What one capture file records of a question: its own tallies and ballots."""
    tallies: dict[str, dict[str, Any]] = {}
    if method != "rank":
        for g in draw(st.lists(st.sampled_from(groups), unique=True, max_size=3)):
            picked = draw(st.lists(st.sampled_from(options), unique=True))
            if method == "score":
                tallies[g] = {
                    o: [draw(st.sampled_from([0, 3, 7, 10, 2.5])), draw(st.integers(0, 4))]
                    for o in picked
                }
            else:
                tallies[g] = {o: draw(st.integers(0, 12)) for o in picked}
    ballots = []
    for _ in range(draw(st.integers(0, 3))):
        picked = draw(st.lists(st.sampled_from(options), unique=True))
        if method in ("dots", "points"):
            value: Any = {o: draw(st.integers(0, 5)) for o in picked}
        elif method == "score":
            value = {o: draw(st.sampled_from([0, 1, 4, 5, 1.5])) for o in picked}
        else:
            value = picked
        group = draw(st.sampled_from(groups))
        ballots.append({"voter": f"p-{next(voter)}", "group": group, FIELD[method]: value})
    shuffled = draw(st.permutations(options))  # capture files may list options in any order
    return {"id": vid, "method": method, "options": list(shuffled), "tallies": tallies,
            "ballots": ballots}  # fmt: skip


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    n_themes = draw(st.integers(2, 5))
    ids = [f"t{i}" for i in range(n_themes)]
    statuses = [draw(st.sampled_from(STATUSES)) for _ in ids]
    themes: dict[str, dict[str, Any]] = {}
    for i, t in enumerate(ids):
        status = statuses[i]
        targets = [u for u, s in zip(ids, statuses, strict=True) if s != "merged"]
        merged_into = None
        if status == "merged":
            candidates = [u for u in targets if u != t]
            if candidates:
                merged_into = draw(st.sampled_from(candidates))
            else:
                status = "dropped"
        influences = {
            u: draw(st.integers(0, 3)) for u in draw(st.lists(st.sampled_from(ids), unique=True))
        }
        # Only earlier themes: never a cycle (a cycle is check's business, tested elsewhere).
        requires = draw(st.lists(st.sampled_from(ids[:i]), unique=True)) if i else []
        themes[t] = {"status": status, "merged_into": merged_into, "influences": influences,
                     "requires": requires}  # fmt: skip

    groups = {
        f"g{i}": draw(st.sampled_from([None, 1.0, 2.0, 0.5]))
        for i in range(draw(st.integers(1, 4)))
    }
    voter = itertools.count()
    options_pool = [*ids, *FREE]
    workshops: dict[str, dict[str, Any]] = {}
    for w in range(draw(st.integers(1, 2))):
        definitions = [
            (
                f"q{k}",
                draw(st.sampled_from(METHODS)),
                draw(st.lists(st.sampled_from(options_pool), unique=True, min_size=1, max_size=5)),
            )
            for k in range(draw(st.integers(1, 3)))
        ]
        captures: dict[str, list[dict[str, Any]]] = {}
        for device in ["a", "b", "c"][: draw(st.integers(1, 3))]:
            captures[device] = [
                draw(_vote_part(vid, method, options, list(groups), voter))
                for vid, method, options in definitions
                if draw(st.booleans()) or device == "a"
            ]
        workshops[f"w{w}"] = {"captures": captures}
    start = 2019
    return {
        "groups": groups,
        "balance": draw(st.sampled_from(["pooled", "groups"])),
        "horizon": (start, start + draw(st.integers(0, 9))),
        "themes": themes,
        "workshops": workshops,
    }


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def write_spec(root: Path, spec: dict[str, Any]) -> None:
    """The spec as workspace files; a weight of None is left out of strategy.yaml."""
    groups = {
        g: {"label": g.upper(), **({} if w is None else {"weight": w})}
        for g, w in spec["groups"].items()
    }
    start, end = spec["horizon"]
    _dump(
        root / "strategy.yaml",
        {"schema": 1, "cluster": "C", "title": "T", "horizon": {"start": start, "end": end},
         "groups": groups, "scoring": {"balance": spec["balance"]}},
    )  # fmt: skip
    for t, theme in spec["themes"].items():
        _dump(root / "themes" / f"{t}.yaml", {"id": t, "title": t.upper(), **theme})
    for day, (wid, workshop) in enumerate(spec["workshops"].items(), start=1):
        folder = root / "workshops" / wid
        _dump(
            folder / "workshop.yaml",
            {"id": wid, "title": wid, "date": f"2018-09-{day:02d}", "format": "station"},
        )
        for device, votes in workshop["captures"].items():
            data = [{"question": "Q?", **v} for v in votes]
            _dump(folder / f"capture-{device}.yaml", {"device": device, "votes": data})


def _close(a: Any, b: Any, where: str) -> None:
    """Equal, floats within 1e-9 (None only equals None)."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and set(a) == set(b), where
        for k in a:
            _close(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _close(x, y, f"{where}[{i}]")
    elif isinstance(a, float) or isinstance(b, float):
        assert a is not None and b is not None, where
        assert not isinstance(a, bool) and not isinstance(b, bool), where
        assert math.isclose(a, b, rel_tol=0, abs_tol=1e-9), f"{where}: {a} != {b}"
    else:
        assert type(a) is type(b) and a == b, f"{where}: {a!r} != {b!r}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs())
def test_analyse_agrees_with_the_naive_oracle(spec: dict[str, Any]) -> None:
    """Every README key (ranking … consensus, robustness, micmac, loops) matches the formulas."""
    with tempfile.TemporaryDirectory() as tmp:
        write_spec(Path(tmp), spec)
        loaded = load_workspace(tmp)
        errors = [f.format() for f in loaded.findings if f.severity == "error"]
        assert not errors
        assert loaded.workspace is not None
        got = analysis_to_json(analyse(loaded.workspace))
    expected = oracle(spec)
    keys = ("ranking", "group_scores", "vester", "roadmap", "consensus")
    for key in (*keys, "robustness", "micmac", "loops"):
        _close(got[key], expected[key], key)


def test_the_oracle_on_a_hand_computed_example() -> None:
    """The oracle itself: one dots question, groups weighing 2 and 1 (weight left out)."""
    spec = {
        "groups": {"g0": 2.0, "g1": None},
        "balance": "pooled",
        "horizon": (2019, 2024),
        "themes": {
            "a": {"status": "active", "influences": {"b": 3}, "requires": []},
            "b": {"status": "active", "influences": {}, "requires": ["a"]},
        },
        "workshops": {
            "w": {
                "captures": {
                    "x": [
                        {
                            "id": "q",
                            "method": "dots",
                            "options": ["a", "b"],
                            "ballots": [],
                            "tallies": {"g0": {"a": 3, "b": 1}, "g1": {"b": 4}},
                        },
                    ]
                }
            }
        },
    }
    got = oracle(spec)
    # pooled: a = 2·3 / (2·4 + 1·4) = 0.5, b = (2·1 + 4) / 12 = 0.5 → a tie.
    assert [(r["theme"], r["rank"]) for r in got["ranking"]] == [("a", 1), ("b", 1)]
    assert got["ranking"][0]["score"] == pytest.approx(0.5)
    assert got["group_scores"] == {"g0": {"a": 0.75, "b": 0.25}, "g1": {"a": 0.0, "b": 1.0}}
    # g0 ranks a 1, b 2; g1 the opposite: rank sums 3 and 3, S = 0, W = 0; spread 1 ≥ ⌈2/2⌉.
    assert got["consensus"] == {"kendall_w": 0.0, "spread": {"a": 1, "b": 1},
                                "contested": ["a", "b"]}  # fmt: skip
    assert got["vester"][0] == {"theme": "a", "active": 3, "passive": 0, "product": 0,
                                "quotient": None, "role": "active"}  # fmt: skip
    assert got["roadmap"] == [{"wave": 1, "start": 2019, "themes": ["a"]},
                              {"wave": 2, "start": 2021, "themes": ["b"]}]  # fmt: skip
