"""The main window on the screen it has: its size, and its width shared among its panes.

- The first run opens at a size that fits the available screen; a size restored from the
  settings is clamped to the screen it comes back on.
- The width goes to the reader first (``hipref.pane_widths``): the diagram pane folds away
  when the reader would get fewer than about 60 characters a line, and the browse pane then
  collapses to the search field and results. The widths a person drags the panes to are
  kept (in the settings too) and used whenever they leave the reader enough.
- The diagram pane shows only when the entry has something to show on it; a diagram folded
  for room is offered back, and one asked for shows whatever the width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QRect, QSize, Signal
from PySide6.QtGui import QFontMetricsF

from hipref.pane_widths import Panes, reader_minimum, share_width

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMainWindow, QSplitter, QTextEdit, QWidget

DEFAULT_SIZE = QSize(1360, 820)
DEFAULT_WIDTHS = (335, 410)  # the browse pane's and the diagram pane's
SCROLL_BAR_PX = 18


def first_run_geometry(available: QRect, size: QSize = DEFAULT_SIZE) -> QRect:
    """``size``, or less where the screen is smaller, centred on the available screen."""
    fitted = size.boundedTo(available.size())
    rect = QRect(0, 0, fitted.width(), fitted.height())
    rect.moveCenter(available.center())
    return rect


def clamped(frame: QRect, available: QRect) -> QRect:
    """``frame`` made no larger than the screen and moved wholly onto it."""
    rect = QRect(frame.topLeft(), frame.size().boundedTo(available.size()))
    rect.moveLeft(max(available.left(), min(rect.left(), available.right() + 1 - rect.width())))
    rect.moveTop(max(available.top(), min(rect.top(), available.bottom() + 1 - rect.height())))
    return rect


def fit_to_screen(window: QWidget, restored: bool) -> None:
    """Size a new window for its screen, or clamp a restored one to it (frame included)."""
    screen = window.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    if not restored:
        target = first_run_geometry(available)
        window.resize(target.size())
        window.move(target.topLeft())
        return
    frame = window.frameGeometry()
    target = clamped(frame, available)
    if target != frame:
        extra = frame.size() - window.size()  # the frame's share, kept around the client area
        window.resize(target.size() - extra)
        window.move(target.topLeft())


def restore_layout(window: QMainWindow, center: QSplitter, settings: QSettings) -> None:
    """The window's place and size, and its reader and note split, as last kept; the window
    clamped to its screen (or sized for it, the first time)."""
    geometry = settings.value("window/geometry", QByteArray())
    restored = isinstance(geometry, QByteArray) and not geometry.isEmpty() and window.restoreGeometry(geometry)
    fit_to_screen(window, restored)
    state = settings.value("window/center", QByteArray())
    if isinstance(state, QByteArray) and not state.isEmpty():
        center.restoreState(state)


def keep_layout(window: QMainWindow, center: QSplitter, settings: QSettings) -> None:
    """Keep what :func:`restore_layout` restores; only a value that changed is written."""
    for key, value in (("window/geometry", window.saveGeometry()), ("window/center", center.saveState())):
        if settings.value(key) != value:
            settings.setValue(key, value)


class PaneFit(QObject):
    """Shares ``splitter`` (browse pane, centre, diagram pane) by :func:`share_width`."""

    changed = Signal(object)  # the Panes now shown

    def __init__(self, splitter: QSplitter, reader: QTextEdit, settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.splitter = splitter
        self.reader = reader
        self._settings = settings
        self.wanted = [
            _int(settings.value(key), default) for key, default in zip(WIDTH_KEYS, DEFAULT_WIDTHS, strict=True)
        ]
        self.diagram_wanted = True  # the person's choice (View > Show diagram)
        self.diagram_relevant = True  # the entry has something to show on a diagram
        self.diagram_forced = False  # asked for just now: shown whatever the width
        self.show_browse_tree: Callable[[bool], None] = lambda on: None
        self.panes: Panes | None = None
        self._fitting = False
        splitter.splitterMoved.connect(self._dragged)

    def reader_min(self) -> int:
        char = QFontMetricsF(self.reader.font()).averageCharWidth()
        return reader_minimum(char, round(2 * self.reader.document().documentMargin()) + SCROLL_BAR_PX)

    def refit(self, total: int | None = None, force: bool = False) -> Panes:
        """Share the width again: after a resize, a new entry, a zoom, a choice; ``force``
        when a pane has just taken its place (it has yet to be shown or hidden)."""
        total = self.splitter.width() if total is None else total
        handle = self.splitter.handleWidth()  # between each two panes shown
        panes = share_width(
            total - 2 * handle,
            self.reader_min(),
            *self.wanted,
            show_diagram=(self.diagram_wanted and self.diagram_relevant) or self.diagram_forced,
            force_diagram=self.diagram_forced,
        )
        if force or panes != self.panes:  # else as it is: a layout spared
            self._fitting = True
            try:
                self.splitter.widget(2).setVisible(panes.diagram > 0)
                self.show_browse_tree(panes.browse_tree)
                reader = panes.reader + (handle if panes.diagram == 0 else 0)
                self.splitter.setSizes([panes.browse, reader, panes.diagram])
            finally:
                self._fitting = False
            self.panes = panes
            self.changed.emit(panes)
        return panes

    def follow_resizes(self) -> None:
        """Share the width again whenever the splitter is resized (from the first frame on:
        watching events builds PySide6's ``QEvent`` enums, see hipref.app)."""
        from PySide6.QtCore import QEvent

        fit = self

        class Resizes(QObject):
            def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
                if event.type() == QEvent.Type.Resize and event.size().width() != event.oldSize().width():
                    fit.refit(event.size().width())
                return False

        self.splitter.installEventFilter(Resizes(self))

    def set_diagram(self, wanted: bool | None = None, relevant: bool | None = None, forced: bool | None = None) -> None:
        if wanted is not None:
            self.diagram_wanted = wanted
        if relevant is not None:
            self.diagram_relevant = relevant
        if forced is not None:
            self.diagram_forced = forced
        self.refit()

    def diagram_shown(self) -> bool:
        return self.panes is not None and self.panes.diagram > 0

    def _dragged(self, _pos: int, _index: int) -> None:
        if self._fitting:
            return
        sizes = self.splitter.sizes()
        if sizes[0] > 0:
            self.wanted[0] = sizes[0]
        if sizes[2] > 0:
            self.wanted[1] = sizes[2]
        for key, value in zip(WIDTH_KEYS, self.wanted, strict=True):
            self._settings.setValue(key, value)


WIDTH_KEYS = ("window/browse_width", "window/diagram_width")


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
