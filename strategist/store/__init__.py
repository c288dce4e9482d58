"""Load, validate and save a workspace.

Every caller, CLI and TUI alike, goes through these functions: ``load_workspace`` parses
and checks a directory, ``validate`` re-checks an edited model, the ``save_*`` functions
write files atomically in canonical form (several at once all or nothing, through a
journal, under one workspace lock) and refuse stale or conflicted files; every load
first finishes or undoes an interrupted write (``recover``).
"""

from strategist.store._index import duplicate_marked, locate_input
from strategist.store.errors import ConflictError, NotAWorkspaceError, StaleFileError, StoreError
from strategist.store.ids import device_name, new_input_id, set_device_name
from strategist.store.load import LoadResult, load_workspace
from strategist.store.lock import LockedError, set_lock_wait, workspace_lock
from strategist.store.recovery import recover
from strategist.store.refusal import added_errors
from strategist.store.save import (
    canonical_yaml,
    capture_file,
    check_current,
    delete_capture_file,
    delete_theme_file,
    encode,
    save_capture,
    save_files,
    save_strategy,
    save_theme,
    save_workshop,
    theme_path,
    to_data,
    workshop_path,
)
from strategist.store.station import (
    Station,
    add_spare,
    load_spares,
    load_station,
    save_station,
)
from strategist.store.validate import validate

__all__ = [
    "ConflictError",
    "LoadResult",
    "LockedError",
    "NotAWorkspaceError",
    "StaleFileError",
    "Station",
    "StoreError",
    "add_spare",
    "added_errors",
    "canonical_yaml",
    "capture_file",
    "check_current",
    "delete_capture_file",
    "delete_theme_file",
    "device_name",
    "duplicate_marked",
    "encode",
    "load_spares",
    "load_station",
    "load_workspace",
    "locate_input",
    "new_input_id",
    "recover",
    "save_capture",
    "save_files",
    "save_station",
    "save_strategy",
    "save_theme",
    "save_workshop",
    "set_device_name",
    "set_lock_wait",
    "theme_path",
    "to_data",
    "validate",
    "workshop_path",
    "workspace_lock",
]
