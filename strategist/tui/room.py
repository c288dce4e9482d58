"""The room from inside the TUI: the web server in the background, the open question.

`RoomService` starts `strategist.serve`'s server for a workshop (uvicorn in a thread of
its own; starting and stopping run in thread workers, so the interface never waits) and
stops it, closing every connection. Answers from phones are applied on the app's I/O
thread, in turn with the facilitator's own saves and on the same workspace, and each
batch of them tells the screens that the workspace changed: the live ranking, the
capture list and the presentation follow at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

from strategist.ops import OpsError

if TYPE_CHECKING:
    from strategist.serve import Room, RoomServer
    from strategist.serve.writer import Writer
    from strategist.tui.app import StrategistApp

__all__ = ["DEFAULT_PORT", "RoomAnswered", "RoomService", "app_writer"]

DEFAULT_PORT = 8470
"""The port the TUI's room listens on (as `strategist serve`)."""


class RoomAnswered(Message):
    """Answers from phones were saved: the screens show the workspace again."""


def app_writer(app: StrategistApp) -> Writer:
    """The room's writer inside the TUI: its batches run on the app's I/O thread.

    (The web stack is imported here, when the room starts, not when the TUI does.)
    """
    from strategist.serve.writer import BatchWriter, apply_batch

    class AppWriter(BatchWriter):
        def workspace(self) -> Any:
            return app.workspace

    def apply(items: list[Any]) -> None:
        def batch() -> None:
            ws = app.workspace
            if ws is None:
                raise OpsError("no workspace is loaded on the laptop")
            # No reload here: a file changed elsewhere is the app's poller's to reload.
            apply_batch(ws, items, None)

        app.tasks.submit(batch).result()
        # post_message is thread-safe and does not wait: the writer never waits for the
        # interface (which may itself be waiting for the server to stop).
        app.post_message(RoomAnswered())

    return AppWriter(apply)


class RoomService:
    """At most one room server of the app, and which question it has open."""

    def __init__(self, app: StrategistApp) -> None:
        self._app = app
        self.server: RoomServer | None = None
        self.host: str | None = None
        """The address to listen on; None: the LAN address (tests set 127.0.0.1)."""
        self.port = DEFAULT_PORT
        self._starting = False

    @property
    def running(self) -> bool:
        return self.server is not None

    @property
    def room(self) -> Room | None:
        """The running room (its token and open question), None when stopped."""
        return self.server.room if self.server is not None else None

    @property
    def url(self) -> str | None:
        return self.server.url if self.server is not None else None

    def start(self, workshop_id: str, device: str) -> None:
        """Serve `workshop_id` in the background; the app is told when it listens."""
        if self.server is not None or self._starting:
            return  # a second key press while it starts does not start a second one
        self._starting = True
        app = self._app

        def run() -> None:
            from strategist.serve import Room, RoomServer, lan_address

            host = self.host or lan_address()
            writer = app_writer(app)
            try:
                server = RoomServer(Room(workshop_id, device), writer, host, self.port)
            except OSError as exc:
                writer.close()
                app.call_from_thread(setattr, self, "_starting", False)
                app.call_from_thread(
                    app.notify,
                    f"The room cannot listen on {host}:{self.port}: {exc.strerror or exc}",
                    severity="error",
                )
                return
            server.start()
            app.call_from_thread(self._started, server)

        app.run_worker(run, thread=True, group="room", exit_on_error=False)

    def _started(self, server: RoomServer) -> None:
        self._starting = False
        self.server = server
        self._app.notify(f"Serving the room at {server.url} (Present, F9, shows the code)")
        self._app.workspace_changed()

    def stop(self) -> None:
        """Stop listening and close every connection (in the background)."""
        server, self.server = self.server, None
        if server is None:
            return
        app = self._app

        def run() -> None:
            server.stop()
            app.call_from_thread(app.notify, "The room is closed: nothing listens any more.")

        app.run_worker(run, thread=True, group="room", exit_on_error=False)
        app.workspace_changed()

    def stop_now(self) -> None:
        """Stop on this thread (the app is closing)."""
        server, self.server = self.server, None
        if server is not None:
            server.stop()

    def toggle(self, workshop_id: str | None, device: str) -> None:
        """Stop the room when it is served, else serve `workshop_id`."""
        if self._starting:
            return
        if self.server is not None:
            self.stop()
        elif workshop_id is None:
            self._app.notify("Choose a workshop first.", severity="warning")
        else:
            self.start(workshop_id, device)

    def open_question(self, vote_id: str | None) -> None:
        """Open `vote_id` to the phones (None closes the open one)."""
        room = self.room
        if room is None:
            self._app.notify("Start the room first (ctrl+y).", severity="warning")
            return
        room.open_vote = vote_id
        self._app.notify(f"Question {vote_id} is open" if vote_id else "The question is closed")
        self._app.workspace_changed()
