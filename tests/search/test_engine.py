"""Search over the bundled content: the obvious query finds the obvious entry first."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIRST = {
    # abbreviations and clinicians' words
    "FAI": "condition/femoroacetabular-impingement",
    "DDH": "condition/developmental-dysplasia-of-the-hip",
    "OA": "condition/hip-osteoarthritis",
    "THR": "treatment/total-hip-replacement",
    "THA": "treatment/total-hip-replacement",
    "total hip": "treatment/total-hip-replacement",
    "PT": "treatment/physical-therapy",
    "physio": "treatment/physical-therapy",
    "GT": "structure/greater-trochanter",
    "TFL": "structure/tensor-fascia-lata",
    "HHS": "term/harris-hip-score",
    "VAS": "term/visual-analogue-scale",
    "glute med": "structure/gluteus-medius",
    "prolo": "treatment/prolotherapy",
    # as you type
    "iliofem": "structure/iliofemoral-ligament",
    "pubofem": "structure/pubofemoral-ligament",
    "pirif": "structure/piriformis",
    "labral tear": "condition/hip-labral-tear",
    # typos
    "osteoartritis": "condition/hip-osteoarthritis",
    "femoroacetabuler": "condition/femoroacetabular-impingement",
    "pirifomis": "structure/piriformis",
    # diacritics and identifiers
    "Gul": "study/gul-2020",
    "ORSCELIK": "study/gul-2020",
    "10.12659/MSM.919166": "study/gul-2020",
    "32045406": "study/gul-2020",
    "pmid: 30131064": "study/loureiro-2018",
    # one per type
    "Nordic walking": "treatment/nordic-walking",
    "enthesis": "term/enthesis",
    "Teirlinck": "study/teirlinck-2020",
    "anterior hip": "site/anterior-hip",
    "Caring Medical": "source/hauser-2022",
}


@pytest.mark.parametrize(("query", "expected"), list(FIRST.items()))
def test_obvious_entry_first(searcher, query, expected):
    hits = searcher.search(query)
    assert hits, f"nothing for {query!r}"
    assert hits[0].ref == expected, [h.ref for h in hits[:5]]


def test_entities_named_rank_above_excerpts_mentioning_them(searcher):
    hits = searcher.search("piriformis")
    first_excerpt = next(i for i, h in enumerate(hits) if h.type == "excerpt")
    assert hits[0].ref == "structure/piriformis"
    assert all(h.type != "excerpt" for h in hits[:first_excerpt])


@pytest.mark.parametrize(
    ("query", "type_"),
    [("study: walking", "study"), ("site: trochanter", "site"), ("cond: fai", "condition"), ("lig: pubo", "structure")],
)
def test_scope_prefixes(searcher, query, type_):
    hits = searcher.search(query)
    assert hits and {h.type for h in hits} == {type_}


def test_lig_scope_keeps_only_ligaments(searcher):
    refs = [h.ref for h in searcher.search("lig: femoral")]
    assert refs and all(r.endswith("-ligament") for r in refs)


def test_type_filter(searcher):
    assert {h.type for h in searcher.search("hip", type_="excerpt")} == {"excerpt"}


def test_snippet_marks_the_match(searcher):
    hit = searcher.search("Nordic", type_="excerpt")[0]
    assert "Nordic" in [hit.snippet[s:e] for s, e in hit.marks]


def test_limit(searcher):
    assert len(searcher.search("hip", limit=3)) == 3


HOSTILE = [
    '"',
    "'",
    "(",
    ")",
    "*",
    "^",
    ":",
    "-",
    "+",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    'a" OR "b',
    "'; DROP TABLE entry; --",
    "\x00",
    "hip\x00pain",
    "🦴🦵",
    "مفصل الورك",
    "髋关节",
    "x" * 10_000,
    "title:hip",
    "{title}: hip",
    "hip*",
    "*hip",
    "-hip",
    "^hip",
    "a AND",
    "OR OR",
    "\\",
    "%",
    "_",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_safe(searcher, text):
    assert isinstance(searcher.search(text), list)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_returns_a_list(searcher, text):
    hits = searcher.search(text)
    assert isinstance(hits, list)
    assert all(h.ref.count("/") == 1 for h in hits)


def test_snippet_found_beyond_the_first_window():
    from hipref.search.engine import LEAD_WINDOW, text_snippet

    text = "filler " * (LEAD_WINDOW // 7 + 10) + "the labrum seals the joint"
    snippet, marks = text_snippet(text, ("labrum",))
    assert [snippet[s:e] for s, e in marks] == ["labrum"] and snippet.startswith("…")


def test_snippet_survives_case_mappings_that_change_length():
    from hipref.search.engine import text_snippet

    snippet, marks = text_snippet("İstanbul hip clinic reports on the labrum", ("labrum", "istanbul"))
    assert [snippet[s:e] for s, e in marks] == ["İstanbul", "labrum"]
