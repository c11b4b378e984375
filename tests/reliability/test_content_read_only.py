"""Guarantee: no session ever changes the content database or leaves files beside it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import Qt

from tests.reliability.conftest import run_hipref
from tests.windows import open_window

REF = "condition/hip-osteoarthritis"


def snapshot(path: Path) -> tuple[str, int, list[str]]:
    """The file's hash and modification time, and every file name in its folder."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest, path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir())


def assert_untouched(path: Path, before: tuple[str, int, list[str]]) -> None:
    after = snapshot(path)
    assert after[0] == before[0], "the content database's bytes changed"
    assert after[1] == before[1], "the content database was written to (modification time changed)"
    extras = [name for name in after[2] if name.endswith(("-wal", "-journal", "-shm"))]
    assert extras == [], f"files appeared beside the content database: {extras}"
    assert after[2] == before[2]


def test_window_session_leaves_content_unchanged(qtbot, content_db, data_dir):
    before = snapshot(content_db)
    with open_window(qtbot, content_db, data_dir) as window:
        for text in ("fai", "gluteus med", "study: walking", "prolo"):
            window.search.setText(text)
            qtbot.waitUntil(lambda text=text: window.parts.results.model.query == text)
            qtbot.keyClick(window.search, Qt.Key.Key_Return)
            assert window.session.current is not None
        assert window.open_ref(REF)
        window.toggle_bookmark()
        assert window.window_actions.bookmark.isChecked()
        window.parts.notes.editor.setFocus()
        qtbot.keyClicks(window.parts.notes.editor, "Check the range of motion first.")
        assert window.open_ref("study/gul-2020")  # leaving the entry saves its note
        window.go_back()
        assert window.parts.notes.editor.toPlainText() == "Check the range of motion first."
        window.zoom(1)
    assert_untouched(content_db, before)
    assert not any(p.name.startswith("content.sqlite") for p in data_dir.iterdir())


def test_command_line_sessions_leave_content_unchanged(content_db, data_dir):
    before = snapshot(content_db)
    gui = run_hipref("gui", "--db", str(content_db), "--open", REF, "--exit-when-ready", data_dir=data_dir)
    assert gui.returncode == 0, gui.stderr
    search = run_hipref("--db", str(content_db), "search", "hip", "--json", data_dir=data_dir)
    assert search.returncode == 0 and json.loads(search.stdout)
    show = run_hipref("--db", str(content_db), "show", REF, data_dir=data_dir)
    assert show.returncode == 0 and show.stdout.startswith("Hip osteoarthritis")
    assert_untouched(content_db, before)
    assert (data_dir / "user.sqlite").is_file(), "the window kept its own data in the user folder"
