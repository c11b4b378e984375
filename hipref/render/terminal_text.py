"""Text for a terminal as lines of runs, some of them bold, filled to a width in columns.

Whether bold reaches the screen is up to :mod:`hipref.terminal`, which also removes control
characters before anything is printed. The reader's page is read into runs by
:mod:`hipref.render.terminal_page`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from hipref.text import Span

NBSP = "\xa0"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")

MIN_WIDTH = 20


@dataclass(frozen=True)
class Run:
    """A stretch of text printed in one style."""

    text: str
    bold: bool = False


Line = tuple[Run, ...]


def columns(text: str) -> int:
    """Terminal columns ``text`` takes: wide East Asian characters two, combining marks none."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def line_text(line: Line) -> str:
    return "".join(run.text for run in line)


def spanned_runs(text: str, spans: Iterable[Span], bold: bool = False) -> list[Run]:
    """Runs of ``text`` with the ``(start, end)`` spans in bold (search's marks on a hit)."""
    runs, last = [], 0
    for start, end in sorted(spans):
        start, end = max(start, last), min(end, len(text))
        if start >= end:
            continue
        runs.append(Run(text[last:start], bold))
        runs.append(Run(text[start:end], True))
        last = end
    runs.append(Run(text[last:], bold))
    return [run for run in runs if run.text]


# --- wrapping ---------------------------------------------------------------------------------


def _words(runs: list[Run]) -> list[list[Run]]:
    """Split runs at ordinary spaces into words, each a list of runs (a word may change style)."""
    words: list[list[Run]] = [[]]
    for run in runs:
        pieces = _SPACES.split(_CONTROL.sub(" ", run.text))
        for index, piece in enumerate(pieces):
            if index and words[-1]:
                words.append([])
            if piece:
                words[-1].append(Run(piece, run.bold))
    return [trimmed for word in words if (trimmed := trim(word))]


def trim(word: list[Run]) -> list[Run]:
    """A word without no-break spaces at its edges (badges are padded with them in the window)."""
    runs = list(word)
    while runs and not runs[0].text.lstrip(NBSP):
        runs.pop(0)
    while runs and not runs[-1].text.rstrip(NBSP):
        runs.pop()
    if runs:
        runs[0] = Run(runs[0].text.lstrip(NBSP), runs[0].bold)
        runs[-1] = Run(runs[-1].text.rstrip(NBSP), runs[-1].bold)
    return runs


def _split_long(word: list[Run], width: int) -> list[list[Run]]:
    """Cut a word wider than ``width`` into pieces that fit (a long URL or a crafted token)."""
    pieces: list[list[Run]] = [[]]
    used = 0
    for run in word:
        chunk = ""
        for char in run.text:
            size = columns(char)
            if used + size > width and used:
                if chunk:
                    pieces[-1].append(Run(chunk, run.bold))
                pieces.append([])
                chunk, used = "", 0
            chunk += char
            used += size
        if chunk:
            pieces[-1].append(Run(chunk, run.bold))
    return [piece for piece in pieces if piece]


def _merge(runs: list[Run]) -> Line:
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].bold == run.bold:
            merged[-1] = Run(merged[-1].text + run.text, run.bold)
        elif run.text:
            merged.append(run)
    return tuple(Run(run.text.replace(NBSP, " "), run.bold) for run in merged)


def _size(word: list[Run]) -> int:
    return sum(columns(run.text) for run in word)


def wrap(runs: list[Run], width: int, first: str = "", rest: str | None = None) -> list[Line]:
    """Fill ``runs`` into lines of at most ``width`` columns, after the prefixes ``first``/``rest``.

    Breaks only at ordinary spaces (a no-break space holds its words together) and cuts a word
    only when it alone is wider than a line.
    """
    rest = first if rest is None else rest
    limit = max(1, width - max(columns(first), columns(rest)))
    lines: list[Line] = []
    current, used, empty = [Run(first)], columns(first), True
    for word in _words(runs):
        for piece in _split_long(word, limit) if _size(word) > limit else [word]:
            size = _size(piece)
            if not empty and used + 1 + size > width:
                lines.append(_merge(current))
                current, used, empty = [Run(rest)], columns(rest), True
            if not empty:
                current.append(Run(" ", current[-1].bold and piece[0].bold))
                used += 1
            current.extend(piece)
            used += size
            empty = False
    if not empty:
        lines.append(_merge(current))
    return lines
