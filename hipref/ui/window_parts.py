"""The parts of the main window that its first frame does without, each built on first use.

The first frame keeps places for the browse pane, the note pane and the diagram pane; a part,
once asked for, is made and put in its place at the place's size. The window asks for every
part it shows just after its first frame (:meth:`WindowParts.build_all`); anything that needs
one sooner (typing, ``--open``) simply gets it then, and presentation, handouts and citations
are made when first used. Each builder imports its module itself:
see "imports inside functions" in hipref.app.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Protocol

    from PySide6.QtWidgets import QLineEdit, QMainWindow, QPushButton, QSplitter, QStackedWidget, QVBoxLayout, QWidget

    from hipref.content.diagrams import DiagramInfo
    from hipref.store.records import EntryBrief
    from hipref.ui.browse_pane import BrowsePane
    from hipref.ui.citation_actions import CitationActions
    from hipref.ui.diagram_pane import DiagramPane
    from hipref.ui.find_bar import FindBar
    from hipref.ui.keyboard import KeyboardModel
    from hipref.ui.note_panel import NotePanel
    from hipref.ui.outline_menu import OutlineMenu
    from hipref.ui.reader import Reader
    from hipref.ui.result_preview import ResultPreview
    from hipref.ui.results_pane import ResultsPane
    from hipref.ui.services import Services
    from hipref.ui.study_bar import StudyBar
    from hipref.ui.teaching import Teaching
    from hipref.ui.window_events import WindowEvents
    from hipref.ui.window_fit import PaneFit
    from hipref.ui.window_menus import WindowActions

    class SearchHandlers(Protocol):
        """Where the results list and the preview send what the user does (ui/search_flow.py)."""

        def open_from_results(self, ref: str) -> None: ...
        def search_as_typed(self) -> None: ...
        def show_preview(self, ref: str) -> None: ...
        def remember_preview(self) -> None: ...

    class Frame(Protocol):
        """What the parts need of the window: its places, and where their signals go."""

        services: Services
        window_actions: WindowActions
        splitter: QSplitter
        center: QSplitter
        left_stack: QStackedWidget
        reading_layout: QVBoxLayout
        search: QLineEdit
        reader: Reader
        pane_fit: PaneFit
        point_size: float
        searching: SearchHandlers

        def open_ref(self, ref: str) -> bool: ...
        def show_diagram(self, on: bool) -> None: ...
        def focus_search(self) -> None: ...
        def copy_study_field(self, what: str) -> None: ...
        def export_citations_dialog(self, scope: str = "selected") -> None: ...
        def note_editor(self) -> QWidget | None: ...


BROWSE_PAGE, RESULTS_PAGE = 0, 1  # pages of the left stack


def put_in_place(splitter: QSplitter, index: int, pane: QWidget) -> None:
    """Put ``pane`` where a placeholder kept its place, at the placeholder's size."""
    sizes = splitter.sizes()
    splitter.replaceWidget(index, pane).deleteLater()
    splitter.setSizes(sizes)


class WindowParts:
    """The later parts of ``window``, which exist from its start and build themselves when used.

    ``frame`` is the same window, seen through what the parts need of it (:class:`Frame`).
    """

    def __init__(self, window: QMainWindow, frame: Frame) -> None:
        self._window = window
        self._frame = frame
        self.is_complete = False

    @cached_property
    def browse(self) -> BrowsePane:
        from hipref.ui.browse_pane import BrowsePane

        stack = self._frame.left_stack
        place = stack.widget(BROWSE_PAGE)
        pane = BrowsePane(self._frame.services, stack)
        stack.insertWidget(BROWSE_PAGE, pane)
        stack.removeWidget(place)
        place.deleteLater()
        stack.setCurrentIndex(BROWSE_PAGE)
        pane.open_ref.connect(self._frame.open_ref)
        fit = self._frame.pane_fit
        fit.show_browse_tree = pane.show_tree  # narrow, the pane is the search and results alone
        pane.show_tree(fit.panes is None or fit.panes.browse_tree)
        return pane

    @cached_property
    def study_bar(self) -> StudyBar:
        from hipref.ui.study_bar import StudyBar

        bar = StudyBar()
        bar.copy_requested.connect(self._frame.copy_study_field)
        bar.export_requested.connect(lambda: self._frame.export_citations_dialog("this study"))
        bar.hide()
        self._frame.reading_layout.insertWidget(0, bar)
        return bar

    @cached_property
    def notes(self) -> NotePanel:
        from hipref.ui.note_panel import NotePanel

        notes = NotePanel(self._frame.services.user)
        notes.show_ref(None)
        put_in_place(self._frame.center, 1, notes)
        return notes

    @cached_property
    def results(self) -> ResultsPane:
        from hipref.ui.results_pane import ResultsPane

        _ = self.browse  # the results page comes second in the left stack
        pane = ResultsPane(self._window)
        self._frame.left_stack.insertWidget(RESULTS_PAGE, pane)
        pane.list.follow_zoom(self._frame.point_size)
        pane.list.open_ref.connect(self._frame.searching.open_from_results)
        pane.list.back_to_search.connect(self._frame.focus_search)
        pane.count.search_as_typed.connect(self._frame.searching.search_as_typed)
        return pane

    @cached_property
    def find_bar(self) -> FindBar:
        """Find in the entry: under the reader, hidden until asked for."""
        from hipref.ui.find_bar import FindBar

        bar = FindBar(self._frame.reader)
        self._frame.reading_layout.addWidget(bar)
        return bar

    @cached_property
    def outline_menu(self) -> OutlineMenu:
        from hipref.ui.outline_menu import OutlineMenu

        menu = OutlineMenu(self._window)
        menu.jump.connect(self._frame.reader.jump_to)
        menu.open_ref.connect(self._frame.open_ref)
        return menu

    @cached_property
    def preview(self) -> ResultPreview:
        from hipref.ui.result_preview import ResultPreview

        preview = ResultPreview(self._window)
        preview.preview.connect(self._frame.searching.show_preview)
        preview.dwelt.connect(lambda _ref: self._frame.searching.remember_preview())
        return preview

    @cached_property
    def keyboard(self) -> KeyboardModel:
        from hipref.ui.keyboard import KeyboardModel

        return KeyboardModel(self._frame, self._window)

    def set_tab_order(self) -> None:
        """Tab goes search box, results (or the browse tree), entry, find, note."""
        from PySide6.QtWidgets import QWidget

        chain = [
            self._frame.search,
            self.results.list,
            self.browse.navigator,
            self.browse.study_sort,
            self._frame.reader,
            self.find_bar.field,
            self.notes.editor,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    @cached_property
    def diagrams(self) -> list[DiagramInfo]:
        from hipref.content.diagrams import load_diagrams

        return load_diagrams(self._frame.services.resources)[0]

    @cached_property
    def drawn(self) -> list[EntryBrief]:
        """The entries a diagram can show: structures and injection sites."""
        from hipref.content.diagrams import DRAWN_TYPES

        content = self._frame.services.content
        return [entry for type_ in DRAWN_TYPES for entry in content.list_entries(type_)]

    @cached_property
    def drawn_refs(self) -> dict[str, str]:
        """TYPE/SLUG of each drawn entry, by slug (a diagram names its shapes by slug)."""
        return {entry.slug: entry.ref for entry in self.drawn}

    @cached_property
    def diagram_pane(self) -> DiagramPane:
        from hipref.ui.diagram_pane import DiagramPane

        pane = DiagramPane(self.diagrams, {entry.slug: entry.title for entry in self.drawn})
        pane.open_slug.connect(self._open_drawn)
        put_in_place(self._frame.splitter, 2, pane)
        self._frame.pane_fit.refit(force=True)  # shown or folded away, as the width allows
        return pane

    @cached_property
    def diagram_offer(self) -> QPushButton:
        """In the status bar while the diagram is folded away for the reader's sake."""
        from PySide6.QtWidgets import QPushButton

        button = QPushButton("Show diagram")
        button.setToolTip("The diagram was folded away to keep the text readable (Ctrl+Shift+D)")
        button.clicked.connect(lambda: self._frame.show_diagram(True))
        self._window.statusBar().addPermanentWidget(button)
        fit = self._frame.pane_fit
        button.setVisible(fit.panes is not None and fit.panes.diagram_folded_for_width)
        fit.changed.connect(lambda panes: button.setVisible(panes.diagram_folded_for_width))
        return button

    def _open_drawn(self, slug: str) -> None:
        if slug in self.drawn_refs:
            self._frame.open_ref(self.drawn_refs[slug])

    @cached_property
    def teaching(self) -> Teaching:
        from hipref.ui.teaching import Teaching

        return Teaching(self._window, self._frame.services.content, self.diagram_pane, self.drawn_refs)

    @cached_property
    def citations(self) -> CitationActions:
        from hipref.ui.citation_actions import CitationActions

        return CitationActions(self._window, self._frame.services.content)

    @cached_property
    def events(self) -> WindowEvents:
        from hipref.ui.window_events import WindowEvents

        return WindowEvents(self._window)

    def fill_in(self) -> None:
        """The parts that show in the frame after the first: the browse pane and the note pane."""
        _ = (self.browse, self.study_bar, self.notes)

    def build_all(self) -> None:
        """Every part that shows in the window, and what the first frame left plain: the style's
        arrows, the clear button. Presentation, handouts and citations wait for their first use:
        they are whole windows and files, and their imports (a PDF writer, the BibTeX parser)
        cost more than all the rest."""
        from PySide6.QtWidgets import QApplication, QStyle

        self.fill_in()
        _ = (self.results, self.diagram_pane, self.find_bar, self.diagram_offer)
        self.results.list.moved_to.connect(self.preview.request)
        self.set_tab_order()
        self._frame.pane_fit.follow_resizes()
        self._frame.reader.follow_resizes()
        self._frame.search.setClearButtonEnabled(True)
        QApplication.instance().installEventFilter(self.events)
        QApplication.instance().installEventFilter(self.keyboard)
        style = self._window.style()
        self._frame.window_actions.set_arrows(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack),
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward),
        )
        self.is_complete = True

    def is_built(self, part: str) -> bool:
        return part in vars(self)  # where cached_property keeps what it built

    def may_close(self) -> bool:
        """Save the note being written; False if it could not be and the user chose to stay."""
        return not self.is_built("notes") or self.notes.confirm_leave()

    def close(self) -> None:
        """Leave presentation and stop watching events, if they were ever built."""
        if self.is_built("teaching") and self.teaching.presentation is not None:
            self.teaching.presentation.close()
        if self.is_built("preview"):
            self.preview.cancel()
        from PySide6.QtWidgets import QApplication

        for name in ("events", "keyboard"):
            if self.is_built(name):
                QApplication.instance().removeEventFilter(getattr(self, name))
