"""The two versions a user may be asked for: the app's, and that of the content it reads.

The content version is recorded by the builder (``content_version`` in the database's meta
table): the build date and the start of the content hash, e.g. ``2026-11-29+66955c13fcde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from hipref import __version__

UNKNOWN = "unknown"


def content_version(meta: Mapping[str, str]) -> str:
    """The content version a built database records, or ``unknown`` for one that records none."""
    return meta.get("content_version") or UNKNOWN


def version_lines(meta: Mapping[str, str]) -> list[str]:
    """``hipref --version``'s lines: the app's version, then the content's."""
    return [f"hipref {__version__}", f"content {content_version(meta)}"]


def version_text(db_path: Path) -> str:
    """The versions of the app and of the content database at ``db_path``.

    A missing or unusable database still gives the app's version, and says why the content's
    is unavailable instead of failing.
    """
    from hipref.store.content_store import ContentStore
    from hipref.store.errors import UnusableDatabaseError

    try:
        store = ContentStore.open(db_path)
    except UnusableDatabaseError as exc:
        return "\n".join([f"hipref {__version__}", f"content unavailable: {exc}"])
    with store:
        return "\n".join(version_lines(store.meta()))
