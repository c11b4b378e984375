"""The window's start in steps: a first frame people can use at once, then the rest in place."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap

import pytest

from hipref import paths
from hipref.store.content_store import ContentStore
from tests.ui.helpers import result_refs


@pytest.fixture
def first_frame(qtbot, content_db, data_dir):
    """A window shown as ``hipref gui`` shows it, stopped at its first frame."""
    from hipref.ui.main_window import MainWindow
    from hipref.ui.services import Services

    database = ContentStore.open(content_db)
    services = Services.create(database, data_dir)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.search.setFocus()
    assert window.wait_for_first_frame()
    yield window
    window.close()
    services.close()
    database.close()


def test_first_frame_keeps_places_that_are_filled_without_moving(first_frame, qtbot):
    window = first_frame
    assert window.search.hasFocus() and "hipref" in window.reader.toPlainText()
    assert not window.is_filled_in and not hasattr(window, "navigator")
    sizes = (window.splitter.sizes(), window.center.sizes())

    window.fill_in()
    assert window.navigator.model().rowCount() > 5 and window.center.widget(1) is window.notes
    assert window.study_sort.currentData() == "article"
    assert not window.is_complete

    with qtbot.waitSignal(window.completed):
        window.complete()
    assert window.splitter.widget(2) is window.diagram_pane and window.diagram_pane.isVisible()
    assert (window.splitter.sizes(), window.center.sizes()) == sizes, "the panes took their places' sizes"
    assert not window.notes.editor.isEnabled(), "no entry open: nothing to note yet"


def test_typing_gives_results_from_the_first_frame(first_frame, qtbot):
    qtbot.keyClicks(first_frame.search, "iliofem")
    qtbot.waitUntil(lambda: first_frame.is_complete and first_frame.results_model.query == "iliofem")
    assert result_refs(first_frame)[0] == "structure/iliofemoral-ligament"


def test_opening_an_entry_from_the_first_frame_builds_what_it_needs(first_frame):
    assert first_frame.open_ref("study/gul-2020")
    assert first_frame.is_complete and first_frame.study_bar.isVisibleTo(first_frame)
    assert first_frame.notes.editor.isEnabled()


def test_the_window_completes_itself_after_its_first_frame(first_frame, qtbot):
    first_frame.start()
    qtbot.waitUntil(lambda: first_frame.is_complete)


def test_the_study_sort_is_remembered(make_window, qtbot):
    window = make_window()
    window.study_sort.setCurrentIndex(window.study_sort.findData("year"))
    window.close()
    again = make_window()
    assert again.study_sort.currentData() == "year"


def test_an_unattended_start_keeps_the_study_sort(make_window, qtbot):
    window = make_window()
    window.study_sort.setCurrentIndex(window.study_sort.findData("design"))
    window.close()
    from hipref.ui.main_window import MainWindow

    unattended = MainWindow(window.services)
    qtbot.addWidget(unattended)
    unattended.show()
    assert unattended.start(exit_when_ready=True) == 0 and not unattended.is_filled_in
    assert window.services.settings.value("view/study_sort") == "design"


def test_garbage_collection_resumes_once_the_window_is_complete():
    from hipref.app import resume_garbage_collection

    gc.disable()
    try:
        resume_garbage_collection()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_first_frame_builds_no_qt_namespace_enums(tmp_path):
    """PySide6 builds a class's Python enums on its first touch: about 30 ms for ``Qt``."""
    script = textwrap.dedent(
        """
        from hipref.cli import main
        code = main(["gui", "--exit-when-ready"])
        import PySide6.QtCore, PySide6.QtWidgets
        print(code, *(name in vars(module) for module, name in (
            (PySide6.QtCore, "Qt"), (PySide6.QtWidgets, "QStyle"), (PySide6.QtCore, "QEvent"))))
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HIPREF_DATA_DIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=paths.resources_dir().parent,
        timeout=120,
    )
    assert proc.stdout.split() == ["0", "False", "False", "False"], proc.stderr
