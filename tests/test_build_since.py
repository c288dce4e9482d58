"""`build --since REV`: a "Changes since REV" section before the method appendix, in the
workspace's language, with the public draft's rules (the repository of tests/test_diff.py:
a tally change flips two ranks, a theme is renamed, an input turns confidential)."""

from __future__ import annotations

from pathlib import Path

from test_diff import SECRET, git, repo, run  # noqa: F401  (repo is a fixture)


def _section(ws: Path, internal: bool = False, lang: str = "") -> list[str]:
    folder = ws / "outputs" / ("internal" if internal else "") / lang
    doc = (folder / "strategy.md").read_text(encoding="utf-8")
    headings = [line for line in doc.split("\n") if line.startswith("## ")]
    start = next(h for h in headings if h.startswith(("## Changes since", "## Änderungen")))
    body = doc.split(start + "\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert headings.index(start) == len(headings) - 2  # right before the method appendix
    return [start, *body.split("\n")]


def test_the_section_says_what_moved_and_counts_what_changed(repo: Path) -> None:  # noqa: F811
    code, out, err = run(repo, "build", "--since", "base")
    assert code == 0, out + err
    lines = _section(repo)
    assert lines[0] == "## Changes since base"
    assert "- Digital transformation moved from rank 2 to rank 1 (+23.6 percentage points)." in (
        lines
    )
    # Renamed to `founders` under the same title: a reader sees only the move.
    assert "- Entrepreneurship moved from rank 1 to rank 2 (−22.4 percentage points)." in lines
    assert not [line for line in lines if "now called" in line]
    assert "- Inputs: 0 added, 0 edited, 1 removed." in lines  # the input now confidential
    assert "- Votes: 0 added, 1 changed, 0 removed." in lines
    assert SECRET not in (repo / "outputs" / "strategy.md").read_text(encoding="utf-8")
    assert SECRET not in (repo / "outputs" / "strategy.html").read_text(encoding="utf-8")


def test_the_section_follows_the_language_and_the_internal_draft(repo: Path) -> None:  # noqa: F811
    code, out, err = run(repo, "build", "--since", "tally", "--language", "de")
    assert code == 0, out + err
    lines = _section(repo, lang="de")
    assert lines[0] == "## Änderungen seit tally"
    code, out, err = run(repo, "build", "--since", "rename", "--internal")
    assert code == 0, out + err
    assert _section(repo, internal=True)[1:] == ["- Inputs: 0 added, 1 edited, 0 removed."]
    code, out, err = run(repo, "build", "--since", "rename")
    public = _section(repo)[1:]
    assert public == ["- Inputs: 0 added, 0 edited, 1 removed."]  # gone from the register


def test_nothing_changed_is_one_sentence(repo: Path) -> None:  # noqa: F811
    code, out, err = run(repo, "build", "--since", "secret")
    assert code == 0, out + err
    assert _section(repo)[1:] == [
        "Since secret, nothing has changed in the ranking, agreement, roles, themes, inputs, "
        "votes, objectives or strategy fields."
    ]


def test_a_bad_revision_exits_2_and_writes_nothing(repo: Path) -> None:  # noqa: F811
    code, _out, err = run(repo, "build", "--since", "no-such-tag")
    assert code == 2
    assert err.strip().splitlines()[-1] == "Error: unknown revision 'no-such-tag'"
    assert not (repo / "outputs").exists()
    code, _out, err = run(repo, "build", "--since", "base", "--check")
    assert code == 2 and "leave out --since" in err
    assert git(repo.parent, "status", "--porcelain") == ""  # index and tree untouched


def test_diff_writes_the_same_section_as_markdown(repo: Path) -> None:  # noqa: F811
    code, out, err = run(repo, "diff", "rename", "secret", "--format", "markdown")
    assert code == 0, out + err
    assert out == ("## Changes since rename\n\n- Inputs: 0 added, 0 edited, 1 removed.\n")
    assert SECRET not in out
