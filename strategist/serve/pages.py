"""The room's pages: Jinja2 templates with autoescape on, and the headers every answer has.

Every page is one HTML document with its CSS inline and no external asset; the only
script (on the vote page) polls `state` and reloads when another question opens, and
nothing needs it. A fresh nonce per page lets that style and script through the strict
Content-Security-Policy while no injected markup could run.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

__all__ = ["HEADERS", "csp", "message", "render"]

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=False,
)

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
"""Sent with every answer of the room server (pages, JSON and refusals alike)."""


def csp(nonce: str | None) -> str:
    """The Content-Security-Policy: nothing but this page's own style and script."""
    own = f"'nonce-{nonce}'" if nonce else "'none'"
    return (
        f"default-src 'none'; style-src {own}; script-src {own}; connect-src 'self'; "
        "img-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


def script_json(value: object) -> str:
    """`value` as JSON that is safe inside a <script> element."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


def render(
    template: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> HTMLResponse:
    """A page from `template`, with the room's security headers and a fresh nonce."""
    nonce = secrets.token_urlsafe(16)
    context.setdefault("open_json", script_json(context.get("open_vote")))
    html = _ENV.get_template(template).render(nonce=nonce, **context)
    response = HTMLResponse(html, status_code=status, headers=headers)
    response.headers["Content-Security-Policy"] = csp(nonce)
    return response


def message(status: int, text: str) -> HTMLResponse:
    """A page that says one thing: a refusal, with its status code."""
    response = render(
        "message.html", status, heading="strategist", title="Room", workshop="",
        participant=None, message=text,
    )  # fmt: skip
    return response
