"""The command palette (ctrl+p): every mode, every app action, the screen's actions and
those of the focused strategist widget."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.widget import Widget

from strategist.tui.screens.help import _bindings

__all__ = ["StrategistCommands"]


class StrategistCommands(Provider):
    """Offers each binding with a description of the app and of the current screen.

    A binding's tooltip, when set, names it here: it is the longer wording that the
    footer has no room for (f10 is "Dark" there, "Light/dark" here).
    """

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        app = self.app
        commands: list[tuple[str, Callable[[], Any], str]] = []
        screen = self.screen  # the screen below the palette
        # The focused widget's own keys (the capture list's Delete, say), when it is one
        # of strategist's widgets; Textual's widgets would add dozens of cursor moves.
        node = screen.focused
        while node is not None and node is not screen:
            if type(node).__module__.startswith("strategist."):
                for binding in _bindings(type(node).__dict__.get("BINDINGS", [])):
                    if binding.description:
                        commands.append(
                            (
                                binding.tooltip or binding.description,
                                partial(node.run_action, binding.action),
                                f"{binding.key_display or binding.key} in this list",
                            )
                        )
            node = node.parent if isinstance(node.parent, Widget) else None
        for binding in _bindings(getattr(screen, "BINDINGS", [])):
            if binding.description:
                commands.append(
                    (
                        binding.tooltip or binding.description,
                        partial(screen.run_action, binding.action),
                        f"{binding.key_display or binding.key} on this screen",
                    )
                )
        for binding in _bindings(app.BINDINGS):
            if binding.description:
                commands.append(
                    (
                        binding.tooltip or binding.description,
                        partial(app.run_action, binding.action),
                        binding.key_display or binding.key,
                    )
                )
        return commands

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
