"""Vancouver and APA strings, author parsing and links, checked against exact expected text."""

from __future__ import annotations

import pytest
import yaml

from hipref.citations import formats
from hipref.citations.formats import Author
from tests.citations.cards import load_cards

GUL_TITLE = (
    "Treatment of Osteoarthritis Secondary to Developmental Dysplasia of the Hip with Prolotherapy "
    "Injection versus a Supervised Progressive Exercise Control"
)
GUL = {
    "title": "Gül 2020: prolotherapy vs exercise in DDH-related OA",
    "citation_title": GUL_TITLE,
    "authors": ["Gül D", "Orsçelik A", "Akpancar S"],
    "journal": "Med Sci Monit",
    "year": 2020,
    "volume": "26",
    "issue": "",
    "pages": "e919166",
    "doi": "10.12659/MSM.919166",
    "pmid": "32045406",
    "pmcid": "PMC7034518",
    "verified": "yes",
    "design": "controlled-trial",
}

NISSEN_TITLE = (
    "Clinicians' beliefs and attitudes to physical activity and exercise therapy as treatment for knee "
    "and/or hip osteoarthritis: a scoping review"
)
NISSEN = {
    "title": "Nissen 2022: clinicians' beliefs about exercise therapy",
    "citation_title": NISSEN_TITLE,
    "authors": ["Nissen N", "Holm PM", "Bricca A", "Dideriksen M", "Tang LH", "Skou ST"],
    "journal": "Osteoarthritis and Cartilage",
    "year": "2022",
    "month": "",
    "volume": "30",
    "issue": "2",
    "pages": "260-269",
    "doi": "10.1016/j.joca.2021.11.008",
    "pmid": "",
    "verified": "partial",
}

TEIRLINCK_TITLE = (
    "Responders to Exercise Therapy in Patients with Osteoarthritis of the Hip: A Systematic Review and Meta-Analysis"
)
TEIRLINCK = {
    "title": "Teirlinck 2020: responders to exercise therapy in hip OA",
    "citation_title": TEIRLINCK_TITLE,
    "authors": [
        "Teirlinck CH",
        "Verhagen AP",
        "Reijneveld EAE",
        "Runhaar J",
        "van Middelkoop M",
        "van Ravesteyn LM",
        "Hermsen L",
        "de Groot IB",
        "Bierma-Zeinstra SMA",
    ],
    "journal": "International Journal of Environmental Research and Public Health",
    "year": 2020,
    "month": "Oct",
    "volume": "17",
    "issue": "20",
    "pages": "7380",
    "doi": "10.3390/ijerph17207380",
    "pmid": "",
    "verified": "partial",
}

PIEROH_TITLE = (
    "The Stress-Strain Data of the Hip Capsule Ligaments Are Gender and Side Independent Suggesting a "
    "Smaller Contribution to Passive Stiffness"
)
PIEROH = {
    "title": "Pieroh 2016: stress-strain data of the hip capsule ligaments (cadaveric)",
    "citation_title": PIEROH_TITLE,
    "authors": [],
    "journal": "PLoS ONE",
    "year": 2016,
    "month": "Sep",
    "volume": "11",
    "issue": "9",
    "pages": "e0163306",
    "doi": "10.1371/journal.pone.0163306",
    "pmid": "27685452",
    "verified": "partial",
}

BIELER_AS_CITED = (
    "Bieler T, Siersma V, Magnusson SP, Kjaer M, Beyer N. Exercise induced effects on muscle function and range "
    "of motion in patients with hip osteoarthritis. Physiotherapy Research International. 2017 Oct 3."
)
BIELER = {
    "title": "Bieler 2017 (as cited; paper not found): exercise and muscle function in hip OA",
    "citation_title": "",
    "authors": [],
    "journal": "",
    "year": "",
    "doi": "",
    "as_cited": BIELER_AS_CITED,
    "verified": "no",
    "design": "unverified",
}


CARDS = load_cards() or [GUL, NISSEN, TEIRLINCK, PIEROH, BIELER]


# Exact strings -------------------------------------------------------------------------


def test_vancouver_matches_icmje_example():
    assert formats.vancouver(GUL) == (
        f"Gül D, Orsçelik A, Akpancar S. {GUL_TITLE}. Med Sci Monit. 2020;26:e919166. doi:10.12659/MSM.919166"
    )


def test_apa_matches_apa7_example():
    assert formats.apa(GUL) == (
        f"Gül, D., Orsçelik, A., & Akpancar, S. (2020). {GUL_TITLE}. Med Sci Monit, 26, e919166. "
        "https://doi.org/10.12659/MSM.919166"
    )


def test_vancouver_with_issue_and_page_range():
    assert formats.vancouver(NISSEN) == (
        f"Nissen N, Holm PM, Bricca A, Dideriksen M, Tang LH, Skou ST. {NISSEN_TITLE}. "
        "Osteoarthritis and Cartilage. 2022;30(2):260-269. doi:10.1016/j.joca.2021.11.008"
    )


def test_apa_with_issue_and_page_range_uses_en_dash():
    assert formats.apa(NISSEN) == (
        f"Nissen, N., Holm, P. M., Bricca, A., Dideriksen, M., Tang, L. H., & Skou, S. T. (2022). {NISSEN_TITLE}. "
        "Osteoarthritis and Cartilage, 30(2), 260–269. https://doi.org/10.1016/j.joca.2021.11.008"
    )


def test_vancouver_includes_month_abbreviation_and_stops_at_six_authors():
    assert formats.vancouver(TEIRLINCK) == (
        "Teirlinck CH, Verhagen AP, Reijneveld EAE, Runhaar J, van Middelkoop M, van Ravesteyn LM, et al. "
        f"{TEIRLINCK_TITLE}. International Journal of Environmental Research and Public Health. "
        "2020 Oct;17(20):7380. doi:10.3390/ijerph17207380"
    )


def test_apa_lists_all_authors_up_to_twenty():
    assert formats.apa(TEIRLINCK) == (
        "Teirlinck, C. H., Verhagen, A. P., Reijneveld, E. A. E., Runhaar, J., van Middelkoop, M., "
        "van Ravesteyn, L. M., Hermsen, L., de Groot, I. B., & Bierma-Zeinstra, S. M. A. (2020). "
        f"{TEIRLINCK_TITLE}. International Journal of Environmental Research and Public Health, 17(20), 7380. "
        "https://doi.org/10.3390/ijerph17207380"
    )


def test_exactly_six_authors_are_all_listed():
    six = formats.vancouver(NISSEN)
    assert "et al" not in six
    assert six.startswith("Nissen N, Holm PM, Bricca A, Dideriksen M, Tang LH, Skou ST. ")


def test_seven_authors_become_six_and_et_al():
    study = {**NISSEN, "authors": [*NISSEN["authors"], "Wolfskämpf T"]}
    assert formats.vancouver(study).startswith("Nissen N, Holm PM, Bricca A, Dideriksen M, Tang LH, Skou ST, et al. ")


def test_apa_two_authors_and_one_author():
    two = {**GUL, "authors": ["Gül D", "Orsçelik A"]}
    one = {**GUL, "authors": ["Gül D"]}
    assert formats.apa(two).startswith("Gül, D., & Orsçelik, A. (2020). Treatment")
    assert formats.apa(one).startswith("Gül, D. (2020). Treatment")


def test_apa_more_than_twenty_authors_keeps_nineteen_then_the_last():
    names = [f"Author{letter} A" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXY"]  # 25
    text = formats.apa({**GUL, "authors": names})
    first_nineteen = ", ".join(f"Author{letter}, A." for letter in "ABCDEFGHIJKLMNOPQRS")
    assert text.startswith(f"{first_nineteen}, . . . AuthorY, A. (2020). ")
    assert "AuthorT" not in text and "&" not in text


def test_utf8_names_are_kept_as_written():
    study = {**GUL, "authors": ["Wolfskämpf T", "Böhme J", "Gül D", "Orsçelik A"]}
    assert formats.vancouver(study).startswith("Wolfskämpf T, Böhme J, Gül D, Orsçelik A. ")
    assert formats.apa(study).startswith("Wolfskämpf, T., Böhme, J., Gül, D., & Orsçelik, A. (2020). ")


# Missing fields ------------------------------------------------------------------------


def test_no_doi_ends_after_the_pages():
    study = {**GUL, "doi": ""}
    assert formats.vancouver(study).endswith("Med Sci Monit. 2020;26:e919166.")
    assert formats.apa(study).endswith("Med Sci Monit, 26, e919166.")
    assert formats.doi_url(study) is None


def test_no_authors_starts_with_the_title():
    assert formats.vancouver(PIEROH) == (
        f"{PIEROH_TITLE}. PLoS ONE. 2016 Sep;11(9):e0163306. doi:10.1371/journal.pone.0163306"
    )
    assert formats.apa(PIEROH) == (
        f"{PIEROH_TITLE}. (2016). PLoS ONE, 11(9), e0163306. https://doi.org/10.1371/journal.pone.0163306"
    )


def test_no_volume_issue_or_pages():
    study = {**GUL, "volume": "", "pages": None}
    assert formats.vancouver(study).endswith(f"{GUL_TITLE}. Med Sci Monit. 2020. doi:10.12659/MSM.919166")
    assert formats.apa(study).endswith(f"{GUL_TITLE}. Med Sci Monit. https://doi.org/10.12659/MSM.919166")


def test_pages_without_volume_and_volume_without_year():
    assert "Med Sci Monit. 2020:e919166." in formats.vancouver({**GUL, "volume": ""})
    assert "Med Sci Monit. 26:e919166." in formats.vancouver({**GUL, "year": ""})


def test_issue_without_volume_keeps_nlm_form():
    assert "Med Sci Monit. 2020;(4):e919166." in formats.vancouver({**GUL, "volume": "", "issue": "4"})


def test_apa_without_year_says_no_date():
    assert formats.apa({**GUL, "year": None}).startswith("Gül, D., Orsçelik, A., & Akpancar, S. (n.d.). ")


def test_missing_keys_are_skipped_without_none_or_dangling_punctuation():
    for key in GUL:
        study = {name: value for name, value in GUL.items() if name != key}
        for text in (formats.vancouver(study), formats.apa(study)):
            assert "None" not in text
            assert ".." not in text and ";:" not in text and " ." not in text and ",," not in text
            assert not text.startswith((".", ",", ";", ":", " "))


def test_an_empty_card_gives_empty_vancouver_and_no_links():
    assert formats.vancouver({}) == ""
    assert formats.apa({}) == "(n.d.)."
    assert formats.doi_url({}) is None
    assert formats.pubmed_url({}) is None


def test_placeholders_for_unverified_values_are_not_printed():
    study = {**GUL, "volume": "UNVERIFIED", "issue": "n/a"}
    assert "Med Sci Monit. 2020:e919166." in formats.vancouver(study)
    assert "UNVERIFIED" not in formats.apa(study)


def test_display_title_is_never_used_as_the_paper_title():
    study = {**GUL, "citation_title": ""}
    for text in (formats.vancouver(study), formats.apa(study)):
        assert GUL["title"] not in text
        assert "prolotherapy vs exercise" not in text


def test_elided_and_dashed_page_ranges():
    svege = {**GUL, "year": 2016, "volume": "96", "issue": "6", "pages": "818-27"}
    assert "2016;96(6):818-827." in formats.vancouver(svege)
    assert "14, 121–132." in formats.apa({**GUL, "volume": "14", "pages": "121–132"})


# Unverified papers ---------------------------------------------------------------------


def test_unverified_paper_falls_back_to_the_cited_line_verbatim():
    assert formats.vancouver(BIELER) == f"{BIELER_AS_CITED} [citation not verified]"
    assert formats.apa(BIELER) == f"{BIELER_AS_CITED} [citation not verified]"


def test_unverified_ignores_fields_and_display_title():
    study = {**BIELER, "citation_title": "Something else", "journal": "Other Journal"}
    assert formats.vancouver(study) == f"{BIELER_AS_CITED} [citation not verified]"
    assert "as cited; paper not found" not in formats.apa(study)


def test_yaml_boolean_no_counts_as_unverified():
    study = {**BIELER, "verified": yaml.safe_load("verified: no")["verified"]}
    assert study["verified"] is False
    assert formats.vancouver(study).endswith("[citation not verified]")


def test_unverified_without_a_cited_line_still_says_so():
    assert formats.vancouver({"verified": "no"}) == "[citation not verified]"
    assert formats.apa({**GUL, "verified": "no", "as_cited": ""}).endswith(
        "https://doi.org/10.12659/MSM.919166 [citation not verified]"
    )


def test_partial_and_missing_verified_are_formatted_from_fields():
    for value in ("partial", "yes", None, ""):
        assert "[citation not verified]" not in formats.vancouver({**GUL, "verified": value})


# Links ---------------------------------------------------------------------------------


def test_links():
    assert formats.doi_url(GUL) == "https://doi.org/10.12659/MSM.919166"
    assert formats.pubmed_url(GUL) == "https://pubmed.ncbi.nlm.nih.gov/32045406/"


@pytest.mark.parametrize(
    "value", ["10.12659/MSM.919166", " doi:10.12659/MSM.919166 ", "https://doi.org/10.12659/MSM.919166"]
)
def test_doi_prefixes_are_not_doubled(value):
    study = {"doi": value}
    assert formats.doi_url(study) == "https://doi.org/10.12659/MSM.919166"
    assert formats.vancouver(study) == "doi:10.12659/MSM.919166"


def test_doi_url_escapes_url_delimiters():
    url = formats.doi_url({"doi": "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0#x"})
    assert url == "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO%3B2-0%23x"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (32045406, "https://pubmed.ncbi.nlm.nih.gov/32045406/"),
        ("PMID: 32045406", "https://pubmed.ncbi.nlm.nih.gov/32045406/"),
        ("", None),
        ("UNVERIFIED", None),
        ("32045406; 123", None),
        ("٣٢٠", None),
    ],
)
def test_pubmed_url_only_for_a_numeric_pmid(value, expected):
    assert formats.pubmed_url({"pmid": value}) == expected


# Parts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "family", "initials", "vancouver", "apa"),
    [
        ("Gül D", "Gül", "D", "Gül D", "Gül, D."),
        ("Rostron ZPJ", "Rostron", "ZPJ", "Rostron ZPJ", "Rostron, Z. P. J."),
        ("van Middelkoop M", "van Middelkoop", "M", "van Middelkoop M", "van Middelkoop, M."),
        ("de Groot IB", "de Groot", "IB", "de Groot IB", "de Groot, I. B."),
        ("Steilen-Matias D", "Steilen-Matias", "D", "Steilen-Matias D", "Steilen-Matias, D."),
        ("Bierma-Zeinstra SMA", "Bierma-Zeinstra", "SMA", "Bierma-Zeinstra SMA", "Bierma-Zeinstra, S. M. A."),
        ("Wolfskämpf T", "Wolfskämpf", "T", "Wolfskämpf T", "Wolfskämpf, T."),
        ("Loureiro A.", "Loureiro", "A", "Loureiro A", "Loureiro, A."),
        ("Dupont J-P", "Dupont", "J-P", "Dupont JP", "Dupont, J.-P."),
        ("  Skou   ST ", "Skou", "ST", "Skou ST", "Skou, S. T."),
        ("Ørsted HC", "Ørsted", "HC", "Ørsted HC", "Ørsted, H. C."),
        ("OARSI Guidelines Group", "OARSI Guidelines Group", "", "OARSI Guidelines Group", "OARSI Guidelines Group"),
        ("Hammer", "Hammer", "", "Hammer", "Hammer"),
        ("Holm pm", "Holm pm", "", "Holm pm", "Holm pm"),
        ("Tang L2", "Tang L2", "", "Tang L2", "Tang L2"),
    ],
)
def test_parse_author(name, family, initials, vancouver, apa):
    author = formats.parse_author(name)
    assert author == Author(family, initials)
    assert author.vancouver == vancouver
    assert author.apa == apa


@pytest.mark.parametrize("name", [None, "", "   ", "UNVERIFIED"])
def test_parse_author_empty(name):
    assert formats.parse_author(name) is None


def test_authors_skip_empty_entries_and_accept_a_string():
    gul, akpancar = Author("Gül", "D"), Author("Akpancar", "S")
    assert formats.authors({"authors": ["Gül D", "", None, "Akpancar S"]}) == [gul, akpancar]
    assert formats.authors({"authors": "Gül D, Orsçelik A"}) == [Author("Gül", "D"), Author("Orsçelik", "A")]
    assert formats.authors({"authors": None}) == []
    assert formats.authors({"authors": 3}) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2, 2), ("02", 2), ("Feb", 2), ("february", 2), ("Sept.", 9), ("Dec", 12), (13, None), ("Jul-Aug", None)]
    + [("", None), (None, None), (True, None), ("13", None)],
)
def test_month_number(value, expected):
    assert formats.month_number(value) == expected


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ("121-132", ("121", "132")),
        ("121–132", ("121", "132")),
        ("121--132", ("121", "132")),
        ("818-27", ("818", "827")),
        ("e919166", ("e919166", "")),
        ("1251", ("1251", "")),
        ("", ("", "")),
        ("121-5, 130", ("121-5, 130", "")),
    ],
)
def test_page_range(pages, expected):
    assert formats.page_range(pages) == expected


def test_clean_tidies_whitespace_and_drops_control_characters():
    assert formats.clean(" a\n b\tc\u2028d\x00e ") == "a b c de"
    assert formats.clean("Gu\u0308l") == "Gül"  # decomposed umlaut composed, so names compare and print alike
    assert formats.clean(2020) == "2020"
    assert formats.clean(False) == ""
    assert formats.clean({"a": 1}) == ""


# Real cards ----------------------------------------------------------------------------


@pytest.mark.parametrize("card", CARDS, ids=lambda card: str(card.get("ref", card.get("title"))))
def test_every_card_formats_cleanly(card):
    for text in (formats.vancouver(card), formats.apa(card)):
        assert text and "None" not in text and ".." not in text
        assert card["title"] not in text
        if formats.is_unverified(card):
            assert text == f"{card['as_cited']} [citation not verified]"
        else:
            assert card["citation_title"] in text
            if card.get("doi"):
                assert card["doi"] in text
