"""Helpers for the reliability tests: the CLI in a child process, the way a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def hipref_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for ``python -m hipref`` in a child: this checkout, offscreen, private data."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HIPREF_", "PYTEST_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
        HIPREF_DATA_DIR=str(data_dir),
        PYTHONDONTWRITEBYTECODE="1",
        **extra,
    )
    return env


def run_hipref(*argv: str, data_dir: Path, timeout: float = 60, prefix: tuple[str, ...] = (), **kwargs):
    """Run ``python -m hipref ARGV`` the way a user or another tool would."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "hipref", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=hipref_env(data_dir),
        timeout=timeout,
        **kwargs,
    )


class BoxAnswerer:
    """Answers the next modal message box by clicking the button named ``text``; records what
    it said (title, text, informative text) in ``seen``."""

    def __init__(self, text: str) -> None:
        from PySide6.QtCore import QTimer

        self.text = text
        self.seen: list[tuple[str, str, str]] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._answer)
        self._timer.start()

    def _answer(self) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        self.seen.append((box.windowTitle(), box.text(), box.informativeText()))
        for button in box.buttons():
            if button.text().replace("&", "") == self.text:
                button.click()
                return
        box.reject()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def answer_boxes(qapp):
    """``answer_boxes("Keep both")``: click that button in every modal box until the test ends."""
    made: list[BoxAnswerer] = []

    def make(text: str) -> BoxAnswerer:
        answerer = BoxAnswerer(text)
        made.append(answerer)
        return answerer

    yield make
    for answerer in made:
        answerer.stop()


class DrivenWindow:
    """A hipref window in a child process (see window_driver.py), one command at a time."""

    def __init__(self, content: Path, data_dir: Path) -> None:
        self.child = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.window_driver", str(content)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=hipref_env(data_dir),
        )
        assert self.child.stdout.readline().strip() == "ready", self.child.stderr.read()

    def __call__(self, command: str) -> str:
        self.child.stdin.write(command.encode("unicode_escape").decode() + "\n")
        self.child.stdin.flush()
        return self.child.stdout.readline().rstrip("\n")

    def close(self) -> str:
        reply = self("close")
        self.child.stdin.close()
        self.errors = self.child.stderr.read()
        self.child.wait(timeout=30)
        return reply
