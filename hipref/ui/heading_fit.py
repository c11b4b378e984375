"""Page titles that break only between words: a word too long for the width shrinks the title.

A rich-text page wraps anywhere when a word does not fit its line, so "Femoroacetabular" on a
narrow pane would come out as "Femoroacetabula / r". Instead, a heading whose longest
word is wider than the page is set smaller, just enough for that word to fit (never below
half its size); when the page grows again it goes back to its own size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTextBrowser

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

# The heading's own size, kept on its block: a user property id as a plain number
# (QTextFormat.Property.UserProperty + 71), since reading the enum before the first frame
# would build all of QTextFormat's enums (``tests/ui/test_heading_fit.py`` checks the value).
NATURAL_SIZE = 0x100000 + 71
SMALLEST = 0.5  # of the heading's own size
MARGIN = 0.97  # a little room, for the heading's bold and the text layout's rounding


def fitted_size(words: list[str], font, natural: float, width: float) -> float:
    """The point size at which the widest of ``words`` fits in ``width`` pixels."""
    from PySide6.QtGui import QFontMetricsF

    font.setPointSizeF(natural)
    widest = max((QFontMetricsF(font).horizontalAdvance(word) for word in words), default=0.0)
    if widest <= width * MARGIN or widest <= 0:
        return natural
    return max(natural * SMALLEST, natural * width * MARGIN / widest)


def fit_headings(document: QTextDocument, width: float) -> None:
    """Size every heading of ``document`` so its longest word fits ``width`` pixels."""
    from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat

    width -= 2 * document.documentMargin()
    block = document.begin()
    while block.isValid():
        block_format = block.blockFormat()
        if block_format.headingLevel() > 0 and block.length() > 1:
            char_format = block.begin().fragment().charFormat()
            # A size set in points wins over the heading's size adjustment, as the page draws it.
            natural = (
                block_format.doubleProperty(NATURAL_SIZE)
                or char_format.fontPointSize()
                or char_format.font().pointSizeF()
            )
            size = fitted_size(block.text().split(), char_format.font(), natural, width)
            if abs(char_format.font().pointSizeF() - size) < 0.01:
                block = block.next()
                continue  # already so: changing nothing spares the page a layout
            cursor = QTextCursor(block)
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                sized = QTextCharFormat(fragment.charFormat())
                sized.clearProperty(QTextFormat.Property.FontSizeAdjustment)  # it would win over a size
                sized.setFontPointSize(size)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(sized)
                fragments += 1
            if not block_format.hasProperty(NATURAL_SIZE):
                block_format.setProperty(NATURAL_SIZE, natural)
                cursor.setBlockFormat(block_format)
        block = block.next()


class FittingBrowser(QTextBrowser):
    """A QTextBrowser whose titles are fitted to its width, page after page and as it resizes,
    once :meth:`follow_resizes` has been called. Not before the first frame, whose welcome
    title fits anyway: watching resize events would build PySide6's ``QEvent`` enums, and the
    text format classes cost milliseconds to load (see hipref.app)."""

    _following = False

    def setHtml(self, text: str) -> None:  # noqa: N802 (Qt API)
        super().setHtml(text)
        if self._following:
            self.fit_headings()

    def fit_headings(self) -> None:
        fit_headings(self.document(), self.viewport().width())

    def follow_resizes(self) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Resizes(QObject):
            def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
                if event.type() == QEvent.Type.Resize:
                    watched.parent().fit_headings()
                return False

        self.viewport().installEventFilter(Resizes(self))
        self._following = True
        self.fit_headings()
