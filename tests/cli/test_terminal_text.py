"""The pieces under the command line's output: safe characters, JSON escapes, wrapping."""

from __future__ import annotations

import io
import json

from hipref.render.terminal_page import html_lines
from hipref.render.terminal_text import NBSP, Run, columns, line_text, spanned_runs, wrap
from hipref.terminal import Terminal, json_text, printable


def test_printable_removes_every_c0_and_c1_control_but_the_line_feed():
    every = "".join(chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)))
    assert printable(f"a{every}b") == "a \nb"  # the tab became a space, the line feed stayed
    assert printable("Gül · 🦴 ok") == "Gül · 🦴 ok"


def test_json_text_escapes_del_and_c1_that_json_dumps_lets_through():
    value = {"t": "x\x1b]0;y\x07\x7f\x9b\x85z"}
    text = json_text(value)
    assert text.isprintable() and "\\u009b" in text and "\\u007f" in text
    assert json.loads(text) == value


def test_bold_is_added_after_the_content_is_cleaned():
    stream = io.StringIO()
    out = Terminal(stream)
    out.bold = True
    out.lines([(Run("a \x1b[31mred\x1b[0m", bold=True), Run(" plain"))])
    assert stream.getvalue() == "\x1b[1ma [31mred[0m\x1b[22m plain\n"


def test_wrap_fills_lines_to_the_width_and_keeps_no_break_spaces_together():
    runs = [Run("one two three four five six seven eight nine ten "), Run(f"p{NBSP}<{NBSP}0.05", bold=True)]
    lines = wrap(runs, 16, "- ", "  ")
    texts = [line_text(line) for line in lines]
    assert all(columns(text) <= 16 for text in texts)
    assert texts[0] == "- one two three" and texts[-1].endswith("p < 0.05")
    assert any(run.bold and run.text == "p < 0.05" for run in lines[-1])


def test_wrap_cuts_only_words_wider_than_a_line():
    lines = wrap([Run("short " + "x" * 45)], 20)
    assert [line_text(line) for line in lines] == ["short", "x" * 20, "x" * 20, "x" * 5]


def test_wide_characters_take_two_columns():
    assert columns("日本") == 4 and columns("é") == 1 and columns("e\u0301") == 1
    assert all(columns(line_text(line)) <= 7 for line in wrap([Run("日本語 日本語 日本語")], 7))


def test_html_lists_tables_and_headings():
    html = (
        "<h2>Head</h2><p>Some <b>bold</b> text.</p><ul><li>one</li><li>two</li></ul>"
        "<table><tr><td><b>Label</b></td><td>value that is long enough to wrap</td></tr></table>"
        '<ol><li><a href="hipref:study/x">A study</a> <span>(cites)</span></li></ol>'
    )
    texts = [line_text(line) for line in html_lines(html, 24)]
    assert texts == [
        "Head",
        "----",
        "",
        "Some bold text.",
        "",
        "- one",
        "- two",
        "",
        "Label  value that is",
        "       long enough to",
        "       wrap",
        "",
        "1. A study",
        "   (cites)  study/x",  # a linked entry's relation and REF hold together
    ]


def test_weights_and_tight_paragraphs_follow_the_pages_styles():
    html = (
        '<p style="font-weight:600">TITLE <span style="font-weight:normal">From: source</span></p>'
        '<p>Text.</p><p style="margin-top:0">From: study</p>'
    )
    lines = html_lines(html, 40)
    assert [line_text(line) for line in lines] == ["TITLE From: source", "", "Text.", "From: study"]
    assert [(run.text, run.bold) for run in lines[0]] == [("TITLE", True), (" From: source", False)]


def test_marked_spans_become_bold_runs():
    assert spanned_runs("Gül 2020 and gul", [(13, 16), (0, 3), (2, 5), (15, 99)]) == [
        Run("Gül", True),
        Run(" 2", True),
        Run("020 and "),
        Run("gul", True),
    ]
    assert spanned_runs("Title", [], bold=True) == [Run("Title", True)]
