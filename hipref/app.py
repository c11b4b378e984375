"""Composition root of the window.

Start-up, in order:
1. the CLI has parsed the arguments (``hipref gui ...``), with Python's cycle collector off
   until the window is complete (see ``hipref.cli.run``);
2. the Qt-free modules are imported, then PySide6 (see QT_FREE_MODULES);
3. the user data folder is found (``HIPREF_DATA_DIR`` or the platform's) and logging set up;
4. the QApplication is created and the app-wide stylesheet loaded;
5. the content database is opened read-only (an unusable one: one clear line on stderr,
   a dialog, exit 2);
6. the services (content store and its searcher, settings, and the user's data, opened when
   first asked for) are built here and passed to the window;
7. the window is shown (:func:`start_window`). Its first frame holds the menus, the toolbar,
   the search field and the welcome page. Just after it the user database is opened (a
   damaged one is moved aside and a fresh one started; one that cannot be written is used
   read-only, and the window says so), the browse tree and the note pane fill in, then the
   diagram pane and the rest are built (``hipref/ui/window_parts.py``).
   ``--open``, ``--present`` and ``--screenshot`` build what they need first;
   ``--exit-when-ready`` exits once the first frame is painted and a search has run,
   ``--exit-when-complete`` once the rest is built and the user database open too.

Start-up tricks. These keep the first frame within 1.5 times a bare window
(``tests/perf/bench_startup.py``); they are used only by the modules that build the first
frame (this one, ``hipref.cli``, ``hipref/ui/main_window.py``, ``window_menus.py``,
``window_parts.py``, ``reader.py``, ``long_blocks.py``, ``search_field.py``, ``errors.py``,
``style.py``, ``services.py``, and ``hipref/store/content_store.py``, opened before the first
frame), which point back here. Everything built after the first frame is written plainly.

- Imports inside functions: what the first frame does not use is imported when first needed
  (Markdown with the first entry, each later part of the window by its builder, the record
  classes the content store's queries return, about 3 ms of frozen dataclasses, and the Qt
  classes only a long entry needs: PySide6 makes a class and its enums when it is first
  imported, which for the text formats alone is milliseconds).
- Qt enums by name: PySide6 builds the Python enums of a class on its first touch (about
  30 ms for ``Qt``), so before the first frame nothing touches ``Qt``, ``QStyle`` or
  ``QEvent``: properties are set by name (``setProperty("orientation", "Vertical")``) and
  signals declared with type names (``Signal("QUrl")``).
- Module names as strings (QT_FREE_MODULES): the Qt-free modules the window needs are imported
  before PySide6, whose import hook reads the source of every module imported after it.
- The user's data opens just after the first frame, not before it: its database is checked and
  backed up at each start (a copy and several syncs to disk), and it is the only reason the
  first frame would import peewee. Nothing on the welcome page needs it; opening an entry
  before then (``--open``) opens it at once (``hipref.ui.services.Services.user``).
- The cycle collector is off until the window is complete (``hipref.cli.run`` and
  ``hipref/__main__.py`` turn it off): start-up allocates a great deal and frees almost
  nothing, and each collection would walk the whole growing heap (about 2% of the start's work).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import logging.handlers
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from hipref import paths

if TYPE_CHECKING:
    from hipref.ui.main_window import MainWindow
    from hipref.userdata.store import UserData

log = logging.getLogger("hipref")

EXIT_UNUSABLE = 2
DATA_TITLE = "hipref cannot open your data folder"
FIRST_FRAME_TIMEOUT_S = 10.0
FIRST_FRAME_POLL_MS, FIRST_FRAME_POLLS = 10, 200  # complete anyway after 2 s off screen

# The window's Qt-free modules, imported before PySide6 (see "start-up tricks" above).
QT_FREE_MODULES = ("hipref.search.engine", "hipref.render.theme", "hipref.render.welcome", "hipref.session")


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
    """Turn the cycle collector back on once the window is complete (see "start-up tricks").
    What start-up built lives as long as the app, so it is frozen out of later collections
    instead of being walked by each of them."""
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
    services = Services.create(content, data_dir)

    from hipref.ui.main_window import MainWindow

    try:
        window = MainWindow(services)
        window.completed.connect(resume_garbage_collection)
        window.completed.connect(lambda: app.setWindowIcon(app_icon()))  # after the first frame: not on its path
        install_exception_hook(window)
        window.show()
        code = start_window(
            window,
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


def start_window(
    window: MainWindow,
    open_ref: str | None = None,
    present: bool = False,
    screenshot: Path | None = None,
    exit_when_ready: bool = False,
    exit_when_complete: bool = False,
) -> int | None:
    """Act on the command line once the window is shown; an exit code when unattended.

    Interactive, the window opens the user's data and completes itself after its first frame,
    and None is returned. Unattended, problems go to stderr and the code is returned for the
    caller to exit with, once the window's settings are saved; the window is left to the exit.
    """
    unattended = exit_when_ready or exit_when_complete
    services = window.services
    services.when_user_opens = lambda user: tell_about_user_data(window, user, unattended)
    if services.user_is_open:
        tell_about_user_data(window, services.user, unattended)
    elif open_ref or present or screenshot:  # these need the user's data before the first frame
        if not open_user_data(window, unattended):
            return EXIT_UNUSABLE
    if screenshot:
        window.complete()
    if open_ref:
        window.open_ref(open_ref)
    if present:
        window.enter_presentation()
    window.search.setFocus()
    if not unattended:
        complete_after_first_frame(window)
        return None
    if not wait_for_first_frame(window, FIRST_FRAME_TIMEOUT_S):
        print(f"hipref: the window was not painted within {FIRST_FRAME_TIMEOUT_S:g} s", file=sys.stderr)
        return 1
    window.services.content.searcher.search("hip")  # search is ready, not just constructed
    if exit_when_complete or screenshot:
        if not open_user_data(window, unattended):
            return EXIT_UNUSABLE
        window.complete()
        window.parts.diagram_pane.ensure_loaded()
        window.repaint()
    if screenshot:
        presentation = window.parts.teaching.presentation
        shown = presentation if present and presentation is not None else window
        if not shown.grab().save(str(screenshot)):
            print(f"hipref: cannot save screenshot to {screenshot}", file=sys.stderr)
            return EXIT_UNUSABLE
    window.save_settings()  # all that closing would do: nothing else changed unattended
    return 0


def open_user_data(window: MainWindow, unattended: bool) -> bool:
    """Open the user's data if it is not open yet; False, with a message, if it cannot be."""
    try:
        window.services.user  # noqa: B018 - opened on first use
    except Exception as exc:  # noqa: BLE001 - any failure here must be a message, not a traceback
        log.exception("cannot open user data")
        message = f"Cannot open the user data folder {window.services.data_dir}: {exc}."
        _fail(f"{message} Set HIPREF_DATA_DIR to a folder you can write to.", not unattended, DATA_TITLE)
        return False
    return True


def tell_about_user_data(window: MainWindow, user: UserData, unattended: bool) -> None:
    """Say, once the user's data is open, if it is read-only or was damaged and moved aside."""
    if not user.writable:
        from hipref.ui.notices import show_read_only

        show_read_only(window, user.read_only_reason, unattended)
    if user.recovered_from is not None:
        if unattended:
            from hipref.ui.notices import recovered_message

            print(f"hipref: {recovered_message(user)}", file=sys.stderr)
        else:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, window.tell_recovered)


def has_first_frame(window: MainWindow) -> bool:
    """Whether the window is on screen. Qt paints a widget window as it handles its first
    expose event, so once the window is exposed its first frame has been painted."""
    handle = window.windowHandle()
    return handle is not None and handle.isExposed()


def complete_after_first_frame(window: MainWindow) -> None:
    """Once the first frame is on screen, open the user's data, fill in the browse and note
    panes at once, and complete the window in the next turn of the event loop, after the
    filled-in frame. If the user's data cannot be opened at all, the app ends with 2."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    polls = 0

    def poll() -> None:
        nonlocal polls
        polls += 1
        if has_first_frame(window) or polls >= FIRST_FRAME_POLLS:
            timer.stop()
            if not window.isVisible():  # closed: the databases may be closed too
                return
            if not open_user_data(window, unattended=False):
                window.close()
                QApplication.exit(EXIT_UNUSABLE)
                return
            window.parts.fill_in()
            QTimer.singleShot(0, window, lambda: window.isVisible() and window.complete())

    timer = QTimer(window)
    timer.timeout.connect(poll)
    timer.start(FIRST_FRAME_POLL_MS)


def wait_for_first_frame(window: MainWindow, timeout_s: float = FIRST_FRAME_TIMEOUT_S) -> bool:
    """Handle events until the window's first frame is painted (False if time runs out)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app, deadline = QApplication.instance(), time.monotonic() + timeout_s
    waker = QTimer(window)  # its ticks end each wait below, so the deadline is checked
    waker.start(50)
    while not has_first_frame(window) and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    waker.stop()
    waker.deleteLater()
    return has_first_frame(window)
