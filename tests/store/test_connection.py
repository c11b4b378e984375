"""Unusable content databases are refused with a clear reason; the usable one is never changed."""

from __future__ import annotations

import hashlib
import sqlite3

import peewee
import pytest

from hipref.store.connection import open_content
from hipref.store.errors import UnusableDatabaseError
from hipref.store.models import SCHEMA_VERSION


def make_missing(path):
    return path.parent / "does-not-exist.sqlite"


def make_empty(path):
    path.write_bytes(b"")
    return path


def make_not_sqlite(path):
    path.write_text("just some text, not a database\n" * 20)
    return path


def make_truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def make_other_schema(path):
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()
    return path


def make_newer(path):
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    return path


def make_older(path):
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 0")
    connection.commit()
    connection.close()
    return path


def make_directory(path):
    folder = path.parent / "a-folder"
    folder.mkdir()
    return folder


BROKEN = {
    "missing": (make_missing, "not found"),
    "empty": (make_empty, "empty"),
    "not sqlite": (make_not_sqlite, "not an SQLite file"),
    "truncated": (make_truncated, "damaged"),
    "other schema": (make_other_schema, "Not a hipref content database"),
    "newer schema": (make_newer, "newer"),
    "older schema": (make_older, "expected"),
    "directory": (make_directory, "not a file"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_unusable_database_is_refused_with_reason(case, content_db):
    make, phrase = BROKEN[case]
    path = make(content_db)
    with pytest.raises(UnusableDatabaseError) as caught:
        open_content(path)
    assert phrase in str(caught.value)
    assert "\n" not in str(caught.value)


def test_opened_read_only_and_unchanged(content_db):
    before = hashlib.sha256(content_db.read_bytes()).hexdigest()
    database = open_content(content_db)
    with pytest.raises(peewee.OperationalError, match="readonly"):
        database.execute_sql("DELETE FROM entry")
    database.execute_sql("SELECT count(*) FROM entry_index WHERE entry_index MATCH 'hip'").fetchall()
    database.close()
    assert hashlib.sha256(content_db.read_bytes()).hexdigest() == before
    leftovers = [p.name for p in content_db.parent.iterdir() if p.name.startswith(content_db.name + "-")]
    assert leftovers == []
