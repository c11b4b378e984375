"""The main window: search and browse on the left, the entry and its note in the middle.

It is built in steps so that it appears quickly. The first frame holds what a person uses at
once: the menus, the toolbar, the search field (focused) and the welcome page; the browse tree,
the note pane and the diagram pane have their places kept, at their sizes. Just after that
frame, :meth:`MainWindow.fill_in` fills the tree and puts the note pane in its place (they show
in the next frame); then :meth:`MainWindow.complete` builds the rest: the diagram pane, the
results list, presentation, handouts and citations. Anything that needs a part earlier builds
it then.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hipref.ui.history import History
from hipref.ui.reader import BASE_POINT_SIZE, Reader
from hipref.ui.roles import CATEGORY_ROLE, REF_ROLE
from hipref.ui.search_field import SearchField
from hipref.ui.style import page_theme
from hipref.ui.window_menus import build_menus

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QCloseEvent

    from hipref.store.records import EntryDetail
    from hipref.ui.services import Services

MIN_POINT_SIZE, MAX_POINT_SIZE = 7.0, 32.0
FIRST_FRAME_POLL_MS, FIRST_FRAME_POLLS = 10, 200  # complete() anyway after 2 s off screen
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
    completed = Signal()  # every part is built: see complete()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.settings = services.settings
        self.history = History()
        self.current: EntryDetail | None = None
        self.current_highlight: tuple[str, ...] = ()
        self.is_filled_in = self.is_complete = False
        self.setWindowTitle("hipref — hip pain reference")
        self.setAccessibleName("hipref main window")
        self._build_widgets()
        build_menus(self)
        self._restore_settings()
        self._as_typed = ""  # text searched as typed, without correcting misspellings
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(0)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.show_welcome()

    # -- layout ---------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        """What the first frame shows. The browse tree, the note pane and the diagram pane
        take the places kept for them by fill_in() and complete().

        Each widget is made inside its final parent, from the outside in: with an app-wide
        stylesheet, every move of a widget into a new parent restyles all of its children.
        """
        # QSplitter(parent) and Qt.Orientation would build the whole Qt namespace's enums (see
        # hipref/ui/roles.py) before the first frame: splitters are made empty, then placed,
        # and oriented by name.
        self.splitter = QSplitter()
        self.setCentralWidget(self.splitter)
        left = QWidget(self.splitter)
        self.center = QSplitter()
        self.center.setProperty("orientation", "Vertical")
        self.splitter.addWidget(self.center)
        QWidget(self.splitter)  # the diagram pane's place
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([335, 615, 410])

        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        self.search = SearchField(left)
        self.left_stack = QStackedWidget(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.left_stack)
        browse_place = QWidget(self.left_stack)  # the browse tree's place: see fill_in()
        browse_place.setBackgroundRole(QPalette.ColorRole.Base)  # as the tree's, so it just fills
        browse_place.setAutoFillBackground(True)
        self.left_stack.addWidget(browse_place)  # the results page is added by complete()

        reading = QWidget(self.center)
        QWidget(self.center)  # the note pane's place
        self.center.setStretchFactor(0, 5)
        self.center.setStretchFactor(1, 1)
        self.center.setSizes([640, 120])
        self.center.setChildrenCollapsible(True)
        self.reader = Reader(reading)
        self.reader.open_ref.connect(lambda ref: self.open_ref(ref))
        self.reading_layout = QVBoxLayout(reading)
        self.reading_layout.setContentsMargins(0, 0, 0, 0)
        self.reading_layout.setSpacing(0)
        self.reading_layout.addWidget(self.reader)
        self.resize(1360, 820)

        self.search.move_down.connect(self._focus_results)
        self.search.activated.connect(self._open_current_result)

    def fill_in(self) -> None:
        """Fill the browse tree and put the note pane in its place: quick, so both appear in
        the frame after the first. Runs once; complete() runs it too."""
        if self.is_filled_in:
            return
        self.is_filled_in = True
        from hipref.ui.note_panel import NotePanel
        from hipref.ui.study_bar import StudyBar

        browse_place = self.left_stack.widget(0)
        self.left_stack.insertWidget(0, self._build_browse_page())
        self.left_stack.removeWidget(browse_place)
        browse_place.deleteLater()
        self.left_stack.setCurrentIndex(0)
        self.refresh_navigator()
        self.study_sort.currentIndexChanged.connect(lambda _: self.refresh_navigator())
        self.study_bar = StudyBar()
        self.study_bar.copy_requested.connect(self.copy_study_field)
        self.study_bar.hide()
        self.reading_layout.insertWidget(0, self.study_bar)
        self.notes = NotePanel(self.services.user)
        self.notes.show_ref(None)
        self._put_in_place(self.center, 1, self.notes)

    def _build_browse_page(self) -> QWidget:
        """The browse tree over the box that sorts its studies (as the settings last had it)."""
        from PySide6.QtWidgets import QComboBox, QTreeView

        from hipref.ui.navigator_model import STUDY_SORTS

        page = QWidget(self.left_stack)
        self.navigator = QTreeView(page)
        self.navigator.setProperty("role", "navigator")
        self.navigator.setHeaderHidden(True)
        self.navigator.setAccessibleName("Browse entries")
        self.navigator.setSelectionMode(QTreeView.SelectionMode.ExtendedSelection)
        self.navigator.setUniformRowHeights(True)
        self.navigator.activated.connect(self._navigator_activated)
        self.navigator.clicked.connect(self._navigator_activated)
        self.study_sort = QComboBox(page)
        self.study_sort.setAccessibleName("Sort studies by")
        for key, label in STUDY_SORTS.items():
            self.study_sort.addItem(f"Studies by {label.lower()}", key)
        index = self.study_sort.findData(self.settings.value("view/study_sort", "article"))
        self.study_sort.setCurrentIndex(max(index, 0))
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigator)
        layout.addWidget(self.study_sort)
        return page

    def complete(self) -> None:
        """Build everything else the first frame did without: the diagram pane, the results
        list, presentation, handouts and citations. Runs once, just after fill_in(), or
        earlier by anything that needs these parts."""
        if self.is_complete:
            return
        self.fill_in()
        self.is_complete = True
        from PySide6.QtWidgets import QStyle

        from hipref import paths
        from hipref.content.diagrams import DRAWN_TYPES, load_diagrams
        from hipref.ui.citation_actions import CitationActions
        from hipref.ui.diagram_pane import DiagramPane
        from hipref.ui.result_list import ResultList
        from hipref.ui.results_model import ResultsModel
        from hipref.ui.search_status import SearchStatus
        from hipref.ui.teaching import Teaching
        from hipref.ui.window_events import WindowEvents

        self.diagrams, _problems = load_diagrams(paths.resources_dir())
        drawn = [e for t in DRAWN_TYPES for e in self.services.content.list_entries(t)]
        self.drawn_names = {e.slug: e.title for e in drawn}
        self.drawn_refs = {e.slug: e.ref for e in drawn}

        self.results_model = ResultsModel(self)
        self.results = ResultList(self.results_model)
        self.result_count = SearchStatus(self)
        self.result_count.search_as_typed.connect(self._search_as_typed)
        results_page = QWidget()
        results_layout = QVBoxLayout(results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.result_count)
        results_layout.addWidget(self.results)
        self.left_stack.addWidget(results_page)
        self.results.open_ref.connect(self._open_from_results)
        self.results.back_to_search.connect(self.focus_search)

        self.diagram_pane = DiagramPane(self.diagrams, self.drawn_names)
        self.diagram_pane.open_slug.connect(self._open_slug)
        self._put_in_place(self.splitter, 2, self.diagram_pane)
        self.diagram_pane.setVisible(self.diagram_action.isChecked())
        self.teaching = Teaching(self, self.services.content, self.diagram_pane, self.drawn_refs)
        self.citations = CitationActions(self, self.services.content)

        style = self.style()
        self.back_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.forward_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.search.setClearButtonEnabled(True)
        self.window_events = WindowEvents(self)
        QApplication.instance().installEventFilter(self.window_events)
        self._show_entry_parts(self.current)
        self.completed.emit()

    @staticmethod
    def _put_in_place(splitter: QSplitter, index: int, pane: QWidget) -> None:
        """Put ``pane`` where a placeholder kept its place, at the placeholder's size."""
        sizes = splitter.sizes()
        splitter.replaceWidget(index, pane).deleteLater()
        splitter.setSizes(sizes)

    def has_first_frame(self) -> bool:
        """Whether the window is on screen. Qt paints a widget window as it handles its first
        expose event, so once the window is exposed its first frame has been painted."""
        handle = self.windowHandle()
        return handle is not None and handle.isExposed()

    def _complete_after_first_frame(self) -> None:
        """Polled by a timer from start(): once the first frame is on screen, fill_in() at
        once and complete() in the next turn of the event loop, after the filled-in frame."""
        self._first_frame_polls += 1
        if self.has_first_frame() or self._first_frame_polls >= FIRST_FRAME_POLLS:
            self._first_frame_timer.stop()
            if self.isVisible():  # not once closed: the databases may be closed too
                self.fill_in()
                QTimer.singleShot(0, self, self._complete_if_open)

    def _complete_if_open(self) -> None:
        if self.isVisible():
            self.complete()

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

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/center", self.center.saveState())
        self.settings.setValue("view/point_size", self.point_size)
        if self.is_filled_in:
            self.settings.setValue("view/study_sort", self.study_sort.currentData())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.is_filled_in and not self.notes.confirm_leave():
            event.ignore()  # a note could not be saved and the user chose to stay
            return
        if self.is_complete:
            if self.teaching.presentation is not None:
                self.teaching.presentation.close()
            QApplication.instance().removeEventFilter(self.window_events)
        self.save_settings()
        super().closeEvent(event)

    # -- start-up -------------------------------------------------------------------------------
    def start(
        self,
        open_ref: str | None = None,
        present: bool = False,
        screenshot: Path | None = None,
        exit_when_ready: bool = False,
        exit_when_complete: bool = False,
    ) -> int | None:
        """Act on the command line once the window is shown; an exit code when unattended.

        Ready: the first frame is painted, the search field has focus and a search has run.
        Complete: besides, every part is built (:meth:`complete`) and the diagram drawn.
        ``--open``, ``--present`` and ``--screenshot`` build everything before the first frame.
        Unattended, the window's settings are saved and the code returned for the caller to
        exit with; the window is left to the exit.
        """
        if not self.services.user.writable:
            from hipref.ui.notices import show_read_only

            show_read_only(self, self.services.user.read_only_reason, unattended=exit_when_ready or exit_when_complete)
        if self.services.user.recovered_from is not None:
            if exit_when_ready or exit_when_complete:
                print(f"hipref: {self.recovered_message()}", file=sys.stderr)
            else:
                QTimer.singleShot(0, self._tell_recovered)
        if screenshot:
            self.complete()
        if open_ref:
            self.open_ref(open_ref)
        if present:
            self.enter_presentation()
        self.search.setFocus()
        if not (exit_when_ready or exit_when_complete):
            self._first_frame_polls = 0
            self._first_frame_timer = QTimer(self)
            self._first_frame_timer.timeout.connect(self._complete_after_first_frame)
            self._first_frame_timer.start(FIRST_FRAME_POLL_MS)
            return None
        if not self.wait_for_first_frame():
            print("hipref: the window was not painted within 10 s", file=sys.stderr)
            return 1
        self.services.content.searcher.search("hip")  # search is ready, not just constructed
        if exit_when_complete or screenshot:
            self.complete()
            self.diagram_pane.ensure_loaded()
            self.repaint()
        if screenshot:
            shown = self.presentation if present and self.presentation is not None else self
            if not shown.grab().save(str(screenshot)):
                print(f"hipref: cannot save screenshot to {screenshot}", file=sys.stderr)
                return 2
        self.save_settings()  # all that closing would do: nothing else changed unattended
        return 0

    def wait_for_first_frame(self, timeout_s: float = 10.0) -> bool:
        """Handle events until the window's first frame is painted (False if time runs out)."""
        from PySide6.QtCore import QEventLoop

        app, deadline = QApplication.instance(), time.monotonic() + timeout_s
        waker = QTimer(self)  # its ticks end each wait below, so the deadline is checked
        waker.start(50)
        while not self.has_first_frame() and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        waker.stop()
        waker.deleteLater()
        return self.has_first_frame()

    # -- diagrams, presentation and handouts -------------------------------------------------
    def _open_slug(self, slug: str) -> None:
        if slug in self.drawn_refs:
            self.open_ref(self.drawn_refs[slug])

    def _focus(self, detail: EntryDetail) -> tuple[str, ...]:
        from hipref.content.diagrams import focus_slugs

        return focus_slugs(detail.type, detail.slug, [(link.type, link.slug) for link in detail.links])

    @property
    def presentation(self):
        return self.teaching.presentation if self.is_complete else None

    def enter_presentation(self) -> None:
        self.complete()
        self.teaching.enter_presentation(self.current)

    def export_handout(self, path: Path) -> bool:
        self.complete()
        return self.teaching.export_handout(self.current, path)

    def export_handout_dialog(self) -> None:
        self.complete()
        self.teaching.export_handout_dialog(self.current)

    def print_handout(self) -> None:
        self.complete()
        self.teaching.print_handout(self.current)

    def show_diagram(self, on: bool) -> None:
        self.complete()
        self.diagram_pane.setVisible(on)

    def focus_note(self) -> None:
        self.complete()
        self.notes.editor.setFocus()

    # -- search ---------------------------------------------------------------------------------
    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def run_search(self) -> None:
        self.complete()
        text = self.search.text()
        if not text.strip():
            self.results_model.set_hits([])
            self.left_stack.setCurrentIndex(0)
            return
        try:
            found = self.services.content.searcher.find(text, limit=RESULT_LIMIT, correct=text != self._as_typed)
        except Exception as exc:  # noqa: BLE001 - a damaged index is a line under the search, not a box
            from hipref.ui.notices import search_failure

            self.results_model.set_hits([])
            self.left_stack.setCurrentIndex(1)
            self.result_count.corrected = False
            self.result_count.setText(search_failure(self.services.content.database, exc))
            return
        if found.listing and found.hits and found.hits[0].type == "study":
            found.hits = self._in_study_order(found.hits)
        self.results_model.set_hits(found.hits, text, found.words)
        self.left_stack.setCurrentIndex(1)
        self.result_count.show_results(found)
        if found.hits:
            self.results.select_row(self.results_model.first_hit_row())

    def _in_study_order(self, hits: list) -> list:
        """Studies listed by a scope alone, in the order the browse tree sorts them."""
        from hipref.ui.navigator_model import sort_studies

        studies = sort_studies(self.services.content.list_entries("study"), self.study_sort.currentData() or "article")
        order = {study.ref: index for index, study in enumerate(studies)}
        return sorted(hits, key=lambda hit: order.get(hit.ref, len(order)))

    def _search_as_typed(self) -> None:
        """Search the words exactly as typed, instead of the corrected ones."""
        self._as_typed = self.search.text()
        self.run_search()

    def _focus_results(self) -> None:
        self.complete()
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
        self.open_ref(ref, highlight=self.results_model.words)

    # -- browse ---------------------------------------------------------------------------------
    def refresh_navigator(self) -> None:
        expanded = self._expanded_categories() if self.navigator.model() else {"condition"}
        from hipref.ui.navigator_model import build_navigator_model

        sort = self.study_sort.currentData() or "article"
        model = build_navigator_model(
            self.services.content.list_entries(),
            [(b.ref, b.title) for b in self.services.user.bookmarks()],
            [(r.ref, r.title) for r in self.services.user.recent(15)],
            sort,
            parent=self,
        )
        old = self.navigator.model()
        self.navigator.setModel(model)
        if old is not None:
            old.deleteLater()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(CATEGORY_ROLE) in expanded:
                self.navigator.expand(index)

    def _expanded_categories(self) -> set[str]:
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
        self._show_entry_parts(None)
        self._update_navigation()

    def open_ref(self, ref: str, highlight: tuple[str, ...] = (), record: bool = True) -> bool:
        """Show the entry ``ref`` (TYPE/SLUG). Returns False, with a status message, if absent."""
        detail = self.services.content.get_ref(ref) if isinstance(ref, str) else None
        if detail is None:
            self.statusBar().showMessage(f"No entry {str(ref)[:80]!r}", 6000)
            if isinstance(ref, str) and self.services.user.is_bookmarked(ref):
                from hipref.ui.notices import offer_to_remove_dead_bookmark

                if offer_to_remove_dead_bookmark(self, self.services.user, ref):
                    self.refresh_navigator()
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

        self.complete()
        self.current = detail
        self.current_highlight = highlight if detail.type == "excerpt" else ()
        theme = page_theme(self.palette())
        self.reader.set_theme(theme)
        context = PageContext(theme=theme, highlight=self.current_highlight)
        self.reader.setHtml(render_entry(detail, context))
        self.reader.verticalScrollBar().setValue(0)
        self.setWindowTitle(f"{detail.title} — hipref")
        self._show_entry_parts(detail)

    def _show_entry_parts(self, detail: EntryDetail | None) -> None:
        """The study bar, note, diagram and bookmark of ``detail`` (or of the welcome page)."""
        self.bookmark_action.setChecked(detail is not None and self.services.user.is_bookmarked(detail.ref))
        if not self.is_complete:
            return  # complete() calls again once these parts exist
        self.study_bar.setVisible(detail is not None and detail.type == "study")
        if detail is None:
            self.notes.show_ref(None)
            self.diagram_pane.focus_on(())
            return
        if detail.type == "study":
            self.study_bar.set_study(detail.fields)
        self.notes.show_ref(detail.ref)
        self.diagram_pane.focus_on(self._focus(detail))
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
        self.back_action.setEnabled(self.history.can_back())
        self.forward_action.setEnabled(self.history.can_forward())
        self.bookmark_action.setEnabled(self.current is not None and self.services.user.writable)
        study = self.current is not None and self.current.type == "study"
        self.copy_citation_action.setEnabled(study)
        self.handout_action.setEnabled(self.current is not None)
        self.print_action.setEnabled(self.current is not None)
        self.copy_apa_action.setEnabled(study)

    def follow_palette(self) -> None:
        """Render the page again in the colours of the new palette (light or dark)."""
        if self.current is not None:
            self.show_detail(self.current, self.current_highlight)
        else:
            self.reader.set_theme(page_theme(self.palette()))

    # -- keep -----------------------------------------------------------------------------------
    def toggle_bookmark(self) -> None:
        if self.current is None:
            self.bookmark_action.setChecked(False)
            return
        from hipref.userdata.store import UserDataError

        try:
            on = self.services.user.toggle_bookmark(self.current.ref, self.current.title)
        except UserDataError as exc:
            self.bookmark_action.setChecked(self.services.user.is_bookmarked(self.current.ref))
            self.statusBar().showMessage(str(exc), 8000)
            return
        self.bookmark_action.setChecked(on)
        self.statusBar().showMessage(("Bookmarked " if on else "Removed bookmark: ") + self.current.title, 4000)
        self.refresh_navigator()

    def copy_study_field(self, what: str) -> None:
        self.complete()
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
        self.complete()
        return self.citations.export(path, refs, fmt)

    def export_citations_dialog(self) -> None:
        self.complete()
        self.citations.export_dialog(self.selected_study_refs())

    def show_about(self) -> None:
        from hipref.ui.about import AboutDialog

        content = self.services.content
        sources = [(e.ref, e.title) for e in content.list_entries("source")]
        AboutDialog(content.meta(), sources, self).exec()

    def recovered_message(self) -> str:
        return (
            "hipref found your bookmarks and notes database damaged, moved it aside to\n"
            f"{self.services.user.recovered_from}\nand started a fresh one. The reference content is unaffected."
        )

    def _tell_recovered(self) -> None:
        from hipref.ui.notices import offer_recovery

        if offer_recovery(self, self.services.user, self.recovered_message()) and self.is_filled_in:
            self.refresh_navigator()
            self.notes.show_ref(None)
            self._show_entry_parts(self.current)
