"""Pages carry an outline of their sections, a compact line of linked entries near the top,
reference numbers linked to the study cards they cite, and the searched words lit everywhere."""

from __future__ import annotations

import re

import markdown
import pytest

from hipref.render.outline import section
from hipref.render.page import PageContext, render_page
from hipref.render.reference_links import Reference, ReferenceLinkExtension, source_references
from hipref.store.content_store import ContentStore


@pytest.fixture
def store(fixture_db):
    with ContentStore.open(fixture_db) as opened:
        yield opened


def references(store: ContentStore, source_ref: str) -> dict[int, Reference]:
    studies = [store.get_ref(e.ref) for e in store.list_entries("study")]
    return source_references(source_ref, studies)


def test_a_study_card_outline_names_its_sections_in_page_order(store):
    page = render_page(store.get_ref("study/gul-2020"))
    labels = [s.label for s in page.outline]
    assert labels == [
        "Bottom line",
        "In plain words",
        "Citation",
        "What the study reports",
        "How the source uses it",
        "Linked entries",
    ]
    positions = [page.html.index(f'<a name="{s.anchor}"></a>') for s in page.outline]
    assert positions == sorted(positions)
    jump_line = page.html[: positions[0]]
    for target in page.outline:
        assert f'href="#{target.anchor}"' in jump_line


def test_linked_entries_appear_near_the_top_as_well_as_at_the_end(store):
    detail = store.get_ref("excerpt/02-first")
    page = render_page(detail).html
    top = page[: page.index('<a name="s-excerpt">')]
    for link in detail.links:
        assert f'href="hipref:{link.ref}"' in top
    assert page.count('href="hipref:structure/hip-labrum"') == 2


def test_a_short_page_has_no_jump_line_but_still_an_outline(store):
    page = render_page(store.get_ref("term/enthesis"))
    assert "On this page" not in page.html
    assert [s.label for s in page.outline] == ["In plain words", "Linked entries"]


def test_anchors_stay_unique_when_labels_repeat():
    first = section("Details")
    assert section("Details", [first]).anchor == "s-details-2"


def test_a_reference_number_in_an_excerpt_links_to_its_study_with_the_citation(store):
    refs = references(store, "source/mini")
    assert set(refs) == {9}
    page = render_page(store.get_ref("excerpt/01-intro"), PageContext(references=refs)).html
    link = re.search(r'<a href="hipref:study/gul-2020" title="([^"]+)">\(9\)</a>', page)
    assert link and "Gül D" in link.group(1) and "Med Sci Monit" in link.group(1)


def test_references_belong_to_the_excerpts_own_source(store):
    """The leaflet's study 1 is not the article's reference 1."""
    assert set(references(store, "source/leaflet")) == {1}
    assert references(store, "source/leaflet")[1].ref == "study/example-2023"


def test_only_bracketed_numbers_of_known_references_are_linked():
    refs = {4: Reference(4, "study/teirlinck-2020", "Teirlinck CH. 2020.")}
    html = markdown.markdown(
        "A study (4) and Nineteen (19) people; volume 27(4) and **bold (4)** and `code (4)`.",
        extensions=[ReferenceLinkExtension(refs)],
    )
    assert html.count('href="hipref:study/teirlinck-2020"') == 2
    assert "Nineteen (19)" in html and "27(4)" in html and "<code>code (4)</code>" in html


def test_a_study_does_not_link_to_itself():
    refs = {7: Reference(7, "study/pieroh-2016", "Pieroh P. 2016.")}
    html = markdown.markdown("journal PLusOne.(7)", extensions=[ReferenceLinkExtension(refs, "study/pieroh-2016")])
    assert "href" not in html


@pytest.mark.parametrize("ref", ["study/gul-2020", "condition/hip-osteoarthritis", "term/enthesis", "excerpt/02-first"])
def test_searched_words_are_lit_in_every_entry_type(store, ref):
    detail = store.get_ref(ref)
    word = {
        "study/gul-2020": "prolotherapy",
        "condition/hip-osteoarthritis": "cartilage",
        "term/enthesis": "tendon",
        "excerpt/02-first": "labrum",
    }[ref]
    page = render_page(detail, PageContext(highlight=(word,))).html
    lit = re.findall(r'<span class="hit"[^>]*>([^<]+)</span>', page)
    assert lit and all(w.lower().startswith(word) for w in lit)


def test_long_titles_are_cut_in_the_linked_strip_only():
    from hipref.render.outline import short_title

    title = "Prolotherapy, more effective for patients who developed osteoarthritis than surgery"
    assert short_title(title) == "Prolotherapy, more effective for…"
    assert short_title("Hip labrum") == "Hip labrum"


def test_a_source_with_many_excerpts_lists_the_first_and_says_where_the_rest_are():
    from hipref.render.outline import STRIP_PER_TYPE
    from hipref.render.page import LINKS_PER_GROUP
    from hipref.store.records import EntryDetail, LinkedEntry

    excerpts = tuple(
        LinkedEntry("excerpt", f"part-{n}", f"Part {n} of the article", "excerpt", n) for n in range(1, 1201)
    )
    condition = LinkedEntry("condition", "hip-pain", "Hip pain", "discussed")
    detail = EntryDetail(1, "source", "article", "The article", (), "Summary.", "", "", {}, 0, (*excerpts, condition))
    page = render_page(detail).html
    top, end = page.split("<h2>", 1)[0], page.rsplit("Linked entries", 1)[1]

    listed = re.findall(r'<li><a href="hipref:(excerpt/part-\d+)"', end)
    assert listed == [f"excerpt/part-{n}" for n in range(1, LINKS_PER_GROUP + 1)]
    assert f"The first {LINKS_PER_GROUP} of 1,200 excerpts" in end
    assert "the browse pane lists every one, under Article excerpts" in end
    assert '<a href="hipref:condition/hip-pain">Hip pain</a>' in end

    named = re.findall(r'href="hipref:(excerpt/part-\d+)"', top)
    assert named == [f"excerpt/part-{n}" for n in range(1, STRIP_PER_TYPE + 1)]
    assert f"{1200 - STRIP_PER_TYPE:,} more" in top
    assert 'href="hipref:condition/hip-pain"' in top


def test_a_conversion_cut_short_leaves_later_pages_as_they_would_be():
    from hipref.render.page import md

    refs = {9: Reference(9, "study/gul-2020", "Gül D, et al. Med Sci Monit. 2020.")}
    text = "Walking helped (9).\n\n- Rest did not."
    fresh = md(text, ("walk",), references=refs)
    assert 'href="hipref:study/gul-2020"' in fresh and 'class="hit"' in fresh and "<li>" in fresh
    nested = "".join("    " * depth + "- x\n" for depth in range(300))

    def fail_at(depth: int) -> None:  # the list runs out of stack at a different level each time
        if depth:
            fail_at(depth - 1)
            return
        with pytest.raises(RecursionError):
            md(nested)

    for depth in range(4):
        fail_at(depth)
        assert md(text, ("walk",), references=refs) == fresh


def test_the_linked_strip_names_a_few_of_each_type_and_links_to_the_rest():
    from hipref.render.outline import STRIP_PER_TYPE
    from hipref.store.records import EntryDetail, LinkedEntry

    treatments = tuple(LinkedEntry("treatment", f"t-{n}", f"Treatment {n}", "treated by", n) for n in range(1, 9))
    site = LinkedEntry("site", "greater-trochanter", "Greater trochanter", "injected at")
    detail = EntryDetail(1, "condition", "c", "C", (), "Summary.", "", "", {}, 0, (site, *treatments))
    rendered = render_page(detail)
    top = rendered.html.split("<h2>", 1)[0]
    strip = top[top.index("Linked:") :]
    shown = [f"treatment/t-{n}" for n in range(1, STRIP_PER_TYPE + 1)]
    assert re.findall(r'href="hipref:(treatment/t-\d+)"', strip) == shown
    assert 'href="hipref:site/greater-trochanter"' in strip
    (rest,) = re.findall(rf'<a href="(#[^"]+)" title="([^"]+)">{8 - STRIP_PER_TYPE} more</a>', strip)
    linked = [s for s in rendered.outline if s.label == "Linked entries"]
    assert rest == (f"#{linked[0].anchor}", "All 8 linked: Treatments, under Linked entries")
