"""The footer of every screen: all active bindings on one line, grouped ones as one item.

Textual's own footer runs a compact group's keys together ("f2f3f4…") and gives every
binding its own item, so at 100 columns the app's keys fell off the end. This one shows a
`Binding.Group` as a single item, its keys as ranges ("f2–f9 f12 Screens") or joined by
spaces ("^t ^k ^g ^o Choices"), in the compact style.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

__all__ = ["KeyFooter", "group_keys"]

_FKEY = re.compile(r"f(\d+)")


def group_keys(displays: list[str]) -> str:
    """The keys of a group as one label: "f2–f9 f12" for runs of F-keys, else spaced."""
    numbers = [m and int(m.group(1)) for m in map(_FKEY.fullmatch, displays)]
    if len(displays) > 2 and all(numbers):
        runs: list[list[int]] = []
        for n in (n for n in numbers if n):
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        return " ".join(
            f"f{r[0]}–f{r[-1]}" if len(r) > 2 else " ".join(f"f{n}" for n in r) for r in runs
        )
    return " ".join(displays)


class KeyFooter(Footer):
    """A compact footer; each binding group is one item (see the module docstring)."""

    DEFAULT_CSS = """
    KeyFooter #footer-keys {
        width: 1fr;
        overflow: hidden;
    }
    KeyFooter FooterKey.-command-palette {
        padding-right: 1;
    }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        shown: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                # One item per action (the first of its keys), as Textual's footer does.
                shown.setdefault(binding.action, (binding, enabled, tooltip))
        # The keys sit in their own box, so what does not fit is cut before the palette key.
        with HorizontalGroup(id="footer-keys"):
            yield from self._items(list(shown.values()))
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette:
            _, binding, enabled, _ = palette
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def _items(self, shown: list[tuple[Binding, bool, str]]) -> Iterator[FooterKey]:
        """One key per binding; one per run of bindings in the same group."""
        display = self.app.get_key_display
        for group, run in groupby(shown, lambda item: item[0].group):
            members = list(run)
            if group is not None and len(members) > 1:
                first, enabled, _ = members[0]
                yield FooterKey(
                    first.key,
                    group_keys([display(b) for b, _, _ in members]),
                    group.description,
                    first.action,
                    disabled=not enabled,
                    tooltip=", ".join(f"{display(b)} {b.description}" for b, _, _ in members),
                ).data_bind(compact=Footer.compact)
                continue
            for binding, enabled, tooltip in members:
                yield FooterKey(
                    binding.key,
                    display(binding),
                    binding.description,
                    binding.action,
                    disabled=not enabled,
                    tooltip=tooltip,
                ).data_bind(compact=Footer.compact)
