"""The item data roles written out as numbers are Qt's own values."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hipref.ui import roles


def test_roles_are_qt_values():
    assert roles.ACCESSIBLE_TEXT_ROLE == Qt.ItemDataRole.AccessibleTextRole
    assert roles.USER_ROLE == Qt.ItemDataRole.UserRole
    custom = [roles.HIT_ROLE, roles.HEADER_ROLE, roles.REF_ROLE, roles.CATEGORY_ROLE]
    assert len(set(custom)) == len(custom) and min(custom) > Qt.ItemDataRole.UserRole
