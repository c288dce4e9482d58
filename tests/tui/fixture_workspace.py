"""The small workspace every TUI test (and the capture CLI test) starts from."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DEVICE", "FILES", "write_workspace"]

DEVICE = "station-3"
"""The device name of the fixture clone (kept in .strategist/device)."""

FILES: dict[str, str] = {
    "strategy.yaml": """\
schema: 1
cluster: Test Cluster Nord
title: Clusterstrategie Test
status: draft
version: "0.1"
horizon:
  start: 2019
  end: 2024
groups:
  industry:
    label: Industry
  research:
    label: Research
""",
    "themes/digital-transformation.yaml": """\
id: digital-transformation
title: Digital transformation
status: active
""",
    "themes/entrepreneurship.yaml": """\
id: entrepreneurship
title: Entrepreneurship
status: active
""",
    "themes/workforce.yaml": """\
id: workforce
title: Workforce of the future
status: proposed
""",
    "workshops/2018-09-11-kickoff/workshop.yaml": """\
id: 2018-09-11-kickoff
title: Kick-off
date: 2018-09-11
format: kickoff
location: Hafenclub Hamburg
attendance:
  industry: 48
  research: 17
""",
    "workshops/2018-09-11-kickoff/capture-station-1.yaml": """\
device: station-1
inputs:
- id: aaaa0001
  theme: entrepreneurship
  kind: idea
  text: Founders' breakfast every month.
  group: research
""",
    "workshops/2018-09-25-pipeline/workshop.yaml": """\
id: 2018-09-25-pipeline
title: Working group innovation pipeline
date: 2018-09-25
format: working-group
""",
}


def write_workspace(root: Path) -> Path:
    """Write the fixture workspace (and this clone's device name) into `root`."""
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / ".strategist").mkdir(exist_ok=True)
    (root / ".strategist" / "device").write_text(DEVICE + "\n", encoding="utf-8")
    return root
