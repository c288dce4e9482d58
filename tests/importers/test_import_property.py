"""Property: any CSV the export writer produces imports to a workspace `check` accepts,
and importing it again changes no byte."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_helpers import WORKSHOP, check_clean, files_of, run, write_csv, write_workspace

PROFILE = """\
layout: microsoft-forms
group:
  column: Group
  values: {A: industry, B: research, C: public}
  other: skip
votes:
  - {id: s, question: Score, method: score, options: {research: S1, data: S2},
     scale: {Low: 1, Mid: 3, High: 5}}
  - {id: a, question: Approve, method: approve, column: Pick,
     options: {research: Research, data: Data, international: Abroad}}
  - {id: r, question: Rank, method: rank, column: Order,
     options: {research: Research, data: Data, international: Abroad}}
  - {id: p, question: Points, method: points, options: {research: P1, data: P2}}
inputs:
  - {column: Text, theme: data, kind: idea}
"""
HEADER = [
    "ID",
    "Start time",
    "Email",
    "Name",
    "Group",
    "S1",
    "S2",
    "Pick",
    "Order",
    "P1",
    "P2",
    "Text",
]
LABELS = ["Research", "Data", "Abroad"]

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_row = st.tuples(
    _text,  # start time: never read
    _text,  # e-mail: never read
    _text,  # name: never read
    st.sampled_from(["A", "B", "C", "", "D"]),
    st.sampled_from(["", "Low", "Mid", "High", "1", "4", "3,5"]),
    st.sampled_from(["", "Low", "High", "2"]),
    st.lists(st.sampled_from(LABELS), unique=True).map(";".join),
    st.permutations(LABELS).flatmap(lambda p: st.integers(0, 3).map(lambda k: ";".join(p[:k]))),
    st.sampled_from(["", "0", "3", "10"]),
    st.sampled_from(["", "1", "7"]),
    _text,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(_row, min_size=1, max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_any_generated_export_imports_to_a_clean_workspace(
    rows: list[tuple[str, ...]], delimiter: str, encoding: str
) -> None:
    tmp = Path(tempfile.mkdtemp())
    try:
        root = write_workspace(tmp / "ws", {"member-survey": PROFILE})
        table = [HEADER, *[[str(n + 1), *row] for n, row in enumerate(rows)]]
        export = write_csv(tmp / "export.csv", table, delimiter=delimiter, encoding=encoding)
        args = (
            "survey",
            str(export),
            "--workshop",
            WORKSHOP,
            "--profile",
            str(root / "imports/member-survey.yaml"),
        )
        result = run(root, *args)
        assert result.exit_code == 0, result.output
        check_clean(root)
        written = files_of(root)
        capture = written[f"workshops/{WORKSHOP}/capture-import-member-survey.yaml"]
        for row in rows:
            for personal in row[1:3]:  # e-mail and name columns
                word = personal.strip()
                if len(word) >= 6 and word not in PROFILE and word not in row[-1]:
                    assert word.encode() not in capture
        assert run(root, *args).exit_code == 0
        assert files_of(root) == written
    finally:
        shutil.rmtree(tmp)
