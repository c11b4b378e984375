"""Context beyond the article: kept apart, labelled, and every source carrying a checked identifier."""

from __future__ import annotations

import re

from hipref.render.page import render_entry


def linked(store, ref: str) -> set[str]:
    return {link.ref for link in store.get_ref(ref).links}


def test_every_context_source_shows_a_checked_doi_or_pmid(opened):
    entries = opened.list_entries("context")
    assert {e.slug for e in entries} == {"svege-2015", "fransen-2014", "oarsi-2019", "nice-ng226"}
    for entry in entries:
        f = opened.get_ref(entry.ref).fields
        assert f.get("doi") or f.get("pmid"), entry.ref
        assert f["checked"].strip() and f["citation"].strip()


def test_svege_2015_as_checked_and_linked_from_the_trial_and_hip_oa(opened):
    f = opened.get_ref("context/svege-2015").fields
    assert (f["doi"], f["pmid"], f["pmcid"]) == ("10.1136/annrheumdis-2013-203628", "24255546", "PMC4283660")
    assert "22" in f["reports"] and "31" in f["reports"] and "41% with exercise vs 25%" in f["reports"]
    assert "context/svege-2015" in linked(opened, "study/svege-2016")
    assert "context/svege-2015" in linked(opened, "condition/hip-osteoarthritis")


def test_fransen_pmid_was_not_checked_so_it_is_left_out(opened):
    f = opened.get_ref("context/fransen-2014").fields
    assert f["doi"] == "10.1002/14651858.CD007912.pub2" and not f.get("pmid")


def test_hip_oa_keeps_context_in_its_own_labelled_section_with_identifiers(opened):
    detail = opened.get_ref("condition/hip-osteoarthritis")
    body = detail.body_md
    article, beyond = body.split("## Beyond the article")
    assert "Svege 2015" not in article and "Fransen" not in article
    for identifier in (
        "10.1136/annrheumdis-2013-203628",
        "24255546",
        "10.1002/14651858.CD007912.pub2",
        "10.1016/j.joca.2019.06.011",
        "36745715",
    ):
        assert identifier in " ".join(beyond.split()).replace("PMID ", "")
    table = detail.fields["provenance"]["Beyond the article"]
    assert {"context/svege-2015", "context/fransen-2014", "context/oarsi-2019", "context/nice-ng226"} <= set(table)
    page = render_entry(detail)
    assert re.search(r'<h2>(<a name="[^"]+"></a>)?Beyond the article</h2>', page)


def test_context_page_says_the_article_does_not_cite_it(opened):
    page = render_entry(opened.get_ref("context/svege-2015"))
    assert "the article does not cite this source" in page
    assert 'href="https://doi.org/10.1136/annrheumdis-2013-203628"' in page


def test_greater_trochanteric_pain_syndrome_links_both_conditions(opened):
    refs = linked(opened, "term/greater-trochanteric-pain-syndrome")
    assert {"condition/gluteus-medius-tendinopathy", "condition/trochanteric-bursitis"} <= refs
    detail = opened.get_ref("term/greater-trochanteric-pain-syndrome")
    assert "GTPS" in detail.aliases
    assert set(detail.fields["provenance"]["plain"]) == {"general"}
