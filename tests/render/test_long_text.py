"""Where long paragraphs are cut for display, and that the cuts always come out again."""

from __future__ import annotations

import unicodedata
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from hipref.render.long_text import (
    CUT_ABOVE_CHARS,
    SEGMENT_CHARS,
    SOFT_BREAK,
    cut_points,
    join_segments,
    segment_lines,
    shorten_words,
)


def pieces(text: str) -> list[str]:
    points = [0, *cut_points(text), len(text)]
    return [text[a:b] for a, b in pairwise(points)]


def test_ordinary_paragraphs_are_never_cut():
    paragraph = "The labrum deepens the acetabulum. " * (CUT_ABOVE_CHARS // 35)
    assert len(paragraph) <= CUT_ABOVE_CHARS
    assert cut_points(paragraph) == []
    assert segment_lines(paragraph + "\n" + paragraph) is None


def test_a_long_word_is_cut_into_pieces_no_longer_than_the_limit():
    parts = pieces("x" * 100_000)
    assert "".join(parts) == "x" * 100_000
    assert len(parts) == 100 and all(len(part) == SEGMENT_CHARS for part in parts)


def test_words_are_cut_after_a_space():
    text = "abcdefg " * 10_000
    parts = pieces(text)
    assert all(part.endswith(" ") for part in parts[:-1])
    assert max(map(len, parts)) <= SEGMENT_CHARS


def test_a_combining_mark_stays_with_its_letter():
    text = ("e" * (SEGMENT_CHARS - 1) + "e\u0301") * 10
    for point in cut_points(text):
        assert not unicodedata.combining(text[point])


@given(st.text(alphabet=st.characters(blacklist_characters=SOFT_BREAK), max_size=200), st.integers(0, 3))
def test_cutting_a_note_always_comes_undone(line, repeat):
    text = "\n".join([line * 40] * repeat + [line])
    shown = segment_lines(text, limit=50, above=120)
    assert join_segments(shown if shown is not None else text) == text
    if shown is not None:
        # lines over ``above`` are cut into pieces of ``limit`` (plus the marker); shorter ones stay whole
        whole = {original for original in text.split("\n") if len(original) <= 120}
        assert all(len(piece) <= 51 or piece in whole for piece in shown.split("\n"))


def test_a_note_already_holding_the_marker_is_left_whole():
    text = "x" * 10_000 + SOFT_BREAK + "\n" + "y"
    assert segment_lines(text) is None


def test_shortened_words_keep_their_marks():
    word, other = "x" * 5_000, "y" * 5_000
    text = f"a {word} and {other} hip"
    marks = ((2, 2 + len(word)), (len(text) - 3, len(text)))  # the long word, and "hip"
    short, moved = shorten_words(text, marks)
    assert short == "a " + "x" * 59 + "… and " + "y" * 59 + "… hip"
    assert [short[start:end] for start, end in moved] == ["x" * 59 + "…", "hip"]
    assert shorten_words("hip labrum tear", ((4, 10),)) == ("hip labrum tear", ((4, 10),))
