"""Previewing results while moving through them: the entry shows after a short pause, and
becomes a step in history only if it is opened or left showing for a while.

Arrowing down ten results should not leave ten entries in Back, nor render ten pages.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from hipref.ui.timers import timer

PREVIEW_DELAY_MS = 180  # a held arrow key repeats faster than this, so nothing renders until it stops
DWELL_MS = 2500  # a preview read this long is kept in history, as if it had been opened


class ResultPreview(QObject):
    """Emits :attr:`preview` a pause after :meth:`request`, then :attr:`dwelt` if nothing moves."""

    preview = Signal(str)
    dwelt = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ref = ""
        self._pause = timer(self, PREVIEW_DELAY_MS, self._show)
        self._dwell = timer(self, DWELL_MS, lambda: self.dwelt.emit(self.ref))

    def set_delays(self, pause_ms: int, dwell_ms: int) -> None:
        self._pause.setInterval(pause_ms)
        self._dwell.setInterval(dwell_ms)

    def request(self, ref: str) -> None:
        """Preview ``ref`` once the keys have paused (a later request replaces it)."""
        self.ref = ref
        self._dwell.stop()
        self._pause.start()

    def cancel(self) -> None:
        """Forget the pending preview: the entry was opened, or the reader moved on."""
        self._pause.stop()
        self._dwell.stop()

    def is_pending(self) -> bool:
        return self._pause.isActive() or self._dwell.isActive()

    def _show(self) -> None:
        self.preview.emit(self.ref)
        self._dwell.start()
