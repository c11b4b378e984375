"""The outline of a page: its sections as jump targets, and the compact lines at its top.

A study card runs to several screens; the outline names each of its sections once, so the
page's jump line, the window's jump list and the anchors the reader scrolls to agree.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from hipref.content.schema import TYPE_LABELS, TYPES
from hipref.render.theme import Theme
from hipref.store.records import LinkedEntry

LONG_PAGE_SECTIONS = 4  # a page with this many sections shows its outline at the top
STRIP_TITLE_CHARS = 40  # longer titles are cut in the linked strip (whole on hover and at the end)
STRIP_PER_TYPE = 5  # the linked strip names this many entries of a type, then links to the rest


def short_title(title: str, limit: int = STRIP_TITLE_CHARS) -> str:
    """``title`` cut at a word boundary to about ``limit`` characters, with an ellipsis."""
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(frozen=True)
class Section:
    """One part of a page a reader can jump to: the anchor the page sets and its label."""

    anchor: str
    label: str


def section(label: str, taken: Iterable[Section] = ()) -> Section:
    """A section named ``label`` with an anchor no section in ``taken`` uses."""
    base = "s-" + (re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "part")
    names = {s.anchor for s in taken}
    anchor, count = base, 1
    while anchor in names:
        count += 1
        anchor = f"{base}-{count}"
    return Section(anchor, label)


def anchor_html(target: Section) -> str:
    return f'<a name="{html.escape(target.anchor)}"></a>'


def outline_html(sections: Iterable[Section], theme: Theme) -> str:
    """The jump line at the top of a long page: each section, linked to its anchor."""
    sections = list(sections)
    if len(sections) < LONG_PAGE_SECTIONS:
        return ""
    items = " &nbsp;·&nbsp; ".join(f'<a href="#{html.escape(s.anchor)}">{html.escape(s.label)}</a>' for s in sections)
    return f'<p style="font-size:small"><span style="color:{theme.muted}">On this page:</span> &nbsp;{items}</p>'


def by_type(links: Iterable[LinkedEntry], limit: int) -> list[tuple[str, list[LinkedEntry], int]]:
    """``links`` grouped by type in the order of TYPES, in their own order within a type: for
    each, the type, its first ``limit`` entries and how many it has."""
    grouped: dict[str, list[LinkedEntry]] = {}
    for link in links:
        grouped.setdefault(link.type, []).append(link)
    order = {type_: index for index, type_ in enumerate(TYPES)}
    types = sorted(grouped, key=lambda type_: order.get(type_, len(order)))
    return [(type_, grouped[type_][:limit], len(grouped[type_])) for type_ in types]


def _strip_items(type_: str, shown: list[LinkedEntry], total: int, rest: str) -> str:
    items = [
        f'<a href="hipref:{html.escape(link.ref)}" title="{html.escape(f"{link.title} ({link.relation})")}">'
        f"{html.escape(short_title(link.title))}</a>"
        for link in shown
    ]
    if total > len(shown):
        where = f"All {total:,} linked: {TYPE_LABELS.get(type_, (type_, type_))[1]}, under Linked entries"
        items.append(f'<a href="{html.escape(rest)}" title="{html.escape(where)}">{total - len(shown):,} more</a>')
    return " &nbsp;·&nbsp; ".join(items)


def linked_strip_html(links: Iterable[LinkedEntry], theme: Theme, rest: str) -> str:
    """The entries this one links to, in a few lines near the top, grouped by type: the first
    of each type, and a link to the rest (``rest``: the page's list of linked entries)."""
    items = " &nbsp;·&nbsp; ".join(
        _strip_items(type_, shown, total, rest) for type_, shown, total in by_type(links, STRIP_PER_TYPE)
    )
    if not items:
        return ""
    return f'<p style="font-size:small"><span style="color:{theme.muted}">Linked:</span> &nbsp;{items}</p>'
