"""Domain edits shared by the TUI and the CLI: change the model, validate, save."""

from __future__ import annotations

__all__ = ["FieldError", "OpsError"]


class OpsError(Exception):
    """An edit was refused; the message says why, in words a facilitator understands."""


class FieldError(OpsError):
    """A value typed into one field was refused; a form shows `message` beside `field`.

    Attributes:
        field: the field's name as the file spells it (``horizon.end``, ``target``, ``due``).
        message: what is wrong and how to fix it, without the field's name in front.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
