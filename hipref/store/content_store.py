"""The content database as an object: it owns its read-only connection, its named read
queries and its searcher, so two stores in one process never share a handle.

The window opens the store before its first frame, which needs only the searcher; the record
classes the queries return are imported by the queries (creating them costs about 3 ms).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import peewee as pw

from hipref.search.engine import Searcher
from hipref.store.connection import open_content
from hipref.store.models import Entry, Link, Meta

if TYPE_CHECKING:
    from hipref.store.records import EntryBrief, EntryDetail, LinkedEntry, SourceBrief


class ContentStore:
    """One content database, open read-only, with every read the app makes of it."""

    def __init__(self, database: pw.Database) -> None:
        self.database = database
        self.searcher = Searcher(database)
        self._sources: dict[str, SourceBrief | None] = {}  # the database never changes under a store

    @classmethod
    def open(cls, path: Path, check_index: bool = True) -> ContentStore:
        """Check ``path`` and open it read-only (:class:`UnusableDatabaseError` when unusable);
        ``check_index``: see :func:`~hipref.store.connection.open_content`."""
        return cls(open_content(Path(path), check_index=check_index))

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> ContentStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def list_entries(self, type_: str | None = None) -> list[EntryBrief]:
        """Entries of one type (or all), in reading order: by position, then title.

        Read with one plain SQL query rather than a peewee model instance per row: the browse
        tree needs every entry while the window is starting.
        """
        from hipref.store.records import EntryBrief

        where, params = ("WHERE type = ?", [type_]) if type_ else ("", [])
        cursor = self.database.execute_sql(
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
        query = Entry.select(Entry.type, pw.fn.COUNT(Entry.id).alias("n")).group_by(Entry.type)
        return {row.type: row.n for row in query.bind(self.database)}

    def linked_entries(self, entry_id: int) -> list[LinkedEntry]:
        """Entries linked to ``entry_id`` in either direction, named from its side.

        Plain SQL, like the other reads made on every open: building a peewee query costs
        more than running it.
        """
        from hipref.store.records import LinkedEntry

        cursor = self.database.execute_sql(
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
        row = (
            Entry.select(Entry.id, Entry.title, Entry.fields)
            .where((Entry.type == "source") & (Entry.slug == parts[1]))
            .bind(self.database)
            .first()
        )
        if row is None:
            return None
        excerpts = (
            Link.select()
            .join(Entry, on=(Link.target == Entry.id))
            .where((Link.source == row.id) & (Entry.type == "excerpt"))
            .bind(self.database)
            .count()
        )
        disclosure = json.loads(row.fields).get("disclosure", "")
        return SourceBrief(ref, row.title, str(disclosure or ""), excerpts)

    def get_entry(self, type_: str, slug: str) -> EntryDetail | None:
        """One entry with its links and its source, or ``None`` when there is no such entry."""
        from hipref.store.records import EntryDetail

        row = self.database.execute_sql(
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
        return {row.key: row.value for row in Meta.select().bind(self.database)}
