"""A real hipref window in its own process, driven line by line on stdin (for tests that need
two app processes on one data folder, or a disk the test process must not share).

Commands: ``open REF``, ``type TEXT``, ``welcome``, ``note`` (prints the editor's text, escaped),
``wait-note TEXT`` (until the editor shows TEXT, or 10 s), ``status``, ``read-only``,
``choose CHOICE`` (the answer to a later conflict question: mine, theirs or both),
``on-close BUTTON`` (the button to press if closing asks), ``close``. Each answers one line.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from hipref import paths
    from hipref.app import start_window
    from hipref.store.content_store import ContentStore
    from hipref.ui.main_window import MainWindow
    from hipref.ui.note_panel import NotePanel
    from hipref.ui.services import Services

    app = QApplication([sys.argv[0]])
    database = ContentStore.open(Path(sys.argv[1]))
    services = Services.create(database, paths.user_data_dir())
    window = MainWindow(services)
    window.show()
    start_window(window)
    window.complete()
    answers = {"choice": "both", "close": "Close without saving"}
    NotePanel.ask_conflict = lambda self: answers["choice"]

    def press_close_button() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            for button in box.buttons():
                if button.text() == answers["close"]:
                    button.click()

    def settle(until=lambda: True, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        app.processEvents()
        while not until() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        return until()

    print("ready", flush=True)
    for line in sys.stdin:
        command, _, rest = line.rstrip("\n").partition(" ")
        rest = rest.encode().decode("unicode_escape")
        if command == "open":
            reply = str(window.open_ref(rest))
        elif command == "type":
            window.parts.notes.editor.setFocus()
            window.parts.notes.editor.moveCursor(window.parts.notes.editor.textCursor().MoveOperation.End)
            window.parts.notes.editor.insertPlainText(rest)
            reply = "typed"
        elif command == "welcome":
            window.show_welcome()
            reply = "welcome"
        elif command == "note":
            reply = window.parts.notes.editor.toPlainText().encode("unicode_escape").decode()
        elif command == "wait-note":
            reply = str(settle(lambda wanted=rest: window.parts.notes.editor.toPlainText() == wanted))
        elif command == "status":
            reply = window.parts.notes.status.text()
        elif command == "read-only":
            reply = f"{window.parts.notes.editor.isReadOnly()} {window.window_actions.bookmark.isEnabled()}"
        elif command == "choose":
            answers["choice"] = rest
            reply = "ok"
        elif command == "on-close":
            answers["close"] = rest
            reply = "ok"
        elif command == "close":
            QTimer.singleShot(50, press_close_button)
            window.close()
            print(f"closed {not window.isVisible()}", flush=True)
            break
        else:
            reply = f"unknown {command}"
        settle()
        print(reply, flush=True)
    services.close()
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
