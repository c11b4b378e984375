"""Compile the content files into the bundled SQLite database, deterministically.

The same content and build date always give the same bytes: rows go in sorted, nothing
records wall-clock time beyond the date, and the file is vacuumed before it is moved into
place. The build date is ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from hipref import __version__
from hipref.content.check import all_links, check_records
from hipref.content.evidence import study_evidence
from hipref.content.loader import content_hash, load_content
from hipref.content.phrase_rows import store_phrase_rows
from hipref.content.plaintext import lead, plain_text
from hipref.content.provenance import resolved
from hipref.content.records import EntryRecord, Problem
from hipref.content.schema import DESIGNS, EVIDENCE_QUESTIONS, EVIDENCE_SCALE, GRADES, RELATIONS, TYPES, relation_names
from hipref.content.thesaurus import Concept as ThesaurusConcept
from hipref.content.thesaurus import check_thesaurus, load_thesaurus, thesaurus_path
from hipref.store.models import CONTENT_MODELS, Concept, Entry, EntryIndex, HitText, Link, Meta, NameIndex
from hipref.store.tables import SCHEMA_VERSION, UNNAMED_TYPES

STUDY_INDEX_FIELDS = ("citation_title", "compared", "outcomes", "reports", "article_use", "discrepancies")


class ContentError(Exception):
    """The content has problems; nothing was built."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} content problem(s)")


@dataclass(frozen=True)
class BuildReport:
    path: Path
    counts: dict[str, int]
    content_hash: str
    build_date: str


def source_files(resources: Path) -> list[Path]:
    """Source texts that excerpts are checked against, and the thesaurus; part of the content hash."""
    thesaurus = thesaurus_path(resources / "content")
    return sorted((resources / "sources").glob("*.txt")) + ([thesaurus] if thesaurus.is_file() else [])


# Bumped by hand whenever a change to the builder changes what the built file holds (its
# tables, the plain text it derives, the order of its rows). Anything else in the builder,
# a docstring or a refactoring, leaves the committed database fresh.
BUILD_FORMAT = 5


def content_rules() -> str:
    """The content model's rules that shape the built file, as stable text."""
    return "|".join(
        (
            f"schema={SCHEMA_VERSION}",
            f"format={BUILD_FORMAT}",
            repr(TYPES),
            repr(sorted(RELATIONS.items())),
            repr(sorted(DESIGNS.items())),
            repr(sorted(GRADES.items())),
            repr(sorted(EVIDENCE_QUESTIONS.items())),
            EVIDENCE_SCALE,
        )
    )


def current_content_hash(resources: Path) -> str:
    """Hash of everything the built file depends on: the content files, the source texts,
    the content rules and the build format."""
    return content_hash(resources / "content", source_files(resources), salt=content_rules())


def build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


def content_version(date: str, digest: str) -> str:
    """What ``hipref --version`` and About call the content: its build date and hash, together."""
    return f"{date}+{digest[:12]}"


def study_sources(records: list[EntryRecord]) -> dict[str, str]:
    """The source of each study card: the one source whose excerpts cite it.

    A card quotes how one source uses its paper, so a study cited by excerpts of two sources
    names its own with a ``source`` field; this gives none for it.
    """
    found: dict[str, set[str]] = {}
    for record in records:
        source = record.fields.get("source")
        if record.type == "excerpt" and isinstance(source, str):
            for target in record.links:
                if target.startswith("study/"):
                    found.setdefault(target, set()).add(source)
    return {study: next(iter(sources)) for study, sources in found.items() if len(sources) == 1}


def derived_fields(record: EntryRecord, sources: dict[str, str] | None = None) -> dict[str, object]:
    """The record's own fields plus what the program derives: each section's provenance with
    the type's defaults filled in, and a study's source and evidence level."""
    fields = dict(record.fields)
    if record.type != "excerpt":
        fields["provenance"] = resolved(record)
    if record.type == "study" and "source" not in fields and sources and record.ref in sources:
        fields["source"] = sources[record.ref]
    if record.type == "study":
        fields.update(study_evidence(record.fields))
    return fields


def _position(record: EntryRecord) -> int:
    value = record.fields.get("position" if record.type == "excerpt" else "ref", 0)
    return value if isinstance(value, int) else 0


def _text(value: object) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _own_fields(record: EntryRecord) -> list[object]:
    """The type's own fields that are searched as body text."""
    if record.type == "study":
        return [record.fields.get(k) for k in STUDY_INDEX_FIELDS]
    if record.type == "structure":
        return [record.fields.get(k) for k in ("kind", "location", "function")]
    return []


def hit_text(record: EntryRecord) -> dict[str, str]:
    """What a search hit shows: names, the start of the summary, the plain text to cut from."""
    parts = [record.summary, record.body, *_own_fields(record), record.plain]
    return {
        "type": record.type,
        "slug": record.slug,
        "title": record.title,
        "lead": lead(record.summary or record.body),
        "text": plain_text("\n\n".join(_text(v) for v in parts if v)),
    }


def index_columns(record: EntryRecord) -> dict[str, str]:
    """Text for each full-text column: names weigh most, then identifiers, summary, body."""
    fields = record.fields
    identifiers = [fields.get(k) for k in ("doi", "pmid", "pmcid", "registration", "authors", "journal", "year")]
    body = [record.plain, record.body, *_own_fields(record)]
    return {
        "title": record.title,
        "aliases": " ; ".join(record.aliases),
        "identifiers": " ".join(_text(v) for v in identifiers if v),
        "summary": record.summary,
        "body": "\n\n".join(_text(v) for v in body if v),
        "type": record.type,
    }


def _index_order(record: EntryRecord) -> tuple[bool, int, int, str]:
    """Row order: every named entry first, then excerpts in article order.

    On a corpus large enough for search to rank only the first matches in row order (see
    ``hipref.search.engine``), named entries are then always ranked.
    """
    return (record.type == "excerpt", TYPES.index(record.type), _position(record), record.slug)


def write_database(
    records: list[EntryRecord], out: Path, digest: str, date: str, concepts: Sequence[ThesaurusConcept] = ()
) -> None:
    """Write ``records`` and the thesaurus ``concepts`` to a new database at ``out`` (atomically).

    Concepts' entries that are not among ``records`` are left out.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".hipref-build-", suffix=".sqlite", dir=out.parent)
    os.close(handle)
    temp = Path(temp_name)
    database = pw.SqliteDatabase(str(temp), pragmas={"journal_mode": "off", "synchronous": "off"})
    try:
        with database, database.bind_ctx(CONTENT_MODELS):
            database.create_tables(CONTENT_MODELS)
            ordered = sorted(records, key=_index_order)
            sources = study_sources(ordered)
            ids: dict[str, int] = {}
            with database.atomic():
                for record in ordered:
                    entry = Entry.create(
                        type=record.type,
                        slug=record.slug,
                        title=record.title,
                        aliases=json.dumps(record.aliases, ensure_ascii=False),
                        summary_md=record.summary,
                        plain_md=record.plain,
                        body_md=record.body,
                        fields=json.dumps(
                            derived_fields(record, sources), ensure_ascii=False, sort_keys=True, default=str
                        ),
                        position=_position(record),
                    )
                    ids[record.ref] = entry.id
                    HitText.create(id=entry.id, **hit_text(record))
                    columns = index_columns(record)
                    EntryIndex.insert(rowid=entry.id, **columns).execute()
                    if record.type not in UNNAMED_TYPES:
                        NameIndex.insert(
                            rowid=entry.id, **{k: columns[k] for k in ("title", "aliases", "identifiers", "type")}
                        ).execute()
                types = {r.ref: r.type for r in ordered}
                for source, target in sorted(all_links(ordered)):
                    forward, backward = relation_names(types[source], types[target])
                    Link.create(source=ids[source], target=ids[target], relation=forward, reverse_relation=backward)
                for concept in concepts:
                    Concept.create(
                        names=json.dumps(concept.names, ensure_ascii=False),
                        includes=json.dumps(concept.includes, ensure_ascii=False),
                        entries=json.dumps([ids[ref] for ref in concept.entries if ref in ids]),
                    )
                counts = {t: sum(1 for r in ordered if r.type == t) for t in TYPES}
                for key, value in sorted(
                    {
                        "schema_version": str(SCHEMA_VERSION),
                        "content_hash": digest,
                        "build_date": date,
                        "content_version": content_version(date, digest),
                        "builder_version": __version__,
                        "counts": json.dumps(counts),
                    }.items()
                ):
                    Meta.create(key=key, value=value)
                EntryIndex.optimize()
                NameIndex.optimize()
                terms = [t for concept in concepts for t in (*concept.names, *concept.includes)]
                store_phrase_rows(database.connection(), terms)
            database.pragma("user_version", SCHEMA_VERSION)
        raw = sqlite3.connect(temp)
        raw.execute("VACUUM")
        raw.close()
        os.replace(temp, out)
    finally:
        if temp.exists():
            temp.unlink()


def build(resources: Path, out: Path) -> BuildReport:
    """Check all content under ``resources`` and, only if it is sound, build ``out``."""
    records, problems = load_content(resources / "content")
    problems += check_records(records, resources)
    concepts, found = load_thesaurus(resources / "content")
    problems += found + check_thesaurus(concepts, {r.ref for r in records})
    if problems:
        raise ContentError(problems)
    digest = current_content_hash(resources)
    date = build_date()
    write_database(records, out, digest, date, concepts)
    counts = {t: sum(1 for r in records if r.type == t) for t in TYPES}
    return BuildReport(out, counts, digest, date)
