"""The results list: Enter opens the current result; Esc goes back to the search field; moving
to a result from the keyboard asks for its preview (:attr:`ResultList.moved_to`)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from hipref.ui.results_delegate import ResultsDelegate
from hipref.ui.results_model import ResultsModel
from hipref.ui.roles import REF_ROLE


class ResultList(QListView):
    open_ref = Signal(str)
    back_to_search = Signal()
    moved_to = Signal(str)  # a result moved to from the keyboard, while the list has the focus

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "results")
        self.setModel(model)
        self.setItemDelegate(ResultsDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setAccessibleName("Search results")
        self.activated.connect(self._activate)
        self.clicked.connect(self._activate)

    def _activate(self, index: QModelIndex) -> None:
        ref = index.data(REF_ROLE)
        if ref:
            self.open_ref.emit(ref)

    def select_row(self, row: int) -> None:
        index = self.model().index(row, 0)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def step(self, delta: int) -> None:
        """Move the selection by ``delta`` hits, skipping group headers."""
        model = self.model()
        row = self.currentIndex().row() if self.currentIndex().isValid() else -1
        while True:
            row += delta
            if not 0 <= row < model.rowCount():
                return
            if model.index(row, 0).flags() & Qt.ItemFlag.ItemIsSelectable:
                self.select_row(row)
                return

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # noqa: N802 (Qt API)
        super().currentChanged(current, previous)
        ref = current.data(REF_ROLE) if current.isValid() else None
        if ref and self.hasFocus():  # not a new search selecting its best hit
            self.moved_to.emit(ref)

    def current_ref(self) -> str | None:
        return self.currentIndex().data(REF_ROLE) if self.currentIndex().isValid() else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex())
        elif event.key() == Qt.Key.Key_Escape:
            self.back_to_search.emit()
        elif event.key() == Qt.Key.Key_Down:
            self.step(1)
        elif event.key() == Qt.Key.Key_Up:
            if self.currentIndex().row() <= (
                self.model().first_hit_row() if hasattr(self.model(), "first_hit_row") else 0
            ):
                self.back_to_search.emit()
            else:
                self.step(-1)
        else:
            super().keyPressEvent(event)
