"""Input ids and the device name of a clone."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from strategist.model import (
    Capture,
    Group,
    Horizon,
    Input,
    Objective,
    Strategy,
    Theme,
    Workshop,
    Workspace,
)
from strategist.store import StoreError, device_name, new_input_id, set_device_name
from strategist.store import ids as ids_module

ID_FORMAT = re.compile(r"[0-9abcdefghjkmnpqrstvwxyz]{8}")


def workspace(root: Path, input_ids: list[str], sources: tuple[str, ...] = ()) -> Workspace:
    strategy = Strategy("C", "T", Horizon(2020, 2025), {"g": Group("g", "G")})
    ws = Workspace(root=str(root), strategy=strategy)
    capture = Capture("dev", inputs=[Input(i, "t", "idea", "x") for i in input_ids])
    ws.workshops["w"] = Workshop("w", "W", dt.date(2020, 1, 1), "kickoff")
    ws.workshops["w"].captures["dev"] = capture
    ws.themes["t"] = Theme(
        "t", "T", "active", objectives=[Objective("o", "O", sources=list(sources))]
    )
    return ws


def test_input_ids_are_8_lowercase_crockford_characters(tmp_path: Path) -> None:
    ws = workspace(tmp_path, [])
    made = {new_input_id(ws) for _ in range(200)}
    assert all(ID_FORMAT.fullmatch(i) for i in made)
    assert len(made) == 200


def test_input_ids_skip_ids_already_used_or_referenced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = workspace(tmp_path, ["aaaaaaaa"], sources=("bbbbbbbb",))
    sequence = iter("a" * 8 + "b" * 8 + "c" * 8)
    monkeypatch.setattr(ids_module.secrets, "choice", lambda alphabet: next(sequence))
    assert new_input_id(ws) == "cccccccc"


def test_device_name_is_made_once_and_kept(tmp_path: Path) -> None:
    assert device_name(tmp_path, create=False) is None
    name = device_name(tmp_path)
    assert name is not None
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*-[0-9a-z]{4}", name)
    assert device_name(tmp_path) == name
    assert device_name(tmp_path, create=False) == name
    assert (tmp_path / ".strategist/device").read_text(encoding="utf-8") == f"{name}\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_device_name_is_ignored_by_git(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    device_name(tmp_path)
    ignored = subprocess.run(
        ["git", "-C", str(tmp_path), "check-ignore", "-q", ".strategist/device"], check=False
    )
    assert ignored.returncode == 0
    status = subprocess.run(
        ["git", "-C", str(tmp_path), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""


def test_set_device_name_validates_and_persists(tmp_path: Path) -> None:
    set_device_name(tmp_path, "station-3")
    assert device_name(tmp_path) == "station-3"
    with pytest.raises(ValueError, match="invalid device name"):
        set_device_name(tmp_path, "Station 3")
    assert device_name(tmp_path) == "station-3"


def test_a_hand_broken_device_name_is_reported(tmp_path: Path) -> None:
    (tmp_path / ".strategist").mkdir()
    (tmp_path / ".strategist/device").write_text("../evil\n", encoding="utf-8")
    with pytest.raises(StoreError, match="invalid device name"):
        device_name(tmp_path)


def test_a_device_file_that_is_not_utf8_is_reported_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / ".strategist").mkdir()
    (tmp_path / ".strategist/device").write_bytes(b"st\xe4tion\n")
    with pytest.raises(StoreError, match=r"\.strategist/device: invalid device name"):
        device_name(tmp_path)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Gründer Süd", "gruender-sued"),
        ("Straße", "strasse"),
        ("Sønderborg Ærø Ålborg", "soenderborg-aeroe-aalborg"),
        ("Café Noël", "cafe-noel"),
        ("  --  ", ""),
    ],
)
def test_slugify_spells_out_letters_instead_of_dropping_them(text: str, slug: str) -> None:
    assert ids_module.slugify(text) == slug
