"""An exclusive lock on a file in the data folder, shared by every hipref running."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def locked(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_file`` (created if missing) where the platform has one."""
    handle = open(lock_file, "a+b")  # noqa: SIM115 - closed below
    try:
        try:
            import fcntl
        except ImportError:  # Windows: callers use names no other process uses instead
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()
