"""The main window driven as a clinician would: type, arrow, Enter, click, go back, keep."""

from __future__ import annotations

import json

import bibtexparser
import rispy
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from hipref.ui.roles import HEADER_ROLE
from tests.ui.helpers import click_link, result_refs, type_query, use_dark_palette


def test_search_has_focus_at_start(window, qtbot):
    qtbot.waitUntil(window.search.hasFocus)


def test_results_update_as_you_type_without_enter(window, qtbot):
    type_query(qtbot, window, "iliofem")
    assert window.left_stack.currentIndex() == 1
    assert result_refs(window)[0] == "structure/iliofemoral-ligament"
    assert window.results.current_ref() == "structure/iliofemoral-ligament"


def test_results_grouped_by_type(window, qtbot):
    type_query(qtbot, window, "gluteus")
    model = window.results_model
    headers = [model.index(r, 0).data() for r in range(model.rowCount()) if model.index(r, 0).data(HEADER_ROLE)]
    assert any(h.startswith("Ligaments, tendons and structures") for h in headers)
    assert any(h.startswith("Article excerpts") for h in headers)


def test_arrows_and_enter_open_a_result(window, qtbot):
    type_query(qtbot, window, "gluteus med")
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.results.hasFocus()
    qtbot.keyClick(window.results, Qt.Key.Key_Down)
    second = window.results.current_ref()
    qtbot.keyClick(window.results, Qt.Key.Key_Return)
    assert window.current is not None and window.current.ref == second


def test_enter_in_search_opens_top_result(window, qtbot):
    type_query(qtbot, window, "FAI")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.current.ref == "condition/femoroacetabular-impingement"
    assert "Bottom line".upper() in window.reader.toPlainText()


def test_escape_clears_the_search(window, qtbot):
    type_query(qtbot, window, "prolo")
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    qtbot.waitUntil(lambda: window.left_stack.currentIndex() == 0)


def test_hostile_text_in_search_box(window, qtbot):
    for text in ['"(', "AND OR NOT", "'; DROP TABLE entry; --", "*^:-+", "NEAR(a"]:
        type_query(qtbot, window, text)
    for text in ["🦴 مفصل الورك", "hip\x00pain", "Gül"]:  # pasted rather than typed
        window.search.setText(text)
        qtbot.waitUntil(lambda: window.results_model.query == window.search.text())
    assert result_refs(window)[0] == "study/gul-2020"
    window.search.setText("x" * 5000)
    qtbot.waitUntil(lambda: window.results_model.query == "x" * 256)


def test_follow_link_then_go_back_and_forward(window, qtbot):
    assert window.open_ref("condition/femoroacetabular-impingement")
    click_link(qtbot, window.reader, "Hip labrum")
    qtbot.waitUntil(lambda: window.current.ref == "structure/hip-labrum")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current.ref == "condition/femoroacetabular-impingement"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current.ref == "structure/hip-labrum"


def test_browse_tree_opens_entries(window, qtbot):
    model = window.navigator.model()
    conditions = next(
        model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data().startswith("Conditions")
    )
    assert "(17)" in conditions.data()
    first = model.index(0, 0, conditions)
    rect = window.navigator.visualRect(first)
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current is not None and window.current.type == "condition"


def test_study_card_layout_and_copy(window, qtbot):
    window.open_ref("study/gul-2020")
    text = window.reader.toPlainText()
    for part in (
        "WHAT THE STUDY REPORTS",
        "HOW THE SOURCE USES IT",
        "Source: Why physical therapy and exercise may not help your hip pain.",
        "WHERE THE SOURCE DIFFERS",
        "Evidence",
        "41 patients",
    ):
        assert part in text, part
    assert window.study_bar.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text().startswith("Gül D, Orsçelik A, Akpancar S.")
    qtbot.mouseClick(window.study_bar.buttons["doi"], Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "10.12659/MSM.919166"


def test_excerpt_opened_from_search_highlights_words(window, qtbot):
    type_query(qtbot, window, "ex: nordic")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.current.type == "excerpt"
    assert window.current_highlight == ("nordic",)
    assert 'class="hit"' in window.reader.toHtml() or "background-color:#ffe066" in window.reader.toHtml()
    assert "Section" in window.reader.toPlainText()


def test_bookmark_and_note_survive_restart(make_window, qtbot):
    window = make_window()
    window.open_ref("site/anterior-hip")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.bookmark_action.isChecked()
    window.notes.editor.setFocus()
    qtbot.keyClicks(window.notes.editor, "Check ROM first ")
    window.notes.editor.insertPlainText("— ℞ 🦴")  # pasted: QTest cannot type outside Latin-1
    qtbot.waitUntil(lambda: window.notes.status.text() == "Saved", timeout=3000)
    window.close()

    again = make_window()
    model = again.navigator.model()
    bookmarks = model.index(0, 0)
    assert bookmarks.data().startswith("Bookmarks  (1)")
    assert (
        model.index(0, 0, bookmarks).data() == "Anterior hip injection site"
        or "anterior" in model.index(0, 0, bookmarks).data().lower()
    )
    again.open_ref("site/anterior-hip")
    assert again.notes.editor.toPlainText() == "Check ROM first — ℞ 🦴"
    assert again.bookmark_action.isChecked()


def test_zoom_is_remembered(make_window, qtbot):
    window = make_window()
    start = window.point_size
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.point_size == start + 2
    window.close()
    again = make_window()
    assert again.point_size == start + 2
    qtbot.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.point_size == start


def test_export_citations_all_formats(window, tmp_path):
    assert window.export_citations(tmp_path / "all.ris") == 11
    records = rispy.loads((tmp_path / "all.ris").read_text(encoding="utf-8"))
    assert len(records) == 11 and any(r.get("doi") == "10.12659/MSM.919166" for r in records)
    window.export_citations(tmp_path / "all.bib")
    library = bibtexparser.loads((tmp_path / "all.bib").read_text(encoding="utf-8"))
    assert len(library.entries) == 11
    window.export_citations(tmp_path / "two.json", ["study/gul-2020", "study/loureiro-2018"])
    items = json.loads((tmp_path / "two.json").read_text(encoding="utf-8"))
    assert [i["DOI"] for i in items] == ["10.12659/MSM.919166", "10.1186/s12891-018-2230-4"]


def test_export_through_the_menu(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "chosen.ris"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "RIS (*.ris)"))
    window.export_action.trigger()
    assert len(rispy.loads(target.read_text(encoding="utf-8"))) == 11


def test_open_unknown_ref_is_a_message_not_a_crash(window):
    assert not window.open_ref("condition/does-not-exist")
    assert "No entry" in window.statusBar().currentMessage()


def test_about_dialog_content(window):
    from hipref.ui.about import about_html

    text = about_html(window.services.content.meta(), [("source/hauser-2022", "Why physical therapy")])
    assert "prolotherapy" in text and "not medical advice" in text and "hash" in text


def test_export_format_follows_the_chosen_filter(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "citations-without-suffix"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "BibTeX (*.bib)"))
    window.export_action.trigger()
    assert len(bibtexparser.loads(target.read_text(encoding="utf-8")).entries) == 11


def test_export_selected_studies_only(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QFileDialog

    model = window.navigator.model()
    studies = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data().startswith("Studies"))
    window.navigator.expand(studies)
    selection = window.navigator.selectionModel()
    for row in (0, 1):
        selection.select(model.index(row, 0, studies), QItemSelectionModel.SelectionFlag.Select)
    target = tmp_path / "two.ris"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "RIS (*.ris)"))
    window.export_action.trigger()
    assert len(rispy.loads(target.read_text(encoding="utf-8"))) == 2


def test_follows_a_switch_to_dark_palette(window, qtbot):
    window.open_ref("condition/hip-osteoarthritis")
    use_dark_palette(window)
    qtbot.waitUntil(lambda: "#1d3550" in window.reader.toHtml())  # the dark bottom-line box


def test_history_from_the_reading_pane_and_the_mouse(window, qtbot):
    assert window.open_ref("condition/femoroacetabular-impingement")
    assert window.open_ref("structure/hip-labrum")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current.ref == "condition/femoroacetabular-impingement", "the reader left Alt+Left to history"
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.ForwardButton)
    assert window.current.ref == "structure/hip-labrum"
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.BackButton)
    assert window.current.ref == "condition/femoroacetabular-impingement"
