"""Input ids and this clone's device name."""

from __future__ import annotations

from pathlib import Path

from strategist.model import Workspace

__all__ = ["device_name", "new_input_id", "set_device_name"]


def new_input_id(ws: Workspace) -> str:
    raise NotImplementedError("store-save engineer: in progress")


def device_name(root: str | Path, create: bool = True) -> str | None:
    raise NotImplementedError("store-save engineer: in progress")


def set_device_name(root: str | Path, name: str) -> None:
    raise NotImplementedError("store-save engineer: in progress")
