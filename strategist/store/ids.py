"""Input ids and this clone's device name.

Input ids are 8 random characters of lowercase Crockford base32, so two clones
capturing at the same time never collide (40 random bits). The device name names this
clone's capture files (``capture-<device>.yaml``); it lives in ``.strategist/device``,
which is git-ignored, so every clone keeps its own.
"""

from __future__ import annotations

import re
import secrets
import socket
import unicodedata
from collections.abc import Collection
from pathlib import Path

from strategist.model import Workspace, is_reserved_name, is_slug
from strategist.store._index import input_id_taken
from strategist.store.errors import StoreError
from strategist.store.lock import state_dir
from strategist.store.save import write_atomic

__all__ = [
    "CROCKFORD_ALPHABET",
    "device_name",
    "is_slug",
    "new_input_id",
    "random_suffix",
    "set_device_name",
    "slugify",
    "state_dir",
    "suggest_id",
    "suggested_device_name",
]

MAX_ID_LENGTH = 40
"""A suggested id keeps at most this many characters (whole words where it can)."""

CROCKFORD_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
"""Lowercase Crockford base32: no i, l, o, u (easy to read aloud and to copy)."""

INPUT_ID_LENGTH = 8
_DEVICE_DIR = ".strategist"
_DEVICE_FILE = "device"


_SPELLED_OUT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ø": "oe", "æ": "ae", "å": "aa"}
    | {"Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "Ø": "Oe", "Æ": "Ae", "Å": "Aa"}
)
"""German and Danish letters written out as in ASCII addresses (the languages strategist
speaks); other accents fall back to their base letter."""


def slugify(text: str) -> str:
    """Lowercase ASCII letters and digits joined by single dashes ('' if none).

    Letters with accents keep their base letter ("Gründer" → "gruender", "Café" → "cafe")
    instead of vanishing from the id.
    """
    plain = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT))
    ascii_text = plain.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _shorten(slug: str, limit: int) -> str:
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    # End on a whole word when there is one to end on.
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


def suggest_id(
    title: str, taken: Collection[str], fallback: str, limit: int = MAX_ID_LENGTH
) -> str:
    """An id for something titled `title`: its ASCII slug, never empty, not in `taken`.

    Letters are spelled out as in the workshop ids ("Æble" → "aeble", "Straße" →
    "strasse"). A title with no letter or digit gives `fallback`; an id already taken,
    or a name Windows reserves, gets ``-2``, ``-3`` … appended.

    Args:
        title: the title or text typed.
        taken: the ids already in use in the same namespace.
        fallback: a slug to use when the title gives none (e.g. "theme", "objective").
        limit: the longest id to suggest before the numeric suffix.
    """
    base = _shorten(slugify(title), limit).strip("-") or fallback
    if not is_slug(base):
        raise ValueError(f"fallback {fallback!r} is not a slug")
    candidate, n = base, 1
    while candidate in taken or is_reserved_name(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def suggested_device_name() -> str:
    """This machine's host name as a slug plus a random suffix, e.g. ``laptop-k7q2``."""
    host = slugify(socket.gethostname().split(".")[0])[:24].strip("-") or "device"
    return f"{host}-{random_suffix(4)}"


def random_suffix(length: int) -> str:
    """`length` random Crockford base32 characters."""
    return "".join(secrets.choice(CROCKFORD_ALPHABET) for _ in range(length))


def new_input_id(ws: Workspace) -> str:
    """A fresh input id, unique in `ws`.

    Ids still referenced (objective and measure sources, ``duplicate_of``) count as
    taken, so a new input never inherits the references of a deleted one.
    """
    taken = input_id_taken(ws)  # the input index kept with `ws`: no scan of every input
    while True:
        candidate = random_suffix(INPUT_ID_LENGTH)
        if not taken(candidate):
            return candidate


def device_name(root: str | Path, create: bool = True) -> str | None:
    """This clone's device name, from ``<root>/.strategist/device``.

    Args:
        root: the workspace directory.
        create: when no name is kept yet, make one (host name plus 4 random
            characters), store it and return it; otherwise return None.

    Raises:
        StoreError: the stored name is not a valid slug, or it cannot be read/written.
    """
    path = Path(root, _DEVICE_DIR, _DEVICE_FILE)
    try:
        name = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        name = ""
    except UnicodeDecodeError:
        name = "(not UTF-8)"  # refused below as not a slug
    except OSError as e:
        raise StoreError(f"{_DEVICE_DIR}/{_DEVICE_FILE}: cannot read: {e.strerror or e}") from e
    if name:
        if not is_slug(name):
            raise StoreError(
                f"{_DEVICE_DIR}/{_DEVICE_FILE}: invalid device name {name!r}: "
                "use lowercase letters, digits and '-'"
            )
        return name
    if not create:
        return None
    name = suggested_device_name()
    set_device_name(root, name)
    return name


def set_device_name(root: str | Path, name: str) -> None:
    """Keep `name` as this clone's device name (in the git-ignored ``.strategist/``).

    Raises:
        ValueError: `name` is not a slug (``[a-z0-9][a-z0-9-]*``).
        StoreError: the file cannot be written.
    """
    if not is_slug(name):
        raise ValueError(
            f"invalid device name {name!r}: use lowercase letters, digits and '-', "
            "starting with a letter or digit"
        )
    try:
        write_atomic(state_dir(root) / _DEVICE_FILE, f"{name}\n".encode())
    except OSError as e:
        raise StoreError(f"{_DEVICE_DIR}/{_DEVICE_FILE}: cannot write: {e.strerror or e}") from e
