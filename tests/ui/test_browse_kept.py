"""Opening or bookmarking an entry changes the tree's Recent and Bookmarks groups in place."""

from __future__ import annotations

from hipref.ui.roles import CATEGORY_ROLE, REF_ROLE


def group_refs(window, key: str) -> list[str]:
    model = window.parts.browse.navigator.model()
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        if group.data(CATEGORY_ROLE) == key:
            return [model.index(child, 0, group).data(REF_ROLE) for child in range(model.rowCount(group))]
    raise AssertionError(f"no group {key}")


def test_recent_and_bookmarks_change_in_place(window, qtbot):
    model = window.parts.browse.navigator.model()
    window.open_ref("condition/hip-osteoarthritis")
    qtbot.waitUntil(lambda: group_refs(window, "recent")[:1] == ["condition/hip-osteoarthritis"])
    window.open_ref("structure/iliofemoral-ligament")
    qtbot.waitUntil(lambda: group_refs(window, "recent")[:1] == ["structure/iliofemoral-ligament"])
    assert group_refs(window, "recent")[1] == "condition/hip-osteoarthritis"
    window.window_actions.bookmark.trigger()
    assert group_refs(window, "bookmarks") == ["structure/iliofemoral-ligament"]
    header = model.index(0, 0).data()
    assert header.startswith("Bookmarks") and "(1)" in header
    assert window.parts.browse.navigator.model() is model  # the rest of the tree was not rebuilt
