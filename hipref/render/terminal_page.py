"""The reader's page as plain text for a terminal, read back from the HTML the window draws.

``hipref show`` prints the very page the window shows (``render_entry``), so the command line
shows every field the window shows, in the same order, and cannot fall behind it. Markdown has
already become HTML by then; what comes out is wrapped lines of runs, some bold, never ``**``
marks. Headings are underlined, badges bracketed, field tables laid out as label and value,
and each linked entry ends with its REF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from hipref.render.terminal_text import MIN_WIDTH, NBSP, Line, Run, columns, line_text, trim, wrap

_WEIGHT = re.compile(r"font-weight\s*:\s*(\w+)")
_TIGHT = re.compile(r"margin-top\s*:\s*0(?![.\d])")

BLOCKS = {"p", "div", "ul", "ol", "li", "blockquote", "pre", "table", "tr", "td", "th", "hr"}
HEADINGS = {"h1": "=", "h2": "-", "h3": "", "h4": "", "h5": "", "h6": ""}
BOLD_TAGS = {"b", "strong", "th"}
VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr"}
LABEL_SHARE = 3  # a table's label column takes at most a third of the width...
LABEL_MAX = 16  # ...and at most this many columns: a longer label stands on its own line


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    children: list[_Element | str]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("root", {}, [])
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs}, [])
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Element(tag, {k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _is_bold(element: _Element, inherited: bool = False) -> bool:
    """Whether ``element`` is drawn bold: its tag or its ``font-weight`` says so, else its parent."""
    weight = _WEIGHT.search(element.attrs.get("style", ""))
    if weight:
        return weight.group(1) in ("bold", "bolder", "600", "700", "800", "900")
    return inherited or element.tag in BOLD_TAGS


def _is_block(node: _Element | str) -> bool:
    return isinstance(node, _Element) and (node.tag in BLOCKS or node.tag in HEADINGS)


def _inline_runs(node: _Element | str, bold: bool, out: list[list[Run]]) -> None:
    """Append the runs of inline ``node`` to the last of ``out``; ``<br>`` starts another."""
    if isinstance(node, str):
        out[-1].append(Run(node, bold))
        return
    if node.tag == "br":
        out.append([])
        return
    bold = _is_bold(node, bold)
    if node.tag == "span" and "background-color" in node.attrs.get("style", ""):
        # A badge: the window draws it on a coloured ground, padded with no-break spaces.
        inner: list[list[Run]] = [[]]
        for child in node.children:
            _inline_runs(child, bold, inner)
        out[-1].extend([Run("[", bold), *trim([run for part in inner for run in part]), Run("]", bold)])
        return
    for child in node.children:
        _inline_runs(child, bold, out)


def _paragraph(nodes: list[_Element | str], width: int, bold: bool) -> list[Line]:
    parts: list[list[Run]] = [[]]
    for node in nodes:
        _inline_runs(node, bold, parts)
    lines: list[Line] = []
    for runs in parts:
        lines.extend(wrap(runs, width))
    return lines


class _Layout:
    """Lays out the element tree as blocks of wrapped lines, blank lines between blocks."""

    def block(self, element: _Element, width: int, bold: bool = False) -> list[Line]:
        tag = element.tag
        bold = _is_bold(element, bold)
        if tag in HEADINGS:
            lines = _paragraph(element.children, width, True)
            rule = HEADINGS[tag]
            if rule and lines:
                lines.append((Run(rule * min(width, max(columns(line_text(line)) for line in lines))),))
            return lines
        if tag in ("ul", "ol"):
            return self.list_items(element, width, ordered=tag == "ol")
        if tag == "table":
            return self.table(element, width)
        if tag == "blockquote":
            return [(Run("  "), *line) for line in self.children(element, width - 2, bold)]
        if tag == "pre":
            text = "".join(_text_of(element))
            return [(Run("  " + row),) for row in text.strip("\n").splitlines()]
        if tag == "hr":
            return []
        if tag == "li":
            return self.list_item(element, width, "- ", bold)
        return self.children(element, width, bold)

    def children(self, element: _Element, width: int, bold: bool = False, gap: bool = True) -> list[Line]:
        """Lay out mixed children: runs of inline nodes become paragraphs, blocks are recursed."""
        groups: list[list[Line]] = []
        tight: set[int] = set()  # groups drawn with no space above them (margin-top:0)
        inline: list[_Element | str] = []

        def flush() -> None:
            if inline:
                lines = _paragraph(inline, width, bold)
                if lines:
                    groups.append(lines)
                inline.clear()

        for child in element.children:
            if _is_block(child):
                flush()
                lines = self.block(child, width, bold)  # type: ignore[arg-type]
                if lines:
                    if _TIGHT.search(child.attrs.get("style", "")):  # type: ignore[union-attr]
                        tight.add(len(groups))
                    groups.append(lines)
            else:
                inline.append(child)
        flush()
        return _stacked(groups, gap, tight)

    def list_item(self, element: _Element, width: int, marker: str, bold: bool) -> list[Line]:
        first, *_ = element.children or [""]
        links_to = (
            first.attrs.get("href", "")[7:]
            if isinstance(first, _Element) and first.tag == "a" and first.attrs.get("href", "").startswith("hipref:")
            else ""
        )
        if links_to:
            # A linked entry: its relation kept in one piece, then its REF for `hipref show`.
            relation = " ".join("".join(text for child in element.children[1:] for text in _text_of(child)).split())
            glued = NBSP.join(relation.split(" ")) if relation else ""
            element = _Element(element.tag, element.attrs, [first, f" {glued}{NBSP}{NBSP}{links_to}"])
        pad = " " * len(marker)
        lines = self.children(element, width - len(marker), bold, gap=False)
        return [(Run(marker if index == 0 else pad), *line) for index, line in enumerate(lines)]

    def list_items(self, element: _Element, width: int, ordered: bool) -> list[Line]:
        items = [child for child in element.children if isinstance(child, _Element) and child.tag == "li"]
        start = int(given) if (given := element.attrs.get("start", "1")).isdigit() else 1
        digits = len(str(start + len(items)))
        out: list[Line] = []
        for number, item in enumerate(items, start):
            marker = f"{number}.".ljust(digits + 2) if ordered else "- "
            out.extend(self.list_item(item, width, marker, False))
        return out

    def table(self, element: _Element, width: int) -> list[Line]:
        rows = _descendants(element, "tr")
        cells = [[c for c in row.children if isinstance(c, _Element) and c.tag in ("td", "th")] for row in rows]
        labels = [columns(" ".join("".join(_text_of(row[0])).split())) for row in cells if len(row) > 1]
        label_width = min(max((n for n in labels if n <= LABEL_MAX), default=0), width // LABEL_SHARE)
        blocks: list[list[Line]] = []
        for row in cells:
            if not row:
                continue
            if len(row) == 1:
                lines = self.children(row[0], width)
                if lines:
                    blocks.append(lines)
                continue
            value = _Element("td", {}, [child for cell in row[1:] for child in cell.children])
            label_lines = _paragraph(row[0].children, width, _is_bold(row[0]))
            value_lines = self.children(value, width - label_width - 2)
            if not value_lines:
                continue
            if len(label_lines) == 1 and columns(line_text(label_lines[0])) <= label_width:
                label = label_lines[0]
                pad = " " * (label_width - columns(line_text(label)) + 2)
                lines = [(*label, Run(pad), *value_lines[0])]
            else:
                lines = [*label_lines, (Run(" " * (label_width + 2)), *value_lines[0])]
            lines.extend((Run(" " * (label_width + 2)), *line) for line in value_lines[1:])
            blocks.append(lines)
        # Boxes (one cell a row) stand apart; the rows of a field table sit together.
        return _stacked(blocks, gap=all(len(row) <= 1 for row in cells))


def _stacked(blocks: list[list[Line]], gap: bool, tight: set[int] | frozenset[int] = frozenset()) -> list[Line]:
    """Blocks one after another, with a blank line between them when ``gap`` (but not above a
    block in ``tight``)."""
    out: list[Line] = []
    for index, lines in enumerate(blocks):
        if index and gap and index not in tight:
            out.append(())
        out.extend(lines)
    return out


def _descendants(element: _Element, tag: str):
    for child in element.children:
        if isinstance(child, _Element):
            if child.tag == tag:
                yield child
            elif child.tag != "table":
                yield from _descendants(child, tag)


def _text_of(node: _Element | str) -> list[str]:
    if isinstance(node, str):
        return [node]
    return [text for child in node.children for text in _text_of(child)]


def html_lines(html: str, width: int) -> list[Line]:
    """The page's HTML as wrapped lines of runs, at most ``width`` columns wide."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return _Layout().children(builder.root, max(MIN_WIDTH, width))
