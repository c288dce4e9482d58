"""Messages that help, each pinned on a small broken workspace: YAML syntax in plain
words, keys that lost their indentation, "did you mean …?" for near misses."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from strategist.cli import main

sys.path.insert(0, str(Path(__file__).parent.parent / "tui"))
from fixture_workspace import write_workspace

KICKOFF = "workshops/2018-09-11-kickoff"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return write_workspace(tmp_path)


def check(ws: Path) -> list[str]:
    result = CliRunner().invoke(main, ["check", str(ws)])
    assert result.exit_code == 1, result.output
    return result.stdout.splitlines()


def write(ws: Path, relpath: str, text: str) -> None:
    (ws / relpath).write_text(text, encoding="utf-8")


def test_a_tab_used_for_indentation_is_named(ws: Path) -> None:
    write(
        ws, "themes/workforce.yaml", "id: workforce\ntitle: W\nstatus: active\nrequires:\n\t- x\n"
    )
    assert check(ws) == [
        "themes/workforce.yaml:5:1: error: YAML syntax: a tab character is used for "
        "indentation; use spaces [yaml-syntax]"
    ]


def test_a_tab_after_spaces_is_named_too(ws: Path) -> None:
    write(ws, "themes/workforce.yaml", "id: workforce\nobjectives:\n  - id: a\n  \ttext: T\n")
    assert "a tab character is used for indentation; use spaces" in check(ws)[0]


def test_a_second_colon_on_a_line_says_to_quote(ws: Path) -> None:
    write(ws, "themes/workforce.yaml", "id: workforce\ntitle: Skills: the future\nstatus: active\n")
    assert "put a text that holds ': ' in quotes" in check(ws)[0]


def test_an_unclosed_list_says_what_is_missing(ws: Path) -> None:
    write(ws, "themes/workforce.yaml", "id: workforce\ntitle: W\nstatus: active\nrequires: [a, b\n")
    assert "a list in [ ] is not closed" in check(ws)[0]


def test_a_key_that_lost_its_indentation_is_said_to_belong_under_its_parent(ws: Path) -> None:
    text = (ws / "strategy.yaml").read_text(encoding="utf-8")
    write(ws, "strategy.yaml", text.replace("  end: 2024\n", "end: 2024\n"))
    lines = check(ws)
    assert any(
        "error: key 'end' is not indented under 'horizon' (it belongs there, not in the "
        "file): indent it like the keys above it [unknown-key]" in line
        for line in lines
    ), lines
    assert not any("unknown key 'end'" in line for line in lines)


def test_a_kpi_key_that_lost_its_indentation_names_kpis(ws: Path) -> None:
    write(
        ws,
        "themes/workforce.yaml",
        "id: workforce\ntitle: W\nstatus: active\nobjectives:\n  - id: o\n    text: T\n"
        "    kpis:\n      - name: Jobs\n    target: 5\n",
    )
    assert "key 'target' is not indented under 'kpis'" in "\n".join(check(ws))


def test_an_unknown_key_suggests_the_one_meant(ws: Path) -> None:
    write(ws, "themes/workforce.yaml", "id: workforce\ntitel: W\nstatus: active\n")
    found = "\n".join(check(ws))
    assert "unknown key 'titel' in the file (did you mean 'title'?) (allowed:" in found


def test_an_unknown_theme_suggests_the_one_meant(ws: Path) -> None:
    write(ws, "themes/workforce.yaml", "id: workforce\ntitle: W\nstatus: active\n"
          "requires: [entrepreneurshp]\n")  # fmt: skip
    assert check(ws) == [
        "themes/workforce.yaml:4:12: error: unknown theme 'entrepreneurshp' "
        "(did you mean 'entrepreneurship'?) [unknown-theme]"
    ]


def test_an_unknown_group_suggests_the_one_meant(ws: Path) -> None:
    path = f"{KICKOFF}/capture-station-1.yaml"
    text = (ws / path).read_text(encoding="utf-8")
    write(ws, path, text.replace("group: research", "group: reseach"))
    assert "unknown stakeholder group 'reseach' (did you mean 'research'?)" in check(ws)[0]


def test_an_unknown_vote_option_suggests_the_one_meant(ws: Path) -> None:
    write(
        ws,
        f"{KICKOFF}/capture-station-3.yaml",
        "device: station-3\nvotes:\n  - id: v\n    question: Which?\n    method: dots\n"
        "    options: [workforce, entrepreneurship]\n"
        "    tallies:\n      industry: {workforse: 3}\n",
    )
    assert (
        "option 'workforse' is not among the vote's options (did you mean 'workforce'?)"
        in (check(ws)[0])
    )


def test_cli_refusals_suggest_workshops_themes_and_options(ws: Path) -> None:
    def refused(*args: str) -> str:
        result = CliRunner().invoke(main, ["-C", str(ws), *args])
        assert result.exit_code == 1, result.output
        return result.stderr

    assert "did you mean '2018-09-11-kickoff'?" in refused(
        "capture", "add", "--workshop", "2018-09-11-kickof", "--theme", "workforce", "Idea"
    )
    assert "did you mean 'workforce'?" in refused(
        "capture", "add", "--workshop", "2018-09-11-kickoff", "--theme", "workforse", "Idea"
    )
    assert "did you mean 'workforce'?" in refused("theme", "drop", "workforse")
    assert "did you mean 'research'?" in refused("group", "set", "reserch", "--label", "R")
    CliRunner().invoke(
        main,
        ["-C", str(ws), "vote", "add", "--workshop", "2018-09-11-kickoff", "v",
         "--question", "Q", "--method", "dots"],
    )  # fmt: skip
    assert "did you mean 'workforce'?" in refused(
        "vote", "tally", "--workshop", "2018-09-11-kickoff", "v", "industry", "workforse=3"
    )


def test_a_misspelt_command_line_option_is_suggested_by_click(ws: Path) -> None:
    result = CliRunner().invoke(main, ["-C", str(ws), "theme", "add", "--titel", "X"])
    assert result.exit_code == 2
    assert "Did you mean" in result.stderr and "'--title'" in result.stderr


def test_a_group_key_that_lost_its_indentation_names_the_group(ws: Path) -> None:
    text = (ws / "strategy.yaml").read_text(encoding="utf-8")
    write(
        ws,
        "strategy.yaml",
        text.replace("    label: Research\n", "    label: Research\n  weight: 2\n"),
    )
    assert "key 'weight' is not indented under the group 'research' above it" in check(ws)[0]


def test_the_theme_editor_says_a_tab_in_plain_words() -> None:
    from strategist.ops import OpsError
    from strategist.ops.objectives import objectives_from_yaml

    with pytest.raises(OpsError, match="line 2\\): a tab character is used for indentation"):
        objectives_from_yaml("- id: a\n\ttext: b\n")


def test_a_misspelt_choice_is_suggested(ws: Path) -> None:
    result = CliRunner().invoke(
        main, ["-C", str(ws), "theme", "add", "--title", "X", "--status", "activ"]
    )
    assert result.exit_code == 2
    assert "(did you mean 'active'?)" in result.stderr
