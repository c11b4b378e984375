"""Item data roles of hipref's models, beyond Qt's own."""

from __future__ import annotations

from PySide6.QtCore import Qt

HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the search Hit of a result row
HEADER_ROLE = Qt.ItemDataRole.UserRole + 2  # whether a result row is a group header
REF_ROLE = Qt.ItemDataRole.UserRole + 3  # TYPE/SLUG of an entry row ("" for a heading)
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 10  # the key of a browse category ("" for an entry)
