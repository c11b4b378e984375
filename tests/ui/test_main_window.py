"""The main window driven as a clinician would: type, arrow, Enter, click, go back, keep."""

from __future__ import annotations

import json

import bibtexparser
import rispy
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTextBrowser

from hipref.ui.roles import HEADER_ROLE
from tests.ui.helpers import click_link, result_refs, type_query, use_dark_palette


def test_search_has_focus_at_start(window, qtbot):
    qtbot.waitUntil(window.search.hasFocus)


def test_results_update_as_you_type_without_enter(window, qtbot):
    type_query(qtbot, window, "iliofem")
    assert window.left_stack.currentIndex() == 1
    assert result_refs(window)[0] == "structure/iliofemoral-ligament"
    assert window.parts.results.list.current_ref() == "structure/iliofemoral-ligament"


def test_results_grouped_by_type(window, qtbot):
    type_query(qtbot, window, "prolo")
    model = window.parts.results.model
    headers = [model.index(r, 0).data() for r in range(model.rowCount()) if model.index(r, 0).data(HEADER_ROLE)]
    assert headers == ["Treatments (1)", "Studies (1)", "Article excerpts (1)"]
    assert window.parts.results.count.text() == "3 results"


def test_arrows_and_enter_open_a_result(window, qtbot):
    type_query(qtbot, window, "prolo")
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.parts.results.list.hasFocus()
    qtbot.keyClick(window.parts.results.list, Qt.Key.Key_Down)
    second = window.parts.results.list.current_ref()
    qtbot.keyClick(window.parts.results.list, Qt.Key.Key_Return)
    assert window.session.current is not None and window.session.current.ref == second


def test_enter_in_search_opens_top_result(window, qtbot):
    type_query(qtbot, window, "OA")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.session.current.ref == "condition/hip-osteoarthritis"
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
        qtbot.waitUntil(lambda: window.parts.results.model.query == window.search.text())
    assert result_refs(window)[0] == "study/gul-2020"
    window.search.setText("x" * 5000)
    qtbot.waitUntil(lambda: window.parts.results.model.query == "x" * 256)


def test_follow_link_then_go_back_and_forward(window, qtbot):
    assert window.open_ref("condition/hip-osteoarthritis")
    assert not window.window_actions.back.isEnabled()
    click_link(qtbot, window.reader, "Iliofemoral ligament")
    qtbot.waitUntil(lambda: window.session.current.ref == "structure/iliofemoral-ligament")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.session.current.ref == "condition/hip-osteoarthritis"
    assert window.window_actions.forward.isEnabled() and not window.window_actions.back.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.session.current.ref == "structure/iliofemoral-ligament"


def test_browse_tree_opens_entries(window, qtbot):
    model = window.parts.browse.navigator.model()
    conditions = next(
        model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data().startswith("Conditions")
    )
    assert conditions.data() == "Conditions  (1)"
    first = model.index(0, 0, conditions)
    rect = window.parts.browse.navigator.visualRect(first)
    qtbot.mouseClick(window.parts.browse.navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.current.ref == "condition/hip-osteoarthritis"


def test_study_card_layout_and_copy(window, qtbot):
    window.open_ref("study/gul-2020")
    text = window.reader.toPlainText()
    for part in (
        "WHAT THE STUDY REPORTS",
        "HOW THE SOURCE USES IT",
        "Source: A tiny article about hip pain",
        "The article says",
        "Evidence",
        "Prolotherapy did better on VAS.",
    ):
        assert part in text, part
    assert window.parts.study_bar.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text().startswith("Gül D, Orsçelik A, Akpancar S.")
    qtbot.mouseClick(window.parts.study_bar.buttons["doi"], Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "10.12659/MSM.919166"


def test_excerpt_opened_from_search_highlights_words(window, qtbot):
    type_query(qtbot, window, "ex: iliofemoral")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.session.current.ref == "excerpt/02-first"
    assert window.session.highlight == ("iliofemoral",)
    assert 'class="hit"' in window.reader.toHtml() or "background-color:#ffe066" in window.reader.toHtml()
    assert "Section" in window.reader.toPlainText()


def test_bookmark_and_note_survive_restart(make_window, qtbot):
    window = make_window()
    window.open_ref("site/anterior-hip")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.window_actions.bookmark.isChecked()
    window.parts.notes.editor.setFocus()
    qtbot.keyClicks(window.parts.notes.editor, "Check ROM first ")
    window.parts.notes.editor.insertPlainText("— ℞ 🦴")  # pasted: QTest cannot type outside Latin-1
    qtbot.waitUntil(lambda: window.parts.notes.status.text() == "Saved", timeout=3000)
    window.close()

    again = make_window()
    model = again.parts.browse.navigator.model()
    bookmarks = model.index(0, 0)
    assert bookmarks.data().startswith("Bookmarks  (1)")
    assert model.index(0, 0, bookmarks).data() == "Anterior hip"
    again.open_ref("site/anterior-hip")
    assert again.parts.notes.editor.toPlainText() == "Check ROM first — ℞ 🦴"
    assert again.window_actions.bookmark.isChecked()


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
    assert window.export_citations(tmp_path / "all.ris") == 2
    records = rispy.loads((tmp_path / "all.ris").read_text(encoding="utf-8"))
    assert sorted(str(r.get("doi")) for r in records) == ["10.12659/MSM.919166", "None"], "the made-up study has none"
    window.export_citations(tmp_path / "all.bib")
    library = bibtexparser.parse_string((tmp_path / "all.bib").read_text(encoding="utf-8"))
    assert len(library.entries) == 2
    window.export_citations(tmp_path / "one.json", ["study/gul-2020", "condition/hip-osteoarthritis"])
    items = json.loads((tmp_path / "one.json").read_text(encoding="utf-8"))
    assert [i["DOI"] for i in items] == ["10.12659/MSM.919166"], "only studies are cited"


def test_export_through_the_menu(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "chosen.ris"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "RIS (*.ris)"))
    window.window_actions.export_all.trigger()
    assert len(rispy.loads(target.read_text(encoding="utf-8"))) == 2
    assert "Exported 2 citations to" in window.statusBar().currentMessage()


def test_open_unknown_ref_is_a_message_not_a_crash(window):
    assert not window.open_ref("condition/does-not-exist")
    assert "No entry" in window.statusBar().currentMessage()


def test_about_dialog_names_the_source(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog

    shown = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.show_about()
    (dialog,) = shown
    text = " ".join(browser.toPlainText() for browser in dialog.findChildren(QTextBrowser))
    assert "A tiny article about hip pain" in text and "not medical advice" in text


def test_export_format_follows_the_chosen_filter(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "citations-without-suffix"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "BibTeX (*.bib)"))
    window.window_actions.export_all.trigger()
    assert len(bibtexparser.parse_string(target.read_text(encoding="utf-8")).entries) == 2


def test_export_selected_studies_only(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QFileDialog

    model = window.parts.browse.navigator.model()
    studies = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data().startswith("Studies"))
    window.parts.browse.navigator.expand(studies)
    selection = window.parts.browse.navigator.selectionModel()
    selection.select(model.index(0, 0, studies), QItemSelectionModel.SelectionFlag.Select)
    selection.select(model.index(0, 0), QItemSelectionModel.SelectionFlag.Select)  # a category: not a study
    target = tmp_path / "selected.ris"
    titles = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _p, title, *a: titles.append(title) or (str(target), ""))
    window.window_actions.export_selected.trigger()
    assert titles == ["Export 1 selected study citations"]
    assert len(rispy.loads(target.read_text(encoding="utf-8"))) == 1


def test_follows_a_switch_to_dark_palette(window, qtbot):
    window.open_ref("condition/hip-osteoarthritis")
    use_dark_palette(window)
    qtbot.waitUntil(lambda: "#1d3550" in window.reader.toHtml())  # the dark bottom-line box


def test_history_from_the_reading_pane_and_the_mouse(window, qtbot):
    assert window.open_ref("condition/hip-osteoarthritis")
    assert window.open_ref("structure/hip-labrum")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.session.current.ref == "condition/hip-osteoarthritis", "the reader left Alt+Left to history"
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.ForwardButton)
    assert window.session.current.ref == "structure/hip-labrum"
    qtbot.mouseClick(window.parts.browse.navigator.viewport(), Qt.MouseButton.BackButton)
    assert window.session.current.ref == "condition/hip-osteoarthritis"


def test_arrows_in_the_results_skip_headers_and_up_from_the_top_returns_to_search(window, qtbot):
    type_query(qtbot, window, "prolo")  # three groups of one: header, hit, header, hit, header, hit
    results = window.parts.results.list
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert results.hasFocus() and results.current_ref() == "treatment/prolotherapy"
    for expected in ("study/gul-2020", "excerpt/02-first", "excerpt/02-first"):
        qtbot.keyClick(results, Qt.Key.Key_Down)
        assert results.current_ref() == expected
    qtbot.keyClick(results, Qt.Key.Key_Up)
    assert results.current_ref() == "study/gul-2020"
    qtbot.keyClick(results, Qt.Key.Key_Up)
    qtbot.keyClick(results, Qt.Key.Key_Up)
    assert window.search.hasFocus() and window.search.selectedText() == "prolo"
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    qtbot.keyClick(results, Qt.Key.Key_Escape)
    assert window.search.hasFocus()
    qtbot.keyClick(results, Qt.Key.Key_End)  # other keys are the list's own
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.left_stack.currentWidget() is window.parts.browse)
    qtbot.keyClick(window.search, Qt.Key.Key_Down)  # no results: the focus stays
    assert window.search.hasFocus()


def test_no_results_says_what_to_try(window, qtbot):
    type_query(qtbot, window, "zzzzqx")
    assert window.parts.results.count.text().startswith("No results. Check the spelling")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.session.current is None


def test_names_spelled_alike_are_offered_as_such_when_nothing_matches(window, qtbot):
    type_query(qtbot, window, "y-ligamnt")
    status = window.parts.results.count.text()
    assert "No entry has" in status and "y-ligamnt" in status and "spelled like it" in status
    assert result_refs(window) == ["structure/iliofemoral-ligament"]


def test_copy_commands_act_on_study_cards_only(window, qtbot):
    import dataclasses

    QGuiApplication.clipboard().setText("before")
    window.open_ref("condition/hip-osteoarthritis")
    assert not window.window_actions.copy_vancouver.isEnabled()
    window.copy_study_field("doi")
    assert QGuiApplication.clipboard().text() == "before"

    window.open_ref("study/gul-2020")
    qtbot.mouseClick(window.parts.study_bar.buttons["pmid"], Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "32045406"
    assert window.statusBar().currentMessage() == "Copied the PMID"
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text().startswith("Gül, D., Orsçelik, A., & Akpancar, S. (2020).")
    assert window.statusBar().currentMessage() == "Copied the APA citation"

    unverified = dataclasses.replace(window.session.current, fields={**window.session.current.fields, "pmid": ""})
    window.parts.citations.copy(unverified, "pmid")
    assert window.statusBar().currentMessage() == "This study has no verified PMID"


def test_export_cancelled_or_failing_writes_nothing_and_says_so(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    answers = [("", ""), (str(tmp_path / "missing" / "x.ris"), "RIS (*.ris)")]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: answers.pop(0))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(f"{title}: {text}"))
    window.window_actions.export_all.trigger()
    assert warnings == [] and answers
    window.window_actions.export_all.trigger()
    assert len(warnings) == 1 and warnings[0].startswith("Export failed: Could not write")


def test_bookmark_needs_an_entry_and_can_be_removed(window, qtbot):
    window.toggle_bookmark()
    assert not window.window_actions.bookmark.isChecked() and not window.window_actions.bookmark.isEnabled()
    window.open_ref("term/enthesis")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Bookmarked Enthesis"
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Removed bookmark: Enthesis"
    assert window.parts.browse.navigator.model().index(0, 0).data() == "Bookmarks  (0)"


def test_the_note_shortcut_and_search_shortcut_move_the_focus(window, qtbot):
    window.open_ref("term/enthesis")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(window.parts.notes.editor.hasFocus)
    assert window.parts.notes.title.text() == "My note on Enthesis"
    window.search.setText("labrum")
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)
    assert window.search.selectedText() == "labrum"


def test_zoom_stays_within_limits_and_a_bad_saved_size_is_ignored(make_window, qtbot):
    window = make_window()
    for _ in range(40):
        window.zoom(1)
    assert window.point_size == 32.0
    window.close()
    window.services.settings.setValue("view/point_size", "large")  # edited by hand in settings.ini
    again = make_window()
    assert again.point_size == 11.0


def test_size_and_text_size_come_back_and_saving_them_unchanged_writes_nothing(make_window, data_dir, qtbot):
    window = make_window()
    window.resize(900, 560)
    window.zoom(2)
    qtbot.waitUntil(lambda: window.center.height() < 560)  # laid out at its new size
    window.close()
    settings = data_dir / "settings.ini"

    again = make_window()
    assert (again.width(), again.height(), again.point_size) == (900, 560, 13.0)
    again.close()
    written = settings.stat()
    again.save_settings()  # as a second close would: nothing changed since
    after = settings.stat()
    assert (after.st_ino, after.st_mtime_ns) == (written.st_ino, written.st_mtime_ns), "nothing changed: not rewritten"
