"""Open, back up, migrate and use the user database.

Start-up order: if the file exists, check it (``quick_check``); a damaged file is moved aside
with a timestamp and a fresh one started, so the app carries on. A sound file is copied into
``backups/`` (the newest few are kept) before any migration step runs. WAL journaling; every
change is its own transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import peewee as pw

from hipref.userdata.models import USER_MODELS, Bookmark, Note, Visit, user_db

log = logging.getLogger(__name__)

USER_DB_NAME = "user.sqlite"
KEEP_BACKUPS = 5
KEEP_VISITS = 500
MAX_NOTE_CHARS = 5_000_000


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _create_v1(database: pw.SqliteDatabase) -> None:
    database.create_tables(USER_MODELS)


# Versioned upgrade steps: version N is reached by running MIGRATIONS[N].
MIGRATIONS: dict[int, Callable[[pw.SqliteDatabase], None]] = {1: _create_v1}
USER_SCHEMA_VERSION = max(MIGRATIONS)


@dataclass(frozen=True)
class SavedBookmark:
    ref: str
    title: str
    created: str


@dataclass(frozen=True)
class RecentVisit:
    ref: str
    title: str
    at: str


class UserDataError(Exception):
    """The user data folder cannot be used at all (e.g. not writable)."""


def _is_sound(path: Path) -> bool:
    try:
        # Quoted: a folder name holding "?", "#" or "%" must not change which file is checked.
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False


def _backup(path: Path, folder: Path) -> None:
    """Copy ``path`` into ``folder`` and keep the newest few copies.

    The copy is written under a temporary name and renamed when complete, so a crash midway
    never leaves a partial file among the backups (nor pushes a sound one out of rotation).
    """
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("user-*.sqlite.part*"):
        stale.unlink(missing_ok=True)
    target = folder / f"user-{_stamp()}.sqlite"
    partial = target.with_name(target.name + ".part")
    source = sqlite3.connect(path)
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
    for old in sorted(folder.glob("user-*.sqlite"))[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)


def _check_storable(what: str, text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"the {what} holds a broken character (unpaired surrogate U+{ord(text[exc.start]):04X}"
            f" at position {exc.start}); remove it and try again"
        ) from None


class UserData:
    """Bookmarks, notes and recent entries of one user, in ``<data dir>/user.sqlite``."""

    def __init__(self, folder: Path, backup: bool = True) -> None:
        self.folder = Path(folder)
        self.path = self.folder / USER_DB_NAME
        self.recovered_from: Path | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserDataError(f"Cannot create the user data folder {self.folder}: {exc.strerror}") from None
        if self.path.exists():
            if not _is_sound(self.path):
                self._move_aside()
            elif backup:
                try:
                    _backup(self.path, self.folder / "backups")
                except (OSError, sqlite3.Error) as exc:
                    log.warning("could not back up %s: %s", self.path, exc)
        self.database = self._connect()

    def _move_aside(self) -> None:
        aside = self.path.with_name(f"{self.path.name}.damaged-{_stamp()}")
        self.path.rename(aside)
        for suffix in ("-wal", "-shm", "-journal"):
            extra = self.path.with_name(self.path.name + suffix)
            if extra.exists():
                extra.rename(aside.with_name(aside.name + suffix))
        self.recovered_from = aside
        log.warning("user database was damaged; moved to %s and started afresh", aside)

    def _connect(self) -> pw.SqliteDatabase:
        database = pw.SqliteDatabase(
            str(self.path),
            pragmas={"journal_mode": "wal", "synchronous": "normal", "foreign_keys": 1, "busy_timeout": 5000},
        )
        try:
            database.connect()
            user_db.initialize(database)
            self._migrate(database)
        except (pw.DatabaseError, sqlite3.DatabaseError) as exc:
            database.close()
            if self.recovered_from is not None:
                raise UserDataError(f"Cannot open the user database {self.path}: {exc}") from None
            self._move_aside()
            return self._connect()
        return database

    @staticmethod
    def _migrate(database: pw.SqliteDatabase) -> None:
        version = database.pragma("user_version")
        for step in range(version + 1, USER_SCHEMA_VERSION + 1):
            with database.atomic():
                MIGRATIONS[step](database)
                database.pragma("user_version", step)

    def close(self) -> None:
        if not self.database.is_closed():
            self.database.close()

    # -- bookmarks ------------------------------------------------------------------------------
    def bookmarks(self) -> list[SavedBookmark]:
        query = Bookmark.select().order_by(Bookmark.created.desc())
        return [SavedBookmark(b.ref, b.title, b.created) for b in query]

    def is_bookmarked(self, ref: str) -> bool:
        return Bookmark.select().where(Bookmark.ref == ref).exists()

    def set_bookmark(self, ref: str, title: str, on: bool) -> None:
        with self.database.atomic():
            if on:
                Bookmark.insert(ref=ref, title=title, created=_now()).on_conflict_ignore().execute()
            else:
                Bookmark.delete().where(Bookmark.ref == ref).execute()

    def toggle_bookmark(self, ref: str, title: str) -> bool:
        """Bookmark ``ref`` or remove its bookmark; returns whether it is now bookmarked."""
        on = not self.is_bookmarked(ref)
        self.set_bookmark(ref, title, on)
        return on

    # -- notes ----------------------------------------------------------------------------------
    def note(self, ref: str) -> str:
        row = Note.get_or_none(Note.ref == ref)
        return row.text if row else ""

    def save_note(self, ref: str, text: str) -> None:
        """Store the note for ``ref`` (an empty note removes it). Nothing is trimmed or lost.

        Any text is stored exactly, NUL characters and all, except what cannot be written as
        UTF-8 (an unpaired surrogate): that raises :class:`ValueError` and the stored note stays.
        """
        if len(text) > MAX_NOTE_CHARS:
            raise ValueError(f"a note may hold at most {MAX_NOTE_CHARS:,} characters")
        _check_storable("note", text)
        _check_storable("entry reference", ref)
        with self.database.atomic():
            if text == "":
                Note.delete().where(Note.ref == ref).execute()
            else:
                Note.insert(ref=ref, text=text, updated=_now()).on_conflict(
                    conflict_target=[Note.ref], update={Note.text: text, Note.updated: _now()}
                ).execute()

    def notes(self) -> dict[str, str]:
        return {n.ref: n.text for n in Note.select()}

    # -- history --------------------------------------------------------------------------------
    def record_visit(self, ref: str, title: str) -> None:
        with self.database.atomic():
            Visit.create(ref=ref, title=title, at=_now())
            stale = Visit.select(Visit.id).order_by(Visit.at.desc()).offset(KEEP_VISITS)
            Visit.delete().where(Visit.id.in_(stale)).execute()

    def recent(self, limit: int = 20) -> list[RecentVisit]:
        """Most recently opened entries, newest first, each once."""
        seen: dict[str, RecentVisit] = {}
        for visit in Visit.select().order_by(Visit.at.desc()).limit(limit * 10):
            seen.setdefault(visit.ref, RecentVisit(visit.ref, visit.title, visit.at))
            if len(seen) >= limit:
                break
        return list(seen.values())
