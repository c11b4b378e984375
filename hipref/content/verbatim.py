"""Is an excerpt's Markdown body verbatim in its source text?

Only Markdown structure may differ: list bullets (the article's ``•`` or Markdown's ``-``),
headings, block quotes, emphasis markers, escapes and line breaks. Words, spelling and
punctuation must match exactly.
"""

from __future__ import annotations

import re

_LINE_MARKER = re.compile(r"^\s*(?:[•\-*+](?=\s)|\d+[.)](?=\s)|#{1,6}(?=\s)|>)\s*")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text with Markdown structure and whitespace differences taken out."""
    lines = [_LINE_MARKER.sub("", line) for line in text.replace("\r\n", "\n").split("\n")]
    joined = " ".join(lines)
    joined = _ESCAPE.sub(lambda m: "\x00" + m.group(1), joined)
    joined = _EMPHASIS.sub("", joined).replace("\x00", "")
    return _SPACE.sub(" ", joined.replace("\u00a0", " ")).strip()


def paragraphs(markdown: str) -> list[str]:
    """Blank-line separated blocks of a Markdown body."""
    return [p for p in re.split(r"\n\s*\n", markdown.strip()) if p.strip()]


def missing_paragraphs(markdown: str, source_text: str) -> list[str]:
    """Paragraphs of ``markdown`` not found, in order, in ``source_text`` (empty: verbatim)."""
    haystack = normalise(source_text)
    position = 0
    missing: list[str] = []
    for block in paragraphs(markdown):
        needle = normalise(block)
        found = haystack.find(needle, position)
        if found == -1:
            missing.append(block)
        else:
            position = found + len(needle)
    return missing
