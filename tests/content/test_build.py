"""The build is deterministic, and the committed database matches resources/content."""

from __future__ import annotations

import sqlite3

from hipref import paths
from hipref.content.build import build, current_content_hash


def test_same_content_same_bytes(fixture_resources, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1641427200")
    first = build(fixture_resources, tmp_path / "a.sqlite")
    second = build(fixture_resources, tmp_path / "b.sqlite")
    assert first.content_hash == second.content_hash
    assert (tmp_path / "a.sqlite").read_bytes() == (tmp_path / "b.sqlite").read_bytes()
    assert first.build_date == "2022-01-06"


def test_build_refuses_broken_content(fixture_resources, tmp_path):
    import pytest

    from hipref.content.build import ContentError

    path = fixture_resources / "content" / "condition" / "hip-osteoarthritis.md"
    path.write_text(path.read_text().replace("study/gul-2020", "study/missing-2020"))
    with pytest.raises(ContentError):
        build(fixture_resources, tmp_path / "x.sqlite")
    assert not (tmp_path / "x.sqlite").exists()


def test_committed_database_is_up_to_date(bundled_db):
    connection = sqlite3.connect(f"file:{bundled_db}?mode=ro&immutable=1", uri=True)
    stored = dict(connection.execute("SELECT key, value FROM meta"))
    connection.close()
    assert stored["content_hash"] == current_content_hash(paths.resources_dir()), (
        "db/hipref.sqlite is out of date with resources/content: run `hipref build-db` and commit it"
    )


def test_named_entries_come_before_excerpts_in_article_order(bundled_db):
    """Search ranks the first matches in row order on very large corpora: named entries first."""
    with sqlite3.connect(f"file:{bundled_db}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT id, type, position FROM entry ORDER BY id").fetchall()
    excerpt_ids = [row[0] for row in rows if row[1] == "excerpt"]
    named_ids = [row[0] for row in rows if row[1] != "excerpt"]
    assert max(named_ids) < min(excerpt_ids)
    positions = [row[2] for row in rows if row[1] == "excerpt"]
    assert positions == sorted(positions)


def test_name_index_holds_named_entries_only(bundled_db):
    with sqlite3.connect(f"file:{bundled_db}?mode=ro", uri=True) as connection:
        types = {row[0] for row in connection.execute("SELECT type FROM name_index")}
        snippets = connection.execute("SELECT count(*) FROM hit_text WHERE text = '' OR lead = ''").fetchone()[0]
    assert "excerpt" not in types and {"condition", "structure", "study"} <= types
    assert snippets == 0


def test_the_content_hash_follows_content_rules_and_build_format_not_code(fixture_resources, tmp_path, monkeypatch):
    import shutil

    from hipref.content import build as builder
    from hipref.content import schema

    before = current_content_hash(fixture_resources)
    monkeypatch.setattr(builder, "BUILD_FORMAT", builder.BUILD_FORMAT + 1)
    bumped = current_content_hash(fixture_resources)
    monkeypatch.undo()
    monkeypatch.setitem(schema.RELATIONS, ("term", "term"), ("related", "related"))
    new_rule = current_content_hash(fixture_resources)
    monkeypatch.undo()
    assert len({before, bumped, new_rule}) == 3
    assert current_content_hash(fixture_resources) == before

    # Only what the files say counts, not where they are.
    elsewhere = shutil.copytree(fixture_resources, tmp_path / "elsewhere")
    assert current_content_hash(elsewhere) == before
    term = fixture_resources / "content" / "term" / "enthesis.md"
    term.write_text(term.read_text().replace("Where a tendon", "Where a tendon or ligament"))
    assert current_content_hash(fixture_resources) != before
