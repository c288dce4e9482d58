"""Deterministic, valid workspaces of any size for the benchmarks.

`generate(root, inputs)` writes 20 themes, 4 stakeholder groups and one workshop per
2,000 inputs with four capture files (devices) of up to 500 inputs each, a dots vote
with tallies per capture file and a ranked ballot question, all in the canonical form
strategist itself writes. The same arguments always give the same bytes, and the
result passes `strategist check` (the benchmark asserts it before timing anything).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from strategist.model import Ballot, Capture, Group, Horizon, Input, Strategy, Theme, Vote, Workshop
from strategist.store.canonical import canonical_yaml, to_data

__all__ = ["THEMES", "generate"]

THEMES = [f"theme-{n:02d}" for n in range(1, 21)]
GROUPS = {
    "industry": Group("industry", "Industry"),
    "research": Group("research", "Research and universities", 1.5),
    "politics": Group("politics", "Politics and administration"),
    "shareholders": Group("shareholders", "Shareholders", 2.0),
}
PER_FILE = 500
DEVICES = 4
WORDS = [
    "Datenplattform",
    "Kliniken",
    "KMU",
    "Förderung",
    "Transfer",
    "Gründung",
    "Fachkräfte",
    "Hamburg",
    "Kiel",
    "Lübeck",
    "Schleswig-Holstein",
    "Medizintechnik",
    "Biotech",
    "Innovation",
    "Netzwerk",
    "Wagniskapital",
    "Pilotprojekt",
    "Digitalisierung",
    "Regulierung",
    "Studien",
    "Labor",
    "Ausbildung",
    "Internationalisierung",
    "Messe",
]


def _strategy() -> Strategy:
    return Strategy(
        cluster="Bench Cluster Nord",
        title="Clusterstrategie Benchmark",
        horizon=Horizon(2025, 2030),
        groups=dict(GROUPS),
        summary="A generated workspace for the benchmarks.",
    )


def _write(path: Path, record: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(canonical_yaml(to_data(record)), encoding="utf-8")


def _capture(rng: random.Random, device: str, first: int, count: int) -> Capture:
    groups = list(GROUPS)
    inputs = [
        Input(
            id=f"b{n:07d}",
            theme=THEMES[rng.randrange(len(THEMES))],
            kind=("idea", "challenge", "measure", "goal", "quote")[n % 5],
            text=" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))) + f" ({n})",
            group=groups[n % len(groups)] if n % 7 else None,
            at=dt.datetime(2025, 3, 4, 9, n % 60, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            confidential=n % 23 == 0,
        )
        for n in range(first, first + count)
    ]
    dots = Vote(
        id="priorities",
        question="Which themes matter most?",
        method="dots",
        options=list(THEMES),
        tallies={g: {t: rng.randint(0, 20) for t in THEMES} for g in groups},
    )
    ranked = Vote(
        id="first-measure",
        question="Which theme should start first?",
        method="rank",
        options=THEMES[:5],
        ballots=[
            Ballot(voter=f"{device}-v{k}", group=groups[k % 4], ranking=rng.sample(THEMES[:5], 5))
            for k in range(8)
        ],
    )
    return Capture(device=device, inputs=inputs, votes=[dots, ranked])


def generate(root: Path, inputs: int, seed: int = 2024) -> Path:
    """Write a workspace of `inputs` inputs into `root` (created; must be empty)."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    _write(root / "strategy.yaml", _strategy())
    for n, theme_id in enumerate(THEMES):
        influences = {THEMES[(n + k) % 20]: (n + k) % 4 for k in (1, 3, 7)}
        theme = Theme(theme_id, f"Theme {n + 1}", "active", influences=influences)
        _write(root / "themes" / f"{theme_id}.yaml", theme)
    made = 0
    workshop_no = 0
    while made < inputs:
        workshop_no += 1
        workshop = Workshop(
            id=f"2025-03-{workshop_no:04d}-station",
            title=f"Station {workshop_no}",
            date=dt.date(2025, 3, 4),
            format="station",
            attendance={"industry": 30, "research": 20, "politics": 10, "shareholders": 6},
        )
        folder = root / "workshops" / workshop.id
        _write(folder / "workshop.yaml", workshop)
        for d in range(DEVICES):
            count = min(PER_FILE, inputs - made)
            if count <= 0:
                break
            device = f"station-{d + 1}"
            _write(folder / f"capture-{device}.yaml", _capture(rng, device, made + 1, count))
            made += count
    return root
