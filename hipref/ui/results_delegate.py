"""Draws a search result: the title, then the snippet with the matched words highlighted."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from hipref.render.long_text import shorten_words
from hipref.text import Span
from hipref.ui.roles import HEADER_ROLE, HIT_ROLE
from hipref.ui.style import page_theme

PADDING = 6


def marked_html(text: str, marks: tuple[Span, ...], mark_style: str) -> str:
    """Escape ``text`` and wrap each of its ``marks`` (start, end) in a highlighted span. A very
    long word is shortened first: a list row never needs all of it, and laying it out would
    stall scrolling."""
    text, marks = shorten_words(text, marks)
    out, last = [], 0
    for start, end in marks:
        if start < last:
            continue
        out.append(html.escape(text[last:start]))
        out.append(f'<span style="{mark_style}">{html.escape(text[start:end])}</span>')
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


class ResultsDelegate(QStyledItemDelegate):
    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text).name()
        muted = text if selected else palette.color(QPalette.ColorRole.PlaceholderText).name()
        if index.data(HEADER_ROLE):
            document.setHtml(
                f'<p style="color:{muted};font-weight:600;font-size:small">{html.escape(str(index.data()).upper())}</p>'
            )
        else:
            hit = index.data(HIT_ROLE)
            mark = "font-weight:700;text-decoration:underline" if selected else page_theme(palette).hit
            document.setHtml(
                f'<p style="color:{text};font-weight:600">{marked_html(hit.title, hit.title_marks, mark)}</p>'
                f'<p style="color:{muted};font-size:small">{marked_html(hit.snippet, hit.marks, mark)}</p>'
            )
        document.setTextWidth(max(80, option.rect.width() - 2 * PADDING))
        return document

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self._document(option, index)
        painter.save()
        painter.translate(option.rect.left() + PADDING, option.rect.top() + PADDING // 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 (Qt API)
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        if option.rect.width() <= 0 and option.widget is not None:
            option.rect.setWidth(option.widget.viewport().width())
        document = self._document(option, index)
        size = document.size()
        return QSize(int(size.width()), int(QRectF(0, 0, size.width(), size.height()).height()) + PADDING + 2)
