"""Draws a search result: its title, then its snippet with the matched words marked.

Each row is laid out once with ``QTextLayout`` per text, marks, width and font, and the
layout kept: a keystroke that brings back a row already seen costs no layout at all, and
painting never lays anything out. Marked words are bold whether the row is selected or not,
so a row's height never changes with the selection and its last line is never cut off.
A title that has a word too long for the width is set smaller until the word fits.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPointF, QSize
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from hipref.render.contrast import readable_muted
from hipref.render.long_text import shorten_words
from hipref.text import Span
from hipref.ui.roles import HIT_ROLE
from hipref.ui.style import page_theme

SNIPPET_SCALE, HEADER_SCALE = 0.92, 0.82  # of the list's font
SMALLEST_TITLE_SCALE = 0.6  # a title's long word is shrunk at most this far
CACHE_SIZE = 600  # laid-out texts kept; a search shows at most 60 hits


@dataclass(frozen=True)
class Laid:
    """A text laid out for one width: draw it with ``layout.draw``; ``height`` in pixels."""

    layout: QTextLayout
    height: float
    spans: tuple[Span, ...]


def lay_out(text: str, spans: tuple[Span, ...], font: QFont, width: float, wrap: QTextOption.WrapMode) -> Laid:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(wrap)
    layout.setTextOption(option)
    if spans:
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        ranges = []
        for start, end in spans:
            marked = QTextLayout.FormatRange()
            marked.start, marked.length, marked.format = start, end - start, bold
            ranges.append(marked)
        layout.setFormats(ranges)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return Laid(layout, y, spans)


def widest_line(laid: Laid) -> float:
    layout = laid.layout
    return max((layout.lineAt(i).naturalTextWidth() for i in range(layout.lineCount())), default=0.0)


def lay_out_title(text: str, spans: tuple[Span, ...], font: QFont, width: float) -> Laid:
    """Wrapped at word boundaries only; a word wider than ``width`` shrinks the whole title."""
    laid = lay_out(text, spans, font, width, QTextOption.WrapMode.WordWrap)
    widest = widest_line(laid)
    if widest <= width or width <= 0:
        return laid
    smaller = QFont(font)
    smaller.setPointSizeF(font.pointSizeF() * max(SMALLEST_TITLE_SCALE, width / widest * 0.98))
    laid = lay_out(text, spans, smaller, width, QTextOption.WrapMode.WordWrap)
    if widest_line(laid) <= width:
        return laid
    return lay_out(text, spans, smaller, width, QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)


@dataclass(frozen=True)
class Row:
    """One row of the list, laid out for one width. ``hit`` keeps the hit (whose id is the
    cache key) alive as long as its row is kept."""

    hit: object
    header: bool
    texts: tuple[Laid, ...]
    top: float
    height: float


class ResultsDelegate(QStyledItemDelegate):
    """Title over snippet, closer to each other than to the next result; headers in small capitals."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: OrderedDict[tuple, Row] = OrderedDict()
        self._texts: OrderedDict[tuple, Laid] = OrderedDict()
        self._metrics_by_font: dict[str, tuple] = {}
        self._muted: dict[tuple[str, str], QColor] = {}

    # -- metrics ---------------------------------------------------------------------------
    @staticmethod
    def fonts(base: QFont) -> tuple[QFont, QFont, QFont]:
        """The title, snippet and group header fonts for a list drawn in ``base``."""
        title = QFont(base)
        title.setWeight(QFont.Weight.DemiBold)
        snippet = QFont(base)
        snippet.setPointSizeF(base.pointSizeF() * SNIPPET_SCALE)
        header = QFont(base)
        header.setPointSizeF(base.pointSizeF() * HEADER_SCALE)
        header.setWeight(QFont.Weight.Bold)
        header.setCapitalization(QFont.Capitalization.AllUppercase)
        return title, snippet, header

    @staticmethod
    def spacing(base: QFont) -> tuple[int, int, int, int]:
        """Side, top, title-to-snippet and bottom padding, in proportion to the font."""
        line = QFontMetricsF(base).height()
        return round(line * 0.5), round(line * 0.35), round(line * 0.08), round(line * 0.5)

    def _metrics(self, base: QFont, key: str) -> tuple[tuple[QFont, QFont, QFont], tuple[int, int, int, int]]:
        """Fonts and spacing for ``base`` (whose ``key()`` is ``key``), worked out once."""
        metrics = self._metrics_by_font.get(key)
        if metrics is None:
            metrics = self._metrics_by_font[key] = (self.fonts(base), self.spacing(base))
        return metrics

    @staticmethod
    def _kept(cache: OrderedDict, key: tuple, make):
        """``cache[key]``, made by ``make()`` if absent; the least recently used go first."""
        found = cache.get(key)
        if found is None:
            found = cache[key] = make()
            if len(cache) > CACHE_SIZE:
                cache.popitem(last=False)
        else:
            cache.move_to_end(key)
        return found

    def _cached(self, key: tuple, make) -> Row:
        return self._kept(self._rows, key, make)

    def _text(self, key: tuple, make) -> Laid:
        """A laid-out title or snippet, shared by every search that shows it again."""
        return self._kept(self._texts, key, make)

    def _row(self, index: QModelIndex, base: QFont, width: float) -> Row:
        """The row's laid-out texts (top to bottom) and its height, made once per row and width."""
        hit, font = index.data(HIT_ROLE), base.key()
        if not hit:  # a group header
            text = str(index.data())
            return self._cached(("header", text, font, width), lambda: self._header_row(text, base, font, width))
        return self._cached(("hit", id(hit), font, width), lambda: self._hit_row(hit, base, font, width))

    def _header_row(self, text: str, base: QFont, font: str, width: float) -> Row:
        (_title, _snippet, header_font), (side, top, _gap, bottom) = self._metrics(base, font)
        laid = lay_out(text, (), header_font, max(40.0, width - 2 * side), QTextOption.WrapMode.WordWrap)
        return Row(None, True, (laid,), round(top * 2.5), top * 2.5 + laid.height + bottom * 0.5)

    def _hit_row(self, hit, base: QFont, font: str, width: float) -> Row:
        (title_font, snippet_font, _header), (side, top, gap, bottom) = self._metrics(base, font)
        inner = max(40.0, width - 2 * side)
        # A very long word is shortened first: a row never needs all of it, and laying it out
        # would stall the list (see hipref.render.long_text).
        title, title_marks = shorten_words(hit.title, hit.title_marks)
        snippet, marks = shorten_words(hit.snippet, hit.marks)
        laid = [
            self._text(
                ("title", title, title_marks, font, inner), lambda: lay_out_title(title, title_marks, title_font, inner)
            )
        ]
        if snippet:
            wrap = QTextOption.WrapMode.WordWrap
            laid.append(
                self._text(
                    ("snippet", snippet, marks, font, inner), lambda: lay_out(snippet, marks, snippet_font, inner, wrap)
                )
            )
        height = top + sum(t.height for t in laid) + gap * (len(laid) - 1) + bottom
        return Row(hit, False, tuple(laid), top, height)

    @staticmethod
    def _width(option: QStyleOptionViewItem) -> float:
        widget = option.widget
        if widget is not None and hasattr(widget, "viewport"):
            return float(widget.viewport().width())
        return float(max(option.rect.width(), 120))

    # -- Qt ------------------------------------------------------------------------------------
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 (Qt API)
        width = self._width(option)
        return QSize(int(width), int(self._row(index, option.font, width).height + 0.999))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row = self._row(index, option.font, self._width(option))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            background = QStyleOptionViewItem(option)
            self.initStyleOption(background, index)
            background.text = ""
            style = option.widget.style() if option.widget is not None else None
            if style is not None:
                style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget)
            else:
                painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
        # A group header is a disabled row, but its text is meant to be read: never greyed out.
        group = palette.currentColorGroup()
        if group == QPalette.ColorGroup.Disabled:
            group = QPalette.ColorGroup.Active
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = palette.color(group, text_role).name()
        back = palette.color(group, QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base).name()
        muted = self._muted.get((text, back))
        if muted is None:
            muted = self._muted[(text, back)] = QColor(readable_muted(text, back))
        _fonts, (side, _top, gap, _bottom) = self._metrics(option.font, option.font.key())
        x, y = option.rect.left() + side, option.rect.top() + row.top
        painter.save()
        for number, laid in enumerate(row.texts):
            painter.setPen(muted if row.header or number > 0 else QColor(text))
            laid.layout.draw(painter, QPointF(x, y), self._marks(laid, selected, palette))
            y += laid.height + gap
        painter.restore()

    @staticmethod
    def _marks(laid: Laid, selected: bool, palette: QPalette) -> list[QTextLayout.FormatRange]:
        """Marked words: underlined on a selected row, on the page's marker colour otherwise."""
        if not laid.spans:
            return []
        look = QTextCharFormat()
        if selected:
            look.setFontUnderline(True)
        else:
            theme = page_theme(palette)
            look.setBackground(QColor(theme.hit_back))
            look.setForeground(QColor(theme.hit_text))
        ranges = []
        for start, end in laid.spans:
            mark = QTextLayout.FormatRange()
            mark.start, mark.length, mark.format = start, end - start, look
            ranges.append(mark)
        return ranges
