"""What every request passes before a route sees it, and what every answer carries.

The security headers and a default Content-Security-Policy go on every answer, refusals
included; a declared body above `MAX_BODY` is refused with 413 before it is read; each
network address may make so many requests a minute (429); a path no route takes is 404
and a method it does not take 405, both as the room's own plain page.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import Router
from starlette.types import Message, Receive, Scope, Send

from strategist.serve.pages import HEADERS, csp, message
from strategist.serve.room import Room
from strategist.serve.writer import Writer

__all__ = ["MAX_BODY", "Guard"]

MAX_BODY = 8 * 1024
"""The largest request body accepted, in bytes."""


class Guard:
    """The ASGI app around the router: headers, body cap, address limit, 404 and 405."""

    def __init__(self, router: Router, room: Room, writer: Writer) -> None:
        self.router = router
        self.state_room = room
        """The room, for the handlers (`request.app.state_room`)."""
        self.state_writer = writer
        """The writer, for the handlers."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.router(scope, receive, send)
            return  # no websockets
        scope["app"] = self

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                for name, value in HEADERS.items():
                    headers.append((name.lower().encode(), value.encode()))
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", csp(None).encode()))
                message = {**message, "headers": headers}
            await send(message)

        refusal = self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        try:
            await self.router(scope, receive, send_with_headers)
        except HTTPException as exc:  # no route (404) or a method it does not take (405)
            text = "There is no such page here." if exc.status_code == 404 else exc.detail
            await message(exc.status_code, text)(scope, receive, send_with_headers)

    def _refusal(self, scope: Scope) -> Response | None:
        """A 413 or 429 decided from the request line and headers alone."""
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > MAX_BODY
                except ValueError:
                    return message(400, "The request could not be read.")
                if too_big:
                    return message(413, "That is too much text to send at once.")
        client = scope.get("client")
        address = client[0] if client else "unknown"
        if not self.state_room.address_requests.allow(address):
            response = message(
                429, "Too many requests from this device. Wait a minute, then try again."
            )
            response.headers["Retry-After"] = "60"
            return response
        return None
