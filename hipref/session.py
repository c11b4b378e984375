"""What the reader is showing and where it has been: the current entry, the words lit in it,
back and forward history, and the visits kept in the user's data (plain Python, no Qt)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hipref.store.records import EntryDetail

HISTORY_LIMIT = 200


class History:
    """A browser-style history: visiting after going back drops the forward entries."""

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self._items: list[str] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> str | None:
        return self._items[self._index] if self._index >= 0 else None

    def visit(self, ref: str) -> None:
        if ref == self.current:
            return
        del self._items[self._index + 1 :]
        self._items.append(ref)
        if len(self._items) > self._limit:
            del self._items[0]
        self._index = len(self._items) - 1

    def can_back(self) -> bool:
        return self._index > 0

    def can_forward(self) -> bool:
        return self._index < len(self._items) - 1

    def back(self) -> str | None:
        if self.can_back():
            self._index -= 1
        return self.current

    def forward(self) -> str | None:
        if self.can_forward():
            self._index += 1
        return self.current


class EntrySession:
    """The entry being read (``None`` on the welcome page) and how the reader got there.

    ``lookup`` finds an entry by TYPE/SLUG; ``record_visit`` keeps a visit (ref, title) in the
    user's recent entries. The searched words are lit in whatever entry a search opened.
    A preview (an entry shown while moving through results) is current without being a step
    in history until it is remembered; Back from it returns to the entry it stood in for.
    """

    def __init__(
        self,
        lookup: Callable[[str], EntryDetail | None],
        record_visit: Callable[[str, str], object],
        history_limit: int = HISTORY_LIMIT,
    ) -> None:
        self._lookup = lookup
        self._record_visit = record_visit
        self.history = History(history_limit)
        self.current: EntryDetail | None = None
        self.highlight: tuple[str, ...] = ()
        self.previewing = False

    @property
    def study(self) -> EntryDetail | None:
        """The current entry if it is a study card."""
        return self.current if self.current is not None and self.current.type == "study" else None

    def open(self, ref: str, highlight: tuple[str, ...] = (), record: bool = True) -> EntryDetail | None:
        """Make ``ref`` current and, with ``record``, a step in history and a visit; None if absent."""
        detail = self._lookup(ref) if isinstance(ref, str) else None
        if detail is None:
            return None
        self.current = detail
        self.highlight = tuple(highlight)
        self.previewing = False
        if record:
            self.history.visit(detail.ref)
            self._record_visit(detail.ref, detail.title)
        return detail

    def preview(self, ref: str, highlight: tuple[str, ...] = ()) -> EntryDetail | None:
        """Make ``ref`` current for a look, not yet a step in history nor a visit."""
        detail = self.open(ref, highlight, record=False)
        self.previewing = detail is not None
        return detail

    def remember(self) -> None:
        """Keep the entry being previewed: a step in history and a visit, as if opened."""
        if self.previewing and self.current is not None:
            self.previewing = False
            self.history.visit(self.current.ref)
            self._record_visit(self.current.ref, self.current.title)

    def leave(self) -> None:
        """No entry is current (the welcome page); history stays as it was."""
        self.current, self.highlight, self.previewing = None, (), False

    def can_back(self) -> bool:
        """Whether Back leads anywhere: an earlier step, or the entry a preview stood in for."""
        return self.history.can_back() or (self.previewing and self.history.current is not None)

    def back(self) -> EntryDetail | None:
        """The entry before this one in history, made current (None at the start of history);
        from a preview, the entry read before it."""
        if self.previewing and self.history.current is not None:
            return self.open(self.history.current, record=False)
        if not self.can_back():
            return None
        return self.open(self.history.back() or "", record=False)

    def forward(self) -> EntryDetail | None:
        """The entry after this one in history, made current (None at the end of history)."""
        if not self.history.can_forward():
            return None
        return self.open(self.history.forward() or "", record=False)
