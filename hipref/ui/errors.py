"""Unexpected errors in the window are logged and shown briefly; the window stays open."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("hipref.ui")

MAX_SHOWN_CHARS = 300


def _summary(kind: type[BaseException], value: BaseException) -> str:
    """``Kind: message`` on a few lines at most; the full story is in the log."""
    try:
        text = f"{kind.__name__}: {value}"
    except Exception:  # noqa: BLE001 - an exception whose str() fails is still reported
        text = kind.__name__
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def install_exception_hook(parent: QWidget) -> None:
    """Route uncaught exceptions (e.g. raised in a slot) to the log and one non-modal message.

    The message box is reused, so a burst of errors shows one box with the latest, not a pile.
    Showing it can never raise in turn: if that fails (the window is gone), the log still has it.
    """
    box: QMessageBox | None = None

    def show(kind: type[BaseException], value: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        nonlocal box
        message = (
            f"hipref hit an unexpected problem and carried on.\n\n{_summary(kind, value)}\n\n"
            "Details are in hipref.log in your hipref data folder."
        )
        if box is None:
            box = QMessageBox(QMessageBox.Icon.Warning, "Something went wrong", message, parent=parent)
            box.setModal(False)
        else:
            box.setText(message)
        box.show()

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        nonlocal box
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        try:
            show(kind, value)
        except Exception:  # noqa: BLE001 - never raise from the hook itself
            box = None
            log.warning("could not show the error message", exc_info=True)

    sys.excepthook = hook
