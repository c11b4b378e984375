"""The window on the screen it has: fitted at first, clamped when restored, panes folding in turn."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

from hipref.ui.window_fit import DEFAULT_SIZE, clamped, first_run_geometry

LAPTOP = QRect(0, 0, 1024, 640)
SMALL_SQUARE = QRect(0, 0, 800, 800)
DESKTOP = QRect(0, 0, 1920, 1080)


def test_a_first_run_fits_the_available_screen():
    assert first_run_geometry(DESKTOP).size() == DEFAULT_SIZE
    assert DESKTOP.contains(first_run_geometry(DESKTOP))
    for screen in (LAPTOP, SMALL_SQUARE, QRect(100, 30, 1280, 690)):
        rect = first_run_geometry(screen)
        assert screen.contains(rect), (screen, rect)
        assert rect.width() == min(DEFAULT_SIZE.width(), screen.width())


def test_a_restored_frame_is_clamped_to_the_screen():
    assert clamped(QRect(0, 0, 1360, 820), LAPTOP) == LAPTOP
    moved = clamped(QRect(900, 500, 600, 400), LAPTOP)
    assert moved.size() == QSize(600, 400) and LAPTOP.contains(moved)
    assert clamped(QRect(-300, -50, 500, 300), LAPTOP).topLeft() == LAPTOP.topLeft()
    inside = QRect(10, 10, 500, 300)
    assert clamped(inside, LAPTOP) == inside


def test_the_window_opens_within_its_screen_and_comes_back_clamped(make_window, qtbot):
    window = make_window()
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry())
    assert window.size() == DEFAULT_SIZE.boundedTo(available.size())
    window.resize(available.width() + 600, available.height() + 400)  # dragged beyond the screen
    window.close()
    again = make_window()
    assert available.contains(again.frameGeometry()), again.frameGeometry()


def splitter_state(window):
    return window.pane_fit.panes, window.parts.diagram_pane.isVisible(), window.parts.browse.navigator.isVisible()


def test_the_diagram_folds_when_the_reader_would_get_under_sixty_characters_then_the_tree(window, qtbot):
    window.open_ref("condition/hip-osteoarthritis")  # something drawn to show
    fit = window.pane_fit
    reader_min = fit.reader_min()
    handles = 2 * window.splitter.handleWidth()
    fit.wanted[:] = browse, diagram = 250, 400  # as if dragged there (within each pane's share)
    just_enough = browse + diagram + reader_min + handles

    window.resize(just_enough, 700)
    qtbot.waitUntil(lambda: window.splitter.width() == just_enough)
    assert window.parts.diagram_pane.isVisible() and not window.parts.diagram_offer.isVisible()
    assert window.splitter.sizes()[1] >= reader_min
    assert window.window_actions.diagram.isChecked()

    window.resize(just_enough - 1, 700)
    qtbot.waitUntil(lambda: not window.parts.diagram_pane.isVisible())
    assert window.parts.diagram_offer.isVisible() and not window.window_actions.diagram.isChecked()
    assert window.parts.browse.navigator.isVisible()
    assert window.splitter.sizes()[1] >= reader_min

    window.resize(browse + reader_min + handles - 1, 700)
    qtbot.waitUntil(lambda: not window.parts.browse.navigator.isVisible())
    assert window.search.isVisible() and window.splitter.sizes()[0] < browse
    assert window.parts.browse.narrow_note.isVisible()  # says where the tree went

    window.resize(just_enough + 200, 700)
    qtbot.waitUntil(lambda: window.parts.diagram_pane.isVisible() and window.parts.browse.navigator.isVisible())
    assert not window.parts.diagram_offer.isVisible()


def test_a_folded_diagram_comes_back_when_asked_for(window, qtbot):
    window.open_ref("condition/hip-osteoarthritis")
    window.resize(900, 700)
    qtbot.waitUntil(lambda: window.parts.diagram_offer.isVisible())
    qtbot.mouseClick(window.parts.diagram_offer, _left())
    assert window.parts.diagram_pane.isVisible() and window.window_actions.diagram.isChecked()
    assert not window.parts.diagram_offer.isVisible()
    window.window_actions.diagram.trigger()  # and hidden again from the View menu
    assert not window.parts.diagram_pane.isVisible()


def test_the_diagram_pane_shows_only_for_entries_with_something_drawn(window, qtbot):
    window.resize(1700, 800)
    window.open_ref("condition/hip-osteoarthritis")
    qtbot.waitUntil(window.parts.diagram_pane.isVisible)
    window.open_ref("study/gul-2020")
    assert not window.parts.diagram_pane.isVisible() and not window.parts.diagram_offer.isVisible()
    assert window.splitter.sizes()[2] == 0
    window.open_ref("structure/iliofemoral-ligament")
    assert window.parts.diagram_pane.isVisible()


def test_no_minimum_width_holds_the_window_wider_than_a_laptop(window, qtbot):
    window.open_ref("study/gul-2020")  # the copy bar above a study card
    qtbot.waitUntil(lambda: window.minimumSizeHint().width() <= 640)
    window.resize(640, 500)
    assert window.width() == 640
    qtbot.waitUntil(lambda: window.splitter.width() == 640)
    assert window.parts.study_bar.isVisible() and window.parts.study_bar.width() <= window.splitter.sizes()[1]


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_pane_widths_dragged_are_kept_for_next_time(make_window, qtbot):
    from PySide6.QtCore import QPoint, Qt

    window = make_window()
    window.resize(1700, 800)
    window.open_ref("condition/hip-osteoarthritis")
    qtbot.waitUntil(lambda: window.splitter.width() == 1700 and window.parts.diagram_pane.isVisible())
    before = window.splitter.sizes()[0]
    handle = window.splitter.handle(1)
    start = QPoint(handle.width() // 2, handle.height() // 2)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start + QPoint(-60, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(-60, 0))
    qtbot.waitUntil(lambda: window.pane_fit.wanted[0] < before)
    dragged = window.pane_fit.wanted[0]
    window.close()
    again = make_window()
    assert again.pane_fit.wanted[0] == dragged
    again.resize(1700, 800)
    qtbot.waitUntil(lambda: again.splitter.sizes()[0] == dragged)


def test_a_window_restored_off_its_screen_is_brought_back_whole(qtbot):
    from PySide6.QtWidgets import QWidget

    from hipref.ui.window_fit import fit_to_screen

    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    available = widget.screen().availableGeometry()
    widget.resize(available.width() + 500, available.height() + 300)
    widget.move(available.right() - 100, available.bottom() - 100)
    fit_to_screen(widget, restored=True)
    assert available.contains(widget.frameGeometry()), widget.frameGeometry()
