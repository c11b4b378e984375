"""Which entries each anatomy diagram draws, read from the SVG ids (no Qt needed).

Contract: every drawn structure or injection site is an element whose ``id`` is its slug,
inside one of the ``layer-*`` groups; labels are ``label-<slug>``; decoration is ``bg-*``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from hipref.content.records import EntryRecord, Problem

# Drawn bottom to top; a highlighted element is drawn again in this same order.
LAYERS = (
    "layer-bones",
    "layer-ligaments",
    "layer-muscles",
    "layer-nerves-vessels",
    "layer-sites",
    "layer-labels",
)
CAPTION = "Schematic, not to scale, not an injection guide."
_NON_ENTRY_PREFIXES = ("layer-", "label-", "bg-")
_NON_ENTRY_IDS = {"background"}


@dataclass(frozen=True)
class DiagramInfo:
    """One diagram file: its name (``anterior``), title and the entry slugs it draws."""

    name: str
    path: Path
    title: str
    slugs: tuple[str, ...]
    layer_of: dict[str, str]


def diagram_files(resources: Path) -> list[Path]:
    return sorted((resources / "diagrams").glob("*.svg"))


def read_diagram(path: Path) -> DiagramInfo:
    """Parse one SVG and list the entry slugs it draws, in document order."""
    root = ET.parse(path).getroot()
    ns = root.tag.split("}")[0] + "}" if root.tag.startswith("{") else ""
    title_node = root.find(f"{ns}title")
    slugs: list[str] = []
    layer_of: dict[str, str] = {}
    for layer in root:
        layer_id = layer.get("id", "")
        if not layer_id.startswith("layer-"):
            continue
        for element in layer.iter():
            element_id = element.get("id")
            if not element_id or element_id in _NON_ENTRY_IDS or element_id.startswith(_NON_ENTRY_PREFIXES):
                continue
            if element_id not in layer_of:
                slugs.append(element_id)
                layer_of[element_id] = layer_id
    title = (title_node.text or path.stem).strip() if title_node is not None else path.stem
    return DiagramInfo(path.stem, path, title, tuple(slugs), layer_of)


def load_diagrams(resources: Path) -> tuple[list[DiagramInfo], list[Problem]]:
    diagrams, problems = [], []
    for path in diagram_files(resources):
        try:
            diagrams.append(read_diagram(path))
        except (ET.ParseError, OSError) as exc:
            problems.append(Problem(f"diagrams/{path.name}", f"cannot read SVG: {exc}"))
    return diagrams, problems


def check_diagrams(records: list[EntryRecord], resources: Path) -> list[Problem]:
    """Every structure and site is drawn somewhere, and everything drawn is an entry."""
    diagrams, problems = load_diagrams(resources)
    if not diagrams:
        return problems + [Problem("diagrams", "no diagrams found in resources/diagrams")]
    drawable = {r.slug: r for r in records if r.type in ("structure", "site")}
    drawn: set[str] = set()
    for diagram in diagrams:
        for slug in diagram.slugs:
            drawn.add(slug)
            if slug not in drawable:
                problems.append(
                    Problem(f"diagrams/{diagram.path.name}", f"element {slug!r} is not a structure or site entry")
                )
    for slug, record in sorted(drawable.items()):
        if slug not in drawn:
            problems.append(Problem(record.path, "not drawn in any diagram"))
    return problems


DRAWN_TYPES = ("structure", "site")
VIEW_ORDER = ("anterior", "lateral", "posterior", "section")


def focus_slugs(ref_type: str, slug: str, linked: list[tuple[str, str]]) -> tuple[str, ...]:
    """What a diagram highlights for an entry: itself if drawn, else its drawn links.

    ``linked`` holds (type, slug) of the entries linked to it. A site also lights up the
    structures it targets; a condition its structures and the sites that reach them.
    """
    if ref_type in DRAWN_TYPES:
        own = (slug,)
        if ref_type == "site":
            own += tuple(s for t, s in linked if t == "structure")
        return own
    return tuple(dict.fromkeys(s for t, s in linked if t in DRAWN_TYPES))


def best_view(diagrams: list[DiagramInfo], slugs: tuple[str, ...]) -> DiagramInfo | None:
    """The diagram that shows most of ``slugs`` (the first slug counts double), in view order."""
    if not diagrams:
        return None

    def score(diagram: DiagramInfo) -> tuple[int, int]:
        drawn = set(diagram.slugs)
        points = sum(2 if i == 0 else 1 for i, s in enumerate(slugs) if s in drawn)
        order = VIEW_ORDER.index(diagram.name) if diagram.name in VIEW_ORDER else len(VIEW_ORDER)
        return (-points, order)

    return min(diagrams, key=score)
