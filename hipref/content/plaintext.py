"""Plain text of Markdown for search snippets, made once when the database is built.

Search shows a line or two of each hit; cleaning Markdown for every hit of every keystroke
would cost more than the search itself, so the builder stores the cleaned text.
"""

from __future__ import annotations

import re

LEAD_CHARS = 160

_MARKS = "*_`#>"
_ITEM = re.compile(r"^[ \t]*(?:[-•+]|\d+[.)])[ \t]+")
_HEADING = re.compile(r"^[ \t]*#+[ \t]*")
_ENDS_A_SENTENCE = tuple('.:;!?…"”)')


def _clean(text: str) -> str:
    for mark in _MARKS:
        if mark in text:
            text = text.replace(mark, "")
    return " ".join(text.split())


def plain_text(markdown: str) -> str:
    """``markdown`` on one line, without emphasis, heading, quote or list marks.

    A heading ends in a colon and a list item in a semicolon when they have no punctuation of
    their own, so "## What the article argues" and the paragraph after it still read apart.
    """
    blocks: list[tuple[str, list[str]]] = []  # (kind, lines): kind is "heading", "item" or ""
    for line in (markdown or "").splitlines():
        if not line.strip():
            blocks.append(("", []))
        elif _HEADING.match(line):
            blocks.append(("heading", [_HEADING.sub("", line)]))
        elif _ITEM.match(line):
            blocks.append(("item", [_ITEM.sub("", line)]))
        elif blocks and blocks[-1][0] != "heading":
            blocks[-1][1].append(line)  # a paragraph or a wrapped item goes on
        else:
            blocks.append(("", [line]))
    parts = []
    for kind, lines in blocks:
        text = _clean(" ".join(lines))
        if text and kind and not text.endswith(_ENDS_A_SENTENCE):
            text += ":" if kind == "heading" else ";"
        if text:
            parts.append(text)
    return " ".join(parts)


def lead(markdown: str, limit: int = LEAD_CHARS) -> str:
    """The first ``limit`` characters of the plain text, cut at a space, with an ellipsis."""
    text = plain_text(markdown)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return (cut or text[:limit]) + "…"
