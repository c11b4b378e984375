"""Reference strings for a study card: Vancouver (ICMJE/NLM), APA 7, and DOI and PubMed links.

A card is the plain ``fields`` dict of ``hipref show study/<slug> --json``. Any field may be
missing or empty; an empty field is left out of the output, never guessed or filled in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

UNVERIFIED_MARK = "[citation not verified]"

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Written in place of a value that could not be confirmed; printed, they would look like data.
_PLACEHOLDERS = frozenset({"unverified", "n/a"})

# Control characters and lone surrogates break every output format (and UTF-8 files).
_DROPPED_CATEGORIES = frozenset({"Cc", "Cs"})

_INITIALS_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_RANGE_RE = re.compile(r"([^\s\-–—]+)\s*[-–—]+\s*([^\s\-–—]+)")
_DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_PMID_PREFIX_RE = re.compile(r"^pmid:?\s*", re.IGNORECASE)


def clean(value: object) -> str:
    """One tidy line of text from a front-matter value: ``""`` when missing, a placeholder or not text."""
    if value is None or isinstance(value, bool | Mapping):
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(filter(None, (clean(item) for item in value)))
    chars = (
        " " if ch.isspace() else ch
        for ch in unicodedata.normalize("NFC", str(value))
        if ch.isspace() or unicodedata.category(ch) not in _DROPPED_CATEGORIES
    )
    text = " ".join("".join(chars).split())
    return "" if text.lower() in _PLACEHOLDERS else text


def field(study: Mapping[str, Any], key: str) -> str:
    return clean(study.get(key))


def is_unverified(study: Mapping[str, Any]) -> bool:
    """True when the cited paper itself could not be found (``verified: no``; YAML may read it as False)."""
    value = study.get("verified")
    return value is False or clean(value).lower() == "no"


@dataclass(frozen=True)
class Author:
    """A name as cards write it, ``Surname Initials``; a name without initials is kept whole."""

    family: str
    initials: str = ""  # "ZPJ", "J-P"; empty for a group or any name that is not in that form

    @property
    def vancouver(self) -> str:
        return f"{self.family} {self.initials.replace('-', '')}" if self.initials else self.family

    @property
    def given(self) -> str:
        """Initials spelled out with full stops: ``ZPJ`` -> ``Z. P. J.``, ``J-P`` -> ``J.-P.``."""
        parts = (" ".join(f"{letter}." for letter in part) for part in self.initials.split("-") if part)
        return "-".join(parts)

    @property
    def apa(self) -> str:
        return f"{self.family}, {self.given}" if self.initials else self.family


def _is_initials(token: str) -> bool:
    return bool(_INITIALS_RE.fullmatch(token)) and token.isupper()


def parse_author(name: object) -> Author | None:
    """Split ``van Middelkoop M`` into surname and initials: the surname is all before the last token."""
    text = clean(name)
    if not text:
        return None
    head, _, last = text.rpartition(" ")
    family = head.rstrip(", ").strip()
    initials = last.replace(".", "")
    if family and _is_initials(initials):
        return Author(family, initials)
    return Author(text)


def authors(study: Mapping[str, Any]) -> list[Author]:
    value = study.get("authors")
    if isinstance(value, str):
        value = value.split(";" if ";" in value else ",")
    if not isinstance(value, list | tuple):
        return []
    return [author for author in map(parse_author, value) if author is not None]


def doi(study: Mapping[str, Any]) -> str:
    return _DOI_PREFIX_RE.sub("", field(study, "doi")).strip()


def pmid(study: Mapping[str, Any]) -> str:
    return _PMID_PREFIX_RE.sub("", field(study, "pmid")).strip()


_MONTH_NAMES = {
    **{name.lower(): number for number, name in enumerate(MONTHS, start=1)},
    **{
        name: number
        for number, name in enumerate(
            "january february march april may june july august september october november december".split(),
            start=1,
        )
    },
    "sept": 9,
}


def month_number(value: object) -> int | None:
    """1-12 from ``2``, ``"02"``, ``"Feb"`` or ``"February"``; None for anything else (``"Jul-Aug"``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1 <= value <= 12 else None
    text = clean(value).rstrip(".").lower()
    if text.isascii() and text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return _MONTH_NAMES.get(text)


def page_range(pages: str) -> tuple[str, str]:
    """First and last page of ``121-132``; ``818-27`` means 818-827; a single page or article number has no last."""
    match = _RANGE_RE.fullmatch(pages)
    if not match:
        return pages, ""
    first, last = match.groups()
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first, last


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _cite(study: Mapping[str, Any], from_fields: Callable[[Mapping[str, Any]], str]) -> str:
    """A style's reference from the study's fields; when the paper itself was never found, the
    source article's own reference line instead, marked as such."""
    if not is_unverified(study):
        return from_fields(study)
    cited = field(study, "as_cited") or from_fields(study)
    return f"{cited} {UNVERIFIED_MARK}".strip()


def vancouver(study: Mapping[str, Any]) -> str:
    """ICMJE/NLM style: ``Gül D, Orsçelik A, Akpancar S. Title. Journal. 2020;26:e919166. doi:...``."""
    return _cite(study, _vancouver_from_fields)


def _vancouver_from_fields(study: Mapping[str, Any]) -> str:
    names = [author.vancouver for author in authors(study)]
    if len(names) > 6:
        names = [*names[:6], "et al"]
    pieces = (", ".join(names), field(study, "citation_title"), field(study, "journal"), _vancouver_source(study))
    parts = [_sentence(piece) for piece in pieces if piece]
    if value := doi(study):
        parts.append(f"doi:{value}")
    return " ".join(parts)


def _vancouver_source(study: Mapping[str, Any]) -> str:
    """``2020 Feb;26(2):121-132``, dropping whatever is unknown along with its separator."""
    year = field(study, "year")
    month_text = field(study, "month")
    number = month_number(study.get("month"))
    month = MONTHS[number - 1] if number else month_text
    text = f"{year} {month}" if year and month else year
    issue = field(study, "issue")
    location = field(study, "volume") + (f"({issue})" if issue else "")
    if location:
        text += (";" if text else "") + location
    first, last = page_range(field(study, "pages"))
    pages = f"{first}-{last}" if last else first
    if pages:
        text += (":" if text else "") + pages
    return text


def apa(study: Mapping[str, Any]) -> str:
    """APA 7 as plain text: ``Gül, D., Orsçelik, A., & Akpancar, S. (2020). Title. Journal, 26, e919166. https://doi.org/...``."""
    return _cite(study, _apa_from_fields)


def _apa_from_fields(study: Mapping[str, Any]) -> str:
    names = [author.apa for author in authors(study)]
    title = field(study, "citation_title")
    date = f"({field(study, 'year') or 'n.d.'})."
    parts = [_sentence(_apa_names(names)), date] if names else []
    if title:
        parts.append(_sentence(title))
    if not names:
        parts.append(date)  # APA 7: with no author the title takes the author's place
    parts.append(_apa_source(study))
    parts.append(doi_url(study) or "")
    return " ".join(part for part in parts if part)


def _apa_names(names: list[str]) -> str:
    """APA 7: up to 20 names with ``&`` before the last; beyond that, 19, an ellipsis and the last."""
    if len(names) == 1:
        return names[0]
    if len(names) <= 20:
        return f"{', '.join(names[:-1])}, & {names[-1]}"
    return f"{', '.join(names[:19])}, . . . {names[-1]}"


def _apa_source(study: Mapping[str, Any]) -> str:
    issue = field(study, "issue")
    volume = field(study, "volume") + (f"({issue})" if issue else "")
    first, last = page_range(field(study, "pages"))
    pages = f"{first}–{last}" if last else first
    pieces = [piece for piece in (field(study, "journal"), volume, pages) if piece]
    return _sentence(", ".join(pieces)) if pieces else ""


def doi_url(study: Mapping[str, Any]) -> str | None:
    """The doi.org link; characters that are not safe in a URL (``;``, ``#``, ``?``, spaces) are escaped."""
    value = doi(study)
    return f"https://doi.org/{quote(value, safe='/:()[]')}" if value else None


def pubmed_url(study: Mapping[str, Any]) -> str | None:
    """The PubMed page, only for a PMID that is a plain number."""
    value = pmid(study)
    return f"https://pubmed.ncbi.nlm.nih.gov/{value}/" if re.fullmatch(r"[0-9]+", value) else None
