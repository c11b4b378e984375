"""The results page of the left pane: how many results, over the list of them."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from hipref.search.engine import Results
from hipref.ui.result_list import ResultList
from hipref.ui.results_model import ResultsModel
from hipref.ui.search_status import SearchStatus


class ResultsPane(QWidget):
    """``shortcut_parent`` holds the shortcut that searches the words as typed (see SearchStatus)."""

    def __init__(self, shortcut_parent: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ResultsModel(self)
        self.count = SearchStatus(shortcut_parent, self)
        self.list = ResultList(self.model, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count)
        layout.addWidget(self.list)

    def show_results(self, results: Results, query: str) -> None:
        """Show what a search for ``query`` found, the best hit selected."""
        self.model.set_hits(results.hits, query, results.words)
        self.count.show_results(results)
        if results.hits:
            self.list.select_row(self.model.first_hit_row())

    def show_message(self, text: str) -> None:
        """No hits, and one line saying why (a search that failed)."""
        self.model.set_hits([])
        self.count.corrected = False
        self.count.setText(text)

    def focus_first(self) -> None:
        """Move the focus into the list (the best hit selected if none is), when there are hits."""
        if self.model.hit_count():
            self.list.setFocus()
            if not self.list.currentIndex().isValid():
                self.list.select_row(self.model.first_hit_row())
