"""Words as search sees them: folding, tokens, and where a typed word starts a word in a text.

One module for the search engine, the reader's highlighter and the results list, so a word
that is found is also the word that is marked. Folding follows the index tokeniser
(unicode61 with remove_diacritics 2): case and accents go, so "gul" finds and marks "Gül".
A typed word matches every word of a text that starts with it, as the index matches a prefix.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

Span = tuple[int, int]

# Word characters, and "%" (the index keeps "14%" as one word, so it never matches a bare 14).
_TOKEN = re.compile(r"(?:[^\W_]|%)+")
# Marks that may follow a letter when a text is stored decomposed (u + combining diaeresis).
_COMBINING = "\u0300-\u036f"
# Letters that fold to a plain ASCII letter or digit are looked for among these blocks.
_FOLDABLE_BLOCKS = ((0x00C0, 0x024F), (0x1E00, 0x1EFF), (0xFF10, 0xFF5A))


def fold(text: str) -> str:
    """Case- and diacritic-folded text, as the index sees it (Gül -> gul)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> tuple[str, ...]:
    """Folded word tokens, the way the index tokeniser (unicode61, "%" a word character) splits text."""
    return tuple(_TOKEN.findall(fold(text)))


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """For each ASCII letter or digit, every character that folds to it (é, É, ë ... for e)."""
    found: dict[str, list[str]] = {}
    for first, last in _FOLDABLE_BLOCKS:
        for point in range(first, last + 1):
            char = chr(point)
            folded = fold(char)
            if len(folded) == 1 and folded.isascii() and folded.isalnum():
                found.setdefault(folded, []).append(char)
    return {key: "".join(chars) for key, chars in found.items()}


def _letter(char: str) -> str:
    """A pattern for one folded character: itself in any case or accent, then any marks."""
    others = _variants().get(char, "")
    if char.isascii() and char.isalpha():
        return f"[{char}{char.upper()}{others}][{_COMBINING}]*"
    if others:
        return f"[{re.escape(char)}{others}][{_COMBINING}]*"
    return f"(?:{re.escape(char)})[{_COMBINING}]*"


def _phrase(words: list[str]) -> str:
    """Whole words in a row, apart from the last, which may go on (as a typed prefix does)."""
    whole = f"(?![^\\W_%]|[{_COMBINING}])"
    pieces = ["".join(_letter(c) for c in word) for word in words]
    return "[\\W_]+".join(piece + (whole if i < len(pieces) - 1 else "") for i, piece in enumerate(pieces))


@lru_cache(maxsize=256)
def _phrases(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """``words`` folded, each as its words in a row, longest first (the order they are tried in)."""
    folded = sorted({w for w in (" ".join(tokens(word)) for word in words) if w}, key=len, reverse=True)
    return tuple(tuple(word.split()) for word in folded)


@lru_cache(maxsize=256)
def word_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern for words of a text that start with one of ``words`` (folded), whole word.

    A ``words`` item of several words ("hip replacement") matches them in a row. Built from
    the folded words rather than by folding the text, so it runs over the original text in
    one pass and its spans are positions in that text. Compiling it costs milliseconds, so
    it is used only for a text that cannot be folded in place; :func:`_match` finds the same
    words, one letter at a time, everywhere else.
    """
    phrases = _phrases(words)
    if not phrases:
        return None
    alternatives = "|".join(_phrase(list(phrase)) for phrase in phrases)
    return re.compile(rf"(?<![^\W_%])(?:{alternatives})(?:[^\W_%]|[{_COMBINING}%])*", re.IGNORECASE)


@lru_cache(maxsize=512)
def _letter_pattern(char: str) -> re.Pattern[str]:
    """:func:`_letter` compiled: one per folded character, so a new word compiles nothing."""
    return re.compile(_letter(char), re.IGNORECASE)


# The pieces of word_pattern around its letters, compiled once.
_WORD_BEFORE = re.compile(r"[^\W_%]")
_WORD_GOES_ON = re.compile(f"[^\\W_%]|[{_COMBINING}]")
_BETWEEN = re.compile(r"[\W_]+")
_REST = re.compile(f"(?:[^\\W_%]|[{_COMBINING}%])*")
_MARKS = re.compile(f"[{_COMBINING}]*")


def _word_end(text: str, position: int, word: str, end: int) -> int:
    """Where folded ``word`` ends if ``text[position:end]`` starts with it, letter by letter as
    :func:`word_pattern` matches it (any case, accent or trailing mark), or -1."""
    plain = text[position : min(position + len(word), end)]
    if plain.isascii() and word.isascii():  # the usual case: plain letters match only themselves
        return _MARKS.match(text, position + len(word), end).end() if plain.lower() == word else -1
    for char in word:
        letter = _letter_pattern(char).match(text, position, end)
        if letter is None:
            return -1
        position = letter.end()
    return position


def _phrase_end(text: str, at: int, phrase: tuple[str, ...], end: int) -> int:
    """Where ``phrase`` (whole words in a row, the last a prefix) ends if it starts at ``at``, or -1."""
    position = at
    for index, word in enumerate(phrase):
        if index:
            between = _BETWEEN.match(text, position, end)
            if between is None:
                return -1
            position = between.end()
        position = _word_end(text, position, word, end)
        if position == -1:
            return -1
        if index < len(phrase) - 1 and _WORD_GOES_ON.match(text, position, end):
            return -1
    return position


def _match(text: str, at: int, phrases: tuple[tuple[str, ...], ...], end: int) -> int:
    """Where the match of :func:`word_pattern` at ``at`` in ``text[:end]`` ends, or -1.

    Tries the phrases in the pattern's order and each letter as the pattern does, so it finds
    the same match without compiling the words.
    """
    if at and _WORD_BEFORE.match(text, at - 1, end):
        return -1
    for phrase in phrases:
        found = _phrase_end(text, at, phrase, end)
        if found != -1:
            return _REST.match(text, found, end).end()
    return -1


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, int]:
    """Accented letters to their plain letter, one character for one."""
    return {ord(char): ord(plain) for plain, chars in _variants().items() for char in chars}


def _aligned_fold(text: str) -> str | None:
    """``text`` folded character for character (so positions agree), or None if it cannot be."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    if lowered.isascii():
        return lowered
    if _HAS_COMBINING.search(text):
        return None
    return _IN_FOLDABLE_BLOCKS.sub(_plain_letter, lowered)  # accented letters are few: only they are looked up


def _plain_letter(match: re.Match[str]) -> str:
    char = match.group()
    return chr(_fold_table().get(ord(char), ord(char)))


_HAS_COMBINING = re.compile(f"[{_COMBINING}]")
_IN_FOLDABLE_BLOCKS = re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in _FOLDABLE_BLOCKS) + "]")


@lru_cache(maxsize=256)
def _first_words(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple({phrase[0] for phrase in _phrases(words)})


def _candidates(folded: str, words: tuple[str, ...], end: int, before: str = "") -> list[int]:
    """Where a folded first word of ``words`` begins a word of ``folded[:end]``, in order.

    ``before`` is the character just before ``folded`` in its text, if any.
    """
    found = set()
    for word in _first_words(words):
        at = folded.find(word, 0, end)
        while at != -1:
            previous = folded[at - 1] if at else before
            if not (previous.isalnum() or previous == "%"):
                found.add(at)
            at = folded.find(word, at + 1, end)
    return sorted(found)


def word_spans(text: str, words: tuple[str, ...]) -> tuple[Span, ...]:
    """(start, end) of every word of ``text`` that starts with one of ``words`` (or phrase)."""
    phrases = _phrases(words)
    if not phrases or not text:
        return ()
    folded = _aligned_fold(text)
    if folded is None:
        pattern = word_pattern(words)
        return tuple(match.span() for match in pattern.finditer(text)) if pattern else ()
    spans: list[Span] = []
    for at in _candidates(folded, words, len(text)):
        if spans and at < spans[-1][1]:
            continue
        found = _match(text, at, phrases, len(text))
        if found != -1:
            spans.append((at, found))
    return tuple(spans)


# first_word_start folds a text in pieces of these lengths: the word is usually early.
_PIECES = (512, 4096)
_OVERLAP = 64


def first_word_start(text: str, words: tuple[str, ...], end: int | None = None) -> int:
    """Where the first word of ``text[:end]`` starting with one of ``words`` begins, or -1."""
    phrases = _phrases(words)
    if not phrases:
        return -1
    end = len(text) if end is None else min(end, len(text))
    low = 0
    for size in (*_PIECES, end):
        high = min(end, max(size, low))
        folded = _aligned_fold(text[low : min(end, high + _OVERLAP)])
        if folded is None:
            pattern = word_pattern(words)
            found = pattern.search(text, low, end) if pattern else None
            return found.start() if found else -1
        for at in _candidates(folded, words, high - low, text[low - 1] if low else ""):
            if _match(text, low + at, phrases, end) != -1:
                return low + at
        if high >= end:
            return -1
        low = high
    return -1


def shift(spans: tuple[Span, ...], offset: int, length: int) -> tuple[Span, ...]:
    """Spans moved by ``offset`` and clipped to a piece of ``length`` characters."""
    moved = ((start + offset, end + offset) for start, end in spans)
    return tuple((max(0, s), min(length, e)) for s, e in moved if e > 0 and s < length)


def is_unicode(text: str) -> bool:
    """Whether ``text`` is valid Unicode: a command-line argument holding undecodable bytes, or
    pasted text with a lone surrogate, is not, and cannot be stored or looked up."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
