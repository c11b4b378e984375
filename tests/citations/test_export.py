"""RIS, BibTeX and CSL-JSON exports, read back with the real parsers (rispy, bibtexparser, json)."""

from __future__ import annotations

import json
import os
import re

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import MonthLongStringMiddleware
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipref.citations import export, formats
from tests.citations.cards import load_cards

GUL = {
    "title": "Gül 2020: prolotherapy vs exercise in DDH-related OA",
    "citation_title": "Treatment of Osteoarthritis Secondary to Developmental Dysplasia of the Hip with "
    "Prolotherapy Injection versus a Supervised Progressive Exercise Control",
    "authors": ["Gül D", "Orsçelik A", "Akpancar S"],
    "journal": "Medical Science Monitor",
    "year": 2020,
    "month": "Feb",
    "volume": "26",
    "issue": "",
    "pages": "e919166",
    "doi": "10.12659/MSM.919166",
    "pmid": "32045406",
    "pmcid": "PMC7034518",
    "verified": "yes",
}
LOUREIRO_2018 = {
    "citation_title": "Individuals with mild-to-moderate hip osteoarthritis have lower limb muscle strength "
    "and volume deficits",
    "authors": ["Loureiro A", "Constantinou M", "Diamond LE", "Beck B", "Barrett R"],
    "journal": "BMC Musculoskeletal Disorders",
    "year": 2018,
    "month": "Aug",
    "volume": "19",
    "pages": "303",
    "doi": "10.1186/s12891-018-2230-4",
    "pmid": "30131064",
    "pmcid": "PMC6103991",
    "verified": "yes",
}
LOUREIRO_2019 = {
    "citation_title": "A 12-month prospective exploratory study of muscle and fat characteristics in individuals "
    "with mild-to-moderate hip osteoarthritis",
    "authors": ["Loureiro A", "Constantinou M", "Beck B", "Barrett RS", "Diamond LE"],
    "journal": "BMC Musculoskeletal Disorders",
    "year": 2019,
    "doi": "10.1186/s12891-019-2668-z",
    "pmid": "31200691",
    "pmcid": "PMC6570923",
    "verified": "partial",
}
BUZIN = {
    "citation_title": "Hip Arthroscopy for Femoroacetabular Impingement-Associated Labral Tears: Current Status "
    "and Future Prospects",
    "authors": ["Buzin S", "Shankar D", "Vasavada K", "Youm T"],
    "journal": "Orthopedic Research and Reviews",
    "year": 2022,
    "month": "Apr",
    "volume": "14",
    "pages": "121-132",
    "doi": "10.2147/ORR.S253762",
    "pmid": "35480069",
    "verified": "partial",
}
BIELER = {
    "title": "Bieler 2017 (as cited; paper not found): exercise and muscle function in hip OA",
    "citation_title": "",
    "authors": [],
    "year": "",
    "as_cited": "Bieler T, Siersma V, Magnusson SP, Kjaer M, Beyer N. Exercise induced effects on muscle function "
    "and range of motion in patients with hip osteoarthritis. Physiotherapy Research International. 2017 Oct 3.",
    "verified": "no",
}


CARDS = load_cards() or [GUL, LOUREIRO_2018, LOUREIRO_2019, BUZIN, BIELER]

_LATEX_UNESCAPES = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}
_LATEX_RE = re.compile("|".join(re.escape(token) for token in _LATEX_UNESCAPES))


def unlatex(text: str) -> str:
    return _LATEX_RE.sub(lambda match: _LATEX_UNESCAPES[match.group()], text)


def parse_bibtex(text: str) -> list[dict[str, str]]:
    """Entries as read back by bibtexparser 2 (enclosing braces removed, months spelled out)."""
    try:
        library = bibtexparser.parse_string(text, append_middleware=[MonthLongStringMiddleware()])
    except ValueError:
        # bibtexparser's month middleware calls int() on any str.isdigit() text, which is also
        # true of "²" or "¹²": a month field hipref writes as plain braced text. Read it as it is.
        library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    return [{"ENTRYTYPE": e.entry_type, "ID": e.key, **{f.key: f.value for f in e.fields}} for e in library.entries]


def bibtex_names(value: str) -> list[str]:
    """Split an author field on " and " outside braces, as BibTeX does."""
    names, depth, start = [], 0, 0
    for index, char in enumerate(value):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and value[index : index + 5].lower() == " and ":
            names.append(value[start:index])
            start = index + 5
    return [*names, value[start:]]


def expected_pages(card: dict) -> tuple[str, str]:
    return formats.page_range(formats.field(card, "pages"))


# Keys ----------------------------------------------------------------------------------


def test_keys_are_first_author_and_year():
    assert export.citation_keys([GUL, LOUREIRO_2018, LOUREIRO_2019, BUZIN]) == [
        "gul2020",
        "loureiro2018",
        "loureiro2019",
        "buzin2022",
    ]


def test_same_author_same_year_gets_letter_suffixes():
    keys = export.citation_keys([LOUREIRO_2018, GUL, LOUREIRO_2018, LOUREIRO_2018])
    assert keys == ["loureiro2018", "gul2020", "loureiro2018a", "loureiro2018b"]


def test_keys_are_stable_and_unique_for_the_real_cards():
    keys = export.citation_keys(CARDS)
    assert keys == export.citation_keys(CARDS)
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"[a-z0-9]+", key) for key in keys)


def test_keys_fold_accents_to_ascii():
    assert export.citation_keys([{"authors": ["Orsçelik A"], "year": 2020}, {"authors": ["Ørsted HC"]}]) == [
        "orscelik2020",
        "orsted",
    ]


def test_key_without_authors_uses_slug_then_cited_line_then_title():
    assert export.citation_keys([{**BIELER, "slug": "bieler-2017"}]) == ["bieler2017"]
    assert export.citation_keys([BIELER]) == ["bieler"]
    assert export.citation_keys([{"citation_title": "The Stress-Strain Data", "year": 2016}]) == ["stressstrain2016"]
    assert export.citation_keys([{}, {}]) == ["study", "studya"]


# RIS -----------------------------------------------------------------------------------


def test_ris_gul_exact_tags():
    lines = export.to_ris([GUL]).splitlines()
    assert lines == [
        "TY  - JOUR",
        "ID  - gul2020",
        "AU  - Gül, D.",
        "AU  - Orsçelik, A.",
        "AU  - Akpancar, S.",
        f"TI  - {GUL['citation_title']}",
        "T2  - Medical Science Monitor",
        "JO  - Medical Science Monitor",
        "PY  - 2020",
        "DA  - 2020/02//",
        "VL  - 26",
        "SP  - e919166",
        "DO  - 10.12659/MSM.919166",
        "UR  - https://doi.org/10.12659/MSM.919166",
        "UR  - https://pubmed.ncbi.nlm.nih.gov/32045406/",
        "AN  - 32045406",
        "N1  - PMCID: PMC7034518",
        "ER  - ",
    ]


@pytest.mark.parametrize("card", CARDS, ids=lambda card: str(card.get("ref", card.get("title"))))
def test_ris_round_trips_real_cards(card):
    (record,) = rispy.loads(export.to_ris([card]))
    assert record["type_of_reference"] == "JOUR"
    assert record.get("authors", []) == [author.apa for author in formats.authors(card)]
    assert record.get("title", "") == formats.field(card, "citation_title")
    assert record.get("secondary_title", "") == formats.field(card, "journal")
    assert record.get("year", "") == formats.field(card, "year")
    assert record.get("volume", "") == formats.field(card, "volume")
    assert record.get("number", "") == formats.field(card, "issue")
    assert (record.get("start_page", ""), record.get("end_page", "")) == expected_pages(card)
    assert record.get("doi", "") == formats.field(card, "doi")
    assert record.get("accession_number", "") == formats.field(card, "pmid")
    notes = record.get("notes", [])
    assert any(note.startswith("Citation not verified") for note in notes) == formats.is_unverified(card)
    assert "title" not in record or card["title"] != record["title"]


def test_ris_splits_page_ranges():
    (record,) = rispy.loads(export.to_ris([BUZIN]))
    assert (record["start_page"], record["end_page"]) == ("121", "132")


def test_ris_unverified_record_carries_the_cited_line_in_a_note():
    (record,) = rispy.loads(export.to_ris([BIELER]))
    assert record["notes"] == [
        "Citation not verified: the cited paper could not be found. As cited in the source article: "
        + BIELER["as_cited"]
    ]
    assert "title" not in record and "authors" not in record and "year" not in record


def test_ris_many_records():
    records = rispy.loads(export.to_ris(CARDS))
    assert [record["id"] for record in records] == export.citation_keys(CARDS)


def test_ris_empty_list():
    assert export.to_ris([]) == ""
    assert rispy.loads(export.to_ris([])) == []


# BibTeX --------------------------------------------------------------------------------


def test_bibtex_gul_exact():
    assert export.to_bibtex([GUL]) == (
        "@article{gul2020,\n"
        "  author = {Gül, D. and Orsçelik, A. and Akpancar, S.},\n"
        f"  title = {{{GUL['citation_title']}}},\n"
        "  journal = {Medical Science Monitor},\n"
        "  year = {2020},\n"
        "  month = feb,\n"
        "  volume = {26},\n"
        "  pages = {e919166},\n"
        "  doi = {10.12659/MSM.919166},\n"
        "  pmid = {32045406},\n"
        "  pmcid = {PMC7034518}\n"
        "}\n"
    )


@pytest.mark.parametrize("card", CARDS, ids=lambda card: str(card.get("ref", card.get("title"))))
def test_bibtex_round_trips_real_cards(card):
    (entry,) = parse_bibtex(export.to_bibtex([card]))
    assert entry["ENTRYTYPE"] == "article"
    assert entry["ID"] == export.citation_keys([card])[0]
    people = formats.authors(card)
    if people:
        assert bibtex_names(entry["author"]) == [author.apa for author in people]
    else:
        assert "author" not in entry
    assert unlatex(entry.get("title", "")) == formats.field(card, "citation_title")
    assert unlatex(entry.get("journal", "")) == formats.field(card, "journal")
    assert entry.get("year", "") == formats.field(card, "year")
    assert entry.get("volume", "") == formats.field(card, "volume")
    assert entry.get("number", "") == formats.field(card, "issue")
    first, last = expected_pages(card)
    assert entry.get("pages", "") == (f"{first}--{last}" if last else first)
    assert entry.get("doi", "") == formats.field(card, "doi")
    assert entry.get("pmid", "") == formats.field(card, "pmid")
    assert entry.get("pmcid", "") == formats.field(card, "pmcid")
    number = formats.month_number(card.get("month"))
    if number:
        full = "January February March April May June July August September October November December".split()
        assert entry["month"] == full[number - 1]
    assert ("note" in entry) == formats.is_unverified(card)


def test_bibtex_all_cards_parse_with_unique_keys():
    entries = parse_bibtex(export.to_bibtex(CARDS))
    assert [entry["ID"] for entry in entries] == export.citation_keys(CARDS)


def test_bibtex_same_author_same_year_keys_survive_parsing():
    entries = parse_bibtex(export.to_bibtex([LOUREIRO_2018, LOUREIRO_2018, LOUREIRO_2019]))
    assert [entry["ID"] for entry in entries] == ["loureiro2018", "loureiro2018a", "loureiro2019"]


def test_bibtex_keeps_utf8_names():
    card = {**GUL, "authors": ["Gül D", "Orsçelik A", "Wolfskämpf T", "Böhme J"]}
    text = export.to_bibtex([card])
    assert "Gül, D. and Orsçelik, A. and Wolfskämpf, T. and Böhme, J." in text
    assert "\\" not in text


def test_bibtex_escapes_special_characters_and_keeps_braces_balanced():
    title = r"50% of A & B {unbalanced} } { $x_1$ #2 ~ ^ \path"
    text = export.to_bibtex([{**GUL, "citation_title": title}])
    assert text.count("{") == text.count("}")
    (entry,) = parse_bibtex(text)
    assert entry["title"] == (
        r"50\% of A \& B \textbraceleft{}unbalanced\textbraceright{} \textbraceright{} \textbraceleft{} "
        r"\$x\_1\$ \#2 \textasciitilde{} \textasciicircum{} \textbackslash{}path"
    )
    assert unlatex(entry["title"]) == title


def test_bibtex_protects_names_bibtex_would_split():
    card = {**GUL, "authors": ["Research and Development Group", "Smith, Jr A", "Gül D"]}
    (entry,) = parse_bibtex(export.to_bibtex([card]))
    assert bibtex_names(entry["author"]) == ["{Research and Development Group}", "{Smith, Jr}, A.", "Gül, D."]


def test_bibtex_doi_is_not_tex_escaped():
    (entry,) = parse_bibtex(export.to_bibtex([{**GUL, "doi": "10.1000/a_b%c"}]))
    assert entry["doi"] == "10.1000/a_b%c"


def test_bibtex_unverified_entry_has_a_note():
    (entry,) = parse_bibtex(export.to_bibtex([BIELER]))
    assert entry["note"].startswith("Citation not verified: the cited paper could not be found. As cited")
    assert "Bieler T, Siersma V" in entry["note"]
    assert set(entry) == {"ENTRYTYPE", "ID", "note"}


def test_bibtex_month_that_is_not_a_month_name_is_kept_as_text():
    (entry,) = parse_bibtex(export.to_bibtex([{**GUL, "month": "Jul-Aug"}]))
    assert entry["month"] == "Jul-Aug"


# CSL-JSON ------------------------------------------------------------------------------


def test_csl_json_gul_exact():
    assert json.loads(export.to_csl_json([GUL])) == [
        {
            "id": "gul2020",
            "type": "article-journal",
            "title": GUL["citation_title"],
            "author": [
                {"family": "Gül", "given": "D."},
                {"family": "Orsçelik", "given": "A."},
                {"family": "Akpancar", "given": "S."},
            ],
            "container-title": "Medical Science Monitor",
            "issued": {"date-parts": [[2020, 2]]},
            "volume": "26",
            "page": "e919166",
            "DOI": "10.12659/MSM.919166",
            "PMID": "32045406",
            "PMCID": "PMC7034518",
        }
    ]


@pytest.mark.parametrize("card", CARDS, ids=lambda card: str(card.get("ref", card.get("title"))))
def test_csl_json_round_trips_real_cards(card):
    (item,) = json.loads(export.to_csl_json([card]))
    assert item["type"] == "article-journal"
    assert item["id"] == export.citation_keys([card])[0]
    assert item.get("author", []) == [{"family": a.family, "given": a.given} for a in formats.authors(card)]
    assert item.get("title", "") == formats.field(card, "citation_title")
    assert item.get("container-title", "") == formats.field(card, "journal")
    year = formats.field(card, "year")
    if year:
        assert item["issued"]["date-parts"][0][0] == int(year)
    else:
        assert "issued" not in item
    assert item.get("DOI", "") == formats.field(card, "doi")
    assert item.get("PMID", "") == formats.field(card, "pmid")
    assert ("note" in item) == formats.is_unverified(card)


def test_csl_json_year_only_and_group_author_and_odd_year():
    (item,) = json.loads(export.to_csl_json([{**LOUREIRO_2019, "authors": ["OARSI Guidelines Group"]}]))
    assert item["issued"] == {"date-parts": [[2019]]}
    assert item["author"] == [{"literal": "OARSI Guidelines Group"}]
    (item,) = json.loads(export.to_csl_json([{**GUL, "year": "2017 Oct 3"}]))
    assert item["issued"] == {"literal": "2017 Oct 3"}


def test_csl_json_keeps_utf8_unescaped():
    assert "Gül" in export.to_csl_json([GUL]) and "\\u00fc" not in export.to_csl_json([GUL])


def test_csl_json_unverified_note():
    (item,) = json.loads(export.to_csl_json([BIELER]))
    assert item == {"id": "bieler", "type": "article-journal", "note": export.unverified_note(BIELER)}


# Files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [(".ris", "ris"), (".bib", "bibtex"), (".BIB", "bibtex"), ("bib", "bibtex"), (".json", "csl-json")]
    + [(".txt", None), ("", None)],
)
def test_format_for_suffix(suffix, expected):
    assert export.format_for_suffix(suffix) == expected


@pytest.mark.parametrize(
    ("fmt", "name", "render"),
    [
        ("ris", "refs.ris", export.to_ris),
        ("bibtex", "refs.bib", export.to_bibtex),
        ("csl-json", "refs.json", export.to_csl_json),
        (None, "refs.bib", export.to_bibtex),
        (".json", "refs.txt", export.to_csl_json),
    ],
)
def test_write_each_format(tmp_path, fmt, name, render):
    path = tmp_path / name
    export.write(path, CARDS, fmt)
    assert path.read_bytes() == render(CARDS).encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_write_replaces_an_existing_file_and_keeps_its_mode(tmp_path):
    path = tmp_path / "refs.ris"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    export.write(path, [GUL], "ris")
    assert rispy.loads(path.read_text(encoding="utf-8"))[0]["id"] == "gul2020"
    assert path.stat().st_mode & 0o777 == 0o640


def test_write_leaves_the_old_file_when_the_rename_fails(tmp_path, monkeypatch):
    path = tmp_path / "refs.bib"
    path.write_text("old", encoding="utf-8")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        export.write(path, [GUL], "bibtex")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["refs.bib"]


def test_write_rejects_unknown_formats(tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export.write(tmp_path / "refs.ris", [GUL], "endnote")
    with pytest.raises(ValueError, match="unknown export format"):
        export.write(tmp_path / "refs.txt", [GUL])
    assert list(tmp_path.iterdir()) == []


# Arbitrary input -----------------------------------------------------------------------

_TEXT_FIELDS = ("title", "citation_title", "journal", "month", "volume", "issue", "pages", "doi", "pmid")
_TEXT_FIELDS += ("pmcid", "as_cited", "verified", "design", "slug")
_values = st.one_of(st.text(), st.none(), st.integers(), st.sampled_from(["", "no", "UNVERIFIED", "{", "}", "\\"]))
_studies = st.fixed_dictionaries(
    {},
    optional={
        **dict.fromkeys(_TEXT_FIELDS, _values),
        "year": st.one_of(st.integers(), st.text()),
        "authors": st.one_of(st.lists(st.text(), max_size=25), st.text(), st.none()),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_studies, max_size=4))
def test_arbitrary_text_never_raises_and_exports_still_parse(studies):
    for study in studies:
        for text in (formats.vancouver(study), formats.apa(study)):
            assert isinstance(text, str) and "\n" not in text
        formats.doi_url(study)
        formats.pubmed_url(study)
    keys = export.citation_keys(studies)
    assert len(set(keys)) == len(keys)

    records = rispy.loads(export.to_ris(studies))
    assert [record["id"] for record in records] == keys
    for record, study in zip(records, studies, strict=True):
        assert record.get("title", "") == formats.field(study, "citation_title")
        assert record.get("authors", []) == [author.apa for author in formats.authors(study)]

    bibtex = export.to_bibtex(studies)
    entries = parse_bibtex(bibtex)
    kept = list(zip(keys, studies, strict=True))  # an entry with no fields is legal and read back
    assert [entry["ID"] for entry in entries] == [key for key, _ in kept]
    for entry, (_, study) in zip(entries, kept, strict=True):
        assert unlatex(entry.get("title", "")) == formats.field(study, "citation_title")
        assert len(bibtex_names(entry["author"]) if "author" in entry else []) == len(formats.authors(study))

    items = json.loads(export.to_csl_json(studies))
    assert [item["id"] for item in items] == keys
    bibtex.encode("utf-8")
