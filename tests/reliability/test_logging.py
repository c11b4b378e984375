"""Guarantee: every session leaves a log in the data folder, and an unexpected error in the
window is logged there and shown as a short non-modal message while the window stays open."""

from __future__ import annotations

import sys

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from hipref.app import setup_logging
from hipref.ui.errors import MAX_SHOWN_CHARS, install_exception_hook
from tests.reliability.conftest import run_hipref
from tests.windows import open_window

LOG_NAME = "hipref.log"


def test_a_window_session_leaves_a_log_in_the_data_folder(data_dir):
    proc = run_hipref("gui", "--open", "condition/hip-osteoarthritis", "--exit-when-ready", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    log = (data_dir / LOG_NAME).read_text(encoding="utf-8")
    assert "INFO hipref: hipref" in log and "starting" in log and str(data_dir) in log


def error_boxes(window) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


@pytest.fixture
def logged_window(qtbot, fixture_db, data_dir, app_state):
    """A window with the app's own log file and exception hook, as ``run_gui`` sets them up."""
    setup_logging(data_dir)
    with open_window(qtbot, fixture_db, data_dir) as window:
        install_exception_hook(window)
        yield window


def raise_and_catch(error: BaseException):
    def deep_in_the_window():
        raise error

    try:
        deep_in_the_window()
    except BaseException as exc:  # noqa: BLE001
        return type(exc), exc, exc.__traceback__


def test_the_hook_logs_the_error_and_shows_a_short_non_modal_message(qtbot, logged_window, data_dir):
    window = logged_window
    sys.excepthook(*raise_and_catch(ValueError("the citation has no year " + "x" * 5000)))
    qtbot.waitUntil(lambda: error_boxes(window) != [])
    (box,) = error_boxes(window)
    assert not box.isModal() and QApplication.activeModalWidget() is None
    assert "ValueError: the citation has no year" in box.text()
    assert len(box.text()) < MAX_SHOWN_CHARS + 200, "the message is short; the details are in the log"
    assert "Traceback" not in box.text() and "hipref.log" in box.text()
    log = (data_dir / LOG_NAME).read_text(encoding="utf-8")
    assert "ERROR hipref.ui: unexpected error" in log and "deep_in_the_window" in log and "x" * 5000 in log
    assert window.isVisible()
    window.search.setText("OA")  # and the window still works
    qtbot.waitUntil(lambda: window.parts.results.list.current_ref() == "condition/hip-osteoarthritis")


def test_an_exception_raised_in_a_slot_is_logged_and_shown(qtbot, logged_window, data_dir):
    window = logged_window

    def broken_slot():
        raise RuntimeError("a slot broke")

    timer = QTimer(window)
    timer.setSingleShot(True)
    timer.timeout.connect(broken_slot)
    timer.start(0)
    qtbot.waitUntil(lambda: error_boxes(window) != [])
    assert "RuntimeError: a slot broke" in error_boxes(window)[0].text()
    log = (data_dir / LOG_NAME).read_text(encoding="utf-8")
    assert "RuntimeError: a slot broke" in log and "broken_slot" in log
    assert window.isVisible()
    assert window.open_ref("study/gul-2020")


def test_a_burst_of_errors_shows_one_message(qtbot, logged_window, data_dir):
    window = logged_window
    for i in range(30):
        sys.excepthook(*raise_and_catch(KeyError(f"error {i}")))
    qtbot.waitUntil(lambda: error_boxes(window) != [])
    boxes = window.findChildren(QMessageBox)
    assert len(boxes) == 1 and "error 29" in boxes[0].text()
    assert (data_dir / LOG_NAME).read_text(encoding="utf-8").count("unexpected error") == 30


def test_the_hook_never_raises_even_when_the_window_is_gone(qtbot, fixture_db, data_dir, app_state):
    setup_logging(data_dir)
    with open_window(qtbot, fixture_db, data_dir) as window:
        install_exception_hook(window)
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))  # the window has been deleted
    sys.excepthook(*raise_and_catch(OSError("late error")))
    assert "OSError: late error" in (data_dir / LOG_NAME).read_text(encoding="utf-8")
