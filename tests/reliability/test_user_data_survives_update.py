"""Guarantee: notes and bookmarks survive a content update, whatever ids the new build gives."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from pathlib import Path

import pytest

from hipref import paths
from hipref.content.build import build, write_database
from hipref.content.loader import load_content
from hipref.content.schema import TYPES
from tests.windows import open_window


def entry_ids(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return {f"{t}/{s}": i for i, t, s in connection.execute("SELECT id, type, slug FROM entry")}
    finally:
        connection.close()


def rebuilt(out: Path) -> Path:
    """The content rebuilt from the resources, as a release would ship it."""
    build(paths.resources_dir(), out)
    return out


def rebuilt_with_an_added_entry(out: Path) -> Path:
    """The content plus one new entry that sorts first, so every later entry gets a new id."""
    records, problems = load_content(paths.content_dir())
    assert not problems
    first = next(r for r in records if r.type == TYPES[0])
    added = dataclasses.replace(first, slug="aaa-added-in-an-update", title="Added in an update", aliases=[])
    write_database([added, *records], out, "update", "2030-01-01")
    return out


def pick_refs(path: Path) -> list[str]:
    """The last entry of every type: the ones whose ids move most when content is added."""
    ids = entry_ids(path)
    by_type = {t: [r for r in ids if r.startswith(t + "/")] for t in TYPES}
    return [max(found, key=ids.get) for found in by_type.values() if found]


@pytest.mark.parametrize("make_update", [rebuilt, rebuilt_with_an_added_entry], ids=["rebuilt", "ids-shifted"])
def test_notes_and_bookmarks_survive_a_content_update(qtbot, content_db, data_dir, tmp_path, make_update):
    refs = pick_refs(content_db)
    notes = {ref: f"Note on {ref}\nsecond line — ünïcödé 🦴" for ref in refs}
    bookmarked = refs[::2]

    with open_window(qtbot, content_db, data_dir) as window:
        for ref in refs:
            assert window.open_ref(ref), ref
            window.parts.notes.editor.setPlainText(notes[ref])
            if ref in bookmarked:
                window.toggle_bookmark()
        window.show_welcome()  # leaving the last entry saves its note

    old_ids = entry_ids(content_db)
    new = make_update(tmp_path / "new.sqlite")
    os.replace(new, content_db)  # the update replaces the file in place
    new_ids = entry_ids(content_db)
    if make_update is rebuilt_with_an_added_entry:
        assert all(old_ids[ref] != new_ids[ref] for ref in refs), "the update was meant to renumber entries"

    with open_window(qtbot, content_db, data_dir) as window:
        assert {b.ref for b in window.services.user.bookmarks()} == set(bookmarked)
        assert window.services.user.notes() == notes
        for ref in refs:
            assert window.open_ref(ref), ref
            assert window.parts.notes.editor.toPlainText() == notes[ref], ref
            assert window.window_actions.bookmark.isChecked() == (ref in bookmarked), ref
