"""Composition root of the window.

Start-up, in order:
1. the CLI has parsed the arguments (``hipref gui ...``), with Python's cycle collector off
   until the window is complete (see ``hipref.cli.run``);
2. the Qt-free modules are imported, then PySide6 (see QT_FREE_MODULES);
3. the user data folder is found (``HIPREF_DATA_DIR`` or the platform's) and logging set up;
4. the QApplication is created and the app-wide stylesheet loaded;
5. the content database is opened read-only (an unusable one: one clear line on stderr,
   a dialog, exit 2);
6. the user database is opened (a damaged one is moved aside and a fresh one started);
7. the services (content store and its searcher, user data, settings) are built here and passed to the window;
8. the window is shown. Its first frame holds the menus, the toolbar, the search field and
   the welcome page; the browse tree and the note pane fill in just after it, then the diagram
   pane and the rest are built (``hipref/ui/main_window.py``). ``--open``, ``--present`` and
   ``--screenshot`` build the whole window first; ``--exit-when-ready`` exits once the first
   frame is painted and a search has run, ``--exit-when-complete`` once the rest is built too.
Nothing heavy is imported before it is needed (Markdown waits for the first entry).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import logging.handlers
import sys
from pathlib import Path

from hipref import paths

log = logging.getLogger("hipref")

EXIT_UNUSABLE = 2

# The window's Qt-free modules, imported before PySide6: once it is loaded, its import hook
# reads the source of every module imported after it to see whether it uses PySide6.
QT_FREE_MODULES = ("hipref.search.engine", "hipref.render.theme")


def setup_logging(folder: Path) -> None:
    """A rotating log in the user data folder; quiet on the console. Set up once per process."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if any(getattr(h, "_hipref", False) for h in root.handlers):
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "hipref.log", maxBytes=512_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._hipref = True  # type: ignore[attr-defined]
    root.addHandler(handler)


def resume_garbage_collection() -> None:
    """Turn the cycle collector back on once the window is complete (``hipref.cli.run`` turns
    it off for start-up). What start-up built lives as long as the app, so it is frozen out of
    later collections instead of being walked by each of them."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _fail(message: str, interactive: bool, title: str = "hipref cannot open its content") -> int:
    """Tell the user why the window cannot open: stderr always, a dialog when someone is there."""
    from PySide6.QtWidgets import QMessageBox

    print(f"hipref: {message}", file=sys.stderr)
    log.error("cannot start: %s", message)
    if interactive:
        QMessageBox.critical(None, title, message)
    return EXIT_UNUSABLE


def run_gui(args: argparse.Namespace, db_path: Path) -> int:
    # Qt-free first (see QT_FREE_MODULES); hipref.ui.errors imports PySide6 only when it shows.
    from hipref import __version__
    from hipref.store.content_store import ContentStore
    from hipref.store.errors import UnusableDatabaseError
    from hipref.ui.errors import install_exception_hook
    from hipref.userdata.store import UserDataError

    for name in QT_FREE_MODULES:
        importlib.import_module(name)
    from PySide6.QtWidgets import QApplication

    from hipref.ui.app_icon import DESKTOP_ID, app_icon
    from hipref.ui.services import Services
    from hipref.ui.style import apply_style

    data_dir = paths.user_data_dir()
    setup_logging(data_dir)
    log.info("hipref %s starting: content %s, user data %s", __version__, db_path, data_dir)
    exit_when_complete = bool(getattr(args, "exit_when_complete", False))
    exit_when_ready = bool(getattr(args, "exit_when_ready", False))
    unattended = exit_when_ready or exit_when_complete or bool(getattr(args, "screenshot", None))

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("hipref")
    app.setOrganizationName("hipref")
    app.setDesktopFileName(DESKTOP_ID)
    apply_style(app)

    try:
        content = ContentStore.open(db_path, check_index=False)  # checked on the first search error
    except UnusableDatabaseError as exc:
        return _fail(str(exc), interactive=not unattended)
    data_title = "hipref cannot open your data folder"
    try:
        services = Services.create(content, data_dir)
    except UserDataError as exc:
        content.close()
        return _fail(f"{exc}. Set HIPREF_DATA_DIR to a folder you can write to.", not unattended, data_title)
    except Exception as exc:  # noqa: BLE001 - any failure here must be a message, not a traceback
        log.exception("cannot open user data")
        content.close()
        return _fail(f"Cannot open the user data folder {data_dir}: {exc}", not unattended, data_title)

    from hipref.ui.main_window import MainWindow

    try:
        window = MainWindow(services)
        window.completed.connect(resume_garbage_collection)
        window.completed.connect(lambda: app.setWindowIcon(app_icon()))  # after the first frame: not on its path
        install_exception_hook(window)
        window.show()
        code = window.start(
            open_ref=getattr(args, "open", None),
            present=bool(getattr(args, "present", False)),
            screenshot=getattr(args, "screenshot", None),
            exit_when_ready=unattended,
            exit_when_complete=exit_when_complete,
        )
        if code is not None:
            return code
        return app.exec()
    finally:
        services.close()  # every way out leaves the user database closed and checkpointed
        content.close()
