"""Find in the entry being read: a bar under the reader with next, previous and a match count.

The search box finds entries; this finds words inside the one that is open. Every match is
tinted, the current one selected; Enter and F3 go to the next, Shift+Enter and Shift+F3 to
the previous, Esc closes the bar and gives the reader back its focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget


class FindField(QLineEdit):
    """The find bar's text field: Enter goes to the next match, Shift+Enter to the previous."""

    step = Signal(int)
    leave = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step.emit(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        elif event.key() == Qt.Key.Key_Escape:
            self.leave.emit()
        else:
            super().keyPressEvent(event)


class FindBar(QFrame):
    """Finds text in ``reader``; hidden until :meth:`open` is called."""

    closed = Signal()

    def __init__(self, reader: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "find-bar")
        self.reader = reader
        self.matches: list[QTextCursor] = []
        self.index = -1
        self.field = FindField(self)
        self.field.setPlaceholderText("Find in this entry")
        self.field.setAccessibleName("Find in this entry")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel("", self)
        self.count.setProperty("role", "status")
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("888 of 888"))
        self.previous_button = self._button("▲", "Previous match (Shift+F3)", lambda: self.step(-1))
        self.next_button = self._button("▼", "Next match (F3)", lambda: self.step(1))
        close = self._button("✕", "Close find (Esc)", self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.setSpacing(4)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(close)
        self.field.textChanged.connect(self.refind)
        self.field.step.connect(self.step)
        self.field.leave.connect(self.close_bar)
        # another entry opened: find again once it is laid out and scrolled to its top
        reader.textChanged.connect(lambda: self.isVisible() and QTimer.singleShot(0, self, self.refind))
        self.hide()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def open(self) -> None:
        """Show the bar with its text selected, so typing replaces it; find it again."""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self.refind()

    def close_bar(self) -> None:
        self.hide()
        self.reader.setExtraSelections([])
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def refind(self) -> None:
        """Find every match of the field's text in the reader's page (case ignored), and go
        to the first one not above the reader's view."""
        text = self.field.text()
        self.matches = []
        document = self.reader.document()
        cursor = QTextCursor(document)
        while text:
            cursor = document.find(text, cursor, QTextDocument.FindFlag(0))
            if cursor.isNull():
                break
            self.matches.append(QTextCursor(cursor))
        later = [i for i, match in enumerate(self.matches) if self.reader.cursorRect(match).bottom() >= 0]
        self.index = later[0] if later else (0 if self.matches else -1)
        self._show_current()

    def step(self, delta: int) -> None:
        """Go to the next (``delta`` 1) or previous (-1) match, wrapping around."""
        if not self.isVisible():
            self.open()
            return
        if self.matches:
            self.index = (self.index + delta) % len(self.matches)
        self._show_current()

    def _show_current(self) -> None:
        found = bool(self.matches)
        self.count.setText(
            f"{self.index + 1} of {len(self.matches)}" if found else ("No matches" if self.field.text() else "")
        )
        self.previous_button.setEnabled(len(self.matches) > 1)
        self.next_button.setEnabled(len(self.matches) > 1)
        self._tint_field(found or not self.field.text())
        palette = self.reader.palette()
        current_colours = (
            palette.color(QPalette.ColorRole.Highlight),
            palette.color(QPalette.ColorRole.HighlightedText),
        )
        other_colours = (QColor("#ffc58f"), QColor("#000000"))  # not the yellow of searched words
        selections = []
        for i, match in enumerate(self.matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = match
            background, foreground = current_colours if i == self.index else other_colours
            selection.format.setBackground(background)
            selection.format.setForeground(foreground)
            selections.append(selection)
        self.reader.setExtraSelections(selections)
        if found:
            shown = QTextCursor(self.matches[self.index])
            shown.clearSelection()
            self.reader.setTextCursor(shown)
            self.reader.ensureCursorVisible()

    def _tint_field(self, ok: bool) -> None:
        self.field.setProperty("state", "" if ok else "not-found")
        self.field.style().unpolish(self.field)
        self.field.style().polish(self.field)

    def current_match(self) -> str:
        """The text of the current match ('' when there is none)."""
        return self.matches[self.index].selectedText() if self.matches else ""
