"""Search results grouped by type, as a list model (headers are rows that cannot be selected).

The custom roles always answer with a value, never ``None``, so callers can read them from
any row without checking what kind of row it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from hipref.content.schema import TYPE_LABELS
from hipref.search.engine import Hit
from hipref.ui.roles import HEADER_ROLE, HIT_ROLE, REF_ROLE

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _Header:
    type: str
    count: int

    @property
    def text(self) -> str:
        return f"{TYPE_LABELS[self.type][1]} ({self.count})"


def group_hits(hits: list[Hit]) -> list[Hit | _Header]:
    """Hits grouped by type; the group holding the best hit comes first, and so on."""
    order: list[str] = []
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        if hit.type not in groups:
            order.append(hit.type)
            groups[hit.type] = []
        groups[hit.type].append(hit)
    rows: list[Hit | _Header] = []
    for type_ in order:
        rows.append(_Header(type_, len(groups[type_])))
        rows.extend(groups[type_])
    return rows


class ResultsModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Hit | _Header] = []
        self.query = ""
        self.words: tuple[str, ...] = ()

    def set_hits(self, hits: list[Hit], query: str = "", words: tuple[str, ...] = ()) -> None:
        """Show ``hits`` for ``query``; ``words`` are what search matched, for the reader to mark."""
        self.beginResetModel()
        self._rows = group_hits(hits)
        self.query = query
        self.words = words
        self.endResetModel()

    def hit_count(self) -> int:
        return sum(1 for row in self._rows if isinstance(row, Hit))

    def first_hit_row(self) -> int:
        return next((i for i, row in enumerate(self._rows) if isinstance(row, Hit)), -1)

    def rowCount(self, parent: _Index | None = None) -> int:  # noqa: N802 (Qt API)
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], _Header):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, _Header):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row.text
            if role == HEADER_ROLE:
                return True
            if role in (HIT_ROLE, REF_ROLE):
                return ""  # never None: see the note at the top of this module
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{TYPE_LABELS[row.type][0]}: {row.title}. {row.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.snippet
        if role == HIT_ROLE:
            return row
        if role == REF_ROLE:
            return row.ref
        if role == HEADER_ROLE:
            return False
        return None
