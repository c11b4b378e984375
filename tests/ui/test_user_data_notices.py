"""What the window says when the user's data lets it down, over the fixture corpus."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QLabel, QMessageBox

from hipref.app import start_window
from hipref.ui import notices
from hipref.ui.note_panel import NotePanel


def test_read_only_data_is_said_once_and_bookmarks_are_off(make_window, capsys):
    window = make_window(complete=False)
    window.services.user.read_only_reason = "the disk is full"
    assert start_window(window, exit_when_ready=True) == 0
    assert "hipref: Notes and bookmarks are read-only: the disk is full." in capsys.readouterr().err
    labels = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert "Notes and bookmarks read-only" in labels
    window.open_ref("term/enthesis")
    assert not window.window_actions.bookmark.isEnabled()
    window.toggle_bookmark()  # reached another way, it says why and changes nothing
    assert "read-only" in window.statusBar().currentMessage()
    assert not window.window_actions.bookmark.isChecked() and window.services.user.bookmarks() == []


def test_a_bookmark_whose_entry_is_gone_can_be_removed(window, monkeypatch):
    window.services.user.set_bookmark("condition/gone", "Gone", True)
    window.parts.browse.refresh()
    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    assert not window.open_ref("condition/gone")
    assert len(asked) == 1 and "condition/gone" in asked[0]
    assert window.services.user.bookmarks() == []
    assert window.parts.browse.navigator.model().index(0, 0).data() == "Bookmarks  (0)"
    assert not window.open_ref("condition/never-kept") and len(asked) == 1, "only a bookmark is offered"


def test_a_failing_search_is_one_line_under_the_search_box(window, qtbot, monkeypatch):
    def fail(*args, **kwargs):
        raise sqlite3.DatabaseError("disk I/O error")

    monkeypatch.setattr(window.services.content.searcher, "find", fail)
    qtbot.keyClicks(window.search, "hip")
    qtbot.waitUntil(lambda: window.parts.results.count.text() == "Search failed: disk I/O error")
    assert window.parts.results.model.rowCount() == 0 and window.isVisible()


def test_a_restored_backup_shows_at_once(window, monkeypatch):
    window.open_ref("term/enthesis")
    window.services.user.save_note("term/enthesis", "from the backup")  # as if restored
    monkeypatch.setattr(notices, "offer_recovery", lambda parent, user, message: "damaged" in message)
    window.tell_recovered()
    assert window.parts.notes.editor.toPlainText() == "from the backup"


def test_a_note_that_cannot_be_saved_can_keep_the_window_open(window, monkeypatch):
    monkeypatch.setattr(NotePanel, "confirm_leave", lambda panel: False)
    assert not window.close() and window.isVisible()
    monkeypatch.setattr(NotePanel, "confirm_leave", lambda panel: True)
    assert window.close()
