"""The room's runtime state: its token, the open question, participants and rate limits.

Nothing here is written to a file: the token and the signing secret live as long as one
run of the server, and which question is open is the facilitator's choice of the moment
(DESIGN, "Serving the room"). A participant is a pseudonym in a signed cookie; the
server keeps no list of them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = [
    "CROCKFORD",
    "Participant",
    "RateLimiter",
    "Room",
    "new_token",
    "new_voter",
]

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
"""Crockford's base32 alphabet (no i, l, o, u), in lowercase as input ids are: a voter id
is a slug, as the ops require."""

TOKEN_LENGTH = 16
"""Characters of the room token, from the URL-safe alphabet (about 96 bits)."""


def new_token() -> str:
    """A fresh room token: 16 random URL-safe characters."""
    return secrets.token_urlsafe(TOKEN_LENGTH)[:TOKEN_LENGTH]


def new_voter() -> str:
    """A fresh pseudonym: `p-` and 6 random Crockford characters (about 30 bits)."""
    return "p-" + "".join(secrets.choice(CROCKFORD) for _ in range(6))


@dataclass(frozen=True)
class Participant:
    """Who is answering: a pseudonym, and the stakeholder group once chosen."""

    voter: str
    group: str | None = None


class RateLimiter:
    """At most `limit` events per key in any `window` seconds (a sliding window).

    Keys are pseudonyms and addresses; a key's timestamps are dropped as they age, and a
    key with none left is forgotten, so memory follows the room's current traffic.
    """

    def __init__(
        self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one event for `key`; False (and not counted) when it is over the limit."""
        now = self._clock()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            if len(self._events) > 10_000:
                self._forget(now)
            return True

    def _forget(self, now: float) -> None:
        for key in [k for k, e in self._events.items() if not e or e[-1] <= now - self.window]:
            del self._events[key]


@dataclass
class Room:
    """One run of the room server for one workshop.

    Attributes:
        workshop: the workshop whose capture file receives the answers.
        device: this device's name: answers go into `capture-<device>.yaml`.
    """

    workshop: str
    device: str
    token: str = field(default_factory=new_token)
    """The secret part of every URL; a request without it gets 403."""
    open_vote: str | None = None
    """The id of the question participants may answer now (None: none is open)."""
    voter_posts: RateLimiter = field(default_factory=lambda: RateLimiter(30))
    """Answers one participant may send per minute."""
    address_requests: RateLimiter = field(default_factory=lambda: RateLimiter(1200))
    """Requests one network address may make per minute (every phone has its own)."""
    _secret: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)

    # ------------------------------------------------------------------ cookies

    def _sign(self, text: str) -> str:
        return hmac.new(self._secret, text.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def cookie_value(self, participant: Participant) -> str:
        """The cookie that carries `participant`, signed so that it cannot be made up."""
        body = f"{participant.voter}.{participant.group or ''}"
        return f"{body}.{self._sign('cookie.' + body)}"

    def participant(self, cookie: str | None) -> Participant | None:
        """The participant a cookie carries; None when absent or not signed by this room."""
        if not cookie or cookie.count(".") != 2:
            return None
        voter, group, signature = cookie.split(".")
        if not hmac.compare_digest(signature, self._sign(f"cookie.{voter}.{group}")):
            return None
        return Participant(voter, group or None)

    def csrf(self, participant: Participant) -> str:
        """The token every form of `participant` carries in a hidden field."""
        return self._sign("csrf." + participant.voter)

    def csrf_ok(self, participant: Participant, token: str | None) -> bool:
        return token is not None and hmac.compare_digest(token, self.csrf(participant))
