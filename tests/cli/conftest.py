"""Helpers for driving the command line: in-process, through pipes, and on a real terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from hipref.cli import main
from hipref.content.build import write_database
from hipref.content.loader import load_content

ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile("\x1b\\[[0-9;]*m")  # the bold codes hipref adds on a terminal
FIXTURE_RESOURCES = ROOT / "tests" / "fixtures" / "resources"

# Each asks a terminal to do something the content has no business asking for.
HOSTILE_TITLE = "Hostile \x1b]0;pwned\x07 title \x1b[2J\x1b[H"
HOSTILE_BODY = (
    "Body with **bold** and an \x1b[31mred\x1b[0m word, a hidden \x1b]8;;https://evil.example\x1b\\link"
    "\x1b]8;;\x1b\\, a clipboard \x1b]52;c;cm0gLXJmIH4=\x07 write, C1 \x9b2J and \x85 next-line, CR \r back.\n"
)
HOSTILE_FILE = (
    "---\n"
    'title: "Hostile \\e]0;pwned\\a title \\e[2J\\e[H"\n'
    'aliases: ["clip \\e]52;c;cm0gLXJmIH4=\\a board", "eight \\x9b2J bit \\x9d0;x\\x9c"]\n'
    "category: injection\n"
    'summary: "- Hidden \\e]8;;https://evil.example\\e\\\\link\\e]8;;\\e\\\\ here, a bell \\a, CR \\r back."\n'
    "---\n\n" + HOSTILE_BODY
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``hipref ARGV`` in this process: (exit code, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse exits for --help and bad usage
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def hipref_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "PYTHONIOENCODING")}
    return {**env, "QT_QPA_PLATFORM": "offscreen", **extra}


def hipref_process(*argv: str, shell_redirect: str = "", **kwargs) -> subprocess.CompletedProcess:
    """``python -m hipref ARGV`` as a separate process (``shell_redirect`` such as ``>&-`` via sh)."""
    kwargs.setdefault("env", hipref_env())
    kwargs.setdefault("capture_output", "stdout" not in kwargs and "stderr" not in kwargs)
    if shell_redirect:
        command = ["sh", "-c", f'exec "$0" -m hipref "$@" {shell_redirect}', sys.executable, *argv]
    else:
        command = [sys.executable, "-m", "hipref", *argv]
    return subprocess.run(command, cwd=ROOT, timeout=60, **kwargs)


def on_terminal(*argv: str, columns: int = 70, **env: str) -> tuple[int, str, str]:
    """``hipref ARGV`` with its stdout on a pseudo-terminal ``columns`` wide: (code, stdout, stderr)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "hipref", *argv],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=hipref_env(**{"TERM": "xterm", **env}),
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the process has closed its end of the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    process.wait(timeout=60)
    stderr = process.stderr.read().decode() if process.stderr else ""
    return process.returncode, b"".join(chunks).decode().replace("\r\n", "\n"), stderr


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> Path:
    """The fixture corpus plus one treatment whose text is full of terminal control sequences.

    Shared by the tests: the command line opens a content database read-only and immutable.
    """
    resources = tmp_path_factory.mktemp("hostile") / "resources"
    shutil.copytree(FIXTURE_RESOURCES, resources)
    (resources / "content" / "treatment" / "hostile.md").write_text(HOSTILE_FILE, encoding="utf-8")
    records, problems = load_content(resources / "content")
    assert not problems
    out = resources.parent / "hostile.sqlite"
    write_database(records, out, "hostile", "2022-01-06")
    return out
