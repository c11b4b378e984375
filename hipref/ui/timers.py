"""Timers the widgets wait on: a pause before saving, previewing or searching, a watch that repeats."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from collections.abc import Callable


def timer(parent: QObject, interval_ms: int, slot: Callable[[], object], single_shot: bool = True) -> QTimer:
    """A timer owned by ``parent`` that calls ``slot`` after ``interval_ms`` (once, unless
    ``single_shot`` is false); started by its user."""
    made = QTimer(parent)
    made.setSingleShot(single_shot)
    made.setInterval(interval_ms)
    made.timeout.connect(slot)
    return made
