"""The forms of the theme editor's plan: an objective, a KPI, a measure.

Each form saves through one `strategist.ops.plan` or `strategist.ops.kpis` call (a
KPI's actuals through `set_kpi_actual`, one year each, checked before the first
write) and shows a refused value under its field. Ids are suggested from the text as
it is typed (the same transliteration as workshop ids) until the id is edited by
hand; an emptied id field takes the suggestion on save, so no id is ever empty.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from strategist.model import Kpi, Measure, Number, Objective
from strategist.ops import FieldError
from strategist.ops import _values as values
from strategist.ops import kpis as kpi_ops
from strategist.ops import plan as plan_ops
from strategist.tui.screens.fields import clear_field_errors, field, show_field_errors
from strategist.tui.screens.form_dialog import FormDialog
from strategist.tui.widgets.source_picker import SourcePicker

if TYPE_CHECKING:
    from strategist.tui.screens.editing import EditingScreen

__all__ = [
    "KpiDialog",
    "MeasureDialog",
    "ObjectiveDialog",
    "format_actuals",
    "number_text",
    "parse_actuals",
]


def number_text(value: Number | None) -> str:
    """A number as a field shows it ('' for none)."""
    return "" if value is None else str(value)


def format_actuals(actuals: dict[int, Number]) -> str:
    """``2020: 4, 2021: 7``."""
    return ", ".join(f"{year}: {number_text(value)}" for year, value in actuals.items())


def parse_actuals(text: str) -> dict[int, str]:
    """The actuals typed as ``2020: 4, 2021: 7`` → {year: value as typed}.

    Raises:
        FieldError: (field ``actuals``) a pair that is not ``YEAR: NUMBER``.
    """
    found: dict[int, str] = {}
    for part in (p.strip() for p in re.split(r"[;,]\s|[;\n]", text)):
        if not part:
            continue
        year, colon, value = part.partition(":")
        if not colon:
            raise FieldError("actuals", f"{part!r}: write YEAR: VALUE, e.g. 2020: 4")
        try:
            checked = values.year("actuals", year)
            values.number("actuals", value)
        except FieldError as exc:
            raise FieldError("actuals", f"{part!r}: {exc.message}") from None
        found[checked] = value.strip()
    return dict(sorted(found.items()))


class _Body(VerticalScroll, can_focus=False):
    """The scrolled body of a form: the fields take the focus, not the body."""


class _PlanDialog(FormDialog):
    """What the three forms share: a scrolled body, refusals under fields."""

    AUTO_FOCUS = "Input"
    suggest_from_text = False
    """True: the id field follows the text until it is edited by hand."""

    def __init__(self, owner: EditingScreen) -> None:
        super().__init__(owner)
        self._suggested = ""

    def refused(self, exc: BaseException) -> None:
        if isinstance(exc, FieldError):
            show_field_errors(self, {exc.field: exc.message})
        self.show_error(str(exc))

    def run(self, edit: Any, doing: str) -> None:
        clear_field_errors(self)
        self.query_one("#error", Static).update("")
        self.owner.apply(edit, doing, done=self.saved, failed=self.refused)

    def value(self, wid: str) -> str:
        return self.query_one(f"#{wid}", Input).value

    def on_input_changed(self, event: Input.Changed) -> None:
        if not self.suggest_from_text or event.input.id != "plan-text":
            return
        ws = self.owner.workspace
        id_field = self.query("#plan-id").results(Input)
        for box in id_field:
            if ws is not None and box.value == self._suggested:
                self._suggested = (
                    plan_ops.suggest_plan_id(ws, event.value, self.fallback)
                    if event.value.strip()
                    else ""
                )
                box.value = self._suggested
            box.placeholder = plan_ops.suggest_plan_id(ws, event.value, self.fallback) if ws else ""

    fallback = "objective"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Textual runs FormDialog's handler after this one, unless prevented.
        if event.input.id == "source-search":
            event.stop()
            event.prevent_default()
            self.query_one(SourcePicker).focus_list()


class ObjectiveDialog(_PlanDialog):
    """Id (suggested from the text), text and sources of an objective."""

    def __init__(self, owner: EditingScreen, theme_id: str, objective: Objective | None) -> None:
        super().__init__(owner)
        self.theme_id = theme_id
        self.objective = objective
        self.suggest_from_text = objective is None

    def compose(self) -> ComposeResult:
        objective = self.objective
        ws = self.owner.workspace
        with _Body(classes="dialog plan"):
            title = "New objective" if objective is None else f"Objective {objective.id}"
            yield Static(Text(f"{title}  (Enter: next field, ctrl+s saves, Esc cancels)"))
            yield Static("", id="error", classes="error")
            if objective is None:
                yield from field(
                    "Id (follows the text until you edit it)", Input(id="plan-id"), "id"
                )
            yield from field(
                "Text", Input(objective.text if objective else "", id="plan-text"), "text"
            )
            yield from field(
                "Sources: the inputs it came from (search, then space toggles)",
                SourcePicker(
                    ws,
                    self.theme_id,
                    objective.sources if objective else (),
                ),
                "sources",
            )

    def action_save(self) -> None:
        text = self.value("plan-text")
        sources = list(self.query_one(SourcePicker).chosen)
        if self.objective is None:
            theme_id, given = self.theme_id, self.value("plan-id").strip() or None
            self.run(
                lambda ws: plan_ops.add_objective(ws, theme_id, given, text, sources),
                "Adding the objective",
            )
        else:
            objective_id = self.objective.id
            self.run(
                lambda ws: plan_ops.edit_objective(ws, objective_id, text, sources),
                "Saving the objective",
            )


class KpiDialog(_PlanDialog):
    """Name, baseline, target, unit, by and the actuals of one KPI."""

    def __init__(self, owner: EditingScreen, objective_id: str, kpi: Kpi | None) -> None:
        super().__init__(owner)
        self.objective_id = objective_id
        self.kpi = kpi

    def compose(self) -> ComposeResult:
        kpi = self.kpi
        with _Body(classes="dialog plan"):
            title = f"New KPI of {self.objective_id}" if kpi is None else f"KPI {kpi.name}"
            yield Static(Text(f"{title}  (Enter: next field / save, Esc cancels)"))
            yield Static("", id="error", classes="error")
            yield from field("Name", Input(kpi.name if kpi else "", id="kpi-name"), "name")
            yield from field(
                "Baseline (a number, or empty)",
                Input(number_text(kpi.baseline) if kpi else "", id="kpi-baseline"),
                "baseline",
            )
            yield from field(
                "Target (a number)",
                Input(number_text(kpi.target) if kpi else "", id="kpi-target"),
                "target",
            )
            yield from field("Unit", Input(kpi.unit if kpi else "", id="kpi-unit"), "unit")
            yield from field(
                "By (the year the target is due, or empty)",
                Input(number_text(kpi.by) if kpi else "", id="kpi-by"),
                "by",
            )
            yield from field(
                "Actuals per year (e.g. 2020: 4, 2021: 7)",
                Input(format_actuals(kpi.actuals) if kpi else "", id="kpi-actuals"),
                "actuals",
            )

    def action_save(self) -> None:
        clear_field_errors(self)
        try:
            actuals = parse_actuals(self.value("kpi-actuals"))
        except FieldError as exc:
            self.refused(exc)
            return
        name, target = self.value("kpi-name"), self.value("kpi-target")
        baseline, unit, by = (
            self.value("kpi-baseline"),
            self.value("kpi-unit"),
            self.value("kpi-by"),
        )
        objective_id, kpi = self.objective_id, self.kpi
        old = {year: number_text(v) for year, v in kpi.actuals.items()} if kpi else {}

        def edit(ws: Any) -> plan_ops.Saved:
            if kpi is None:
                saved = kpi_ops.add_kpi(ws, objective_id, name, target, baseline, unit, by)
            else:
                saved = kpi_ops.set_kpi(
                    ws,
                    objective_id,
                    kpi.name,
                    new_name=name,
                    target=target,
                    baseline=baseline,
                    unit=unit,
                    by=by,
                )
            for year in old.keys() - actuals.keys():
                kpi_ops.set_kpi_actual(ws, objective_id, saved.id, str(year), "")
            for year, amount in actuals.items():
                if old.get(year) != amount:
                    kpi_ops.set_kpi_actual(ws, objective_id, saved.id, str(year), amount)
            return saved

        self.run(edit, "Saving the KPI")


class MeasureDialog(_PlanDialog):
    """Id (suggested from the text), text, owner, due year and sources of a measure."""

    fallback = "measure"

    def __init__(
        self, owner: EditingScreen, theme_id: str, objective_id: str, measure: Measure | None
    ) -> None:
        super().__init__(owner)
        self.theme_id = theme_id
        self.objective_id = objective_id
        self.measure = measure
        self.suggest_from_text = measure is None

    def compose(self) -> ComposeResult:
        measure = self.measure
        ws = self.owner.workspace
        with _Body(classes="dialog plan"):
            title = (
                f"New measure of {self.objective_id}"
                if measure is None
                else f"Measure {measure.id}"
            )
            yield Static(Text(f"{title}  (Enter: next field, ctrl+s saves, Esc cancels)"))
            yield Static("", id="error", classes="error")
            if measure is None:
                yield from field(
                    "Id (follows the text until you edit it)", Input(id="plan-id"), "id"
                )
            yield from field("Text", Input(measure.text if measure else "", id="plan-text"), "text")
            yield from field(
                "Owner (who carries it out)",
                Input(measure.owner if measure else "", id="measure-owner"),
                "owner",
            )
            yield from field(
                "Due (year, or empty)",
                Input(number_text(measure.due) if measure else "", id="measure-due"),
                "due",
            )
            yield from field(
                "Sources (search, then space toggles)",
                SourcePicker(
                    ws,
                    self.theme_id,
                    measure.sources if measure else (),
                ),
                "sources",
            )

    def action_save(self) -> None:
        text, owner = self.value("plan-text"), self.value("measure-owner")
        due = self.value("measure-due")
        sources = list(self.query_one(SourcePicker).chosen)
        if self.measure is None:
            objective_id, given = self.objective_id, self.value("plan-id").strip() or None
            self.run(
                lambda ws: plan_ops.add_measure(ws, objective_id, given, text, owner, due, sources),
                "Adding the measure",
            )
        else:
            measure_id = self.measure.id
            self.run(
                lambda ws: plan_ops.edit_measure(ws, measure_id, text, owner, due, sources),
                "Saving the measure",
            )
