"""`strategist workshop add`, `capture add`, `input edit`, `input delete`: files and exit codes."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from strategist.cli import main
from strategist.ops import capture as capture_ops

sys.path.insert(0, str(Path(__file__).parent / "tui"))
from fixture_workspace import DEVICE, write_workspace

KICKOFF = "2018-09-11-kickoff"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return write_workspace(tmp_path)


def run(ws: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(ws), *args])


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_capture_add_prints_the_id_and_writes_this_devices_file(ws: Path, monkeypatch) -> None:
    at = dt.datetime(2018, 9, 11, 10, 42, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    monkeypatch.setattr(capture_ops, "capture_time", lambda: at)
    result = run(
        ws, "capture", "add", "--workshop", KICKOFF, "--theme", "entrepreneurship",
        "--kind", "challenge", "--group", "industry", "--confidential", "Too", "little", "capital",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    new_id = result.stdout.strip()
    data = load(ws / f"workshops/{KICKOFF}/capture-{DEVICE}.yaml")
    assert data == {
        "device": DEVICE,
        "inputs": [
            {
                "id": new_id,
                "theme": "entrepreneurship",
                "kind": "challenge",
                "text": "Too little capital",
                "group": "industry",
                "at": at,
                "confidential": True,
            }
        ],
    }


def test_capture_add_records_when_the_input_was_captured(ws: Path) -> None:
    assert run(ws, "capture", "add", "--workshop", KICKOFF, "--theme", "workforce",
               "Skills").exit_code == 0  # fmt: skip
    (item,) = load(ws / f"workshops/{KICKOFF}/capture-{DEVICE}.yaml")["inputs"]
    at = item["at"]
    assert at.tzinfo is not None and at.microsecond == 0
    assert abs((dt.datetime.now(dt.UTC) - at).total_seconds()) < 60


def test_capture_add_creates_a_device_name_when_missing(ws: Path) -> None:
    (ws / ".strategist" / "device").unlink()
    result = run(ws, "capture", "add", "--workshop", KICKOFF, "--theme", "workforce", "Skills")
    assert result.exit_code == 0, result.output
    device = (ws / ".strategist" / "device").read_text().strip()
    assert (ws / f"workshops/{KICKOFF}/capture-{device}.yaml").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--theme", "nope"], "no theme 'nope'"),
        (["--theme", "workforce", "--group", "nobody"], "no group 'nobody'"),
        (["--theme", "workforce", "--workshop", "no-such"], "no workshop 'no-such'"),
    ],
)
def test_capture_add_refuses_unknown_references_with_exit_1(
    ws: Path, args: list[str], message: str
) -> None:
    options = ["--workshop", KICKOFF, *args] if "--workshop" not in args else args
    result = run(ws, "capture", "add", *options, "Some text")
    assert result.exit_code == 1
    assert message in result.stderr
    assert not (ws / f"workshops/{KICKOFF}/capture-{DEVICE}.yaml").exists()


def test_not_a_workspace_exits_2(tmp_path: Path) -> None:
    result = run(tmp_path, "capture", "add", "--workshop", "w", "--theme", "t", "x")
    assert result.exit_code == 2


def test_bad_usage_exits_2(ws: Path) -> None:
    assert run(ws, "capture", "add", "--workshop", KICKOFF, "no theme").exit_code == 2
    assert run(ws, "workshop", "add", "x", "--title", "X", "--date", "2019-01-01",
               "--format", "party").exit_code == 2  # fmt: skip
    assert run(ws, "input", "edit", "aaaa0001").exit_code == 2


def test_workshop_add_writes_workshop_yaml(ws: Path) -> None:
    result = run(
        ws, "workshop", "add", "2019-03-01-board", "--title", "Board", "--date", "2019-03-01",
        "--format", "board", "--location", "Kiel", "--attend", "research=4",
        "--attend", "industry=6",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (ws / "workshops/2019-03-01-board/workshop.yaml").read_text()
    # Attendance follows the order of the groups in strategy.yaml.
    assert text == (
        "id: 2019-03-01-board\ntitle: Board\ndate: 2019-03-01\nlocation: Kiel\n"
        "format: board\nattendance:\n  industry: 6\n  research: 4\n"
    )
    again = run(ws, "workshop", "add", "2019-03-01-board", "--title", "B", "--date",
                "2019-03-01", "--format", "board")  # fmt: skip
    assert again.exit_code == 1
    assert "exists already" in again.stderr


def test_input_edit_and_delete_touch_the_file_that_holds_the_input(ws: Path) -> None:
    path = ws / f"workshops/{KICKOFF}/capture-station-1.yaml"
    result = run(ws, "input", "edit", "aaaa0001", "--theme", "workforce", "--confidential",
                 "--no-group", "--text", "Founders' breakfast, monthly")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert load(path)["inputs"] == [
        {
            "id": "aaaa0001",
            "theme": "workforce",
            "kind": "idea",
            "text": "Founders' breakfast, monthly",
            "confidential": True,
        }
    ]
    assert run(ws, "input", "edit", "aaaa0001", "--duplicate-of", "aaaa0001").exit_code == 1
    assert run(ws, "input", "delete", "zzzz9999").exit_code == 1
    assert run(ws, "input", "delete", "aaaa0001").exit_code == 0
    assert load(path) == {"device": "station-1"}


def test_cli_writes_the_bytes_a_second_capture_would(ws: Path) -> None:
    """Two adds give one canonical file; a reload and re-save would not change it."""
    for text in ("First", "Second"):
        assert run(ws, "capture", "add", "--workshop", KICKOFF, "--theme", "workforce",
                   text).exit_code == 0  # fmt: skip
    path = ws / f"workshops/{KICKOFF}/capture-{DEVICE}.yaml"
    from strategist import store

    loaded = store.load_workspace(ws).workspace
    assert loaded is not None
    capture = loaded.workshops[KICKOFF].captures[DEVICE]
    assert [i.text for i in capture.inputs] == ["First", "Second"]
    assert store.canonical_yaml(store.to_data(capture)) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command", [("workshop", "add"), ("capture", "add"), ("input", "edit"), ("input", "delete")]
)
def test_every_option_is_explained_in_help(command: tuple[str, ...]) -> None:
    group = main.commands[command[0]]
    assert isinstance(group, click.Group)
    cmd = group.commands[command[1]]
    assert cmd.help and cmd.get_short_help_str(limit=80).endswith(".")
    for param in cmd.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.help, f"{' '.join(command)} {param.opts[0]} has no help"
    assert "%Y" not in CliRunner().invoke(main, [*command, "--help"]).output
