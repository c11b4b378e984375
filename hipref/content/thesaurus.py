"""The clinical thesaurus: the words clinicians type for what the content describes.

``resources/content/thesaurus.yaml`` is a list of concepts. Each has ``names`` (ways of
saying the same thing: a synonym, an abbreviation, an eponym, a lay phrase), optionally
``includes`` (narrower terms: a drug within the class, a condition within a syndrome), and
``entries`` (the entries the concept is). Search expands a typed name into every name and
narrower term of its concept, and a typed narrower term into itself and the concept's
names, in titles, aliases and full text alike.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from hipref.content.loader import REF_RE
from hipref.content.records import Problem
from hipref.text import tokens

THESAURUS_FILE = "thesaurus.yaml"
FIELDS = ("names", "includes", "entries")


@dataclass(frozen=True)
class Concept:
    names: tuple[str, ...]
    includes: tuple[str, ...] = ()
    entries: tuple[str, ...] = ()


def thesaurus_path(content: Path) -> Path:
    return content / THESAURUS_FILE


def _strings(value: object) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        return None
    return tuple(str(v).strip() for v in value)


def load_thesaurus(content: Path) -> tuple[list[Concept], list[Problem]]:
    """Every concept in the thesaurus file, with the problems met reading it (none if absent)."""
    path = thesaurus_path(content)
    where = THESAURUS_FILE
    if not path.is_file():
        return [], []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [], [Problem(where, f"cannot read: {exc}")]
    if not isinstance(data, list):
        return [], [Problem(where, "must be a list of concepts")]
    concepts, problems = [], []
    for number, item in enumerate(data, 1):
        here = f"{where} concept {number}"
        if not isinstance(item, dict):
            problems.append(Problem(here, "must be a mapping with names, includes and entries"))
            continue
        unknown = sorted(str(k) for k in item if k not in FIELDS)
        if unknown:
            problems.append(Problem(here, f"unknown field(s): {', '.join(unknown)}"))
        parts = {name: _strings(item.get(name)) for name in FIELDS}
        bad = [name for name, value in parts.items() if value is None]
        if bad:
            problems.append(Problem(here, f"{', '.join(bad)} must be a list of words"))
            continue
        concepts.append(Concept(parts["names"] or (), parts["includes"] or (), parts["entries"] or ()))
    return concepts, problems


def check_thesaurus(concepts: list[Concept], refs: set[str]) -> list[Problem]:
    """Every concept names something, says it once, and maps only to entries that exist."""
    problems = []
    owners: dict[tuple[str, ...], int] = {}
    for number, concept in enumerate(concepts, 1):
        here = f"{THESAURUS_FILE} concept {number} ({concept.names[0] if concept.names else '?'})"
        if not concept.names:
            problems.append(Problem(here, "needs at least one name"))
        terms = [*concept.names, *concept.includes]
        for term in terms:
            if not tokens(term):
                problems.append(Problem(here, f"{term!r} has no words"))
        folded = Counter(tokens(t) for t in terms if tokens(t))
        for term, count in folded.items():
            if count > 1:
                problems.append(Problem(here, f"{' '.join(term)!r} is listed {count} times"))
        for name in concept.names:
            key = tokens(name)
            if key in owners and owners[key] != number:
                problems.append(Problem(here, f"{name!r} is already a name of concept {owners[key]}"))
            owners.setdefault(key, number)
        if not concept.entries and len(terms) < 2:
            problems.append(Problem(here, "maps to no entry and has nothing to expand to"))
        for ref in concept.entries:
            if not REF_RE.match(ref):
                problems.append(Problem(here, f"{ref!r} is not a TYPE/SLUG reference"))
            elif ref not in refs:
                problems.append(Problem(here, f"{ref} does not resolve to an entry"))
    return problems
