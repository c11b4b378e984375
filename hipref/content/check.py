"""Rules every entry must satisfy before it is built or shipped."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from hipref.content.evidence import check_evidence
from hipref.content.loader import REF_RE
from hipref.content.provenance import check_provenance
from hipref.content.records import EntryRecord, Problem
from hipref.content.schema import CHOICES, REQUIRED, TYPES
from hipref.content.verbatim import missing_paragraphs

# A study card must name its paper; these may be empty only when the paper was not found.
STUDY_CITATION_FIELDS = ("citation_title", "journal", "year")


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def implicit_links(records: list[EntryRecord]) -> list[tuple[str, str]]:
    """Links the content implies without declaring them: a source contains its excerpts."""
    return [
        (str(r.fields["source"]), r.ref)
        for r in records
        if r.type == "excerpt" and isinstance(r.fields.get("source"), str)
    ]


def all_links(records: list[EntryRecord]) -> list[tuple[str, str]]:
    """Every (source ref, target ref) pair, declared or implied, without repeats."""
    seen: dict[tuple[str, str], None] = {}
    for record in records:
        for target in record.links:
            seen.setdefault((record.ref, target), None)
    for pair in implicit_links(records):
        seen.setdefault(pair, None)
    return list(seen)


def check_records(records: list[EntryRecord], resources: Path) -> list[Problem]:
    """Every problem with the entries as a whole: fields, links, orphans, verbatim text."""
    problems: list[Problem] = []
    by_ref: dict[str, EntryRecord] = {}
    for record in records:
        if record.ref in by_ref:
            problems.append(Problem(record.path, f"duplicate entry {record.ref}"))
        by_ref[record.ref] = record

    types_by_ref = {ref: record.type for ref, record in by_ref.items()}
    for record in records:
        problems.extend(_check_fields(record))
        problems.extend(_check_links(record, by_ref))
        problems.extend(check_provenance(record, types_by_ref))
        problems.extend(check_evidence(record))
    problems.extend(_check_excerpts(records, by_ref, resources))
    problems.extend(_check_sources(records, resources))
    problems.extend(_check_orphans(records, by_ref))
    return problems


def _check_fields(record: EntryRecord) -> list[Problem]:
    problems = []
    for name in REQUIRED.get(record.type, ()):
        if _empty(record.get(name)):
            problems.append(Problem(record.path, f"required field '{name}' is missing or empty"))
    for (type_, name), allowed in CHOICES.items():
        value = record.fields.get(name)
        if type_ == record.type and not _empty(value) and value not in allowed:
            problems.append(Problem(record.path, f"'{name}' is {value!r}; expected one of {', '.join(allowed)}"))
    if record.type == "study" and record.fields.get("verified") != "no":
        for name in STUDY_CITATION_FIELDS:
            if _empty(record.fields.get(name)):
                problems.append(Problem(record.path, f"study citation field '{name}' is empty"))
    if record.type == "context" and _empty(record.fields.get("doi")) and _empty(record.fields.get("pmid")):
        problems.append(Problem(record.path, "a context source needs its checked DOI or PMID"))
    if record.type == "excerpt" and not record.body.strip():
        problems.append(Problem(record.path, "an excerpt needs its text as the body"))
    if record.type == "site":
        targets = {link.split("/", 1)[0] for link in record.links}
        for needed in ("structure", "excerpt"):
            if needed not in targets:
                problems.append(Problem(record.path, f"a site must link at least one {needed}"))
    return problems


def _check_links(record: EntryRecord, by_ref: dict[str, EntryRecord]) -> list[Problem]:
    problems = []
    for link, count in Counter(record.links).items():
        if count > 1:
            problems.append(Problem(record.path, f"link {link} is listed {count} times"))
    for link in record.links:
        match = REF_RE.match(link)
        if not match or match.group(1) not in TYPES:
            problems.append(Problem(record.path, f"link {link!r} is not a TYPE/SLUG reference"))
        elif link == record.ref:
            problems.append(Problem(record.path, "an entry cannot link to itself"))
        elif link not in by_ref:
            problems.append(Problem(record.path, f"link {link} does not resolve to an entry"))
    return problems


def _check_sources(records: list[EntryRecord], resources: Path) -> list[Problem]:
    problems = []
    for record in records:
        if record.type != "source":
            continue
        text = record.fields.get("text")
        if isinstance(text, str) and not (resources.parent / text).is_file():
            problems.append(Problem(record.path, f"source text file {text} not found"))
    return problems


def _source_text(record: EntryRecord, resources: Path) -> str | None:
    text = record.fields.get("text")
    if not isinstance(text, str):
        return None
    path = resources.parent / text
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _check_excerpts(records: list[EntryRecord], by_ref: dict[str, EntryRecord], resources: Path) -> list[Problem]:
    problems = []
    texts: dict[str, str | None] = {}
    positions: dict[str, list[str]] = defaultdict(list)
    for record in records:
        if record.type != "excerpt":
            continue
        source_ref = record.fields.get("source")
        source = by_ref.get(source_ref) if isinstance(source_ref, str) else None
        if source is None or source.type != "source":
            problems.append(Problem(record.path, f"source {source_ref!r} is not a source entry"))
            continue
        positions[f"{source_ref}#{record.fields.get('position')}"].append(record.ref)
        if not isinstance(record.fields.get("position"), int):
            problems.append(Problem(record.path, "position must be a whole number"))
        if source_ref not in texts:
            texts[source_ref] = _source_text(source, resources)
        text = texts[source_ref]
        if text is None:
            continue
        for block in missing_paragraphs(record.body, text):
            first = " ".join(block.split())[:80]
            problems.append(Problem(record.path, f"not verbatim in {source_ref}: “{first}…”"))
    for key, refs in positions.items():
        if len(refs) > 1:
            problems.append(Problem(refs[0], f"position {key} shared by {', '.join(refs)}"))
    return problems


def _check_orphans(records: list[EntryRecord], by_ref: dict[str, EntryRecord]) -> list[Problem]:
    linked = {target for _, target in all_links(records)}
    linked |= {source for source, _ in implicit_links(records)}
    return [
        Problem(record.path, "no other entry links to this entry") for record in records if record.ref not in linked
    ]
