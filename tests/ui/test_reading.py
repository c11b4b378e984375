"""Reading during a consultation, driven by keyboard and mouse: keys that go where the focus
is, previews while arrowing through results, find in the entry, the jump list, reference
links, lit search words, export of one study, and presenting and handing out."""

from __future__ import annotations

import pytest
import rispy
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QToolTip

from hipref.ui.roles import REF_ROLE
from tests.ui.helpers import click_link, present, type_query

# What the offscreen platform says when a menu or a tool tip pops up: it has no real windows.
OFFSCREEN_POPUP = ("This plugin does not support raise", "This plugin does not support grabbing")


def tall_page(window, qtbot, ref: str) -> None:
    """Open ``ref`` in large type in a small window, so the page scrolls."""
    window.resize(900, 520)
    window.reader.set_point_size(30)
    window.open_ref(ref)
    qtbot.waitUntil(lambda: window.reader.verticalScrollBar().maximum() > 0)


def lit_words(reader) -> list[str]:
    """The words drawn on a highlight: text with its own background on the page (badges too)."""
    found = []
    block = reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                found.append(fragment.text().strip())
            it += 1
        block = block.next()
    return found


# -- 1. the keyboard model ----------------------------------------------------------------------
def test_a_letter_typed_outside_a_text_field_goes_to_the_search_box(window, qtbot):
    window.open_ref("structure/hip-labrum")
    window.search.setText("labrum")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_P)  # a new search, from the reader
    qtbot.keyClicks(QApplication.focusWidget(), "rolo")
    assert window.search.hasFocus() and window.search.text() == "prolo"
    qtbot.waitUntil(lambda: window.left_stack.currentIndex() == 1)
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.parts.results.list.hasFocus()
    qtbot.keyClicks(window.parts.results.list, "t")  # from the results, the search goes on
    assert window.search.hasFocus() and window.search.text() == "prolot"
    window.parts.diagram_pane.view.setFocus()
    qtbot.keyClick(window.parts.diagram_pane.view, Qt.Key.Key_Plus)  # the diagram's own key
    assert window.search.text() == "prolot"


def test_arrowing_through_results_previews_after_a_pause_without_history(window, qtbot):
    window.open_ref("term/enthesis")
    type_query(qtbot, window, "hip")
    results = window.parts.results.list
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.parts.preview.preview, timeout=3000) as shown:
        qtbot.keyClick(results, Qt.Key.Key_Down)
    second = results.current_ref()
    assert shown.args == [second] and window.session.current.ref == second
    assert results.hasFocus(), "the list keeps the focus while previewing"
    assert window.session.previewing and window.session.history.current == "term/enthesis"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.session.current.ref == "term/enthesis", "Back returns to what the preview stood in for"

    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    qtbot.keyClick(results, Qt.Key.Key_Down)
    chosen = results.current_ref()
    qtbot.keyClick(results, Qt.Key.Key_Return)
    assert window.session.current.ref == chosen and window.session.history.current == chosen
    assert not window.parts.preview.is_pending()


def test_a_preview_left_showing_becomes_a_history_entry(window, qtbot):
    window.parts.preview.set_delays(10, 60)
    window.open_ref("term/enthesis")
    type_query(qtbot, window, "hip")
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.parts.preview.dwelt, timeout=3000):
        qtbot.keyClick(window.parts.results.list, Qt.Key.Key_Down)
    dwelt = window.parts.results.list.current_ref()
    assert window.session.history.current == dwelt and not window.session.previewing
    assert window.services.user.recent(1)[0].ref == dwelt


def test_tab_goes_search_results_reader_note(window, qtbot):
    window.open_ref("structure/hip-labrum")
    type_query(qtbot, window, "hip")
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [window.parts.results.list, window.reader, window.parts.notes.editor]


def test_page_keys_in_the_search_box_scroll_the_reader(window, qtbot):
    tall_page(window, qtbot, "study/gul-2020")
    bar = window.reader.verticalScrollBar()
    window.focus_search()
    qtbot.keyClick(window.search, Qt.Key.Key_PageDown)
    assert bar.value() > 0 and window.search.hasFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(window.search, Qt.Key.Key_PageUp)
    assert 0 < bar.value() < bar.maximum()
    qtbot.keyClick(window.search, Qt.Key.Key_Home)
    assert bar.value() == 0


def test_escape_in_the_note_returns_to_search(window, qtbot):
    window.open_ref("structure/hip-labrum")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    editor = window.parts.notes.editor
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "check")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.search.hasFocus() and editor.toPlainText() == "check"


def test_find_in_the_entry_with_next_previous_and_a_count(window, qtbot):
    tall_page(window, qtbot, "study/gul-2020")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.parts.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "prolotherapy")
    total = window.reader.toPlainText().lower().count("prolotherapy")
    assert total >= 3 and bar.count.text() == f"1 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count.text() == f"3 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"2 of {total}" and bar.current_match().lower() == "prolotherapy"
    assert len(window.reader.extraSelections()) == total
    qtbot.keyClick(bar.field, Qt.Key.Key_A)
    assert bar.count.text() == "No matches"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.reader.hasFocus() and window.reader.extraSelections() == []
    for keys in ("Ctrl+K", "Ctrl+L"):  # the search box keeps its own keys
        window.reader.setFocus()
        qtbot.keySequence(window, QKeySequence(keys))  # noqa: PLE1101
        assert window.search.hasFocus()


def test_help_lists_the_shortcuts_read_from_the_actions(window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    rows = shown[0].rows()
    assert ("Go", "Find in this entry", "Ctrl+F") in rows
    assert ("Go", "Search", "Ctrl+K, Ctrl+L") in rows
    assert ("File", "Export this study", "Ctrl+E") in rows
    assert ("Presentation", "Print handout", "Ctrl+P") in rows
    assert ("Presentation", "Handout PDF", "Ctrl+Shift+P") in rows
    assert any(group == "Where the focus is" and "PgDown" in keys for group, _, keys in rows)
    window.window_actions.jump.setShortcut(QKeySequence("Ctrl+Shift+J"))  # the list follows the actions
    window.show_shortcuts()
    assert ("Go", "Jump to section", "Ctrl+Shift+J") in shown[1].rows()


# -- 2. the outline -----------------------------------------------------------------------------
@pytest.mark.qt_log_ignore(*OFFSCREEN_POPUP)
def test_the_jump_list_reaches_each_section_by_keyboard(window, qtbot):
    tall_page(window, qtbot, "study/gul-2020")
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    menu = window.parts.outline_menu
    qtbot.waitUntil(menu.isVisible)
    assert menu.labels()[:6] == [
        "Bottom line",
        "In plain words",
        "Citation",
        "What the study reports",
        "How the source uses it",
        "Linked entries",
    ]
    assert menu.labels()[-1] == "Open a linked entry"
    qtbot.keyClick(menu, Qt.Key.Key_H)  # "How the source uses it", by its first letter
    qtbot.waitUntil(lambda: not menu.isVisible())
    bar = window.reader.verticalScrollBar()
    assert bar.value() > 0
    top = window.reader.cursorForPosition(QPoint(20, 20))
    assert "HOW THE SOURCE USES IT" in top.block().text() or bar.value() == bar.maximum()


def test_linked_entries_sit_near_the_top_and_open(window, qtbot):
    window.open_ref("excerpt/02-first")
    text = window.reader.toPlainText()
    assert text.index("Linked:") < text.index("The iliofemoral ligament is strong")
    click_link(qtbot, window.reader, "Hip labrum")  # the first "Hip labrum" link: in the strip
    assert window.session.current.ref == "structure/hip-labrum"


def test_the_jump_line_scrolls_to_a_section(window, qtbot):
    tall_page(window, qtbot, "study/gul-2020")
    click_link(qtbot, window.reader, "Linked entries")
    assert window.reader.verticalScrollBar().value() > 0
    assert window.session.current.ref == "study/gul-2020"


# -- 3. reference links -------------------------------------------------------------------------
@pytest.mark.qt_log_ignore(*OFFSCREEN_POPUP)
def test_a_reference_number_opens_its_study_and_shows_the_citation_on_hover(window, qtbot):
    window.open_ref("excerpt/01-intro")
    reader = window.reader
    cursor = reader.document().find("(9)")
    assert cursor.charFormat().isAnchor() and cursor.charFormat().anchorHref() == "hipref:study/gul-2020"
    inside = QTextCursor(cursor)
    inside.setPosition(cursor.selectionStart() + 1)
    point = reader.cursorRect(inside).center()
    QApplication.sendEvent(
        reader.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, reader.viewport().mapToGlobal(point))
    )
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Gül D" in QToolTip.text() and "Med Sci Monit" in QToolTip.text()
    QToolTip.hideText()
    click_link(qtbot, reader, "(9)")
    assert window.session.current.ref == "study/gul-2020"


# -- 4. search words lit everywhere -------------------------------------------------------------
def test_search_words_are_lit_in_every_entry_type_a_search_opens(window, qtbot):
    types = set()
    for word in ("hip", "labrum", "prolotherapy"):
        type_query(qtbot, window, word)
        model = window.parts.results.model
        refs = [model.index(r, 0).data(REF_ROLE) for r in range(model.rowCount())]
        for ref in filter(None, refs):
            window.searching.open_from_results(ref)
            assert any(w.lower().startswith(word) for w in lit_words(window.reader)), f"{word} not lit in {ref}"
            types.add(ref.split("/")[0])
    assert {"condition", "structure", "site", "study", "excerpt", "treatment"} <= types


# -- 5. export ----------------------------------------------------------------------------------
def test_a_study_card_exports_just_itself_and_the_tree_follows_it(window, qtbot, tmp_path, monkeypatch):
    targets = [tmp_path / "one.ris", tmp_path / "key.ris", tmp_path / "all.ris"]
    titles = []

    def save(_parent, title, *args):
        titles.append(title)
        return str(targets[len(titles) - 1]), "RIS (*.ris)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    window.open_ref("study/gul-2020")
    navigator = window.parts.browse.navigator
    assert navigator.currentIndex().data(REF_ROLE) == "study/gul-2020"
    assert navigator.isExpanded(navigator.currentIndex().parent())
    qtbot.mouseClick(window.parts.study_bar.export_button, Qt.MouseButton.LeftButton)
    assert [r["doi"] for r in rispy.loads(targets[0].read_text(encoding="utf-8"))] == ["10.12659/MSM.919166"]
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert len(rispy.loads(targets[1].read_text(encoding="utf-8"))) == 1
    window.window_actions.export_all.trigger()
    assert len(rispy.loads(targets[2].read_text(encoding="utf-8"))) == 2
    assert titles == ["Export this study's citation", "Export this study's citation", "Export all study citations"]
    window.open_ref("structure/hip-labrum")
    assert navigator.currentIndex().data(REF_ROLE) == "structure/hip-labrum"
    assert not window.window_actions.export_study.isEnabled()


def test_export_selected_needs_a_selection(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: asked.append(a) or ("", ""))
    window.show_welcome()
    window.parts.browse.navigator.clearSelection()
    window.window_actions.export_selected.trigger()
    assert asked == [] and "Select studies" in window.statusBar().currentMessage()


# -- 6. presentation and handout ----------------------------------------------------------------
def test_a_study_is_presented_in_plain_words_and_an_entry_without_them_is_not(window, qtbot):
    window.open_ref("treatment/prolotherapy")  # no plain words
    assert not window.window_actions.present.isEnabled()
    window.enter_presentation()
    assert window.parts.teaching.presentation is None
    assert "no explanation in plain words" in window.statusBar().currentMessage()
    window.open_ref("study/gul-2020")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    show = window.parts.teaching.presentation
    qtbot.waitUntil(show.isActiveWindow)
    text = show.text.toPlainText()
    assert "both groups got better" in text and "VAS" not in text and "P=" not in text
    show.close()


def test_tools_reset_when_a_presentation_starts(window, qtbot):
    window.open_ref("site/anterior-hip")
    show = present(qtbot, window)
    qtbot.keyClick(show, Qt.Key.Key_H)
    assert show.view.tool == "highlighter"
    qtbot.keyClick(show, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not show.isVisible())
    window.window_actions.present.trigger()
    qtbot.waitUntil(show.isActiveWindow)
    assert show.view.tool is None and show.actions_by_name["point"].isChecked()
    assert not show.actions_by_name["highlighter"].isChecked()
    show.close()


def test_ctrl_p_prints_and_ctrl_shift_p_saves_a_pdf_in_presentation(window, qtbot, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    printed, saved = [], []
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: printed.append(dialog) or 0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: saved.append(a) or ("", ""))
    window.open_ref("site/anterior-hip")
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(printed) == 1 and saved == []
    show = present(qtbot, window)
    qtbot.keyClick(show, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(printed) == 2 and saved == []
    qtbot.keyClick(show, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(printed) == 2 and len(saved) == 1 and saved[0][1] == "Save patient handout"
    show.close()


def test_the_handout_lists_exactly_the_parts_it_highlights(window, qtbot):
    window.open_ref("site/anterior-hip")
    show = present(qtbot, window)

    def listed() -> list[str]:
        text = window.parts.teaching.document(window.session.current).toPlainText()
        parts = text.split("Parts of the hip involved", 1)[1].split("Source:", 1)[0]
        return sorted(line.split(":", 1)[0].strip() for line in parts.splitlines() if ":" in line)

    names = show.view.names
    lit = sorted(names[slug] for slug in show.view.shown_highlight())
    assert listed() == lit and len(lit) >= 2
    qtbot.keyClick(show, Qt.Key.Key_Right)  # one part on its own
    assert listed() == [names[slug] for slug in show.view.shown_highlight()] and len(listed()) == 1
    show.close()


def test_find_stays_open_and_finds_again_in_the_next_entry(window, qtbot):
    window.open_ref("structure/hip-labrum")
    window.find_in_entry()
    qtbot.keyClicks(window.parts.find_bar.field, "hip")
    first = window.parts.find_bar.count.text()
    window.open_ref("condition/hip-osteoarthritis")
    total = window.reader.toPlainText().lower().count("hip")
    qtbot.waitUntil(lambda: window.parts.find_bar.count.text() == f"1 of {total}")
    assert first != window.parts.find_bar.count.text()


def test_the_tree_follows_an_excerpt_under_its_source(window):
    window.open_ref("excerpt/leaflet-02-rest")
    navigator = window.parts.browse.navigator
    current = navigator.currentIndex()
    assert current.data(REF_ROLE) == "excerpt/leaflet-02-rest"
    parent = current.parent()
    while parent.isValid():
        assert navigator.isExpanded(parent)
        parent = parent.parent()
