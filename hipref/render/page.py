"""HTML pages for entries, in the subset of HTML that Qt's rich text engine draws well.

Clinicians read the bottom line first, so every page opens with it; study cards keep what a
study reports visibly apart from how the source citing it uses it. Excerpts and study cards
name their own source and its disclosure, read from the entry.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import markdown
import nh3

from hipref.citations.formats import doi_url, pubmed_url, vancouver
from hipref.content.provenance import body_sections
from hipref.content.schema import TYPE_LABELS
from hipref.render.highlight import HighlightExtension, mark_words
from hipref.render.outline import Section, anchor_html, by_type, linked_strip_html, outline_html, section
from hipref.render.provenance import legend, marker, marker_line
from hipref.render.reference_links import Reference, ReferenceLinkExtension
from hipref.render.safe_markdown import SafeMarkdownExtension
from hipref.render.theme import LIGHT, Theme
from hipref.store.records import EntryDetail, LinkedEntry, SourceBrief

VERIFIED_TEXT = {
    "yes": "Every bibliographic field verified against public records.",
    "partial": "Paper confirmed; fields left empty here could not be verified.",
    "no": "The cited paper could not be found; the card describes its verified parent trial.",
}

LINK_GROUPS = {
    "condition": "Conditions",
    "structure": "Structures",
    "site": "Injection sites",
    "treatment": "Treatments",
    "study": "Studies",
    "term": "Glossary",
    "excerpt": "Excerpts",
    "source": "Source",
    "context": "Beyond the article",
}
LINKS_PER_GROUP = 50  # a page lists this many linked entries of a type; the browse pane has them all


@dataclass(frozen=True)
class PageContext:
    """What a page needs beyond the entry: colours, the searched words to light, and the
    numbered references of the entry's source (for "(4)" in its excerpts and its use)."""

    theme: Theme = LIGHT
    highlight: tuple[str, ...] = ()
    references: Mapping[int, Reference] = field(default_factory=dict)


@dataclass(frozen=True)
class RenderedPage:
    """A page and its outline: the sections its anchors mark, in page order."""

    html: str
    outline: tuple[Section, ...]


ALLOWED_TAGS = {
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class", "style"}}
URL_SCHEMES = {"hipref", "https", "http"}
STYLE_PROPERTIES = {"background-color", "color", "font-weight", "text-decoration"}


def md(
    text: str,
    highlight: tuple[str, ...] = (),
    theme: Theme = LIGHT,
    references: Mapping[int, Reference] | None = None,
    own_ref: str = "",
) -> str:
    """Markdown to safe HTML: raw HTML escaped, unsafe links dropped, then an allow-list.

    ``highlight`` words are marked; with ``references``, "(N)" links to the study numbered N
    (except ``own_ref``, the page's own entry)."""
    if not text or not text.strip():
        return ""
    extras = []
    if references:
        extras.append(ReferenceLinkExtension(references, own_ref))
    if highlight:
        extras.append(HighlightExtension(highlight, theme.hit))
    converter = _converter()
    for extension in extras:
        extension.extendMarkdown(converter)
    try:
        rendered = converter.reset().convert(text)
    except BaseException:  # part-way through (text nested too deeply): its state is not to be reused
        _converters.markdown = None
        raise
    finally:
        for name in EXTRA_STEPS:
            converter.treeprocessors.deregister(name, strict=False)
    return sanitize(rendered)


EXTRA_STEPS = ("hipref_references", "hipref_highlight")  # the per-page steps ``md`` adds, then takes off
_converters = threading.local()


def _converter() -> markdown.Markdown:
    """This thread's Markdown converter with the safety filter: set up once, not per field."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(extensions=[SafeMarkdownExtension(), "sane_lists"])
    return converter


def sanitize(fragment: str) -> str:
    """Keep only allow-listed tags, attributes, URL schemes and style properties."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        filter_style_properties=STYLE_PROPERTIES,
    )


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def box(title: str, inner: str, colour: str, theme: Theme, mark: str = "", anchor: str = "") -> str:
    if not inner:
        return ""
    after = f" &nbsp; {mark}" if mark else ""
    return (
        f'<table width="100%" cellspacing="0" cellpadding="10" style="margin-top:8px;margin-bottom:8px">'
        f'<tr><td style="background-color:{colour}">'
        f'<p style="margin:0;color:{theme.muted};font-weight:600;font-size:small">'
        f"{anchor}{esc(title.upper())}{after}</p>"
        f"{inner}</td></tr></table>"
    )


def badge(text: str, theme: Theme) -> str:
    return (
        f'<span style="background-color:{theme.badge};color:{theme.badge_text};font-weight:600">'
        f"&nbsp;{esc(text)}&nbsp;</span>"
    )


def _type_line(page: _Page) -> str:
    detail, theme = page.detail, page.theme
    label = TYPE_LABELS[detail.type][0]
    kind = detail.fields.get("kind")
    bits = [badge(f"{label} · {kind}" if kind else label, theme)]
    if detail.aliases:
        bits.append(f'<span style="color:{theme.muted}">Also: {page.plain(", ".join(detail.aliases))}</span>')
    return "<p>" + " &nbsp; ".join(bits) + "</p>"


def links_html(links: Iterable[LinkedEntry], theme: Theme, skip: set[str] = frozenset(), anchor: str = "") -> str:
    """Linked entries grouped by type, each a clickable ``hipref:`` link with its relation."""
    parts = []
    for type_, shown, total in by_type((link for link in links if link.ref not in skip), LINKS_PER_GROUP):
        items = "".join(
            f'<li><a href="hipref:{esc(l.ref)}">{esc(l.title)}</a>'
            f' <span style="color:{theme.muted}">({esc(l.relation)})</span></li>'
            for l in shown
        )
        label = LINK_GROUPS.get(type_, type_)
        browsed = TYPE_LABELS.get(type_, ("", label))[1]
        parts.append(f"<h3>{esc(label)}</h3><ul>{items}</ul>")
        if total > len(shown):
            parts.append(
                f'<p style="color:{theme.muted}">The first {len(shown)} of {total:,} {esc(label.lower())};'
                f" the browse pane lists every one, under {esc(browsed)}.</p>"
            )
    if not parts:
        return ""
    return f'<hr style="color:{theme.rule}"/><h2>{anchor}Linked entries</h2>' + "".join(parts)


def _field_rows(rows: list[tuple[str, str]], theme: Theme) -> str:
    body = "".join(
        f'<tr><td valign="top" style="color:{theme.muted};padding-right:12px" width="22%"><b>{esc(k)}</b></td>'
        f'<td valign="top">{v}</td></tr>'
        for k, v in rows
        if v
    )
    return f'<table cellspacing="0" cellpadding="4" width="100%">{body}</table>' if body else ""


def study_citation(fields: dict) -> str:
    return vancouver(fields)


def _identifier_links(fields: dict) -> str:
    bits = []
    if url := doi_url(fields):
        bits.append(f'DOI <a href="{esc(url)}">{esc(fields.get("doi"))}</a>')
    if url := pubmed_url(fields):
        bits.append(f'PMID <a href="{esc(url)}">{esc(fields.get("pmid"))}</a>')
    if fields.get("pmcid"):
        bits.append(f"PMCID {esc(fields['pmcid'])}")
    if fields.get("registration"):
        bits.append(f"Registration {esc(fields['registration'])}")
    return " &nbsp;·&nbsp; ".join(bits)


class _Page:
    """One page as it is built: its parts, and the sections marked in it so far."""

    def __init__(self, detail: EntryDetail, context: PageContext) -> None:
        self.detail = detail
        self.context = context
        self.theme = context.theme
        self.sections: list[Section] = []

    def anchor(self, label: str) -> str:
        """An anchor for a new section called ``label``, recorded in the outline."""
        target = section(label, self.sections)
        self.sections.append(target)
        return anchor_html(target)

    def md(self, text: object, references: bool = False) -> str:
        """A Markdown field of the entry, with the searched words lit (and its reference
        numbers linked when ``references``)."""
        refs = self.context.references if references else None
        return md(str(text or ""), self.context.highlight, self.theme, refs, self.detail.ref)

    def field(self, key: str) -> str:
        return self.md(self.detail.fields.get(key, ""))

    def plain(self, text: object) -> str:
        """Plain text (a title, a citation) escaped, with the searched words lit."""
        return mark_words("" if text is None else str(text), self.context.highlight, self.theme.hit)

    def box(self, title: str, inner: str, colour: str, key: str) -> str:
        """A boxed part of the page that is also a section, with its provenance marker."""
        if not inner:
            return ""
        return box(title, inner, colour, self.theme, marker(self.detail, key, self.theme), self.anchor(title))

    def field_box(self, title: str, key: str, colour: str, after: str = "", references: bool = False) -> str:
        text = self.md(self.detail.fields.get(key, ""), references)
        return self.box(title, text + after if text else "", colour, key)


def evidence_html(fields: dict, theme: Theme) -> str:
    """The level on the question the study answers, why, and the review's own certainty."""
    level = str(fields.get("evidence_level", ""))
    question = esc(fields.get("evidence_question_label", ""))
    head = f"Level {esc(level)} — {question}" if level and level != "n/a" else "Not graded"
    parts = [f"{head}: {esc(fields.get('evidence_note', ''))}"]
    if fields.get("certainty"):
        parts.append(f"<b>Certainty:</b> {esc(fields['certainty'])}")
    parts.append(
        f'<span style="color:{theme.muted}">Scale: {esc(fields.get("evidence_scale", ""))}; '
        "graded on the question the study answers.</span>"
    )
    return "<br/>".join(parts)


def evidence_badge(fields: dict) -> str:
    level = str(fields.get("evidence_level", ""))
    return f"Evidence: Level {level}" if level and level != "n/a" else "Evidence: not graded"


def study_html(page: _Page) -> str:
    detail, theme, f = page.detail, page.theme, page.detail.fields
    head = (
        f"<p>{page.anchor('Citation')}{page.plain(study_citation({**f, 'title': detail.title}))}</p>"
        f"<p>{badge(f.get('design_label', 'Design not stated'), theme)} &nbsp; "
        f"{badge(evidence_badge(f), theme)}</p>"
    )
    rows = [
        ("Participants", page.plain(f.get("n"))),
        ("Compared", page.field("compared") + marker_line(detail, "compared", theme)),
        ("Outcomes", page.field("outcomes") + marker_line(detail, "outcomes", theme)),
        ("Evidence level", evidence_html(f, theme)),
        ("Identifiers", _identifier_links(f)),
        ("Verification", esc(VERIFIED_TEXT.get(str(f.get("verified")), ""))),
        ("As the source cites it", f'<span style="color:{theme.muted}">{page.plain(f.get("as_cited", ""))}</span>'),
    ]
    provenance = provenance_html(detail.source)
    disclosure = f'<p style="color:{theme.muted};font-size:small">{provenance}</p>' if provenance else ""
    sections = [
        page.field_box("What the study reports", "reports", theme.reports),
        page.field_box("How the source uses it", "article_use", theme.article_use, disclosure, references=True),
        page.field_box("Where the source differs from the study", "discrepancies", theme.differs),
    ]
    return head + _field_rows(rows, theme) + "".join(sections)


def context_html(page: _Page) -> str:
    """A checked source beyond the article: its citation, identifiers and what it reports."""
    theme, f = page.theme, page.detail.fields
    rows = [
        ("Citation", esc(f.get("citation", ""))),
        ("Identifiers", _identifier_links(f)),
        ("How it was checked", esc(f.get("checked", ""))),
    ]
    note = (
        f'<p style="color:{theme.muted}">{page.anchor("Citation")}Beyond the article: the article does not '
        "cite this source. It is shown beside the article's view and does not change what the article says.</p>"
    )
    return note + _field_rows(rows, theme) + page.field_box("What the source reports", "reports", theme.reports)


def provenance_html(source: SourceBrief | None) -> str:
    """Which source this is, as a link, and its disclosure (first sentence)."""
    if source is None:
        return ""
    named = f'Source: <a href="hipref:{esc(source.ref)}">{esc(source.title)}</a>.'
    disclosure = first_sentence(source.disclosure)
    return f"{named} {esc(disclosure)}" if disclosure else named


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, on one line."""
    text = " ".join(text.split())
    end = re.search(r"[.!?](?=\s+[A-Z])", text)
    return text[: end.end()] if end else text


def excerpt_header(detail: EntryDetail, context: PageContext) -> str:
    """Where the excerpt sits in its source, that it is verbatim, and the source's disclosure."""
    source = detail.source
    where = f"Section {detail.position}"
    if source is not None:
        where += f" of {source.excerpts}" if source.excerpts else ""
        where += f' of <a href="hipref:{esc(source.ref)}">{esc(source.title)}</a>'
    disclosure = first_sentence(source.disclosure) if source else ""
    return (
        f'<p style="color:{context.theme.muted}">{where}. Quoted verbatim.'
        + (f" {esc(disclosure)}" if disclosure else "")
        + "</p>"
    )


def _anchored(fragment: str, anchor: str) -> str:
    """``fragment`` with ``anchor`` at the start of its first element's text."""
    opened = fragment.find(">") + 1
    return fragment[:opened] + anchor + fragment[opened:] if opened else anchor + fragment


def body_html(page: _Page) -> str:
    """The body, section by section, each ``## `` section followed by its provenance marker."""
    detail, theme = page.detail, page.theme
    if detail.type == "excerpt":
        return _anchored(page.md(detail.body_md, references=True), page.anchor("Excerpt"))
    parts = []
    for part in body_sections(detail.body_md):
        label = part.heading or ("Clinician summary" if detail.type == "condition" else "Details")
        parts.append(_anchored(page.md(f"## {label}"), page.anchor(label)))
        parts.append(marker_line(detail, part.key, theme))
        parts.append(page.md(part.text))
    return "".join(parts)


def render_page(detail: EntryDetail, context: PageContext = PageContext()) -> RenderedPage:
    """The reader page for one entry, and its outline."""
    page, theme = _Page(detail, context), context.theme
    size = "large" if len(detail.title) > 70 else "x-large"
    top = [f'<h1 style="margin-bottom:2px;font-size:{size}">{page.plain(detail.title)}</h1>', _type_line(page)]
    if detail.type == "excerpt":
        top.append(excerpt_header(detail, context))
    parts = [
        page.box("Bottom line", page.md(detail.summary_md), theme.bottom_line, "summary"),
        page.box("In plain words", page.md(detail.plain_md), theme.plain, "plain"),
    ]
    if detail.type == "study":
        parts.append(study_html(page))
    if detail.type == "context":
        parts.append(context_html(page))
    if detail.type == "structure":
        kind = detail.fields.get("kind", "")
        parts.append(
            _field_rows(
                [
                    ("Kind", esc(kind.capitalize())),
                    ("Location", page.field("location") + marker_line(detail, "location", theme)),
                    ("Function", page.field("function") + marker_line(detail, "function", theme)),
                ],
                theme,
            )
        )
    if detail.type == "site":
        parts.append(_field_rows([("Approach", esc(detail.fields.get("approach", "")))], theme))
    if detail.type == "source":
        f = detail.fields
        authors = ", ".join(f.get("authors", [])) if isinstance(f.get("authors"), list) else f.get("authors", "")
        parts.append(
            _field_rows(
                [("Authors", esc(authors)), ("Published", esc(f"{f.get('publisher', '')}, {f.get('date', '')}"))],
                theme,
            )
        )
        parts.append(page.field_box("Disclosure", "disclosure", theme.article_use))
    if detail.body_md.strip():
        parts.append(body_html(page))
    parts.append(legend(detail, theme))
    rest = ""  # where the linked strip sends the reader for the rest: the page's list
    if detail.links:
        parts.append(links_html(detail.links, theme, anchor=page.anchor("Linked entries")))
        rest = f"#{page.sections[-1].anchor}"
    top.append(outline_html(page.sections, theme))
    top.append(linked_strip_html(detail.links, theme, rest))
    html_text = "\n".join(p for p in top + parts if p)
    return RenderedPage(html_text, tuple(page.sections))


def render_entry(detail: EntryDetail, context: PageContext = PageContext()) -> str:
    """The reader page for one entry."""
    return render_page(detail, context).html


def plain_page(title: str, plain_md: str, parts: list[str] | tuple[str, ...] = ()) -> str:
    """A patient-facing page: the title, the plain explanation, the parts of the hip involved."""
    page = [f"<h1>{esc(title)}</h1>", md(plain_md)]
    if parts:
        page.append(f"<p><b>Parts of the hip involved:</b> {esc(', '.join(parts))}</p>")
    return "\n".join(page)


def render_plain(detail: EntryDetail) -> str:
    """The patient-facing page of an entry: no statistics, no citations."""
    parts = [link.title for link in detail.links if link.type in ("structure", "site")]
    return plain_page(detail.title, detail.plain_md or detail.summary_md, parts)
