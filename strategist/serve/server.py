"""Run the room's app on uvicorn in a background thread, and stop it cleanly.

The listening socket is bound before the thread starts, so a port in use is an error
the caller sees at once, and port 0 picks a free one (tests). Stopping asks uvicorn to
shut down: it stops listening, finishes the requests under way, closes every
connection, and only then does `stop` return, after the writer wrote what was queued.
"""

from __future__ import annotations

import asyncio
import socket
import threading

import uvicorn

from strategist.serve.app import make_app
from strategist.serve.room import Room
from strategist.serve.writer import Writer

__all__ = ["DEFAULT_PORT", "RoomServer", "lan_address"]

DEFAULT_PORT = 8470
"""The port `strategist serve` listens on unless told otherwise."""

_PROBE = ("10.254.254.254", 9)
"""A private address to `connect` a UDP socket to: that only picks the outgoing
interface, it sends nothing."""


def lan_address() -> str:
    """The address of the interface that routes outward (127.0.0.1 when there is none)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(_PROBE)  # UDP: no packet leaves; the kernel only chooses a route
        address: str = probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
    return address if address and address != "0.0.0.0" else "127.0.0.1"


class RoomServer:
    """The room's web server for one run (one token)."""

    def __init__(self, room: Room, writer: Writer, host: str, port: int) -> None:
        """Bind `host`:`port` now.

        Raises:
            OSError: the address cannot be bound (port in use, no such address).
        """
        self.room = room
        self.writer = writer
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # Named IPPROTO_TCP, asyncio sets TCP_NODELAY on every connection; without it,
        # a keep-alive answer's body waits 40 ms for the phone's delayed ACK.
        self._socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._socket.bind((host, port))
        except OSError:
            self._socket.close()
            raise
        self.host = host
        self.port: int = self._socket.getsockname()[1]
        config = uvicorn.Config(
            make_app(room, writer),
            log_level="warning",
            access_log=False,
            lifespan="off",
            proxy_headers=False,
            server_header=False,
            timeout_graceful_shutdown=3,
            timeout_keep_alive=5,
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The participants' address, with the room token."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/r/{self.room.token}/"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Serve in a background thread; return once it accepts connections."""
        self._thread = threading.Thread(target=self._run, name="strategist-serve", daemon=True)
        self._thread.start()
        while not self._server.started and self._thread.is_alive():
            self._thread.join(0.01)

    def _run(self) -> None:
        asyncio.run(self._server.serve(sockets=[self._socket]))

    def wait(self, timeout: float | None = None) -> None:
        """Block until the server stopped (or `timeout` passed)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def stop(self) -> None:
        """Stop listening, close every connection, write what is queued."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
            if self._thread.is_alive():
                self._server.force_exit = True
                self._thread.join(5)
        self._socket.close()
        self.writer.close()
