"""``hipref show`` prints the whole entry as the window lays it out, as readable wrapped text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from hipref.render.page import render_entry
from hipref.render.terminal_text import columns
from tests.cli.conftest import ANSI, ROOT, hipref_env, on_terminal, run

WORD = re.compile(r"\w+")


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def window_words(content, ref: str) -> list[str]:
    """The words the window's reader shows for ``ref``, in order."""
    parser = _PageText()
    parser.feed(render_entry(content.get_ref(ref)))
    return WORD.findall(" ".join(parser.parts))


def in_order(wanted: list[str], words: list[str]) -> bool:
    remaining = iter(words)
    return all(word in remaining for word in wanted)


def one_of_each_type(capsys, content_db) -> list[str]:
    _, out, _ = run(capsys, "--db", str(content_db), "list", "--json")
    first: dict[str, str] = {}
    for entry in json.loads(out):
        first.setdefault(entry["type"], f"{entry['type']}/{entry['slug']}")
    return list(first.values())


def test_show_prints_every_word_the_window_shows_in_its_order(capsys, content_db, opened, monkeypatch):
    monkeypatch.setenv("COLUMNS", "64")
    refs = [*one_of_each_type(capsys, content_db), "study/gul-2020", "condition/femoroacetabular-impingement"]
    assert len(refs) >= 9
    for ref in refs:
        code, out, err = run(capsys, "--db", str(content_db), "show", ref)
        assert code == 0 and not err, ref
        page = window_words(opened, ref)
        assert len(page) > 20 and in_order(page, WORD.findall(out)), ref
        assert all(columns(line) <= 64 for line in out.splitlines()), ref


def test_a_study_card_shows_its_citation_design_numbers_and_both_readings(capsys, content_db):
    code, out, _ = run(capsys, "--db", str(content_db), "show", "study/gul-2020")
    assert code == 0
    sections = [
        "BOTTOM LINE",
        "Gül D, Orsçelik A, Akpancar S.",
        "Controlled clinical trial",
        "Evidence: Level 3",
        "Participants",
        "41 patients (46 hips)",
        "Evidence level",
        "Oxford CEBM 2011",
        "DOI 10.12659/MSM.919166",
        "PMID 32045406",
        "Verification",
        "As the source cites it",
        "WHAT THE STUDY REPORTS",
        "HOW THE SOURCE USES IT",
        "WHERE THE SOURCE DIFFERS FROM THE STUDY",
        "Linked entries",
        "treatment/prolotherapy",
    ]
    flat, position = " ".join(out.split()), 0
    for text in sections:
        position = flat.find(text, position)
        assert position != -1, f"{text!r} missing or out of order"


def test_markdown_becomes_plain_text(capsys, content_db, opened):
    study = opened.get_ref("study/gul-2020")
    assert "**" in study.fields["reports"] and study.summary_md.lstrip().startswith("- ")
    code, out, _ = run(capsys, "--db", str(content_db), "show", "study/gul-2020")
    assert code == 0
    assert "**" not in out and "](" not in out and "<" not in out and "&nbsp;" not in out
    assert "\x1b" not in out, "no bold codes when stdout is not a terminal"
    assert "\n- Controlled trial, 41 patients" in out


def test_on_a_terminal_show_wraps_to_its_width_with_bold(tmp_path):
    code, out, err = on_terminal("show", "study/gul-2020", columns=70, HIPREF_DATA_DIR=str(tmp_path))
    assert code == 0 and "Traceback" not in err
    assert "\x1b[1mBOTTOM LINE\x1b[22m" in out
    lines = ANSI.sub("", out).splitlines()
    assert 60 < max(columns(line) for line in lines) <= 70, "wrapped to the terminal's width, not another"
    assert "**" not in out


@pytest.mark.parametrize("environment", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_bold_when_the_terminal_asks_for_none(tmp_path, environment):
    code, out, _ = on_terminal("show", "fai", HIPREF_DATA_DIR=str(tmp_path), **environment)
    assert code == 0 and "\x1b" not in out and "BOTTOM LINE" in out


def test_the_verbs_other_than_gui_never_load_qt():
    script = (
        "import sys\n"
        "from hipref.cli import main\n"
        "for argv in (['show', 'fai'], ['search', 'hip'], ['list', 'studies'], ['show', 'nonsense']):\n"
        "    main(argv)\n"
        "sys.exit(3 if any(name.startswith('PySide6') for name in sys.modules) else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=ROOT, env=hipref_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
