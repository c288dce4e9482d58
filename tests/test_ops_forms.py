"""The ops the TUI's strategy screen and objective/KPI/measure forms call: a refused
value names its field; a saved edit says what it wrote; ids follow titles."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import snapshot, write_workspace

from strategist.ops import FieldError, OpsError, kpis, plan, strategy
from strategist.store import load_workspace
from strategist.store.ids import suggest_id
from strategist.suggest import did_you_mean


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_workspace(tmp_path)


def loaded(root: Path):
    ws = load_workspace(root).workspace
    assert ws is not None
    return ws


@pytest.mark.parametrize(
    ("title", "taken", "expected"),
    [
        ("Æble-Straße", set(), "aeble-strasse"),
        ("Øresund Ålborg", set(), "oeresund-aalborg"),
        ("Größe über Äcker", set(), "groesse-ueber-aecker"),
        ("Café", {"cafe"}, "cafe-2"),
        ("Café", {"cafe", "cafe-2"}, "cafe-3"),
        ("!!!", set(), "fallback"),
        ("", {"fallback"}, "fallback-2"),
        ("Con", set(), "con-2"),
    ],
)
def test_suggest_id_is_ascii_never_empty_and_unique(title, taken, expected) -> None:
    assert suggest_id(title, taken, "fallback") == expected


def test_a_long_title_is_cut_at_a_word() -> None:
    assert suggest_id("Members share data across clinics and companies", set(), "o", 32) == (
        "members-share-data-across"
    )


def test_did_you_mean() -> None:
    assert did_you_mean("workforse", ["workforce", "entrepreneurship"]) == (
        " (did you mean 'workforce'?)"
    )
    assert did_you_mean("zzz", ["workforce"]) == ""


def test_set_strategy_saves_several_keys_at_once(root: Path) -> None:
    ws = loaded(root)
    written = strategy.set_strategy(ws, {"title": "T", "horizon.end": "2030", "vision": "V\n\nW"})
    assert written == ["strategy.yaml"]
    assert ws.strategy.horizon.end == 2030 and ws.strategy.vision == "V\n\nW\n"
    assert strategy.strategy_value(ws.strategy, "horizon.end") == "2030"
    assert strategy.set_strategy(ws, {"title": "T"}) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"horizon.start": "2025"}, "horizon.start"),
        ({"language": "fr"}, "language"),
        ({"publish.min_group_size": "x"}, "publish.min_group_size"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_refused_strategy_value_names_its_field(root: Path, changes, field) -> None:
    before = snapshot(root)
    with pytest.raises(FieldError) as refused:
        strategy.set_strategy(loaded(root), changes)
    assert refused.value.field == field
    assert snapshot(root) == before


def test_plan_ops_return_what_they_saved(root: Path) -> None:
    ws = loaded(root)
    saved = plan.add_objective(ws, "workforce", None, "Skilled people", ["aaaa0001"])
    assert saved == plan.Saved("skilled-people", "workforce", ["themes/workforce.yaml"])
    kpis.add_kpi(ws, "skilled-people", "Trainees", "40", baseline="10", by="2024")
    kpis.set_kpi_actual(ws, "skilled-people", "Trainees", "2022", "25")
    measure = plan.add_measure(ws, "skilled-people", "", "Train the trainers", due="2023")
    assert measure.id == "train-the-trainers"
    plan.add_objective(ws, "workforce", "second", "Second")
    plan.move_objective(ws, "second", -1)
    assert [o.id for o in ws.themes["workforce"].objectives] == ["second", "skilled-people"]
    kpi = ws.themes["workforce"].objectives[1].kpis[0]
    assert (kpi.target, kpi.baseline, kpi.by, kpi.actuals) == (40, 10, 2024, {2022: 25})
    assert plan.edit_measure(ws, "train-the-trainers").paths == []
    kpis.delete_kpi(ws, "skilled-people", "Trainees")
    assert loaded(root).themes["workforce"].objectives[1].kpis == []


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda ws: plan.add_objective(ws, "workforce", "Bad Id", "T"), "id"),
        (lambda ws: plan.add_objective(ws, "workforce", None, ""), "text"),
        (lambda ws: plan.add_objective(ws, "workforce", None, "T", ["nope"]), "sources"),
        (lambda ws: kpis.add_kpi(ws, "o", "K", "ten"), "target"),
        (lambda ws: kpis.add_kpi(ws, "o", "K", "1", by="soon"), "by"),
        (lambda ws: plan.add_measure(ws, "o", None, "M", due="99"), "due"),
    ],
)
def test_a_refused_plan_value_names_its_field(root: Path, call, field) -> None:
    ws = loaded(root)
    plan.add_objective(ws, "workforce", "o", "Objective")
    before = snapshot(root)
    with pytest.raises(FieldError) as refused:
        call(ws)
    assert refused.value.field == field
    assert snapshot(root) == before


def test_an_unknown_objective_is_an_ops_error(root: Path) -> None:
    with pytest.raises(OpsError, match="no objective"):
        kpis.add_kpi(loaded(root), "nope", "K", "1")


def test_kpis_and_measures_can_be_reordered(root: Path) -> None:
    ws = loaded(root)
    plan.add_objective(ws, "workforce", "o", "Objective")
    for name in ("A", "B", "C"):
        kpis.add_kpi(ws, "o", name, "1")
        plan.add_measure(ws, "o", name.lower(), name)
    kpis.move_kpi(ws, "o", "C", -5)
    plan.move_measure(ws, "a", 1)
    objective = loaded(root).themes["workforce"].objectives[0]
    assert [k.name for k in objective.kpis] == ["C", "A", "B"]
    assert [m.id for m in objective.measures] == ["b", "a", "c"]


def test_source_candidates_search_the_themes_inputs(root: Path) -> None:
    ws = loaded(root)
    assert [i.id for i in plan.source_candidates(ws, "entrepreneurship")] == ["aaaa0001"]
    assert [i.id for i in plan.source_candidates(ws, "entrepreneurship", "BREAKFAST month")] == [
        "aaaa0001"
    ]
    assert plan.source_candidates(ws, "entrepreneurship", "lunch") == []
    assert plan.source_candidates(ws, "workforce") == []
