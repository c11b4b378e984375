"""How the main window shares its width: browse pane, reader, diagram pane (plain Python, no Qt).

The reader comes first. When it would get fewer than about 60 characters a line, the diagram
pane folds away (the window offers it back); when even that is not enough, the browse pane
collapses to the search field and its results, at a narrower width. A pane the person has
asked for (a folded diagram brought back) is shown whatever the width, at the reader's cost.
The widths the person dragged the panes to are kept whenever they leave the reader enough.
"""

from __future__ import annotations

from typing import NamedTuple

READER_CHARS = 60  # the fewest characters a line the reader should get
BROWSE_SHARE, DIAGRAM_SHARE = 0.34, 0.42  # the most of the width either side pane may take
COMPACT_BROWSE_PX = 220  # the browse pane as a search field over results
SMALLEST_SIDE_PX = 160  # narrower than this, a side pane is of no use


class Panes(NamedTuple):
    """What shows, and how wide (pixels): ``diagram`` 0 when folded away. (A named tuple, not
    a dataclass: this is imported before the window's first frame, and dataclasses cost
    milliseconds to import and to make.)"""

    browse: int
    reader: int
    diagram: int
    browse_tree: bool  # False: the browse pane is only the search field and results
    diagram_folded_for_width: bool  # the diagram would show, but the reader needs the room


def reader_minimum(char_px: float, chrome_px: int) -> int:
    """Pixels the reader needs for READER_CHARS characters, its margins and scroll bar included."""
    return round(READER_CHARS * char_px) + chrome_px


def share_width(
    total: int,
    reader_min: int,
    browse_wanted: int,
    diagram_wanted: int,
    show_diagram: bool,
    force_diagram: bool = False,
) -> Panes:
    """Split ``total`` pixels. ``browse_wanted`` and ``diagram_wanted`` are the widths the panes
    had (or were dragged to); ``show_diagram`` says whether the entry has a diagram to show
    and the person wants diagrams; ``force_diagram`` that they asked for it just now."""
    browse = _side(browse_wanted, total * BROWSE_SHARE)
    diagram = _side(diagram_wanted, total * DIAGRAM_SHARE)
    if show_diagram and total - browse - diagram >= reader_min:
        return Panes(browse, total - browse - diagram, diagram, True, False)
    if show_diagram and force_diagram:  # asked for: the browse pane gives way, the reader too
        browse = _compact(browse, total - diagram - reader_min)
        return Panes(browse, max(0, total - browse - diagram), diagram, False, False)
    if total - browse >= reader_min:
        return Panes(browse, total - browse, 0, True, show_diagram)
    browse = _compact(browse, total - reader_min)
    return Panes(browse, max(0, total - browse), 0, False, show_diagram)


def _side(wanted: int, most: float) -> int:
    return int(max(SMALLEST_SIDE_PX, min(wanted, most)))


def _compact(browse: int, room: int) -> int:
    """The browse pane as a search field over results, in what room the reader leaves."""
    return max(SMALLEST_SIDE_PX, min(browse, COMPACT_BROWSE_PX, room))
