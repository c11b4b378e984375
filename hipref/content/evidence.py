"""A study's evidence level on the Oxford CEBM 2011 question it actually answers, and the
rule that a study's lay summary carries no statistics."""

from __future__ import annotations

import re

from hipref.content.records import EntryRecord, Problem
from hipref.content.schema import DESIGNS, EVIDENCE_QUESTIONS, EVIDENCE_SCALE, GRADES

# Statistics that have no place in plain words: P values, confidence intervals, percentages,
# decimals, plus-minus, effect sizes, and scores on the scales the studies use.
STATISTICS_RE = re.compile(
    r"(?i:\bp\s*[<=>≤≥]\s*0?\.\d)"
    r"|\d\s*%"
    r"|\d+[.,]\d+"
    r"|±"
    r"|\b(?:CI|SMD|RD|NNT|ES|HR|OR|RR|VAS|HHS|WOMAC|mm)\b"
    r"|(?i:confidence interval)"
)


def statistics_in(text: str) -> list[str]:
    """The statistical expressions found in ``text``, as written."""
    return [match.group(0) for match in STATISTICS_RE.finditer(text)]


def study_evidence(fields: dict) -> dict[str, str]:
    """What the program derives for a study card from its design and evidence question."""
    design, question = fields.get("design"), fields.get("evidence_question")
    derived: dict[str, str] = {}
    if design in DESIGNS:
        derived["design_label"] = DESIGNS[design].label
    grade = GRADES.get((str(question), str(design)))
    if grade is not None:
        derived.update(
            evidence_level=grade.level,
            evidence_note=grade.note,
            evidence_question_label=EVIDENCE_QUESTIONS[str(question)],
            evidence_scale=EVIDENCE_SCALE,
        )
    return derived


def check_evidence(record: EntryRecord) -> list[Problem]:
    """A study is graded on a question its design can answer; the plain words of a study or a
    context source, shown to patients, hold no figures."""
    if record.type not in ("study", "context"):
        return []
    problems = []
    design, question = record.fields.get("design"), record.fields.get("evidence_question")
    if design in DESIGNS and question in EVIDENCE_QUESTIONS and (question, design) not in GRADES:
        problems.append(Problem(record.path, f"a {design} study cannot be graded on '{question}'"))
    found = statistics_in(record.plain)
    if found:
        shown = ", ".join(dict.fromkeys(found))
        problems.append(Problem(record.path, f"'plain' must be in plain words, without statistics (found {shown})"))
    return problems
