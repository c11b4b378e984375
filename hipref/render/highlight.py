"""Marking the words a search matched in an entry opened from results: a Markdown extension
for its text, and :func:`mark_words` for its plain fields (title, citation)."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from hipref.render.theme import LIGHT
from hipref.text import word_spans


def mark_words(text: str, words: tuple[str, ...], style: str) -> str:
    """Plain ``text`` (a title, a citation: not Markdown) as escaped HTML, the words search
    matched each in a lit span, found as the Markdown highlighter finds them."""
    parts, last = [], 0
    for start, end in word_spans(text, tuple(w for w in words if w)):
        parts.append(html.escape(text[last:start]))
        parts.append(f'<span class="hit" style="{html.escape(style)}">{html.escape(text[start:end])}</span>')
        last = end
    parts.append(html.escape(text[last:]))
    return "".join(parts)


class _HighlightTree(Treeprocessor):
    def __init__(self, md: Markdown, words: tuple[str, ...], style: str) -> None:
        super().__init__(md)
        self.words = tuple(w for w in words if w)
        self.style = style

    def _split(self, text: str | None) -> list[str | ET.Element]:
        """``text`` cut around the words search matched, each of those in a highlighted span."""
        if not text:
            return [text or ""]
        parts: list[str | ET.Element] = []
        last = 0
        for start, end in word_spans(text, self.words):
            parts.append(text[last:start])
            mark = ET.Element("span", {"class": "hit", "style": self.style})
            mark.text = text[start:end]
            parts.append(mark)
            last = end
        parts.append(text[last:])
        return parts

    @staticmethod
    def _place(element: ET.Element, position: int, pieces: list[str | ET.Element]) -> None:
        """Insert marks at ``position`` in ``element``, each followed by the text after it."""
        previous: ET.Element | None = None
        for piece in pieces:
            if isinstance(piece, ET.Element):
                element.insert(position, piece)
                position += 1
                previous = piece
            elif previous is not None:
                previous.tail = piece

    def _apply(self, element: ET.Element) -> None:
        for child in list(element):
            if child.get("class") != "hit":
                self._apply(child)
        pieces = self._split(element.text)
        element.text = str(pieces[0])
        self._place(element, 0, pieces[1:])
        for child in list(element):
            if child.get("class") == "hit" or child.tail is None:
                continue
            pieces = self._split(child.tail)
            child.tail = str(pieces[0])
            self._place(element, list(element).index(child) + 1, pieces[1:])

    def run(self, root: ET.Element) -> None:
        if self.words:
            self._apply(root)


class HighlightExtension(Extension):
    """Wrap every word starting with one of ``words`` in a highlighted span, as search matches
    them (``hipref.text``: "gul" marks "Gül"; an item of several words marks them in a row)."""

    def __init__(self, words: tuple[str, ...] = (), style: str = LIGHT.hit) -> None:
        self.words = words
        self.style = style
        super().__init__()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_HighlightTree(md, self.words, self.style), "hipref_highlight", 1)
