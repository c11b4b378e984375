"""Read what can still be read from a damaged user database, table by table and row by row.

SQLite's ``.recover`` is part of its shell, not of Python's ``sqlite3``. This does the part
hipref needs: it walks each table in rowid order and, where a damaged page stops the walk,
finds the next row it can read and goes on from there, so one bad page costs only the rows
on it. Text that is no longer valid UTF-8 is kept with replacement characters rather than
dropped. It reads a copy: the damaged file itself is never changed.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

log = logging.getLogger(__name__)

# The tables worth saving and the columns each needs (all text), as the user models define them.
TABLES = {
    "note": ("ref", "text", "updated"),
    "bookmark": ("ref", "title", "created"),
    "visit": ("ref", "title", "at"),
}
_MAX_SKIP = 1 << 40  # rowids are 64-bit; skipping doubles up to here before giving up
_GAP_PROBES = 4096  # rowids inside a skipped stretch that are tried one by one


@dataclass
class Salvage:
    """Rows read from a damaged file, per table, and how many damaged stretches were passed."""

    rows: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    damaged_stretches: int = 0
    unreadable_tables: list[str] = field(default_factory=list)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, []))


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
    connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
    return connection


def _readable_copy(path: Path, folder: Path) -> Path:
    """A copy of ``path`` that SQLite will open even if the file was cut short: whole pages
    only, and the page count in the header cleared, so SQLite counts the pages it finds."""
    copy = folder / "damaged.sqlite"
    shutil.copyfile(path, copy)
    with open(copy, "r+b") as handle:
        header = handle.read(100)
        if len(header) == 100 and header.startswith(b"SQLite format 3\0"):
            page_size = int.from_bytes(header[16:18], "big")
            page_size = 65536 if page_size == 1 else page_size
            size = copy.stat().st_size
            if page_size >= 512:
                handle.truncate(size - size % page_size)
            handle.seek(28)
            handle.write(bytes(4))
    return copy


def read_damaged(path: Path) -> Salvage:
    """Every row of :data:`TABLES` that can be read from ``path``; never raises for damage."""
    with tempfile.TemporaryDirectory(prefix="hipref-recover-") as folder:
        try:
            copy = _readable_copy(path, Path(folder))
        except OSError as exc:
            log.warning("cannot copy %s to recover from it: %s", path, exc)
            return Salvage(unreadable_tables=list(TABLES))
        return _read(copy)


def _read(path: Path) -> Salvage:
    found = Salvage()
    try:
        connection = _connect(path)
    except sqlite3.Error as exc:
        log.warning("cannot open %s to recover from it: %s", path, exc)
        found.unreadable_tables = list(TABLES)
        return found
    try:
        for table, columns in TABLES.items():
            rows: dict[int, tuple[str, ...]] = {}
            try:
                for rowid, values in _walk(connection, table, columns, found):
                    rows[rowid] = values
            except sqlite3.Error as exc:  # not even the table's first page: nothing here
                log.warning("cannot read table %s of %s: %s", table, path, exc)
                found.unreadable_tables.append(table)
            found.rows[table] = [
                values for _, values in sorted(rows.items()) if all(isinstance(v, str) for v in values)
            ]
    finally:
        connection.close()
    return found


def _walk(
    connection: sqlite3.Connection, table: str, columns: tuple[str, ...], found: Salvage
) -> Iterator[tuple[int, tuple[str, ...]]]:
    select = f"SELECT rowid, {', '.join(columns)} FROM {table}"  # names from TABLES only
    connection.execute(f"{select} LIMIT 0")  # raises if the schema itself cannot be read
    after = 0  # the last rowid read or given up (hipref's rowids start at 1)
    while True:
        start = after
        try:
            for row in connection.execute(f"{select} WHERE rowid > ? ORDER BY rowid", (after,)):
                after = row[0]
                yield row[0], tuple(row[1:])
            return
        except sqlite3.DatabaseError:
            found.damaged_stretches += 1
            resume = _next_readable(connection, table, after)
            yield from _probe_gap(connection, select, after, resume)
            if resume is None:
                return
            # A row that can be found but not read (e.g. its long text is on a bad page): past it.
            after = resume if after == start and resume == after + 1 else resume - 1


def _next_readable(connection: sqlite3.Connection, table: str, after: int) -> int | None:
    """The first rowid past the damage at ``after`` whose row can be reached (None: none)."""
    skip = 1
    while skip < _MAX_SKIP:
        try:
            row = connection.execute(
                f"SELECT rowid FROM {table} WHERE rowid >= ? ORDER BY rowid LIMIT 1", (after + skip,)
            ).fetchone()
        except sqlite3.DatabaseError:
            skip *= 2
            continue
        return None if row is None else row[0]
    return None


def _probe_gap(
    connection: sqlite3.Connection, select: str, after: int, resume: int | None
) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Rows inside the skipped stretch that can still be read one by one."""
    end = after + _GAP_PROBES if resume is None else min(resume, after + _GAP_PROBES)
    for rowid in range(after + 1, end):
        try:
            row = connection.execute(f"{select} WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            continue
        if row is not None:
            yield row[0], tuple(row[1:])
