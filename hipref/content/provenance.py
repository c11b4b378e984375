"""Where each section of an entry comes from: the article, a cited study, a checked context
source beyond the article, or general knowledge.

An entry declares it in front matter as ``provenance: {section: [origin, ...]}``. Sections
are the entry's shown text fields (:data:`SECTION_FIELDS`), ``body`` for body text before
the first ``## `` heading, and each ``## `` heading verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hipref.content.records import EntryRecord, Problem
from hipref.content.schema import SECTION_FIELDS

BODY = "body"
GENERAL = "general"
HEADING_RE = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)
ORIGIN_RE = re.compile(r"^(source|study|context)/([a-z0-9]+(?:-[a-z0-9]+)*)$")

# Fields whose origin is fixed by the type: a study card's account of the study is the study.
TYPE_DEFAULTS: dict[str, dict[str, str]] = {
    "study": {"reports": "study", "compared": "study", "outcomes": "study"},
    "context": {"reports": "context"},
}

ORIGIN_KINDS = {
    "source": "the article",
    "study": "a cited study",
    "context": "beyond the article",
    GENERAL: "general knowledge",
}


@dataclass(frozen=True)
class BodySection:
    """One part of a body: its heading (``None`` before the first ``## ``) and its text."""

    heading: str | None
    text: str

    @property
    def key(self) -> str:
        return self.heading if self.heading is not None else BODY


def body_sections(body: str) -> list[BodySection]:
    """The body cut at its ``## `` headings; text before the first is the ``body`` section."""
    sections: list[BodySection] = []
    matches = list(HEADING_RE.finditer(body))
    lead = body[: matches[0].start()] if matches else body
    if lead.strip():
        sections.append(BodySection(None, lead))
    for index, here in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(body)
        sections.append(BodySection(here.group(1), body[here.end() : end]))
    return sections


def section_keys(record: EntryRecord) -> list[str]:
    """Every section of ``record`` that has text, in page order."""
    keys = [name for name in SECTION_FIELDS.get(record.type, ()) if _has_text(record.get(name))]
    return keys + [section.key for section in body_sections(record.body)]


def _has_text(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def origin_kind(origin: str) -> str:
    """``source``, ``study``, ``context`` or ``general``."""
    return origin.split("/", 1)[0]


def declared(record: EntryRecord) -> dict[str, list[str]]:
    """The provenance written in the entry, read leniently (shape problems are checked apart)."""
    raw = record.fields.get("provenance")
    if not isinstance(raw, dict):
        return {}
    return {str(key): _origins(value) for key, value in raw.items()}


def _origins(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    if value is None or str(value).strip() == "":
        return []
    return [str(value).strip()]


def resolved(record: EntryRecord) -> dict[str, list[str]]:
    """Declared provenance plus the type's fixed defaults, for the sections the entry has."""
    written = declared(record)
    defaults = TYPE_DEFAULTS.get(record.type, {})
    result: dict[str, list[str]] = {}
    for key in section_keys(record):
        if written.get(key):
            result[key] = written[key]
        elif key in defaults:
            result[key] = [f"{defaults[key]}/{record.slug}"]
    return result


def check_provenance(record: EntryRecord, types_by_ref: dict[str, str]) -> list[Problem]:
    """Every section has an origin, every origin is known and resolves, no key is stale."""
    if record.type == "excerpt":
        return []
    problems: list[Problem] = []
    raw = record.fields.get("provenance")
    if raw is not None and not isinstance(raw, dict):
        return [Problem(record.path, "provenance must be a mapping of section to a list of origins")]
    written = declared(record)
    keys = section_keys(record)
    have = resolved(record)
    for key in keys:
        if not have.get(key):
            problems.append(Problem(record.path, f"section '{key}' has no provenance"))
    for key in written:
        if key not in keys:
            problems.append(Problem(record.path, f"provenance names '{key}', which is not a section of this entry"))
    for key, origins in have.items():
        for origin in origins:
            problem = _origin_problem(origin, types_by_ref)
            if problem:
                problems.append(Problem(record.path, f"provenance of '{key}': {problem}"))
    return problems


def _origin_problem(origin: str, types_by_ref: dict[str, str]) -> str | None:
    if origin == GENERAL:
        return None
    match = ORIGIN_RE.match(origin)
    if not match:
        return f"unknown origin {origin!r} (expected source/, study/, context/ or general)"
    if types_by_ref.get(origin) != match.group(1):
        return f"origin {origin} does not resolve to an entry"
    return None
