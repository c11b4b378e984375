from hipref.store import queries


def test_entry_with_links_both_ways(opened):
    detail = queries.get_ref("structure/iliofemoral-ligament")
    assert detail is not None and detail.title == "Iliofemoral ligament"
    relations = {(link.type, link.relation) for link in detail.links}
    assert ("condition", "involved in") in relations
    assert ("site", "targeted at") in relations


def test_unknown_and_malformed_refs(opened):
    assert queries.get_ref("condition/nope") is None
    assert queries.get_ref("nonsense") is None
    assert queries.parse_ref("a/b/c") is None


def test_excerpts_listed_in_article_order(opened):
    positions = [e.position for e in queries.list_entries("excerpt")]
    assert positions == sorted(positions) and positions[0] == 1


def test_entry_briefs_are_list_entries_read_plainly(opened):
    briefs, entries = queries.entry_briefs(), queries.list_entries()
    assert briefs == entries and len(briefs) > 100
    assert [b.fields for b in briefs] == [e.fields for e in entries]
    assert [b.aliases for b in briefs] == [e.aliases for e in entries]
