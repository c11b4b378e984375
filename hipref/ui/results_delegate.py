"""Draws a search result: the title, then the snippet with the matched words highlighted."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from hipref.ui.roles import HEADER_ROLE, HIT_ROLE

_MARK = re.compile(r"\*\*(.+?)\*\*")
PADDING = 6


def snippet_html(snippet: str, mark_style: str) -> str:
    """Escape a snippet and turn its ``**word**`` marks into highlighted spans."""
    return _MARK.sub(lambda m: f'<span style="{mark_style}">{m.group(1)}</span>', html.escape(snippet))


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
            mark = "font-weight:700;text-decoration:underline" if selected else "background-color:#ffe066;color:#000000"
            document.setHtml(
                f'<p style="color:{text};font-weight:600">{html.escape(hit.title)}</p>'
                f'<p style="color:{muted};font-size:small">{snippet_html(hit.snippet, mark)}</p>'
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


__all__ = ["ResultsDelegate", "snippet_html", "Qt"]
