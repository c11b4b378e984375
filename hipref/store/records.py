"""Plain records the content store hands out: what a list row, a link and a page need."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class NamedEntry:
    """An entry as others name it: its type, slug and title, and ``TYPE/SLUG``."""

    type: str
    slug: str
    title: str

    @property
    def ref(self) -> str:
        return f"{self.type}/{self.slug}"


@dataclass(frozen=True)
class EntryBrief(NamedEntry):
    """What a list row needs: type, slug, title, aliases and a sort position."""

    aliases: tuple[str, ...] = ()
    position: int = 0
    fields: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class LinkedEntry(NamedEntry):
    """An entry linked to the one being read, with the relation named from the reader's side."""

    relation: str
    position: int = 0


@dataclass(frozen=True)
class SourceBrief:
    """The source an excerpt or a study card comes from, as its pages name it."""

    ref: str
    title: str
    disclosure: str = ""
    excerpts: int = 0


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
    source: SourceBrief | None = None

    @property
    def ref(self) -> str:
        return f"{self.type}/{self.slug}"

    @property
    def presentable(self) -> bool:
        """Whether it can be shown to a patient: it has an explanation in plain words."""
        return bool(self.plain_md.strip())


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
