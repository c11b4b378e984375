"""The entry session, without a window: what is current, what is lit, history and visits."""

from __future__ import annotations

from types import SimpleNamespace

from hipref.session import EntrySession, History

ENTRIES = {
    ref: SimpleNamespace(ref=ref, type=ref.split("/")[0], title=ref.split("/")[1].title())
    for ref in ("condition/oa", "excerpt/one", "study/gul", "structure/labrum")
}


def session(limit: int = 200) -> tuple[EntrySession, list[tuple[str, str]]]:
    visits: list[tuple[str, str]] = []
    return EntrySession(ENTRIES.get, lambda ref, title: visits.append((ref, title)), limit), visits


def test_opening_makes_current_records_a_visit_and_a_step_in_history():
    entries, visits = session()
    assert entries.current is None and entries.study is None
    assert entries.open("condition/oa").title == "Oa"
    assert entries.open("study/gul").ref == "study/gul" and entries.study is entries.current
    assert visits == [("condition/oa", "Oa"), ("study/gul", "Gul")]
    assert entries.history.can_back() and not entries.history.can_forward()


def test_an_absent_or_odd_ref_changes_nothing():
    entries, visits = session()
    entries.open("condition/oa")
    for ref in ("condition/none", "", None, 42):
        assert entries.open(ref) is None
    assert entries.current.ref == "condition/oa" and visits == [("condition/oa", "Oa")]


def test_searched_words_are_lit_in_any_entry_a_search_opened():
    entries, _ = session()
    entries.open("excerpt/one", highlight=["nordic", "walking"])
    assert entries.highlight == ("nordic", "walking")
    entries.open("condition/oa", highlight=("nordic",))
    assert entries.highlight == ("nordic",)
    entries.open("study/gul")
    assert entries.highlight == ()


def test_a_preview_is_a_step_in_history_only_once_remembered():
    entries, visits = session()
    entries.open("condition/oa")
    assert entries.preview("study/gul").ref == "study/gul" and entries.previewing
    assert visits == [("condition/oa", "Oa")] and not entries.history.can_back() and entries.can_back()
    assert entries.back().ref == "condition/oa" and not entries.previewing  # back to what it stood in for
    entries.preview("excerpt/one", highlight=("x",))
    entries.remember()
    assert visits[-1] == ("excerpt/one", "One") and entries.history.current == "excerpt/one"
    assert entries.back().ref == "condition/oa"


def test_back_and_forward_move_through_history_without_new_visits():
    entries, visits = session()
    assert entries.back() is None and entries.forward() is None
    for ref in ("condition/oa", "study/gul", "structure/labrum"):
        entries.open(ref)
    assert entries.back().ref == "study/gul" and entries.back().ref == "condition/oa"
    assert entries.back() is None and entries.current.ref == "condition/oa"
    assert entries.forward().ref == "study/gul"
    assert len(visits) == 3
    entries.open("excerpt/one")  # a new step drops the entries ahead
    assert entries.forward() is None and entries.back().ref == "study/gul"


def test_leaving_for_the_welcome_page_keeps_history():
    entries, _ = session()
    entries.open("excerpt/one", highlight=("x",))
    entries.open("condition/oa")
    entries.leave()
    assert entries.current is None and entries.highlight == ()
    assert entries.back().ref == "excerpt/one"


def test_history_keeps_its_last_steps_only():
    history = History(limit=3)
    for ref in "abcde":
        history.visit(ref)
    history.visit("e")  # the same entry again is not a new step
    steps = [history.current]
    while history.can_back():
        steps.append(history.back())
    assert steps == ["e", "d", "c"]
    assert history.forward() == "d" and history.forward() == "e" and history.forward() == "e"
