"""What went wrong with the user database, in one line, and whether it means damage.

Only corruption (``SQLITE_CORRUPT``, ``SQLITE_NOTADB``, a failed ``quick_check``) is damage.
A full disk, an I/O error, a permission or a lock says nothing about the file, so it is never
moved aside for them: the user is told the reason instead.
"""

from __future__ import annotations

import errno
import sqlite3

# Primary SQLite result codes (the low byte of an extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26

DAMAGE = "damaged"
FULL = "full"
READ_ONLY = "read-only"
LOCKED = "locked"
IO = "i/o"
OTHER = "other"

_KINDS = {
    SQLITE_CORRUPT: DAMAGE,
    SQLITE_NOTADB: DAMAGE,
    SQLITE_FULL: FULL,
    SQLITE_READONLY: READ_ONLY,
    SQLITE_PERM: READ_ONLY,
    SQLITE_CANTOPEN: READ_ONLY,
    SQLITE_BUSY: LOCKED,
    SQLITE_LOCKED: LOCKED,
    SQLITE_IOERR: IO,
}

_OS_KINDS = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
    errno.EROFS: READ_ONLY,
}

_MESSAGES = {
    DAMAGE: "the file is damaged",
    FULL: "the disk is full",
    READ_ONLY: "the file or its folder cannot be written (permissions or a read-only disk)",
    LOCKED: "another program holds the file locked",
    IO: "the disk reported a read or write error",
}


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind ``exc``: peewee wraps it as its first argument."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, sqlite3.Error):
            return exc
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = inner or exc.__cause__ or exc.__context__
    return None


def kind_of(exc: BaseException) -> str:
    """One of DAMAGE, FULL, READ_ONLY, LOCKED, IO or OTHER."""
    if isinstance(exc, OSError):
        return _OS_KINDS.get(exc.errno, IO)
    error = _sqlite_error(exc)
    if error is None:
        return OTHER
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return _KINDS.get(code & 0xFF, OTHER)
    text = str(error).lower()  # an error raised by Python's module itself carries no code
    if "malformed" in text or "not a database" in text:
        return DAMAGE
    return OTHER


def is_damage(exc: BaseException) -> bool:
    return kind_of(exc) == DAMAGE


def reason(exc: BaseException) -> str:
    """A short reason for the user, e.g. ``the disk is full``."""
    kind = kind_of(exc)
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    error = _sqlite_error(exc) or exc
    return str(error)[:200] or type(error).__name__
