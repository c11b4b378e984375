"""Named read queries over the content database, returning plain records."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from hipref.store.models import Entry, Link, Meta


@dataclass(frozen=True)
class EntryBrief:
    """What a list row needs: type, slug, title, aliases and a sort position."""

    type: str
    slug: str
    title: str
    aliases: tuple[str, ...] = ()
    position: int = 0
    fields: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def ref(self) -> str:
        return f"{self.type}/{self.slug}"


@dataclass(frozen=True)
class LinkedEntry:
    """An entry linked to the one being read, with the relation named from the reader's side."""

    type: str
    slug: str
    title: str
    relation: str
    position: int = 0

    @property
    def ref(self) -> str:
        return f"{self.type}/{self.slug}"


@dataclass(frozen=True)
class EntryDetail:
    """Everything needed to show one entry."""

    id: int
    type: str
    slug: str
    title: str
    aliases: tuple[str, ...]
    summary_md: str
    plain_md: str
    body_md: str
    fields: dict[str, Any]
    position: int
    links: tuple[LinkedEntry, ...]

    @property
    def ref(self) -> str:
        return f"{self.type}/{self.slug}"


def parse_ref(ref: str) -> tuple[str, str] | None:
    """Split ``TYPE/SLUG``; ``None`` when the text is not shaped like a reference."""
    if not isinstance(ref, str) or ref.count("/") != 1 or len(ref) > 200:
        return None
    try:
        ref.encode("utf-8")
    except UnicodeEncodeError:  # e.g. undecodable bytes from a command line
        return None
    type_, slug = ref.strip().split("/")
    if not type_ or not slug:
        return None
    return type_, slug


def list_entries(type_: str | None = None) -> list[EntryBrief]:
    """Entries of one type (or all), in reading order: by position, then title.

    Read with one plain SQL query rather than a peewee model instance per row: the browse
    tree needs every entry while the window is starting.
    """
    where, params = ("WHERE type = ?", [type_]) if type_ else ("", [])
    cursor = Entry._meta.database.execute_sql(
        f"SELECT type, slug, title, aliases, position, fields FROM entry {where}"
        " ORDER BY type, position, title COLLATE NOCASE, slug",
        params,
    )
    loads = json.loads
    return [
        EntryBrief(type_, slug, title, tuple(loads(aliases)), position, loads(fields))
        for type_, slug, title, aliases, position, fields in cursor
    ]


def counts() -> dict[str, int]:
    """Number of entries per type."""
    from peewee import fn

    query = Entry.select(Entry.type, fn.COUNT(Entry.id).alias("n")).group_by(Entry.type)
    return {row.type: row.n for row in query}


def linked_entries(entry_id: int) -> list[LinkedEntry]:
    """Entries linked to ``entry_id`` in either direction, named from its side."""
    outgoing = (
        Entry.select(Entry, Link.relation.alias("rel"))
        .join(Link, on=(Link.target == Entry.id))
        .where(Link.source == entry_id)
    )
    incoming = (
        Entry.select(Entry, Link.reverse_relation.alias("rel"))
        .join(Link, on=(Link.source == Entry.id))
        .where(Link.target == entry_id)
    )
    seen: dict[str, LinkedEntry] = {}
    for query in (outgoing, incoming):
        for row in query.objects():
            link = LinkedEntry(row.type, row.slug, row.title, row.rel, row.position)
            seen.setdefault(link.ref, link)
    return sorted(seen.values(), key=lambda link: (link.type, link.position, link.title.lower()))


def get_entry(type_: str, slug: str) -> EntryDetail | None:
    """One entry with its links, or ``None`` when there is no such entry."""
    row = Entry.get_or_none((Entry.type == type_) & (Entry.slug == slug))
    if row is None:
        return None
    return EntryDetail(
        id=row.id,
        type=row.type,
        slug=row.slug,
        title=row.title,
        aliases=tuple(json.loads(row.aliases)),
        summary_md=row.summary_md,
        plain_md=row.plain_md,
        body_md=row.body_md,
        fields=json.loads(row.fields),
        position=row.position,
        links=tuple(linked_entries(row.id)),
    )


def get_ref(ref: str) -> EntryDetail | None:
    parts = parse_ref(ref)
    return get_entry(*parts) if parts else None


def meta() -> dict[str, str]:
    """Facts about the built content (hash, build date, versions)."""
    return {row.key: row.value for row in Meta.select()}


def vocabulary() -> list[tuple[str, int]]:
    """Every title and alias with its entry id, for forgiving (fuzzy) search."""
    words: list[tuple[str, int]] = []
    for row in Entry.select(Entry.id, Entry.title, Entry.aliases, Entry.type).where(Entry.type != "excerpt"):
        words.append((row.title, row.id))
        words.extend((alias, row.id) for alias in json.loads(row.aliases))
    return words
