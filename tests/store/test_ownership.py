"""Each content store owns its connection: building, checking or opening another database in
the same process never takes over one already open."""

from __future__ import annotations

from hipref.content.build import build
from hipref.content.validate import check_database
from hipref.store.content_store import ContentStore


def test_an_open_store_still_reads_after_an_in_process_build(opened, fixture_resources, tmp_path):
    before = opened.list_entries()
    out = tmp_path / "built" / "content.sqlite"
    build(fixture_resources, out)
    assert opened.list_entries() == before
    assert opened.get_ref("condition/femoroacetabular-impingement") is not None
    assert opened.searcher.search("labrum")
    leftovers = sorted(p.name for p in out.parent.iterdir())
    assert leftovers == ["content.sqlite"], "no stray .hipref-build-*.sqlite beside the built file"
    with ContentStore.open(out) as built:
        assert {e.slug for e in built.list_entries("source")} == {"leaflet", "mini"}
    assert sorted(p.name for p in out.parent.iterdir()) == ["content.sqlite"]


def test_an_open_store_still_reads_after_a_check_of_another_database(opened, fixture_db, fixture_resources):
    before = opened.counts()
    check_database(fixture_db, fixture_resources, {})
    assert opened.counts() == before and before["excerpt"] > 10


def test_two_stores_on_two_databases_stay_apart(content_db, fixture_db):
    with ContentStore.open(content_db) as bundled, ContentStore.open(fixture_db) as fixture:
        for _ in range(2):  # interleaved, each answers from its own file
            assert [e.slug for e in bundled.list_entries("source")] == ["hauser-2022"]
            assert {e.slug for e in fixture.list_entries("source")} == {"leaflet", "mini"}
        assert bundled.get_ref("study/example-2023") is None
        assert fixture.get_ref("study/example-2023").title == "Example 2023: stretching for stiff hips"
        assert bundled.counts()["study"] == len(bundled.list_entries("study")) > fixture.counts()["study"] == 2
        assert bundled.meta()["content_hash"] != fixture.meta()["content_hash"] == "fixture"
        assert [h.ref for h in fixture.searcher.search("stretching", "study")] == ["study/example-2023"]
        assert "study/example-2023" not in {h.ref for h in bundled.searcher.search("stretching")}
