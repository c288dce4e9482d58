"""`validate` checks a capture file's inputs and texts in bulk; its findings are exactly
those of checking every input and text one by one."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from load_builders import make_workspace

from strategist.model import Capture, Finding, Input, Workspace
from strategist.store import load_workspace, validate
from strategist.store._report import Report, capture_path
from strategist.store._textchars import capture_text_fields, check_characters
from strategist.store.validate import check_duplicate_of, check_inputs_one_by_one

IDS = st.sampled_from(["in1", "in2", "in-3", "In4", "5x", "-x", "a\nb", "", "ü"])
TEXTS = st.sampled_from(["Plain", "two\nlines", "tab\there", "esc\x1b", "bidi\u202e", "\x85", ""])
INPUTS = st.builds(
    Input,
    id=IDS,
    theme=st.sampled_from(["alpha", "beta", "gamma"]),
    kind=st.sampled_from(["idea", "goal", "wish"]),
    text=TEXTS,
    group=st.sampled_from([None, "industry", "public"]),
    duplicate_of=st.sampled_from([None, "in1", "in2", "nope"]),
)
FILES = st.lists(st.lists(INPUTS, max_size=6), min_size=1, max_size=3)


def one_by_one(ws: Workspace) -> set[Finding]:
    """What checking every input and every text of the capture files on its own finds."""
    r = Report(ws, None)
    ids: dict[str, str] = {}
    later = []
    for workshop in ws.workshops.values():
        for device, capture in workshop.captures.items():
            path = capture_path(workshop.id, device)
            later += check_inputs_one_by_one(r, path, capture, ids)
            check_characters(r, capture_text_fields(path, capture))
    for path, i, item in later:
        check_duplicate_of(r, path, i, item, set(ids))
    return set(r.findings)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=FILES)
def test_bulk_checks_find_what_one_by_one_checks_find(tmp_path: Path, files: list) -> None:
    ws = load_workspace(make_workspace(tmp_path)).workspace
    assert ws is not None
    workshop = ws.workshops["kickoff"]
    workshop.captures = {
        f"dev{k}": Capture(device=f"dev{k}", inputs=inputs) for k, inputs in enumerate(files)
    }
    found = {f for f in validate(ws) if f.path.startswith("workshops/kickoff/capture-")}
    assert found == one_by_one(ws)
