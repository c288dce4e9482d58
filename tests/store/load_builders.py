"""A minimal valid workspace written into a temp directory, for the store's load tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

STRATEGY = """\
schema: 1
cluster: Test Cluster
title: Strategy 2030
horizon: {start: 2025, end: 2030}
groups:
  industry: {label: Industry}
  research: {label: Research}
publish: {min_group_size: 1}
"""

THEME_A = """\
id: alpha
title: Alpha
status: active
"""

THEME_B = """\
id: beta
title: Beta
status: active
"""

WORKSHOP = """\
id: kickoff
title: Kick-off
date: 2025-03-01
format: kickoff
attendance: {industry: 10, research: 6}
"""

CAPTURE = """\
device: laptop
inputs:
  - id: in000001
    theme: alpha
    kind: idea
    text: A shared lab.
    group: industry
votes:
  - id: priority
    question: What matters most?
    method: dots
    options: [alpha, beta]
    tallies:
      industry: {alpha: 3, beta: 1}
"""


def write(root: Path, relpath: str, text: str) -> Path:
    """Write dedented `text` to root/relpath (folders created) and return the path."""
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_workspace(root: Path, **files: str) -> Path:
    """A valid workspace; `make_workspace(root, **{"themes/alpha.yaml": text})` replaces a file.

    An empty string leaves a default file out.
    """
    defaults = {
        "strategy.yaml": STRATEGY,
        "themes/alpha.yaml": THEME_A,
        "themes/beta.yaml": THEME_B,
        "workshops/kickoff/workshop.yaml": WORKSHOP,
        "workshops/kickoff/capture-laptop.yaml": CAPTURE,
    }
    defaults.update(files)
    for relpath, text in defaults.items():
        if text:
            write(root, relpath, text)
    return root
