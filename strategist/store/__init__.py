"""Load, validate and save a workspace.

The public API (every caller, CLI and TUI alike, goes through these):

- ``load_workspace(root) -> LoadResult``: parse every file; ``result.workspace`` is the
  best-effort model (``None`` when strategy.yaml is unusable), ``result.findings`` every
  `check` finding, sorted; ``result.has_errors`` whether any is an error.
- ``save_strategy(ws)``, ``save_theme(ws, theme)``, ``save_workshop(ws, workshop)``,
  ``save_capture(ws, workshop_id, capture)``: atomic, canonical writes that refuse a
  file changed on disk since it was loaded (``StaleFileError``) or holding conflict
  markers (``ConflictError``); both are ``StoreError``.
- ``new_input_id(ws)`` and ``device_name(root)``.
"""
