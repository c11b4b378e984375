"""The shipped diagrams as the window shows them to a clinician: highlighted sites in the
pane, in presentation and on handouts, the caption, labels, hover and legend, over the
bundled content and drawings."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel

from hipref import paths
from tests.ui.helpers import present, use_dark_palette


@pytest.fixture
def window(make_window, content_db):
    """The window over the shipped content and its drawings."""
    return make_window(content=content_db, resources=paths.resources_dir())


# -- drawn for a clinician: highlighted sites, caption, labels, hover, legend ---------------------
SITES = ("anterior-hip", "greater-trochanter-area", "intra-articular", "posterior-hip")
SITE_COLOUR = QColor("#c2185b")
INNER_RADIUS = 14  # the marker's filled disc, in SVG units


def _near(colour: QColor, target: QColor, tolerance: int) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], target.getRgb()[:3], strict=True))


def marker_share(image: QImage, centre: QPointF, radius: float, tolerance: int = 45) -> float:
    """Share of the pixels of a marker's disc (around ``centre``, in image pixels) in the site colour."""
    inside = hits = 0
    r = int(radius)
    for dx in range(-r, r + 1):
        for dy in range(-r, r + 1):
            if dx * dx + dy * dy <= radius * radius:
                inside += 1
                hits += _near(image.pixelColor(int(centre.x()) + dx, int(centre.y()) + dy), SITE_COLOUR, tolerance)
    return hits / inside


def on_screen_share(view, slug: str) -> float:
    image = view.viewport().grab().toImage()
    centre = view.mapFromScene(view.canvas.element_rect(slug).center())
    radius = 0.85 * INNER_RADIUS * view.transform().m11()
    assert radius >= 3, "the marker is big enough on screen to check"
    return marker_share(image, QPointF(centre), radius)


@pytest.mark.parametrize("site", SITES)
def test_a_highlighted_site_shows_in_the_entry_view(window, site):
    window.open_ref(f"site/{site}")
    view = window.parts.diagram_pane.view
    assert view.canvas.highlight[0] == site
    assert on_screen_share(view, site) > 0.5, "the marker is drawn above the structures it targets"


@pytest.mark.parametrize("site", SITES)
def test_a_highlighted_site_shows_in_presentation(window, qtbot, site):
    window.open_ref(f"site/{site}")
    show = present(qtbot, window)
    assert show.view.canvas.highlight[0] == site
    assert show.caption.isVisible() and "not an injection guide" in show.caption.text()
    assert on_screen_share(show.view, site) > 0.5
    show.close()


def _pdf_diagram(path):
    """The diagram image of a handout PDF and the width, in points, it is printed at."""
    page = PdfReader(str(path)).pages[0]
    widths = []
    page.extract_text(visitor_operand_before=lambda op, args, cm, tm: widths.append(cm[0]) if op == b"Do" else None)
    images = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
    images = [x for x in images if x.get("/Subtype") == "/Image"]
    assert len(widths) == 1 and len(images) == 1, "one diagram on the page"
    image = QImage.fromData(images[0].get_data())
    assert not image.isNull()
    return image, widths[0]


@pytest.mark.parametrize("site", SITES)
def test_a_highlighted_site_shows_on_the_handout(window, tmp_path, site):
    window.open_ref(f"site/{site}")
    target = tmp_path / "handout.pdf"
    assert window.export_handout(target)
    image, _ = _pdf_diagram(target)
    canvas = window.parts.diagram_pane.view.canvas
    scale = image.width() / canvas.boundingRect().width()
    centre = canvas.element_rect(site).center() * scale
    assert marker_share(image, centre, 0.85 * INNER_RADIUS * scale, tolerance=60) > 0.5
    text = " ".join(PdfReader(str(target)).pages[0].extract_text().split())
    assert "Schematic, not to scale, not an injection guide." in text


def test_handout_prints_every_diagram_label_at_8_points_or_more(window, tmp_path):
    window.open_ref("site/posterior-hip")
    target = tmp_path / "handout.pdf"
    assert window.export_handout(target)
    _, printed_width = _pdf_diagram(target)
    info = window.parts.diagram_pane.view.info
    sizes = [float(t.get("font-size")) for t in ET.parse(info.path).iter("{http://www.w3.org/2000/svg}text")]
    box_width = QSvgRenderer(str(info.path)).viewBoxF().width()
    assert sizes and min(sizes) * printed_width / box_width >= 8.0


def test_presentation_labels_grow_with_the_screen(window, qtbot):
    window.open_ref("site/posterior-hip")
    show = present(qtbot, window)
    show.showNormal()
    label_px = []
    for width, height in ((1024, 640), (2048, 1280)):
        before = show.view.transform().m11()
        show.resize(width, height)
        qtbot.waitUntil(lambda w=width: show.width() == w)
        qtbot.waitUntil(lambda b=before: show.view.transform().m11() != b)
        label_px.append(20 * show.view.transform().m11())
    assert label_px[0] >= 10, "labels stay readable on a 1024x640 screen"
    assert label_px[1] == pytest.approx(2 * label_px[0], rel=0.1)
    show.close()


def test_the_pane_carries_the_caption(window):
    caption = window.parts.diagram_pane.caption
    assert caption.isVisible() and caption.text() == "Schematic, not to scale, not an injection guide."


def _hover(qtbot, view, slug: str) -> None:
    qtbot.mouseMove(view.viewport(), QPoint(1, 1))  # from elsewhere, so the move is a move
    qtbot.mouseMove(view.viewport(), view.view_point_of(slug))


def test_a_hover_name_goes_when_the_entry_or_the_view_changes(window, qtbot):
    pane = window.parts.diagram_pane
    hint = pane.hovered.text()
    pane.show_view("lateral")
    _hover(qtbot, pane.view, "gluteus-medius")
    qtbot.waitUntil(lambda: pane.hovered.text() == "Gluteus medius")
    window.open_ref("structure/piriformis")  # another entry, on another view
    assert pane.view.info.name == "posterior"
    assert pane.view.canvas.hover is None and pane.hovered.text() == hint

    _hover(qtbot, pane.view, "sciatic-nerve")
    qtbot.waitUntil(lambda: pane.hovered.text() == "Sciatic nerve")
    window.open_ref("structure/gemelli")  # another entry, same view
    assert pane.view.info.name == "posterior"
    assert pane.view.canvas.hover is None and pane.hovered.text() == hint

    _hover(qtbot, pane.view, "quadratus-femoris")
    qtbot.waitUntil(lambda: pane.hovered.text() == "Quadratus femoris")
    pane.picker.setCurrentIndex(pane.picker.findData("section"))  # the reader picks another view
    assert pane.hovered.text() == hint and pane.view.toolTip() == ""


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        channels = [v / 255 for v in c.getRgb()[:3]]
        linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _best_contrast(widget, background: QColor) -> float:
    image = widget.grab().toImage()
    return max(
        _contrast(image.pixelColor(x, y), background) for x in range(image.width()) for y in range(image.height())
    )


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_legend_reads_in_light_and_dark_palettes(window, dark):
    from hipref.ui.diagram_pane import LEGEND

    if dark:
        use_dark_palette(window)
    pane = window.parts.diagram_pane
    background = pane.palette().color(QPalette.ColorRole.Window)
    labels = {label.accessibleName(): label for label in pane.findChildren(QLabel)}
    for _fill, _outline, name in LEGEND:
        swatch, text = labels[f"Legend colour: {name}"], labels[f"Legend: {name}"]
        assert swatch.isVisible() and text.isVisible()
        assert _best_contrast(swatch, background) >= 3, f"{name} swatch stands out"
        assert _best_contrast(text, background) >= 3, f"{name} text reads"


def test_a_lit_site_keeps_the_nerves_and_vessels_near_it_in_view(window):
    view = window.parts.diagram_pane.view
    window.open_ref("structure/iliopsoas")
    image = view.render_image(800, with_ink=False)
    artery = view.canvas.point_on("femoral-artery").toPoint()
    assert image.pixelColor(artery).lightness() > 150, "dimmed while another structure is lit"
    window.open_ref("site/anterior-hip")
    image = view.render_image(800, with_ink=False)
    assert _near(image.pixelColor(artery), QColor("#d62839"), 40), "in full colour beside a lit site"


def test_every_handout_with_a_diagram_fits_on_one_page(window):
    """The diagram prints large enough for its labels; the page still holds the rest."""
    store = window.services.content
    refs = [e.ref for kind in ("condition", "site", "structure") for e in store.list_entries(kind)]
    assert refs
    for ref in refs:
        window.open_ref(ref)
        document = window.parts.teaching.document(window.session.current)
        assert document.pageCount() == 1, ref
