"""Titles break between words only: a word too long for the width shrinks the title instead."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF

from hipref.ui.heading_fit import NATURAL_SIZE, FittingBrowser
from hipref.ui.results_delegate import lay_out_title, widest_line

PAGE = "<h1>Femoroacetabular impingement</h1><p>The ball and the socket.</p>"


def heading_lines(browser) -> list[str]:
    block = browser.document().begin()
    layout = block.layout()
    return [block.text()[line.textStart() : line.textStart() + line.textLength()] for line in _lines(layout)]


def _lines(layout):
    return [layout.lineAt(i) for i in range(layout.lineCount())]


def heading_size(browser) -> float:
    return browser.document().begin().begin().fragment().charFormat().font().pointSizeF()


def test_a_narrow_page_shrinks_its_title_to_whole_words_and_a_wide_one_restores_it(qtbot):
    browser = FittingBrowser()
    qtbot.addWidget(browser)
    browser.document().setDefaultStyleSheet("h1 { font-size: 26pt; font-weight: 600; }")
    browser.follow_resizes()
    browser.resize(700, 400)
    browser.show()
    browser.setHtml(PAGE)
    natural = heading_size(browser)
    assert natural == 26

    browser.resize(230, 400)
    qtbot.waitUntil(lambda: heading_size(browser) < natural)
    browser.document().adjustSize()
    lines = [line.strip() for line in heading_lines(browser)]
    assert all(line in ("Femoroacetabular", "impingement", "Femoroacetabular impingement") for line in lines), lines

    browser.resize(900, 400)
    qtbot.waitUntil(lambda: heading_size(browser) == natural)


def test_a_result_title_too_wide_for_its_word_is_set_smaller(qapp):
    font = QFont()
    font.setPointSizeF(14)
    word = QFontMetricsF(font).horizontalAdvance("Femoroacetabular")
    laid = lay_out_title("Femoroacetabular impingement", (), font, word * 0.8)
    assert widest_line(laid) <= word * 0.8
    assert laid.layout.lineCount() == 2  # one whole word a line
    roomy = lay_out_title("Femoroacetabular impingement", (), font, word * 3)
    assert roomy.layout.font().pointSizeF() == 14 and roomy.layout.lineCount() == 1


def test_the_natural_size_property_is_a_user_property():
    from PySide6.QtGui import QTextFormat

    assert NATURAL_SIZE == QTextFormat.Property.UserProperty.value + 71
