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
    "context",
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
    "context": ("Beyond the article", "Beyond the article"),
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
        "evidence_question",
        "plain",
        "reports",
        "article_use",
    ),
    "excerpt": ("title", "source", "position"),
    "term": ("title", "plain"),
    "source": ("title", "authors", "date", "publisher", "text", "disclosure"),
    "context": ("title", "summary", "plain", "citation", "checked", "reports"),
}

# Front-matter text fields shown as sections of an entry, in page order; with ``body`` and
# each ``## `` heading of the body they are what a provenance mapping covers.
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "condition": ("summary", "plain"),
    "structure": ("summary", "plain", "location", "function"),
    "site": ("summary", "plain"),
    "treatment": ("summary", "plain"),
    "study": ("summary", "plain", "compared", "outcomes", "reports", "article_use", "discrepancies"),
    "term": ("summary", "plain"),
    "source": ("summary", "plain", "disclosure"),
    "context": ("summary", "plain", "reports"),
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
        "fascia",
        "nerve",
        "vessel",
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
    "fascia": "Fascia",
    "nerve": "Nerves",
    "vessel": "Blood vessels",
}


@dataclass(frozen=True)
class Design:
    """A study design and its plain label."""

    label: str


DESIGNS: dict[str, Design] = {
    "systematic-review-meta-analysis": Design("Systematic review with meta-analysis"),
    "rct": Design("Randomised controlled trial"),
    "rct-secondary-analysis": Design("Secondary analysis of a randomised trial"),
    "controlled-trial": Design("Controlled clinical trial (randomisation not stated in the abstract)"),
    "cohort": Design("Prospective cohort study"),
    "cross-sectional": Design("Cross-sectional comparison"),
    "cadaveric": Design("Cadaveric biomechanical study"),
    "narrative-review": Design("Narrative review"),
    "scoping-review": Design("Scoping review of qualitative research"),
    "trial-protocol": Design("Trial protocol (no results)"),
    "unverified": Design("Not verified (the cited paper could not be found)"),
}

EVIDENCE_SCALE = "Oxford CEBM 2011 Levels of Evidence"

# The Oxford CEBM 2011 question a study is graded on (``evidence_question`` on a study card).
# A study that answers none of them is "not-graded", and says why through its design.
EVIDENCE_QUESTIONS: dict[str, str] = {
    "treatment-benefits": "Does this intervention help? (treatment benefits)",
    "prognosis": "What will happen if we do not add a therapy? (prognosis)",
    "not-graded": "Not graded on the Oxford scale",
}


@dataclass(frozen=True)
class Grade:
    """The level a design reaches on one question, and why."""

    level: str
    note: str


# (question, design) -> level. A pair not listed here is refused by ``hipref check``.
GRADES: dict[tuple[str, str], Grade] = {
    ("treatment-benefits", "systematic-review-meta-analysis"): Grade("1", "systematic review with meta-analysis"),
    ("treatment-benefits", "rct"): Grade("2", "randomised trial"),
    ("treatment-benefits", "rct-secondary-analysis"): Grade("2", "randomised trial (secondary outcomes)"),
    ("treatment-benefits", "controlled-trial"): Grade(
        "3", "controlled trial graded as non-randomised: the abstract does not state randomisation"
    ),
    ("prognosis", "cohort"): Grade("3", "cohort study followed over time (not an inception cohort)"),
    ("not-graded", "cross-sectional"): Grade(
        "n/a", "a comparison at one point in time: it answers neither a treatment nor a prognosis question"
    ),
    ("not-graded", "cadaveric"): Grade("n/a", "biomechanical, not clinical evidence (tissue tested in a laboratory)"),
    ("not-graded", "narrative-review"): Grade(
        "n/a", "a narrative review summarises other studies; it is not itself graded on the 2011 scale"
    ),
    ("not-graded", "scoping-review"): Grade(
        "n/a", "maps clinicians' beliefs from qualitative research; not a study of treatment effect"
    ),
    ("not-graded", "trial-protocol"): Grade("n/a", "a protocol reports no results"),
    ("not-graded", "unverified"): Grade("n/a", "the cited paper could not be found"),
}

CHOICES[("study", "design")] = tuple(DESIGNS)
CHOICES[("study", "evidence_question")] = tuple(EVIDENCE_QUESTIONS)

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
    ("condition", "context"): ("beyond the article", "adds context to"),
    ("treatment", "context"): ("beyond the article", "adds context to"),
    ("term", "context"): ("beyond the article", "adds context to"),
    ("study", "context"): ("beyond the article", "adds context to"),
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
