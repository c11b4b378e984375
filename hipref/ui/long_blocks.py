"""Very long paragraphs of a read-only document, shown as several blocks so none blocks the window.

Qt lays out a document lazily, a block at a time, but each block whole: a 100,000-character
paragraph costs a long freeze, the same text in short blocks costs little more than what is
on screen. :func:`cut_long_blocks` makes those cuts (where :mod:`hipref.render.long_text`
says) and marks each continuing block, so that :func:`plain_text` gives copied text back whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hipref.render.long_text import CUT_ABOVE_CHARS, cut_points

if TYPE_CHECKING:  # imported where used: the first frame shows a short page (see hipref.app)
    from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextCursor, QTextDocument

# Shorter than a note's pieces: a document put on screen lays out its first few dozen blocks at
# once, so the first frame costs in proportion to this (measured: 1,000 -> 13 ms, 250 -> 6 ms).
PIECE_CHARS = 250
# Set on a block that continues the one before: QTextFormat.UserProperty (0x100000) + 1, as a
# number, because touching a Qt enum class builds it in Python (milliseconds at start-up).
CONTINUES = 0x100000 + 1
PARAGRAPH_SEPARATOR = "\u2029"


def cut_long_blocks(document: QTextDocument, limit: int = PIECE_CHARS, above: int = CUT_ABOVE_CHARS) -> int:
    """Cut every block longer than ``above`` characters into pieces of at most ``limit``; returns
    how many cuts were made."""
    if document.characterCount() <= above:
        return 0  # too short to hold a long block
    long_blocks: list[QTextBlock] = []
    block = document.begin()
    while block.isValid():
        if block.length() > above:
            long_blocks.append(block)
        block = block.next()
    cuts = 0
    for block in reversed(long_blocks):  # from the end: earlier positions stay valid
        cuts += _cut(document, block, limit, above)
    return cuts


def _cut(document: QTextDocument, block: QTextBlock, limit: int, above: int) -> int:
    from PySide6.QtGui import QTextBlockFormat, QTextCursor

    text = block.text()
    points = cut_points(text, limit, above)
    if not points:
        return 0
    original = block.blockFormat()
    first = QTextBlockFormat(original)
    first.setBottomMargin(0)
    middle = QTextBlockFormat(original)
    text_list = block.textList()
    if text_list is not None:  # a continuing piece is no new list item, but indented as one
        middle.setObjectIndex(-1)
        middle.setIndent(text_list.format().indent())
    middle.setTopMargin(0)
    middle.setBottomMargin(0)
    middle.setProperty(CONTINUES, True)
    last = QTextBlockFormat(middle)
    last.setBottomMargin(original.bottomMargin())
    runs = _runs(block, points)
    start = block.position()
    # Qt makes every paragraph separator in one insertText a new block, so the paragraph is
    # written again, one call per run of one format: cutting at each point with its own calls
    # took seven times as long, which was most of the time to show a long paragraph.
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    cursor.setPosition(start)
    cursor.setPosition(start + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    for run, char_format in runs:
        cursor.insertText(run, char_format)
    end = cursor.position()
    cursor.setPosition(start)
    cursor.setBlockFormat(first)
    cursor.setPosition(cursor.block().next().position())
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.setBlockFormat(middle)  # every block the selection touches
    cursor.setPosition(end)
    cursor.setBlockFormat(last)
    cursor.endEditBlock()
    return len(points)


def _runs(block: QTextBlock, points: list[int]) -> list[tuple[str, QTextCharFormat]]:
    """The block's text as runs of one character format each, with a paragraph separator at
    each of ``points`` (offsets in characters into ``block.text()``)."""
    runs: list[tuple[str, QTextCharFormat]] = []
    cuts = iter(points)
    cut = next(cuts, None)
    here = 0
    for position in block:
        fragment = position.fragment()
        if not fragment.isValid():
            continue
        text = fragment.text()
        pieces, done = [], 0
        while cut is not None and cut < here + len(text):
            pieces.append(text[done : cut - here])
            done = cut - here
            cut = next(cuts, None)
        pieces.append(text[done:])
        runs.append((PARAGRAPH_SEPARATOR.join(pieces), fragment.charFormat()))
        here += len(text)
    return runs


def plain_text(cursor: QTextCursor) -> str:
    """The selected text of ``cursor``, with blocks made by :func:`cut_long_blocks` joined again."""
    from PySide6.QtGui import QTextCursor

    if not cursor.hasSelection():
        return ""
    document = cursor.document()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    pieces: list[str] = []
    block = document.findBlock(start)
    while block.isValid() and block.position() <= end:
        if pieces and not block.blockFormat().property(CONTINUES):
            pieces.append("\n")
        low = max(start, block.position()) - block.position()
        high = min(end, block.position() + block.length() - 1) - block.position()
        piece = QTextCursor(block)
        piece.setPosition(block.position() + low)
        piece.setPosition(block.position() + high, QTextCursor.MoveMode.KeepAnchor)
        pieces.append(piece.selectedText())
        block = block.next()
    return "".join(pieces).replace("\u2028", "\n").replace("\u00a0", " ")
