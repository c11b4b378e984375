"""Small helpers that act on the window the way a person does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextDocument

from hipref.ui.roles import REF_ROLE


def type_query(qtbot, window, text: str) -> None:
    window.search.setFocus()
    window.search.clear()
    qtbot.keyClicks(window.search, text)
    qtbot.waitUntil(lambda: window.parts.results.model.query == text, timeout=3000)


def result_refs(window) -> list[str]:
    model = window.parts.results.model
    return [model.index(r, 0).data(REF_ROLE) for r in range(model.rowCount()) if model.index(r, 0).data(REF_ROLE)]


def click_link(qtbot, reader, text: str) -> None:
    """Scroll to the link whose text is ``text`` and click it with the mouse."""
    cursor = reader.document().find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
    while not cursor.isNull() and not cursor.charFormat().isAnchor():
        cursor = reader.document().find(text, cursor, QTextDocument.FindFlag.FindCaseSensitively)
    assert not cursor.isNull(), f"no link {text!r} on the page"
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()
    rect = reader.cursorRect(cursor)
    point = rect.center()
    point.setX(rect.left() - 4)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)


def use_dark_palette(widget) -> None:
    """Switch ``widget`` (and its children) to a dark palette, as the desktop would."""
    palette = widget.palette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.Base, "#17181a"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
    ):
        palette.setColor(role, QColor(colour))
    widget.setPalette(palette)


def present(qtbot, window):
    """Start presentation mode on the open entry (or every drawn entry) and wait until it shows."""
    window.enter_presentation()
    show = window.parts.teaching.presentation
    qtbot.waitUntil(show.isActiveWindow)
    return show
