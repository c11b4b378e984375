"""The window's width shared between browse pane, reader and diagram: the reader comes first."""

from __future__ import annotations

from hipref.pane_widths import COMPACT_BROWSE_PX, READER_CHARS, reader_minimum, share_width

CHAR_PX = 7.5
READER_MIN = reader_minimum(CHAR_PX, 60)  # 510 px


def test_the_reader_needs_sixty_characters_and_its_margins():
    assert READER_CHARS == 60 and READER_MIN == 510


def test_a_wide_window_shows_all_three_panes_at_the_widths_they_had():
    panes = share_width(1360, READER_MIN, 335, 410, show_diagram=True)
    assert (panes.browse, panes.reader, panes.diagram) == (335, 615, 410)
    assert panes.browse_tree and not panes.diagram_folded_for_width


def test_the_diagram_folds_away_exactly_when_the_reader_would_get_less_than_sixty_characters():
    just_enough = 335 + 410 + READER_MIN
    shown = share_width(just_enough, READER_MIN, 335, 410, show_diagram=True)
    assert shown.diagram == 410 and shown.reader == READER_MIN
    folded = share_width(just_enough - 1, READER_MIN, 335, 410, show_diagram=True)
    assert folded.diagram == 0 and folded.diagram_folded_for_width
    assert folded.reader == just_enough - 1 - 335 and folded.browse_tree


def test_a_laptop_at_1024_folds_the_diagram_but_keeps_the_browse_tree():
    panes = share_width(1024, READER_MIN, 335, 410, show_diagram=True)
    assert panes.diagram == 0 and panes.browse_tree and panes.reader >= READER_MIN


def test_below_that_the_browse_pane_collapses_to_search_and_results():
    just_enough = 250 + READER_MIN  # a browse pane of 250 px is within its share here
    assert share_width(just_enough, READER_MIN, 250, 410, show_diagram=True).browse_tree
    compact = share_width(just_enough - 1, READER_MIN, 250, 410, show_diagram=True)
    assert not compact.browse_tree and compact.browse == COMPACT_BROWSE_PX
    assert compact.reader == just_enough - 1 - COMPACT_BROWSE_PX >= READER_MIN


def test_no_pane_is_squeezed_below_use_and_the_sum_is_the_width():
    for total in (500, 640, 800, 1024, 1280, 1920):
        for show in (True, False):
            panes = share_width(total, READER_MIN, 335, 410, show_diagram=show)
            assert panes.browse + panes.reader + panes.diagram == total
            assert panes.browse >= 160


def test_an_entry_without_a_diagram_gives_the_reader_the_room_and_offers_nothing_back():
    panes = share_width(1360, READER_MIN, 335, 410, show_diagram=False)
    assert panes.diagram == 0 and panes.reader == 1025 and not panes.diagram_folded_for_width


def test_a_diagram_asked_for_shows_on_a_narrow_window_at_the_browse_panes_cost():
    panes = share_width(1024, READER_MIN, 335, 410, show_diagram=True, force_diagram=True)
    assert panes.diagram == 410 and not panes.browse_tree and panes.browse < 335


def test_side_panes_dragged_wide_are_held_to_a_share_of_the_window():
    panes = share_width(1200, READER_MIN, 900, 900, show_diagram=True)
    assert panes.browse <= 0.34 * 1200 and panes.reader >= READER_MIN
