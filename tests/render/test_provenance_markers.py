"""Each section of a reader page carries a quiet "From:" marker, explained once by a legend."""

from __future__ import annotations

from hipref.render.page import render_entry


def test_condition_sections_name_their_origins_and_the_page_has_a_legend(opened):
    page = render_entry(opened.get_ref("condition/trochanteric-bursitis"))
    assert page.count('">From: ') == 4  # bottom line, plain words, two body sections
    assert "From: general knowledge" in page
    assert "Where the text comes from" in page and "<b>general knowledge</b>" in page


def test_study_origins_link_to_their_cards(opened):
    page = render_entry(opened.get_ref("condition/hip-osteoarthritis"))
    assert '<a href="hipref:study/teirlinck-2020">Teirlinck 2020</a>' in page
    assert '<a href="hipref:context/svege-2015">Svege 2015</a> (beyond the article)' in page


def test_study_card_shows_its_lay_summary_and_marks_its_own_abstract(opened):
    detail = opened.get_ref("study/gul-2020")
    page = render_entry(detail)
    assert "IN PLAIN WORDS" in page and detail.plain_md.split(".")[0] in page
    assert "From: this study&#x27;s abstract" in page or "From: this study's abstract" in page


def test_verbatim_excerpts_carry_no_markers(opened):
    page = render_entry(opened.get_ref("excerpt/01-introduction"))
    assert "From:" not in page and "Where the text comes from" not in page
