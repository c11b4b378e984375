"""Very long words and paragraphs, in an entry or a note, are shown in pieces and come back whole.

Laying out one 100,000-character paragraph froze the window; it is now shown as blocks of at
most a thousand characters (timings: ``tests/perf/bench_long_tokens.py``). These tests drive
the real window: paste, move on, come back, select all and copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from hipref.render.long_text import CUT_ABOVE_CHARS, SEGMENT_CHARS, SOFT_BREAK
from hipref.ui.long_blocks import CONTINUES, PIECE_CHARS
from tests.windows import open_window

REF = "condition/hip-osteoarthritis"
OTHER = "condition/femoroacetabular-impingement"
TOKEN = "x" * 60_000 + "🦴" + "y" * 40_000


def blocks(document):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def longest_block(document) -> int:
    """In UTF-16 units, with the block's end: a piece's limit plus up to 3 (🦴, a marker, the end)."""
    longest, block = 0, document.begin()
    while block.isValid():
        longest = max(longest, block.length())
        block = block.next()
    return longest


def copy_all(qtbot, widget) -> str:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return QGuiApplication.clipboard().text()


def test_a_pasted_100k_word_is_shown_in_pieces_and_saved_and_copied_whole(qtbot, content_db, data_dir):
    note = "Before the word.\n" + TOKEN + "\n" + "abcdefg " * 12_000 + "\nAfter."
    with open_window(qtbot, content_db, data_dir) as window:
        assert window.open_ref(REF)
        editor = window.parts.notes.editor
        QGuiApplication.clipboard().setText(note)
        editor.setFocus()
        qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert editor.note() == note
        assert window.open_ref(OTHER)
        assert window.services.user.note(REF) == note  # stored as typed: no cuts, no markers
        assert window.open_ref(REF)
        document = editor.document()
        assert document.blockCount() > 150 and longest_block(document) <= SEGMENT_CHARS + 3
        assert editor.note() == note
        assert copy_all(qtbot, editor) == note
        qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(editor, " Seen.")
        assert window.open_ref(OTHER)
        assert window.services.user.note(REF) == note + " Seen."
        assert SOFT_BREAK not in window.services.user.note(REF)


def test_an_entry_with_a_100k_word_is_shown_in_pieces_and_copied_whole(qtbot, content_db: Path, data_dir):
    slug = REF.split("/")[1]
    paragraph = "Plain words " * 9_000
    connection = sqlite3.connect(content_db)
    with connection:
        connection.execute(
            "UPDATE entry SET body_md = ? WHERE type = 'condition' AND slug = ?",
            (f"## Long\n\n{TOKEN}\n\n{paragraph}\n\n- {TOKEN}\n- short item\n", slug),
        )
    connection.close()
    with open_window(qtbot, content_db, data_dir) as window:
        assert window.open_ref(REF)
        window.reader.grab()
        document = window.reader.document()
        assert longest_block(document) <= CUT_ABOVE_CHARS  # the entry's ordinary paragraphs stay whole
        pieces = [block for block in blocks(document) if block.blockFormat().property(CONTINUES)]
        assert len(pieces) > 3 * 100_000 // PIECE_CHARS - 10
        assert max(block.length() for block in pieces) <= PIECE_CHARS + 2
        copied = copy_all(qtbot, window.reader)
        assert f"\n{TOKEN}\n" in copied
        assert paragraph.strip() in copied
        assert f"{TOKEN}\nshort item" in copied  # the cut list item stays one item
