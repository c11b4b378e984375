"""What each entry type is, which fields it must carry, and how types relate.

This is the single description of the content model: the loader, the checker, the
builder and the window all read it rather than repeating lists of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPES: tuple[str, ...] = (
    "condition",
    "structure",
    "site",
    "treatment",
    "study",
    "excerpt",
    "term",
    "source",
)

TYPE_LABELS: dict[str, tuple[str, str]] = {
    "condition": ("Condition", "Conditions"),
    "structure": ("Structure", "Ligaments, tendons and structures"),
    "site": ("Injection site", "Injection sites"),
    "treatment": ("Treatment", "Treatments"),
    "study": ("Study", "Studies"),
    "excerpt": ("Article excerpt", "Article excerpts"),
    "term": ("Glossary term", "Glossary"),
    "source": ("Source", "Sources"),
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "condition": ("title", "summary", "plain", "links"),
    "structure": ("title", "kind", "location", "function", "plain"),
    "site": ("title", "approach", "plain", "links"),
    "treatment": ("title", "category", "summary"),
    "study": (
        "title",
        "summary",
        "ref",
        "as_cited",
        "verified",
        "design",
        "n",
        "reports",
        "article_use",
    ),
    "excerpt": ("title", "source", "position"),
    "term": ("title", "plain"),
    "source": ("title", "authors", "date", "publisher", "text", "disclosure"),
}

# Fields every type may carry; anything else in front matter is type-specific.
COMMON_FIELDS = ("title", "aliases", "summary", "plain", "links")

CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("structure", "kind"): (
        "ligament",
        "tendon",
        "muscle",
        "bone",
        "labrum",
        "capsule",
        "cartilage",
        "bursa",
    ),
    ("site", "approach"): ("anterior", "lateral", "posterior", "intra-articular"),
    ("treatment", "category"): (
        "exercise",
        "physical-therapy",
        "surgery",
        "injection",
        "medication",
        "manual-therapy",
        "modality",
        "support",
        "education",
        "lifestyle",
    ),
    ("study", "verified"): ("yes", "partial", "no"),
}

KIND_LABELS: dict[str, str] = {
    "ligament": "Ligaments",
    "tendon": "Tendons",
    "muscle": "Muscles",
    "bone": "Bones and landmarks",
    "labrum": "Labrum",
    "capsule": "Capsule",
    "cartilage": "Cartilage",
    "bursa": "Bursae",
}


@dataclass(frozen=True)
class Design:
    """A study design, its plain label and its Oxford CEBM 2011 level for treatment benefit."""

    label: str
    level: str
    level_note: str


EVIDENCE_SCALE = "Oxford CEBM 2011 Levels of Evidence (treatment benefits)"

DESIGNS: dict[str, Design] = {
    "systematic-review-meta-analysis": Design(
        "Systematic review with meta-analysis", "1", "systematic review of randomised trials"
    ),
    "rct": Design("Randomised controlled trial", "2", "randomised trial"),
    "rct-secondary-analysis": Design(
        "Secondary analysis of a randomised trial",
        "2",
        "randomised trial (secondary outcomes)",
    ),
    "controlled-trial": Design(
        "Controlled clinical trial (randomisation not stated in the abstract)",
        "3",
        "non-randomised controlled study",
    ),
    "cohort": Design("Prospective cohort study", "3", "cohort or follow-up study"),
    "cross-sectional": Design("Cross-sectional comparison", "4", "case-control or cross-sectional study"),
    "cadaveric": Design("Cadaveric biomechanical study", "5", "mechanism-based reasoning (laboratory data)"),
    "narrative-review": Design("Narrative review", "5", "expert review, not systematic"),
    "scoping-review": Design(
        "Scoping review of qualitative research",
        "n/a",
        "maps clinicians' beliefs; not a study of treatment effect",
    ),
    "trial-protocol": Design("Trial protocol (no results)", "n/a", "a protocol reports no results"),
    "unverified": Design(
        "Not verified (the cited paper could not be found)",
        "n/a",
        "the cited paper could not be found",
    ),
}

CHOICES[("study", "design")] = tuple(DESIGNS)

# Relation of a declared link, named from each end: (source type, target type) -> names.
RELATIONS: dict[tuple[str, str], tuple[str, str]] = {
    ("condition", "structure"): ("involves", "involved in"),
    ("condition", "treatment"): ("treated with", "used for"),
    ("condition", "study"): ("studied in", "about"),
    ("condition", "condition"): ("related", "related"),
    ("site", "structure"): ("targets", "targeted at"),
    ("site", "excerpt"): ("described in", "describes"),
    ("study", "treatment"): ("tests", "tested in"),
    ("treatment", "site"): ("injected at", "site for"),
    ("study", "condition"): ("about", "studied in"),
    ("excerpt", "study"): ("cites", "cited in"),
    ("source", "excerpt"): ("contains", "part of"),
}
DEFAULT_RELATION = ("see also", "see also")
MENTION_RELATION = ("mentions", "mentioned in")


def relation_names(source_type: str, target_type: str) -> tuple[str, str]:
    """Names of a link from its source's side and from its target's side."""
    if (source_type, target_type) in RELATIONS:
        return RELATIONS[(source_type, target_type)]
    if source_type == "excerpt":
        return MENTION_RELATION
    if (target_type, source_type) in RELATIONS:
        forward, backward = RELATIONS[(target_type, source_type)]
        return backward, forward
    return DEFAULT_RELATION
