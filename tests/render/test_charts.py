"""The SVG charts: safe and valid markup, the same bytes every time, figures as drawn.

Every chart is parsed back with ElementTree and checked on the tree, never on the raw
string, so an escaped `<script>` in a label reads as the text it is.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategist.render.charts import (
    Bar,
    Edge,
    Kpi,
    Node,
    Point,
    Wave,
    dependency_chart,
    kpi_chart,
    ranking_chart,
    roadmap_chart,
    text_width,
    vester_chart,
    vester_layout,
)

NS = "{http://www.w3.org/2000/svg}"
TAGS = {"svg", "title", "desc", "g", "text", "rect", "line", "path", "circle", "polyline"}
TAGS |= {"defs", "marker"}
"""Every element a chart may hold."""

ROLES = {"critical": "Critical", "active": "Active", "reactive": "Reactive"}
ROLES |= {"buffering": "Buffering"}

LONG = "Regional hydrogen valleys and " * 7
HOSTILE = [
    "<script>alert(1)</script>",
    "\"&'",
    "]]><!-- x --><![CDATA[",
    "مركز الابتكار الإقليمي",
    "Café 👩🏽 🚀 naïve",
    "漢字のテーマ",
    LONG[:200],
]


def share(value: float) -> str:
    return f"{value * 100:.0f} %"


def ranking(label: str = "Theme A") -> str:
    bars = [
        Bar(label, 0.42, (("Alpha", 0.5), (label, 0.3))),
        Bar("Theme B", None, (("Alpha", 0.1),)),
        Bar("Theme C", 0.0),
    ]
    return ranking_chart(
        bars,
        chart_id="chart-ranking",
        title=label,
        desc=label,
        format_share=share,
        suppressed_text="< 5",
        empty_text="No votes yet",
    )


def vester(label: str = "Theme A") -> str:
    points = [
        Point(label, 6, 2, "active"),
        Point("Theme B", 6, 2, "active"),
        Point("Theme C", 1, 7, "reactive"),
        Point("Theme D", 0, 0, "buffering"),
        Point("Theme E", 5, 5, "critical"),
    ]
    return vester_chart(
        points,
        chart_id="chart-vester",
        title=label,
        desc=label,
        axis_active=label,
        axis_passive="Passive sum",
        role_labels={**ROLES, "critical": label},
        empty_text="No influences yet",
    )


def dependency(label: str = "Theme A") -> str:
    nodes = [Node("a", label, 1), Node("b", "Theme B", 2), Node("c", "Theme C", 0)]
    edges = [
        Edge("a", "b", 2, "influence"),
        Edge("b", "a", 1, "requires"),
        Edge("c", "a", 3, "influence"),
    ]
    return dependency_chart(
        nodes,
        edges,
        chart_id="chart-dependency",
        title=label,
        desc=label,
        wave_labels={1: label, 2: "Wave 2", 0: "Not on the roadmap"},
        empty_text="No themes",
    )


def roadmap(label: str = "Theme A") -> str:
    waves = [Wave(1, 2020, (label, "Theme B")), Wave(2, 2024, ("Theme C",))]
    return roadmap_chart(
        waves,
        chart_id="chart-roadmap",
        title=label,
        desc=label,
        start=2020,
        end=2026,
        wave_label=lambda wave, year: f"{label} {wave} ({year})",
        empty_text="No roadmap",
    )


def kpis(label: str = "Theme A") -> str:
    rows = [
        Kpi(label, label, 10.0, ((2021, 12.0), (2022, 15.5)), 30.0, 2025),
        Kpi("Patents", "", None, (), 12.0, None),
    ]
    return kpi_chart(
        rows,
        chart_id="chart-kpi",
        title=label,
        desc=label,
        format_number=lambda value: f"{value:g}",
        start=2020,
        end=2026,
        empty_text="No KPIs",
    )


CHARTS: list[Callable[[str], str]] = [ranking, vester, dependency, roadmap, kpis]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def local(tag: str) -> str:
    return tag.removeprefix(NS)


def elements(root: ET.Element, tag: str, cls: str | None = None) -> list[ET.Element]:
    """Every `tag` element whose class list holds `cls` (any class when None)."""
    found = root.iter(NS + tag)
    return [e for e in found if cls is None or cls in e.get("class", "").split()]


def strings(root: ET.Element) -> Iterator[str]:
    """The text of every `<text>`, `<title>` and `<desc>` as a reader or tooltip shows it."""
    for element in root.iter():
        if local(element.tag) in {"text", "title", "desc"}:
            yield element.text or ""


def assert_safe(root: ET.Element) -> None:
    """No script, handler, foreign content or reference outside the document."""
    assert local(root.tag) == "svg"
    for element in root.iter():
        assert local(element.tag) in TAGS, element.tag
        for name, value in element.attrib.items():
            assert not local(name).lower().startswith("on"), name
            if local(name) == "href" or name.endswith("}href"):
                assert value.startswith("#"), value
            for target in re.findall(r"url\(([^)]*)\)", value):
                assert target.startswith("#"), value
    first, second = list(root)[:2]
    assert local(first.tag) == "title"
    assert local(second.tag) == "desc"
    assert root.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}"
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 720 ")


@pytest.mark.parametrize("chart", CHARTS)
def test_every_chart_is_safe_accessible_svg(chart: Callable[[str], str]) -> None:
    """Each chart parses, has its title and description first, and nothing active."""
    assert_safe(parse(chart("Theme A")))


@pytest.mark.parametrize("chart", CHARTS)
@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_are_text(chart: Callable[[str], str], label: str) -> None:
    """A label is text in the tree, whole in some text or tooltip, never markup."""
    root = parse(chart(label))
    assert_safe(root)
    shown = list(strings(root))
    assert " ".join(label.split()) in shown


@pytest.mark.parametrize("chart", CHARTS)
def test_long_labels_are_cut_with_the_whole_in_a_tooltip(chart: Callable[[str], str]) -> None:
    """A 200-character label is shown cut with "…" and kept whole in a `<title>`."""
    label = LONG[:200].strip()
    root = parse(chart(label))
    cut = [t for t in elements(root, "text") if (t.text or "").endswith("…")]
    assert cut
    for text in cut:
        assert label.startswith((text.text or "").removesuffix("…"))
    groups = elements(root, "g", "truncated")
    assert any(g.find(NS + "title") is not None for g in groups)
    assert label in [g.findtext(NS + "title") for g in groups]


@pytest.mark.parametrize("chart", CHARTS)
def test_invisible_and_control_characters_never_reach_the_svg(
    chart: Callable[[str], str],
) -> None:
    """Bidi overrides, zero-width and control characters are removed; the text stays."""
    root = parse(chart("ev\u202eil\u200b\x00\x1b[31m tab\there"))
    assert "evil [31m tab here" in list(strings(root))


@given(st.text(max_size=60))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_gives_valid_svg(label: str) -> None:
    """Whatever a participant typed, every chart still parses and stays safe."""
    for chart in CHARTS:
        assert_safe(parse(chart(label)))


@pytest.mark.parametrize("chart", CHARTS)
def test_same_input_same_bytes(chart: Callable[[str], str]) -> None:
    """Two calls with equal input give identical strings."""
    assert chart("Theme 🚀 A") == chart("Theme 🚀 A")


def test_charts_on_one_page_have_distinct_ids() -> None:
    """Ids come from each chart's `chart_id`, so no two charts share one."""
    ids = [e.get("id") for chart in CHARTS for e in parse(chart("A")).iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_a_chart_id_that_is_not_a_plain_name_is_refused() -> None:
    """The id is written into attributes and `url(#…)`: only letters, digits, - and _."""
    with pytest.raises(ValueError):
        ranking_chart(
            [Bar("A", 0.5)],
            chart_id='x" onload="alert(1)',
            title="t",
            desc="d",
            format_share=share,
            suppressed_text="< 5",
            empty_text="none",
        )


def test_empty_input_says_so() -> None:
    """No data: a small valid chart holding the caller's empty text."""
    common = {"title": "T", "desc": "D", "empty_text": "Nothing here yet"}
    charts = [
        ranking_chart([], chart_id="r", format_share=share, suppressed_text="-", **common),
        vester_chart(
            [], chart_id="v", axis_active="AS", axis_passive="PS", role_labels=ROLES, **common
        ),
        dependency_chart([], [], chart_id="d", wave_labels={}, **common),
        roadmap_chart([], chart_id="m", start=2020, end=2026, wave_label=lambda w, y: "", **common),
        kpi_chart([], chart_id="k", format_number=str, start=2020, end=2026, **common),
    ]
    for svg in charts:
        root = parse(svg)
        assert_safe(root)
        assert [t.text for t in elements(root, "text")] == ["Nothing here yet"]


def test_text_width_estimate() -> None:
    """Em widths: 0.65 lower case, 0.8 capitals, 1 wide, 0.42 narrow, 0 combining."""
    assert text_width("abc", 10) == pytest.approx(19.5)
    assert text_width("AB", 10) == pytest.approx(16.0)
    assert text_width("Wm字👋", 10) == pytest.approx(40.0)
    assert text_width("il ", 10) == pytest.approx(12.6)
    assert text_width("e\u0301", 10) == pytest.approx(6.5)


# Ranking --------------------------------------------------------------------------------


def test_a_suppressed_bar_has_no_bar_value_or_markers() -> None:
    """The suppressed row shows only its label and the suppressed text."""
    rows = elements(parse(ranking()), "g", "row")
    assert len(rows) == 3
    shown, suppressed, zero = rows
    assert len(elements(shown, "rect", "bar")) == 1
    assert len(elements(shown, "path", "marker")) == 2
    assert elements(suppressed, "rect", "bar") == []
    assert elements(suppressed, "path", "marker") == []
    assert elements(suppressed, "text", "value") == []
    assert [t.text for t in elements(suppressed, "text", "suppressed")] == ["< 5"]
    assert elements(zero, "rect", "bar")[0].get("width") == "0.0"


def test_bar_lengths_and_values_follow_the_shares() -> None:
    """The axis ends at the next tenth above the largest share (the 50 % marker): a 42 %
    bar is 0.42 / 0.5 of the span; its value is written by `format_share`."""
    root = parse(ranking())
    bar = elements(root, "rect", "bar")[0]
    ticks = {t.text: float(t.get("x", "")) for t in elements(root, "text", "tick")}
    assert "100 %" not in ticks
    span = ticks["50 %"] - ticks["0 %"]
    assert float(bar.get("width", "")) == pytest.approx(0.42 / 0.5 * span, abs=0.1)
    assert [t.text for t in elements(root, "text", "value")] == ["42 %", "0 %"]


def test_markers_are_numbered_by_group_with_a_legend() -> None:
    """Each group keeps one class (g1, g2 …) in every row, named in the legend."""
    root = parse(ranking())
    markers = elements(root, "path", "marker")
    tips = {m.findtext(NS + "title"): m.get("class") for m in markers}
    assert tips["Alpha: 50 %"] == "marker g1"
    assert tips["Theme A: 30 %"] == "marker g2"
    assert [t.text for t in elements(root, "text", "legend-label")] == ["Alpha", "Theme A"]


# Vester ---------------------------------------------------------------------------------


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether two boxes (x0, y0, x1, y1) share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


coordinate = st.one_of(st.integers(0, 3), st.integers(0, 30))
points = st.lists(
    st.builds(
        Point,
        label=st.text(alphabet="AaWi. 字é", max_size=40),
        active=coordinate,
        passive=coordinate,
        role=st.sampled_from(sorted(ROLES)),
    ),
    min_size=1,
    max_size=25,
)


@given(points)
@settings(max_examples=150, deadline=None)
def test_vester_labels_never_overlap(sample: list[Point]) -> None:
    """No two labels (quadrant names included) overlap; no label covers a marker."""
    layout = vester_layout(sample, role_labels=ROLES)
    assert len(layout.markers) == len({(p.passive, p.active) for p in sample})
    labels = list(layout.labels) + [box for _, box in layout.quadrants]
    for label in labels:
        assert label.width == pytest.approx(text_width(label.text, 11))
        assert label.full.startswith(label.text.removesuffix("…"))
    for a, b in itertools.combinations(labels, 2):
        assert not overlap(a.box, b.box), (a, b)
    for label in labels:
        for marker in layout.markers:
            assert not overlap(label.box, marker.box), (label, marker)


def test_crowded_labels_still_never_overlap() -> None:
    """25 points a unit apart with long labels: every label finds a place of its own."""
    crowd = [Point(f"{LONG[:60]} {i}", i // 5, i % 5, "buffering") for i in range(25)]
    layout = vester_layout(crowd, role_labels=ROLES)
    boxes = [label.box for label in layout.labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not overlap(a, b)
    for box in boxes:
        assert not any(overlap(box, m.box) for m in layout.markers)


def test_labels_with_no_room_are_listed_below_with_leaders() -> None:
    """60 points with wide labels fill the frame: the rest are listed under the chart."""
    crowd = [Point("W" * 30 + str(i), i // 10 * 3, i % 10 * 3, "buffering") for i in range(60)]
    layout = vester_layout(crowd, role_labels=ROLES)
    listed = [label for label in layout.labels if label.y > 452]
    assert listed
    assert all(label.leader is not None for label in listed)
    assert layout.height >= max(label.box[3] for label in listed)
    boxes = [label.box for label in layout.labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not overlap(a, b)
    for box in boxes:
        assert not any(overlap(box, m.box) for m in layout.markers)


def test_vester_chart_draws_its_layout() -> None:
    """The chart's point labels stand where `vester_layout` put them."""
    sample = [Point("A", 3, 3, "critical"), Point("B", 3, 3, "critical")]
    sample += [Point("C", 0, 4, "reactive"), Point("D", 4, 0, "active")]
    layout = vester_layout(sample, role_labels=ROLES)
    root = parse(
        vester_chart(
            sample,
            chart_id="v",
            title="T",
            desc="D",
            axis_active="AS",
            axis_passive="PS",
            role_labels=ROLES,
            empty_text="-",
        )
    )
    texts = elements(root, "text", "point-label")
    assert [t.text for t in texts] == ["A, B", "C", "D"]
    for text, label in zip(texts, layout.labels, strict=True):
        left = (
            float(text.get("x", ""))
            - {"start": 0, "middle": 0.5, "end": 1}[label.anchor] * label.width
        )
        assert left == pytest.approx(label.x, abs=0.06)
    circles = elements(root, "circle")
    assert len(circles) == 3
    assert [g.get("class") for g in elements(root, "g", "point")] == [
        "point role-critical",
        "point role-reactive",
        "point role-active",
    ]
    assert [t.text for t in elements(root, "text", "quadrant")] == [
        "Active",
        "Critical",
        "Buffering",
        "Reactive",
    ]


def test_vester_mean_lines_stand_at_the_mean_active_sum() -> None:
    """AS 0, 4, 8 (mean 4): the dashed lines cross at (4, 4) on the axes' scale."""
    sample = [Point("A", 0, 8, "reactive"), Point("B", 4, 4, "buffering")]
    sample += [Point("C", 8, 0, "active")]
    layout = vester_layout(sample, role_labels=ROLES)
    assert layout.mean == 4
    root = parse(
        vester_chart(
            sample,
            chart_id="v",
            title="T",
            desc="D",
            axis_active="AS",
            axis_passive="PS",
            role_labels=ROLES,
            empty_text="-",
        )
    )
    vertical, horizontal = elements(root, "line", "mean")
    b = layout.markers[1]
    assert float(vertical.get("x1", "")) == pytest.approx(b.cx, abs=0.06)
    assert float(horizontal.get("y1", "")) == pytest.approx(b.cy, abs=0.06)


def test_unknown_role_is_refused() -> None:
    """A role outside the four would get a class the page does not style."""
    with pytest.raises(ValueError):
        vester_layout([Point("A", 1, 1, "dominant")], role_labels=ROLES)


# Dependencies ---------------------------------------------------------------------------


def node_boxes(root: ET.Element) -> dict[str, tuple[int, tuple[float, float, float, float]]]:
    """Each node's label → (wave, its box)."""
    out = {}
    for group in elements(root, "g", "node"):
        wave = int(next(c for c in group.get("class", "").split() if c.startswith("wave-"))[5:])
        rect = group.find(NS + "rect")
        assert rect is not None
        x, y = float(rect.get("x", "")), float(rect.get("y", ""))
        w, h = float(rect.get("width", "")), float(rect.get("height", ""))
        out[group.findtext(NS + "title") or ""] = (wave, (x, y, x + w, y + h))
    return out


def on_edge_of(x: float, y: float, box: tuple[float, float, float, float]) -> bool:
    """Whether (x, y) lies on the left or right side of `box`."""
    return min(abs(x - box[0]), abs(x - box[2])) < 0.06 and box[1] <= y <= box[3]


def path_ends(d: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """The first and last point of path data made of absolute M, C, H and V commands."""
    x = y = 0.0
    start: tuple[float, float] | None = None
    for command, args in re.findall(r"([MCHV])([^MCHV]*)", d):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command == "H":
            x = numbers[-1]
        elif command == "V":
            y = numbers[-1]
        else:
            x, y = numbers[-2], numbers[-1]
        start = start or (x, y)
    assert start is not None
    return start, (x, y)


def test_dependency_columns_and_edge_ends() -> None:
    """Wave k stands left of wave k+1 (not on the roadmap last); edges join drawn nodes."""
    nodes = [Node(f"t{i}", f"Theme {i}", i % 4) for i in range(10)]
    edges = [Edge(f"t{i}", f"t{(i * 3 + 1) % 10}", i % 3 + 1, "influence") for i in range(10)]
    edges += [Edge("t1", "t2", 1, "requires"), Edge("t5", "t6", 1, "requires")]
    edges += [Edge("t1", "gone", 2, "influence"), Edge("t3", "t3", 2, "influence")]
    root = parse(
        dependency_chart(
            nodes,
            edges,
            chart_id="d",
            title="T",
            desc="D",
            wave_labels={0: "Later", 1: "Wave 1", 2: "Wave 2", 3: "Wave 3"},
            empty_text="-",
        )
    )
    assert_safe(root)
    boxes = node_boxes(root)
    assert len(boxes) == 10
    order = [1, 2, 3, 0]
    for left, right in itertools.pairwise(order):
        rightmost = max(b[2] for w, b in boxes.values() if w == left)
        leftmost = min(b[0] for w, b in boxes.values() if w == right)
        assert rightmost < leftmost
    headings = [t.text for t in elements(root, "text", "column-heading")]
    assert headings == ["Wave 1", "Wave 2", "Wave 3", "Later"]
    paths = elements(root, "path", "edge")
    assert len(paths) == 12  # the edge to a missing node and the loop are left out
    for path in paths:
        start, end = path_ends(path.get("d", ""))
        assert any(on_edge_of(*start, box) for _, box in boxes.values()), start
        assert any(on_edge_of(*end, box) for _, box in boxes.values()), end
        assert path.get("marker-end") == "url(#d-arrow)"


def test_edges_show_their_kind_and_weight() -> None:
    """Influence is solid and as wide as its weight; requires is dashed."""
    root = parse(dependency())
    solid = elements(root, "path", "influence")
    assert [(p.get("class"), p.get("stroke-width")) for p in solid] == [
        ("edge influence w2", "2"),
        ("edge influence w3", "3"),
    ]
    assert all(p.get("stroke-dasharray") is None for p in solid)
    (dashed,) = elements(root, "path", "requires")
    assert dashed.get("stroke-dasharray")
    assert dashed.findtext(NS + "title") == "Theme B → Theme A"


# Roadmap --------------------------------------------------------------------------------


def test_one_band_per_wave_and_a_tick_per_year() -> None:
    """Two waves, two bands from their start to the horizon's end; ticks 2020 to 2026."""
    root = parse(roadmap())
    bands = elements(root, "rect", "band")
    assert len(bands) == 2
    ticks = elements(root, "line", "tick")
    assert len(ticks) == 7
    years = [t.text for t in elements(root, "text", "tick")]
    assert years == [str(year) for year in range(2020, 2027)]
    right = [float(b.get("x", "")) + float(b.get("width", "")) for b in bands]
    assert right[0] == pytest.approx(right[1])
    assert float(ticks[-1].get("x1", "")) == pytest.approx(right[0])
    starts = [float(b.get("x", "")) for b in bands]
    assert starts[0] == pytest.approx(float(ticks[0].get("x1", "")))
    assert starts[1] == pytest.approx(float(ticks[4].get("x1", "")))
    waves = elements(root, "g", "wave")
    assert [t.text for t in elements(waves[0], "text", "theme")] == ["Theme A", "Theme B"]


def test_a_long_horizon_keeps_every_tick_and_thins_the_labels() -> None:
    """40 years: 41 ticks, labels every 5 years (2 would stand 34 units apart)."""
    root = parse(
        roadmap_chart(
            [Wave(1, 2000, ("A",)), Wave(2, 2000, ("B",))],
            chart_id="m",
            title="T",
            desc="D",
            start=2000,
            end=2040,
            wave_label=lambda wave, year: f"Wave {wave}",
            empty_text="-",
        )
    )
    assert len(elements(root, "line", "tick")) == 41
    assert [t.text for t in elements(root, "text", "tick")] == [
        str(y) for y in range(2000, 2041, 5)
    ]
    assert len(elements(root, "rect", "band")) == 2


# KPIs -----------------------------------------------------------------------------------


def test_a_kpi_without_baseline_or_actuals_still_shows_its_target() -> None:
    """The second KPI has only a target: its diamond and "→ 12", no line, no dots."""
    rows = elements(parse(kpis()), "g", "kpi")
    assert len(rows) == 2
    full, target_only = rows
    assert len(elements(full, "path", "target")) == 1
    assert len(elements(full, "circle", "actual")) == 2
    assert len(elements(full, "circle", "baseline")) == 1
    assert len(elements(full, "polyline", "progress")) == 1
    assert [t.text for t in elements(full, "text", "value")] == ["15.5 → 30"]
    (target,) = elements(target_only, "path", "target")
    assert target.findtext(NS + "title") == "2026: 12"
    assert elements(target_only, "circle") == []
    assert elements(target_only, "polyline") == []
    assert elements(target_only, "line", "plan") == []
    assert [t.text for t in elements(target_only, "text", "value")] == ["→ 12"]


def test_each_kpi_has_its_own_scale() -> None:
    """Small and large figures both span their row: the lowest and highest at its edges."""
    rows = [Kpi("Small", "", 1.0, (), 2.0, 2026), Kpi("Large", "", 1000.0, (), 5000.0, 2026)]
    root = parse(
        kpi_chart(
            rows,
            chart_id="k",
            title="T",
            desc="D",
            format_number=str,
            start=2020,
            end=2026,
            empty_text="-",
        )
    )
    for row, top in zip(elements(root, "g", "kpi"), (32.0, 88.0), strict=True):
        (baseline,) = elements(row, "circle", "baseline")
        assert float(baseline.get("cy", "")) == pytest.approx(top + 46)
        (target,) = elements(row, "path", "target")
        assert f",{top + 10 - 6:.1f}L" in target.get("d", "")


@given(st.text(alphabet=st.sampled_from(list("a&<>\"'\n\r\tü ")), max_size=12))
def test_text_and_attributes_are_escaped_as_the_standard_library_escapes_them(text: str) -> None:
    from xml.sax import saxutils

    from strategist.render.charts._base import escape, quoteattr

    assert escape(text) == saxutils.escape(text)
    assert quoteattr(text) == saxutils.quoteattr(text)
