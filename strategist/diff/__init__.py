"""Compare two revisions of a workspace: `strategist diff`.

`compare` takes two loaded workspaces and their analyses; `comparison_to_json` and
`format_text` are the command's two outputs (internal, like `analyse`);
`public_comparison` restricts a comparison to what a public document may show (for a
"Changes since" section of the public draft). `export_workspace` reads a git revision's
workspace into a folder without touching the working tree or the index.
"""

from __future__ import annotations

from strategist.diff._compare import (
    INPUT_FIELDS,
    Comparison,
    ConsensusChange,
    FieldChange,
    InputChanges,
    ObjectiveChanges,
    RankChange,
    StatusChange,
    ThemeChanges,
    VoteChange,
    compare,
    find_renames,
)
from strategist.diff._git import (
    GitError,
    RevisionError,
    export_workspace,
    recent_revisions,
    revision_folder,
)
from strategist.diff._json import comparison_to_json
from strategist.diff._public import public_comparison
from strategist.diff._text import format_text, ordinal

__all__ = [
    "INPUT_FIELDS",
    "Comparison",
    "ConsensusChange",
    "FieldChange",
    "GitError",
    "InputChanges",
    "ObjectiveChanges",
    "RankChange",
    "RevisionError",
    "StatusChange",
    "ThemeChanges",
    "VoteChange",
    "compare",
    "comparison_to_json",
    "export_workspace",
    "find_renames",
    "format_text",
    "ordinal",
    "public_comparison",
    "recent_revisions",
    "revision_folder",
]
