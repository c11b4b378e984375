"""The line above the results: how many, and which words were searched when a misspelling was
corrected, with the words as typed one click (or Alt+I) away."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QWidget

from hipref.search.engine import Results

AS_TYPED_KEY = "Alt+I"
NO_RESULTS = "No results. Check the spelling or try fewer words."


def status_html(results: Results) -> str:
    """What the line says for ``results`` (rich text)."""
    count = len(results.hits)
    counted = f"{count} result{'s' if count != 1 else ''}" if count else NO_RESULTS
    if results.similar:
        return f"No entry has <b>{html.escape(results.typed)}</b>. Names spelled like it:"
    if not results.corrected:
        return html.escape(counted)
    return (
        f"Showing results for <b>{html.escape(results.query)}</b> · "
        f'<a href="as-typed">Search instead for {html.escape(results.typed)}</a> ({AS_TYPED_KEY})'
        f"<br>{html.escape(counted)}"
    )


class SearchStatus(QLabel):
    search_as_typed = Signal()

    def __init__(self, shortcut_parent: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "status")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.corrected = False
        self.linkActivated.connect(lambda _link: self._as_typed())
        self.shortcut = QShortcut(QKeySequence(AS_TYPED_KEY), shortcut_parent)
        self.shortcut.activated.connect(self._as_typed)

    def _as_typed(self) -> None:
        if self.corrected:
            self.search_as_typed.emit()

    def show_results(self, results: Results) -> None:
        self.corrected = results.corrected
        self.setText(status_html(results))
        self.setAccessibleName(self.text().replace("<br>", ". "))
