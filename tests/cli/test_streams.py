"""Whatever the content holds and wherever the output goes: no control code, no traceback."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hipref import terminal
from tests.cli.conftest import HOSTILE_TITLE, hipref_env, hipref_process, on_terminal, run

# Every C0 control but the line feed, DEL, and every C1 control (as characters).
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
HOSTILE = "treatment/hostile"


@pytest.mark.parametrize(
    "argv",
    [
        ["show", HOSTILE],
        ["show", HOSTILE, "--json"],
        ["list"],
        ["list", "treatments", "--json"],
        ["search", "hostile"],
        ["search", "clipboard", "--json"],
        ["search", "board"],
    ],
)
def test_no_control_character_from_content_reaches_the_output(capsys, hostile_db, argv):
    code, out, err = run(capsys, "--db", str(hostile_db), *argv)
    assert code == 0 and "Hostile" in out
    assert not CONTROL.search(out) and not CONTROL.search(err)


def test_json_keeps_the_text_whole_but_escaped(capsys, hostile_db):
    code, out, _ = run(capsys, "--db", str(hostile_db), "show", HOSTILE, "--json")
    assert code == 0 and "\\u001b" in out and "\\u009b" in out
    data = json.loads(out)
    assert data["title"] == HOSTILE_TITLE and "\x9b2J" in data["body_md"]


def test_batch_search_output_has_no_control_character(hostile_db):
    proc = hipref_process("--db", str(hostile_db), "search", "--batch", input=b"hostile\nbody\nclip\n")
    out = proc.stdout.decode()
    assert proc.returncode == 0 and len(out.splitlines()) == 3 and "Hostile" in out
    assert not CONTROL.search(out) and b"Traceback" not in proc.stderr


def test_on_a_terminal_the_only_escape_codes_are_hiprefs_own_bold(hostile_db, tmp_path):
    for argv in (["show", HOSTILE], ["search", "hostile"], ["list", "treatment"]):
        code, out, _ = on_terminal("--db", str(hostile_db), *argv, HIPREF_DATA_DIR=str(tmp_path))
        assert code == 0 and "Hostile" in out
        assert not CONTROL.search(out.replace("\x1b[1m", "").replace("\x1b[22m", "")), argv


def one_line_no_traceback(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text and len(text.strip().splitlines()) == 1, text
    return text


@pytest.mark.parametrize("argv", [["list"], ["show", "fai"], ["search", "hip"], ["--version"], ["search", "--help"]])
def test_a_closed_pipe_gives_one_line_and_exit_2(argv):
    reader, writer = os.pipe()
    os.close(reader)  # nobody will ever read: the first write fails with EPIPE
    try:
        proc = hipref_process(*argv, stdout=writer, stderr=subprocess.PIPE)
    finally:
        os.close(writer)
    assert proc.returncode == 2
    assert "broken pipe" in one_line_no_traceback(proc.stderr)


def test_a_pipe_closed_during_a_batch_gives_one_line_and_exit_2():
    process = subprocess.Popen(
        ["sh", "-c", 'exec "$0" -m hipref search --batch', sys.executable],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
        env=hipref_env(),
    )
    process.stdin.write(b"hip\n")
    process.stdin.flush()
    assert process.stdout.readline().startswith(b"{")
    process.stdout.close()  # the reader goes away mid-stream
    try:
        process.stdin.write(b"fai\nlabrum\n" * 2000)
        process.stdin.close()
    except BrokenPipeError:
        pass
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 2
    assert "broken pipe" in one_line_no_traceback(stderr)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["list"], ["show", "study/gul-2020"], ["search", "hip", "--json"], ["--help"]])
def test_a_full_disk_gives_one_line_and_exit_2(argv):
    with open("/dev/full", "w") as full:
        proc = hipref_process(*argv, stdout=full, stderr=subprocess.PIPE)
    assert proc.returncode == 2
    assert "no space left" in one_line_no_traceback(proc.stderr).lower()


@pytest.mark.parametrize("argv", [["list"], ["show", "fai"], ["search", "hip"], ["--version"]])
def test_a_closed_stdout_gives_one_line_and_exit_2(argv):
    proc = hipref_process(*argv, shell_redirect=">&-")
    assert proc.returncode == 2
    assert "standard output is closed" in one_line_no_traceback(proc.stderr)


def test_a_closed_stdin_with_batch_gives_one_line_and_exit_2():
    proc = hipref_process("search", "--batch", shell_redirect="<&-")
    assert proc.returncode == 2 and proc.stdout == b""
    assert "standard input" in one_line_no_traceback(proc.stderr)


def test_an_ascii_terminal_gets_question_marks_one_line_and_exit_1():
    proc = hipref_process("show", "study/gul-2020", env=hipref_env(PYTHONIOENCODING="ascii"))
    assert proc.returncode == 1 and proc.stdout.startswith(b"G?l 2020")
    assert "ascii" in one_line_no_traceback(proc.stderr)


def test_json_on_an_ascii_output_is_escaped_and_whole():
    proc = hipref_process("show", "study/gul-2020", "--json", env=hipref_env(PYTHONIOENCODING="ascii"))
    assert proc.returncode == 0 and proc.stderr == b"" and proc.stdout.isascii()
    assert json.loads(proc.stdout)["title"].startswith("Gül 2020")


def test_plain_ascii_output_on_an_ascii_terminal_is_fine():
    proc = hipref_process("list", "ligaments", env=hipref_env(PYTHONIOENCODING="ascii"))
    assert proc.returncode == 0 and proc.stderr == b""


def test_output_larger_than_the_cap_is_refused_in_one_line(capsys, content_db, monkeypatch):
    monkeypatch.setattr(terminal, "MAX_OUTPUT_CHARS", 2000)
    for argv in (["show", "study/gul-2020"], ["show", "study/gul-2020", "--json"], ["list"]):
        code, out, err = run(capsys, "--db", str(content_db), *argv)
        assert code == 2 and out == "", argv
        assert len(err.splitlines()) == 1 and "refusing to print" in err


@pytest.fixture
def long_title_db(content_db) -> Path:
    """The bundled content with one title as long as a content database may hold (1,000 characters)."""
    with sqlite3.connect(content_db) as connection:
        connection.execute(
            "UPDATE entry SET title = 'Gluteus ' || printf('%.*c', 992, 'x') WHERE slug = 'gluteus-medius'"
        )
    connection.close()
    return content_db


def test_messages_quoting_a_long_field_are_cut_short(capsys, long_title_db):
    code, out, err = run(capsys, "--db", str(long_title_db), "show", "glut")
    assert code == 1 and out == "" and "structure/gluteus-medius" in err
    assert max(len(line) for line in err.splitlines()) <= 2 + terminal.MAX_MESSAGE_CHARS


def test_text_nested_too_deeply_to_lay_out_ends_in_one_line(capsys, content_db):
    nested = "".join("    " * depth + "- x\n" for depth in range(300))
    with sqlite3.connect(content_db) as connection:
        connection.execute("UPDATE entry SET body_md = ? WHERE slug = 'hip-labrum'", (nested,))
    connection.close()
    code, out, err = run(capsys, "--db", str(content_db), "show", "structure/hip-labrum")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "nested too deeply" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--x\x1b]0;pwned\x07"],
        ["list", "\x1b[2Jwidgets"],
        ["show", "\x1b]52;c;eA==\x07"],
        ["--db", "/no/such\x1b[2J.sqlite", "list"],
        ["gui", "--open", "\x9b2J"],
    ],
)
def test_control_characters_typed_in_arguments_are_not_echoed(capsys, argv, monkeypatch):
    monkeypatch.setattr("hipref.app.run_gui", lambda args, db_path: 0)
    code, out, err = run(capsys, *argv)
    assert code in (1, 2) and err
    assert not CONTROL.search(out) and not CONTROL.search(err)
