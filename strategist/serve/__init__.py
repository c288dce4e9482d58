"""The room: participants answer from their phones, served from the facilitator's laptop.

`make_app` is the web app (routes under `/r/<token>/` only), `RoomServer` runs it on
uvicorn in a thread, `Room` holds the run's token and open question, and a `Writer`
applies every answer through the ops, one at a time. Nothing here talks to the store
except through the ops; nothing leaves the local network.
"""

from strategist.serve.app import make_app
from strategist.serve.room import Participant, Room
from strategist.serve.server import DEFAULT_PORT, RoomServer, lan_address
from strategist.serve.writer import OwnWriter, Writer

__all__ = [
    "DEFAULT_PORT",
    "OwnWriter",
    "Participant",
    "Room",
    "RoomServer",
    "Writer",
    "lan_address",
    "make_app",
]
