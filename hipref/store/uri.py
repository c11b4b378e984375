"""How a content database file is named to SQLite: read-only and immutable, so no session
changes its bytes or leaves -wal or -journal files beside it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote


def read_only_uri(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
