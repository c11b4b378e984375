"""Save screenshots of the window's main states (used by the README and by the tests).

Run ``python -m tests.ui.screenshots`` to refresh ``resources/screenshots/``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from hipref import paths  # noqa: E402

SETTLE_MS = 300

STATES = {
    "main-window": lambda w: (
        w.search.setText("gluteus med"),
        w.run_search(),
        w.open_ref("condition/gluteus-medius-tendinopathy"),
    ),
    "search-results": lambda w: (w.search.setText("prolo"), w.run_search(), w.open_ref("treatment/prolotherapy")),
    "study-card": lambda w: (w.search.clear(), w.run_search(), w.open_ref("study/gul-2020")),
    "excerpt-highlight": lambda w: (
        w.search.setText("nordic walking"),
        w.run_search(),
        w.open_ref("excerpt/07-four-months-strength-training", highlight=("nordic", "walking")),
    ),
    "structure": lambda w: (w.search.clear(), w.run_search(), w.open_ref("structure/iliofemoral-ligament")),
}


def save_screenshots(window, folder: Path, states=STATES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for name, act in states.items():
        act(window)
        QTest.qWait(SETTLE_MS)  # let fades (the search field's clear button) finish
        path = folder / f"{name}.png"
        window.grab().save(str(path))
        saved.append(path)
    return saved


def main() -> int:
    from hipref.app import start_window
    from hipref.store.content_store import ContentStore
    from hipref.ui.main_window import MainWindow
    from hipref.ui.services import Services
    from hipref.ui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)
    services = Services.create(ContentStore.open(paths.bundled_db_path()), Path(tempfile.mkdtemp()))
    window = MainWindow(services)
    window.resize(1280, 820)
    window.show()
    start_window(window)
    window.complete()  # as it is a moment after it appears, before anyone types
    for path in save_screenshots(window, paths.resources_dir() / "screenshots"):
        print(path)
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
