"""A theme's plan as a list: each objective, its KPIs and measures indented under it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from strategist.model import Kpi, Measure, Objective
from strategist.tui.guard import Guarded

__all__ = ["PlanList", "PlanRow"]

PlanRow = tuple[str, str, int]
"""(kind, objective id, index): kind is objective, kpi or measure; the index is the
KPI's or measure's place in its objective (0 for an objective)."""


def _kpi_line(kpi: Kpi) -> str:
    start = f"{kpi.baseline} → " if kpi.baseline is not None else "→ "
    unit = f" {kpi.unit}" if kpi.unit else ""
    by = f" by {kpi.by}" if kpi.by is not None else ""
    actuals = ", ".join(f"{y}: {v}" for y, v in kpi.actuals.items())
    return f"    KPI {kpi.name}: {start}{kpi.target}{unit}{by}" + (
        f" (actual {actuals})" if actuals else ""
    )


def _measure_line(measure: Measure) -> str:
    extra = ", ".join(
        part for part in (measure.owner, str(measure.due) if measure.due else "") if part
    )
    return f"    Measure {measure.id}: {measure.text}" + (f" ({extra})" if extra else "")


ADD = Binding.Group("Add")
"""a, k and m as one footer item ("a k m Add"); the help and palette name each."""
MOVE = Binding.Group("Move")
"""ctrl+up and ctrl+down as one footer item."""


class PlanList(Guarded, OptionList):
    """The objectives of one theme; keys act on the highlighted row."""

    DEFAULT_CSS = """
    PlanList { height: auto; max-height: 12; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "a", "request('add-objective')", "Add objective", group=ADD, id="plan-add-objective"
        ),
        Binding("k", "request('add-kpi')", "Add KPI", group=ADD, id="plan-add-kpi"),
        Binding("m", "request('add-measure')", "Add measure", group=ADD, id="plan-add-measure"),
        Binding("e", "request('edit')", "Edit", id="plan-edit"),
        Binding("delete", "request('delete')", "Delete", id="plan-delete"),
        Binding("ctrl+up", "request('up')", "Move up", group=MOVE, id="plan-up"),
        Binding("ctrl+down", "request('down')", "Move down", group=MOVE, id="plan-down"),
    ]

    class Requested(Message):
        """The user asked for `action` on `row` (None: the list is empty)."""

        def __init__(self, action: str, row: PlanRow | None) -> None:
            super().__init__()
            self.action = action
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[PlanRow] = []

    def show(self, objectives: list[Objective], keep: PlanRow | None = None) -> None:
        """List `objectives`; the highlight goes to `keep` (or stays where it was)."""
        keep = keep if keep is not None else self.current()
        self.rows = []
        options: list[Option] = []
        for n, objective in enumerate(objectives, 1):
            self.rows.append(("objective", objective.id, 0))
            line = f"{n}. {objective.id}: {objective.text}"
            if objective.sources:
                line += f" [sources: {', '.join(objective.sources)}]"
            options.append(Option(Text(line, style="bold")))
            for i, kpi in enumerate(objective.kpis):
                self.rows.append(("kpi", objective.id, i))
                options.append(Option(Text(_kpi_line(kpi))))
            for i, measure in enumerate(objective.measures):
                self.rows.append(("measure", objective.id, i))
                options.append(Option(Text(_measure_line(measure))))
        if not options:
            options.append(Option(Text("No objectives yet: a adds one."), disabled=True))
        self.clear_options()
        self.add_options(options)
        if keep in self.rows:
            self.highlighted = self.rows.index(keep)
        elif self.rows:
            self.highlighted = 0

    def current(self) -> PlanRow | None:
        """The highlighted row."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_request("edit")

    def action_request(self, action: str) -> None:
        self.post_message(self.Requested(action, self.current()))
