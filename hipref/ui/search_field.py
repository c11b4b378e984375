"""The search field: arrow keys move into the results, Enter opens, Esc clears."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent


class SearchField(QLineEdit):
    move_down = Signal()
    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "search")
        self.setPlaceholderText("Search…   Ctrl+K")
        self.setAccessibleName("Search")
        self.setAccessibleDescription("Type to search; results update as you type. Down arrow moves to results.")
        self.setMaxLength(256)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        from PySide6.QtCore import Qt  # not at import: see hipref.app

        key = event.key()
        if key == Qt.Key.Key_Down:
            self.move_down.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated.emit()
        elif key == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)
