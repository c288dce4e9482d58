"""A file the loader had to leave out can never be overwritten by a save."""

from __future__ import annotations

from pathlib import Path

import pytest
from load_builders import make_workspace, write

from strategist.model import Capture, Input, Theme
from strategist.store import StaleFileError, load_workspace, save_capture, save_theme


def test_a_theme_file_with_errors_is_not_overwritten(tmp_path: Path) -> None:
    make_workspace(tmp_path)
    broken = write(tmp_path, "themes/beta.yaml", "id: beta\ntitle: [unclosed\n")
    before = broken.read_bytes()
    result = load_workspace(tmp_path)
    assert result.workspace is not None and "beta" not in result.workspace.themes

    with pytest.raises(StaleFileError):
        save_theme(result.workspace, Theme(id="beta", title="Beta", status="active"))
    assert broken.read_bytes() == before


def test_a_capture_file_with_errors_is_not_overwritten(tmp_path: Path) -> None:
    make_workspace(tmp_path)
    broken = write(tmp_path, "workshops/kickoff/capture-laptop.yaml", "device: laptop\ninputs: 3\n")
    before = broken.read_bytes()
    result = load_workspace(tmp_path)
    assert result.has_errors and result.workspace is not None

    capture = Capture(device="laptop", inputs=[Input("abcdefgh", "alpha", "idea", "Neu")])
    with pytest.raises(StaleFileError):
        save_capture(result.workspace, "kickoff", capture)
    assert broken.read_bytes() == before
