"""Unusable content databases are refused with a clear reason; the usable one is never changed."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from hipref.store.connection import open_content
from hipref.store.errors import UnusableDatabaseError
from tests.spoil import CASES


def make_directory(path):
    folder = path.parent / "a-folder"
    folder.mkdir()
    return folder


def spoil(case: str, path):
    if case == "directory":
        return make_directory(path), "not a file"
    spoil_file, phrase = CASES[case]
    spoil_file(path)
    return path, phrase


@pytest.mark.parametrize("case", [*CASES, "directory"])
def test_unusable_database_is_refused_with_reason(case, content_db):
    path, phrase = spoil(case, content_db)
    with pytest.raises(UnusableDatabaseError) as caught:
        open_content(path)
    assert phrase in str(caught.value)
    assert "\n" not in str(caught.value)


def test_opened_read_only_and_unchanged(content_db):
    before = hashlib.sha256(content_db.read_bytes()).hexdigest()
    connection = open_content(content_db)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        connection.execute("DELETE FROM entry")
    connection.execute("SELECT count(*) FROM entry_index WHERE entry_index MATCH 'hip'").fetchall()
    connection.close()
    assert hashlib.sha256(content_db.read_bytes()).hexdigest() == before
    leftovers = [p.name for p in content_db.parent.iterdir() if p.name.startswith(content_db.name + "-")]
    assert leftovers == []
