"""`strategist serve`: the room's web server, for participants' phones on the local network."""

from __future__ import annotations

import errno
import signal
from pathlib import Path
from typing import TYPE_CHECKING

import click

from strategist.chars import terminal_safe
from strategist.cli._lazy import lazy
from strategist.cli._root import EnvironmentProblem, main, pass_context
from strategist.cli.votes import _device

if TYPE_CHECKING:
    import strategist.cli.themes as themes
    import strategist.serve as serve
    import strategist.serve.qr as qr
    import strategist.store as store
    from strategist.cli._root import Context
    from strategist.model import Workspace
else:
    themes = lazy("strategist.cli.themes")
    serve = lazy("strategist.serve")
    qr = lazy("strategist.serve.qr")
    store = lazy("strategist.store")

__all__ = ["serve_command"]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _reload(root: Path) -> Workspace:
    """Load the workspace again for the writer (after a file changed on disk)."""
    from strategist.ops import OpsError

    result = store.load_workspace(root)
    if result.workspace is None or result.has_errors:
        raise OpsError("the workspace has errors now; the facilitator must fix them first")
    return result.workspace


@main.command("serve")
@click.option("--workshop", "workshop_id", required=True, metavar="W", help="The workshop id.")
@click.option(
    "--host",
    default=None,
    metavar="H",
    help="The address to listen on (default: this laptop's address on the local network).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=None,
    metavar="P",
    help="The port (default 8470; 0 picks a free one).",
)
@click.option(
    "--open",
    "open_vote",
    default=None,
    metavar="VOTE",
    help="The question participants may answer (a vote id of W); without it, inputs only.",
)
@pass_context
def serve_command(
    ctx: Context, workshop_id: str, host: str | None, port: int | None, open_vote: str | None
) -> None:
    """Serve a workshop to the phones in the room (local network only).

    Until Ctrl+C, participants scan the QR code, choose their stakeholder group, send inputs and
    answer the open question. Every answer is saved into this device's capture file of
    W before the phone is told "saved". Nothing leaves the local network.
    """
    root = ctx.root()
    ws = themes.load_for_edit(root)
    if workshop_id not in ws.workshops:
        raise EnvironmentProblem(f"there is no workshop {workshop_id!r} in {root}")
    device = _device(root)
    if open_vote is not None:
        votes = {v.id for c in ws.workshops[workshop_id].captures.values() for v in c.votes}
        if open_vote not in votes:
            raise EnvironmentProblem(f"workshop {workshop_id!r} has no vote {open_vote!r}")
    room = serve.Room(workshop_id, device, open_vote=open_vote)
    writer = serve.OwnWriter(ws, lambda: _reload(root))
    address = host if host is not None else serve.lan_address()
    try:
        server = serve.RoomServer(
            room, writer, address, serve.DEFAULT_PORT if port is None else port
        )
    except OSError as exc:
        writer.close()
        if exc.errno == errno.EADDRINUSE:
            raise EnvironmentProblem(
                f"port {port} on {address} is in use; choose another with --port"
            ) from exc
        raise EnvironmentProblem(
            f"cannot listen on {address}:{port}: {exc.strerror or exc}"
        ) from exc
    server.start()
    click.echo(qr.qr_terminal(server.url), nl=False)
    click.echo(f"Participants open {server.url}")
    if room.open_vote:
        click.echo(f"Open question: {terminal_safe(room.open_vote)}")
    click.echo(f"Answers go to {store.capture_file(workshop_id, device)}. Ctrl+C stops.")
    # A service manager's SIGTERM stops the room as Ctrl+C does: cleanly.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        while server.running:
            server.wait(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
    click.echo("Stopped: every answer acknowledged is saved.")
