"""hipref's icon, and the name of the desktop entry under which the desktop finds it.

The desktop entry, its icons and the AppStream metainfo are named by ``DESKTOP_ID`` (see
resources/packaging/linux); Wayland matches windows to the entry by this name.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from hipref import paths

DESKTOP_ID = "org.hipref.hipref"


def app_icon() -> QIcon:
    """The icon drawn from its SVG, sharp at any size (title bars, task switchers, docks)."""
    return QIcon(str(paths.resource("icons/hipref.svg")))
