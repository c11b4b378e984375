"""The one place that finds the bundled ``resources/`` and ``db/`` folders.

An installed wheel carries both inside the package (``hipref/resources``, ``hipref/db``);
a source checkout or editable install has them beside the package, at the repository root.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path, PurePosixPath

_PACKAGE_DIR = Path(__file__).resolve().parent

DB_FILENAME = "hipref.sqlite"
APP_NAME = "hipref"


class ResourcePathError(ValueError):
    """A resource name tried to leave the resources folder."""


@cache
def _root() -> Path:
    """Folder that holds ``resources/`` and ``db/``: the package itself when installed."""
    if (_PACKAGE_DIR / "resources").is_dir():
        return _PACKAGE_DIR
    return _PACKAGE_DIR.parent


def resources_dir() -> Path:
    return _root() / "resources"


def content_dir() -> Path:
    return resources_dir() / "content"


def bundled_db_path() -> Path:
    return _root() / "db" / DB_FILENAME


def resource(name: str) -> Path:
    """Path of a bundled resource by its relative POSIX name, e.g. ``styles/app.qss``.

    Absolute names and ``..`` are refused so content can never point outside the bundle.
    """
    pure = PurePosixPath(name)
    if not name or pure.is_absolute() or ".." in pure.parts or "\\" in name or ":" in name:
        raise ResourcePathError(f"not a bundled resource name: {name!r}")
    return resources_dir().joinpath(*pure.parts)


def user_data_dir() -> Path:
    """The user's own data folder: ``HIPREF_DATA_DIR`` or the platform's app-data folder."""
    override = os.environ.get("HIPREF_DATA_DIR")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME
