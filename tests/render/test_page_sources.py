"""Pages name the source an excerpt or study card comes from, read from the entry."""

from __future__ import annotations

import re

import pytest

from hipref.render.page import render_entry
from hipref.store.content_store import ContentStore


@pytest.fixture
def fixture(fixture_db):
    with ContentStore.open(fixture_db) as store:
        yield store


def text_of(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", page).split())


@pytest.mark.parametrize(
    ("ref", "title", "disclosure", "other"),
    [
        (
            "excerpt/leaflet-02-rest",
            "Stiff hips in the morning: a made-up leaflet",
            "Invented for the tests by a made-up physiotherapy group.",
            "clinic that offers prolotherapy",
        ),
        (
            "excerpt/02-first",
            "A tiny article about hip pain",
            "Written by a clinic that offers prolotherapy.",
            "made-up",
        ),
    ],
)
def test_an_excerpt_says_where_it_sits_in_its_own_source(fixture, ref, title, disclosure, other):
    detail = fixture.get_ref(ref)
    page = render_entry(detail)
    text = text_of(page)
    assert f"Section 2 of 2 of {title}. Quoted verbatim. {disclosure}" in text
    assert f'href="hipref:{detail.source.ref}"' in page
    assert other not in text
    assert "It sells nothing" not in text, "the provenance line keeps to the disclosure's first sentence"


@pytest.mark.parametrize(
    ("ref", "title", "other"),
    [
        ("study/example-2023", "Stiff hips in the morning: a made-up leaflet", "A tiny article"),
        ("study/gul-2020", "A tiny article about hip pain", "made-up leaflet"),
    ],
)
def test_a_study_card_names_the_source_that_uses_it(fixture, ref, title, other):
    detail = fixture.get_ref(ref)
    text = text_of(render_entry(detail))
    use = text.index("HOW THE SOURCE USES IT")
    assert text.index(f"Source: {title}.") > use
    assert other not in text


def test_a_handout_names_its_entry_source_or_else_every_source(fixture):
    from hipref.ui.handout import handout_html
    from hipref.ui.teaching import source_line

    leaflet = source_line(fixture, fixture.get_ref("excerpt/leaflet-01-suggest"))
    assert leaflet == (
        "“Stiff hips in the morning: a made-up leaflet”, Nobody Real (Imaginary Physio Group, 2023)."
        " Invented for the tests by a made-up physiotherapy group."
    )
    condition = fixture.get_ref("condition/hip-osteoarthritis")
    both = source_line(fixture, condition)
    assert "A tiny article about hip pain" in both and "made-up leaflet" in both
    page = text_of(handout_html(condition, [], both))
    assert f"Source: {both}" in page and "offers prolotherapy" in page and "sells nothing" not in page


def test_a_structure_page_names_its_kind_in_the_singular(fixture):
    page = render_entry(fixture.get_ref("structure/iliofemoral-ligament"))
    kind = re.search(r"<b>Kind</b></td><td[^>]*>([^<]*)</td>", page)
    assert kind and kind.group(1) == "Ligament"
