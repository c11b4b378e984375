"""Turn whatever a user types into a safe FTS5 query.

FTS5 has its own query language, and raw user text breaks it easily (a lone ``AND``, an
unbalanced quote, ``word:``). Here the text is tokenised the way the index tokeniser
(unicode61) does it, every token is quoted, and only the last one becomes a prefix, so any
input yields a valid expression or nothing at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_INPUT = 256
MAX_TOKENS = 12
MIN_PREFIX = 2

_TOKEN = re.compile(r"[^\W_]+")
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


@dataclass(frozen=True)
class ParsedQuery:
    """The user's text, understood: scope, tokens, and whether the last word is unfinished."""

    tokens: tuple[str, ...]
    scope: Scope
    prefix_last: bool

    @property
    def empty(self) -> bool:
        return not self.tokens

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


def fold(text: str) -> str:
    """Case- and diacritic-folded text, as the index sees it (Gül -> gul)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> tuple[str, ...]:
    """Folded word tokens, the way unicode61 with remove_diacritics splits text."""
    return tuple(_TOKEN.findall(fold(text)))


def parse(text: object, type_: str | None = None, as_you_type: bool = True) -> ParsedQuery:
    """Understand one line typed by a user. Never raises, whatever ``text`` holds."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text.replace("\x00", " ")[:MAX_INPUT]
    scope = Scope(type_) if type_ else Scope()
    match = _SCOPE.match(text)
    if match and match.group(1).lower() in SCOPES:
        typed = SCOPES[match.group(1).lower()]
        if not type_ or typed.type == type_:
            scope = typed
        text = text[match.end() :]
    words = tokens(text)[:MAX_TOKENS]
    ends_in_word = bool(text) and not text[-1].isspace()
    return ParsedQuery(words, scope, as_you_type and ends_in_word)
