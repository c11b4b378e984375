"""The main window: search and browse on the left, the entry and its note in the middle.

It is built in steps so that it appears quickly. The first frame holds what a person uses at
once: the menus, the toolbar, the search field (focused) and the welcome page; the browse tree,
the note pane and the diagram pane have their places kept, at their sizes. Those and the rest
(results list, presentation, handouts, citations) are :class:`~hipref.ui.window_parts.WindowParts`,
each built as soon as something needs it, and those the window shows just after the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from hipref.render.welcome import WELCOME
from hipref.session import EntrySession
from hipref.ui.reader import BASE_POINT_SIZE, Reader
from hipref.ui.search_field import SearchField
from hipref.ui.search_flow import SearchFlow
from hipref.ui.style import page_theme
from hipref.ui.window_fit import PaneFit, keep_layout, restore_layout
from hipref.ui.window_menus import WindowActions
from hipref.ui.window_parts import WindowParts
from hipref.userdata.errors import UserDataError

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QCloseEvent

    from hipref.pane_widths import Panes
    from hipref.store.records import EntryDetail
    from hipref.ui.services import Services

MIN_POINT_SIZE, MAX_POINT_SIZE = 7.0, 32.0


class MainWindow(QMainWindow):
    completed = Signal()  # every part the window shows is built: see complete()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.settings = services.settings
        self.session = EntrySession(services.content.get_ref, lambda ref, title: services.user.record_visit(ref, title))
        self.page_outline: tuple = ()  # the sections of the page shown, for the jump list
        self._reference_lists: dict[str, dict] = {}  # numbered references, by source
        self.setAccessibleName("hipref main window")
        self._build_widgets()
        self.window_actions = WindowActions(self, self, services.colours)
        self.parts = WindowParts(self, self)
        self._restore_settings()
        self.searching = SearchFlow(self)
        self._show_welcome_page()

    # -- the first frame ------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        """What the first frame shows, with places kept for the parts built after it.

        Each widget is made inside its final parent, from the outside in: with an app-wide
        stylesheet, every move of a widget into a new parent restyles all of its children.
        Splitters are made empty, then placed, and oriented by name (see hipref.app).
        """
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

        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        self.search = SearchField(left)
        self.left_stack = QStackedWidget(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.left_stack)
        browse_place = QWidget(self.left_stack)  # the browse pane's place
        browse_place.setBackgroundRole(QPalette.ColorRole.Base)  # as the tree's, so it just fills
        browse_place.setAutoFillBackground(True)
        self.left_stack.addWidget(browse_place)

        reading = QWidget(self.center)
        QWidget(self.center)  # the note pane's place
        self.center.setStretchFactor(0, 5)
        self.center.setStretchFactor(1, 1)
        self.center.setSizes([640, 120])
        self.center.setChildrenCollapsible(True)
        self.reader = Reader(reading)
        self.reader.open_ref.connect(lambda ref: self.open_ref(ref))
        self.reader.external_link.connect(lambda url: QDesktopServices.openUrl(url))  # the system browser
        self.reading_layout = QVBoxLayout(reading)
        self.reading_layout.setContentsMargins(0, 0, 0, 0)
        self.reading_layout.setSpacing(0)
        self.reading_layout.addWidget(self.reader)
        self.pane_fit = PaneFit(self.splitter, self.reader, self.settings, self)
        self.pane_fit.changed.connect(self._follow_panes)

    def complete(self) -> None:
        """Build every part the window shows that its first frame did without; emits :attr:`completed` once."""
        if not self.parts.is_complete:
            self.parts.build_all()
            self.completed.emit()

    # -- settings -------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        restore_layout(self, self.center, self.settings)
        try:
            size = float(self.settings.value("view/point_size", BASE_POINT_SIZE))
        except (TypeError, ValueError):
            size = BASE_POINT_SIZE
        self.point_size = min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, size))
        self.reader.set_point_size(self.point_size)
        self.pane_fit.refit(self.width())

    def save_settings(self) -> None:
        keep_layout(self, self.center, self.settings)  # the text size is kept as it changes (zoom)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if not self.parts.may_close():
            event.ignore()  # a note could not be saved and the user chose to stay
            return
        self.parts.close()
        self.save_settings()
        super().closeEvent(event)

    # -- search ---------------------------------------------------------------------------------
    def focus_search(self) -> None:
        from PySide6.QtCore import Qt  # not at import: see hipref.app

        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- reading --------------------------------------------------------------------------------
    def open_ref(self, ref: str, highlight: tuple[str, ...] = (), record: bool = True) -> bool:
        """Show the entry ``ref`` (TYPE/SLUG). Returns False, with a status message, if absent."""
        if self.session.open(ref, highlight, record) is None:
            self.statusBar().showMessage(f"No entry {str(ref)[:80]!r}", 6000)
            from hipref.ui.notices import offer_to_remove_dead_bookmark

            if offer_to_remove_dead_bookmark(self, self.services.user, ref):
                self.parts.browse.refresh()
            return False
        self.show_current()
        if record:  # a new recent entry
            QTimer.singleShot(0, self, lambda: self.parts.browse.refresh_kept())
        return True

    def refresh_browse_later(self) -> None:
        """Refresh the browse tree's Recent and Bookmarks once this event is done."""
        QTimer.singleShot(0, self, lambda: self.parts.browse.refresh())

    def go_back(self) -> None:
        self.parts.preview.cancel()
        if self.session.back() is not None:
            self.show_current()

    def go_forward(self) -> None:
        self.parts.preview.cancel()
        if self.session.forward() is not None:
            self.show_current()

    def show_current(self) -> None:
        """Render the current entry, and show its study bar, note and shapes on the diagram."""
        from hipref.render.page import PageContext, render_page  # Markdown: see hipref.app
        from hipref.ui.diagram_pane import entry_focus

        detail, parts = self.session.current, self.parts
        assert detail is not None
        focus = entry_focus(detail)
        # The panes take their widths for this entry first (a diagram only when it lights
        # something), so the page is laid out once, at the reader's width.
        self.pane_fit.set_diagram(relevant=bool(focus), forced=False)
        theme = page_theme(self.palette())
        self.reader.set_theme(theme)
        context = PageContext(theme=theme, highlight=self.session.highlight, references=self._references(detail))
        page = render_page(detail, context)
        self.page_outline = page.outline
        self.reader.setHtml(page.html)
        self.reader.verticalScrollBar().setValue(0)
        self.setWindowTitle(f"{detail.title} — hipref")
        parts.study_bar.setVisible(detail.type == "study")
        if detail.type == "study":
            parts.study_bar.set_study(detail.fields)
        parts.notes.show_ref(detail.ref)
        parts.notes.title.setText(f"My note on {detail.title}")
        parts.diagram_pane.focus_on(focus)
        parts.browse.follow(detail.ref)
        self.follow_session()

    def _references(self, detail: EntryDetail) -> dict:
        """The numbered references of the source an excerpt or a study's use comes from."""
        from hipref.render.reference_links import source_references

        source = detail.source
        if detail.type not in ("excerpt", "study") or source is None:
            return {}
        if source.ref not in self._reference_lists:
            content = self.services.content
            studies = [content.get_ref(entry.ref) for entry in content.list_entries("study")]
            self._reference_lists[source.ref] = source_references(source.ref, filter(None, studies))
        return self._reference_lists[source.ref]

    def show_welcome(self) -> None:
        """Leave the entry for the welcome page (its note is saved, the diagram left plain)."""
        self.session.leave()
        self._show_welcome_page()
        self.parts.study_bar.hide()
        self.parts.notes.show_ref(None)
        self.parts.diagram_pane.focus_on(())
        self.pane_fit.set_diagram(relevant=True, forced=False)

    def _show_welcome_page(self) -> None:
        self.page_outline = ()
        self.reader.set_theme(page_theme(self.palette()))
        self.reader.setHtml(WELCOME)
        self.setWindowTitle("hipref — hip pain reference")
        self.follow_session()

    def follow_session(self) -> None:
        current = self.session.current
        if current is None:  # the welcome page: nothing to bookmark, and no need of the user's data
            self.window_actions.follow(self.session, bookmarked=False, can_keep=False)
            return
        user = self.services.user
        self.window_actions.follow(self.session, user.is_bookmarked(current.ref), user.writable, current.presentable)

    def follow_palette(self) -> None:
        """Render the page again in the colours of the new palette (light or dark)."""
        if self.session.current is not None:
            self.show_current()
        else:
            self.reader.set_theme(page_theme(self.palette()))

    # -- commands -------------------------------------------------------------------------------
    def toggle_bookmark(self) -> None:
        current = self.session.current
        if current is None:
            self.window_actions.bookmark.setChecked(False)
            return
        try:
            on = self.services.user.toggle_bookmark(current.ref, current.title)
        except UserDataError as exc:
            self.window_actions.bookmark.setChecked(self.services.user.is_bookmarked(current.ref))
            self.statusBar().showMessage(str(exc), 8000)
            return
        self.window_actions.bookmark.setChecked(on)
        self.statusBar().showMessage(("Bookmarked " if on else "Removed bookmark: ") + current.title, 4000)
        self.parts.browse.refresh_kept()

    def copy_study_field(self, what: str) -> None:
        self.parts.citations.copy(self.session.current, what)

    def zoom(self, step: int) -> None:
        size = BASE_POINT_SIZE if step == 0 else self.point_size + step
        self.point_size = min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, size))
        self.reader.set_point_size(self.point_size)
        self.parts.results.list.follow_zoom(self.point_size)
        self.pane_fit.refit()  # the reader's 60 characters take more room in a larger font
        self.settings.setValue("view/point_size", self.point_size)

    def focus_note(self) -> None:
        self.parts.notes.editor.setFocus()

    def note_editor(self) -> QWidget | None:
        return self.parts.notes.editor if self.parts.is_built("notes") else None

    def find_in_entry(self, step: int = 0) -> None:
        """Open the find bar (``step`` 0), or go to the next (1) or previous (-1) match."""
        if self.session.current is None:
            return
        if step:
            self.parts.find_bar.step(step)
        else:
            self.parts.find_bar.open()

    def jump_to_section(self) -> None:
        """The jump list of the entry's sections and linked entries, over the reader."""
        current = self.session.current
        if current is None:
            return
        menu = self.parts.outline_menu
        menu.fill(self.page_outline, current.links)
        menu.popup(self.reader.mapToGlobal(self.reader.rect().topLeft()))
        if menu.actions():
            menu.setActiveAction(menu.actions()[0])

    def show_shortcuts(self) -> None:
        from hipref.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.menuBar(), parent=self).exec()

    def show_diagram(self, on: bool) -> None:
        """Show the diagram (whatever the width: it was asked for), or stop showing diagrams."""
        _ = self.parts.diagram_pane
        self.pane_fit.set_diagram(wanted=on, forced=on)

    def _follow_panes(self, panes: Panes) -> None:
        """View > Show diagram is ticked while the diagram is on screen."""
        action = self.window_actions.diagram
        action.blockSignals(True)
        action.setChecked(panes.diagram > 0)
        action.blockSignals(False)

    def enter_presentation(self) -> None:
        self.parts.teaching.enter_presentation(self.session.current)

    def export_handout(self, path: Path) -> bool:
        return self.parts.teaching.export_handout(self.session.current, path)

    def export_handout_dialog(self) -> None:
        self.parts.teaching.export_handout_dialog(self.session.current)

    def print_handout(self) -> None:
        self.parts.teaching.print_handout(self.session.current)

    def export_citations(self, path: Path, refs: list[str] | None = None, fmt: str | None = None) -> int:
        return self.parts.citations.export(path, refs, fmt)

    def export_citations_dialog(self, scope: str = "selected") -> None:
        """Export the citation of "this study", the "selected" studies of the browse tree, or "all"."""
        self.parts.citations.export_scope(scope, self.session.study, self.parts.browse.selected_study_refs())

    def show_about(self) -> None:
        from hipref.ui.about import AboutDialog

        content = self.services.content
        sources = [(e.ref, e.title) for e in content.list_entries("source")]
        AboutDialog(content.meta(), sources, self).exec()

    def tell_recovered(self) -> None:
        """Say the damaged notes file was moved aside; if a backup is restored, show its data."""
        from hipref.ui.notices import offer_recovery, recovered_message

        if offer_recovery(self, self.services.user, recovered_message(self.services.user)):
            self.parts.browse.refresh()
            self.parts.notes.show_ref(None)
            if self.session.current is not None:
                self.show_current()
