"""Diagrams, presentation mode and the patient handout, used as an educator would."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtSvg import QSvgRenderer

from hipref import paths
from hipref.content.diagrams import load_diagrams


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
