"""Atomic, canonical saves."""

from __future__ import annotations

from typing import Any

from strategist.model import Capture, Theme, Workshop, Workspace

__all__ = [
    "canonical_yaml",
    "delete_theme_file",
    "save_capture",
    "save_strategy",
    "save_theme",
    "save_workshop",
    "to_data",
]


def to_data(obj: object) -> dict[str, Any]:
    raise NotImplementedError("store-save engineer: in progress")


def canonical_yaml(data: dict[str, Any]) -> str:
    raise NotImplementedError("store-save engineer: in progress")


def save_strategy(ws: Workspace) -> None:
    raise NotImplementedError("store-save engineer: in progress")


def save_theme(ws: Workspace, theme: Theme) -> None:
    raise NotImplementedError("store-save engineer: in progress")


def delete_theme_file(ws: Workspace, theme_id: str) -> None:
    raise NotImplementedError("store-save engineer: in progress")


def save_workshop(ws: Workspace, workshop: Workshop) -> None:
    raise NotImplementedError("store-save engineer: in progress")


def save_capture(ws: Workspace, workshop_id: str, capture: Capture) -> None:
    raise NotImplementedError("store-save engineer: in progress")
