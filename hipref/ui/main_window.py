"""The main window: search and browse on the left, the entry and its note in the middle."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from hipref import paths
from hipref.content.diagrams import DRAWN_TYPES, focus_slugs, load_diagrams
from hipref.search.query import parse
from hipref.store import queries
from hipref.store.queries import EntryDetail
from hipref.ui.citation_actions import CitationActions
from hipref.ui.diagram_pane import DiagramPane
from hipref.ui.history import History
from hipref.ui.navigator_model import STUDY_SORTS, build_navigator_model
from hipref.ui.note_panel import NotePanel
from hipref.ui.reader import BASE_POINT_SIZE, Reader
from hipref.ui.result_list import ResultList
from hipref.ui.results_model import REF_ROLE, ResultsModel
from hipref.ui.search_field import SearchField
from hipref.ui.services import Services
from hipref.ui.study_bar import StudyBar
from hipref.ui.style import page_theme
from hipref.ui.teaching import Teaching

log = logging.getLogger(__name__)

MIN_POINT_SIZE, MAX_POINT_SIZE = 7.0, 32.0
RESULT_LIMIT = 60

WELCOME = """
<h1>hipref</h1>
<p>An offline reference for clinicians who treat hip pain, built from one article and the
studies it cites.</p>
<ul>
<li>Type in the search box: a few letters are enough (<i>FAI</i>, <i>prolo</i>, <i>iliofem</i>).
Narrow with a prefix: <i>study: walking</i>, <i>site: trochanter</i>, <i>lig: pubo</i>.</li>
<li>Arrow keys move through results, Enter opens one, Esc clears the search.</li>
<li>Browse every condition, structure, injection site, treatment, study and excerpt on the left.</li>
<li>Alt+Left and Alt+Right go back and forward. Ctrl+D bookmarks an entry.</li>
</ul>
<p><i>Reference material, not medical advice. The source article is written by a clinic that
offers prolotherapy; study cards keep what each study reports apart from how the article uses it.</i></p>
"""


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.settings = services.settings
        self.history = History()
        self.current: EntryDetail | None = None
        self.current_highlight: tuple[str, ...] = ()
        self.excerpt_total = queries.counts().get("excerpt", 0)
        self.diagrams, _problems = load_diagrams(paths.resources_dir())
        drawn = [e for t in DRAWN_TYPES for e in queries.list_entries(t)]
        self.drawn_names = {e.slug: e.title for e in drawn}
        self.drawn_refs = {e.slug: e.ref for e in drawn}
        self.setWindowTitle("hipref — hip pain reference")
        self.setAccessibleName("hipref main window")
        self._build_widgets()
        self._build_actions()
        self._restore_settings()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(0)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        QApplication.instance().installEventFilter(self)
        self.show_welcome()

    # -- layout ---------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.search = SearchField()
        self.results_model = ResultsModel(self)
        self.results = ResultList(self.results_model)
        self.result_count = QLabel("")
        self.result_count.setProperty("role", "status")

        self.navigator = QTreeView()
        self.navigator.setProperty("role", "navigator")
        self.navigator.setHeaderHidden(True)
        self.navigator.setAccessibleName("Browse entries")
        self.navigator.setSelectionMode(QTreeView.SelectionMode.ExtendedSelection)
        self.navigator.setUniformRowHeights(True)
        self.navigator.activated.connect(self._navigator_activated)
        self.navigator.clicked.connect(self._navigator_activated)
        self.study_sort = QComboBox()
        self.study_sort.setAccessibleName("Sort studies by")
        for key, label in STUDY_SORTS.items():
            self.study_sort.addItem(f"Studies by {label.lower()}", key)
        self.study_sort.currentIndexChanged.connect(lambda _: self.refresh_navigator())

        results_page = QWidget()
        results_layout = QVBoxLayout(results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.result_count)
        results_layout.addWidget(self.results)
        browse_page = QWidget()
        browse_layout = QVBoxLayout(browse_page)
        browse_layout.setContentsMargins(0, 0, 0, 0)
        browse_layout.addWidget(self.navigator)
        browse_layout.addWidget(self.study_sort)
        self.left_stack = QStackedWidget()
        self.left_stack.addWidget(browse_page)
        self.left_stack.addWidget(results_page)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.left_stack)

        self.reader = Reader()
        self.reader.open_ref.connect(lambda ref: self.open_ref(ref))
        self.study_bar = StudyBar()
        self.study_bar.copy_requested.connect(self.copy_study_field)
        self.study_bar.hide()
        self.notes = NotePanel(self.services.user)
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.setSpacing(0)
        reading_layout.addWidget(self.study_bar)
        reading_layout.addWidget(self.reader)
        self.center = QSplitter(Qt.Orientation.Vertical)
        self.center.addWidget(reading)
        self.center.addWidget(self.notes)
        self.center.setStretchFactor(0, 5)
        self.center.setStretchFactor(1, 1)
        self.center.setSizes([640, 120])
        self.center.setChildrenCollapsible(True)

        self.diagram_pane = DiagramPane(self.diagrams, self.drawn_names)
        self.diagram_pane.open_slug.connect(self._open_slug)
        self.teaching = Teaching(self, self.diagram_pane, self.drawn_refs)
        self.citations = CitationActions(self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.center)
        self.splitter.addWidget(self.diagram_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([335, 615, 410])
        self.setCentralWidget(self.splitter)
        self.resize(1360, 820)

        self.search.move_down.connect(self._focus_results)
        self.search.activated.connect(self._open_current_result)
        self.results.open_ref.connect(self._open_from_results)
        self.results.back_to_search.connect(self.focus_search)
        self.refresh_navigator()

    def _build_actions(self) -> None:
        menu = self.menuBar()

        def action(text: str, slot, shortcuts=(), checkable: bool = False, tip: str = "") -> QAction:
            act = QAction(text, self)
            sequences = [QKeySequence(s) for s in shortcuts]
            unique = [k for i, k in enumerate(sequences) if not k.isEmpty() and k not in sequences[:i]]
            act.setShortcuts(unique)  # a sequence listed twice makes Qt call the shortcut ambiguous
            act.setCheckable(checkable)
            act.setStatusTip(tip or text.replace("&", ""))
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        file_menu = menu.addMenu("&File")
        self.export_action = action("&Export citations…", lambda: self.export_citations_dialog(), ("Ctrl+E",))
        file_menu.addAction(self.export_action)
        self.handout_action = action("Patient &handout (PDF)…", lambda: self.export_handout_dialog(), ("Ctrl+Shift+P",))
        self.print_action = action("&Print handout…", lambda: self.print_handout(), ("Ctrl+P",))
        file_menu.addAction(self.handout_action)
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        file_menu.addAction(action("&Quit", self.close, (QKeySequence.StandardKey.Quit, "Ctrl+Q")))

        go = menu.addMenu("&Go")
        self.back_action = action("&Back", self.go_back, ("Alt+Left", QKeySequence.StandardKey.Back))
        self.forward_action = action("&Forward", self.go_forward, ("Alt+Right", QKeySequence.StandardKey.Forward))
        self.search_action = action("&Search", self.focus_search, ("Ctrl+K", "Ctrl+F"))
        for act in (self.back_action, self.forward_action, self.search_action):
            go.addAction(act)

        entry = menu.addMenu("&Entry")
        self.bookmark_action = action("&Bookmark", self.toggle_bookmark, ("Ctrl+D",), checkable=True)
        self.copy_citation_action = action(
            "&Copy citation (Vancouver)", lambda: self.copy_study_field("vancouver"), ("Ctrl+Shift+C",)
        )
        self.copy_apa_action = action("Copy citation (&APA)", lambda: self.copy_study_field("apa"), ("Ctrl+Shift+A",))
        self.note_action = action("Edit &note", lambda: self.notes.editor.setFocus(), ("Ctrl+Shift+N",))
        for act in (self.bookmark_action, self.copy_citation_action, self.copy_apa_action, self.note_action):
            entry.addAction(act)

        view = menu.addMenu("&View")
        self.zoom_in_action = action(
            "Zoom &in", lambda: self.zoom(1), ("Ctrl++", "Ctrl+=", QKeySequence.StandardKey.ZoomIn)
        )
        self.zoom_out_action = action("Zoom &out", lambda: self.zoom(-1), ("Ctrl+-", QKeySequence.StandardKey.ZoomOut))
        self.zoom_reset_action = action("&Actual size", lambda: self.zoom(0), ("Ctrl+0",))
        for act in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view.addAction(act)
        view.addSeparator()
        self.present_action = action("&Presentation mode", lambda: self.enter_presentation(), ("F5",))
        view.addAction(self.present_action)
        self.diagram_action = action("Show &diagram", self.diagram_pane.setVisible, ("Ctrl+Shift+D",), checkable=True)
        self.diagram_action.setChecked(True)
        view.addAction(self.diagram_action)
        self.view_menu = view

        help_menu = menu.addMenu("&Help")
        help_menu.addAction(action("&About hipref", self.show_about))

        toolbar = self.addToolBar("Navigation")
        toolbar.setObjectName("navigation-toolbar")
        toolbar.setMovable(False)
        style = self.style()
        self.back_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.forward_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.back_action)
        toolbar.addAction(self.forward_action)
        toolbar.addSeparator()
        toolbar.addAction(self.bookmark_action)
        toolbar.addAction(self.export_action)
        toolbar.addSeparator()
        toolbar.addAction(self.present_action)
        toolbar.addAction(self.handout_action)
        self.toolbar = toolbar
        self._update_navigation()

    # -- settings -------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry", QByteArray())
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        for name, splitter in (("window/splitter", self.splitter), ("window/center", self.center)):
            state = self.settings.value(name, QByteArray())
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)
        try:
            size = float(self.settings.value("view/point_size", BASE_POINT_SIZE))
        except (TypeError, ValueError):
            size = BASE_POINT_SIZE
        self.point_size = min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, size))
        self.reader.set_point_size(self.point_size)
        sort = self.settings.value("view/study_sort", "article")
        index = self.study_sort.findData(sort)
        if index >= 0:
            self.study_sort.setCurrentIndex(index)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/center", self.center.saveState())
        self.settings.setValue("view/point_size", self.point_size)
        self.settings.setValue("view/study_sort", self.study_sort.currentData())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.notes.save()
        self.save_settings()
        if self.teaching.presentation is not None:
            self.teaching.presentation.close()
        QApplication.instance().removeEventFilter(self)
        super().closeEvent(event)

    # -- start-up -------------------------------------------------------------------------------
    def start(
        self,
        open_ref: str | None = None,
        present: bool = False,
        screenshot: Path | None = None,
        exit_when_ready: bool = False,
    ) -> int | None:
        """Act on the command line once the window is shown; an exit code when unattended."""
        if self.services.user.recovered_from is not None:
            if exit_when_ready:
                print(f"hipref: {self.recovered_message()}", file=sys.stderr)
            else:
                QTimer.singleShot(0, self._tell_recovered)
        if open_ref:
            self.open_ref(open_ref)
        if present:
            self.enter_presentation()
        self.focus_search()
        if not exit_when_ready:
            return None
        self.repaint()  # the populated window is painted; deferred extras (the diagram) may wait
        self.services.searcher.search("hip")  # search is ready, not just constructed
        if screenshot:
            shown = self.presentation if present and self.presentation is not None else self
            if not shown.grab().save(str(screenshot)):
                print(f"hipref: cannot save screenshot to {screenshot}", file=sys.stderr)
                return 2
        self.close()
        return 0

    # -- diagrams, presentation and handouts -------------------------------------------------
    def _open_slug(self, slug: str) -> None:
        if slug in self.drawn_refs:
            self.open_ref(self.drawn_refs[slug])

    def _focus(self, detail: EntryDetail) -> tuple[str, ...]:
        return focus_slugs(detail.type, detail.slug, [(link.type, link.slug) for link in detail.links])

    @property
    def presentation(self):
        return self.teaching.presentation

    def enter_presentation(self) -> None:
        self.teaching.enter_presentation(self.current)

    def export_handout(self, path: Path) -> bool:
        return self.teaching.export_handout(self.current, path)

    def export_handout_dialog(self) -> None:
        self.teaching.export_handout_dialog(self.current)

    def print_handout(self) -> None:
        self.teaching.print_handout(self.current)

    # -- search ---------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def run_search(self) -> None:
        text = self.search.text()
        if not text.strip():
            self.results_model.set_hits([])
            self.left_stack.setCurrentIndex(0)
            return
        hits = self.services.searcher.search(text, limit=RESULT_LIMIT)
        self.results_model.set_hits(hits, text)
        self.left_stack.setCurrentIndex(1)
        if hits:
            self.result_count.setText(f"{len(hits)} result{'s' if len(hits) != 1 else ''}")
            self.results.select_row(self.results_model.first_hit_row())
        else:
            self.result_count.setText("No results. Check the spelling or try fewer words.")

    def _focus_results(self) -> None:
        if self.results_model.hit_count():
            self.results.setFocus()
            if not self.results.currentIndex().isValid():
                self.results.select_row(self.results_model.first_hit_row())

    def _open_current_result(self) -> None:
        self._search_timer.stop()
        self.run_search()
        ref = self.results.current_ref()
        if ref:
            self._open_from_results(ref)

    def _open_from_results(self, ref: str) -> None:
        query = parse(self.search.text())
        self.open_ref(ref, highlight=query.tokens)

    # -- browse ---------------------------------------------------------------------------------
    def refresh_navigator(self) -> None:
        expanded = self._expanded_categories() if self.navigator.model() else {"condition"}
        sort = self.study_sort.currentData() or "article"
        model = build_navigator_model(
            queries.list_entries(),
            [(b.ref, b.title) for b in self.services.user.bookmarks()],
            [(r.ref, r.title) for r in self.services.user.recent(15)],
            sort,
            parent=self,
        )
        old = self.navigator.model()
        self.navigator.setModel(model)
        if old is not None:
            old.deleteLater()
        from hipref.ui.navigator_model import CATEGORY_ROLE

        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(CATEGORY_ROLE) in expanded:
                self.navigator.expand(index)

    def _expanded_categories(self) -> set[str]:
        from hipref.ui.navigator_model import CATEGORY_ROLE

        model = self.navigator.model()
        return {
            model.index(row, 0).data(CATEGORY_ROLE)
            for row in range(model.rowCount())
            if self.navigator.isExpanded(model.index(row, 0))
        }

    def _navigator_activated(self, index) -> None:
        ref = index.data(REF_ROLE)
        if ref:
            self.open_ref(ref)
        elif self.navigator.model().hasChildren(index):
            self.navigator.setExpanded(index, not self.navigator.isExpanded(index))

    def selected_study_refs(self) -> list[str]:
        refs = (
            [i.data(REF_ROLE) for i in self.navigator.selectionModel().selectedIndexes()]
            if self.navigator.selectionModel()
            else []
        )
        return [r for r in refs if r and r.startswith("study/")]

    # -- reading --------------------------------------------------------------------------------
    def show_welcome(self) -> None:
        self.current = None
        self.reader.set_theme(page_theme(self.palette()))
        self.reader.setHtml(WELCOME)
        self.study_bar.hide()
        self.notes.show_ref(None)
        self.diagram_pane.focus_on(())
        self.bookmark_action.setChecked(False)
        self._update_navigation()

    def open_ref(self, ref: str, highlight: tuple[str, ...] = (), record: bool = True) -> bool:
        """Show the entry ``ref`` (TYPE/SLUG). Returns False, with a status message, if absent."""
        detail = queries.get_ref(ref) if isinstance(ref, str) else None
        if detail is None:
            self.statusBar().showMessage(f"No entry {str(ref)[:80]!r}", 6000)
            return False
        self.show_detail(detail, highlight)
        if record:
            self.history.visit(detail.ref)
            self.services.user.record_visit(detail.ref, detail.title)
            self._refresh_recent()
        self._update_navigation()
        return True

    def show_detail(self, detail: EntryDetail, highlight: tuple[str, ...] = ()) -> None:
        from hipref.render.page import PageContext, render_entry

        self.current = detail
        self.current_highlight = highlight if detail.type == "excerpt" else ()
        theme = page_theme(self.palette())
        self.reader.set_theme(theme)
        context = PageContext(theme=theme, highlight=self.current_highlight, excerpt_total=self.excerpt_total)
        self.reader.setHtml(render_entry(detail, context))
        self.reader.verticalScrollBar().setValue(0)
        self.setWindowTitle(f"{detail.title} — hipref")
        self.study_bar.setVisible(detail.type == "study")
        if detail.type == "study":
            self.study_bar.set_study(detail.fields)
        self.notes.show_ref(detail.ref)
        self.diagram_pane.focus_on(self._focus(detail))
        self.bookmark_action.setChecked(self.services.user.is_bookmarked(detail.ref))
        self.notes.title.setText(f"My note on {detail.title}")

    def _refresh_recent(self) -> None:
        if not self.left_stack.currentIndex():
            QTimer.singleShot(0, self.refresh_navigator)

    # -- history --------------------------------------------------------------------------------
    def go_back(self) -> None:
        if self.history.can_back():
            self.open_ref(self.history.back(), record=False)

    def go_forward(self) -> None:
        if self.history.can_forward():
            self.open_ref(self.history.forward(), record=False)

    def _update_navigation(self) -> None:
        if hasattr(self, "back_action"):
            self.back_action.setEnabled(self.history.can_back())
            self.forward_action.setEnabled(self.history.can_forward())
            self.bookmark_action.setEnabled(self.current is not None)
            study = self.current is not None and self.current.type == "study"
            self.copy_citation_action.setEnabled(study)
            self.handout_action.setEnabled(self.current is not None)
            self.print_action.setEnabled(self.current is not None)
            self.copy_apa_action.setEnabled(study)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        """Follow the system switching between light and dark while the window is open."""
        if event.type() == QEvent.Type.PaletteChange:
            if self.current is not None:
                self.show_detail(self.current, self.current_highlight)
            else:
                self.reader.set_theme(page_theme(self.palette()))
        super().changeEvent(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """Mouse back and forward buttons anywhere in the window move through history."""
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(watched, event)

    # -- keep -----------------------------------------------------------------------------------
    def toggle_bookmark(self) -> None:
        if self.current is None:
            self.bookmark_action.setChecked(False)
            return
        on = self.services.user.toggle_bookmark(self.current.ref, self.current.title)
        self.bookmark_action.setChecked(on)
        self.statusBar().showMessage(("Bookmarked " if on else "Removed bookmark: ") + self.current.title, 4000)
        self.refresh_navigator()

    def copy_study_field(self, what: str) -> None:
        self.citations.copy(self.current, what)

    # -- zoom -----------------------------------------------------------------------------------
    def zoom(self, step: int) -> None:
        self.point_size = (
            BASE_POINT_SIZE if step == 0 else min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, self.point_size + step))
        )
        self.reader.set_point_size(self.point_size)
        self.settings.setValue("view/point_size", self.point_size)

    # -- export and about -----------------------------------------------------------------------
    def export_citations(self, path: Path, refs: list[str] | None = None, fmt: str | None = None) -> int:
        return self.citations.export(path, refs, fmt)

    def export_citations_dialog(self) -> None:
        self.citations.export_dialog(self.selected_study_refs())

    def show_about(self) -> None:
        from hipref.ui.about import AboutDialog

        sources = [(e.ref, e.title) for e in queries.list_entries("source")]
        AboutDialog(queries.meta(), sources, self).exec()

    def recovered_message(self) -> str:
        return (
            "hipref found your bookmarks and notes database damaged, moved it aside to\n"
            f"{self.services.user.recovered_from}\nand started a fresh one. The reference content is unaffected."
        )

    def _tell_recovered(self) -> None:
        QMessageBox.information(self, "Your notes database was damaged", self.recovered_message())
