"""The words marked in results and the reader: which spans of a text a set of typed words
(and their thesaurus expansions) lights up, with accents, prefixes and phrases."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hipref.text import first_word_start, word_pattern, word_spans


def marked(text: str, words: tuple[str, ...]) -> list[str]:
    return [text[start:end] for start, end in word_spans(text, words)]


def test_a_typed_prefix_marks_the_whole_word_it_starts():
    assert marked("Gluteus medius tendinopathy; the glute.", ("glut",)) == ["Gluteus", "glute"]


def test_a_prefix_inside_a_word_is_not_marked():
    assert marked("Iliopsoas and psoas", ("psoas",)) == ["psoas"]


def test_accents_and_case_are_folded_both_ways():
    assert marked("Gül and ORSÇELIK, gul", ("gul", "orscelik")) == ["Gül", "ORSÇELIK", "gul"]
    assert marked("Gul 2020", ("Gül",)) == ["Gul"]


def test_a_decomposed_accent_is_marked_with_its_letter():
    text = "Gu\u0308l et al."
    assert word_spans(text, ("gul",)) == ((0, 4),)


def test_a_letter_that_lengthens_when_lowered_keeps_its_positions():
    text = "İliac crest, iliac spine"
    assert marked(text, ("iliac",))[-1] == "iliac"
    assert word_spans(text, ("iliac",))[-1] == (13, 18)


def test_a_thesaurus_phrase_is_marked_as_one_span_across_punctuation():
    text = "Gluteus  medius tendinopathy (glute-med); medius alone"
    words = ("gluteus medius", "glute med", "med")
    assert marked(text, words) == ["Gluteus  medius", "glute-med", "medius"]


def test_the_longest_phrase_wins_where_several_start():
    text = "hip replacement, hip pain"
    assert marked(text, ("hip", "hip replacement")) == ["hip replacement", "hip"]


def test_a_phrase_needs_its_inner_words_whole():
    assert marked("gluteusmedius gluteus medius", ("gluteus medius",)) == ["gluteus medius"]
    assert marked("hips replacement", ("hip replacement",)) == []


def test_a_percentage_is_one_word():
    assert marked("in 14% of hips, 14 of them", ("14",)) == ["14%", "14"]


def test_the_first_word_start_finds_the_first_mark():
    text = "Trochanteric pain; the gluteus medius is weak."
    assert first_word_start(text, ("gluteus medius",)) == text.index("gluteus")
    assert first_word_start(text, ("gluteus medius",), end=25) == -1
    assert first_word_start(text, ("absent",)) == -1


def test_a_first_word_far_into_a_long_text_is_found():
    text = "word " * 2000 + "Gül."
    assert first_word_start(text, ("gul",)) == len(text) - 4


def test_search_marks_a_thesaurus_expansion_of_what_was_typed(searcher):
    """Typed "glute med", the results light up "Gluteus medius" as one span, in titles too."""
    results = searcher.find("glute med")
    assert "gluteus medius" in results.words
    first = results.hits[0]
    assert [first.title[s:e] for s, e in first.title_marks] == ["Gluteus medius"]
    assert "gluteus medius" in {hit.snippet[s:e].lower() for hit in results.hits for s, e in hit.marks}


PIECES = (
    "glute",
    "Gluteus",
    "medius",
    "MED",
    " ",
    "  ",
    "-",
    "_",
    ".",
    "é",
    "É",
    "ü",
    "Gül",
    "gu\u0308l",
    "ç",
    "ß",
    "ø",
    "İ",
    "hip",
    "replacement",
    "a",
    "e",
    "1",
    "4",
    "x",
    "I",
    "ılium",
)
WORDS = ("ıl", "gl", "glute", "gluteus medius", "glute med", "med")
WORDS += ("gul", "hip replacement", "e", "a e", "14", "é", "x")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(tuple),
)
def test_marks_are_the_words_the_pattern_finds(text, words):
    """Every span is where the one pattern for the words matches the text, in one pass."""
    pattern = word_pattern(words)
    assert word_spans(text, words) == tuple(match.span() for match in pattern.finditer(text))
    first = pattern.search(text)
    assert first_word_start(text, words) == (first.start() if first else -1)
