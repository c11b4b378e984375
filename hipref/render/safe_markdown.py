"""A Markdown extension that makes content harmless to display.

Raw HTML is shown as text, images become their alt text (nothing is ever fetched), and links
keep only safe targets: ``TYPE/SLUG`` becomes an internal ``hipref:`` link, ``https:`` and
``http:`` stay external (opened in the system browser only when clicked), anything else
(``javascript:``, ``file:``, ``data:``, ...) is dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

INTERNAL_REF = re.compile(r"^(condition|structure|site|treatment|study|excerpt|term|source)/[a-z0-9-]+$")
EXTERNAL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)


def safe_href(href: str) -> str | None:
    """The link target to keep, or ``None`` to drop the link (keeping its text)."""
    href = (href or "").strip()
    if INTERNAL_REF.match(href):
        return "hipref:" + href
    if href.startswith("hipref:") and INTERNAL_REF.match(href[7:]):
        return href
    if EXTERNAL.match(href):
        return href
    return None


class _SafeTree(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    span = ET.Element("span")
                    span.text = f"[image: {child.get('alt') or 'not shown'}]"
                    span.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, span)
                elif child.tag == "a":
                    target = safe_href(child.get("href", ""))
                    for name in list(child.attrib):
                        del child.attrib[name]
                    if target is None:
                        child.tag = "span"
                    else:
                        child.set("href", target)


class SafeMarkdownExtension(Extension):
    """Escape raw HTML and filter link and image targets."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeTree(md), "hipref_safe", 0)
