"""Guarantee: two windows on one data folder never lose a note: a stale editor never overwrites
what the other saved, a change is taken or a choice offered; two UserData in one process keep
their files apart."""

from __future__ import annotations

import sqlite3

import pytest

from hipref.userdata.store import USER_DB_NAME, UserData
from tests.reliability.conftest import DrivenWindow

REF = "condition/femoroacetabular-impingement"
OTHER = "study/gul-2020"


def stored_note(data_dir, ref=REF):
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    try:
        row = connection.execute("SELECT text FROM note WHERE ref = ?", (ref,)).fetchone()
    finally:
        connection.close()
    return row[0] if row else None


def test_two_user_data_in_one_process_keep_their_notes_apart(tmp_path):
    a, b = UserData(tmp_path / "a"), UserData(tmp_path / "b")
    try:
        a.save_note(REF, "saved through A")
        b.save_note(OTHER, "saved through B")
        a.set_bookmark(REF, "FAI", True)
        assert a.notes() == {REF: "saved through A"} and b.notes() == {OTHER: "saved through B"}
        assert a.is_bookmarked(REF) and not b.is_bookmarked(REF)
    finally:
        a.close()
        b.close()
    assert stored_note(tmp_path / "a") == "saved through A" and stored_note(tmp_path / "b") is None


@pytest.mark.slow
def test_a_stale_window_never_overwrites_the_note_another_window_saved(content_db, data_dir):
    b = DrivenWindow(content_db, data_dir)
    a = DrivenWindow(content_db, data_dir)
    try:
        assert b(f"open {REF}") == "True"  # B shows the entry and never types
        assert a(f"open {REF}") == "True"
        a("type A's note")
        a("welcome")
        assert a.close() == "closed True"
        assert b("wait-note A's note") == "True", "the idle window took the other's note"
        assert b(f"open {OTHER}") == "True"
        assert b.close() == "closed True"
    finally:
        for window in (a, b):
            if window.child.poll() is None:
                window.child.kill()
    assert stored_note(data_dir) == "A's note"
    assert "Traceback" not in a.errors + b.errors


@pytest.mark.slow
@pytest.mark.parametrize(
    ("choice", "kept"),
    [("mine", "B's note"), ("theirs", "A's note"), ("both", "A's note\n\n— saved in another window —\nB's note")],
)
def test_both_windows_edit_and_the_second_to_leave_is_offered_the_choice(content_db, data_dir, choice, kept):
    a = DrivenWindow(content_db, data_dir)
    b = DrivenWindow(content_db, data_dir)
    try:
        assert a(f"open {REF}") == "True" and b(f"open {REF}") == "True"
        a("type A's note")
        b("type B's note")  # typed before B saw A's save: both edited the same note
        a("welcome")
        b(f"choose {choice}")
        assert b(f"open {OTHER}") == "True"  # leaving: B is asked, here answered with ``choice``
        a.close()
        b.close()
    finally:
        for window in (a, b):
            if window.child.poll() is None:
                window.child.kill()
    assert stored_note(data_dir) == kept
