"""The real main window, built the way ``hipref.app.run_gui`` builds it, for tests to drive."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hipref.app import start_window, wait_for_first_frame
from hipref.store.content_store import ContentStore
from hipref.ui.main_window import MainWindow
from hipref.ui.services import Services


@contextmanager
def open_window(qtbot, content: Path, data_dir: Path, resources: Path | None = None, complete: bool = True) -> Iterator:
    """A shown window over ``content`` and ``data_dir``; closed, and its databases, on exit.

    With ``complete`` the window is started as ``hipref gui`` starts it and every part is
    built once its first frame is on screen; without, it stops at its first frame.
    Leaving and opening again "quits and restarts" the app on the same data.
    """
    store = ContentStore.open(content)
    services = Services.create(store, data_dir, resources)
    window = MainWindow(services)
    try:
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        if complete:
            with qtbot.waitSignal(window.completed):
                start_window(window)
        else:
            window.search.setFocus()
            assert wait_for_first_frame(window)
        yield window
    finally:
        if window.isVisible():
            window.close()
        services.close()
        store.close()
        window.deleteLater()
