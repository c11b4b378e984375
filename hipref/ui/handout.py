"""A one-page patient handout: title, highlighted diagram, plain words, and where it comes from."""

from __future__ import annotations

import datetime as dt
import errno
import html
import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from hipref.content.diagrams import CAPTION
from hipref.render.page import first_sentence, md
from hipref.render.theme import LIGHT
from hipref.store.records import EntryDetail

NOT_ADVICE = (
    "This sheet is general information to support a conversation with your clinician. "
    "It is not medical advice about your own situation."
)
# The page is laid out in points, so a width here is its printed width. At 324 pt an
# 800-unit diagram prints its 20-unit labels at 8.1 pt.
DIAGRAM_WIDTH_PT = 324


def page_layout() -> QPageLayout:
    """A4 portrait with the handout's margins, for the PDF and for the printer alike."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(16, 14, 16, 14))


def handout_html(detail: EntryDetail, related: list[EntryDetail], source: str) -> str:
    """The handout page as HTML; the diagram is the document resource ``diagram.png``."""
    parts = [
        f'<h1 style="font-size:18pt;margin-bottom:2px">{html.escape(detail.title)}</h1>',
        '<table cellspacing="0" cellpadding="0" width="100%"><tr>'
        f'<td width="{DIAGRAM_WIDTH_PT}" valign="top"><img src="diagram.png" width="{DIAGRAM_WIDTH_PT}"/>'
        f'<p style="font-size:8.5pt;color:{LIGHT.muted};margin-top:2px">{html.escape(CAPTION)}</p></td>'
        '<td valign="top" style="padding-left:14px;font-size:10pt">'
        '<h2 style="font-size:12pt;margin-top:0">In plain words</h2>'
        f"{md(detail.plain_md or detail.summary_md)}</td>"
        "</tr></table>",
    ]
    if related:
        items = "".join(
            f"<li><b>{html.escape(r.title)}</b>: {html.escape(first_sentence(r.plain_md))}</li>" for r in related
        )
        parts.append('<h2 style="font-size:12pt;margin-top:8px">Parts of the hip involved</h2>')
        parts.append(f'<ul style="font-size:10pt">{items}</ul>')
    prepared = f"Prepared {dt.date.today():%d %B %Y}."
    parts.append(f'<p style="font-size:8.5pt;color:{LIGHT.muted}">{prepared} Source: {html.escape(source)}</p>')
    parts.append(f'<p style="font-size:8.5pt;color:{LIGHT.muted}"><i>{html.escape(NOT_ADVICE)}</i></p>')
    return "\n".join(parts)


def build_document(detail: EntryDetail, related: list[EntryDetail], source: str, diagram: QImage) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultStyleSheet(
        f"body {{ color:{LIGHT.text}; font-size:11pt; }} h1, h2 {{ color:{LIGHT.text}; }} li {{ margin-bottom:3px; }}"
    )
    font = document.defaultFont()
    font.setPointSize(11)
    document.setDefaultFont(font)
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("diagram.png"), diagram)
    document.setHtml(handout_html(detail, related, source))
    document.setPageSize(QSizeF(page_layout().paintRectPoints().size()))
    return document


def write_pdf(path: Path, document: QTextDocument) -> None:
    """Write ``document`` to an A4 PDF at ``path``, whole or not at all: it is written to a
    temporary file beside ``path`` and moved over it once complete (raises OSError)."""
    path = Path(path)
    part = path.with_name(f".{path.name}.part")
    part.open("wb").close()  # a folder that cannot be written raises here, with its reason
    writer = QPdfWriter(str(part))
    writer.setPageLayout(page_layout())
    writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle) or "hipref handout")
    writer.setCreator("hipref")
    try:
        document.print_(writer)
        del writer  # closes and flushes the file
        if not part.is_file() or part.stat().st_size == 0:
            raise OSError(errno.EIO, "the PDF could not be written", str(path))
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
