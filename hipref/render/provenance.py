"""Small per-section markers saying where an entry's text comes from, and their legend.

A reader should be able to tell, without reading the content file, whether a paragraph
reports the article, a cited study, a checked source beyond the article, or general
knowledge; the marker is quiet so it never competes with the text itself.
"""

from __future__ import annotations

import html

from hipref.render.theme import Theme
from hipref.store.records import EntryDetail

KIND_WORDS = {
    "source": "source",
    "study": "study",
    "context": "beyond the article",
    "general": "general knowledge",
}

LEGEND = (
    ("source", "the source entry it reports (for most entries, the article), quoted or paraphrased"),
    ("study", "a cited study, from its verified abstract"),
    ("beyond the article", "a checked source the article does not cite, with its DOI or PMID"),
    ("general knowledge", "standard anatomy or clinical knowledge, not from the article"),
)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def origins(detail: EntryDetail, key: str) -> list[str]:
    """The origins recorded for one section of ``detail`` (empty when none are recorded)."""
    table = detail.fields.get("provenance")
    if not isinstance(table, dict):
        return []
    value = table.get(key)
    return [str(v) for v in value] if isinstance(value, list) else []


def _short_title(detail: EntryDetail, ref: str) -> str:
    for link in detail.links:
        if link.ref == ref:
            return link.title.split(":", 1)[0].strip()
    slug = ref.split("/", 1)[1]
    return " ".join(word.capitalize() if word.isalpha() else word.upper() for word in slug.split("-"))


def _label(detail: EntryDetail, origin: str) -> str:
    kind = origin.split("/", 1)[0]
    if kind == "general":
        return _esc(KIND_WORDS[kind])
    if origin == detail.ref:
        return {"study": "this study's abstract", "context": "this source"}.get(kind, "this source")
    if kind == "source":
        return f'<a href="hipref:{_esc(origin)}">source</a>'
    name = _esc(_short_title(detail, origin))
    link = f'<a href="hipref:{_esc(origin)}">{name}</a>'
    return f"{link} ({_esc(KIND_WORDS[kind])})" if kind == "context" else link


def marker(detail: EntryDetail, key: str, theme: Theme) -> str:
    """``From: article · Svege 2016`` in small muted type, or nothing when none is recorded."""
    found = origins(detail, key)
    if not found:
        return ""
    labels = " · ".join(dict.fromkeys(_label(detail, origin) for origin in found))
    return f'<span style="color:{theme.muted};font-size:small;font-weight:normal">From: {labels}</span>'


def marker_line(detail: EntryDetail, key: str, theme: Theme) -> str:
    mark = marker(detail, key, theme)
    return f'<p style="margin-top:0">{mark}</p>' if mark else ""


def legend(detail: EntryDetail, theme: Theme) -> str:
    """What the markers mean, shown once at the end of a page that carries them."""
    if not isinstance(detail.fields.get("provenance"), dict) or not detail.fields["provenance"]:
        return ""
    items = "; ".join(f"<b>{_esc(word)}</b>: {_esc(meaning)}" for word, meaning in LEGEND)
    intro = "Where the text comes from (“From:” beside each section)"
    return f'<p style="color:{theme.muted};font-size:small">{intro} — {items}.</p>'
