"""The content database as an object: it owns its read-only connection, its named read
queries and its searcher, so two stores in one process never share a handle.

Every read is plain SQL through the standard ``sqlite3`` module. The peewee models
(:mod:`hipref.store.models`) define the file and the builder writes it with them; the app
never writes it, and opening and searching it imports no ORM. The window opens the store
before its first frame, which needs only the searcher; the record classes the queries return
are imported by the queries (see "start-up tricks" in ``hipref.app``).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from hipref.search.engine import Searcher
from hipref.store.connection import open_content

if TYPE_CHECKING:
    from hipref.store.records import EntryBrief, EntryDetail, LinkedEntry, SourceBrief


class ContentStore:
    """One content database, open read-only, with every read the app makes of it."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path  # the file, for checks made after opening it (a failed search)
        self.searcher = Searcher(connection)
        self._sources: dict[str, SourceBrief | None] = {}  # the database never changes under a store

    @classmethod
    def open(cls, path: Path, check_index: bool = True) -> ContentStore:
        """Check ``path`` and open it read-only (:class:`UnusableDatabaseError` when unusable);
        ``check_index``: see :func:`~hipref.store.connection.open_content`."""
        path = Path(path)
        return cls(open_content(path, check_index=check_index), path)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> ContentStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def list_entries(self, type_: str | None = None) -> list[EntryBrief]:
        """Entries of one type (or all), in reading order: by position, then title.

        One query, one tuple per row: the browse tree needs every entry while the window is
        starting.
        """
        from hipref.store.records import EntryBrief

        where, params = ("WHERE type = ?", [type_]) if type_ else ("", [])
        cursor = self.connection.execute(
            f"SELECT type, slug, title, aliases, position, fields FROM entry {where}"
            " ORDER BY type, position, title COLLATE NOCASE, slug",
            params,
        )
        loads = json.loads
        return [
            EntryBrief(type_, slug, title, tuple(loads(aliases)), position, loads(fields))
            for type_, slug, title, aliases, position, fields in cursor
        ]

    def counts(self) -> dict[str, int]:
        """Number of entries per type."""
        return dict(self.connection.execute("SELECT type, count(*) FROM entry GROUP BY type").fetchall())

    def linked_entries(self, entry_id: int) -> list[LinkedEntry]:
        """Entries linked to ``entry_id`` in either direction, named from its side."""
        from hipref.store.records import LinkedEntry

        cursor = self.connection.execute(
            "SELECT 0, e.type, e.slug, e.title, l.relation, e.position FROM link l JOIN entry e ON e.id = l.target_id"
            " WHERE l.source_id = ?"
            " UNION ALL"
            " SELECT 1, e.type, e.slug, e.title, l.reverse_relation, e.position FROM link l"
            " JOIN entry e ON e.id = l.source_id WHERE l.target_id = ?"
            " ORDER BY 1",
            (entry_id, entry_id),
        )
        seen: dict[str, LinkedEntry] = {}
        for _, type_, slug, title, relation, position in cursor:
            link = LinkedEntry(type_, slug, title, relation, position)
            seen.setdefault(link.ref, link)
        return sorted(seen.values(), key=lambda link: (link.type, link.position, link.title.lower()))

    def source(self, ref: object) -> SourceBrief | None:
        """The source entry ``ref`` names, with its disclosure and how many excerpts it holds
        (read once per source: every excerpt and study opened names one, and counting its
        excerpts reads them all)."""
        if not isinstance(ref, str):
            return None
        if ref not in self._sources:
            self._sources[ref] = self._read_source(ref)
        return self._sources[ref]

    def _read_source(self, ref: str) -> SourceBrief | None:
        from hipref.store.records import SourceBrief, parse_ref

        parts = parse_ref(ref)
        if parts is None or parts[0] != "source":
            return None
        row = self.connection.execute(
            "SELECT id, title, fields FROM entry WHERE type = 'source' AND slug = ?", (parts[1],)
        ).fetchone()
        if row is None:
            return None
        source_id, title, fields = row
        (excerpts,) = self.connection.execute(
            "SELECT count(*) FROM link l JOIN entry e ON e.id = l.target_id"
            " WHERE l.source_id = ? AND e.type = 'excerpt'",
            (source_id,),
        ).fetchone()
        disclosure = json.loads(fields).get("disclosure", "")
        return SourceBrief(ref, title, str(disclosure or ""), excerpts)

    def get_entry(self, type_: str, slug: str) -> EntryDetail | None:
        """One entry with its links and its source, or ``None`` when there is no such entry."""
        from hipref.store.records import EntryDetail

        row = self.connection.execute(
            "SELECT id, title, aliases, summary_md, plain_md, body_md, fields, position FROM entry"
            " WHERE type = ? AND slug = ?",
            (type_, slug),
        ).fetchone()
        if row is None:
            return None
        entry_id, title, aliases, summary_md, plain_md, body_md, fields_json, position = row
        fields = json.loads(fields_json)
        return EntryDetail(
            id=entry_id,
            type=type_,
            slug=slug,
            title=title,
            aliases=tuple(json.loads(aliases)),
            summary_md=summary_md,
            plain_md=plain_md,
            body_md=body_md,
            fields=fields,
            position=position,
            links=tuple(self.linked_entries(entry_id)),
            source=self.source(fields.get("source")),
        )

    def get_ref(self, ref: str) -> EntryDetail | None:
        from hipref.store.records import parse_ref

        parts = parse_ref(ref)
        return self.get_entry(*parts) if parts else None

    def meta(self) -> dict[str, str]:
        """Facts about the built content (hash, build date, versions)."""
        return dict(self.connection.execute("SELECT key, value FROM meta").fetchall())
