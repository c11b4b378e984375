"""Study cards as reference-manager files: RIS, BibTeX and CSL-JSON, written atomically.

The exporters read cards exactly as :mod:`hipref.citations.formats` does, so a field left
empty on a card stays out of every file, and an unverified paper is exported with a note.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import secrets
import stat
import string
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import bibtexparser
import rispy
from bibtexparser import BibtexFormat, Library
from bibtexparser.model import Entry, Field

from hipref.citations.formats import (
    MONTHS,
    Author,
    authors,
    doi,
    doi_url,
    field,
    is_unverified,
    month_number,
    page_range,
    parse_author,
    pmid,
    pubmed_url,
)

Study = Mapping[str, Any]

FORMATS = ("ris", "bibtex", "csl-json")
_SUFFIXES = {".ris": "ris", ".bib": "bibtex", ".bibtex": "bibtex", ".json": "csl-json"}

UNVERIFIED_NOTE = "Citation not verified: the cited paper could not be found."


def unverified_note(study: Study) -> str | None:
    """The note every export carries for a paper that was never found, with the article's own line."""
    if not is_unverified(study):
        return None
    cited = field(study, "as_cited")
    return f"{UNVERIFIED_NOTE} As cited in the source article: {cited}" if cited else UNVERIFIED_NOTE


# Citation keys -------------------------------------------------------------------------

# Letters that Unicode does not decompose into an ASCII base letter.
_ASCII_FOLD = str.maketrans(
    {
        **{"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l", "Ł": "L"},
        **{"ı": "i", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th"},
    }
)


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    return re.sub(r"[^a-z0-9]", "", folded.encode("ascii", "ignore").decode().lower())


def _key_base(study: Study) -> str:
    """``gul2020``: first author's surname and year; without authors, the slug or the cited line's first surname.

    The key only labels the record; it puts no name into any citation field.
    """
    year = match.group() if (match := re.search(r"\d{4}", field(study, "year"))) else ""
    people = authors(study)
    if people and (name := _ascii_word(people[0].family)):
        return name + year
    if slug := _ascii_word(field(study, "slug")):
        return slug
    cited = parse_author(field(study, "as_cited").split(",")[0])
    if cited and cited.initials and (name := _ascii_word(cited.family)):
        return name + year
    words = [word for word in field(study, "citation_title").split() if word.lower() not in ("a", "an", "the")]
    if words and (word := _ascii_word(words[0])):
        return word + year
    return "study" + year


def _suffixes() -> Iterator[str]:
    for size in itertools.count(1):
        for letters in itertools.product(string.ascii_lowercase, repeat=size):
            yield "".join(letters)


def citation_keys(studies: Iterable[Study]) -> list[str]:
    """One key per card, unique within the list: ``loureiro2018``, then ``loureiro2018a``, ``...b``."""
    keys: list[str] = []
    used: set[str] = set()
    for study in studies:
        base = _key_base(study)
        key = base
        suffixes = _suffixes()
        while key in used:
            key = base + next(suffixes)
        used.add(key)
        keys.append(key)
    return keys


# RIS -----------------------------------------------------------------------------------


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its ``1.``, ``2.`` lines between records, which RIS does not define."""

    def set_header(self, count: int) -> str:
        return ""


def _ris_record(study: Study, key: str) -> dict[str, Any]:
    record: dict[str, Any] = {"type_of_reference": "JOUR", "id": key}
    values: dict[str, Any] = {
        "authors": [author.apa for author in authors(study)],
        "title": field(study, "citation_title"),
        "secondary_title": field(study, "journal"),
        "journal_name": field(study, "journal"),
        "year": field(study, "year"),
        "date": _ris_date(study),
        "volume": field(study, "volume"),
        "number": field(study, "issue"),
    }
    values["start_page"], values["end_page"] = page_range(field(study, "pages"))
    values["doi"] = doi(study)
    values["urls"] = [url for url in (doi_url(study), pubmed_url(study)) if url]
    values["accession_number"] = pmid(study)
    pmcid = field(study, "pmcid")
    values["notes"] = [note for note in (f"PMCID: {pmcid}" if pmcid else "", unverified_note(study)) if note]
    record.update((name, value) for name, value in values.items() if value)
    return record


def _ris_date(study: Study) -> str:
    year, month = field(study, "year"), month_number(study.get("month"))
    return f"{year}/{month:02d}//" if month and re.fullmatch(r"\d{4}", year) else ""


def to_ris(studies: Iterable[Study]) -> str:
    """RIS for EndNote, Zotero, Mendeley: one ``TY JOUR`` record per card, the PMID as ``AN``."""
    studies = list(studies)
    records = [_ris_record(study, key) for study, key in zip(studies, citation_keys(studies), strict=True)]
    return rispy.dumps(records, implementation=_RisWriter) if records else ""


# BibTeX --------------------------------------------------------------------------------

# Escapes that keep braces balanced: BibTeX counts ``\{`` as a brace, so braces are spelled out.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}

_BIBTEX_ORDER = "author title journal year month volume number pages doi pmid pmcid note".split()


def latex_escape(text: str) -> str:
    """Text safe inside a braced BibTeX value; UTF-8 letters stay as they are."""
    return "".join(_LATEX.get(char, char) for char in text)


def _verbatim(text: str) -> str:
    """A DOI as biblatex reads it (verbatim, so no TeX escapes); only braces and backslashes are encoded."""
    return text.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _bibtex_name(author: Author) -> str:
    """``Gül, D.``; braces keep a name whole where BibTeX would split it (a comma, the word "and", a group)."""
    family = latex_escape(author.family)
    splits = "," in family or re.search(r"(?i)(^|\s)and(\s|$)", family)
    if author.initials:
        return f"{{{family}}}, {author.given}" if splits else f"{family}, {author.given}"
    return f"{{{family}}}" if splits or re.search(r"\s", family) else family


def _bibtex_entry(study: Study, key: str) -> Entry:
    first, last = page_range(field(study, "pages"))
    values: dict[str, str] = {
        "author": " and ".join(_bibtex_name(author) for author in authors(study)),
        "title": latex_escape(field(study, "citation_title")),
        "journal": latex_escape(field(study, "journal")),
        "year": latex_escape(field(study, "year")),
        "month": latex_escape(field(study, "month")),
        "volume": latex_escape(field(study, "volume")),
        "number": latex_escape(field(study, "issue")),
        "pages": latex_escape(f"{first}--{last}" if last else first),
        "doi": _verbatim(doi(study)),
        "pmid": latex_escape(pmid(study)),
        "pmcid": latex_escape(field(study, "pmcid")),
        "note": latex_escape(unverified_note(study) or ""),
    }
    # Written as given (no enclosing added by the writer): braced values, and the standard
    # month macro (``month = feb``), which every BibTeX style knows.
    fields = {name: f"{{{value}}}" for name, value in values.items() if value}
    if number := month_number(study.get("month")):
        fields["month"] = MONTHS[number - 1].lower()
    return Entry("article", key, [Field(name, fields[name]) for name in _BIBTEX_ORDER if name in fields])


def to_bibtex(studies: Iterable[Study]) -> str:
    """BibTeX ``@article`` entries in card order, UTF-8, keys such as ``gul2020``."""
    studies = list(studies)
    library = Library([_bibtex_entry(study, key) for study, key in zip(studies, citation_keys(studies), strict=True)])
    style = BibtexFormat()
    style.indent = "  "
    style.block_separator = "\n"
    return bibtexparser.write_string(library, unparse_stack=[], bibtex_format=style)


# CSL-JSON ------------------------------------------------------------------------------


def _csl_name(author: Author) -> dict[str, str]:
    return {"family": author.family, "given": author.given} if author.initials else {"literal": author.family}


def _csl_issued(study: Study) -> dict[str, Any] | None:
    year = field(study, "year")
    if not year:
        return None
    if not re.fullmatch(r"[0-9]{1,4}", year):
        return {"literal": year}
    month = month_number(study.get("month"))
    return {"date-parts": [[int(year), month] if month else [int(year)]]}


def _csl_item(study: Study, key: str) -> dict[str, Any]:
    first, last = page_range(field(study, "pages"))
    values: dict[str, Any] = {
        "title": field(study, "citation_title"),
        "author": [_csl_name(author) for author in authors(study)],
        "container-title": field(study, "journal"),
        "issued": _csl_issued(study),
        "volume": field(study, "volume"),
        "issue": field(study, "issue"),
        "page": f"{first}-{last}" if last else first,
        "DOI": doi(study),
        "PMID": pmid(study),
        "PMCID": field(study, "pmcid"),
        "note": unverified_note(study),
    }
    item: dict[str, Any] = {"id": key, "type": "article-journal"}
    item.update((name, value) for name, value in values.items() if value)
    return item


def to_csl_json(studies: Iterable[Study]) -> str:
    """CSL-JSON, the citeproc format Zotero, Pandoc and Mendeley read."""
    studies = list(studies)
    items = [_csl_item(study, key) for study, key in zip(studies, citation_keys(studies), strict=True)]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# Files ---------------------------------------------------------------------------------

_EXPORTERS: dict[str, Callable[[Iterable[Study]], str]] = {
    "ris": to_ris,
    "bibtex": to_bibtex,
    "csl-json": to_csl_json,
}


def format_for_suffix(suffix: str) -> str | None:
    """``.ris`` -> ``ris``, ``.bib`` -> ``bibtex``, ``.json`` -> ``csl-json``; None for anything else."""
    text = suffix.strip().lower()
    return _SUFFIXES.get(text if text.startswith(".") else f".{text}")


def _format_name(fmt: str | None, path: Path) -> str:
    if fmt is None:
        name = format_for_suffix(path.suffix)
    else:
        name = fmt.strip().lower() if fmt.strip().lower() in FORMATS else format_for_suffix(fmt)
    if name is None:
        wanted = fmt if fmt is not None else path.suffix or path.name
        raise ValueError(f"unknown export format {wanted!r}; expected one of {', '.join(FORMATS)}")
    return name


def write(path: Path, studies: Iterable[Study], fmt: str | None = None) -> None:
    """Export to ``path`` in ``fmt`` (or the format its suffix names), replacing the file in one step.

    The text goes to a temporary file beside the target and is renamed over it, so a crash or
    a full disk never leaves a half-written export in place of a good one.
    """
    path = Path(path)
    text = _EXPORTERS[_format_name(fmt, path)](studies)
    _write_atomic(path, text.encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name[:64]}.{secrets.token_hex(6)}.tmp")
    # Created 0o666 minus the umask, like an ordinary new file (mkstemp would make it private).
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            existing = path.lstat()  # not stat(): a symlink's target lends the export no permissions
            if stat.S_ISREG(existing.st_mode):
                os.chmod(temporary, stat.S_IMODE(existing.st_mode))  # keep an existing file's permissions
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
