"""The reading pane: a QTextBrowser that never fetches anything and routes every link.

A click on an internal ``hipref:TYPE/SLUG`` link emits :attr:`Reader.open_ref`, on an
``https:`` link (a DOI, PubMed) :attr:`Reader.external_link`, which the window hands to the
system browser; everything else is ignored. Resources are never read
from disk or network: any image the page asks for gets a blank placeholder. A very long
paragraph is shown in pieces (:mod:`hipref.ui.long_blocks`), so no entry freezes the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from hipref.render.theme import Theme
from hipref.ui.heading_fit import FittingBrowser, fit_headings
from hipref.ui.long_blocks import cut_long_blocks, plain_text

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

BASE_POINT_SIZE = 11.0


def document_css(theme: Theme) -> str:
    return (
        f"body {{ color:{theme.text}; }}"
        f"a {{ color:{theme.link}; text-decoration:none; }}"
        "h1 { font-size:x-large; font-weight:600; }"
        "h2 { font-size:large; font-weight:600; margin-top:14px; }"
        "h3 { font-size:medium; font-weight:600; margin-top:10px; margin-bottom:2px; }"
        "li { margin-bottom:2px; }"
        "p { margin-top:4px; margin-bottom:6px; }"
    )


class Reader(FittingBrowser):
    """Shows one rendered entry (its title fitted to the width); emits :attr:`open_ref` for
    internal links.

    Page links (``#anchor``) scroll to a section. Alt+Left and Alt+Right, which QTextBrowser
    would claim, are left to the window's history
    by the window's event filter (``hipref/ui/window_events.py``).
    """

    open_ref = Signal(str)
    external_link = Signal("QUrl")  # by name: see hipref.app

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "reader")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Entry")
        self.setAccessibleDescription("The selected entry. Links open related entries.")
        self.document().setDocumentMargin(18)
        self.anchorClicked.connect(self._follow)
        self._placeholder = None
        self._document: QTextDocument | None = None  # the shown document, once setHtml made one

    def setHtml(self, text: str) -> None:  # noqa: N802 (Qt API)
        """Show ``text``, its long paragraphs cut first in a document not yet on screen (a shown
        document lays out each change at once, a long paragraph whole)."""
        shown = self.document()
        document = QTextDocument(self)  # the reader as parent: resources still come to loadResource
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(shown.documentMargin())
        document.setDefaultFont(shown.defaultFont())
        document.setDefaultStyleSheet(shown.defaultStyleSheet())
        document.setHtml(text)
        cut_long_blocks(document)
        if self._following:  # the title fitted to the width before it is shown (see FittingBrowser)
            fit_headings(document, self.viewport().width())
        self.setDocument(document)  # Qt deletes its own first document; ours are deleted here
        if self._document is not None:
            self._document.deleteLater()
        self._document = document

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt API)
        """Copied text comes back whole where a long paragraph was shown in pieces."""
        data = QMimeData()  # Qt's own fills itself in when read, over any text set on it
        data.setHtml(super().createMimeDataFromSelection().html())
        data.setText(plain_text(self.textCursor()))
        return data

    def set_theme(self, theme: Theme) -> None:
        self.document().setDefaultStyleSheet(document_css(theme))

    def set_point_size(self, size: float) -> None:
        font = self.font()
        font.setPointSizeF(size)
        self.setFont(font)
        self.document().setDefaultFont(font)

    def _follow(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if not scheme and url.hasFragment():
            self.jump_to(url.fragment())
        elif scheme == "hipref":
            self.open_ref.emit(url.path())
        elif scheme in ("http", "https"):
            self.external_link.emit(url)

    def jump_to(self, anchor: str) -> None:
        """Scroll so the section marked ``anchor`` is at the top."""
        self.scrollToAnchor(anchor)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 (Qt API)
        """Tab leaves the reader for the next pane instead of walking every link on the page
        (Go > Jump to section reaches sections and linked entries from the keyboard)."""
        from PySide6.QtWidgets import QTextEdit

        return QTextEdit.focusNextPrevChild(self, next)

    def loadResource(self, kind: int, name: QUrl):  # noqa: N802 (Qt API)
        """Nothing is loaded from outside the page: images get a blank placeholder."""
        from PySide6.QtGui import QImage, QTextDocument  # not at import: see hipref.app

        if kind in (QTextDocument.ResourceType.ImageResource, QTextDocument.ResourceType.ImageResource.value):
            if self._placeholder is None:
                self._placeholder = QImage(1, 1, QImage.Format.Format_ARGB32)
                self._placeholder.fill(0)
            return self._placeholder
        from PySide6.QtCore import QByteArray

        return QByteArray()
