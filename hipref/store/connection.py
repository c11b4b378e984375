"""Open the bundled content database read-only, refusing anything unusable with a clear reason.

The file is opened through an SQLite URI with ``mode=ro&immutable=1``: no session can change
its bytes, and no ``-wal`` or ``-journal`` file ever appears beside it. It is opened with the
standard ``sqlite3`` module: the app only reads it, with plain SQL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hipref.store import integrity
from hipref.store.errors import UnusableDatabaseError
from hipref.store.tables import CONTENT_TABLES, SCHEMA_VERSION
from hipref.store.uri import read_only_uri

SQLITE_HEADER = b"SQLite format 3\x00"
REBUILD = "Reinstall hipref, or rebuild it with `hipref build-db`"


def _inspect(path: Path) -> None:
    """Raise :class:`UnusableDatabaseError` unless ``path`` is a content database we can read."""
    if not path.exists():
        raise UnusableDatabaseError(path, "Content database not found", REBUILD + ", or pass --db PATH.")
    if not path.is_file():
        raise UnusableDatabaseError(path, "Content database is not a file", "Pass --db with a file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise UnusableDatabaseError(
            path, f"Cannot read the content database ({exc.strerror})", "Check its permissions."
        ) from None
    if not header:
        raise UnusableDatabaseError(path, "Content database is empty", REBUILD + ".")
    if header != SQLITE_HEADER:
        raise UnusableDatabaseError(path, "Content database is not an SQLite file", REBUILD + ".")
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            missing = [t for t in CONTENT_TABLES if t not in tables]
            if missing:
                raise UnusableDatabaseError(
                    path, "Not a hipref content database (tables missing: " + ", ".join(missing) + ")", REBUILD + "."
                )
            if version > SCHEMA_VERSION:
                raise UnusableDatabaseError(
                    path,
                    f"Content database is newer (schema {version}) than this hipref understands ({SCHEMA_VERSION})",
                    "Update hipref.",
                )
            if version != SCHEMA_VERSION:
                raise UnusableDatabaseError(
                    path, f"Content database has schema {version}, expected {SCHEMA_VERSION}", REBUILD + "."
                )
            status = connection.execute("PRAGMA quick_check").fetchone()[0]
            if status != "ok":
                raise UnusableDatabaseError(path, "Content database is damaged", REBUILD + ".")
            integrity.check(connection, path)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise UnusableDatabaseError(path, f"Content database is damaged ({exc})", REBUILD + ".") from None


def open_content(path: Path, check_index: bool = True) -> sqlite3.Connection:
    """Check ``path``, then open it read-only (the caller owns the connection).

    ``check_index`` also runs the full-text indexes' own integrity check (some milliseconds):
    the window leaves it out of its start-up and runs it on the first search error instead.
    """
    path = Path(path)
    _inspect(path)
    if check_index:
        integrity.check_full_text(path)
    connection = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False, isolation_level=None)
    connection.text_factory = integrity.safe_text
    return connection
