"""Loading stays fast: one pass over the YAML events, no second parse."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from load_builders import make_workspace, write

from strategist.store import load_workspace


def _big_capture(count: int) -> str:
    lines = ["device: big", "inputs:"]
    for i in range(count):
        lines += [
            f"  - id: x{i:07d}",
            "    theme: alpha",
            "    kind: idea",
            f"    text: Input number {i}, with a few words in it.",
            "    group: industry",
            "    at: 2018-09-11T10:42:00+02:00",
            "    confidential: false",
        ]
    return "\n".join(lines) + "\n"


@pytest.mark.benchmark
def test_ten_thousand_inputs_load_faster_than_pyyaml_composes_them(tmp_path: Path) -> None:
    """A ratio, not a wall-clock limit, so a busy CI machine does not make it flaky."""
    root = make_workspace(tmp_path)
    text = _big_capture(10_000)
    write(root, "workshops/kickoff/capture-big.yaml", text)

    started = time.perf_counter()
    yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    compose = time.perf_counter() - started

    started = time.perf_counter()
    result = load_workspace(root)
    load = time.perf_counter() - started

    assert result.findings == []
    assert result.workspace is not None
    assert len(result.workspace.workshops["kickoff"].captures["big"].inputs) == 10_000
    assert load < 1.5 * compose, f"load {load:.2f}s vs compose {compose:.2f}s"
