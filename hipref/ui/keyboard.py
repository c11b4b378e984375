"""The keys that work across the main window without being menu commands.

Menu commands carry their own shortcuts; the keys here depend on where the focus is (a letter
typed in the results list, Page Down in the search box, Esc in the note). :data:`KEYS` both
describes them for Help > Keyboard shortcuts and is what :class:`KeyboardModel` acts on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

if TYPE_CHECKING:
    from typing import Protocol

    class Keyed(Protocol):
        """What the keys reach in the window."""

        search: QLineEdit
        reader: QTextEdit

        def focus_search(self) -> None: ...
        def type_into_search(self, text: str) -> None: ...
        def note_editor(self) -> QPlainTextEdit | None: ...


@dataclass(frozen=True)
class Key:
    """A key the window handles by where the focus is, as Help lists it."""

    keys: str
    does: str


KEYS = (
    Key("Any letter or digit", "Type into the search box (from anywhere but a text field or the diagram)"),
    Key("Down, Up (in results)", "Move through results; each shows after a short pause"),
    Key("Enter (in results)", "Open the result (a preview left showing is kept in history too)"),
    Key("Esc (in results)", "Back to the search box"),
    Key("Tab, Shift+Tab", "Search box, results, entry, note"),
    Key("PgUp, PgDown, Home, End (in search)", "Scroll the entry"),
    Key("Esc (in the note)", "Back to the search box"),
    Key("Enter, Shift+Enter (in find)", "Next, previous match"),
    Key("Esc (in find)", "Close find"),
)

SCROLL_KEYS = {
    Qt.Key.Key_PageUp: QScrollBar.SliderAction.SliderPageStepSub,
    Qt.Key.Key_PageDown: QScrollBar.SliderAction.SliderPageStepAdd,
    Qt.Key.Key_Home: QScrollBar.SliderAction.SliderToMinimum,
    Qt.Key.Key_End: QScrollBar.SliderAction.SliderToMaximum,
}
TYPING_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


def takes_keys(widget: QWidget) -> bool:
    """Whether ``widget`` uses typed keys itself: a text field (an editable field, box or spin
    box), or the diagram (+, - and 0 zoom it)."""
    if isinstance(widget, (QLineEdit, QAbstractSpinBox, QGraphicsView)):
        return True
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    return isinstance(widget, QComboBox) and widget.isEditable()


def typed_text(event: QKeyEvent) -> str:
    """The printable text a key press types ('' for a command, a space or a control key)."""
    if event.modifiers() & ~TYPING_MODIFIERS:
        return ""
    text = event.text()
    return text if text and text.isprintable() and not text.isspace() else ""


class KeyboardModel(QObject):
    """An application-wide event filter acting on :data:`KEYS` for one window's widgets."""

    def __init__(self, window: Keyed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self.window or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.window.search:
            action = SCROLL_KEYS.get(key)
            if action is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.window.reader.verticalScrollBar().triggerAction(action)
                return True
            return False
        if key == Qt.Key.Key_Escape and watched is self.window.note_editor():
            self.window.focus_search()
            return True
        text = typed_text(event)
        if text and not takes_keys(watched):
            self.window.searching.type_into_search(text)
            return True
        return False
