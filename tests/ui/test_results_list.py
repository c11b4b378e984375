"""The results list as a person uses it: keys that move, text that zooms, rows never cut off."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from hipref.ui.results_delegate import ResultsDelegate
from hipref.ui.roles import HIT_ROLE
from tests.ui.helpers import type_query


def results_of(window):
    return window.parts.results.list, window.parts.results.model


def selectable_rows(model) -> list[int]:
    return [r for r in range(model.rowCount()) if model.index(r, 0).flags() & Qt.ItemFlag.ItemIsSelectable]


def test_home_end_page_keys_move_between_results_never_onto_headers(window, qtbot):
    window.resize(900, 420)
    type_query(qtbot, window, "hip")
    view, model = results_of(window)
    hits = selectable_rows(model)
    assert len(hits) >= 4
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert view.hasFocus()

    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == hits[-1]
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().row() == hits[0]

    rows_seen = [view.currentIndex().row()]
    for _ in range(len(hits)):
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
        rows_seen.append(view.currentIndex().row())
    assert rows_seen == sorted(rows_seen) and rows_seen[-1] == hits[-1]
    assert all(row in hits for row in rows_seen)
    assert len(set(rows_seen)) > 2  # a page is less than the whole list here: several steps

    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.currentIndex().row() in hits and view.currentIndex().row() < hits[-1]
    for _ in range(len(hits)):
        qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.currentIndex().row() == hits[0]


def test_zoom_reaches_the_results_list(window, qtbot):
    type_query(qtbot, window, "hip")
    view, model = results_of(window)
    row = selectable_rows(model)[0]
    before_font, before_height = view.font().pointSizeF(), view.visualRect(model.index(row, 0)).height()
    window.window_actions.zoom_in.trigger()
    window.window_actions.zoom_in.trigger()
    qtbot.waitUntil(lambda: view.visualRect(model.index(row, 0)).height() > before_height)
    assert view.font().pointSizeF() > before_font
    window.window_actions.zoom_reset.trigger()
    qtbot.waitUntil(lambda: view.visualRect(model.index(row, 0)).height() == before_height)


def test_snippet_is_nearer_its_own_title_than_the_next_result(window, qtbot):
    type_query(qtbot, window, "hip")
    view, model = results_of(window)
    delegate = view.itemDelegate()
    _fonts, (_side, top, gap, bottom) = delegate._metrics(view.font(), view.font().key())
    assert gap < top + bottom  # between title and snippet, less than between two results


def _painted_rows(delegate: ResultsDelegate, option: QStyleOptionViewItem, index: QModelIndex) -> int:
    """How many pixel rows of ``index`` the delegate inks, painted in a tall strip."""
    image = QImage(option.rect.width(), option.rect.height() * 3, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    blank = b"\xff" * image.bytesPerLine()
    return max((y for y in range(image.height()) if bytes(image.constScanLine(y)) != blank), default=0)


def test_no_row_is_clipped_selected_or_not_at_any_zoom(window, qtbot):
    type_query(qtbot, window, "hip")
    view, model = results_of(window)
    delegate = view.itemDelegate()
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#ffffff"))  # ink shows on white either way
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#000000"))
    for size in (7.0, 11.0, 18.0, 28.0):
        font = QFont(view.font())
        font.setPointSizeF(size)
        for row in selectable_rows(model)[:8]:
            index = model.index(row, 0)
            option = QStyleOptionViewItem()
            option.font, option.palette = font, palette
            hint = delegate.sizeHint(option, index)
            option.rect.setRect(0, 0, view.viewport().width(), hint.height())
            plain = _painted_rows(delegate, option, index)
            option.state |= QStyle.StateFlag.State_Selected
            selected = _painted_rows(delegate, option, index)
            assert 0 < plain < hint.height() and 0 < selected < hint.height(), (size, row)


def test_the_marked_words_are_the_hits_own(window, qtbot):
    """The words search marked in a hit (spans, as the text module finds them) are the ones drawn."""
    type_query(qtbot, window, "hip")
    view, model = results_of(window)
    delegate = view.itemDelegate()
    index = next(model.index(r, 0) for r in selectable_rows(model) if model.index(r, 0).data(HIT_ROLE).marks)
    hit = index.data(HIT_ROLE)
    title, snippet = delegate._row(index, view.font(), view.viewport().width()).texts
    assert snippet.spans == hit.marks and title.spans == hit.title_marks
    assert all(hit.snippet[start:end].lower().startswith("hip") for start, end in hit.marks)
