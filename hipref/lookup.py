"""What a user may type on the command line to name a type of entry, or one entry.

A type: its name or plural, the window's words for it ("Injection sites", "Glossary"), the
search prefixes (``lig``, ``tx``), or a kind of structure ("ligaments", "bursae"), which keeps
only structures of that kind. An entry: ``TYPE/SLUG``; else a slug, title or alias that only
one entry has (or a study's whole DOI or PMID); else the beginning of a title or alias that
only one entry has. Names are
compared as search compares them, without case, accents or punctuation ("Gul" finds "Gül").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from hipref.content.schema import KIND_LABELS, TYPE_LABELS, TYPES

if TYPE_CHECKING:
    from hipref.store.records import EntryBrief

MAX_REF_CHARS = 256
IDENTIFIERS = ("doi", "pmid")  # a study card is also named by its identifiers, given whole
_PLURALS = {"study": "studies", "bursa": "bursae", "cartilage": "cartilage", "fascia": "fasciae", "labrum": "labra"}


@dataclass(frozen=True)
class TypeChoice:
    """A type of entry, narrowed to one kind of structure when the word named a kind."""

    type: str
    kind: str | None = None

    def accepts(self, type_: str, fields: dict) -> bool:
        return type_ == self.type and (self.kind is None or fields.get("kind") == self.kind)

    def __str__(self) -> str:
        return f"{self.type} ({self.kind})" if self.kind else self.type


def _key(text: str) -> str:
    from hipref.text import tokens  # imported when a name is looked up, not when arguments are parsed

    return " ".join(tokens(text))


def _plural(word: str) -> str:
    return _PLURALS.get(word, word + "s")


@cache
def type_words() -> dict[str, TypeChoice]:
    """Every word accepted for a type, folded, mapped to what it names."""
    from hipref.search.query import SCOPES

    words: dict[str, TypeChoice] = {}
    for prefix, scope in SCOPES.items():
        if scope.type and not scope.columns:
            words[_key(prefix)] = TypeChoice(scope.type, scope.kind)
    for kind, label in KIND_LABELS.items():
        for word in (kind, _plural(kind), label):
            words[_key(word)] = TypeChoice("structure", kind)
    for type_ in TYPES:
        for word in (type_, _plural(type_), *TYPE_LABELS[type_]):
            words[_key(word)] = TypeChoice(type_)
    return words


def parse_type(text: str) -> TypeChoice | None:
    """The type named by ``text`` ("studies", "Ligaments", "injection-site"), or ``None``."""
    return type_words().get(_key(text)) if text and len(text) <= MAX_REF_CHARS else None


def type_help() -> str:
    """The type names, for help text and error messages."""
    kinds = ", ".join(_plural(kind) for kind in KIND_LABELS)
    return f"{', '.join(TYPES)} (plurals and the window's words work too; {kinds} narrow structures)"


@dataclass(frozen=True)
class Resolution:
    """The entry a REF names, or the candidates when it names several (or none: both empty)."""

    entry: EntryBrief | None
    candidates: tuple[EntryBrief, ...] = ()


def resolve(text: str, entries: Iterable[EntryBrief]) -> Resolution:
    """The entry that ``text`` names among ``entries`` (see the module's description)."""
    entries = list(entries)
    text = text.strip()
    choice: TypeChoice | None = None
    if text.count("/") == 1:
        type_word, slug = (part.strip() for part in text.split("/"))
        choice = parse_type(type_word)
        if choice is not None:
            for entry in entries:
                if entry.slug == slug and choice.accepts(entry.type, entry.fields):
                    return Resolution(entry)
            text = slug
    wanted = _key(text)
    if not wanted:
        return Resolution(None)
    if choice is not None:
        entries = [entry for entry in entries if choice.accepts(entry.type, entry.fields)]
    names = [(entry, [_key(entry.slug), _key(entry.title), *(_key(a) for a in entry.aliases)]) for entry in entries]
    exact = [entry for entry, keys in names if wanted in keys] or [
        entry for entry in entries if wanted in (_key(str(entry.fields.get(f) or "")) for f in IDENTIFIERS)
    ]
    if not exact:
        exact = [entry for entry, keys in names if any(key.startswith(wanted) for key in keys)]
    if len(exact) == 1:
        return Resolution(exact[0])
    return Resolution(None, tuple(exact))
