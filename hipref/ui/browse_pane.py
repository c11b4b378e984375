"""The browse pane: every entry by type in a tree, over the box that sorts its studies."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QTreeView, QVBoxLayout, QWidget

from hipref.search.engine import Hit
from hipref.ui.navigator_model import STUDY_SORTS, build_navigator_model, replace_group, sort_studies
from hipref.ui.roles import CATEGORY_ROLE, REF_ROLE
from hipref.ui.services import Services

RECENT_SHOWN = 15


class BrowsePane(QWidget):
    """Bookmarks, recent entries, then every type with its count; a click opens an entry.

    The study sort is kept in the settings as soon as it is chosen.
    """

    open_ref = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._following = ""
        self.navigator = QTreeView(self)
        self.navigator.setProperty("role", "navigator")
        self.navigator.setHeaderHidden(True)
        self.navigator.setAccessibleName("Browse entries")
        self.navigator.setSelectionMode(QTreeView.SelectionMode.ExtendedSelection)
        self.navigator.setUniformRowHeights(True)
        self.navigator.activated.connect(self._activated)
        self.navigator.clicked.connect(self._activated)
        self.study_sort = QComboBox(self)
        self.study_sort.setAccessibleName("Sort studies by")
        for key, label in STUDY_SORTS.items():
            self.study_sort.addItem(f"Studies by {label.lower()}", key)
        index = self.study_sort.findData(services.settings.value("view/study_sort", "article"))
        self.study_sort.setCurrentIndex(max(index, 0))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigator)
        layout.addWidget(self.study_sort)
        self.narrow_note = QLabel("Type to search. A wider window shows every entry here to browse.", self)
        self.narrow_note.setProperty("role", "status")
        self.narrow_note.setWordWrap(True)
        self.narrow_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.narrow_note.hide()
        layout.addWidget(self.narrow_note)
        self.refresh()
        self.study_sort.currentIndexChanged.connect(self._sort_changed)

    def refresh(self) -> None:
        """Read the entries, bookmarks and recent entries again, keeping open groups open."""
        old = self.navigator.model()
        expanded = self._expanded_categories() if old is not None else {"condition"}
        user = self._services.user
        model = build_navigator_model(
            self._services.content.list_entries(),
            [(b.ref, b.title) for b in user.bookmarks()],
            [(r.ref, r.title) for r in user.recent(RECENT_SHOWN)],
            self.study_sort.currentData() or "article",
            parent=self,
        )
        self.navigator.setModel(model)
        if old is not None:
            old.deleteLater()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(CATEGORY_ROLE) in expanded:
                self.navigator.expand(index)
        if self._following:
            self.follow(self._following)

    def follow(self, ref: str) -> None:
        """Select the open entry ``ref`` under its type (its group opened, scrolled to), as
        the tree's current row; nothing is opened."""
        self._following = ref
        model = self.navigator.model()
        type_ = ref.split("/", 1)[0]
        found = []
        for row in range(model.rowCount()):  # only under its type, and only the first: not every row
            category = model.index(row, 0)
            if category.data(CATEGORY_ROLE) == type_ and model.hasChildren(category):
                flags = Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly
                found = model.match(model.index(0, 0, category), REF_ROLE, ref, 1, flags)
                break
        if not found:
            self.navigator.clearSelection()
            return
        parent = found[0].parent()
        while parent.isValid():
            self.navigator.expand(parent)
            parent = parent.parent()
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Current
        self.navigator.selectionModel().setCurrentIndex(found[0], flags)
        self.navigator.scrollTo(found[0])

    def in_study_order(self, hits: list[Hit]) -> list[Hit]:
        """Study hits in the order this tree sorts studies."""
        studies = sort_studies(self._services.content.list_entries("study"), self.study_sort.currentData() or "article")
        order = {study.ref: index for index, study in enumerate(studies)}
        return sorted(hits, key=lambda hit: order.get(hit.ref, len(order)))

    def show_tree(self, on: bool) -> None:
        """Show the tree and its sort box, or (in a narrow window) a line saying where they went."""
        self.navigator.setVisible(on)
        self.study_sort.setVisible(on)
        self.narrow_note.setVisible(not on)

    def refresh_kept(self) -> None:
        """Read the bookmarks and recent entries again (the rest of the tree stays as it is)."""
        user, model = self._services.user, self.navigator.model()
        replace_group(model, "bookmarks", [(b.ref, b.title) for b in user.bookmarks()])
        replace_group(model, "recent", [(r.ref, r.title) for r in user.recent(RECENT_SHOWN)])

    def selected_study_refs(self) -> list[str]:
        refs = [index.data(REF_ROLE) for index in self.navigator.selectionModel().selectedIndexes()]
        return [ref for ref in refs if ref and ref.startswith("study/")]

    def _sort_changed(self) -> None:
        self._services.settings.setValue("view/study_sort", self.study_sort.currentData())
        self.refresh()

    def _expanded_categories(self) -> set[str]:
        model = self.navigator.model()
        return {
            model.index(row, 0).data(CATEGORY_ROLE)
            for row in range(model.rowCount())
            if self.navigator.isExpanded(model.index(row, 0))
        }

    def _activated(self, index: QModelIndex) -> None:
        ref = index.data(REF_ROLE)
        if ref:
            self.open_ref.emit(ref)
        elif self.navigator.model().hasChildren(index):
            self.navigator.setExpanded(index, not self.navigator.isExpanded(index))
