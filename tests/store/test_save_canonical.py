"""The canonical form: what `to_data` + `canonical_yaml` write for each kind of file."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from strategist.model import (
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
)
from strategist.store import canonical_yaml, to_data

# Texts that YAML 1.1 would read as bool, int, float, date, null, or that need quoting to
# survive at all; each must come back as the very same text.
TRAPS = [
    "no",
    "No",
    "on",
    "off",
    "yes",
    "y",
    "true",
    "010",
    "0x1f",
    "1:30",
    "2018-09-11",
    "2018-09-11T10:42:00",
    "null",
    "~",
    "",
    "1e3",
    "0.5",
    ".5",
    ".inf",
    " leading",
    "trailing ",
    "#hash",
    "a: b",
    "a #b",
    "- dash",
    "? q",
    "'quoted'",
    '"dq"',
    "@at",
    "`tick",
    "%pct",
    "!bang",
    "&amp",
    "*star",
    "|",
    ">",
    "[x]",
    "{x}",
    "tab\there",
    "x\r\ny",
    "x\u2028y",
    "line\x85next",
    "\ufeffbom",
    "two\nlines",
    "trailing space \nline",
    " indented\nfirst",
    "ends with breaks\n\n\n",
    "\n",
    "Grüße — ⚕ 🧬",
]


def minimal_strategy() -> Strategy:
    return Strategy(
        cluster="Life Science Nord",
        title="Clusterstrategie 2024",
        horizon=Horizon(2019, 2024),
        groups={"industry": Group("industry", "Industry")},
    )


def test_strategy_writes_required_keys_and_omits_defaults() -> None:
    text = canonical_yaml(to_data(minimal_strategy()))
    assert text == (
        "schema: 1\n"
        "cluster: Life Science Nord\n"
        "title: Clusterstrategie 2024\n"
        "horizon:\n"
        "  start: 2019\n"
        "  end: 2024\n"
        "groups:\n"
        "  industry:\n"
        "    label: Industry\n"
    )


def test_strategy_nests_scoring_and_publish_in_design_order() -> None:
    s = minimal_strategy()
    s.status, s.version, s.language, s.facilitator = "final", "0.3", "de", "iit"
    s.groups["research"] = Group("research", "Research", 2)
    s.balance, s.min_group_size = "groups", 3
    s.summary, s.vision, s.monitoring = "S.", "V.", "M."
    data = to_data(s)
    assert list(data) == [
        "schema",
        "cluster",
        "title",
        "status",
        "version",
        "language",
        "horizon",
        "facilitator",
        "groups",
        "scoring",
        "publish",
        "summary",
        "vision",
        "monitoring",
    ]
    text = canonical_yaml(data)
    assert "version: '0.3'\n" in text  # a float to YAML, so quoted
    assert "scoring:\n  balance: groups\n" in text
    assert "publish:\n  min_group_size: 3\n" in text
    assert "    weight: 2.0\n" in text


def test_theme_kpi_and_measure_keys_follow_design_order() -> None:
    kpi = Kpi(name="Joint data projects", target=10, baseline=2, unit="projects", by=2022)
    kpi.actuals = {2020: 4, 2021: 7.5}
    theme = Theme(
        id="digital-transformation",
        title="Digital transformation",
        status="merged",
        summary="One paragraph.",
        merged_into="innovation",
        owner="WG lead",
        influences={"innovation-pipeline": 3},
        requires=["workforce"],
        objectives=[
            Objective(
                "dt-data-sharing",
                "Members share data.",
                sources=["k7q2m9xa"],
                kpis=[kpi],
                measures=[Measure("dt-lab", "Open a data lab", "LSN office", 2020, ["k7q2m9xa"])],
            )
        ],
    )
    data = to_data(theme)
    assert list(data) == [
        "id",
        "title",
        "summary",
        "status",
        "merged_into",
        "owner",
        "influences",
        "requires",
        "objectives",
    ]
    objective = data["objectives"][0]
    assert list(objective) == ["id", "text", "sources", "kpis", "measures"]
    assert list(objective["kpis"][0]) == ["name", "baseline", "target", "unit", "by", "actuals"]
    assert list(objective["measures"][0]) == ["id", "text", "owner", "due", "sources"]
    text = canonical_yaml(data)
    assert "        actuals:\n          2020: 4\n          2021: 7.5\n" in text
    assert "requires:\n  - workforce\n" in text


def test_minimal_theme_and_nested_parts_hold_only_required_keys() -> None:
    theme = Theme("t", "T", "proposed", objectives=[Objective("o", "Text", kpis=[Kpi("K", 1)])])
    theme.objectives[0].measures.append(Measure("m", "Do it"))
    assert canonical_yaml(to_data(theme)) == (
        "id: t\n"
        "title: T\n"
        "status: proposed\n"
        "objectives:\n"
        "  - id: o\n"
        "    text: Text\n"
        "    kpis:\n"
        "      - name: K\n"
        "        target: 1\n"
        "    measures:\n"
        "      - id: m\n"
        "        text: Do it\n"
    )


def test_workshop_writes_a_plain_date_and_never_its_captures() -> None:
    workshop = Workshop(
        id="2018-09-11-kickoff",
        title="Kick-off",
        date=dt.date(2018, 9, 11),
        format="kickoff",
        location="Hafenclub Hamburg",
        themes=["digital-transformation"],
        attendance={"industry": 48, "research": 17},
        captures={"station-3": Capture("station-3")},
    )
    assert canonical_yaml(to_data(workshop)) == (
        "id: 2018-09-11-kickoff\n"
        "title: Kick-off\n"
        "date: 2018-09-11\n"
        "location: Hafenclub Hamburg\n"
        "format: kickoff\n"
        "themes:\n"
        "  - digital-transformation\n"
        "attendance:\n"
        "  industry: 48\n"
        "  research: 17\n"
    )


def test_capture_input_and_votes() -> None:
    at = dt.datetime(2018, 9, 11, 10, 42, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    capture = Capture(
        device="station-3",
        inputs=[
            Input("k7q2m9xa", "dt", "idea", "Shared data platform.", "industry", at, True, "aaaa"),
            Input("b2", "dt", "quote", "Plain."),
        ],
        votes=[
            Vote(
                "avg",
                "How good?",
                "score",
                ["dt", "2020"],
                tallies={"industry": {"dt": ScoreTally(10, 3), "2020": ScoreTally(1.5, 1)}},
                ballots=[Ballot("p-1", "research", scores={"dt": 3})],
            ),
            Vote("dots", "Which?", "dots", ["dt"], tallies={"industry": {"dt": 31}}),
        ],
    )
    text = canonical_yaml(to_data(capture))
    assert text == (
        "device: station-3\n"
        "inputs:\n"
        "  - id: k7q2m9xa\n"
        "    theme: dt\n"
        "    kind: idea\n"
        "    text: Shared data platform.\n"
        "    group: industry\n"
        "    at: 2018-09-11T10:42:00+02:00\n"
        "    confidential: true\n"
        "    duplicate_of: aaaa\n"
        "  - id: b2\n"
        "    theme: dt\n"
        "    kind: quote\n"
        "    text: Plain.\n"
        "votes:\n"
        "  - id: avg\n"
        "    question: How good?\n"
        "    method: score\n"
        "    options:\n"
        "      - dt\n"
        "      - '2020'\n"
        "    tallies:\n"
        "      industry:\n"
        "        dt: [10, 3]\n"
        "        '2020': [1.5, 1]\n"
        "    ballots:\n"
        "      - voter: p-1\n"
        "        group: research\n"
        "        scores:\n"
        "          dt: 3\n"
        "  - id: dots\n"
        "    question: Which?\n"
        "    method: dots\n"
        "    options:\n"
        "      - dt\n"
        "    tallies:\n"
        "      industry:\n"
        "        dt: 31\n"
    )


def test_ballot_writes_its_method_field_even_when_unset() -> None:
    vote = Vote("r", "Order?", "rank", ["a", "b"], ballots=[Ballot("p", "g")])
    assert to_data(vote)["ballots"] == [{"voter": "p", "group": "g", "ranking": []}]
    approve = Vote("a", "Ok?", "approve", ["a"], ballots=[Ballot("p", "g", approvals=["a"])])
    assert to_data(approve)["ballots"] == [{"voter": "p", "group": "g", "approvals": ["a"]}]


def test_empty_capture_is_just_its_device() -> None:
    assert canonical_yaml(to_data(Capture("laptop-1a2b"))) == "device: laptop-1a2b\n"


@pytest.mark.parametrize("text", TRAPS)
def test_texts_load_back_as_the_same_text(text: str) -> None:
    dumped = canonical_yaml({"text": text, text: "key"})
    loaded = yaml.safe_load(dumped)
    assert loaded == {"text": text, text: "key"}


def test_multi_line_text_is_a_literal_block() -> None:
    text = canonical_yaml({"summary": "First line.\nSecond: line # not a comment\n"})
    assert text == "summary: |\n  First line.\n  Second: line # not a comment\n"


def test_long_lines_are_never_folded_and_unicode_is_kept() -> None:
    long = "Wörter " * 100 + "Ende"
    text = canonical_yaml({"text": long, "quoted": "no " + long})
    assert text == f"text: {long}\nquoted: no {long}\n"
    assert "\\u" not in text


def test_ids_and_slugs_stay_plain() -> None:
    text = canonical_yaml({"id": "2018-09-11-kickoff", "theme": "digital-transformation"})
    assert text == "id: 2018-09-11-kickoff\ntheme: digital-transformation\n"


def test_to_data_refuses_what_it_does_not_know() -> None:
    with pytest.raises(TypeError):
        to_data(object())


def test_a_time_yaml_cannot_write_plain_is_quoted_not_tagged() -> None:
    odd = dt.timezone(dt.timedelta(hours=1, seconds=5))  # historic offsets had seconds
    text = canonical_yaml({"at": dt.datetime(1900, 1, 1, tzinfo=odd)})
    assert "!!" not in text
    assert yaml.safe_load(text) == {"at": "1900-01-01T00:00:00+01:00:05"}
