"""What the import tests share: a small workspace, profiles and exports they write."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
