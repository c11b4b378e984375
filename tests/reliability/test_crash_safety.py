"""Guarantee: killing hipref at any moment loses no committed note and damages nothing.

A child process opens the user data and saves notes in a loop, printing each note's key and
the hash of its text once ``save_note`` has returned (committed). The parent kills it with
SIGKILL at random moments, many times over the same folder, then checks the database.
"""

from __future__ import annotations

import hashlib
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hipref.userdata.store import KEEP_BACKUPS, USER_DB_NAME, UserData
from tests.reliability.conftest import hipref_env, run_hipref

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

WRITER = r"""
import hashlib, random, sys
from hipref.userdata.store import UserData

folder, round_ = sys.argv[1], int(sys.argv[2])
rng = random.Random(round_)
print("ready", flush=True)
user = UserData(folder)
for i in range(1_000_000):
    key = f"study/round-{round_}-note-{i}"
    size = rng.choice((1, 40, 300, 900, 4_000, 12_000))
    text = f"{key} " + "".join(rng.choice("abc é🦴\n\u05d0") for _ in range(min(size, 200))) * (size // 200 + 1)
    user.save_note(key, text)
    print(key, hashlib.sha256(text.encode("utf-8")).hexdigest(), flush=True)
"""

# A start-up whose backup is killed midway: the copy gets one page, then the process dies.
KILLED_DURING_BACKUP = r"""
import os, signal, sqlite3, sys
from hipref.userdata import store

class DiesMidway(sqlite3.Connection):
    def backup(self, target, **options):
        def progress(status, remaining, total):
            os.kill(os.getpid(), signal.SIGKILL)
        return super().backup(target, pages=1, progress=progress)

connect = sqlite3.connect
sqlite3.connect = lambda *args, **kwargs: connect(*args, factory=DiesMidway, **kwargs)
store.UserData(sys.argv[1])
"""


def run_and_kill(folder: Path, round_: int, delay: float) -> dict[str, str]:
    """Start the writer, let it run ``delay`` seconds after start-up, SIGKILL it.

    Returns the notes it reported as committed, key -> sha256 of the text.
    """
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder), str(round_)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=hipref_env(folder),
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in child.stdout:
            lines.append(line.rstrip("\n"))
            ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(30), "the writer did not start"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        assert child.wait(30) == -signal.SIGKILL, child.stderr.read()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        reader.join(10)
        child.stdout.close()
        child.stderr.close()
    assert lines[0] == "ready"
    reported = [line.split(" ") for line in lines[1:]]
    return {parts[0]: parts[1] for parts in reported if len(parts) == 2 and len(parts[1]) == 64}


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_committed_note(tmp_path):
    folder = tmp_path / "data"
    rng = random.Random(20220106)
    committed: dict[str, str] = {}
    for round_ in range(25):
        committed.update(run_and_kill(folder, round_, rng.uniform(0.020, 0.300)))
    assert len(committed) > 25, "the writer hardly ever got to commit; the test proves nothing"

    connection = sqlite3.connect(folder / USER_DB_NAME)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = dict(connection.execute("SELECT ref, text FROM note"))
    finally:
        connection.close()
    missing = [key for key in committed if key not in stored]
    assert not missing, f"{len(missing)} committed notes lost, e.g. {missing[:3]}"
    changed = [key for key, digest in committed.items() if hashlib.sha256(stored[key].encode()).hexdigest() != digest]
    assert not changed, f"{len(changed)} notes changed, e.g. {changed[:3]}"

    user = UserData(folder)
    try:
        assert user.recovered_from is None, "a killed session must never look like a damaged database"
        assert set(committed) <= set(user.notes())
    finally:
        user.close()
    backups = sorted((folder / "backups").glob("user-*.sqlite"))
    assert 1 <= len(backups) <= KEEP_BACKUPS
    for backup in backups:
        check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)], backup.name
        finally:
            check.close()


def saved_notes(folder: Path, count: int) -> None:
    user = UserData(folder, backup=False)
    try:
        for i in range(count):
            user.save_note(f"study/s{i}", f"note {i} " * 100)
    finally:
        user.close()


def test_start_up_keeps_the_newest_five_backups(data_dir):
    made = []
    for start in range(KEEP_BACKUPS + 4):
        saved_notes(data_dir, start + 1)
        UserData(data_dir).close()
        made.append(max((data_dir / "backups").glob("user-*")).name)
    kept = sorted(p.name for p in (data_dir / "backups").glob("user-*"))
    assert kept == made[-KEEP_BACKUPS:], "the newest backups are kept, the older ones rotated out"
    newest = sqlite3.connect(data_dir / "backups" / kept[-1])
    try:
        assert newest.execute("SELECT count(*) FROM note").fetchone()[0] == KEEP_BACKUPS + 4
    finally:
        newest.close()


def test_a_crash_during_the_start_up_backup_leaves_no_broken_backup(data_dir):
    saved_notes(data_dir, 300)
    UserData(data_dir).close()
    (sound,) = (data_dir / "backups").glob("user-*")
    for _ in range(KEEP_BACKUPS + 1):
        child = subprocess.run(
            [sys.executable, "-c", KILLED_DURING_BACKUP, str(data_dir)],
            capture_output=True,
            text=True,
            env=hipref_env(data_dir),
            timeout=60,
        )
        assert child.returncode == -signal.SIGKILL, child.stderr
    assert sorted(p.name for p in (data_dir / "backups").glob("user-*.sqlite")) == [sound.name]

    user = UserData(data_dir)  # the next start cleans up and backs up in full
    try:
        assert user.recovered_from is None and len(user.notes()) == 300
    finally:
        user.close()
    backups = sorted((data_dir / "backups").glob("user-*"))
    assert [p.name for p in backups][0] == sound.name and len(backups) == 2, "killed copies were cleaned up"
    latest = sqlite3.connect(backups[-1])
    try:
        assert latest.execute("SELECT count(*) FROM note").fetchone()[0] == 300
    finally:
        latest.close()


def test_a_finished_window_session_leaves_the_user_database_closed(data_dir):
    proc = run_hipref("gui", "--open", "study/gul-2020", "--exit-when-ready", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert (data_dir / USER_DB_NAME).is_file()
    leftovers = [p.name for p in data_dir.iterdir() if p.name.startswith(USER_DB_NAME + "-")]
    assert leftovers == [], "the database was closed (its write-ahead log checkpointed and removed)"
