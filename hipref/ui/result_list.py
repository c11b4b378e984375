"""The results list: Enter opens the current result; Esc goes back to the search field; moving
to a result from the keyboard asks for its preview (:attr:`ResultList.moved_to`).

Up, Down, Home, End, Page Up and Page Down move between results, stepping over the group
headers; Up on the first result goes back to the search field. Its font follows the zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from hipref.ui.results_delegate import ResultsDelegate
from hipref.ui.results_model import ResultsModel
from hipref.ui.roles import REF_ROLE

READER_SCALE = 0.91  # the results' text size, of the reader's


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

    def _selectable(self, row: int) -> bool:
        return bool(self.model().index(row, 0).flags() & Qt.ItemFlag.ItemIsSelectable)

    def nearest_hit(self, row: int) -> QModelIndex:
        """The hit at ``row``, or the nearest one below it, or failing that above it."""
        count = self.model().rowCount()
        row = max(0, min(row, count - 1))
        for candidate in (*range(row, count), *range(row - 1, -1, -1)):
            if self._selectable(candidate):
                return self.model().index(candidate, 0)
        return QModelIndex()

    def moveCursor(self, action, modifiers) -> QModelIndex:  # noqa: N802 (Qt API)
        """Home, End, Page Up and Page Down land on results, never on a group header."""
        move = QAbstractItemView.CursorAction
        count = self.model().rowCount()
        if count == 0:
            return QModelIndex()
        current = self.currentIndex()
        if action == move.MoveHome:
            return self.nearest_hit(0)
        if action == move.MoveEnd:
            return self.nearest_hit(count - 1)
        if action in (move.MovePageUp, move.MovePageDown):
            page = self.viewport().height()
            rect = self.visualRect(current) if current.isValid() else self.viewport().rect()
            y = rect.top() + (page if action == move.MovePageDown else -page)
            target = self.indexAt(QPoint(rect.left() + 1, y))
            if target.isValid():
                row = target.row()
            else:
                row = count - 1 if action == move.MovePageDown else 0
            if row == current.row():
                row += 1 if action == move.MovePageDown else -1
            return self.nearest_hit(row)
        return super().moveCursor(action, modifiers)

    def follow_zoom(self, reader_point_size: float) -> None:
        """Draw the results a little smaller than the reader's text, at every zoom; snippets
        and headers scale with them."""
        font = self.font()
        font.setPointSizeF(reader_point_size * READER_SCALE)
        self.setFont(font)
        self.scheduleDelayedItemsLayout()

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
