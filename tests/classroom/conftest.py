"""The class game's tests share the UI tests' fake clock (tests/ui/ui_support.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "ui"))
