"""Both Qt models, checked by Qt's own model tester over the fixture corpus, without a window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from hipref.store.content_store import ContentStore
from hipref.ui.navigator_model import STUDY_SORTS, build_navigator_model
from hipref.ui.results_model import ResultsModel
from hipref.ui.roles import CATEGORY_ROLE, HEADER_ROLE, HIT_ROLE, REF_ROLE

WARN = QAbstractItemModelTester.FailureReportingMode.Warning  # a warning fails the test (qt_log_level_fail)


@pytest.fixture
def fixture_content(fixture_db):
    with ContentStore.open(fixture_db) as store:
        yield store


def test_results_model_through_searches_and_resets(qapp, fixture_content):
    model = ResultsModel()
    tester = QAbstractItemModelTester(model, WARN)
    searcher = fixture_content.searcher
    for text in ("prolo", "hip", "zzzz", "", "iliofem"):
        model.set_hits(searcher.search(text), text)
    assert tester is not None and model.query == "iliofem"
    rows = [model.index(row, 0) for row in range(model.rowCount())]
    assert [index.data() for index in rows] == [
        "Ligaments, tendons and structures (1)",
        "Iliofemoral ligament",
        "Article excerpts (1)",
        "First section",
    ]
    header, hit = rows[0], rows[1]
    assert header.data(HEADER_ROLE) is True and header.data(REF_ROLE) == "" and header.data(HIT_ROLE) == ""
    assert not header.flags() & Qt.ItemFlag.ItemIsSelectable
    assert hit.data(REF_ROLE) == "structure/iliofemoral-ligament" and hit.data(HEADER_ROLE) is False
    assert hit.data(HIT_ROLE).slug == "iliofemoral-ligament"
    assert model.first_hit_row() == 1 and model.hit_count() == 2
    assert model.index(3, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("The iliofemoral ligament is strong.")
    assert "**" not in model.index(3, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.rowCount(model.index(0, 0)) == 0, "a list: no row has children"


@pytest.mark.parametrize("sort", list(STUDY_SORTS))
def test_navigator_model_in_every_study_order(qapp, fixture_content, sort):
    """Every top-level group, structures by kind, excerpts under their sources, studies sorted."""
    model = build_navigator_model(
        fixture_content.list_entries(),
        bookmarks=[("site/anterior-hip", "Anterior hip")],
        recent=[("structure/hip-labrum", "Hip labrum"), ("study/gul-2020", "Gül 2020")],
        study_sort=sort,
    )
    tester = QAbstractItemModelTester(model, WARN)
    assert tester is not None
    top = [model.index(row, 0) for row in range(model.rowCount())]
    assert [index.data(CATEGORY_ROLE) for index in top] == [
        "bookmarks", "recent", "condition", "structure", "site", "treatment", "study", "excerpt", "term", "source",
    ]  # fmt: skip
    assert top[1].data() == "Recent  (2)" and top[1].data(REF_ROLE) == ""
    kinds = [model.index(row, 0, top[3]).data() for row in range(model.rowCount(top[3]))]
    assert kinds == ["Ligaments  (1)", "Labrum  (1)"]
    by_source = [model.index(row, 0, top[7]) for row in range(model.rowCount(top[7]))]
    assert [group.data() for group in by_source] == [
        "A tiny article about hip pain  (2)",
        "Stiff hips in the morning: a made-up leaflet  (2)",
    ]
    excerpts = [[model.index(row, 0, group).data() for row in range(model.rowCount(group))] for group in by_source]
    assert excerpts == [
        ["1. A tiny article about hip pain", "2. First section"],
        ["1. What we suggest", "2. When to rest"],
    ]
    studies = {model.index(row, 0, top[6]).data(REF_ROLE): model.index(row, 0, top[6]) for row in range(2)}
    assert sorted(studies) == ["study/example-2023", "study/gul-2020"]
    gul = studies["study/gul-2020"]
    assert (
        gul.data(CATEGORY_ROLE) == "" and gul.data(Qt.ItemDataRole.ToolTipRole) == "Gül 2020: prolotherapy vs exercise"
    )


def test_excerpts_of_a_single_source_are_listed_without_a_heading(qapp, fixture_content):
    one_source = [e for e in fixture_content.list_entries() if e.fields.get("source") != "source/leaflet"]
    model = build_navigator_model(one_source)
    excerpts = next(
        model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data(CATEGORY_ROLE) == "excerpt"
    )
    rows = [model.index(row, 0, excerpts) for row in range(model.rowCount(excerpts))]
    assert [row.data() for row in rows] == ["1. A tiny article about hip pain", "2. First section"]
    assert rows[0].data(REF_ROLE) == "excerpt/01-intro"
