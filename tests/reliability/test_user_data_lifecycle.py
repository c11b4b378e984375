"""History limits, pruning of recent entries, versioned migrations, a newer file, and backups
that never collide between instances started at once."""

from __future__ import annotations

import logging
import multiprocessing
import sqlite3

import pytest

from hipref.userdata import store
from hipref.userdata.backups import KEEP_BACKUPS
from hipref.userdata.store import KEEP_VISITS, USER_DB_NAME, UserData, UserDataWriteError


@pytest.fixture
def user(data_dir):
    opened = UserData(data_dir, backup=False)
    yield opened
    opened.close()


def test_history_keeps_the_newest_visits_only(user):
    for i in range(KEEP_VISITS + 25):
        user.record_visit(f"study/s{i}", f"Study {i}")
    rows = user.models.Visit.select().count()
    assert rows == KEEP_VISITS
    assert [v.ref for v in user.recent(3)] == [f"study/s{KEEP_VISITS + 24 - i}" for i in range(3)]


def test_recent_entries_are_newest_first_each_once_and_limited(user):
    for ref in ("a/1", "b/2", "a/1", "c/3", "a/1", "d/4"):
        user.record_visit(ref, ref.upper())
    assert [v.ref for v in user.recent(20)] == ["d/4", "a/1", "c/3", "b/2"]
    assert [v.ref for v in user.recent(2)] == ["d/4", "a/1"]


def _add_colour(database, models):
    database.execute_sql("ALTER TABLE bookmark ADD COLUMN colour TEXT NOT NULL DEFAULT 'none'")


def test_a_v1_file_is_backed_up_then_migrated_to_v2(data_dir, monkeypatch):
    v1 = UserData(data_dir, backup=False)
    v1.save_note("term/bursa", "kept across the upgrade")
    v1.set_bookmark("term/bursa", "Bursa", True)
    v1.close()
    monkeypatch.setitem(store.MIGRATIONS, 2, _add_colour)
    v2 = UserData(data_dir)
    try:
        assert v2.writable and v2.database.pragma("user_version") == 2
        assert v2.note("term/bursa") == "kept across the upgrade" and v2.is_bookmarked("term/bursa")
        assert v2.database.execute_sql("SELECT colour FROM bookmark").fetchall() == [("none",)]
    finally:
        v2.close()
    (backup,) = (data_dir / "backups").glob("user-*.sqlite")
    old = sqlite3.connect(backup)
    try:
        assert old.execute("PRAGMA user_version").fetchone() == (1,), "the backup was taken before the step"
    finally:
        old.close()


def test_a_failing_migration_step_changes_nothing_and_leaves_the_data_read_only(data_dir, monkeypatch):
    UserData(data_dir, backup=False).close()
    before = (data_dir / USER_DB_NAME).read_bytes()

    def broken(database, models):
        database.execute_sql("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("step failed")

    monkeypatch.setitem(store.MIGRATIONS, 2, broken)
    user = UserData(data_dir, backup=False)
    try:
        assert not user.writable and "step failed" in user.read_only_reason
        assert user.recovered_from is None
    finally:
        user.close()
    check = sqlite3.connect(data_dir / USER_DB_NAME)
    try:
        assert check.execute("PRAGMA user_version").fetchone() == (1,)
        assert check.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall() == []
    finally:
        check.close()
    assert (data_dir / USER_DB_NAME).read_bytes() == before


def test_a_file_from_a_newer_hipref_opens_read_only_and_is_never_written(data_dir):
    user = UserData(data_dir, backup=False)
    user.save_note("term/bursa", "from the future")
    user.database.pragma("user_version", 99)
    user.close()
    before = (data_dir / USER_DB_NAME).read_bytes()
    newer = UserData(data_dir, backup=False)
    try:
        assert not newer.writable and "newer hipref" in newer.read_only_reason
        assert newer.note("term/bursa") == "from the future"
        with pytest.raises(UserDataWriteError, match="read-only"):
            newer.save_note("term/bursa", "overwritten")
        assert not newer.record_visit("term/bursa", "Bursa")
    finally:
        newer.close()
    assert (data_dir / USER_DB_NAME).read_bytes() == before


def _start(folder, go, failures):
    """One instance's start-up: open (backing up) and close; count a logged backup failure."""

    class Count(logging.Handler):
        def emit(self, record):
            if "could not back up" in record.getMessage():
                failures.value += 1

    logging.getLogger("hipref.userdata.store").addHandler(Count())
    go.wait()
    UserData(folder).close()


@pytest.mark.slow
def test_three_hundred_instances_started_at_once_all_back_up(data_dir):
    seeded = UserData(data_dir, backup=False)
    for i in range(50):
        seeded.save_note(f"study/s{i}", f"note {i} " * 50)
    seeded.close()
    context = multiprocessing.get_context("fork")
    go, failures = context.Event(), context.Value("i", 0)
    starts = [context.Process(target=_start, args=(data_dir, go, failures)) for _ in range(300)]
    for process in starts:
        process.start()
    go.set()
    for process in starts:
        process.join(120)
    assert [p.exitcode for p in starts] == [0] * 300
    assert failures.value == 0, f"{failures.value} of 300 starts could not back up"
    backups = sorted((data_dir / "backups").glob("user-*.sqlite"))
    assert len(backups) == KEEP_BACKUPS
    assert list((data_dir / "backups").glob("*.part*")) == [], "no partial copy is left behind"
    for backup in backups:
        check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            assert check.execute("SELECT count(*) FROM note").fetchone() == (50,)
        finally:
            check.close()
