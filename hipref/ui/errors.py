"""Unexpected errors in the window are logged and shown briefly; the window stays open."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("hipref.ui")


def install_exception_hook(parent: QWidget) -> None:
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        box = QMessageBox(QMessageBox.Icon.Warning, "Something went wrong",
                          f"hipref hit an unexpected problem and carried on.\n\n{kind.__name__}: {value}\n\n"
                          "Details are in hipref.log in your hipref data folder.", parent=parent)
        box.setModal(False)
        box.show()

    sys.excepthook = hook
