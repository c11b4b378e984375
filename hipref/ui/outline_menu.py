"""The jump list: the open entry's sections, and the entries it links to, from the keyboard.

Go > Jump to section (Ctrl+J) opens it over the reader; arrows and Enter (or a section's
first letter) jump. It is read from the page's outline, so it names what the page shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QWidget

from hipref.content.schema import TYPES
from hipref.render.outline import Section
from hipref.store.records import LinkedEntry


def _escape(label: str) -> str:
    return label.replace("&", "&&")


class OutlineMenu(QMenu):
    jump = Signal(str)  # a section's anchor
    open_ref = Signal(str)  # a linked entry's TYPE/SLUG

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Jump to", parent)
        self.setAccessibleName("Jump to a section")

    def fill(self, sections: Iterable[Section], links: Iterable[LinkedEntry]) -> None:
        """Sections first, each with its first letter as its key, then the linked entries."""
        self.clear()
        used: set[str] = set()
        for target in sections:
            label = _escape(target.label)
            first = label[0].lower()
            if first.isalpha() and first not in used:  # a mnemonic: the first free first letter
                used.add(first)
                label = "&" + label
            action = self.addAction(label)
            action.setData(target.anchor)
            action.triggered.connect(lambda _=False, a=target.anchor: self.jump.emit(a))
        order = {type_: index for index, type_ in enumerate(TYPES)}
        linked = sorted(links, key=lambda link: order.get(link.type, len(order)))
        if linked:
            submenu = self.addMenu("Open a linked entry")
            for link in linked:
                action = submenu.addAction(_escape(link.title))
                action.setData(link.ref)
                action.triggered.connect(lambda _=False, r=link.ref: self.open_ref.emit(r))

    def labels(self) -> list[str]:
        return [a.text().replace("&&", "\0").replace("&", "").replace("\0", "&") for a in self.actions()]
