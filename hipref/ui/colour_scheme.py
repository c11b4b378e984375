"""Light, dark, or the system's colours: the palette the whole app is drawn in.

View > Colours chooses System, Light or Dark, and the choice is kept in the settings. With
System, hipref follows the desktop live (``QStyleHints.colorSchemeChanged``). Every change
sets the application palette, which reaches every widget, and sets the stylesheet again,
because the ``palette(...)`` colours in a stylesheet are read only when it is set. The window
renders its page again when its palette changes (``PaletteChange``).

Both of hipref's own palettes keep every text colour at 4.5:1 or more against the colour it
sits on (WCAG AA); a system palette gets the same for its placeholder text, which the
stylesheet uses for status lines.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from hipref.render.contrast import readable_muted

SCHEMES = {"system": "&System colours", "light": "&Light", "dark": "&Dark"}
SETTING = "view/colour_scheme"

_Role = QPalette.ColorRole

LIGHT = {
    _Role.Window: "#f3f4f6",
    _Role.WindowText: "#1f2933",
    _Role.Base: "#ffffff",
    _Role.AlternateBase: "#f5f7fa",
    _Role.Text: "#1f2933",
    _Role.Button: "#e9ecf0",
    _Role.ButtonText: "#1f2933",
    _Role.Highlight: "#1c5fb4",
    _Role.HighlightedText: "#ffffff",
    _Role.PlaceholderText: "#5c6670",
    _Role.Link: "#1c5fb4",
    _Role.LinkVisited: "#6a3fb4",
    _Role.ToolTipBase: "#fffbe6",
    _Role.ToolTipText: "#1f2933",
    _Role.BrightText: "#ffffff",
    _Role.Light: "#ffffff",
    _Role.Midlight: "#e4e7eb",
    _Role.Mid: "#b3bcc5",
    _Role.Dark: "#8a949e",
    _Role.Shadow: "#4a525a",
}
DARK = {
    _Role.Window: "#1f2328",
    _Role.WindowText: "#e4e7eb",
    _Role.Base: "#17191c",
    _Role.AlternateBase: "#1f2328",
    _Role.Text: "#e4e7eb",
    _Role.Button: "#2b3036",
    _Role.ButtonText: "#e4e7eb",
    _Role.Highlight: "#2f6db3",
    _Role.HighlightedText: "#ffffff",
    _Role.PlaceholderText: "#9aa5b1",
    _Role.Link: "#8ab4f8",
    _Role.LinkVisited: "#c5a3f9",
    _Role.ToolTipBase: "#2b3036",
    _Role.ToolTipText: "#e4e7eb",
    _Role.BrightText: "#ffffff",
    _Role.Light: "#3a4047",
    _Role.Midlight: "#30353b",
    _Role.Mid: "#4f5861",
    _Role.Dark: "#121417",
    _Role.Shadow: "#000000",
}
# Text that cannot be used is greyed out, as everywhere (WCAG exempts it from contrast).
DISABLED_TEXT = {"light": "#8a949e", "dark": "#7b8590"}
TEXT_ROLES = (_Role.WindowText, _Role.Text, _Role.ButtonText, _Role.PlaceholderText)


def built_palette(scheme: str) -> QPalette:
    """hipref's own light or dark palette."""
    palette = QPalette()
    for role, colour in (DARK if scheme == "dark" else LIGHT).items():
        palette.setColor(role, QColor(colour))
    for role in TEXT_ROLES:
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT[scheme]))
    return palette


def readable(palette: QPalette) -> QPalette:
    """``palette``, changed to have placeholder text that reads on its base colour (Qt's
    default is a half-transparent text colour, under 4.5:1). Changed in place: copying a
    QPalette would build PySide6's whole ``Qt`` namespace before the first frame."""
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        text = palette.color(group, _Role.Text).name()
        base = palette.color(group, _Role.Base).name()
        palette.setColor(group, _Role.PlaceholderText, QColor(readable_muted(text, base)))
    return palette


class ColourScheme(QObject):
    """The chosen scheme, applied to the application, followed live when it is the system's."""

    changed = Signal(str)

    def __init__(self, settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        choice = str(settings.value(SETTING, "system"))
        self.choice = choice if choice in SCHEMES else "system"
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)
        self.apply()

    def choose(self, scheme: str) -> None:
        """Use ``scheme`` ("system", "light" or "dark") from now on, and remember it."""
        if scheme not in SCHEMES:
            return
        self.choice = scheme
        self._settings.setValue(SETTING, scheme)
        self.apply()

    def apply(self) -> None:
        if self.choice == "system":
            QApplication.setPalette(QPalette())  # back to the platform's own palette
            self._set(readable(QApplication.palette()))
        else:
            self._set(built_palette(self.choice))

    def _set(self, palette: QPalette) -> None:
        QApplication.setPalette(palette)
        app = QApplication.instance()
        app.setStyleSheet(app.styleSheet())  # its palette(...) colours are read when it is set
        self.changed.emit(self.choice)

    def close(self) -> None:
        """Stop following the system (the app is closing)."""
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._system_changed)

    def _system_changed(self, *_scheme) -> None:
        if self.choice == "system":
            self.apply()
