"""Public outputs hold no confidential input and no group figure below min_group_size."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from strategist.analysis import analyse
from strategist.model import Workspace
from strategist.render import render_inputs, render_strategy


def _public(ws: Workspace) -> str:
    return render_strategy(ws, analyse(ws)) + render_inputs(ws)


def _internal(ws: Workspace) -> str:
    return render_strategy(ws, analyse(ws), internal=True) + render_inputs(ws, internal=True)


def test_no_confidential_text_or_id_in_public_outputs(small_ws: Workspace) -> None:
    public = _public(small_ws)
    assert "SECRET PLAN" not in public
    assert "k0000002" not in public  # not cited, not a source, not in the register


def test_a_duplicate_of_a_confidential_input_does_not_name_it(small_ws: Workspace) -> None:
    """The register marks the duplicate, but the confidential original's id stays out."""
    capture = small_ws.workshops["w1"].captures["dev1"]
    capture.inputs[2].duplicate_of = "k0000002"
    public = _public(small_ws)
    assert '| <a id="k0000003"></a>k0000003 | idea | Alpha | *duplicate* Alpha idea again |' in (
        public
    )
    assert "k0000002" not in public
    assert "*duplicate of [k0000002](#k0000002)* Alpha idea again" in _internal(small_ws)


def test_internal_outputs_include_confidential_inputs_marked(small_ws: Workspace) -> None:
    internal = _internal(small_ws)
    assert (
        "- **confidential:** SECRET PLAN *(idea, Beta; [k0000002](inputs.md#k0000002))*" in internal
    )
    assert '| <a id="k0000002"></a>k0000002 | idea | Beta | **confidential:** SECRET PLAN |' in (
        internal
    )
    assert "Sources: [k0000001](inputs.md#k0000001), [k0000002](inputs.md#k0000002)" in internal
    assert "Do not publish." in internal


def test_small_group_attendance_is_suppressed_and_total_counts_groups_shown(
    small_ws: Workspace,
) -> None:
    doc = render_strategy(small_ws, analyse(small_ws))
    row = next(line for line in doc.split("\n") if line.startswith("| 1 March 2020 "))
    cells = [c.strip() for c in row.strip("|").split("|")]
    alpha, beta, gamma, total = cells[4:]
    assert gamma == "< 5"
    # The total is the sum of the cells shown, so the hidden 2 cannot be recovered.
    assert total == "16*" and int(alpha) + int(beta) == 16
    assert "Totals marked * count only the groups shown." in doc
    html = MarkdownIt("commonmark").enable("table").render(doc)  # even with HTML allowed
    assert "<td>&lt; 5</td>" in html.replace(' style="text-align:right"', "")


def test_small_group_is_left_out_of_group_rankings(small_ws: Workspace) -> None:
    doc = render_strategy(small_ws, analyse(small_ws))
    section = doc[doc.index("## Where stakeholders disagree") : doc.index("## Monitoring")]
    header = next(line for line in section.split("\n") if line.startswith("| Theme"))
    assert "Gamma" not in header
    assert "W and spread included: Gamma." in section


def test_internal_draft_shows_every_group_unsuppressed(small_ws: Workspace) -> None:
    doc = render_strategy(small_ws, analyse(small_ws), internal=True)
    assert "| 1 March 2020 | First workshop | Town hall | kick-off | 10 | 6 | 2 | 18 |" in doc
    assert "| Theme | Alpha | Beta | Gamma | Spread |" in doc
    assert "< 5" not in doc.split("## Method")[0]


def test_a_group_exactly_at_the_threshold_is_shown(small_ws: Workspace) -> None:
    small_ws.workshops["w1"].attendance["c"] = 5
    doc = render_strategy(small_ws, analyse(small_ws))
    assert "| 1 March 2020 | First workshop | Town hall | kick-off | 10 | 6 | 5 | 21 |" in doc
    assert "| Theme | Alpha | Beta | Gamma | Spread |" in doc
    assert not re.search(r"< \d", doc.split("## Method")[0])


def test_ballot_head_count_decides_for_ballot_only_votes(small_ws: Workspace) -> None:
    """A group with many attendees but only three ballots is still suppressed."""
    from strategist.model import Ballot

    vote = small_ws.workshops["w1"].captures["dev1"].votes[0]
    vote.tallies = {"a": vote.tallies["a"], "b": vote.tallies["b"]}
    small_ws.workshops["w1"].attendance["c"] = 40
    vote.ballots = [Ballot(voter=f"p-{n}", group="c", points={"z": 1}) for n in range(3)]
    doc = render_strategy(small_ws, analyse(small_ws))
    section = doc[doc.index("## Where stakeholders disagree") : doc.index("## Monitoring")]
    assert "W and spread included: Gamma." in section
    assert "| 40 |" in doc  # the attendance itself is large enough to publish


def test_with_every_group_hidden_nothing_is_said_about_contested_themes(
    small_ws: Workspace,
) -> None:
    """Saying "no theme is contested" would be a claim about the hidden groups' ranks."""
    for group in ("a", "b"):
        small_ws.workshops["w1"].attendance[group] = 2
    doc = render_strategy(small_ws, analyse(small_ws))
    section = doc[doc.index("## Where stakeholders disagree") : doc.index("## Monitoring")]
    assert "contested" not in section
    assert "contested" not in doc[: doc.index("## Foreword")]  # nor in the key findings
    assert "W and spread included: Alpha, Beta and Gamma." in section


def test_an_objective_with_only_confidential_sources_names_none(
    small_ws: Workspace,
) -> None:
    small_ws.themes["x"].objectives[0].sources = ["k0000002"]
    public = render_strategy(small_ws, analyse(small_ws))
    assert "k0000002" not in public
    section = public[public.index("**Objective one**") :].split("\n")
    assert section[2].startswith("- Members (firms):")  # no "Sources:" stub line
    internal = render_strategy(small_ws, analyse(small_ws), internal=True)
    assert "Sources: [k0000002](inputs.md#k0000002)" in internal
