"""Save screenshots of the window: the README's, or every screen, palette and entry type.

``python -m tests.ui.screenshots`` refreshes ``resources/screenshots/`` (the README's).

``python -m tests.ui.screenshots --matrix [FOLDER]`` shows the window as a first run does on
screens of 1024x640, 1280x720, 1366x768 and 1920x1080, and on 1920x1080 at
``QT_SCALE_FACTOR=2``, each in its own offscreen process; in light and in dark it opens one
entry of each type, and a search, and saves ``FOLDER/<screen>/<palette>-<what>.png``
(FOLDER defaults to a ``hipref-screenshots`` folder in the system temp folder).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from hipref import paths  # noqa: E402

SETTLE_MS = 300

STATES = {
    "main-window": lambda w: (
        w.search.setText("gluteus med"),
        w.searching.run_search(),
        w.open_ref("condition/gluteus-medius-tendinopathy"),
    ),
    "search-results": lambda w: (
        w.search.setText("prolo"),
        w.searching.run_search(),
        w.open_ref("treatment/prolotherapy"),
    ),
    "study-card": lambda w: (w.search.clear(), w.searching.run_search(), w.open_ref("study/gul-2020")),
    "excerpt-highlight": lambda w: (
        w.search.setText("nordic walking"),
        w.searching.run_search(),
        w.open_ref("excerpt/07-four-months-strength-training", highlight=("nordic", "walking")),
    ),
    "structure": lambda w: (w.search.clear(), w.searching.run_search(), w.open_ref("structure/iliofemoral-ligament")),
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


# name: (width, height, QT_SCALE_FACTOR)
SCREENS = {
    "1024x640": (1024, 640, 1),
    "1280x720": (1280, 720, 1),
    "1366x768": (1366, 768, 1),
    "1920x1080": (1920, 1080, 1),
    "1920x1080-scale2": (1920, 1080, 2),
}
# One entry of each type, the one most likely to crowd the window where there is a choice.
ENTRIES = {
    "condition": "condition/femoroacetabular-impingement",
    "structure": "structure/iliofemoral-ligament",
    "site": None,
    "treatment": "treatment/prolotherapy",
    "study": "study/gul-2020",
    "excerpt": None,
    "term": None,
    "source": None,
}


def open_window(size: tuple[int, int] | None = None):
    """The window as ``hipref gui`` first shows it (fresh settings), complete."""
    from hipref.app import start_window
    from hipref.store.content_store import ContentStore
    from hipref.ui.main_window import MainWindow
    from hipref.ui.services import Services
    from hipref.ui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)
    services = Services.create(ContentStore.open(paths.bundled_db_path()), Path(tempfile.mkdtemp()))
    window = MainWindow(services)
    if size is not None:
        window.resize(*size)
    window.show()
    start_window(window)
    window.complete()  # as it is a moment after it appears, before anyone types
    return window, services


def entry_refs(content) -> dict[str, str]:
    refs = {}
    for type_, preferred in ENTRIES.items():
        listed = [entry.ref for entry in content.list_entries(type_)]
        if listed:
            refs[type_] = preferred if preferred in listed else listed[0]
    return refs


def save_matrix_shots(folder: Path) -> list[Path]:
    """In this process's screen: each palette, each entry type and a search."""
    window, services = open_window()
    saved = []
    refs = entry_refs(services.content)
    for scheme in ("light", "dark"):
        services.colours.choose(scheme)
        states = {f"{scheme}-{type_}": (lambda w, r=ref: w.open_ref(r)) for type_, ref in refs.items()}
        states[f"{scheme}-search"] = lambda w: (w.search.setText("hip pain"), w.searching.run_search())
        saved += save_screenshots(window, folder, states)
        window.search.clear()
    window.close()
    services.close()
    return saved


def run_matrix(folder: Path) -> int:
    """Each screen in its own process: the offscreen screen is fixed when Qt starts."""
    code = 0
    for name, (width, height, scale) in SCREENS.items():
        config = Path(tempfile.mkdtemp()) / "screen.json"
        screen = {"name": name, "x": 0, "y": 0, "width": width, "height": height}
        screen.update({"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1})
        config.write_text(
            json.dumps({"synchronousWindowSystemEvents": False, "windowFrameMargins": False, "screens": [screen]})
        )
        env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": str(scale)}
        command = [sys.executable, "-m", "tests.ui.screenshots", "--one-screen", str(folder / name)]
        code |= subprocess.run(command, env=env, cwd=paths.resources_dir().parent).returncode
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matrix", nargs="?", const=Path(tempfile.gettempdir()) / "hipref-screenshots", type=Path)
    parser.add_argument("--one-screen", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.matrix:
        return run_matrix(args.matrix)
    if args.one_screen:
        for path in save_matrix_shots(args.one_screen):
            print(path)
        return 0
    window, services = open_window((1280, 820))
    for path in save_screenshots(window, paths.resources_dir() / "screenshots"):
        print(path)
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
