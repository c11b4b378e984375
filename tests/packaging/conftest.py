"""The packaging scripts in resources/packaging import each other by name, as they do when run."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parents[2] / "resources" / "packaging"
sys.path.insert(0, str(PACKAGING))
