"""The evidence review's corrections, pinned on the shipped content."""

from __future__ import annotations

import pytest

from hipref.content.evidence import statistics_in
from hipref.render.page import render_plain


def card(store, slug: str) -> dict:
    return store.get_ref(f"study/{slug}").fields


def whole(store, ref: str) -> str:
    detail = store.get_ref(ref)
    return "\n".join([detail.summary_md, detail.plain_md, detail.body_md, *map(str, detail.fields.values())])


def test_pieroh_counts_only_the_sexes_as_inconsistent(opened):
    f = card(opened, "pieroh-2016")
    assert "do not add up to 17" not in f["reports"]
    assert "9 female + 7 male" in f["reports"] and "16, not 17" in f["reports"]
    assert "21 sides from 17 donors" in f["reports"] and "some donors gave both sides" in f["reports"]
    assert "are not inconsistent" in f["reports"]


def test_pieroh_bullets_are_distorted_paraphrases_of_the_background(opened):
    differs = card(opened, "pieroh-2016")["discrepancies"]
    assert "distorted paraphrases of the abstract's Background" in differs
    assert '"Side-specific" (left versus right) became' in differs
    assert "are not in the abstract" not in differs


def test_bieler_no_difference_is_not_no_effect(opened):
    differs = card(opened, "bieler-2017")["discrepancies"]
    assert '"No difference between groups" is not "no effect"' in differs
    assert "no untreated arm" in differs


def test_svege_2016_group_difference_is_not_nobody_improved(opened):
    differs = card(opened, "svege-2016")["discrepancies"]
    assert '"nobody improved"' in differs and "*group difference*" in differs


@pytest.mark.parametrize(
    "ref", ["study/semciw-2018", "treatment/gluteal-exercise-programme", "treatment/physical-therapy"]
)
def test_cochrane_statement_keeps_high_quality_for_pain_and_function(opened, ref):
    text = " ".join(whole(opened, ref).split())
    assert "high-quality evidence from Cochrane" in text
    assert "low-quality evidence" in text and "quality of life" in text
    assert "no benefit on quality of life (low-quality evidence)" not in text


def test_gul_reports_every_time_point_and_the_crowe_comparison(opened):
    f = card(opened, "gul-2020")
    assert "3 weeks" in f["reports"] and "3 months" in f["reports"]
    assert "no between-group results for those time points" in f["reports"]
    assert "Crowe type I–IV" in f["reports"]
    assert "3 weeks, 3 months, 6 months" in f["outcomes"]


def test_loureiro_2019_says_nothing_about_fat_but_keeps_the_weight(opened):
    text = whole(opened, "study/loureiro-2019")
    assert "no significant increase in fat" not in text.lower()
    assert "says nothing about a change in fat" in text
    assert "73.2" in text and "72.7" in text


def test_rostron_has_one_consistent_date(opened):
    from hipref.citations.formats import vancouver

    f = card(opened, "rostron-2021")
    assert f["month"] == "Dec" and (f["volume"], f["issue"]) == ("10", "12")
    assert "2021 Dec;10(12):1251" in vancouver({**f, "title": "x"})
    assert "published online on 30 November 2021" in opened.get_ref("study/rostron-2021").body_md


@pytest.mark.parametrize(
    ("slug", "level", "question", "words"),
    [
        ("rostron-2021", "1", "treatment-benefits", "systematic review"),
        ("teirlinck-2020", "1", "treatment-benefits", "systematic review"),
        ("svege-2016", "2", "treatment-benefits", "randomised"),
        ("gul-2020", "3", "treatment-benefits", "does not state randomisation"),
        ("loureiro-2019", "3", "prognosis", "cohort"),
        ("loureiro-2018", "n/a", "not-graded", "one point in time"),
        ("pieroh-2016", "n/a", "not-graded", "biomechanical, not clinical evidence"),
        ("buzin-2022", "n/a", "not-graded", "narrative review"),
        ("nissen-2022", "n/a", "not-graded", "qualitative"),
        ("semciw-2018", "n/a", "not-graded", "no results"),
        ("bieler-2017", "n/a", "not-graded", "could not be found"),
    ],
)
def test_each_study_is_graded_on_the_question_it_answers(opened, slug, level, question, words):
    f = card(opened, slug)
    assert (f["evidence_level"], f["evidence_question"]) == (level, question)
    assert words in f["evidence_note"]


def test_rostron_shows_its_own_grade_certainty_beside_the_level(opened):
    from hipref.render.page import render_entry

    f = card(opened, "rostron-2021")
    assert "GRADE" in f["certainty"] and "low certainty" in f["certainty"]
    page = render_entry(opened.get_ref("study/rostron-2021"))
    assert page.index("Level 1") < page.index("low certainty for its one positive pooled result")


@pytest.mark.parametrize(
    "ref",
    [
        "term/proximal-femoral-epiphysis",
        "structure/femoral-head",
        "condition/femoroacetabular-impingement",
        "study/buzin-2022",
    ],
)
def test_epiphysis_is_the_end_segment_and_the_physis_is_the_growth_region(opened, ref):
    text = " ".join(whole(opened, ref).split())
    assert "growth region of the femoral head" not in text
    assert "its growth region is the proximal femoral epiphysis" not in text
    assert "growth plate" in text
    if ref != "term/proximal-femoral-epiphysis":
        assert "end segment of the femur" in text


def test_ligament_sprain_attributes_the_slow_strain_model_to_the_article(opened):
    plain = opened.get_ref("condition/hip-ligament-sprain").plain_md
    assert "The article also says ligament damage can build up slowly" in plain
    assert "not an established finding" in plain


def test_dysplasia_plain_words_qualify_injections(opened):
    plain = opened.get_ref("condition/developmental-dysplasia-of-the-hip").plain_md
    assert "exercise, injections or surgery" not in plain
    assert "only one small study" in plain


def test_every_study_has_a_lay_summary_without_statistics(opened):
    for entry in opened.list_entries("study"):
        detail = opened.get_ref(entry.ref)
        assert len(detail.plain_md.split()) >= 30, entry.ref
        assert statistics_in(detail.plain_md) == [], entry.ref
        handout = render_plain(detail)
        assert not any(mark in handout for mark in ("P=", "%", "±", "CI ", "VAS", "HHS")), entry.ref


def test_general_knowledge_is_marked_as_such(opened):
    def provenance(ref: str) -> dict:
        return opened.get_ref(ref).fields["provenance"]

    assert provenance("condition/trochanteric-bursitis")["Beyond the article"] == ["general"]
    assert "general" in provenance("structure/iliopsoas-bursa")["body"]
    assert "general" in provenance("condition/snapping-hip")["summary"]
    for entry in opened.list_entries("structure"):
        table = provenance(entry.ref)
        assert table["location"][0] == "general" and table["function"][0] == "general"
