"""What an educator does with an entry: present it full screen, draw on it, hand out a page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from hipref.content.diagrams import DRAWN_TYPES
from hipref.render.page import first_sentence
from hipref.store.content_store import ContentStore
from hipref.store.records import EntryDetail
from hipref.ui.diagram_pane import DiagramPane, entry_focus
from hipref.ui.handout import build_document, write_pdf
from hipref.ui.presentation import PresentationWindow, Step


def source_line(content: ContentStore, detail: EntryDetail) -> str:
    """How a handout names its sources (the entry's own, else every source): title, authors,
    publisher, year and the first sentence of the disclosure."""
    refs = [detail.source.ref] if detail.source else [entry.ref for entry in content.list_entries("source")]
    lines = []
    for info in filter(None, map(content.get_ref, refs)):
        authors = ", ".join(info.fields.get("authors", []))
        year = str(info.fields.get("date", ""))[:4]
        disclosure = first_sentence(str(info.fields.get("disclosure", "")))
        lines.append(f"“{info.title}”, {authors} ({info.fields.get('publisher', '')}, {year}). {disclosure}".strip())
    return " ".join(lines)


class Teaching(QObject):
    """Presentation mode and patient handouts for the window's current entry."""

    def __init__(
        self, window: QMainWindow, content: ContentStore, pane: DiagramPane, drawn_refs: dict[str, str]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.content = content
        self.pane = pane
        self.drawn_refs = drawn_refs
        self.presentation: PresentationWindow | None = None
        self.presented: EntryDetail | None = None

    def _status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 6000)

    # -- presentation ---------------------------------------------------------------------------
    def steps(self, detail: EntryDetail | None) -> list[Step]:
        """The entry first (all its structures lit), then each structure or site on its own:
        each in its plain words (a part without them is left out)."""
        if detail is None:
            entries = [self.content.get_ref(ref) for ref in self.drawn_refs.values()]
            return [Step(e.title, e.plain_md, (e.slug,)) for e in entries if e is not None and e.presentable]
        steps = [Step(detail.title, detail.plain_md, entry_focus(detail))]
        for link in detail.links:
            if link.type in DRAWN_TYPES and link.slug != detail.slug:
                linked = self.content.get_ref(link.ref)
                if linked is not None and linked.presentable:
                    steps.append(Step(linked.title, linked.plain_md, (linked.slug,)))
        return steps

    def enter_presentation(self, detail: EntryDetail | None) -> None:
        """Present ``detail`` (or every part of the hip when none is open) if it has plain words."""
        if detail is not None and not detail.presentable:
            self._status(f"“{detail.title}” has no explanation in plain words to present")
            return
        if self.presentation is None:
            self.presentation = PresentationWindow(self.pane.diagrams, self.pane.view.names)
            self.presentation.closed.connect(self._left_presentation)
            self.presentation.print_requested.connect(lambda: self.print_handout(self.presented))
            self.presentation.handout_requested.connect(lambda: self.export_handout_dialog(self.presented))
        self.presented = detail
        self.presentation.present(self.steps(detail))
        self.presentation.showFullScreen()
        self.presentation.activateWindow()
        self.presentation.view.setFocus()

    def _left_presentation(self) -> None:
        """Carry the drawing back to the window's diagram when it shows the same picture."""
        shown, pane_view = self.presentation.view, self.pane.view
        if shown.info and pane_view.info and shown.info.name == pane_view.info.name and pane_view.ink:
            pane_view.ink.strokes = list(shown.ink.strokes)
            pane_view.ink.update()
        self.window.activateWindow()

    # -- handout --------------------------------------------------------------------------------
    def document(self, detail: EntryDetail | None) -> QTextDocument | None:
        """The handout of ``detail``: its diagram as shown, and exactly the parts lit on it."""
        if detail is None:
            return None
        presenting = self.presentation is not None and self.presentation.isVisible()
        view = self.presentation.view if presenting else self.pane.view
        self.pane.ensure_loaded()
        lit = [self.drawn_refs[slug] for slug in view.shown_highlight() if slug in self.drawn_refs]
        parts = [part for part in map(self.content.get_ref, lit) if part is not None]
        return build_document(detail, parts, source_line(self.content, detail), view.render_image())

    def export_handout(self, detail: EntryDetail | None, path: Path) -> bool:
        document = self.document(detail)
        if document is None:
            return False
        write_pdf(Path(path), document)
        return True

    def export_handout_dialog(self, detail: EntryDetail | None) -> None:
        if detail is None:
            self._status("Open an entry first, then make its handout")
            return
        parent = self.presentation if self.presentation is not None and self.presentation.isVisible() else self.window
        suggested = str(Path.home() / f"hipref-{detail.slug}.pdf")
        path, _ = QFileDialog.getSaveFileName(parent, "Save patient handout", suggested, "PDF (*.pdf)")
        if not path:
            return
        try:
            self.export_handout(detail, Path(path))
        except OSError as exc:
            QMessageBox.warning(parent, "Handout not saved", f"Could not write {path}: {exc.strerror or exc}")
            return
        self._status(f"Saved handout to {path}")

    def print_handout(self, detail: EntryDetail | None) -> None:
        document = self.document(detail)
        if document is None:
            self._status("Open an entry first, then print its handout")
            return
        from hipref.ui.handout import page_layout

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout())
        dialog = QPrintDialog(printer, self.window)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            document.print_(printer)
