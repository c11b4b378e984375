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


def _root(value: BaseException) -> BaseException:
    """The error that started it: Qt's "Error calling Python override of ..." and peewee's
    wrappers only repeat it (once per level of nesting)."""
    seen: set[int] = set()
    while id(value) not in seen:
        seen.add(id(value))
        inner = value.__cause__ or value.__context__
        if inner is None and value.args and isinstance(value.args[0], BaseException):
            inner = value.args[0]
        if inner is None:
            break
        value = inner
    return value


def _summary(kind: type[BaseException], value: BaseException) -> str:
    """``Kind: message`` on a few lines at most; the full story is in the log."""
    from hipref.userdata import problems

    value = _root(value)
    kind = type(value)
    try:
        if problems.kind_of(value) not in (problems.OTHER, problems.DAMAGE):
            text = f"A file could not be used: {problems.reason(value)}."
        else:
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
