"""Composition root of the window.

Start-up, in order:
1. the CLI has parsed the arguments (``hipref gui ...``);
2. the user data folder is found (``HIPREF_DATA_DIR`` or the platform's) and logging set up;
3. the QApplication is created and the app-wide stylesheet loaded;
4. the content database is opened read-only (an unusable one: one clear line on stderr,
   a dialog, exit 2);
5. the user database is opened (a damaged one is moved aside and a fresh one started);
6. the services (searcher, user data, settings) are built here and passed to the window;
7. the window is shown; ``--open``, ``--present``, ``--screenshot`` and
   ``--exit-when-ready`` act once it has painted.
Nothing heavy is imported before it is needed (Markdown waits for the first entry).
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys
from pathlib import Path

from hipref import paths

log = logging.getLogger("hipref")

EXIT_UNUSABLE = 2


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


def _fail(message: str, interactive: bool, title: str = "hipref cannot open its content") -> int:
    """Tell the user why the window cannot open: stderr always, a dialog when someone is there."""
    from PySide6.QtWidgets import QMessageBox

    print(f"hipref: {message}", file=sys.stderr)
    log.error("cannot start: %s", message)
    if interactive:
        QMessageBox.critical(None, title, message)
    return EXIT_UNUSABLE


def run_gui(args: argparse.Namespace, db_path: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from hipref import __version__
    from hipref.store.connection import open_content
    from hipref.store.errors import UnusableDatabaseError
    from hipref.ui.services import Services
    from hipref.ui.style import apply_style
    from hipref.userdata.store import UserDataError

    data_dir = paths.user_data_dir()
    setup_logging(data_dir)
    log.info("hipref %s starting: content %s, user data %s", __version__, db_path, data_dir)
    unattended = bool(getattr(args, "exit_when_ready", False) or getattr(args, "screenshot", None))

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("hipref")
    app.setOrganizationName("hipref")
    apply_style(app)

    try:
        database = open_content(db_path)
    except UnusableDatabaseError as exc:
        return _fail(str(exc), interactive=not unattended)
    data_title = "hipref cannot open your data folder"
    try:
        services = Services.create(database, data_dir)
    except UserDataError as exc:
        database.close()
        return _fail(f"{exc}. Set HIPREF_DATA_DIR to a folder you can write to.", not unattended, data_title)
    except Exception as exc:  # noqa: BLE001 - any failure here must be a message, not a traceback
        log.exception("cannot open user data")
        database.close()
        return _fail(f"Cannot open the user data folder {data_dir}: {exc}", not unattended, data_title)

    from hipref.ui.errors import install_exception_hook
    from hipref.ui.main_window import MainWindow

    try:
        window = MainWindow(services)
        install_exception_hook(window)
        window.show()
        code = window.start(
            open_ref=getattr(args, "open", None),
            present=bool(getattr(args, "present", False)),
            screenshot=getattr(args, "screenshot", None),
            exit_when_ready=unattended,
        )
        if code is not None:
            return code
        return app.exec()
    finally:
        services.close()  # every way out leaves the user database closed and checkpointed
        database.close()
