"""The note pane in the window: another window's changes, text that cannot be saved, the limit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from hipref.ui.note_panel import BOTH_SEPARATOR
from hipref.userdata.store import MAX_NOTE_CHARS, UserData
from tests.reliability.conftest import BoxAnswerer

REF = "term/enthesis"


@pytest.fixture
def other_window(data_dir):
    """The user's data as a second hipref window on the same folder sees it."""
    user = UserData(data_dir, backup=False)
    yield user
    user.close()


def test_a_note_changed_in_another_window_is_taken_when_this_one_is_untouched(window, qtbot, other_window):
    window.open_ref(REF)
    other_window.save_note(REF, "written elsewhere")
    notes = window.parts.notes
    qtbot.waitUntil(lambda: notes.editor.toPlainText() == "written elsewhere", timeout=5000)
    assert notes.status.text() == "Updated from another window"


def test_both_edited_offers_a_choice_and_keep_both_keeps_both(window, qtbot, other_window):
    window.open_ref(REF)
    notes = window.parts.notes
    qtbot.keyClicks(notes.editor, "mine")
    other_window.save_note(REF, "theirs")
    qtbot.waitUntil(notes.conflict_bar.isVisible, timeout=5000)
    assert notes.status.text().startswith("Choose which note to keep")
    qtbot.mouseClick(notes.keep_both_button, Qt.MouseButton.LeftButton)
    assert notes.editor.toPlainText() == "theirs" + BOTH_SEPARATOR + "mine"
    assert other_window.note(REF) == "theirs" + BOTH_SEPARATOR + "mine" and not notes.conflict_bar.isVisible()


def test_take_theirs_drops_mine(window, qtbot, other_window):
    window.open_ref(REF)
    notes = window.parts.notes
    qtbot.keyClicks(notes.editor, "mine")
    other_window.save_note(REF, "theirs")
    qtbot.waitUntil(notes.conflict_bar.isVisible, timeout=5000)
    qtbot.mouseClick(notes.take_theirs_button, Qt.MouseButton.LeftButton)
    assert notes.editor.toPlainText() == "theirs" and notes.status.text() == "Took the note from the other window"


def test_text_that_cannot_be_saved_is_kept_and_asked_about_before_closing(window, qtbot):
    window.open_ref(REF)
    notes = window.parts.notes
    window.services.user.read_only_reason = "the disk is full"  # as if the disk filled up just now
    qtbot.keyClicks(notes.editor, "keep me")
    assert not notes.save()
    assert "Not saved: " in notes.status.text() and "the disk is full" in notes.status.text()
    window.open_ref("structure/hip-labrum")
    window.open_ref(REF)  # the draft comes back with the entry
    assert notes.editor.toPlainText() == "keep me" and notes.status.text().startswith("Not saved yet")

    answers = BoxAnswerer("Stay")
    try:
        assert not window.close() and window.isVisible()
        answers.text = "Copy to clipboard and close"
        assert window.close()
    finally:
        answers.stop()
    assert [seen[0] for seen in answers.seen] == ["Notes not saved", "Notes not saved"]
    assert QGuiApplication.clipboard().text() == f"{REF}\nkeep me"


def test_a_paste_beyond_the_limit_is_cut_and_said(window):
    window.open_ref(REF)
    notes = window.parts.notes
    pasted = QMimeData()
    line = "a line of a long pasted text\n"
    text = line * (MAX_NOTE_CHARS // len(line) + 1)
    pasted.setText(text)
    notes.editor.insertFromMimeData(pasted)
    assert len(notes.editor.toPlainText()) == MAX_NOTE_CHARS
    assert notes.status.text().endswith(f"{len(text) - MAX_NOTE_CHARS:,} were left out.")
