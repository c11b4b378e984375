"""Item data roles of hipref's models, as plain numbers.

These are ``Qt.ItemDataRole`` values written out: the first touch of PySide6's ``Qt`` namespace
builds Python enums for all of it (about 30 ms), and the browse tree is filled before the
window first appears. ``tests/ui/test_roles.py`` checks them against Qt's own values.
"""

from __future__ import annotations

ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole
USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole

HIT_ROLE = USER_ROLE + 1
HEADER_ROLE = USER_ROLE + 2
REF_ROLE = USER_ROLE + 3
CATEGORY_ROLE = USER_ROLE + 10
