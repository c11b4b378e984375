"""Search in the clinician's own words: phrases, questions, the thesaurus, typos, numbers, lists."""

from __future__ import annotations

import pytest

GTPS = [
    "term/greater-trochanteric-pain-syndrome",
    "condition/trochanteric-bursitis",
    "condition/gluteus-medius-tendinopathy",
]
THESAURUS_FIRST = {
    "hip scope": ["treatment/hip-arthroscopy"],
    "THR": ["treatment/total-hip-replacement"],
    "hip replacement": ["treatment/total-hip-replacement"],
    "GTPS": GTPS,
    "greater trochanteric pain syndrome": GTPS,
    "pain on the outside of the hip": GTPS,
    "ibuprofen": ["treatment/nsaids"],
    "naproxen": ["treatment/nsaids"],
    "Bigelow": ["structure/iliofemoral-ligament"],
    "Y ligament": ["structure/iliofemoral-ligament"],
    "ball and socket": ["structure/femoral-head", "structure/acetabulum"],
    "cartilage wear": ["condition/chondral-lesions", "condition/hip-osteoarthritis"],
    "hip dysplasia": ["condition/developmental-dysplasia-of-the-hip"],
    "labrum tear": ["condition/hip-labral-tear"],
    "steroid injection": ["treatment/cortisone-injections"],
    "cortisone shot": ["treatment/cortisone-injections"],
    "NNT": ["term/number-needed-to-treat"],
    "outside of the hip": [
        "site/greater-trochanter-area",
        "structure/greater-trochanter",
        "structure/trochanteric-bursa",
        "structure/iliotibial-band",
    ],
    "IT band": ["structure/iliotibial-band"],
    "wear and tear hip": ["condition/hip-osteoarthritis", "condition/chondral-lesions"],
    "painkillers": ["treatment/nsaids"],
    "sugar injection": ["treatment/prolotherapy"],
    "deep gluteal syndrome": ["condition/ischiofemoral-impingement"],
    "dead butt syndrome": ["condition/hip-muscle-weakness"],
    "deep six": [
        "structure/piriformis",
        "structure/gemelli",
        "structure/obturator-muscles",
        "structure/quadratus-femoris",
    ],
}


@pytest.mark.parametrize(("query", "expected"), list(THESAURUS_FIRST.items()))
def test_thesaurus_names_what_clinicians_type(searcher, query, expected):
    refs = [h.ref for h in searcher.search(query)]
    assert set(refs[: len(expected)]) == set(expected), refs[:5]


@pytest.mark.parametrize("query", ["why is my hip still sore after physio", "aching hip", "it hurts when I walk"])
def test_lay_words_for_pain_are_searched_as_pain_not_corrected(searcher, query):
    found = searcher.find(query)
    assert not found.corrected and found.query == query
    assert found.hits and {h.ref for h in found.hits} & {h.ref for h in searcher.search("hip pain")}


def test_an_alias_expands_into_full_text(searcher):
    """ "fai" finds every entry that discusses femoroacetabular impingement, not only its names."""
    spelled_out = {h.ref for h in searcher.search("femoroacetabular impingement ", limit=200)}
    abbreviated = {h.ref for h in searcher.search("fai ", limit=200)}
    assert len(spelled_out) > 5 and spelled_out <= abbreviated
    assert "treatment/hip-arthroscopy" in abbreviated and "condition/hip-labral-tear" in abbreviated


def test_a_phrase_finds_the_entry_that_does_not_use_every_word(searcher):
    refs = [h.ref for h in searcher.search("prolotherapy evidence")]
    assert "treatment/prolotherapy" in refs[:3]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("does prolotherapy help hip OA", "treatment/prolotherapy"),
        ("what is the evidence for exercise in hip OA", "treatment/exercise-therapy"),
        ("how does the iliofemoral ligament work", "structure/iliofemoral-ligament"),
    ],
)
def test_questions_ignore_question_words(searcher, question, expected):
    refs = [h.ref for h in searcher.search(question)]
    assert expected in refs[:5], refs[:5]


def test_more_words_matched_rank_higher(searcher):
    hits = searcher.search("gluteus medius tendon ")
    assert hits[0].ref == "structure/gluteus-medius-tendon"


def test_a_corrected_misspelling_searches_full_text_and_says_so(searcher):
    corrected = searcher.find("osteoartritis", limit=200)
    right = searcher.find("osteoarthritis", limit=200)
    assert corrected.corrected and corrected.query == "osteoarthritis" and corrected.typed == "osteoartritis"
    assert [h.ref for h in corrected.hits] == [h.ref for h in right.hits] and len(right.hits) > 20
    as_typed = searcher.find("osteoartritis", correct=False)
    assert not as_typed.corrected and as_typed.query == "osteoartritis"


@pytest.mark.parametrize(
    ("typed", "meant"), [("prolotherpy", "prolotherapy"), ("bursits", "bursitis"), ("pirformis", "piriformis")]
)
def test_a_misspelt_clinical_word_is_corrected(searcher, typed, meant):
    found = searcher.find(typed)
    assert found.corrected and found.query == meant


@pytest.mark.parametrize("query", ["hip pain at night", "older adults", "limping"])
def test_plain_english_the_content_does_not_use_is_not_corrected_into_another_word(searcher, query):
    found = searcher.find(query)
    assert not found.corrected and found.query == query


def test_a_plural_the_content_does_not_use_finds_its_singular_without_a_correction(searcher):
    found = searcher.find("older adults")
    assert not found.corrected and found.query == "older adults"
    assert [h.ref for h in found.hits] == [h.ref for h in searcher.search("older adult")]


def test_a_known_word_is_never_corrected(searcher):
    result = searcher.find("labrum")
    assert not result.corrected and result.query == "labrum"


def test_percent_matches_the_percentage_only(searcher):
    hits = searcher.search("14%")
    assert hits[0].ref == "excerpt/10-fourteen-percent-responded"
    assert all("14%" in h.snippet for h in hits if h.marks), [h.snippet for h in hits]
    assert "14%" in [hits[0].snippet[s:e] for s, e in hits[0].marks]


@pytest.mark.parametrize("text", ["p=0.016", "P = 0.016", "p 0.016"])
def test_p_values(searcher, text):
    hit = searcher.search(text)[0]
    assert any(hit.snippet[s:e].lower() == "p=0.016" for s, e in hit.marks), hit.snippet


def test_numbers_with_units(searcher):
    hits = searcher.search("12 months")
    assert hits and all("12 months" in h.snippet or "12-month" in h.snippet.lower() for h in hits[:5])


def test_identifier_anywhere_in_the_query(searcher):
    assert searcher.search("Gul 10.12659/MSM.919166")[0].ref == "study/gul-2020"
    assert searcher.search("loureiro pmid 30131064")[0].ref == "study/loureiro-2018"


def test_a_scope_alone_lists_the_scope_in_article_order(searcher):
    result = searcher.find("study:", limit=100)
    assert result.listing and len(result.hits) == 11 and {h.type for h in result.hits} == {"study"}
    ligaments = searcher.search("lig:", limit=100)
    assert ligaments and all(h.ref.endswith("-ligament") for h in ligaments)


def test_a_single_letter_lists_names_starting_with_it(searcher):
    result = searcher.find("g", limit=100)
    titles = [h.title for h in result.hits]
    assert result.listing and titles and all(t.lower().startswith("g") for t in titles)
    assert titles == sorted(titles, key=str.lower)


def test_gul_is_found_and_marked_in_title_and_snippet(searcher):
    hit = searcher.search("gul")[0]
    assert hit.ref == "study/gul-2020"
    assert [hit.title[s:e] for s, e in hit.title_marks] == ["Gül"]


def test_stopwords_alone_still_search(searcher):
    assert searcher.search("the ")
