"""Check a content database before trusting it: schema, text, JSON, sizes and full-text index.

A content file that passes these checks gives no traceback, hang or unbounded memory later:
- every schema object (tables, columns, generated columns, indexes, triggers, views, the FTS5
  tables and their tokenizer options) matches exactly what the builder makes, and the FTS5
  configuration is the builder's;
- every stored text is valid UTF-8, ``aliases`` is a JSON list and ``fields`` a JSON object,
  ``type`` is one the app knows, and no field is larger than a real entry could need;
- the full-text indexes hold one row per entry (an emptied index is not silently empty), and
  :func:`check_full_text` runs FTS5's own ``integrity-check`` on a copy in memory (the file is
  opened read-only, where FTS5 cannot run it).
Each problem is one :class:`UnusableDatabaseError` naming it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hipref.content.schema import TYPES
from hipref.store.errors import UnusableDatabaseError
from hipref.store.tables import EXPECTED_SCHEMA, FTS_CONFIG, FTS_TABLES, UNNAMED_TYPES
from hipref.store.uri import read_only_uri

REBUILD = "Reinstall hipref, or rebuild it with `hipref build-db`"

MAX_FILE_BYTES = 1 << 30
# Largest size of each stored column, in characters (the bundled content's largest are a
# few thousand): enough for any real entry, small enough that nothing can exhaust memory.
FIELD_LIMITS = {
    "entry": {
        "type": 40,
        "slug": 300,
        "title": 1_000,
        "aliases": 20_000,
        "summary_md": 200_000,
        "plain_md": 200_000,
        "body_md": 2_000_000,
        "fields": 200_000,
    },
    "hit_text": {"type": 40, "slug": 300, "title": 1_000, "lead": 20_000, "text": 2_500_000},
    "link": {"relation": 200, "reverse_relation": 200},
    "meta": {"key": 200, "value": 20_000},
}


def _unusable(path: Path, problem: str) -> UnusableDatabaseError:
    return UnusableDatabaseError(path, f"Content database is not as hipref builds it ({problem})", REBUILD + ".")


def check_schema(connection: sqlite3.Connection, path: Path) -> None:
    """Every schema object is exactly one the builder's models create (:mod:`hipref.store.tables`)."""
    rows = frozenset(EXPECTED_SCHEMA)
    found = set(connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())
    extra = {(kind, name) for kind, name, _, _ in found - rows}
    missing = {(kind, name) for kind, name, _, _ in rows - found}
    problems = [f"changed {kind} {name}" for kind, name in sorted(extra & missing)]
    problems += [f"unexpected {kind} {name}" for kind, name in sorted(extra - missing)]
    problems += [f"missing {kind} {name}" for kind, name in sorted(missing - extra)]
    if problems:
        raise _unusable(path, ", ".join(problems[:4]))
    for table in FTS_TABLES:
        if tuple(connection.execute(f"SELECT k, v FROM {table}_config ORDER BY k").fetchall()) != FTS_CONFIG:
            raise _unusable(path, f"the search index {table} has a changed configuration")


def check_rows(connection: sqlite3.Connection, path: Path) -> None:
    """Sizes, text encoding, JSON shapes, types and index row counts."""
    size = path.stat().st_size if path.exists() else 0
    if size > MAX_FILE_BYTES:
        raise _unusable(path, f"the file is {size:,} bytes, larger than any content hipref builds")
    for table, limits in FIELD_LIMITS.items():
        columns = ", ".join(f"max(length(CAST({c} AS BLOB)))" for c in limits)
        longest = connection.execute(f"SELECT {columns} FROM {table}").fetchone()
        for (column, limit), size in zip(limits.items(), longest, strict=True):
            if size is not None and size > limit * 4:  # bytes: up to 4 per character
                raise _unusable(path, f"{table}.{column} holds a value of {size:,} bytes")
    placeholders = ", ".join("?" * len(TYPES))
    (unknown,) = connection.execute(f"SELECT count(*) FROM entry WHERE type NOT IN ({placeholders})", TYPES).fetchone()
    if unknown:
        raise _unusable(path, f"{unknown} entries of an unknown type")
    (bad_json,) = connection.execute(
        "SELECT count(*) FROM entry WHERE NOT json_valid(aliases) OR json_type(aliases) != 'array'"
        " OR NOT json_valid(fields) OR json_type(fields) != 'object'"
    ).fetchone()
    if bad_json:
        raise _unusable(path, f"{bad_json} entries with malformed aliases or fields")
    _check_text(connection, path)
    (entries,) = connection.execute("SELECT count(*) FROM entry").fetchone()
    (named,) = connection.execute(
        f"SELECT count(*) FROM entry WHERE type NOT IN ({', '.join('?' * len(UNNAMED_TYPES))})", UNNAMED_TYPES
    ).fetchone()
    for table, expected in (("hit_text", entries), ("entry_index", entries), ("name_index", named)):
        (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        if count != expected:
            raise _unusable(path, f"{table} holds {count} rows for {expected} entries")


def _check_text(connection: sqlite3.Connection, path: Path) -> None:
    """Every stored text decodes as UTF-8 (read as bytes, so a bad one cannot raise later)."""
    previous = connection.text_factory
    connection.text_factory = bytes
    try:
        for table, limits in FIELD_LIMITS.items():
            for row in connection.execute(f"SELECT {', '.join(limits)} FROM {table}"):
                for column, value in zip(limits, row, strict=True):
                    if isinstance(value, bytes):
                        try:
                            value.decode("utf-8")
                        except UnicodeDecodeError:
                            raise _unusable(path, f"{table}.{column} holds text that is not valid UTF-8") from None
    finally:
        connection.text_factory = previous


def check_full_text(path: Path) -> None:
    """FTS5's own integrity check of both indexes, on a copy in memory (some milliseconds)."""
    source = sqlite3.connect(read_only_uri(path), uri=True)
    copy = sqlite3.connect(":memory:")
    try:
        source.backup(copy)
        for table in FTS_TABLES:
            try:
                copy.execute(f"INSERT INTO {table}({table}, rank) VALUES('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                raise UnusableDatabaseError(
                    path, f"Content database's search index {table} is damaged ({exc})", REBUILD + "."
                ) from None
    finally:
        copy.close()
        source.close()


def safe_text(value: bytes) -> str:
    """The content connection's text factory: a stray invalid byte shows as U+FFFD, never raises."""
    return value.decode("utf-8", "replace")


def check(connection: sqlite3.Connection, path: Path) -> None:
    """Everything cheap enough to run at every open (about a millisecond on the bundled file)."""
    try:
        check_schema(connection, path)
        check_rows(connection, path)
    except sqlite3.DatabaseError as exc:
        raise UnusableDatabaseError(path, f"Content database is damaged ({exc})", REBUILD + ".") from None
