"""The clinical thesaurus file: read, checked, and built into the database."""

from __future__ import annotations

import json
import sqlite3

from hipref import paths
from hipref.content.thesaurus import Concept, check_thesaurus, load_thesaurus

REFS = {"condition/a", "structure/b"}


def test_the_shipped_thesaurus_is_sound():
    content = paths.resources_dir() / "content"
    concepts, problems = load_thesaurus(content)
    assert not problems and len(concepts) > 50
    from hipref.content.loader import load_content

    records, _ = load_content(content)
    assert check_thesaurus(concepts, {r.ref for r in records}) == []


def test_every_mapping_must_resolve_and_be_said_once():
    problems = check_thesaurus(
        [
            Concept(("Alpha", "AL"), (), ("condition/a", "condition/missing")),
            Concept(("alpha",), (), ("structure/b",)),  # a name of concept 1 again
            Concept(("beta", "Beta"), (), ("structure/b",)),  # the same term twice
            Concept((), ("gamma",), ()),  # no name, nothing to map
            Concept(("delta",), (), ("not a ref",)),
        ],
        REFS,
    )
    text = "\n".join(str(p) for p in problems)
    assert "condition/missing does not resolve" in text
    assert "'alpha' is already a name of concept 1" in text
    assert "'beta' is listed 2 times" in text
    assert "needs at least one name" in text
    assert "'not a ref' is not a TYPE/SLUG reference" in text


def test_a_malformed_file_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "thesaurus.yaml").write_text("- names: oops\n- [1, 2]\n- names: [a]\n  colour: red\n", "utf-8")
    concepts, problems = load_thesaurus(tmp_path)
    text = "\n".join(str(p) for p in problems)
    assert "names must be a list" in text and "must be a mapping" in text and "unknown field(s): colour" in text
    assert [c.names for c in concepts] == [("a",)]
    (tmp_path / "thesaurus.yaml").write_text("names: [a", "utf-8")
    assert load_thesaurus(tmp_path)[1]


def test_the_database_holds_the_concepts(bundled_db):
    connection = sqlite3.connect(bundled_db)
    try:
        rows = connection.execute("SELECT names, entries FROM concept").fetchall()
        slugs = dict(connection.execute("SELECT id, type || '/' || slug FROM entry").fetchall())
    finally:
        connection.close()
    names = {name for row in rows for name in json.loads(row[0])}
    assert {"THR", "hip scope", "GTPS", "Y ligament"} <= names
    gtps = next(json.loads(entries) for names, entries in rows if "GTPS" in json.loads(names))
    assert sorted(slugs[i] for i in gtps) == [
        "condition/gluteus-medius-tendinopathy",
        "condition/trochanteric-bursitis",
        "term/greater-trochanteric-pain-syndrome",
    ]
