"""Plain text of Markdown for search snippets, made once when the database is built.

Search shows a line or two of each hit; cleaning Markdown for every hit of every keystroke
would cost more than the search itself, so the builder stores the cleaned text.
"""

from __future__ import annotations

import re

LEAD_CHARS = 160

_MARKS = "*_`#>"
_BULLET = re.compile(r"^[ \t]*(?:[-•+]|\d+[.)])[ \t]+", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """``markdown`` without emphasis, heading, quote or list marks, on one line."""
    text = _BULLET.sub("", markdown or "")
    for mark in _MARKS:
        if mark in text:
            text = text.replace(mark, "")
    return " ".join(text.split())


def lead(markdown: str, limit: int = LEAD_CHARS) -> str:
    """The first ``limit`` characters of the plain text, cut at a space, with an ellipsis."""
    text = plain_text(markdown)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return (cut or text[:limit]) + "…"
