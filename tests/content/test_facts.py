"""The shipped content: every named entity present, and the key facts as verified."""

from __future__ import annotations

import pytest

COUNTS = {
    "condition": 17,
    "structure": 28,
    "site": 4,
    "treatment": 32,
    "study": 11,
    "excerpt": 19,
    "term": 23,
    "source": 1,
    "context": 4,
}


def test_counts_per_type(opened):
    assert opened.counts() == COUNTS


@pytest.mark.parametrize(
    "ref",
    [
        "condition/hip-osteoarthritis",
        "condition/femoroacetabular-impingement",
        "condition/hip-labral-tear",
        "condition/developmental-dysplasia-of-the-hip",
        "condition/gluteus-medius-tendinopathy",
        "condition/hip-instability",
        "condition/trochanteric-bursitis",
        "condition/pelvic-floor-dysfunction",
        "condition/ischiofemoral-impingement",
        "condition/iliopsoas-bursitis",
        "condition/tensor-fascia-lata-myofascial-pain",
        "structure/iliofemoral-ligament",
        "structure/pubofemoral-ligament",
        "structure/ischiofemoral-ligament",
        "structure/hip-labrum",
        "structure/hip-capsule",
        "structure/gluteus-medius",
        "structure/gluteus-minimus",
        "structure/piriformis",
        "structure/obturator-muscles",
        "structure/greater-trochanter",
        "site/anterior-hip",
        "site/greater-trochanter-area",
        "site/intra-articular",
        "site/posterior-hip",
        "treatment/prolotherapy",
        "treatment/nsaids",
        "treatment/cortisone-injections",
        "treatment/chiropractic-care",
        "treatment/massage",
        "treatment/tens",
        "treatment/compression-supports",
        "treatment/nordic-walking",
        "treatment/hip-arthroscopy",
        "treatment/total-hip-replacement",
        "treatment/swimming",
        "term/enthesis",
        "term/arthroplasty",
        "term/visual-analogue-scale",
        "term/harris-hip-score",
    ],
)
def test_named_entity_present_with_plain_words(opened, ref):
    detail = opened.get_ref(ref)
    assert detail is not None, ref
    if detail.type in ("condition", "structure", "site", "term"):
        assert detail.plain_md.strip()
    assert detail.links, "every entry is linked"


def test_conditions_carry_the_abbreviations_clinicians_type(opened):
    aliases = {
        d: set(opened.get_ref(d).aliases)
        for d in (
            "condition/femoroacetabular-impingement",
            "condition/developmental-dysplasia-of-the-hip",
            "condition/hip-osteoarthritis",
        )
    }
    assert "FAI" in aliases["condition/femoroacetabular-impingement"]
    assert "DDH" in aliases["condition/developmental-dysplasia-of-the-hip"]
    assert "OA" in aliases["condition/hip-osteoarthritis"]


def test_dysplasia_study_card(opened):
    card = opened.get_ref("study/gul-2020")
    f = card.fields
    assert f["doi"] == "10.12659/MSM.919166" and str(f["pmid"]) == "32045406" and f["pmcid"] == "PMC7034518"
    assert f["design"] == "controlled-trial" and f["evidence_level"] == "3"
    for fact in ("41 patients", "46 hips", "20", "21"):
        assert fact in f["n"]
    reports = f["reports"]
    assert "P=0.016" in reports.replace(" ", "") and "P=0.007" in reports.replace(" ", "")
    assert "no surgical arm" in (f["compared"] + f["discrepancies"]).lower()
    assert "randomis" in reports.lower()


def test_teirlinck_card_corrects_the_fourteen_percent_reading(opened):
    f = opened.get_ref("study/teirlinck-2020").fields
    assert "RD 0.14" in f["reports"] or "RD) 0.14" in f["reports"]
    assert "difference" in f["discrepancies"] and "not a chart review" in f["discrepancies"]
    assert f["pmid"] == ""  # unverified, so left empty


def test_unverified_paper_is_marked_and_left_empty(opened):
    f = opened.get_ref("study/bieler-2017").fields
    assert f["verified"] == "no" and f["design"] == "unverified"
    assert not f.get("doi") and not f.get("pmid") and not f.get("journal")
    assert "152" in f["n"]


def test_every_study_has_design_n_evidence_and_both_sides(opened):
    for entry in opened.list_entries("study"):
        f = opened.get_ref(entry.ref).fields
        assert f["design"] and f["n"] and f["evidence_scale"].startswith("Oxford CEBM 2011")
        assert f["reports"].strip() and f["article_use"].strip()
        assert f["reports"] != f["article_use"]


def test_source_discloses_the_prolotherapy_clinic(opened):
    source = opened.get_ref("source/hauser-2022")
    assert "prolotherapy" in source.fields["disclosure"].lower()
    assert source.fields["publisher"] == "Caring Medical"
