"""A Markdown extension that turns a source's reference numbers, "(4)", into links to the
study cards they cite, with the citation as the link's hover text.

Only a number the source's reference list gives to a study is linked, and only where it
stands alone in brackets after a space or a full stop: "Nineteen (19)" (no such reference)
and a volume's issue, "27(8)", stay plain text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from hipref.store.records import EntryDetail

_NUMBER = re.compile(r"(?<![\w)\]])\((\d{1,3})\)")


@dataclass(frozen=True)
class Reference:
    """A study as its source's reference list numbers it."""

    number: int
    ref: str
    citation: str


def source_references(source_ref: str, studies: Iterable[EntryDetail]) -> dict[int, Reference]:
    """The numbered references of one source: its study cards, by their ``ref`` number."""
    from hipref.citations.formats import vancouver

    found: dict[int, Reference] = {}
    for study in studies:
        number = study.fields.get("ref")
        if study.source is None or study.source.ref != source_ref or not str(number).isdigit():
            continue
        found[int(number)] = Reference(int(number), study.ref, vancouver({**study.fields, "title": study.title}))
    return found


class _ReferenceTree(Treeprocessor):
    def __init__(self, md: Markdown, references: Mapping[int, Reference], skip: str) -> None:
        super().__init__(md)
        self.references = references
        self.skip = skip

    def _target(self, match: re.Match[str]) -> Reference | None:
        found = self.references.get(int(match.group(1)))
        return found if found is not None and found.ref != self.skip else None

    def _split(self, text: str) -> list[str | ET.Element]:
        pieces: list[str | ET.Element] = []
        last = 0
        for match in _NUMBER.finditer(text):
            target = self._target(match)
            if target is None:
                continue
            pieces.append(text[last : match.start()])
            link = ET.Element("a", {"href": f"hipref:{target.ref}", "title": target.citation})
            link.text = match.group()
            pieces.append(link)
            last = match.end()
        pieces.append(text[last:])
        return pieces

    def _apply(self, element: ET.Element) -> None:
        for child in list(element):
            if child.tag not in ("a", "code", "pre"):
                self._apply(child)
        if element.text:
            first, *rest = self._split(element.text)
            element.text = str(first)
            self._insert(element, 0, rest)
        for child in list(element):
            if child.tail:
                first, *rest = self._split(child.tail)
                child.tail = str(first)
                self._insert(element, list(element).index(child) + 1, rest)

    @staticmethod
    def _insert(element: ET.Element, position: int, pieces: list[str | ET.Element]) -> None:
        """Put each link at ``position`` onwards, the text after it as its tail."""
        for piece in pieces:
            if isinstance(piece, ET.Element):
                element.insert(position, piece)
                position += 1
                last = piece
            else:
                last.tail = piece

    def run(self, root: ET.Element) -> None:
        if self.references:
            self._apply(root)


class ReferenceLinkExtension(Extension):
    """Link "(N)" to the study numbered N in ``references`` (not to ``skip``, the page's own)."""

    def __init__(self, references: Mapping[int, Reference], skip: str = "") -> None:
        self.references = references
        self.skip = skip
        super().__init__()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # after the safety filter (priority 0), which keeps no title on a link: these links and
        # their hover text are made here from the content's own studies, not from the text
        md.treeprocessors.register(_ReferenceTree(md, self.references, self.skip), "hipref_references", -1)
