"""Plain records for entries and the problems found while reading or checking them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, tied to the file (or entry) it is about."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class EntryRecord:
    """One content entry as read from its Markdown file."""

    type: str
    slug: str
    path: str
    title: str
    aliases: list[str] = field(default_factory=list)
    summary: str = ""
    plain: str = ""
    body: str = ""
    links: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        return f"{self.type}/{self.slug}"

    def get(self, name: str) -> Any:
        """A field by name, whether common (title, summary, ...) or type-specific."""
        if name in ("title", "aliases", "summary", "plain", "links"):
            return getattr(self, name)
        return self.fields.get(name)
