"""The app-wide stylesheet and the page colours that follow the system palette."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from hipref import paths
from hipref.render.theme import DARK, LIGHT, Theme


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def page_theme(palette: QPalette) -> Theme:
    """Colours for rendered pages, matching the palette's light or dark mode."""
    return DARK if is_dark(palette) else LIGHT


def apply_style(app: QApplication) -> None:
    try:
        app.setStyleSheet(paths.resource("styles/app.qss").read_text(encoding="utf-8"))
    except OSError:
        pass  # an unstyled window is still fully usable
