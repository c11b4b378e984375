"""Turn whatever a user types into a safe FTS5 query.

FTS5 has its own query language, and raw user text breaks it easily (a lone ``AND``, an
unbalanced quote, ``word:``). Here the text is tokenised the way the index tokeniser
(unicode61) does it, every token is quoted, and only the last one becomes a prefix, so any
input yields a valid expression or nothing at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hipref.text import tokens

MAX_INPUT = 256
MAX_TOKENS = 12
MIN_PREFIX = 2

_SCOPE = re.compile(r"^\s*([A-Za-z]+)\s*:\s*")


@dataclass(frozen=True)
class Scope:
    """What a typed prefix such as ``study:`` restricts the search to."""

    type: str | None = None
    kind: str | None = None
    columns: tuple[str, ...] = ()
    help: str = ""


SCOPES: dict[str, Scope] = {
    "cond": Scope("condition", help="conditions"),
    "condition": Scope("condition", help="conditions"),
    "dx": Scope("condition", help="conditions (diagnosis)"),
    "struct": Scope("structure", help="ligaments, tendons, muscles, bones and other structures"),
    "structure": Scope("structure", help="structures"),
    "anat": Scope("structure", help="structures (anatomy)"),
    "lig": Scope("structure", kind="ligament", help="ligaments"),
    "tendon": Scope("structure", kind="tendon", help="tendons"),
    "muscle": Scope("structure", kind="muscle", help="muscles"),
    "bone": Scope("structure", kind="bone", help="bones and landmarks"),
    "site": Scope("site", help="injection sites"),
    "inj": Scope("site", help="injection sites"),
    "tx": Scope("treatment", help="treatments"),
    "treat": Scope("treatment", help="treatments"),
    "treatment": Scope("treatment", help="treatments"),
    "study": Scope("study", help="study cards"),
    "studies": Scope("study", help="study cards"),
    "paper": Scope("study", help="study cards"),
    "ex": Scope("excerpt", help="article excerpts"),
    "excerpt": Scope("excerpt", help="article excerpts"),
    "article": Scope("excerpt", help="article excerpts"),
    "term": Scope("term", help="glossary terms"),
    "glossary": Scope("term", help="glossary terms"),
    "def": Scope("term", help="glossary terms (definitions)"),
    "source": Scope("source", help="source articles"),
    "doi": Scope("study", columns=("identifiers",), help="a study by DOI"),
    "pmid": Scope("study", columns=("identifiers",), help="a study by PubMed ID"),
}


# Words that carry no meaning of their own in a question or a phrase ("does exercise help
# hip OA", "pain on the outside of the hip"); they are left out unless nothing else is typed.
STOPWORDS = frozenset(
    """a about after am an and any are as at be been before being but by can could did do does
    doing during for from get gets getting had has have having help helps how i if in into is it
    its me my of on or should so some than that the their them then there these they this those
    to vs versus was we were what when where which while who whom why will with work works would
    you your""".split()
)
# Words that only say what follows is an identifier ("pmid 32045406").
MARKERS = frozenset({"doi", "pmid", "pmcid"})
# Words after a number that make it a measurement ("12 months", "5 mm", "14 %").
UNITS = frozenset(
    """% mm cm m km kg g mg mcg ml l hz deg degree degrees day days week weeks wk wks month months mo
    year years yr yrs hour hours h min mins minute minutes second seconds sec session sessions
    patient patients hip hips point points times""".split()
)
_NUMBER = re.compile(r"^\d+(?:%)?$")
_NUMBER_UNIT = re.compile(r"^(\d+)([a-z]+)$")


@dataclass(frozen=True)
class Part:
    """One thing the user typed: a word, or words that belong together (a DOI, "p=0.016", "12 months").

    ``alternatives`` are other ways the text may write it ("5mm" for "5 mm").
    """

    words: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()

    @property
    def phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class ParsedQuery:
    """The user's text, understood: scope, parts, and whether the last word is unfinished."""

    tokens: tuple[str, ...]
    scope: Scope
    prefix_last: bool
    parts: tuple[Part, ...] = ()
    scoped: bool = False  # the text began with a scope such as ``study:``

    @property
    def empty(self) -> bool:
        return not self.tokens

    @property
    def scope_only(self) -> bool:
        return self.scoped and not self.tokens

    def match(
        self, tokens: tuple[str, ...] | None = None, any_token: bool = False, columns: tuple[str, ...] = ()
    ) -> str:
        """An FTS5 MATCH expression; every token is quoted, so it is always valid."""
        words = tokens if tokens is not None else self.tokens
        parts = [f'"{t}"' for t in words]
        if parts and self.prefix_last and len(words[-1]) >= MIN_PREFIX:
            parts[-1] += "*"
        expression = (" OR " if any_token else " ").join(parts)
        columns = columns or self.scope.columns
        if columns and expression:
            return "{" + " ".join(columns) + "} : (" + expression + ")"
        return expression


def phrase(words: tuple[str, ...], prefix: bool = False) -> str:
    """One quoted FTS5 phrase; with ``prefix`` its last word may be unfinished."""
    text = '"' + " ".join(words) + '"'
    return text + "*" if prefix and len(words[-1]) >= MIN_PREFIX else text


def _parts(text: str) -> list[Part]:
    """Split typed text into parts: words, and chunks whose words belong together."""
    parts: list[Part] = []
    for chunk in text.split():
        words = tokens(chunk)
        if not words:
            continue
        previous = parts[-1] if parts else None
        if previous and not previous.phrase and _NUMBER.match(previous.words[0]) and len(words) == 1:
            unit = words[0]
            if unit in UNITS and not previous.words[0].endswith("%"):
                if unit == "%":
                    parts[-1] = Part((previous.words[0] + "%",))
                else:
                    parts[-1] = Part((previous.words[0], unit), ((previous.words[0] + unit,),))
                continue
        if previous and previous.words == ("p",) and words[0].isdigit():
            parts[-1] = Part(("p", *words))
            continue
        if len(words) == 1 and (found := _NUMBER_UNIT.match(words[0])) and found.group(2) in UNITS:
            parts.append(Part(words, ((found.group(1), found.group(2)),)))
            continue
        parts.append(Part(words))
    return parts


def parse(text: object, type_: str | None = None, as_you_type: bool = True) -> ParsedQuery:
    """Understand one line typed by a user. Never raises, whatever ``text`` holds."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text.replace("\x00", " ")[:MAX_INPUT]
    scope = Scope(type_) if type_ else Scope()
    scoped = False
    match = _SCOPE.match(text)
    if match and match.group(1).lower() in SCOPES:
        typed = SCOPES[match.group(1).lower()]
        if not type_ or typed.type == type_:
            scope = typed
        scoped = True
        text = text[match.end() :]
    parts = tuple(_parts(text))
    words: list[str] = []
    kept: list[Part] = []
    for part in parts:
        if len(words) + len(part.words) > MAX_TOKENS:
            break
        words.extend(part.words)
        kept.append(part)
    ends_in_word = bool(text) and not text[-1].isspace()
    return ParsedQuery(tuple(words), scope, as_you_type and ends_in_word, tuple(kept), scoped)
