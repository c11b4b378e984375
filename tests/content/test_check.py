"""Each content rule fails the check when it is broken, on a copy of the fixture corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from hipref.content.check import check_records
from hipref.content.diagrams import check_diagrams
from hipref.content.loader import load_content


def problems(resources: Path) -> list[str]:
    records, found = load_content(resources / "content")
    found += check_records(records, resources) + check_diagrams(records, resources)
    return [str(p) for p in found]


def edit(resources: Path, rel: str, old: str, new: str) -> None:
    path = resources / "content" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_fixture_corpus_is_clean(fixture_resources):
    assert problems(fixture_resources) == []


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        ("excerpt/02-first.md", "is strong", "is weak", "not verbatim"),
        ("condition/hip-osteoarthritis.md", "structure/iliofemoral-ligament,", "structure/nope,", "does not resolve"),
        ("condition/hip-osteoarthritis.md", "plain: The smooth", "other: The smooth", "'plain' is missing"),
        ("structure/hip-labrum.md", "kind: labrum", "kind: gristle", "expected one of"),
        ("study/gul-2020.md", "n: 41 patients (46 hips)", "n: ''", "'n' is missing"),
        ("study/gul-2020.md", "design: controlled-trial", "design: anecdote", "expected one of"),
        ("study/gul-2020.md", "journal: Med Sci Monit", "journal: ''", "citation field 'journal'"),
        ("site/anterior-hip.md", ", excerpt/02-first]", "]", "at least one excerpt"),
        ("excerpt/02-first.md", "position: 2", "position: 1", "shared by"),
        ("condition/hip-osteoarthritis.md", "links: [", "links: [condition/hip-osteoarthritis, ", "itself"),
    ],
)
def test_rule_breaks_are_reported(fixture_resources, rel, old, new, expected):
    edit(fixture_resources, rel, old, new)
    found = problems(fixture_resources)
    assert any(expected in p for p in found), found


def test_orphan_is_reported(fixture_resources):
    (fixture_resources / "content" / "term" / "lonely.md").write_text("---\ntitle: Lonely\nplain: Alone.\n---\n")
    assert any("term/lonely.md: no other entry links" in p for p in problems(fixture_resources))


def test_invalid_front_matter_is_reported(fixture_resources):
    (fixture_resources / "content" / "term" / "broken.md").write_text("---\ntitle: [unclosed\n---\n")
    assert any("not valid YAML" in p for p in problems(fixture_resources))


def test_diagram_both_directions(fixture_resources):
    svg = fixture_resources / "diagrams" / "mini.svg"
    svg.write_text(svg.read_text().replace('id="hip-labrum"', 'id="mystery-structure"'))
    found = problems(fixture_resources)
    assert any("mystery-structure" in p and "not a structure or site" in p for p in found)
    assert any("hip-labrum.md: not drawn" in p for p in found)


def test_yes_stays_text_not_boolean(fixture_resources):
    records, _ = load_content(fixture_resources / "content")
    verified = {r.slug: r.fields["verified"] for r in records if r.type == "study"}
    assert verified == {"gul-2020": "yes", "example-2023": "no"}


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        ("structure/hip-labrum.md", "  location: [general]\n", "", "section 'location' has no provenance"),
        ("term/enthesis.md", "  plain: [general]", "  plain: [hearsay]", "unknown origin 'hearsay'"),
        ("term/enthesis.md", "  plain: [general]", "  plain: [study/nope-2020]", "does not resolve"),
        ("term/enthesis.md", "  plain: [general]", "  plain: [source/gul-2020]", "does not resolve"),
        ("term/enthesis.md", "  plain: [general]", "  plain: [general]\n  Context: [general]", "not a section"),
        ("study/gul-2020.md", "both groups got better.", "pain fell by 4.6 points (P=0.016).", "without statistics"),
        (
            "study/gul-2020.md",
            "evidence_question: treatment-benefits",
            "evidence_question: prognosis",
            "cannot be graded",
        ),
        ("study/gul-2020.md", "evidence_question: treatment-benefits", "evidence_question: hunch", "expected one of"),
        ("study/gul-2020.md", "plain: Injections", "other: Injections", "'plain' is missing"),
    ],
)
def test_provenance_and_evidence_rules(fixture_resources, rel, old, new, expected):
    edit(fixture_resources, rel, old, new)
    found = problems(fixture_resources)
    assert any(expected in p for p in found), found


def test_a_new_body_heading_needs_provenance(fixture_resources):
    path = fixture_resources / "content" / "condition" / "hip-osteoarthritis.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## Something new\n\nText.\n", encoding="utf-8")
    assert "condition/hip-osteoarthritis.md: section 'Something new' has no provenance" in problems(fixture_resources)


def test_a_study_card_reports_default_to_the_study_itself(fixture_resources):
    from hipref.content.provenance import resolved

    records, _ = load_content(fixture_resources / "content")
    study = next(r for r in records if r.ref == "study/gul-2020")
    assert resolved(study)["reports"] == ["study/gul-2020"]
    assert resolved(study)["article_use"] == ["source/mini"]


def test_context_source_needs_a_checked_identifier(fixture_resources):
    folder = fixture_resources / "content" / "context"
    folder.mkdir()
    (folder / "guide-2020.md").write_text(
        "---\ntitle: Guide 2020\nsummary: A guideline.\ncitation: Guide. 2020.\nchecked: Publisher page.\n"
        "reports: It says so.\nprovenance:\n  summary: [context/guide-2020]\n---\n",
        encoding="utf-8",
    )
    edit(
        fixture_resources,
        "term/enthesis.md",
        "---\ntitle: Enthesis",
        "---\ntitle: Enthesis\nlinks: [context/guide-2020]",
    )
    found = problems(fixture_resources)
    assert any("context/guide-2020.md: a context source needs its checked DOI or PMID" in p for p in found), found


def test_shipped_content_has_provenance_for_every_section():
    from hipref import paths
    from hipref.content.provenance import resolved, section_keys

    records, found = load_content(paths.content_dir())
    assert not found
    checked = 0
    for record in records:
        if record.type == "excerpt":
            continue
        assert set(resolved(record)) == set(section_keys(record)), record.ref
        checked += len(section_keys(record))
    assert checked > 400
