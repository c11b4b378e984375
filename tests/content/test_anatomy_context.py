"""Anatomy drawn on the diagrams for context: plainly marked as not from the article."""

from __future__ import annotations

import pytest

from hipref import paths
from hipref.content.loader import load_content

CONTEXT_ANATOMY = {
    "femoral-nerve": "nerve",
    "femoral-artery": "vessel",
    "femoral-vein": "vessel",
    "lateral-femoral-cutaneous-nerve": "nerve",
    "sciatic-nerve": "nerve",
    "lesser-trochanter": "bone",
    "gluteus-maximus": "muscle",
    "iliotibial-band": "fascia",
    "quadratus-femoris": "muscle",
    "gemelli": "muscle",
}
RECORDS = {r.slug: r for r in load_content(paths.resources_dir() / "content")[0] if r.type == "structure"}


@pytest.mark.parametrize("slug", sorted(CONTEXT_ANATOMY))
def test_context_anatomy_says_it_is_not_from_the_article(slug):
    record = RECORDS[slug]
    assert record.fields["kind"] == CONTEXT_ANATOMY[slug]
    assert "not from the article" in record.summary
    assert "not from the article" in record.body and "does not mention" in record.body
    provenance = record.fields["provenance"]
    sections = {"summary", "plain", "location", "function", "body"}
    assert set(provenance) == sections and all(origins == ["general"] for origins in provenance.values())
