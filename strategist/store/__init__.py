"""Load, validate and save a workspace.

Every caller, CLI and TUI alike, goes through these functions: ``load_workspace`` parses
and checks a directory, ``validate`` re-checks an edited model, the ``save_*`` functions
write one file atomically in canonical form and refuse stale or conflicted files.
"""

from strategist.store.errors import ConflictError, NotAWorkspaceError, StaleFileError, StoreError
from strategist.store.ids import device_name, new_input_id, set_device_name
from strategist.store.load import LoadResult, load_workspace
from strategist.store.save import (
    canonical_yaml,
    check_current,
    delete_capture_file,
    delete_theme_file,
    save_capture,
    save_strategy,
    save_theme,
    save_workshop,
    to_data,
)
from strategist.store.station import Station, load_station, save_station
from strategist.store.validate import validate

__all__ = [
    "ConflictError",
    "LoadResult",
    "NotAWorkspaceError",
    "StaleFileError",
    "Station",
    "StoreError",
    "canonical_yaml",
    "check_current",
    "delete_capture_file",
    "delete_theme_file",
    "device_name",
    "load_station",
    "load_workspace",
    "new_input_id",
    "save_capture",
    "save_station",
    "save_strategy",
    "save_theme",
    "save_workshop",
    "set_device_name",
    "to_data",
    "validate",
]
