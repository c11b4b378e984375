"""The clinical thesaurus as search uses it: typed words -> the concept they name.

Built from the ``concept`` table (see ``hipref.content.thesaurus`` for the file it comes
from). A typed name expands into every name and narrower term of its concept and points at
the concept's entries; a typed narrower term ("ibuprofen") expands into itself and the
concept's names ("NSAIDs"), without claiming the concept's entries for itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from hipref.text import tokens

Words = tuple[str, ...]


@dataclass(frozen=True)
class Expansion:
    """What one typed term means: the phrases to search and the entries it names."""

    phrases: tuple[Words, ...]
    entries: frozenset[int]


class Thesaurus:
    def __init__(self, concepts: Iterable[tuple[list[str], list[str], list[int]]]) -> None:
        self._terms: dict[Words, list[tuple[int, bool]]] = {}
        self._concepts: list[tuple[list[Words], list[Words], list[int]]] = []
        for number, (names, includes, entries) in enumerate(concepts):
            named = [t for t in (tokens(n) for n in names) if t]
            narrower = [t for t in (tokens(n) for n in includes) if t]
            self._concepts.append((named, narrower, entries))
            for term in named:
                self._terms.setdefault(term, []).append((number, True))
            for term in narrower:
                self._terms.setdefault(term, []).append((number, False))
        self.longest = max((len(t) for t in self._terms), default=0)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str]]) -> Thesaurus:
        return cls((json.loads(n), json.loads(i), json.loads(e)) for n, i, e in rows)

    @property
    def words(self) -> set[str]:
        """Every word of every term, for correcting misspellings of terms the text never uses."""
        return {word for term in self._terms for word in term}

    def expand(self, term: Words) -> Expansion | None:
        """The expansion of ``term`` if the thesaurus knows it, else None."""
        found = self._terms.get(term)
        if not found:
            return None
        phrases: list[Words] = [term]
        entries: set[int] = set()
        for number, as_name in found:
            names, narrower, concept_entries = self._concepts[number]
            phrases += names
            if as_name:
                phrases += narrower
                entries.update(concept_entries)
        return Expansion(tuple(dict.fromkeys(phrases)), frozenset(entries))
