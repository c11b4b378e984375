"""From the search box to an entry: a search as the text changes, the results walked with the
keyboard (each previewed after a pause), one opened with Enter or a click, a misspelling searched
as typed when asked, and text typed anywhere else sent back to the box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hipref.ui.timers import timer

if TYPE_CHECKING:
    from typing import Protocol

    from PySide6.QtWidgets import QStackedWidget, QWidget

    from hipref.session import EntrySession
    from hipref.ui.search_field import SearchField
    from hipref.ui.services import Services
    from hipref.ui.window_parts import WindowParts

    class SearchWindow(Protocol):
        """What the search needs of the window (the main window, without importing it)."""

        search: SearchField
        left_stack: QStackedWidget
        parts: WindowParts
        services: Services
        session: EntrySession

        def open_ref(self, ref: str, highlight: tuple[str, ...] = (), record: bool = True) -> bool: ...
        def show_current(self) -> None: ...
        def follow_session(self) -> None: ...
        def refresh_browse_later(self) -> None: ...
        def focusWidget(self) -> QWidget | None: ...  # noqa: N802 (Qt API)


RESULT_LIMIT = 60


class SearchFlow:
    """The window's search: owns the pause before a search and the words searched as typed."""

    def __init__(self, window: SearchWindow) -> None:
        self.window = window
        self.as_typed = ""  # text searched as typed, without correcting misspellings
        self.timer = timer(window, 0, self.run_search)
        window.search.textChanged.connect(lambda _: self.timer.start())
        window.search.move_down.connect(self.move_into_results)
        window.search.activated.connect(self.open_current_result)

    def run_search(self) -> None:
        window = self.window
        text = window.search.text()
        results = window.parts.results
        if not text.strip():
            results.model.set_hits([])
            window.left_stack.setCurrentWidget(window.parts.browse)
            return
        window.left_stack.setCurrentWidget(results)
        content = window.services.content
        try:
            found = content.searcher.find(text, limit=RESULT_LIMIT, correct=text != self.as_typed)
        except Exception as exc:  # noqa: BLE001 - a damaged index is a line under the search, not a box
            from hipref.ui.notices import search_failure

            results.show_message(search_failure(content.path, exc))
            return
        if found.listing and found.hits and found.hits[0].type == "study":  # studies by a scope alone
            found.hits = window.parts.browse.in_study_order(found.hits)
        results.show_results(found, text)

    def search_as_typed(self) -> None:
        """Search the words exactly as typed, instead of the corrected ones."""
        self.as_typed = self.window.search.text()
        self.run_search()

    def open_current_result(self) -> None:
        self.timer.stop()
        self.run_search()
        ref = self.window.parts.results.list.current_ref()
        if ref:
            self.open_from_results(ref)

    def open_from_results(self, ref: str) -> None:
        """Open a result, lighting the searched words in it."""
        parts = self.window.parts
        parts.preview.cancel()
        self.window.open_ref(ref, highlight=parts.results.model.words)

    def move_into_results(self) -> None:
        """Down from the search box: into the results, previewing the one selected there."""
        parts = self.window.parts
        parts.results.focus_first()
        if parts.results.list.hasFocus() and (ref := parts.results.list.current_ref()):
            parts.preview.request(ref)

    def show_preview(self, ref: str) -> None:
        """Show a result moved to in the list, not yet as a step in history (the list keeps
        the focus)."""
        if self.window.session.preview(ref, self.window.parts.results.model.words) is not None:
            self.window.show_current()

    def remember_preview(self) -> None:
        """A preview left showing for a while is kept, as if it had been opened."""
        window = self.window
        if window.session.previewing:
            window.session.remember()
            window.follow_session()
            window.refresh_browse_later()

    def type_into_search(self, text: str) -> None:
        """Text typed outside a text field: it goes on the search from the results list, and
        starts a new search anywhere else."""
        from PySide6.QtCore import Qt  # not at import: see hipref.app

        window = self.window
        in_results = window.parts.is_built("results") and window.focusWidget() is window.parts.results.list
        window.search.setFocus(Qt.FocusReason.OtherFocusReason)
        if in_results:
            window.search.end(False)
        else:
            window.search.selectAll()
        window.search.insert(text)
