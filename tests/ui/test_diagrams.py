"""Diagrams, presentation mode and the patient handout, used as an educator would."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel

from hipref import paths
from hipref.content.diagrams import load_diagrams
from tests.ui.helpers import use_dark_palette


def all_drawn(window):
    return [(info, slug) for info in window.diagrams for slug in info.slugs]


def test_every_structure_and_site_is_drawn_and_every_drawing_is_an_entry(opened):
    diagrams, problems = load_diagrams(paths.resources_dir())
    assert problems == [] and {d.name for d in diagrams} >= {"anterior", "posterior", "lateral"}
    drawn = {slug for d in diagrams for slug in d.slugs}
    entries = {e.slug for t in ("structure", "site") for e in opened.list_entries(t)}
    assert drawn == entries
    for diagram in diagrams:
        renderer = QSvgRenderer(str(diagram.path))
        assert renderer.isValid()
        for slug in diagram.slugs:
            assert renderer.elementExists(slug) and renderer.elementExists(f"label-{slug}"), (diagram.name, slug)


def test_clicking_each_element_opens_its_entry(window, qtbot):
    view = window.diagram_pane.view
    for info, slug in all_drawn(window):
        window.diagram_pane.show_view(info.name)
        view.fit()
        point = view.view_point_of(slug)
        assert point is not None, (info.name, slug)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert window.current is not None and window.current.ref == window.drawn_refs[slug], (info.name, slug)


def test_opening_an_entry_highlights_it_on_the_best_view(window):
    window.open_ref("structure/piriformis")
    view = window.diagram_pane.view
    assert view.info.name == "posterior" and view.canvas.highlight[0] == "piriformis"
    image = view.render_image(800, with_ink=False)
    scale = 800 / view.canvas.boundingRect().width()
    lit = view.canvas.point_on("piriformis") * scale
    dimmed = view.canvas.point_on("ischiofemoral-ligament") * scale
    lit_colour = image.pixelColor(lit.toPoint())
    dim_colour = image.pixelColor(dimmed.toPoint())
    assert lit_colour.lightness() < 180, "the highlighted muscle keeps its strong colour"
    assert dim_colour.lightness() > 150, "other structures are dimmed"

    window.open_ref("condition/femoroacetabular-impingement")
    assert "hip-labrum" in view.canvas.highlight and view.info.name == "section"
    window.open_ref("site/greater-trochanter-area")
    assert view.info.name == "lateral" and view.canvas.highlight[0] == "greater-trochanter-area"


def test_hover_names_a_structure(window, qtbot):
    pane = window.diagram_pane
    pane.show_view("lateral")
    point = pane.view.view_point_of("gluteus-medius")
    qtbot.mouseMove(pane.view.viewport(), point)
    qtbot.waitUntil(lambda: pane.hovered.text() == "Gluteus medius")
    assert pane.view.canvas.hover == "gluteus-medius"


def test_layers_can_be_hidden(window):
    pane = window.diagram_pane
    pane.show_view("lateral")
    point = pane.view.canvas.point_on("gluteus-medius")
    pane.layer_actions["layer-muscles"].setChecked(False)
    assert pane.view.canvas.slug_at(point) != "gluteus-medius"
    pane.layer_actions["layer-muscles"].setChecked(True)
    assert pane.view.canvas.slug_at(point) == "gluteus-medius"


def test_zoom_keys_and_fit(window, qtbot):
    view = window.diagram_pane.view
    view.setFocus()
    start = view.transform().m11()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.transform().m11() == pytest.approx(start * 1.25 * 1.25)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.transform().m11() == pytest.approx(start)


def test_presentation_mode_by_keyboard(window, qtbot):
    window.open_ref("condition/femoroacetabular-impingement")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    show = window.presentation
    qtbot.waitUntil(show.isActiveWindow)
    assert show.isFullScreen()
    text = show.text.toPlainText()
    assert "Femoroacetabular impingement" in text and text.count("\n") >= 1
    assert "P=" not in text and "doi" not in text.lower(), "no statistics or citations for patients"
    first = show.view.canvas.highlight
    qtbot.keyClick(show, Qt.Key.Key_Right)
    assert show.index == 1 and show.view.canvas.highlight != first
    assert show.steps[1].title in show.text.toPlainText()
    qtbot.keyClick(show, Qt.Key.Key_Left)
    assert show.index == 0
    qtbot.keyClick(show, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not show.isVisible())
    assert window.isVisible()


def test_pen_highlighter_undo_clear(window, qtbot):
    window.open_ref("structure/iliofemoral-ligament")
    window.enter_presentation()
    show = window.presentation
    qtbot.waitUntil(show.isActiveWindow)
    viewport = show.view.viewport()
    qtbot.keyClick(show, Qt.Key.Key_P)
    assert show.view.tool == "pen"
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    qtbot.mouseMove(viewport, QPoint(180, 160))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(180, 160))
    qtbot.keyClick(show, Qt.Key.Key_H)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(120, 200))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(220, 200))
    assert [s.tool for s in show.view.ink.strokes] == ["pen", "highlighter"]
    qtbot.keyClick(show, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s.tool for s in show.view.ink.strokes] == ["pen"]
    qtbot.keyClick(show, Qt.Key.Key_C)
    assert show.view.ink.strokes == []
    show.close()


def test_handout_pdf_has_title_diagram_and_plain_words(window, qtbot, tmp_path):
    window.open_ref("condition/developmental-dysplasia-of-the-hip")
    window.enter_presentation()
    show = window.presentation
    qtbot.waitUntil(show.isActiveWindow)
    qtbot.keyClick(show, Qt.Key.Key_P)
    qtbot.mousePress(show.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    qtbot.mouseRelease(show.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(150, 90))
    target = tmp_path / "handout.pdf"
    assert window.export_handout(target)
    show.close()
    reader = PdfReader(str(target))
    assert len(reader.pages) == 1, "a handout is one page"
    text = " ".join(reader.pages[0].extract_text().split())
    detail = window.services.content.get_ref("condition/developmental-dysplasia-of-the-hip")
    assert detail.title in text
    first_words = " ".join(detail.plain_md.split()[:8])
    assert first_words in text
    assert "not medical advice" in text and "prolotherapy" in text
    assert any("/Image" in str(page.get("/Resources", {}).get("/XObject", {})) or page.images for page in reader.pages)


def test_handout_needs_an_entry(window, tmp_path):
    window.show_welcome()
    assert not window.export_handout(tmp_path / "none.pdf")


def test_present_from_the_command_line(tmp_path):
    import os
    import subprocess
    import sys

    shot = tmp_path / "present.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HIPREF_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "hipref",
            "gui",
            "--present",
            "--open",
            "condition/hip-labral-tear",
            "--screenshot",
            str(shot),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=paths.resources_dir().parent,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert shot.stat().st_size > 10_000 and "Traceback" not in proc.stderr


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
    view = window.diagram_pane.view
    assert view.canvas.highlight[0] == site
    assert on_screen_share(view, site) > 0.5, "the marker is drawn above the structures it targets"


@pytest.mark.parametrize("site", SITES)
def test_a_highlighted_site_shows_in_presentation(window, qtbot, site):
    window.open_ref(f"site/{site}")
    window.enter_presentation()
    show = window.presentation
    qtbot.waitUntil(show.isActiveWindow)
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
    canvas = window.diagram_pane.view.canvas
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
    info = window.diagram_pane.view.info
    sizes = [float(t.get("font-size")) for t in ET.parse(info.path).iter("{http://www.w3.org/2000/svg}text")]
    box_width = QSvgRenderer(str(info.path)).viewBoxF().width()
    assert sizes and min(sizes) * printed_width / box_width >= 8.0


def test_presentation_labels_grow_with_the_screen(window, qtbot):
    window.open_ref("site/posterior-hip")
    window.enter_presentation()
    show = window.presentation
    qtbot.waitUntil(show.isActiveWindow)
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
    caption = window.diagram_pane.caption
    assert caption.isVisible() and caption.text() == "Schematic, not to scale, not an injection guide."


def _hover(qtbot, view, slug: str) -> None:
    qtbot.mouseMove(view.viewport(), QPoint(1, 1))  # from elsewhere, so the move is a move
    qtbot.mouseMove(view.viewport(), view.view_point_of(slug))


def test_a_hover_name_goes_when_the_entry_or_the_view_changes(window, qtbot):
    pane = window.diagram_pane
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
    pane = window.diagram_pane
    background = pane.palette().color(QPalette.ColorRole.Window)
    labels = {label.accessibleName(): label for label in pane.findChildren(QLabel)}
    for _fill, _outline, name in LEGEND:
        swatch, text = labels[f"Legend colour: {name}"], labels[f"Legend: {name}"]
        assert swatch.isVisible() and text.isVisible()
        assert _best_contrast(swatch, background) >= 3, f"{name} swatch stands out"
        assert _best_contrast(text, background) >= 3, f"{name} text reads"


def test_a_lit_site_keeps_the_nerves_and_vessels_near_it_in_view(window):
    view = window.diagram_pane.view
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
        document = window.teaching.document(window.current)
        assert document.pageCount() == 1, ref
