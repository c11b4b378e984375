"""Where very long paragraphs are cut for display, so laying one out never blocks the window.

Qt lays out a paragraph (a text block) as a whole, and its cost grows with the block's
length, steeply for a run with no break point: one 100,000-character word took seconds.
Qt lays out a document's blocks lazily, only as far as is shown, so a paragraph longer than
:data:`CUT_ABOVE_CHARS` (no real entry or note has one) is shown as consecutive blocks of at
most :data:`SEGMENT_CHARS`. The cuts fall after a
space where there is one, so they look like ordinary line wraps; inside a long word they are
where the word would wrap anyway. The stored text never changes: the note editor marks its
cuts with :data:`SOFT_BREAK` and removes them again (:func:`join_segments`) before saving or
copying, and the reader, which is read-only, drops its cuts from copied text.
"""

from __future__ import annotations

import re
import unicodedata

from hipref.text import Span

CUT_ABOVE_CHARS = 4_000
SEGMENT_CHARS = 1_000
# INVISIBLE SEPARATOR: zero-width and practically never typed. (Qt drops noncharacters.)
SOFT_BREAK = "\u2063"
SHORT_TOKEN_CHARS = 60


def cut_points(text: str, limit: int = SEGMENT_CHARS, above: int = CUT_ABOVE_CHARS) -> list[int]:
    """Offsets (in characters) at which to cut ``text``, if it is longer than ``above``, so that
    no piece is longer than ``limit``.

    Each cut falls just after the last space in the second half of its piece, or, with no space
    there, at the limit but never in front of a combining mark (which belongs to the letter
    before it).
    """
    points: list[int] = []
    start = 0
    if len(text) <= above:
        return points
    while len(text) - start > limit:
        end = start + limit
        space = max(text.rfind(" ", start + limit // 2, end), text.rfind("\t", start + limit // 2, end))
        if space != -1:
            end = space + 1
        else:
            while end > start + limit // 2 and unicodedata.combining(text[end]):
                end -= 1
        points.append(end)
        start = end
    return points


def segment_lines(text: str, limit: int = SEGMENT_CHARS, above: int = CUT_ABOVE_CHARS) -> str | None:
    """``text`` with each line longer than ``above`` cut by ``SOFT_BREAK`` + newline into pieces
    of at most ``limit``, or None if no line needs it (or the text already holds the marker, so
    the cuts could not be told apart)."""
    if SOFT_BREAK in text or all(len(line) <= above for line in text.split("\n")):
        return None
    lines = []
    for line in text.split("\n"):
        pieces, start = [], 0
        for point in cut_points(line, limit, above):
            pieces.append(line[start:point])
            start = point
        pieces.append(line[start:])
        lines.append((SOFT_BREAK + "\n").join(pieces))
    return "\n".join(lines)


def join_segments(text: str) -> str:
    """Undo :func:`segment_lines`."""
    return text.replace(SOFT_BREAK + "\n", "") if SOFT_BREAK in text else text


def shorten_words(
    text: str, marks: tuple[Span, ...] = (), limit: int = SHORT_TOKEN_CHARS
) -> tuple[str, tuple[Span, ...]]:
    """``text`` with any word longer than ``limit`` shortened to its start and an ellipsis, and
    its ``marks`` (start, end) moved to match: for one-line views (a result row) that never need
    a whole 100,000-character word."""
    if len(text) <= limit:
        return text, marks
    long_words = [match.span() for match in re.finditer(rf"\S{{{limit + 1},}}", text)]
    if not long_words:
        return text, marks
    pieces, last = [], 0
    for start, end in long_words:
        pieces.append(text[last:start])
        pieces.append(text[start : start + limit - 1] + "…")
        last = end
    pieces.append(text[last:])

    def moved(position: int) -> int:
        shift = 0
        for start, end in long_words:
            if position <= start + limit - 1:
                break
            if position < end:
                return start + limit - 1 - shift
            shift += end - start - limit
        return position - shift

    moved_marks = tuple((moved(start), moved(end)) for start, end in marks)
    return "".join(pieces), tuple(mark for mark in moved_marks if mark[0] < mark[1])
