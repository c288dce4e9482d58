"""The web page's sections as an earlier build rendered them, kept in the parse cache.

Rendering the draft's Markdown is most of what the page costs once the register's
tables are kept (`strategist.render.register`), yet a change to one vote or one capture
file leaves most sections' Markdown as it was. A section's HTML depends on its Markdown,
its charts, the heading anchors already used on the page before it, which of the inputs
it cites the register lists, and the images it embeds; it is kept under a hash of the
first three, with the citations it made, and used again only when those still resolve
as they did. A section that embeds an image is never kept (the image file could change).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import markdown_it

from strategist.model import Workspace
from strategist.render.common import Policy
from strategist.store.cache import ParseCache, code_fingerprint

__all__ = ["KeptSection", "KeptSections"]

KeptSection = tuple[str, dict[str, bool], list[str]]
"""A section's HTML, the input ids it cites (each: whether the register listed it), and
the heading anchors it added."""


class KeptSections:
    """The kept sections of one audience and language of a workspace's page."""

    def __init__(self, ws: Workspace, policy: Policy) -> None:
        self.cache = ParseCache(Path(ws.root), salt="page") if ws.root else None
        audience = "internal" if policy.internal else "public"
        self.prefix = f"page/{policy.lang}/{audience}/"
        self.context = f"{code_fingerprint()}\0{markdown_it.__version__}\0"

    def digest(self, body: str, charts: Sequence[tuple[str, str]], used: Iterable[str]) -> str:
        """What a section's HTML depends on but its citations: its Markdown, its charts
        (placement, SVG) and the anchors used before it."""
        digest = hashlib.sha256(self.context.encode())
        parts = [body, str(len(charts)), *(p for chart in charts for p in chart), *sorted(used)]
        for part in parts:
            data = part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "big") + data)
        return digest.hexdigest()

    def get(self, key: str, digest: str) -> KeptSection | None:
        if self.cache is None:
            return None
        found = self.cache.get_value(self.prefix + key, digest)
        if isinstance(found, tuple) and len(found) == 3:
            return found
        return None

    def put(self, key: str, digest: str, section: KeptSection) -> None:
        if self.cache is not None:
            self.cache.put_value(self.prefix + key, digest, section)
