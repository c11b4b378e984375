"""The window's start in steps: a first frame people can use at once, then the rest in place."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtGui import QImage

from hipref import app as app_module
from hipref import paths
from hipref.app import start_window
from hipref.ui.main_window import MainWindow
from tests.ui.helpers import result_refs


@pytest.fixture
def first_frame(make_window):
    """A window shown as ``hipref gui`` shows it, stopped at its first frame."""
    return make_window(complete=False)


def test_first_frame_keeps_places_that_are_filled_without_moving(first_frame, qtbot):
    window = first_frame
    assert window.search.hasFocus() and "hipref" in window.reader.toPlainText()
    assert not any(window.parts.is_built(part) for part in ("browse", "notes", "results", "diagram_pane"))
    sizes = (window.splitter.sizes(), window.center.sizes())

    window.parts.fill_in()
    assert window.parts.browse.navigator.model().rowCount() > 5 and window.center.widget(1) is window.parts.notes
    assert window.parts.browse.study_sort.currentData() == "article"
    assert not window.parts.is_complete and not window.parts.is_built("diagram_pane")

    with qtbot.waitSignal(window.completed):
        window.complete()
    assert window.splitter.widget(2) is window.parts.diagram_pane and window.parts.diagram_pane.isVisible()
    assert (window.splitter.sizes(), window.center.sizes()) == sizes, "the panes took their places' sizes"
    assert not window.parts.notes.editor.isEnabled(), "no entry open: nothing to note yet"
    with qtbot.assertNotEmitted(window.completed):
        window.complete()  # once only


def test_typing_gives_results_from_the_first_frame(first_frame, qtbot):
    qtbot.keyClicks(first_frame.search, "iliofem")
    qtbot.waitUntil(lambda: first_frame.parts.results.model.query == "iliofem")
    assert result_refs(first_frame)[0] == "structure/iliofemoral-ligament"
    assert first_frame.left_stack.currentWidget() is first_frame.parts.results


def test_opening_an_entry_from_the_first_frame_builds_what_it_needs(first_frame):
    assert first_frame.open_ref("study/gul-2020")
    assert first_frame.parts.study_bar.isVisibleTo(first_frame)
    assert first_frame.parts.notes.editor.isEnabled()
    assert first_frame.parts.is_built("diagram_pane")
    # a study lights nothing on a diagram: the pane is built, and folded away for the reader
    assert not first_frame.parts.diagram_pane.isVisibleTo(first_frame)
    assert first_frame.open_ref("structure/iliofemoral-ligament")
    assert first_frame.parts.diagram_pane.isVisibleTo(first_frame)
    assert not first_frame.parts.is_complete


def test_the_window_completes_itself_after_its_first_frame(first_frame, qtbot):
    with qtbot.waitSignal(first_frame.completed):
        assert start_window(first_frame) is None
    assert first_frame.parts.is_built("results") and first_frame.parts.is_built("diagram_pane")
    assert not first_frame.parts.is_built("teaching"), "presentation and handouts wait for their first use"
    first_frame.enter_presentation()
    assert first_frame.parts.teaching.presentation.isVisible()
    first_frame.parts.teaching.presentation.close()


def test_the_study_sort_is_remembered(make_window, qtbot):
    window = make_window()
    window.parts.browse.study_sort.setCurrentIndex(window.parts.browse.study_sort.findData("year"))
    window.close()
    again = make_window()
    assert again.parts.browse.study_sort.currentData() == "year"


def test_an_unattended_start_keeps_the_study_sort(make_window, qtbot):
    window = make_window()
    window.parts.browse.study_sort.setCurrentIndex(window.parts.browse.study_sort.findData("design"))
    window.close()
    unattended = MainWindow(window.services)
    qtbot.addWidget(unattended)
    unattended.show()
    assert start_window(unattended, exit_when_ready=True) == 0 and not unattended.parts.is_built("browse")
    assert window.services.settings.value("view/study_sort") == "design"


def test_an_unattended_start_with_a_screenshot_saves_the_whole_window(make_window, qtbot, tmp_path):
    window = make_window(complete=False)
    shot = tmp_path / "shot.png"
    assert start_window(window, open_ref="structure/hip-labrum", screenshot=shot, exit_when_ready=True) == 0
    assert window.parts.is_complete and window.parts.diagram_pane.view.canvas is not None
    assert QImage(str(shot)).size() == window.size()


def test_an_unsaveable_screenshot_is_a_message_and_exit_2(make_window, tmp_path, capsys):
    window = make_window(complete=False)
    target = tmp_path / "missing-folder" / "shot.png"
    assert start_window(window, screenshot=target, exit_when_ready=True) == 2
    assert f"cannot save screenshot to {target}" in capsys.readouterr().err


def test_a_window_never_painted_is_a_message_and_exit_1(make_window, capsys, monkeypatch):
    window = make_window(complete=False)
    monkeypatch.setattr(app_module, "has_first_frame", lambda window: False)
    monkeypatch.setattr(app_module, "FIRST_FRAME_TIMEOUT_S", 0.2)
    assert start_window(window, exit_when_ready=True) == 1
    assert "not painted" in capsys.readouterr().err


def test_garbage_collection_resumes_once_the_window_is_complete():
    from hipref.app import resume_garbage_collection

    gc.disable()
    try:
        resume_garbage_collection()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_an_entry_opened_before_the_user_data_is_open_is_kept_as_a_visit(first_frame, qtbot):
    """The user's data opens just after the first frame; an entry opened sooner opens it at once."""
    assert not first_frame.services.user_is_open
    with qtbot.waitSignal(first_frame.completed):
        assert start_window(first_frame) is None
        assert first_frame.open_ref("study/gul-2020")  # before the window's first turn of its loop
        assert first_frame.services.user_is_open
    assert first_frame.services.user.recent()[0].ref == "study/gul-2020"
    assert first_frame.parts.notes.editor.isEnabled()


def _after_ready(data_dir, probe: str) -> list[str]:
    """What ``probe`` prints in a fresh process, after ``hipref gui --exit-when-ready`` ran in it."""
    script = "from hipref.cli import main\ncode = main(['gui', '--exit-when-ready'])\n" + textwrap.dedent(probe)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HIPREF_DATA_DIR": str(data_dir)}
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=paths.resources_dir().parent,
        timeout=120,
    )
    return proc.stdout.split() or [proc.stderr]


def test_the_first_frame_imports_no_orm_and_opens_no_user_data(tmp_path):
    probe = """
        import sys
        print(code, *(name in sys.modules for name in ("peewee", "hipref.userdata.store", "markdown")))
        """
    assert _after_ready(tmp_path, probe) == ["0", "False", "False", "False"]
    assert not (tmp_path / "user.sqlite").exists()


def test_the_first_frame_builds_no_qt_namespace_enums(tmp_path):
    """PySide6 builds a class's Python enums on its first touch: about 30 ms for ``Qt``."""
    probe = """
        import PySide6.QtCore, PySide6.QtWidgets
        print(code, *(name in vars(module) for module, name in (
            (PySide6.QtCore, "Qt"), (PySide6.QtWidgets, "QStyle"), (PySide6.QtCore, "QEvent"))))
        """
    assert _after_ready(tmp_path, probe) == ["0", "False", "False", "False"]


def test_hipref_gui_in_process_opens_presents_and_saves_a_screenshot(fixture_db, tmp_path, app_state, qapp):
    """``run_gui`` end to end, unattended: the entry opened, presented, and the picture saved."""
    from argparse import Namespace

    from hipref.app import run_gui

    shot = tmp_path / "present.png"
    args = Namespace(open="site/anterior-hip", present=True, screenshot=shot, exit_when_complete=True)
    before = set(qapp.topLevelWidgets())
    assert run_gui(args, fixture_db) == 0
    (window,) = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w not in before]
    presentation = window.parts.teaching.presentation
    try:
        assert window.session.current.ref == "site/anterior-hip" and presentation.isVisible()
        assert QImage(str(shot)).size() == presentation.size()
    finally:  # the app leaves its windows to the exit; a test closes them (their popups go with them)
        for shown in (presentation, window):
            shown.close()
            shown.deleteLater()
