"""Guarantee: a damaged user database is moved aside, a fresh one starts, the user is told,
and the reference content stays fully usable."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hipref.app import start_window
from hipref.userdata.store import USER_DB_NAME, UserData
from tests.reliability.conftest import run_hipref
from tests.windows import open_window

ASIDE = re.compile(re.escape(USER_DB_NAME) + r"\.damaged-\d{8}-\d{6}-\d{6}$")


def garbage(folder: Path) -> bytes:
    data = bytes(range(256)) * 40
    (folder / USER_DB_NAME).write_bytes(data)
    return data


def truncated(folder: Path) -> bytes:
    user = UserData(folder, backup=False)
    for i in range(200):
        user.save_note(f"study/note-{i}", f"note {i} " * 60)
        user.set_bookmark(f"study/note-{i}", f"Note {i}", True)
    user.close()
    path = folder / USER_DB_NAME
    data = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("spoil", [garbage, truncated])
def test_damaged_user_database_is_set_aside_and_the_window_carries_on(qtbot, fixture_db, data_dir, answer_boxes, spoil):
    original = spoil(data_dir)
    answers = answer_boxes("Start afresh")
    with open_window(qtbot, fixture_db, data_dir) as window:
        qtbot.waitUntil(lambda: answers.seen != [])
        ((title, text, _more),) = answers.seen
        aside = window.services.user.recovered_from
        assert aside is not None and ASIDE.search(aside.name), aside
        assert aside.read_bytes() == original, "the damaged file is kept, unchanged, for recovery"
        assert "damaged" in title and str(aside) in text

        window.search.setText("OA")
        qtbot.waitUntil(lambda: window.parts.results.model.query == "OA")
        assert window.parts.results.list.current_ref() == "condition/hip-osteoarthritis"
        assert window.open_ref("condition/hip-osteoarthritis")
        window.toggle_bookmark()
        window.parts.notes.editor.setPlainText("fresh note")
        window.show_welcome()

    fresh = sqlite3.connect(data_dir / USER_DB_NAME)
    try:
        assert fresh.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert fresh.execute("SELECT ref, text FROM note").fetchall() == [
            ("condition/hip-osteoarthritis", "fresh note")
        ]
    finally:
        fresh.close()

    answers.seen.clear()
    with open_window(qtbot, fixture_db, data_dir) as window:  # the next start is a normal one
        # complete: a notice would have been queued before completion, and shown by now
        assert answers.seen == [] and window.services.user.recovered_from is None
        assert window.services.user.is_bookmarked("condition/hip-osteoarthritis")
    assert len([p for p in data_dir.iterdir() if ASIDE.search(p.name)]) == 1


def test_unattended_start_with_a_recovered_database_says_so_without_waiting_for_a_click(
    qtbot, fixture_db, data_dir, monkeypatch, capsys
):
    """``--exit-when-complete`` and ``--screenshot`` must return: the news goes to stderr instead."""
    blocking: list[str] = []

    def would_block(name):
        def record(*args, **kwargs):
            blocking.append(name)
            return 0

        return record

    monkeypatch.setattr(QMessageBox, "information", staticmethod(would_block("QMessageBox.information")))
    monkeypatch.setattr(QMessageBox, "exec", would_block("QMessageBox.exec"))
    monkeypatch.setattr(QDialog, "exec", would_block("QDialog.exec"))
    garbage(data_dir)
    with open_window(qtbot, fixture_db, data_dir, complete=False) as window:
        assert start_window(window, exit_when_complete=True) == 0
        QApplication.processEvents()  # anything queued by the start is handled before checking
        aside = window.services.user.recovered_from
    assert blocking == [], f"an unattended start asked for a click: {blocking}"
    err = capsys.readouterr().err
    assert "damaged" in err and str(aside) in err


@pytest.mark.parametrize("start", [["--exit-when-complete"], ["--open", "fai", "--exit-when-ready"]])
def test_hipref_gui_unattended_with_a_damaged_user_database(data_dir, start):
    garbage(data_dir)
    proc = run_hipref("gui", *start, data_dir=data_dir, timeout=30)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    (aside,) = [p for p in data_dir.iterdir() if ASIDE.search(p.name)]
    assert f"moved it aside to\n{aside}" in proc.stderr


def test_the_first_frame_comes_before_the_user_database_is_opened(data_dir):
    """Ready (the first frame painted, search answering) needs nothing of the user's data, which
    opens just after it: exiting when ready leaves even a damaged file where it was."""
    data = garbage(data_dir)
    proc = run_hipref("gui", "--exit-when-ready", data_dir=data_dir, timeout=30)
    assert proc.returncode == 0 and "hipref" not in proc.stderr
    assert (data_dir / USER_DB_NAME).read_bytes() == data
    assert not [p for p in data_dir.iterdir() if ASIDE.search(p.name)]


def test_the_window_opens_the_user_database_just_after_its_first_frame(qtbot, fixture_db, data_dir, answer_boxes):
    garbage(data_dir)
    answers = answer_boxes("Start afresh")
    with open_window(qtbot, fixture_db, data_dir, complete=False) as window:
        assert not window.services.user_is_open, "the first frame is painted without the user's data"
        with qtbot.waitSignal(window.completed):
            start_window(window)
        assert window.services.user_is_open
        qtbot.waitUntil(lambda: answers.seen != [])
        assert "damaged" in answers.seen[0][0]


@pytest.mark.parametrize("name", ["p%41q", "a?b", "my#data", "with space", "100%"])
def test_a_sound_database_in_an_oddly_named_folder_is_never_set_aside(tmp_path, name):
    folder = tmp_path / name
    user = UserData(folder)
    user.save_note("term/bursa", "kept")
    user.close()
    again = UserData(folder)
    try:
        assert again.recovered_from is None and again.note("term/bursa") == "kept"
    finally:
        again.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "nothing was created outside the folder"


@pytest.fixture
def failing_user_data(monkeypatch):
    """User data that cannot be opened at all (the store itself fails, not just the file)."""

    def fail(self, folder, backup=True):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(UserData, "__init__", fail)


def test_user_data_that_cannot_be_opened_ends_the_window_with_a_message(
    qtbot, fixture_db, data_dir, failing_user_data, monkeypatch
):
    shown: list[tuple[str, str]] = []
    exits: list[int] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text: shown.append((title, text))))
    monkeypatch.setattr(QApplication, "exit", staticmethod(exits.append))
    with open_window(qtbot, fixture_db, data_dir, complete=False) as window:
        assert window.search.placeholderText(), "the first frame needs no user data"
        assert start_window(window) is None
        qtbot.waitUntil(lambda: exits != [])
        assert exits == [2] and not window.isVisible()
    ((title, text),) = shown
    assert title == "hipref cannot open your data folder"
    assert str(data_dir) in text and "Input/output error" in text and "HIPREF_DATA_DIR" in text


@pytest.mark.parametrize("start", [{"exit_when_complete": True}, {"open_ref": "fai", "exit_when_ready": True}])
def test_unattended_user_data_that_cannot_be_opened_exits_2_without_a_dialog(
    qtbot, fixture_db, data_dir, failing_user_data, monkeypatch, capsys, start
):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *args: shown.append("critical")))
    with open_window(qtbot, fixture_db, data_dir, complete=False) as window:
        assert start_window(window, **start) == 2
    err = capsys.readouterr().err
    assert shown == [] and "Traceback" not in err
    assert f"hipref: Cannot open the user data folder {data_dir}: [Errno 5] Input/output error." in err


def test_the_user_data_is_not_opened_again_once_the_window_is_closed(fixture_db, data_dir):
    from hipref.store.content_store import ContentStore
    from hipref.ui.services import Services

    with ContentStore.open(fixture_db) as store:
        services = Services.create(store, data_dir)
        services.close()
        with pytest.raises(RuntimeError, match="after the window closed"):
            _ = services.user
    assert not (data_dir / USER_DB_NAME).exists()
