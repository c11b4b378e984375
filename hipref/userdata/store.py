"""Open, back up, migrate and use the user database.

Start-up order: if the file exists, check it (``quick_check``). Only damage (corruption, not a
database) moves it aside with a timestamp and starts a fresh one; any other trouble (a full
disk, permissions, a lock, an I/O error, a file from a newer hipref) leaves the file as it is
and opens it read-only, or, failing that, an empty read-only store, with the reason in
:attr:`UserData.read_only_reason`: the reference itself always opens. A sound file is copied
into ``backups/`` before any migration step runs. WAL journaling; every change is its own
transaction, and a failed one raises :class:`UserDataWriteError` with the real reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import peewee as pw

from hipref.text import is_unicode
from hipref.userdata import problems
from hipref.userdata.backups import KEEP_BACKUPS, back_up, backups
from hipref.userdata.errors import NoteConflict, UserDataWriteError
from hipref.userdata.models import BoundModels
from hipref.userdata.salvage import Salvage, read_damaged

log = logging.getLogger(__name__)

USER_DB_NAME = "user.sqlite"
KEEP_VISITS = 500
MAX_NOTE_CHARS = 1_000_000

__all__ = ["KEEP_BACKUPS", "KEEP_VISITS", "MAX_NOTE_CHARS", "USER_DB_NAME", "UserData"]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _create_v1(database: pw.SqliteDatabase, models: BoundModels) -> None:
    database.create_tables(models.all)


# Versioned upgrade steps: version N is reached by running MIGRATIONS[N].
MIGRATIONS: dict[int, Callable[[pw.SqliteDatabase, BoundModels], None]] = {1: _create_v1}


def schema_version() -> int:
    return max(MIGRATIONS)


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


def _uri(path: Path, mode: str, immutable: bool = False) -> str:
    # Quoted: a folder name holding "?", "#" or "%" must not change which file is opened.
    return f"file:{quote(str(path))}?mode={mode}" + ("&immutable=1" if immutable else "")


def _check(path: Path) -> None:
    """Raise the SQLite error if ``path`` cannot be read, or DatabaseError if it is damaged."""
    connection = sqlite3.connect(_uri(path, "ro"), uri=True, timeout=5)
    try:
        if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("database disk image is malformed (quick_check failed)")
    finally:
        connection.close()


def _check_storable(what: str, text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"the {what} holds a broken character (unpaired surrogate U+{ord(text[exc.start]):04X}"
            f" at position {exc.start}); remove it and try again"
        ) from None


class UserData:
    """Bookmarks, notes and recent entries of one user, in ``<data dir>/user.sqlite``.

    Each instance binds its own models to its own connection: two instances in one process
    (or two processes) on different folders never see each other's data.
    """

    def __init__(self, folder: Path, backup: bool = True) -> None:
        self.folder = Path(folder)
        self.path = self.folder / USER_DB_NAME
        self.recovered_from: Path | None = None
        self.read_only_reason: str | None = None
        self.database = self._open(backup)
        self.models = BoundModels(self.database)
        self._data_version = self._read_data_version()

    # -- opening --------------------------------------------------------------------------------
    @property
    def writable(self) -> bool:
        return self.read_only_reason is None

    def _open(self, backup: bool) -> pw.SqliteDatabase:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return self._read_only(f"cannot create the folder {self.folder}: {problems.reason(exc)}")
        if self.path.exists():
            try:
                _check(self.path)
            except (sqlite3.Error, OSError) as exc:
                if not problems.is_damage(exc):
                    return self._read_only(f"cannot read {self.path}: {problems.reason(exc)}")
                if not self._move_aside():
                    return self._read_only(f"{self.path} is damaged and cannot be moved aside")
            else:
                if backup:
                    try:
                        back_up(self.path, self.folder / "backups")
                    except (OSError, sqlite3.Error) as exc:
                        log.warning("could not back up %s: %s", self.path, problems.reason(exc))
        return self._connect()

    def _move_aside(self) -> bool:
        aside = self.path.with_name(f"{self.path.name}.damaged-{_stamp()}")
        try:
            self.path.rename(aside)
        except OSError as exc:
            log.error("user database %s is damaged and cannot be moved aside: %s", self.path, exc)
            return False
        for suffix in ("-wal", "-shm", "-journal"):
            extra = self.path.with_name(self.path.name + suffix)
            try:
                extra.rename(aside.with_name(aside.name + suffix))
            except FileNotFoundError:
                pass
            except OSError as exc:
                log.warning("could not move %s aside: %s", extra, exc)
        self.recovered_from = aside
        log.warning("user database was damaged; moved to %s and started afresh", aside)
        return True

    def _connect(self) -> pw.SqliteDatabase:
        # busy_timeout first: the journal mode needs a lock another instance may hold a moment.
        database = pw.SqliteDatabase(
            str(self.path),
            pragmas={"busy_timeout": 5000, "journal_mode": "wal", "synchronous": "normal", "foreign_keys": 1},
        )
        try:
            database.connect()
            self._migrate(database)
        except _NewerSchema as exc:
            database.close()
            return self._read_only(str(exc))
        except (pw.DatabaseError, sqlite3.Error, OSError) as exc:
            database.close()
            if problems.is_damage(exc) and self.recovered_from is None and self._move_aside():
                return self._connect()
            return self._read_only(f"cannot write to {self.path}: {problems.reason(exc)}")
        return database

    def _migrate(self, database: pw.SqliteDatabase) -> None:
        version = database.pragma("user_version")
        if version > schema_version():
            raise _NewerSchema(version)
        models = BoundModels(database)
        for step in range(version + 1, schema_version() + 1):
            with self._transaction(database):
                MIGRATIONS[step](database, models)
                database.pragma("user_version", step)

    def _read_only(self, reason: str) -> pw.SqliteDatabase:
        """Open the file read-only if it can be read (else an empty store in memory)."""
        self.read_only_reason = reason
        log.warning("user data is read-only: %s", reason)
        for immutable in (False, True):
            database = pw.SqliteDatabase(_uri(self.path, "ro", immutable), uri=True)
            try:
                database.connect()
                version = database.pragma("user_version")
                if version >= 1:
                    database.execute_sql("SELECT count(*) FROM note").fetchone()
                    return database
            except (pw.DatabaseError, sqlite3.Error, OSError):
                pass
            database.close()
        database = pw.SqliteDatabase(":memory:", autoconnect=False)
        database.connect()
        MIGRATIONS[1](database, BoundModels(database))
        return database

    def close(self) -> None:
        if not self.database.is_closed():
            try:
                self.database.close()
            except (pw.DatabaseError, sqlite3.Error) as exc:
                log.warning("closing the user database: %s", problems.reason(exc))

    # -- changes --------------------------------------------------------------------------------
    @staticmethod
    @contextmanager
    def _transaction(database: pw.SqliteDatabase) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT; on failure the real error is raised, not a failed rollback
        (SQLite may already have rolled back, e.g. on a full disk)."""
        connection = database.connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                try:
                    connection.execute("ROLLBACK")
                except sqlite3.Error as exc:
                    log.warning("rollback failed: %s", exc)
            raise

    @contextmanager
    def _change(self, what: str) -> Iterator[None]:
        if self.read_only_reason is not None:
            raise UserDataWriteError(f"Cannot save the {what}: your data is read-only ({self.read_only_reason})")
        try:
            with self._transaction(self.database):
                yield
        except (pw.DatabaseError, sqlite3.Error, OSError) as exc:
            log.warning("could not save the %s: %s", what, exc)
            raise UserDataWriteError(f"Cannot save the {what}: {problems.reason(exc)}") from None
        self._data_version = self._read_data_version()

    # -- seeing other windows' changes ----------------------------------------------------------
    def _read_data_version(self) -> int:
        if self.database.is_closed():
            return -1
        try:
            return self.database.pragma("data_version")
        except (pw.PeeweeException, sqlite3.Error):
            return -1

    def changed_elsewhere(self) -> bool:
        """Whether another connection (another window) has committed since we last looked."""
        version = self._read_data_version()
        changed = version != self._data_version and version != -1
        self._data_version = version
        return changed

    # -- bookmarks ------------------------------------------------------------------------------
    def bookmarks(self) -> list[SavedBookmark]:
        Bookmark = self.models.Bookmark
        query = Bookmark.select().order_by(Bookmark.created.desc())
        return [SavedBookmark(b.ref, b.title, b.created) for b in query]

    def is_bookmarked(self, ref: str) -> bool:
        if not is_unicode(ref):
            return False  # no such ref was ever stored
        Bookmark = self.models.Bookmark
        return Bookmark.select().where(Bookmark.ref == ref).exists()

    def set_bookmark(self, ref: str, title: str, on: bool) -> None:
        Bookmark = self.models.Bookmark
        with self._change("bookmark"):
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
        if not is_unicode(ref):
            return ""
        Note = self.models.Note
        row = Note.get_or_none(Note.ref == ref)
        return row.text if row else ""

    def save_note(self, ref: str, text: str, expected: str | None = None) -> None:
        """Store the note for ``ref`` (an empty note removes it). Nothing is trimmed or lost.

        With ``expected`` (the text the editor loaded), the save is compare-and-set: if the
        stored note is no longer ``expected``, :class:`NoteConflict` is raised and nothing is
        written. Text that cannot be written as UTF-8 (an unpaired surrogate) or is longer than
        :data:`MAX_NOTE_CHARS` raises :class:`ValueError`; the stored note stays.
        """
        if len(text) > MAX_NOTE_CHARS:
            raise ValueError(f"a note may hold at most {MAX_NOTE_CHARS:,} characters")
        _check_storable("note", text)
        _check_storable("entry reference", ref)
        Note = self.models.Note
        with self._change("note"):
            if expected is not None:
                row = Note.get_or_none(Note.ref == ref)
                theirs = row.text if row else ""
                if theirs != expected:
                    raise NoteConflict(ref, theirs)
            if text == "":
                Note.delete().where(Note.ref == ref).execute()
            else:
                Note.insert(ref=ref, text=text, updated=_now()).on_conflict(
                    conflict_target=[Note.ref], update={Note.text: text, Note.updated: _now()}
                ).execute()

    def notes(self) -> dict[str, str]:
        return {n.ref: n.text for n in self.models.Note.select()}

    # -- history --------------------------------------------------------------------------------
    def record_visit(self, ref: str, title: str) -> bool:
        """Add ``ref`` to the recent entries (best effort: False if it could not be stored)."""
        Visit = self.models.Visit
        try:
            with self._change("history"):
                Visit.create(ref=ref, title=title, at=_now())
                stale = Visit.select(Visit.id).order_by(Visit.at.desc(), Visit.id.desc()).offset(KEEP_VISITS)
                Visit.delete().where(Visit.id.in_(stale)).execute()
        except UserDataWriteError:
            return False
        return True

    def recent(self, limit: int = 20) -> list[RecentVisit]:
        """Most recently opened entries, newest first, each once."""
        Visit = self.models.Visit
        seen: dict[str, RecentVisit] = {}
        for visit in Visit.select().order_by(Visit.at.desc(), Visit.id.desc()).limit(limit * 10):
            seen.setdefault(visit.ref, RecentVisit(visit.ref, visit.title, visit.at))
            if len(seen) >= limit:
                break
        return list(seen.values())

    # -- recovery -------------------------------------------------------------------------------
    def newest_backup(self) -> Path | None:
        found = backups(self.folder / "backups")
        return found[-1] if found else None

    def salvage(self, damaged: Path) -> Salvage:
        """Add every note, bookmark and recent entry still readable in the damaged file
        ``damaged`` (one moved aside) to this store; a note already here is kept as it is."""
        found = read_damaged(Path(damaged))
        models = self.models
        with self._change("recovered notes and bookmarks"):
            for ref, text, updated in found.rows.get("note", []):
                models.Note.insert(ref=ref, text=text, updated=updated).on_conflict_ignore().execute()
            for ref, title, created in found.rows.get("bookmark", []):
                models.Bookmark.insert(ref=ref, title=title, created=created).on_conflict_ignore().execute()
            for ref, title, at in found.rows.get("visit", []):
                models.Visit.insert(ref=ref, title=title, at=at).execute()
        log.info(
            "recovered %d notes, %d bookmarks and %d visits from %s (%d damaged stretches passed)",
            found.count("note"),
            found.count("bookmark"),
            found.count("visit"),
            damaged,
            found.damaged_stretches,
        )
        return found

    def restore(self, backup: Path) -> None:
        """Replace what this store holds by the backup ``backup`` (after a damaged file)."""
        if self.read_only_reason is not None:
            raise UserDataWriteError(f"Cannot restore: your data is read-only ({self.read_only_reason})")
        try:
            source = sqlite3.connect(_uri(Path(backup), "ro"), uri=True)
            try:
                source.backup(self.database.connection())
            finally:
                source.close()
            self._migrate(self.database)
        except (pw.DatabaseError, sqlite3.Error, OSError) as exc:
            raise UserDataWriteError(f"Cannot restore {backup}: {problems.reason(exc)}") from None
        self._data_version = self._read_data_version()


class _NewerSchema(sqlite3.DatabaseError):
    def __init__(self, version: int) -> None:
        super().__init__(
            f"your notes and bookmarks were saved by a newer hipref (data version {version}, this one"
            f" knows {schema_version()}); update hipref to change them"
        )
