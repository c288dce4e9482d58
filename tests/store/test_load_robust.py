"""Whatever a file holds, loading reports findings and never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from load_builders import make_workspace

from strategist.store import load_workspace

_YAMLISH = st.lists(
    st.sampled_from(
        ["id: alpha", "title:", " x", "status: active", "- ", "[", "]", "{", "}", ": ", "&a ",
         "*a", "!!int ", "? ", "\n", "  ", "'", '"', "|", ">", "#", "---", "influences:",
         "beta: 2", "requires: [beta]", "~", "no", "010", "2018-09-11", "\t", "\x00", "é"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(_YAMLISH, st.text(max_size=200), st.binary(max_size=200)))
def test_any_theme_file_gives_findings_not_exceptions(text: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = make_workspace(Path(folder))
        path = root / "themes" / "alpha.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        result = load_workspace(root)
        assert result.workspace is not None
        loaded = "alpha" in result.workspace.themes
        errors = [f for f in result.findings if f.severity == "error"]
        # A theme is either loaded, or left out with an error saying why.
        assert loaded or any(f.path == "themes/alpha.yaml" for f in errors)
        if loaded:
            assert result.workspace.themes["alpha"].id == "alpha"


_CAPTURE_TOKENS = st.lists(
    st.sampled_from(
        ["device: laptop\n", "inputs:\n", "votes:\n", "  - id: q1\n", "    method: score\n",
         "    method: rank\n", "    options: [alpha, beta]\n", "    question: Q\n",
         "    tallies:\n", "      industry: {alpha: [1, 2]}\n", "      industry: {alpha: 3}\n",
         "    ballots:\n", "      - {voter: p, group: industry, ranking: [alpha, alpha]}\n",
         "      - {voter: p, group: x, points: {alpha: -1}}\n", "    theme: alpha\n",
         "    kind: idea\n", "    text: T\n", "    at: 2018-09-11T10:00\n",
         "    confidential: no\n",
         "  - ", "[", "{", ": ", "\n"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_CAPTURE_TOKENS)
def test_any_capture_file_gives_findings_not_exceptions(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = make_workspace(Path(folder))
        (root / "workshops/kickoff/capture-laptop.yaml").write_text(text, encoding="utf-8")
        result = load_workspace(root)
        assert result.workspace is not None
        loaded = "laptop" in result.workspace.workshops["kickoff"].captures
        path = "workshops/kickoff/capture-laptop.yaml"
        assert loaded or any(f.path == path and f.severity == "error" for f in result.findings)
