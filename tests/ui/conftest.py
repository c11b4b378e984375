"""A real main window over a private copy of the bundled content and a private data folder."""

from __future__ import annotations

import pytest

from hipref.store.content_store import ContentStore


@pytest.fixture
def make_window(qtbot, content_db, data_dir):
    """Open a window; call again to "restart" the app on the same data folder."""
    from hipref.ui.main_window import MainWindow
    from hipref.ui.services import Services

    opened = []

    def make():
        database = ContentStore.open(content_db)
        services = Services.create(database, data_dir)
        window = MainWindow(services)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        window.start()
        qtbot.waitUntil(lambda: window.is_complete)  # built just after its first frame
        opened.append((window, services, database))
        return window

    yield make
    for window, services, database in opened:
        if window.isVisible():
            window.close()
        services.close()
        database.close()


@pytest.fixture
def window(make_window):
    return make_window()
