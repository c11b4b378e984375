"""Copies of the user database taken at start-up, safe with several hipref running at once.

Each copy is written under a name no other process uses (the time, the process id and a
random part) and renamed when complete, so a crash midway never leaves a partial file among
the backups. Partial copies are cleaned only when their process is gone (or they are old),
never while another instance is still writing one; rotation runs under a lock on the folder.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
import sqlite3
import time
from pathlib import Path

from hipref.userdata.folder_lock import locked

log = logging.getLogger(__name__)

KEEP_BACKUPS = 5
STALE_PART_SECONDS = 3600
LOCK_NAME = ".rotation.lock"
_PART = re.compile(r"^user-.*\.sqlite\.part-(\d+)-[0-9a-f]+(-journal|-wal|-shm)?$")


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, ValueError, OverflowError):
        return True
    return True


def _is_stale(part: Path) -> bool:
    match = _PART.match(part.name)
    if match is None:
        return False
    try:
        age = time.time() - part.stat().st_mtime
    except OSError:
        return False
    if age > STALE_PART_SECONDS:
        return True
    return os.name == "posix" and not _process_alive(int(match.group(1)))


def backups(folder: Path) -> list[Path]:
    """The complete backups in ``folder``, oldest first."""
    return sorted(folder.glob("user-*.sqlite"))


def back_up(path: Path, folder: Path) -> Path:
    """Copy the database ``path`` into ``folder``; keep the newest :data:`KEEP_BACKUPS`."""
    folder.mkdir(parents=True, exist_ok=True)
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    target = folder / f"user-{_stamp()}-{token}.sqlite"
    partial = folder / f"{target.name}.part-{token}"
    try:
        source = sqlite3.connect(path, timeout=10)
        try:
            destination = sqlite3.connect(partial)
            try:
                with destination:
                    source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
        os.replace(partial, target)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise
    with locked(folder / LOCK_NAME):
        for stale in folder.glob("user-*.sqlite.part-*"):
            if _is_stale(stale):
                stale.unlink(missing_ok=True)
        for old in backups(folder)[:-KEEP_BACKUPS]:
            old.unlink(missing_ok=True)
    return target
