"""Save → load gives the same model, and a second save gives the same bytes."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategist.model import (
    FORMATS,
    INPUT_KINDS,
    LANGUAGES,
    METHODS,
    STATUSES,
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
    Workspace,
)
from strategist.store import (
    load_workspace,
    save_capture,
    save_strategy,
    save_theme,
    save_workshop,
)

REPO = Path(__file__).resolve().parents[2]


def save_all(ws: Workspace) -> None:
    save_strategy(ws)
    for theme in ws.themes.values():
        save_theme(ws, theme)
    for workshop in ws.workshops.values():
        save_workshop(ws, workshop)
        for capture in workshop.captures.values():
            save_capture(ws, workshop.id, capture)


def yaml_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*.yaml"))
        if ".strategist" not in p.parts
    }


def load_clean(root: Path) -> Workspace:
    result = load_workspace(root)
    errors = [f.format() for f in result.findings if f.severity == "error"]
    assert errors == []
    assert result.workspace is not None
    return result.workspace


def assert_same_model(a: Workspace, b: Workspace) -> None:
    assert a.strategy == b.strategy
    assert a.themes == b.themes
    assert a.workshops == b.workshops
    assert a.comments == b.comments


def assert_round_trips(ws: Workspace, scratch: Path) -> None:
    """Save `ws` into scratch/a, load it, save that into scratch/b: same model, same bytes."""
    first_root, second_root = scratch / "a", scratch / "b"
    first_root.mkdir()
    second_root.mkdir()
    ws.root, ws.stamps = str(first_root), {}
    save_all(ws)
    loaded = load_clean(first_root)
    assert_same_model(loaded, ws)

    loaded.root, loaded.stamps = str(second_root), {}
    save_all(loaded)
    assert yaml_files(second_root) == yaml_files(first_root)


# --------------------------------------------------------------------------- the example


EXAMPLE_PARTS = ("strategy.yaml", "themes", "workshops", "narrative")


@pytest.mark.skipif(
    not (REPO / "strategy.yaml").is_file(), reason="the example workspace is not in the repo yet"
)
def test_every_file_of_the_example_workspace_round_trips(tmp_path: Path) -> None:
    source = tmp_path / "example"
    source.mkdir()
    for part in EXAMPLE_PARTS:
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, source / part)
        elif (REPO / part).is_file():
            shutil.copy2(REPO / part, source / part)
    example = load_clean(source)
    files = set(yaml_files(source))
    assert_round_trips(example, tmp_path)
    # Every file of the example was written back, none lost, none added.
    assert set(yaml_files(tmp_path / "a")) == files
    # A hand-written file is normalised once; the normalised file is a fixed point.
    again = load_clean(tmp_path / "a")
    assert_same_model(again, load_clean(source))


# --------------------------------------------------------------------------- random models

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)
# Any text at all, YAML 1.1 traps, line breaks and control characters included.
# Control characters other than tab and newline are errors in any text (issue 13).
texts = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n"), max_size=40
)
required_texts = texts | st.sampled_from(["no", "on", "010", "1:30", "2018-09-11", "~", "null"])
numbers = st.integers(-(10**6), 10**6) | st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False)
years = st.integers(1990, 2060)
offsets = st.sampled_from([None, 0, 60, 120, -300, 330])


@st.composite
def datetimes(draw: st.DrawFn) -> dt.datetime:
    moment = draw(st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2060, 1, 1)))
    minutes = draw(offsets)
    if minutes is None:
        return moment
    return moment.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))


def unique(elements: st.SearchStrategy[str], max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(elements, max_size=max_size, unique=True)


@st.composite
def strategies(draw: st.DrawFn) -> Strategy:
    group_ids = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    start = draw(years)
    weights = st.sampled_from([1.0, 0.5, 2.0, 1.25])
    return Strategy(
        cluster=draw(required_texts),
        title=draw(required_texts),
        horizon=Horizon(start, start + draw(st.integers(0, 10))),
        groups={g: Group(g, draw(required_texts), draw(weights)) for g in group_ids},
        status=draw(st.sampled_from(STATUSES)),
        version=draw(texts),
        language=draw(st.sampled_from(LANGUAGES)),
        facilitator=draw(texts),
        balance=draw(st.sampled_from(["pooled", "groups"])),
        min_group_size=draw(st.integers(1, 20)),
        summary=draw(texts),
        vision=draw(texts),
        monitoring=draw(texts),
    )


@st.composite
def themes(draw: st.DrawFn, ids: list[str], input_ids: list[str]) -> dict[str, Theme]:
    result: dict[str, Theme] = {}
    for index, theme_id in enumerate(ids):
        earlier = ids[:index]  # `requires` only points back, so there is never a cycle
        others = [t for t in ids if t != theme_id]
        status = draw(st.sampled_from(["proposed", "active", "separate", "dropped"]))
        merged_into = None
        if others and draw(st.booleans()):
            status, merged_into = "merged", draw(st.sampled_from(others))
        sources = unique(st.sampled_from(input_ids), 2) if input_ids else st.just([])
        objectives = []
        for n in range(draw(st.integers(0, 2))):
            kpis = [
                Kpi(
                    name=draw(required_texts),
                    target=draw(numbers),
                    baseline=draw(st.none() | numbers),
                    unit=draw(texts),
                    by=draw(st.none() | years),
                    actuals=draw(st.dictionaries(years, numbers, max_size=3)),
                )
                for _ in range(draw(st.integers(0, 2)))
            ]
            measures = [
                Measure(
                    f"{theme_id}-o{n}-m{m}",
                    draw(required_texts),
                    draw(texts),
                    draw(st.none() | years),
                    draw(sources),
                )
                for m in range(draw(st.integers(0, 2)))
            ]
            objectives.append(
                Objective(f"{theme_id}-o{n}", draw(required_texts), draw(sources), kpis, measures)
            )
        result[theme_id] = Theme(
            id=theme_id,
            title=draw(required_texts),
            status=status,
            summary=draw(texts),
            merged_into=merged_into,
            owner=draw(texts),
            influences=draw(st.dictionaries(st.sampled_from(others), st.integers(0, 3)))
            if others
            else {},
            requires=draw(unique(st.sampled_from(earlier), 2)) if earlier else [],
            objectives=objectives,
        )
    return result


@st.composite
def votes(draw: st.DrawFn, vote_id: str, theme_ids: list[str], groups: list[str]) -> Vote:
    method = draw(st.sampled_from(METHODS))
    options = draw(
        st.lists(st.sampled_from(theme_ids) | slugs, min_size=1, max_size=3, unique=True)
    )
    option = st.sampled_from(options)
    group = st.sampled_from(groups)
    tallies: dict[str, dict[str, int | ScoreTally]] = {}
    if method != "rank":
        for g in draw(unique(group, 2)):
            cells = draw(unique(option, 3))
            tallies[g] = {
                o: ScoreTally(draw(numbers.filter(lambda n: n >= 0)), draw(st.integers(0, 30)))
                if method == "score"
                else draw(st.integers(0, 50))
                for o in cells
            }
    ballots = []
    for n in range(draw(st.integers(0, 3))):
        ballot = Ballot(f"p-{n}", draw(group))
        if method in ("dots", "points"):
            ballot.points = draw(st.dictionaries(option, st.integers(0, 10), max_size=3))
        elif method == "approve":
            ballot.approvals = draw(unique(option, 3))
        elif method == "score":
            ballot.scores = draw(st.dictionaries(option, st.integers(0, 10), max_size=3))
        else:
            ballot.ranking = draw(st.permutations(options))
        ballots.append(ballot)
    return Vote(vote_id, draw(required_texts), method, options, tallies, ballots)


@st.composite
def workspaces(draw: st.DrawFn) -> Workspace:
    strategy = draw(strategies())
    groups = list(strategy.groups)
    theme_ids = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    input_ids = draw(unique(st.from_regex(r"[0-9a-hjkmnp-tv-z]{8}", fullmatch=True), 6))
    pending = list(input_ids)
    workshops: dict[str, Workshop] = {}
    for workshop_id in draw(unique(slugs, 2)):
        workshop = Workshop(
            id=workshop_id,
            title=draw(required_texts),
            date=draw(st.dates(dt.date(1990, 1, 1), dt.date(2060, 1, 1))),
            format=draw(st.sampled_from(FORMATS)),
            location=draw(texts),
            themes=draw(unique(st.sampled_from(theme_ids), 2)),
            attendance=draw(st.dictionaries(st.sampled_from(groups), st.integers(0, 60))),
        )
        vote_ids = iter(draw(unique(slugs, 6)))
        for device in draw(unique(slugs, 2)):
            inputs = []
            while pending and draw(st.booleans()):
                input_id = pending.pop()
                inputs.append(
                    Input(
                        id=input_id,
                        theme=draw(st.sampled_from(theme_ids)),
                        kind=draw(st.sampled_from(INPUT_KINDS)),
                        text=draw(required_texts),
                        group=draw(st.none() | st.sampled_from(groups)),
                        at=draw(st.none() | datetimes()),
                        confidential=draw(st.booleans()),
                    )
                )
            capture_votes = [
                draw(votes(vote_id, theme_ids, groups))
                for vote_id, _ in zip(vote_ids, range(draw(st.integers(0, 2))), strict=False)
            ]
            workshop.captures[device] = Capture(device, inputs, capture_votes)
        workshops[workshop_id] = workshop
    used = [i.id for w in workshops.values() for c in w.captures.values() for i in c.inputs]
    for workshop in workshops.values():
        for capture in workshop.captures.values():
            for item in capture.inputs:
                others = [i for i in used if i != item.id]
                if others and draw(st.booleans()):
                    item.duplicate_of = draw(st.sampled_from(others))
    return Workspace(
        root="",
        strategy=strategy,
        themes=draw(themes(theme_ids, used)),
        workshops=workshops,
        comments={"strategy.yaml": "# Kept on save.\n"} if draw(st.booleans()) else {},
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workspaces())
def test_random_models_round_trip_byte_identically(ws: Workspace) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        assert_round_trips(ws, Path(scratch))


# --------------------------------------------------------------------------- through the loader


@pytest.mark.parametrize(
    "text", ["no", "on", "010", "1:30", "2018-09-11", "null", "~", " x ", "#x", "a: b", "1e3"]
)
def test_yaml_1_1_traps_load_back_as_text(tmp_path: Path, text: str) -> None:
    strategy = Strategy(text, text, Horizon(2020, 2025), {"g": Group("g", text)}, version=text)
    ws = Workspace(root=str(tmp_path), strategy=strategy)
    save_strategy(ws)
    loaded = load_clean(tmp_path).strategy
    assert (loaded.cluster, loaded.title, loaded.version, loaded.groups["g"].label) == (
        text,
        text,
        text,
        text,
    )


def test_a_hand_written_file_with_bom_and_crlf_is_normalised_on_save(tmp_path: Path) -> None:
    hand = "# Our strategy.\r\nschema: 1\r\ncluster: C\r\ntitle: T\r\n"
    hand += "horizon: {start: 2020, end: 2025}\r\ngroups: {g: {label: G}}\r\n"
    (tmp_path / "strategy.yaml").write_bytes("\ufeff".encode() + hand.encode())
    ws = load_clean(tmp_path)
    save_strategy(ws)
    assert (tmp_path / "strategy.yaml").read_bytes() == (
        b"# Our strategy.\nschema: 1\ncluster: C\ntitle: T\nhorizon:\n  start: 2020\n"
        b"  end: 2025\ngroups:\n  g:\n    label: G\n"
    )
    assert load_workspace(tmp_path).findings == []
