"""``hipref check``: all content rules, the diagrams, and the built database together."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from hipref.content.build import current_content_hash
from hipref.content.check import check_records
from hipref.content.diagrams import check_diagrams
from hipref.content.loader import load_content
from hipref.content.records import Problem
from hipref.content.thesaurus import check_thesaurus, load_thesaurus


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def check_database(db_path: Path, resources: Path, counts: dict[str, int]) -> list[Problem]:
    """The database opens, and was built from exactly the content on disk."""
    from hipref.store.content_store import ContentStore
    from hipref.store.errors import UnusableDatabaseError

    where = str(db_path)
    try:
        store = ContentStore.open(db_path)
    except UnusableDatabaseError as exc:
        return [Problem(where, f"{exc.problem}. {exc.remedy}")]
    with store:
        problems = []
        if store.meta().get("content_hash") != current_content_hash(resources):
            problems.append(Problem(where, "out of date with resources/content: run `hipref build-db`"))
        built = store.counts()
        if {k: v for k, v in counts.items() if v} != built:
            problems.append(Problem(where, f"entry counts {json.dumps(built)} differ from the content"))
        return problems


def validate_all(resources: Path, db_path: Path) -> ValidationReport:
    records, problems = load_content(resources / "content")
    problems += check_records(records, resources)
    problems += check_diagrams(records, resources)
    concepts, found = load_thesaurus(resources / "content")
    problems += found + check_thesaurus(concepts, {r.ref for r in records})
    counts: dict[str, int] = {}
    for record in records:
        counts[record.type] = counts.get(record.type, 0) + 1
    problems += check_database(db_path, resources, counts)
    return ValidationReport(problems, counts)
