"""Ways a content database can be unusable, shared by the store and reliability tests.

Each function spoils the file at ``path`` (a copy of the bundled database) in place.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hipref.store.tables import SCHEMA_VERSION


def missing(path: Path) -> None:
    path.unlink()


def empty(path: Path) -> None:
    path.write_bytes(b"")


def not_sqlite(path: Path) -> None:
    path.write_text("Title,Author\nHip pain,someone\n" * 50)


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def other_program(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT, taken TEXT)")
    connection.execute("INSERT INTO photos (name, taken) VALUES ('hip.jpg', '2022-01-06')")
    connection.commit()
    connection.close()


def _set_version(path: Path, version: int) -> None:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.commit()
    connection.close()


def newer_schema(path: Path) -> None:
    _set_version(path, SCHEMA_VERSION + 1)


def older_schema(path: Path) -> None:
    _set_version(path, SCHEMA_VERSION - 1)


# How each database is spoiled, and the words the one-line message must contain.
CASES = {
    "missing": (missing, "not found"),
    "empty": (empty, "empty"),
    "not SQLite": (not_sqlite, "not an SQLite file"),
    "truncated": (truncated, "damaged"),
    "another program's": (other_program, "Not a hipref content database"),
    "newer schema": (newer_schema, "newer"),
    "older schema": (older_schema, "expected"),
}
