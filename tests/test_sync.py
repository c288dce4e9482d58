"""`strategist sync` and `bundle`: stations into one repository, conflicts, plain failures."""

from __future__ import annotations

import http.server
import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from cli_helpers import run
from git_fixture import (
    KICKOFF,
    PLENARY,
    PLENARY_VOTE,
    capture,
    clone,
    git,
    hermetic_git,  # noqa: F401 (a fixture, used by the mark below)
    seed_remote,
)

from strategist.sync import classify

pytestmark = pytest.mark.usefixtures("hermetic_git")


def own_file(root: Path, device: str) -> Path:
    return root / "workshops" / KICKOFF / f"capture-{device}.yaml"


def register_ids(root: Path) -> set[str]:
    """The input ids `build` listed in outputs/inputs.md."""
    text = (root / "outputs" / "inputs.md").read_text(encoding="utf-8")
    return {
        line.split('<a id="')[1].split('"')[0] for line in text.splitlines() if '<a id="' in line
    }


# ---------------------------------------------------------------- many stations


def test_six_stations_sync_in_a_random_order_without_a_conflict(tmp_path):
    remote = seed_remote(tmp_path, {PLENARY: PLENARY_VOTE})
    stations = {
        f"laptop-{i}": clone(tmp_path, remote, f"laptop-{i}", f"laptop-{i}") for i in range(1, 7)
    }
    captured: set[str] = set()
    for number, (device, root) in enumerate(stations.items(), start=1):
        captured |= capture(root, device, 20)
        tally = run(
            root,
            "vote",
            "tally",
            "--workshop",
            KICKOFF,
            "theme-priority",
            "industry",
            f"digital-transformation={number}",
        )
        assert tally.exit_code == 0, tally.output
    order = random.Random(20).sample(sorted(stations), len(stations))
    for device in order + order[:3]:  # some twice
        done = run(stations[device], "sync")
        assert done.exit_code == 0, done.output
        assert "conflict" not in done.output
    for device in order:  # the last ones to sync bring in the rest
        assert run(stations[device], "sync").exit_code == 0

    merged = clone(tmp_path, remote, "merged", "facilitator")
    assert run(merged, "check").exit_code == 0
    assert run(merged, "build").exit_code == 0
    assert captured <= register_ids(merged) and len(captured) == 120
    for number, device in enumerate(sorted(stations), start=1):
        votes = yaml.safe_load(own_file(merged, device).read_text(encoding="utf-8"))["votes"]
        assert votes[0]["tallies"] == {"industry": {"digital-transformation": number}}
    assert (merged / PLENARY).read_text(encoding="utf-8") == PLENARY_VOTE, "never rewritten"
    subjects = git(merged, "log", "--format=%s").splitlines()
    assert not [s for s in subjects if s.startswith("Merge")], "capture-only: rebased, no merges"
    assert f"capture(laptop-1): 20 inputs, 1 vote at {KICKOFF}" in subjects


def test_offline_stations_carry_bundles_to_the_facilitator(tmp_path):
    remote = seed_remote(tmp_path, {PLENARY: PLENARY_VOTE})
    facilitator = clone(tmp_path, remote, "facilitator", "facilitator")
    online = clone(tmp_path, remote, "online", "online-1")
    offline = {f"usb-{i}": clone(tmp_path, remote, f"usb-{i}", f"usb-{i}") for i in range(1, 4)}
    for root in offline.values():
        git(root, "remote", "remove", "origin")  # no network at all at these stations
    captured = capture(online, "online-1", 20)
    assert run(online, "sync").exit_code == 0
    sticks = tmp_path / "stick"
    sticks.mkdir()
    for device, root in offline.items():
        captured |= capture(root, device, 20)
        done = run(root, "bundle", "create", str(sticks / f"{device}.bundle"))
        assert done.exit_code == 0, done.output
        assert "committed" in done.output and "wrote" in done.output
        assert not list(sticks.glob(".*partial")), "written atomically"
    for device in random.Random(3).sample(sorted(offline), 3):
        done = run(facilitator, "bundle", "apply", str(sticks / f"{device}.bundle"))
        assert done.exit_code == 0, done.output
        assert "pulled" in done.output
    again = run(facilitator, "bundle", "apply", str(sticks / "usb-1.bundle"))
    assert again.exit_code == 0 and "already up to date" in again.output
    done = run(facilitator, "sync")
    assert done.exit_code == 0, done.output

    merged = clone(tmp_path, remote, "merged", "reader")
    assert run(merged, "check").exit_code == 0
    assert run(merged, "build").exit_code == 0
    assert captured <= register_ids(merged) and len(captured) == 80


def test_a_bundle_since_a_revision_needs_that_revision(tmp_path):
    remote = seed_remote(tmp_path)
    station = clone(tmp_path, remote, "station", "usb-1")
    other = clone(tmp_path, remote, "other", "usb-2")
    capture(station, "usb-1", 2)
    first = run(station, "bundle", "create", str(tmp_path / "one.bundle"))
    assert first.exit_code == 0, first.output
    head = git(station, "rev-parse", "HEAD").strip()
    empty = run(
        station, "bundle", "create", str(tmp_path / "two.bundle"), "--since", head, "--no-commit"
    )
    assert empty.exit_code == 2 and "nothing to bundle" in empty.output
    assert not (tmp_path / "two.bundle").exists()
    capture(station, "usb-1", 1)
    delta = run(station, "bundle", "create", str(tmp_path / "two.bundle"), "--since", head)
    assert delta.exit_code == 0 and "1 commit of main" in delta.output
    refused = run(other, "bundle", "apply", str(tmp_path / "two.bundle"))
    assert refused.exit_code == 2
    assert "builds on commits this clone does not have" in refused.output
    assert run(other, "bundle", "apply", str(tmp_path / "one.bundle")).exit_code == 0
    assert run(other, "bundle", "apply", str(tmp_path / "two.bundle")).exit_code == 0
    assert len(yaml.safe_load(own_file(other, "usb-1").read_text())["inputs"]) == 3
    unknown = run(station, "bundle", "create", str(tmp_path / "x.bundle"), "--since", "nope")
    assert unknown.exit_code == 2 and "unknown revision 'nope'" in unknown.output


# ---------------------------------------------------------------- what is committed


def test_sync_commits_only_this_devices_capture_files(tmp_path):
    remote = seed_remote(tmp_path)
    station = clone(tmp_path, remote, "station", "station-9")
    capture(station, "station-9", 2)
    (station / "narrative").mkdir(exist_ok=True)
    (station / "narrative" / "closing.md").write_text("Half-written text.\n", encoding="utf-8")
    other_device = station / "workshops" / KICKOFF / "capture-station-1.yaml"
    other_device.write_text(other_device.read_text() + "# a note\n", encoding="utf-8")
    assert run(station, "build").exit_code == 0
    done = run(station, "sync", "--no-push")
    assert done.exit_code == 0, done.output
    assert f"capture(station-9): 2 inputs at {KICKOFF}" in done.output
    shown = git(station, "show", "--name-only", "--format=", "HEAD").split()
    assert shown == [f"workshops/{KICKOFF}/capture-station-9.yaml"]
    left = git(station, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert any("narrative/closing.md" in line for line in left)
    assert any("capture-station-1.yaml" in line for line in left)
    assert any("outputs/" in line for line in left)
    assert "not pushed" in done.output
    assert git(station, "rev-list", "--count", "origin/main..HEAD").strip() == "1"

    everything = run(station, "sync", "--all", "-m", "Curation after the kick-off")
    assert everything.exit_code == 0, everything.output
    shown = git(station, "show", "--name-only", "--format=%s", "HEAD").split("\n")
    assert shown[0] == "Curation after the kick-off"
    assert (
        "narrative/closing.md" in shown and f"workshops/{KICKOFF}/capture-station-1.yaml" in shown
    )
    assert not [path for path in shown if path.startswith(("outputs/", ".strategist/"))]
    assert git(tmp_path, "--git-dir", str(remote), "log", "-1", "--format=%s").strip() == (
        "Curation after the kick-off"
    )


def test_the_generated_message_never_expands_aliases(tmp_path):
    remote = seed_remote(tmp_path)
    station = clone(tmp_path, remote, "station", "laptop-1")
    lines = ["device: laptop-1", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [
        f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]" for n in range(1, 12)
    ]
    lines += ["inputs:", "  - {id: bomb0001, theme: workforce, kind: idea, text: *a11}"]
    own_file(station, "laptop-1").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run(station, "sync", "--no-push")  # 7 * 5**11 texts, were the aliases expanded
    assert done.exit_code == 0, done.output
    assert f"capture(laptop-1): capture file at {KICKOFF}" in done.output


def test_uncommitted_shared_edits_survive_a_rebase(tmp_path):
    remote = seed_remote(tmp_path)
    one = clone(tmp_path, remote, "one", "laptop-1")
    two = clone(tmp_path, remote, "two", "laptop-2")
    capture(one, "laptop-1", 1)
    assert run(one, "sync").exit_code == 0
    capture(two, "laptop-2", 1)
    theme = two / "themes" / "workforce.yaml"
    theme.write_text(theme.read_text() + "summary: Skilled people for the region.\n")
    done = run(two, "sync")
    assert done.exit_code == 0, done.output
    assert "by rebase" in done.output
    assert "Skilled people" in theme.read_text(), "the uncommitted edit is still there"
    assert (two / "workshops" / KICKOFF / "capture-laptop-1.yaml").is_file()


def test_uncommitted_changes_that_do_not_fit_exit_1_and_stay_in_the_stash(tmp_path):
    remote = seed_remote(tmp_path)
    one = clone(tmp_path, remote, "one", "laptop-1")
    two = clone(tmp_path, remote, "two", "laptop-2")
    assert run(one, "strategy", "set", "title", "Strategie 2030").exit_code == 0
    assert run(one, "sync", "--all").exit_code == 0
    assert run(two, "strategy", "set", "title", "Strategie 2035").exit_code == 0
    capture(two, "laptop-2", 1)
    done = run(two, "sync")  # commits the input only; the title stays uncommitted
    assert done.exit_code == 1, done.output
    assert "conflict: strategy.yaml" in done.output
    assert "git stash list" in done.output
    assert "autostash" in git(two, "stash", "list")
    assert "Strategie 2035" in git(two, "stash", "show", "-p")
    assert "Strategie 2030" in git(two, "show", "HEAD:strategy.yaml"), "the commits came in"
    assert run(two, "check").exit_code == 1
    assert run(two, "sync").exit_code == 1, "refused until resolved"


@pytest.mark.parametrize(
    ("path", "group"),
    [
        (f"workshops/{KICKOFF}/capture-station-3.yaml", "own"),
        (f"workshops/{KICKOFF}/capture-station-3-2.yaml", "own"),
        (f"workshops/{KICKOFF}/capture-station-3x.yaml", "other"),
        (f"workshops/{KICKOFF}/capture-station-1.yaml", "other"),
        (f"workshops/{KICKOFF}/workshop.yaml", "other"),
        ("outputs/strategy.md", "outputs"),
        (".strategist/device", "state"),
        ("themes/workforce.yaml", "other"),
    ],
)
def test_files_are_grouped_by_who_writes_them(path, group):
    assert classify(path, "station-3") == group


# ---------------------------------------------------------------- a real conflict


def test_two_renames_of_one_theme_conflict_and_nothing_is_lost(tmp_path):
    remote = seed_remote(tmp_path)
    one = clone(tmp_path, remote, "one", "laptop-1")
    two = clone(tmp_path, remote, "two", "laptop-2")
    assert run(one, "theme", "rename", "entrepreneurship", "founders").exit_code == 0
    assert run(two, "theme", "rename", "entrepreneurship", "start-ups").exit_code == 0
    first = run(one, "sync", "--all")
    assert first.exit_code == 0, first.output
    second = run(two, "sync", "--all")
    assert second.exit_code == 1, second.output
    conflicted = [
        line.split(": ", 1)[1]
        for line in second.output.splitlines()
        if line.startswith("conflict: ")
    ]
    assert f"workshops/{KICKOFF}/capture-station-1.yaml" in conflicted
    assert "git merge --abort" in second.output and "git commit" in second.output
    # Both clones' data is in git: the remote has one's commit, two's is in its history.
    assert "founders" in git(two, "show", "origin/main:themes/founders.yaml")
    assert "start-ups" in git(two, "show", "HEAD:themes/start-ups.yaml")
    check = run(two, "check")
    assert check.exit_code == 1
    assert "conflict" in check.output and "capture-station-1.yaml" in check.output
    again = run(two, "sync", "--all")
    assert again.exit_code == 1 and "conflict" in again.output, "refused until resolved"


# ---------------------------------------------------------------- plain failures


def test_a_clone_without_a_remote_exits_2_with_one_line(tmp_path):
    remote = seed_remote(tmp_path)
    station = clone(tmp_path, remote, "station", "laptop-1")
    git(station, "remote", "remove", "origin")
    done = run(station, "sync")
    assert done.exit_code == 2
    assert done.output.strip().count("\n") == 0
    assert "no remote" in done.output and "bundle create" in done.output


def test_a_branch_without_upstream_exits_2(tmp_path):
    remote = seed_remote(tmp_path)
    station = clone(tmp_path, remote, "station", "laptop-1")
    git(station, "switch", "-q", "-c", "side")
    done = run(station, "sync")
    assert done.exit_code == 2 and "has no upstream" in done.output
    assert "strategist sync --remote origin" in done.output
    named = run(station, "sync", "--remote", "origin")
    assert named.exit_code == 0, named.output
    assert "side" in git(tmp_path, "--git-dir", str(remote), "branch")
    again = run(station, "sync")  # the first push made origin/side the upstream
    assert again.exit_code == 0, again.output
    assert "origin/side" in again.output
    missing = run(station, "sync", "--remote", "nowhere")
    assert missing.exit_code == 2 and "no remote 'nowhere'" in missing.output


def test_a_folder_outside_git_exits_2(tmp_path):
    seed_remote(tmp_path)
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "strategy.yaml").write_bytes((tmp_path / "seed" / "strategy.yaml").read_bytes())
    for args in (["sync"], ["bundle", "create", str(tmp_path / "x.bundle")]):
        done = run(plain, *args)
        assert done.exit_code == 2, done.output
        assert "is not inside a git repository" in done.output


def test_without_git_installed_sync_exits_2(tmp_path, monkeypatch):
    remote = seed_remote(tmp_path)
    station = clone(tmp_path, remote, "station", "laptop-1")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    done = run(station, "sync")
    assert done.exit_code == 2
    assert done.output.strip() == "error: git is not installed: install git and try again"


class _Refusing(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="cluster"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def refusing_url() -> Iterator[str]:
    """A git remote URL whose server asks for a password (which nobody is asked for)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/cluster.git"
    server.shutdown()
    server.server_close()


def test_a_remote_that_refuses_access_exits_2_without_a_prompt(tmp_path, refusing_url):
    remote = seed_remote(tmp_path)
    station = clone(tmp_path, remote, "station", "laptop-1")
    git(station, "remote", "set-url", "origin", refusing_url)
    capture(station, "laptop-1", 1)
    done = run(station, "sync")
    assert done.exit_code == 2, done.output
    error = [line for line in done.output.splitlines() if line.startswith("error:")]
    assert len(error) == 1 and "refused access" in error[0] and "credential helper" in error[0]
    assert "committed" in done.output, "the commit stays; only the exchange failed"


def test_an_unreachable_remote_exits_2(tmp_path):
    remote = seed_remote(tmp_path)
    station = clone(tmp_path, remote, "station", "laptop-1")
    git(station, "remote", "set-url", "origin", "http://127.0.0.1:9/cluster.git")
    done = run(station, "sync")
    assert done.exit_code == 2 and "could not reach the remote 'origin'" in done.output


def test_missing_identity_is_one_sentence(tmp_path, monkeypatch):
    remote = seed_remote(tmp_path)
    station = clone(tmp_path, remote, "station", "laptop-1")
    (tmp_path / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    git(station, "config", "user.useConfigOnly", "true")
    capture(station, "laptop-1", 1)
    done = run(station, "sync")
    assert done.exit_code == 2
    assert "git does not know who you are" in done.output


def test_bundle_apply_of_a_file_that_is_no_bundle(tmp_path):
    remote = seed_remote(tmp_path)
    station = clone(tmp_path, remote, "station", "laptop-1")
    junk = tmp_path / "junk.bundle"
    junk.write_text("not a bundle\n")
    done = run(station, "bundle", "apply", str(junk))
    assert done.exit_code == 2 and "is not a git bundle" in done.output
    gone = run(station, "bundle", "apply", str(tmp_path / "gone.bundle"))
    assert gone.exit_code == 2 and "there is no bundle file" in gone.output
