"""Light and dark: a live switch re-renders every surface, the choice is kept, text reads at AA."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from hipref.render.contrast import AA_NORMAL_TEXT, contrast_ratio, readable_muted
from hipref.render.theme import DARK, LIGHT, PAPER
from hipref.ui.colour_scheme import SCHEMES, built_palette, readable

ENTRY = "condition/hip-osteoarthritis"
TEXT_ON = (
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base),
    (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.ToolTipText, QPalette.ColorRole.ToolTipBase),
    (QPalette.ColorRole.Link, QPalette.ColorRole.Base),
)


@pytest.fixture
def back_to_system():
    yield
    QApplication.setPalette(QPalette())


def pixel(widget, x: int, y: int) -> str:
    """The colour on screen at (x, y) of ``widget``, as its window draws it."""
    window = widget.window()
    point = widget.mapTo(window, QPoint(x, y))
    return window.grab().toImage().pixelColor(point).name()


def test_a_live_switch_to_dark_renders_every_surface_again(window, qtbot, back_to_system):
    window.open_ref(ENTRY)
    light_html = window.reader.toHtml()
    assert LIGHT.bottom_line in light_html and DARK.bottom_line not in light_html
    window.window_actions.colours["dark"].trigger()
    qtbot.waitUntil(lambda: DARK.bottom_line in window.reader.toHtml())
    dark_html = window.reader.toHtml()
    assert LIGHT.bottom_line not in dark_html and DARK.muted in dark_html and LIGHT.muted not in dark_html
    assert pixel(window.reader.viewport(), 2, 2) == DARK_BASE  # the stylesheet's palette(base) too
    qtbot.keyClicks(window.search, "hip")
    qtbot.waitUntil(lambda: window.parts.results.model.rowCount() > 0)
    assert (
        pixel(window.parts.results.list.viewport(), 2, window.parts.results.list.viewport().height() - 2) == DARK_BASE
    )
    window.window_actions.colours["light"].trigger()
    qtbot.waitUntil(lambda: LIGHT.bottom_line in window.reader.toHtml())
    assert pixel(window.reader.viewport(), 2, 2) == LIGHT_BASE


DARK_BASE = built_palette("dark").color(QPalette.ColorRole.Base).name()
LIGHT_BASE = built_palette("light").color(QPalette.ColorRole.Base).name()


def test_the_page_follows_a_palette_set_while_the_window_is_open(window, qtbot, back_to_system):
    """As when the desktop turns dark: the application palette changes under the window."""
    window.open_ref(ENTRY)
    QApplication.setPalette(built_palette("dark"))
    qtbot.waitUntil(lambda: DARK.bottom_line in window.reader.toHtml())


def test_with_system_colours_a_change_of_system_scheme_is_followed(window, qtbot, back_to_system):
    colours = window.services.colours
    assert colours.choice == "system"
    with qtbot.waitSignal(colours.changed):
        QGuiApplication.styleHints().colorSchemeChanged.emit(QGuiApplication.styleHints().colorScheme())
    window.window_actions.colours["dark"].trigger()
    QGuiApplication.styleHints().colorSchemeChanged.emit(QGuiApplication.styleHints().colorScheme())
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == DARK_BASE  # the choice holds


def test_the_choice_is_remembered(make_window, qtbot, back_to_system):
    first = make_window()
    first.window_actions.colours["dark"].trigger()
    first.close()
    second = make_window()
    assert second.services.colours.choice == "dark" and second.window_actions.colours["dark"].isChecked()
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == DARK_BASE
    assert list(SCHEMES) == ["system", "light", "dark"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_text_reads_at_aa(scheme):
    palette = built_palette(scheme)
    for text, background in TEXT_ON:
        ratio = contrast_ratio(palette.color(text).name(), palette.color(background).name())
        assert ratio >= AA_NORMAL_TEXT, (scheme, text, background, round(ratio, 2))


def test_a_system_palette_gets_readable_placeholder_text():
    palette = readable(QPalette(built_palette("light")))
    palette.setColor(QPalette.ColorRole.PlaceholderText, palette.color(QPalette.ColorRole.Mid))
    palette = readable(palette)
    text, base = (palette.color(r).name() for r in (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base))
    assert contrast_ratio(text, base) >= AA_NORMAL_TEXT


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_page_text_reads_at_aa_on_every_callout(theme):
    page = LIGHT_BASE if theme is LIGHT else DARK_BASE
    backgrounds = [page, theme.bottom_line, theme.plain, theme.reports, theme.article_use, theme.differs]
    for background in backgrounds:
        for colour in (theme.text, theme.muted, theme.link):
            ratio = contrast_ratio(colour, background)
            assert ratio >= AA_NORMAL_TEXT, (colour, background, round(ratio, 2))
    assert contrast_ratio(theme.badge_text, theme.badge) >= AA_NORMAL_TEXT
    assert contrast_ratio(theme.hit_text, theme.hit_back) >= AA_NORMAL_TEXT
    assert {f.name for f in dataclasses.fields(theme)} >= {"text", "muted", "link", "hit_back", "hit_text"}


def test_presentation_text_reads_at_aa_on_its_paper():
    for colour in (LIGHT.text, LIGHT.muted, "#1f2933"):
        assert contrast_ratio(colour, PAPER) >= AA_NORMAL_TEXT


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_muted_result_text_reads_at_aa(scheme):
    palette = built_palette(scheme)
    for text, background in (
        (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
        (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    ):
        fore, back = palette.color(text).name(), palette.color(background).name()
        assert contrast_ratio(readable_muted(fore, back), back) >= AA_NORMAL_TEXT
