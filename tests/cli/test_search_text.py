"""``hipref search`` without ``--json``: wrapped to the terminal, matched words bold, no raw marks."""

from __future__ import annotations

import json

from hipref.render.terminal_text import columns
from tests.cli.conftest import ANSI, on_terminal, run


def test_search_wraps_to_the_width_and_shows_no_marks(capsys, content_db, monkeypatch):
    _, raw, _ = run(capsys, "--db", str(content_db), "search", "labrum", "--json")
    hits = json.loads(raw)["hits"]
    assert any(hit["marks"] for hit in hits), "the engine marks matched words"
    monkeypatch.setenv("COLUMNS", "50")
    code, out, _ = run(capsys, "--db", str(content_db), "search", "labrum")
    lines = out.splitlines()
    assert code == 0 and "**" not in out and "\x1b" not in out
    assert all(columns(line) <= 50 for line in lines) and max(map(columns, lines)) > 40
    heads = [line for line in lines if not line.startswith(" ")]
    assert [head.split()[0] for head in heads] == [f"{h['type']}/{h['slug']}" for h in hits]
    assert all(line.startswith("    ") for line in lines if line not in heads)


def test_on_a_terminal_titles_and_matched_words_are_bold(tmp_path):
    code, out, _ = on_terminal("search", "labrum", columns=72, HIPREF_DATA_DIR=str(tmp_path))
    assert code == 0 and "**" not in out
    assert "\x1b[1mHip labrum\x1b[22m" in out and "\x1b[1mlabrum\x1b[22m" in out.split("Hip labrum", 1)[1]
    assert all(columns(line) <= 72 for line in ANSI.sub("", out).splitlines())


def test_a_corrected_search_says_which_words_it_searched(capsys, content_db):
    code, out, _ = run(capsys, "--db", str(content_db), "search", "osteoartritis")
    first, *rest = out.splitlines()
    assert code == 0 and "'osteoarthritis'" in first and "--as-typed" in first
    assert rest[0].startswith("condition/hip-osteoarthritis")
    code, out, err = run(capsys, "--db", str(content_db), "search", "osteoartritis", "--as-typed")
    assert "Showing results for" not in out
