"""Diagrams, presentation mode and the patient handout, used as an educator would."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt

from hipref import paths
from tests.ui.helpers import present


def all_drawn(window):
    return [(info, slug) for info in window.parts.diagrams for slug in info.slugs]


def test_clicking_each_element_opens_its_entry(window, qtbot):
    view = window.parts.diagram_pane.view
    for info, slug in all_drawn(window):
        window.parts.diagram_pane.show_view(info.name)
        view.fit()
        point = view.view_point_of(slug)
        assert point is not None, (info.name, slug)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert window.session.current is not None and window.session.current.ref == window.parts.drawn_refs[slug], (
            info.name,
            slug,
        )


def test_opening_an_entry_highlights_it_and_dims_the_rest(window):
    window.open_ref("structure/hip-labrum")
    view = window.parts.diagram_pane.view
    assert view.info.name == "mini" and view.canvas.highlight == ("hip-labrum",)
    image = view.render_image(800, with_ink=False)
    scale = 800 / view.canvas.boundingRect().width()
    lit = image.pixelColor((view.canvas.point_on("hip-labrum") * scale).toPoint())
    dimmed = image.pixelColor((view.canvas.point_on("iliofemoral-ligament") * scale).toPoint())
    assert lit.lightness() < 180, "the highlighted structure keeps its strong colour"
    assert dimmed.lightness() > 150, "other structures are dimmed"

    window.open_ref("site/anterior-hip")
    assert view.canvas.highlight[0] == "anterior-hip"
    window.open_ref("condition/hip-osteoarthritis")
    assert view.canvas.highlight == ("iliofemoral-ligament",), "a condition lights its structures"
    window.open_ref("treatment/prolotherapy")
    assert view.canvas.highlight == ()


def test_hover_names_a_structure(window, qtbot):
    pane = window.parts.diagram_pane
    pane.view.fit()
    point = pane.view.view_point_of("iliofemoral-ligament")
    qtbot.mouseMove(pane.view.viewport(), point)
    qtbot.waitUntil(lambda: pane.hovered.text() == "Iliofemoral ligament")
    assert pane.view.canvas.hover == "iliofemoral-ligament"


def test_layers_can_be_hidden(window):
    pane = window.parts.diagram_pane
    point = pane.view.canvas.point_on("iliofemoral-ligament")
    pane.layer_actions["layer-ligaments"].setChecked(False)
    assert pane.view.canvas.slug_at(point) != "iliofemoral-ligament"
    pane.layer_actions["layer-ligaments"].setChecked(True)
    assert pane.view.canvas.slug_at(point) == "iliofemoral-ligament"


def on_screen(view, point):
    """The colour at ``point`` of the view as painted now."""
    return view.viewport().grab().toImage().pixelColor(point)


def test_the_view_shows_a_hidden_layer_gone_and_back(window):
    window.open_ref("structure/hip-labrum")
    pane = window.parts.diagram_pane
    pane.view.fit()
    point = pane.view.view_point_of("iliofemoral-ligament")
    shown = on_screen(pane.view, point)
    pane.layer_actions["layer-ligaments"].setChecked(False)
    assert on_screen(pane.view, point) != shown, "the kept picture is drawn again without it"
    pane.layer_actions["layer-ligaments"].setChecked(True)
    assert on_screen(pane.view, point) == shown


def test_opening_entries_draws_only_their_structures_again(window, monkeypatch):
    pane = window.parts.diagram_pane
    window.open_ref("structure/hip-labrum")
    pane.view.fit()
    point = pane.view.view_point_of("iliofemoral-ligament")
    dimmed = on_screen(pane.view, point)
    pictures = []
    canvas = pane.view.canvas
    real = canvas.paint_picture
    monkeypatch.setattr(canvas, "paint_picture", lambda painter: (pictures.append(1), real(painter)))
    window.open_ref("structure/iliofemoral-ligament")
    lit = on_screen(pane.view, point)
    assert lit.lightness() < dimmed.lightness(), "the newly opened structure is lit on screen"
    window.open_ref("structure/hip-labrum")
    assert on_screen(pane.view, point) == dimmed
    assert pictures == [], "the picture under the highlights is kept, not drawn again"


def test_a_view_loaded_again_is_the_same_picture_without_the_old_drawing(qtbot):
    from hipref.content.diagrams import load_diagrams
    from hipref.ui.diagram_view import DiagramView

    first_info, second_info = load_diagrams(paths.resources_dir())[0][:2]
    view = DiagramView()
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.show()
    view.load(first_info)
    first = view.canvas
    view.set_tool("pen")
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(60, 60))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(90, 80))
    assert len(view.ink.strokes) == 1
    view.load(second_info)
    assert view.info is second_info and view.canvas is not first and view.ink.strokes == []
    view.load(first_info)
    assert view.canvas is first, "its parsed drawing and kept picture are reused"
    assert view.ink.strokes == [], "a drawing does not outlive a change of view"
    assert first.scene() is view.scene() and first.picture.scene() is view.scene()


def test_zoom_keys_and_fit(window, qtbot):
    view = window.parts.diagram_pane.view
    view.setFocus()
    start = view.transform().m11()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.transform().m11() == pytest.approx(start * 1.25 * 1.25)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.transform().m11() == pytest.approx(start)


def test_presentation_mode_by_keyboard(window, qtbot):
    window.open_ref("site/anterior-hip")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    show = window.parts.teaching.presentation
    qtbot.waitUntil(show.isActiveWindow)
    assert show.isFullScreen()
    text = show.text.toPlainText()
    assert "Anterior hip" in text and "The front of the hip." in text
    assert [step.title for step in show.steps] == ["Anterior hip", "Hip labrum", "Iliofemoral ligament"]
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
    show = present(qtbot, window)
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
    window.open_ref("condition/hip-osteoarthritis")
    show = present(qtbot, window)
    qtbot.keyClick(show, Qt.Key.Key_P)
    qtbot.mousePress(show.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    qtbot.mouseRelease(show.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(150, 90))
    target = tmp_path / "handout.pdf"
    assert window.export_handout(target)
    show.close()
    reader = PdfReader(str(target))
    assert len(reader.pages) == 1, "a handout is one page"
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Hip osteoarthritis" in text and "The smooth lining of the hip joint wears thin." in text
    assert "Iliofemoral ligament" in text, "the parts of the hip involved"
    assert "A tiny article about hip pain" in text and "not medical advice" in text
    assert any("/Image" in str(page.get("/Resources", {}).get("/XObject", {})) or page.images for page in reader.pages)


def test_handout_needs_an_entry(window, tmp_path):
    assert not window.export_handout(tmp_path / "none.pdf")
    window.open_ref("structure/hip-labrum")
    window.show_welcome()
    assert not window.export_handout(tmp_path / "none.pdf") and not (tmp_path / "none.pdf").exists()


def test_present_from_the_command_line(tmp_path, fixture_db):
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
            "--db",
            str(fixture_db),
            "gui",
            "--present",
            "--open",
            "site/anterior-hip",
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


def test_handout_through_the_menu_saves_where_chosen(window, tmp_path_factory, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (chosen.pop(0) if chosen else "", ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    tmp_path = tmp_path_factory.mktemp("handouts")

    window.window_actions.handout.trigger()  # no entry: the action is off, and the command says why
    window.export_handout_dialog()
    assert "Open an entry first" in window.statusBar().currentMessage()

    window.open_ref("structure/hip-labrum")
    window.window_actions.handout.trigger()  # cancelled: nothing written, nothing said
    assert list(tmp_path.iterdir()) == [] and warnings == []

    target = tmp_path / "labrum.pdf"
    chosen.append(str(target))
    window.window_actions.handout.trigger()
    assert "Hip labrum" in " ".join(PdfReader(str(target)).pages[0].extract_text().split())
    assert window.statusBar().currentMessage() == f"Saved handout to {target}"

    chosen.append(str(tmp_path / "missing" / "labrum.pdf"))
    window.window_actions.handout.trigger()
    assert len(warnings) == 1 and "Could not write" in warnings[0]


def test_print_handout_prints_only_when_the_dialog_is_accepted(window, monkeypatch):
    from PySide6.QtGui import QTextDocument
    from PySide6.QtPrintSupport import QPrintDialog

    printed: list[str] = []
    monkeypatch.setattr(QTextDocument, "print_", lambda document, printer: printed.append(document.toPlainText()))
    answers = [QPrintDialog.DialogCode.Rejected, QPrintDialog.DialogCode.Accepted]
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: answers.pop(0))

    window.print_handout()
    assert "Open an entry first" in window.statusBar().currentMessage() and answers and not printed
    window.open_ref("condition/hip-osteoarthritis")
    window.window_actions.print.trigger()
    assert printed == []
    window.window_actions.print.trigger()
    assert len(printed) == 1 and "Hip osteoarthritis" in printed[0]


def test_presentation_with_no_entry_steps_through_every_drawn_entry(window, qtbot):
    show = present(qtbot, window)
    assert sorted(step.title for step in show.steps) == ["Anterior hip", "Hip labrum", "Iliofemoral ligament"]
    show.close()


def test_drawing_in_presentation_comes_back_to_the_window_diagram(window, qtbot):
    window.open_ref("structure/hip-labrum")
    show = present(qtbot, window)
    qtbot.keyClick(show, Qt.Key.Key_P)
    qtbot.mousePress(show.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    qtbot.mouseRelease(show.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(90, 70))
    qtbot.keyClick(show, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not show.isVisible())
    assert [s.tool for s in window.parts.diagram_pane.view.ink.strokes] == ["pen"]


def test_the_diagram_can_be_hidden_for_reading_room(window, qtbot):
    pane = window.parts.diagram_pane
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not pane.isVisible() and not window.window_actions.diagram.isChecked()
    window.window_actions.diagram.trigger()
    assert pane.isVisible()
