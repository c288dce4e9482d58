"""Modules the commands import when they first use them, so `--help` starts fast.

`strategist --version`, `--help` and a typo need click alone; loading the store (YAML),
the analysis or the renderer (Jinja2, markdown-it) costs several times what Python
and click cost to start. The command modules therefore name their heavy modules as

    if TYPE_CHECKING:
        from strategist import store
    else:
        store = lazy("strategist.store")

and the module is imported at the first attribute taken from it (type checkers see the
real module).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

__all__ = ["lazy"]


class _Lazy:
    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        module: ModuleType = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name}>"


def lazy(name: str) -> Any:
    """A stand-in for module `name` that imports it when first used."""
    return _Lazy(name)
