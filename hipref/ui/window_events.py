"""Events the main window watches across the application, from just after its first frame."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent

HISTORY_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right)


class WindowEvents(QObject):
    """History and palette events for ``window``, as an application-wide event filter.

    - the mouse's back and forward buttons anywhere move through history;
    - Alt+Left and Alt+Right reach the window's history even from the reading pane (a
      QTextBrowser would claim them for its own);
    - a switch between light and dark renders the page again.
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.BackButton:
                self.window.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.window.go_forward()
                return True
        elif kind == QEvent.Type.ShortcutOverride and watched is self.window.reader and isinstance(event, QKeyEvent):
            if event.modifiers() == Qt.KeyboardModifier.AltModifier and event.key() in HISTORY_KEYS:
                event.ignore()  # not overridden: the window's Back or Forward shortcut runs
                return True
        elif kind == QEvent.Type.PaletteChange and watched is self.window:
            self.window.follow_palette()
        return super().eventFilter(watched, event)
