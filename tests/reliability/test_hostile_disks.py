"""Guarantee: a full disk or a read-only data folder never moves the notes aside or changes the
file: the window opens with the reference, says why notes cannot be saved, and keeps the text."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from hipref.userdata.store import USER_DB_NAME, UserData
from tests.reliability.conftest import DrivenWindow

REF = "condition/femoroacetabular-impingement"


def _mount(*argv: str) -> None:
    subprocess.run(["mount", *argv], check=True, capture_output=True, timeout=30)


@pytest.fixture
def small_disk(tmp_path):
    point = tmp_path / "disk"
    point.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point))
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot mount a small tmpfs here: {exc}")
    yield point
    subprocess.run(["umount", "-l", str(point)], capture_output=True, timeout=30)


def _fill(folder: Path) -> Path:
    """Fill the disk under ``folder`` to the last byte."""
    filler = folder / "filler"
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 16, 1 << 12, 1 << 8, 1):
            try:
                while os.write(handle, b"\0" * size):
                    pass
            except OSError:
                continue
    finally:
        os.close(handle)
    return filler


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_a_full_disk_keeps_the_database_unchanged_and_the_note(content_db, small_disk):
    data = small_disk / "hipref"
    user = UserData(data, backup=False)
    user.save_note(REF, "written before the disk filled")
    user.close()
    filler = _fill(small_disk)
    before = _digest(data / USER_DB_NAME)

    window = DrivenWindow(content_db, data)
    try:
        assert window(f"open {REF}") == "True"
        assert window("note") == "written before the disk filled"
        window("type  and more")
        window("welcome")  # leaving the entry tries to save
        assert window(f"open {REF}") == "True"
        assert window("note") == "written before the disk filled and more", "the unsaved text came back"
        status = window("status")
        assert "disk is full" in status or "read-only" in status, status
        assert window.close() == "closed True"
    finally:
        if window.child.poll() is None:
            window.child.kill()
    assert "Traceback" not in window.errors
    assert [p.name for p in data.iterdir() if ".damaged-" in p.name] == []
    assert _digest(data / USER_DB_NAME) == before, "the database bytes are unchanged"

    filler.unlink()
    again = UserData(data)
    try:
        assert again.writable and again.note(REF) == "written before the disk filled"
    finally:
        again.close()


@pytest.fixture
def read_only_folder(tmp_path):
    source, view = tmp_path / "data", tmp_path / "view"
    source.mkdir()
    view.mkdir()
    try:
        _mount("--bind", str(source), str(view))
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot bind-mount here: {exc}")
    try:
        yield source, view
    finally:
        subprocess.run(["umount", "-l", str(view)], capture_output=True, timeout=30)


@pytest.mark.slow
def test_a_read_only_data_folder_opens_the_reference_with_notes_marked_read_only(content_db, read_only_folder):
    source, view = read_only_folder
    user = UserData(source, backup=False)
    user.save_note(REF, "readable still")
    user.close()
    try:
        _mount("-o", "remount,bind,ro", str(view))
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"cannot make the bind mount read-only: {exc}")
    window = DrivenWindow(content_db, view)
    try:
        assert window(f"open {REF}") == "True"
        assert window("note") == "readable still"
        assert window("read-only") == "True False", "the editor is read-only and bookmarking is off"
        assert "Read-only" in window("status")
        assert window.close() == "closed True"
    finally:
        if window.child.poll() is None:
            window.child.kill()
    assert "Traceback" not in window.errors
    assert sorted(p.name for p in source.iterdir()) == [USER_DB_NAME]


@pytest.mark.skipif(os.name != "posix", reason="symlinks and modes")
def test_an_export_over_a_symlink_takes_its_own_mode_not_the_target_s(tmp_path):
    from hipref.citations import export

    target = tmp_path / "shared.bib"
    target.write_text("someone else's file")
    target.chmod(0o666)
    link = tmp_path / "export.bib"
    link.symlink_to(target)
    old_mask = os.umask(0o022)
    try:
        export.write(link, [], "bibtex")
    finally:
        os.umask(old_mask)
    assert not link.is_symlink() and (link.stat().st_mode & 0o777) == 0o644
    assert target.read_text() == "someone else's file" and (target.stat().st_mode & 0o777) == 0o666
