"""The browse tree: categories with counts, structures grouped by kind, sortable studies."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from hipref.content.schema import DESIGNS, KIND_LABELS, TYPE_LABELS
from hipref.store.records import EntryBrief
from hipref.ui.roles import CATEGORY_ROLE, REF_ROLE

STUDY_SORTS = {
    "article": "Article order",
    "year": "Year (newest first)",
    "design": "Design",
    "evidence": "Evidence level",
}

KEPT_GROUPS = {"bookmarks": "Bookmarks", "recent": "Recent"}  # the user's own, above the types
BROWSE_ORDER = ("condition", "structure", "site", "treatment", "study", "excerpt", "term", "source", "context")


def _level_key(entry: EntryBrief) -> tuple[int, str]:
    level = str(entry.fields.get("evidence_level", "n/a"))
    return (int(level) if level.isdigit() else 99, entry.title.lower())


def sort_studies(studies: list[EntryBrief], key: str) -> list[EntryBrief]:
    if key == "year":
        return sorted(studies, key=lambda s: (-int(str(s.fields.get("year") or 0) or 0), s.title.lower()))
    if key == "design":
        designs = list(DESIGNS)
        return sorted(
            studies,
            key=lambda s: (
                designs.index(s.fields["design"]) if s.fields.get("design") in designs else 99,
                s.title.lower(),
            ),
        )
    if key == "evidence":
        return sorted(studies, key=_level_key)
    return sorted(studies, key=lambda s: (s.position, s.title.lower()))


def _entry_item(ref: str, title: str, tooltip: str = "") -> QStandardItem:
    item = QStandardItem(title)
    item.setData(ref, REF_ROLE)
    item.setData("", CATEGORY_ROLE)
    item.setEditable(False)
    item.setToolTip(tooltip or title)
    item.setData(title, Qt.ItemDataRole.AccessibleTextRole)
    return item


def _category(label: str, count: int, key: str, font: QFont) -> QStandardItem:
    item = QStandardItem()
    _name_category(item, label, count)
    item.setEditable(False)
    item.setSelectable(False)
    item.setData(key, CATEGORY_ROLE)
    item.setData("", REF_ROLE)
    item.setFont(font)
    return item


def _name_category(item: QStandardItem, label: str, count: int) -> None:
    item.setText(f"{label}  ({count})")
    item.setData(f"{label}, {count} entries", Qt.ItemDataRole.AccessibleTextRole)
    item.setToolTip(f"{label}, {count} entries")  # the whole of a long source title


def replace_group(model: QStandardItemModel, key: str, rows: Iterable[tuple[str, str]]) -> None:
    """Put ``rows`` (ref, title) in the top-level group ``key`` (bookmarks, recent) in place of
    what it held: opening an entry changes the recent entries, not the thousands of others."""
    rows = list(rows)
    root = model.invisibleRootItem()
    for number in range(root.rowCount()):
        group = root.child(number)
        if group.data(CATEGORY_ROLE) == key:
            group.removeRows(0, group.rowCount())
            for ref, title in rows:
                group.appendRow(_entry_item(ref, title))
            _name_category(group, KEPT_GROUPS[key], len(rows))
            return


def _study_label(entry: EntryBrief, sort: str) -> str:
    f = entry.fields
    if sort == "design":
        return f"{entry.title} — {f.get('design_label', '')}"
    if sort == "evidence":
        level = f.get("evidence_level", "n/a")
        return f"{entry.title} — level {level}" if level != "n/a" else f"{entry.title} — not graded"
    return entry.title


def _add_excerpts(category: QStandardItem, excerpts: list[EntryBrief], sources: dict[str, str], font: QFont) -> None:
    """Excerpts in their source's order; under a heading per source when there is more than one."""
    by_source: dict[str, list[EntryBrief]] = {}
    for entry in sorted(excerpts, key=lambda e: e.position):
        by_source.setdefault(str(entry.fields.get("source", "")), []).append(entry)
    for source in sorted(by_source, key=lambda ref: sources.get(ref, ref).lower()):
        parent = category
        if len(by_source) > 1:
            rows = by_source[source]
            parent = _category(sources.get(source, source) or "No source", len(rows), f"excerpt:{source}", font)
            category.appendRow(parent)
        for entry in by_source[source]:
            parent.appendRow(_entry_item(entry.ref, f"{entry.position}. {entry.title}", entry.title))


def build_navigator_model(
    entries: Iterable[EntryBrief],
    bookmarks: Iterable[tuple[str, str]] = (),
    recent: Iterable[tuple[str, str]] = (),
    study_sort: str = "article",
    parent=None,
) -> QStandardItemModel:
    """A tree model from plain rows: (ref, title) pairs for bookmarks and recent entries."""
    model = QStandardItemModel(parent)
    model.setHorizontalHeaderLabels(["Browse"])
    root = model.invisibleRootItem()
    bold = QFont()
    bold.setBold(True)
    by_type: dict[str, list[EntryBrief]] = {}
    for entry in entries:
        by_type.setdefault(entry.type, []).append(entry)

    for key, rows in (("bookmarks", list(bookmarks)), ("recent", list(recent))):
        label = KEPT_GROUPS[key]
        category = _category(label, len(rows), key, bold)
        for ref, title in rows:
            category.appendRow(_entry_item(ref, title))
        root.appendRow(category)

    for type_ in BROWSE_ORDER:
        items = by_type.get(type_, [])
        if not items:
            continue
        category = _category(TYPE_LABELS[type_][1], len(items), type_, bold)
        if type_ == "structure":
            kinds: dict[str, list[EntryBrief]] = {}
            for entry in items:
                kinds.setdefault(str(entry.fields.get("kind", "")), []).append(entry)
            for kind in KIND_LABELS:
                if kind in kinds:
                    group = _category(KIND_LABELS[kind], len(kinds[kind]), f"structure:{kind}", bold)
                    for entry in sorted(kinds[kind], key=lambda e: e.title.lower()):
                        group.appendRow(_entry_item(entry.ref, entry.title))
                    category.appendRow(group)
        elif type_ == "study":
            for entry in sort_studies(items, study_sort):
                category.appendRow(_entry_item(entry.ref, _study_label(entry, study_sort), entry.title))
        elif type_ == "excerpt":
            sources = {entry.ref: entry.title for entry in by_type.get("source", [])}
            _add_excerpts(category, items, sources, bold)
        else:
            for entry in sorted(items, key=lambda e: e.title.lower()):
                category.appendRow(_entry_item(entry.ref, entry.title))
        root.appendRow(category)
    return model
