"""A long paragraph cut into blocks keeps every character's format, and copies back whole."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

from hipref.ui.long_blocks import CONTINUES, PIECE_CHARS, cut_long_blocks, plain_text

WORDS = "plain words " * 600  # 7,200 characters: cut into about 30 pieces


def blocks(document: QTextDocument):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def formats(document: QTextDocument) -> list[tuple[str, bool, bool, str]]:
    """Each character of the text with whether it is bold, italic, and its link."""
    seen = []
    for block in blocks(document):
        for position in block:
            fragment = position.fragment()
            char_format = fragment.charFormat()
            bold = char_format.fontWeight() >= 600
            seen += [(char, bold, char_format.fontItalic(), char_format.anchorHref()) for char in fragment.text()]
    return seen


def test_cut_pieces_keep_bold_italic_links_and_astral_characters(qapp):
    document = QTextDocument()
    document.setHtml(
        "<p>Before.</p>"
        f"<p>{WORDS}<b>bold 🦴 {WORDS}</b> and <a href='hipref:term/x'>a link {'y' * 900}</a> "
        f"<i>{'z' * 5000}</i> end.</p><p>After.</p>"
    )
    before = formats(document)
    whole = document.toPlainText()
    paragraphs = document.blockCount()
    cuts = cut_long_blocks(document)
    assert cuts > 40 and document.blockCount() == paragraphs + cuts
    assert formats(document) == before
    pieces = [block for block in blocks(document) if block.blockFormat().property(CONTINUES)]
    assert len(pieces) == cuts
    assert max(block.length() for block in blocks(document)) <= PIECE_CHARS + 2
    first = document.findBlockByNumber(1).blockFormat()
    assert first.bottomMargin() == 0 and not first.property(CONTINUES)
    cursor = QTextCursor(document)
    cursor.select(QTextCursor.SelectionType.Document)
    assert plain_text(cursor) == whole
    assert whole.startswith(f"Before.\n{WORDS}bold 🦴 ") and whole.endswith(f"{'z' * 5000} end.\nAfter.")
