"""Objectives, KPIs and measures as the theme editor shows them: a YAML list.

The editor lets people type the nested list the way it reads in the theme file; these
functions turn it into model objects and back, refusing (with the reason) anything that
the theme file would not accept. Cross-references (sources that are not inputs) are left
to `store.validate`, which every op runs before saving.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from strategist import store
from strategist.model import Kpi, Measure, Number, Objective
from strategist.ops import OpsError
from strategist.store._yaml import plain_syntax
from strategist.store.shapes import KPI, MEASURE, OBJECTIVE
from strategist.suggest import did_you_mean

__all__ = ["objectives_from_yaml", "objectives_to_yaml"]

_OBJECTIVE_KEYS = set(OBJECTIVE.names)
_KPI_KEYS = set(KPI.names)
_MEASURE_KEYS = set(MEASURE.names)


def objectives_to_yaml(objectives: list[Objective]) -> str:
    """The objectives as a canonical YAML list (empty text for none)."""
    if not objectives:
        return ""
    text = store.canonical_yaml({"objectives": [store.to_data(o) for o in objectives]})
    # Drop the wrapping key: the editor shows the list itself.
    lines = text.splitlines()[1:]
    indent = len(lines[0]) - len(lines[0].lstrip()) if lines else 0
    return "\n".join(line[indent:] for line in lines) + "\n"


def _map(value: Any, where: str, allowed: set[str], required: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise OpsError(f"{where}: expected a mapping with {', '.join(required)}")
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        hint = did_you_mean(unknown[0], allowed)
        raise OpsError(
            f"{where}: unknown key {unknown[0]!r}{hint} (allowed: {', '.join(sorted(allowed))})"
        )
    for key in required:
        if value.get(key) in (None, ""):
            raise OpsError(f"{where}: {key} is required")
    return value


def _text(value: Any, where: str) -> str:
    # YAML 1.1 reads `010` as 8 and `1.10` as 1.1: taking such a number as text would
    # save something else than what was typed, so it must be quoted.
    if not isinstance(value, str):
        raise OpsError(f"{where}: expected text, got {value!r} (put it in quotes)")
    return value


def _number(value: Any, where: str, optional: bool = False) -> Number | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise OpsError(f"{where}: expected a number, got {value!r}")
    return value


def _year(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        raise OpsError(f"{where}: expected a year, got {value!r}")
    return value


def _ids(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OpsError(f"{where}: expected a list of input ids")
    return list(value)


def _kpi(value: Any, where: str) -> Kpi:
    data = _map(value, where, _KPI_KEYS, KPI.required)
    actuals_raw = data.get("actuals") or {}
    if not isinstance(actuals_raw, dict):
        raise OpsError(f"{where}.actuals: expected year: value pairs")
    actuals: dict[int, Number] = {}
    for year, amount in actuals_raw.items():
        checked = _year(year, f"{where}.actuals")
        number = _number(amount, f"{where}.actuals.{year}")
        assert checked is not None and number is not None
        actuals[checked] = number
    target = _number(data["target"], f"{where}.target")
    assert target is not None
    return Kpi(
        name=_text(data["name"], f"{where}.name"),
        target=target,
        baseline=_number(data.get("baseline"), f"{where}.baseline", optional=True),
        unit=_text(data.get("unit") or "", f"{where}.unit"),
        by=_year(data.get("by"), f"{where}.by"),
        actuals=dict(sorted(actuals.items())),
    )


def _measure(value: Any, where: str) -> Measure:
    data = _map(value, where, _MEASURE_KEYS, MEASURE.required)
    return Measure(
        id=_text(data["id"], f"{where}.id"),
        text=_text(data["text"], f"{where}.text"),
        owner=_text(data.get("owner") or "", f"{where}.owner"),
        due=_year(data.get("due"), f"{where}.due"),
        sources=_ids(data.get("sources"), f"{where}.sources"),
    )


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise OpsError(f"{where}: expected a list")
    return value


def objectives_from_yaml(text: str) -> list[Objective]:
    """Parse the editor's YAML list of objectives.

    Raises:
        OpsError: not YAML, or a value the theme file would not accept (says where).
    """
    if not text.strip():
        return []
    try:
        # Aliases could expand without limit (a YAML bomb); nobody needs them here.
        if any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=yaml.SafeLoader)):
            raise OpsError("objectives may not use YAML anchors and aliases (& and *)")
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is None:
            raise OpsError("objectives are not valid YAML") from None
        said = str(getattr(exc, "problem", None) or exc)
        plain = plain_syntax(text, (mark.line + 1, mark.column + 1), said)
        raise OpsError(f"objectives are not valid YAML (line {mark.line + 1}): {plain}") from None
    objectives: list[Objective] = []
    for i, value in enumerate(_list(data, "objectives"), start=1):
        where = f"objective {i}"
        item = _map(value, where, _OBJECTIVE_KEYS, OBJECTIVE.required)
        objectives.append(
            Objective(
                id=_text(item["id"], f"{where}.id"),
                text=_text(item["text"], f"{where}.text"),
                sources=_ids(item.get("sources"), f"{where}.sources"),
                kpis=[
                    _kpi(k, f"{where}.kpi {j}")
                    for j, k in enumerate(_list(item.get("kpis"), where), 1)
                ],
                measures=[
                    _measure(m, f"{where}.measure {j}")
                    for j, m in enumerate(_list(item.get("measures"), where), 1)
                ],
            )
        )
    return objectives
