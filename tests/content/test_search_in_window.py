"""Search in the window over the shipped content: corrections it says out loud, lists, and
marks that match what was found."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from hipref import paths
from tests.ui.helpers import result_refs, type_query


@pytest.fixture
def window(make_window, content_db):
    """The window over the shipped content."""
    return make_window(content=content_db, resources=paths.resources_dir())


def test_a_correction_is_shown_and_the_words_as_typed_are_one_key_away(window, qtbot):
    type_query(qtbot, window, "osteoartritis")
    status = window.parts.results.count.text()
    assert "Showing results for <b>osteoarthritis</b>" in status and "Search instead for osteoartritis" in status
    assert result_refs(window)[0] == "condition/hip-osteoarthritis"
    corrected_count = len(result_refs(window))
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "Showing results for" not in window.parts.results.count.text())
    assert len(result_refs(window)) < corrected_count  # the misspelt word itself matches nothing
    type_query(qtbot, window, "osteoartritis ")  # new text: corrected again
    assert "Showing results for" in window.parts.results.count.text()


def test_the_link_searches_as_typed(window, qtbot):
    type_query(qtbot, window, "pirifomis")
    with qtbot.waitSignal(window.parts.results.count.search_as_typed):
        window.parts.results.count.linkActivated.emit("as-typed")  # what a click on the link sends
    assert "Showing results for" not in window.parts.results.count.text()


def test_no_correction_no_line(window, qtbot):
    type_query(qtbot, window, "labrum")
    assert window.parts.results.count.text().endswith("results") and "Showing" not in window.parts.results.count.text()


def test_a_scope_alone_lists_the_scope_in_the_current_sort_order(window, qtbot):
    from hipref.ui.navigator_model import sort_studies

    studies = window.services.content.list_entries("study")
    for key in ("article", "year"):
        window.parts.browse.study_sort.setCurrentIndex(window.parts.browse.study_sort.findData(key))
        type_query(qtbot, window, "lig:")  # another search first, so the next one is waited for
        type_query(qtbot, window, "study:")
        assert result_refs(window) == [s.ref for s in sort_studies(studies, key)]


def test_a_single_letter_lists_names(window, qtbot):
    type_query(qtbot, window, "p")
    model = window.parts.results.model
    titles = [model.index(r, 0).data() for r in range(model.rowCount()) if model.index(r, 0).flags()]
    assert titles and all(t.lower().startswith("p") for t in titles)


def test_gul_is_marked_in_the_result_and_the_reader(window, qtbot):
    from hipref.ui.roles import HIT_ROLE

    type_query(qtbot, window, "gul")
    results = window.parts.results
    index = results.model.index(results.model.first_hit_row(), 0)
    hit = index.data(HIT_ROLE)
    assert any(hit.title[start:end] == "Gül" for start, end in hit.title_marks)
    view = results.list
    title = view.itemDelegate()._row(index, view.font(), view.viewport().width()).texts[0]
    assert title.spans == hit.title_marks  # the marks drawn are the ones search found
    type_query(qtbot, window, "ex: gul")
    if result_refs(window):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert 'class="hit"' in window.reader.toHtml() or "#ffe066" in window.reader.toHtml()


def test_thesaurus_words_are_marked_in_the_excerpt_opened(window, qtbot):
    type_query(qtbot, window, "ex: fai")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.session.current.type == "excerpt"
    assert "femoroacetabular impingement" in window.session.highlight
    assert "#ffe066" in window.reader.toHtml() or 'class="hit"' in window.reader.toHtml()


def test_questions_and_clinicians_words_in_the_window(window, qtbot):
    """The entry is listed (the window groups results by type; the order is tested in tests/search)."""
    for text, expected in (
        ("does prolotherapy help hip OA", "treatment/prolotherapy"),
        ("hip scope", "treatment/hip-arthroscopy"),
        ("pain on the outside of the hip", "condition/trochanteric-bursitis"),
        ("14%", "excerpt/10-fourteen-percent-responded"),
    ):
        type_query(qtbot, window, text)
        assert expected in result_refs(window), (text, result_refs(window)[:8])
