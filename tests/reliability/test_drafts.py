"""Guarantee: a note that could not be saved outlives the window, without touching the database.

The failing database is simulated by making every note save fail with an I/O error, while
the data folder itself stays writable: the draft goes to ``drafts.json`` and is saved at the
next start, once the database takes it.
"""

from __future__ import annotations

import json

import pytest

from hipref.userdata.drafts import DRAFTS_NAME, Draft, Drafts
from hipref.userdata.store import USER_DB_NAME, UserData, UserDataWriteError
from tests.windows import open_window

REF = "condition/hip-osteoarthritis"


def test_drafts_are_written_whole_and_merged_between_windows(tmp_path):
    one, two = Drafts(tmp_path), Drafts(tmp_path)
    assert one.put("condition/a", Draft("mine \ud800 half a pair", "", "the disk is full"))
    assert two.put("condition/b", Draft("theirs", "old", "locked"))
    loaded = Drafts(tmp_path).load()
    assert loaded["condition/a"].text == "mine \ud800 half a pair" and loaded["condition/b"].base == "old"
    assert [p.name for p in tmp_path.iterdir() if ".part" in p.name] == []
    assert one.drop("condition/a") and two.drop("condition/b")
    assert not (tmp_path / DRAFTS_NAME).exists()


def test_a_damaged_or_unwritable_drafts_file_is_no_error(tmp_path):
    (tmp_path / DRAFTS_NAME).write_text("{not json", encoding="utf-8")
    assert Drafts(tmp_path).load() == {}
    (tmp_path / DRAFTS_NAME).write_text(json.dumps({"condition/a": {"text": 1}}), encoding="utf-8")
    assert Drafts(tmp_path).load() == {}
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    assert Drafts(blocked).put("condition/a", Draft("text", "", "why")) is False


@pytest.fixture
def failing_saves(monkeypatch):
    def fail(self, ref, text, expected=None):
        raise UserDataWriteError("Cannot save the note: the disk reported a read or write error")

    monkeypatch.setattr(UserData, "save_note", fail)
    return monkeypatch


def test_an_unsaved_note_is_kept_as_a_draft_and_saved_at_the_next_start(
    qtbot, content_db, data_dir, answer_boxes, failing_saves
):
    answers = answer_boxes("Keep the drafts and close")
    with open_window(qtbot, content_db, data_dir) as window:
        assert window.open_ref(REF)
        window.parts.notes.editor.setFocus()
        qtbot.keyClicks(window.parts.notes.editor, "Check hip rotation first.")
        qtbot.waitUntil(lambda: "kept as a draft" in window.parts.notes.status.text())  # the save after a pause
        window.show_welcome()
        window.close()
        assert not window.isVisible()
        ((title, text, _),) = answers.seen
        assert title == "Notes not saved" and DRAFTS_NAME in text
    assert UserData(data_dir, backup=False).note(REF) == "", "nothing was written to the failing database"
    assert Drafts(data_dir).load()[REF].text == "Check hip rotation first."

    failing_saves.undo()
    with open_window(qtbot, content_db, data_dir) as window:
        assert window.services.user.note(REF) == "Check hip rotation first."
        assert "Saved 1 note kept as drafts" in window.parts.notes.status.text()
        assert window.open_ref(REF)
        assert window.parts.notes.editor.note() == "Check hip rotation first."
    assert not (data_dir / DRAFTS_NAME).exists()
    assert (data_dir / USER_DB_NAME).exists()


def test_a_draft_that_still_cannot_be_saved_comes_back_with_its_entry(
    qtbot, content_db, data_dir, answer_boxes, failing_saves
):
    Drafts(data_dir).put(REF, Draft("Typed before a crash.", "", "the disk reported a read or write error"))
    answers = answer_boxes("Keep the drafts and close")
    with open_window(qtbot, content_db, data_dir) as window:
        assert window.open_ref(REF)
        assert window.parts.notes.editor.note() == "Typed before a crash."
        assert "Not saved yet" in window.parts.notes.status.text()
    assert [title for title, _, _ in answers.seen] == ["Notes not saved"]
    assert Drafts(data_dir).load()[REF].text == "Typed before a crash."
