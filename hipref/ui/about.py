"""About hipref: the app's version and the content's (build date and hash), sources and a plain disclaimer."""

from __future__ import annotations

import html
import json

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from hipref import __version__
from hipref.content.schema import TYPE_LABELS
from hipref.versions import UNKNOWN, content_version

DISCLAIMER = (
    "hipref is reference material for clinicians, not medical advice. It reports one article "
    "faithfully and neutrally, and it does not endorse its position. The source article is "
    "written by a clinic that offers prolotherapy."
)


def about_html(meta: dict[str, str], sources: list[tuple[str, str]]) -> str:
    counts = json.loads(meta.get("counts", "{}"))
    count_rows = "".join(
        f"<tr><td>{html.escape(TYPE_LABELS[t][1])}</td><td align='right'>{n}</td></tr>" for t, n in counts.items() if n
    )
    versions = (
        ("App version", __version__),
        ("Content version", content_version(meta)),
        ("Content built", meta.get("build_date", UNKNOWN)),
        ("Content hash", meta.get("content_hash", UNKNOWN)[:16]),
        ("Content schema", meta.get("schema_version", UNKNOWN)),
    )
    version_rows = "".join(f"<tr><td>{name}</td><td>{html.escape(value)}</td></tr>" for name, value in versions)
    source_items = "".join(f"<li>{html.escape(title)}</li>" for _, title in sources)
    return (
        f"<h2>hipref {html.escape(__version__)}</h2>"
        "<p>An offline reference for clinicians who treat hip pain.</p>"
        f"<table cellpadding='2'>{version_rows}</table>"
        f"<p><b>Entries</b></p><table cellpadding='2'>{count_rows}</table>"
        f"<p><b>Sources</b></p><ul>{source_items}</ul>"
        f"<p><b>Disclaimer</b>: {html.escape(DISCLAIMER)}</p>"
        "<p>hipref never opens a network connection and never changes its bundled content. "
        "Your bookmarks and notes stay in your own data folder.</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, meta: dict[str, str], sources: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About hipref")
        room = self.screen().availableGeometry()  # all of it shows without scrolling, where the screen allows
        self.resize(min(540, room.width()), min(600, room.height() - 40))
        text = QTextBrowser()
        text.setOpenLinks(False)
        text.setHtml(about_html(meta, sources))
        text.setAccessibleName("About hipref")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.text = text
