"""Very long paragraphs of a read-only document, shown as several blocks so none blocks the window.

Qt lays out a document lazily, a block at a time, but each block whole: a 100,000-character
paragraph costs a long freeze, the same text in short blocks costs little more than what is
on screen. :func:`cut_long_blocks` makes those cuts (where :mod:`hipref.render.long_text`
says) and marks each continuing block, so that :func:`plain_text` gives copied text back whole.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument

from hipref.render.long_text import CUT_ABOVE_CHARS, cut_points, utf16_offsets

# Shorter than a note's pieces: a document put on screen lays out its first few dozen blocks at
# once, so the first frame costs in proportion to this (measured: 1,000 -> 13 ms, 250 -> 6 ms).
PIECE_CHARS = 250
# Set on a block that continues the one before: QTextFormat.UserProperty (0x100000) + 1, as a
# number, because touching a Qt enum class builds it in Python (milliseconds at start-up).
CONTINUES = 0x100000 + 1


def cut_long_blocks(document: QTextDocument, limit: int = PIECE_CHARS, above: int = CUT_ABOVE_CHARS) -> int:
    """Cut every block longer than ``above`` characters into pieces of at most ``limit``; returns
    how many cuts were made."""
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
    text = block.text()
    offsets = utf16_offsets(text, cut_points(text, limit, above))
    if not offsets:
        return 0
    original = block.blockFormat()
    middle = QTextBlockFormat(original)
    middle.setTopMargin(0)
    middle.setBottomMargin(0)
    middle.setProperty(CONTINUES, True)
    last = QTextBlockFormat(middle)
    last.setBottomMargin(original.bottomMargin())
    text_list = block.textList()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    start = block.position()
    for index, offset in enumerate(reversed(offsets)):
        cursor.setPosition(start + offset)
        cursor.insertBlock(last if index == 0 else middle, cursor.charFormat())
        if text_list is not None:  # a continuing piece is no new list item
            text_list.remove(cursor.block())
            indented = cursor.blockFormat()
            indented.setIndent(text_list.format().indent())
            cursor.setBlockFormat(indented)
    first = QTextBlockFormat(original)
    first.setBottomMargin(0)
    cursor.setPosition(start)
    cursor.setBlockFormat(first)
    cursor.endEditBlock()
    return len(offsets)


def plain_text(cursor: QTextCursor) -> str:
    """The selected text of ``cursor``, with blocks made by :func:`cut_long_blocks` joined again."""
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
