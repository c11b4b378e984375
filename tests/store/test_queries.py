from hipref.store.records import parse_ref


def test_entry_with_links_both_ways(opened):
    detail = opened.get_ref("structure/iliofemoral-ligament")
    assert detail is not None and detail.title == "Iliofemoral ligament"
    relations = {(link.type, link.relation) for link in detail.links}
    assert ("condition", "involved in") in relations
    assert ("site", "targeted at") in relations


def test_unknown_and_malformed_refs(opened):
    assert opened.get_ref("condition/nope") is None
    assert opened.get_ref("nonsense") is None
    assert parse_ref("a/b/c") is None


def test_excerpts_listed_in_article_order(opened):
    positions = [e.position for e in opened.list_entries("excerpt")]
    assert positions == sorted(positions) and positions[0] == 1


def test_list_entries_of_one_type_and_of_all(opened):
    everything = opened.list_entries()
    studies = opened.list_entries("study")
    assert len(everything) > 100 and studies == [e for e in everything if e.type == "study"]
    assert [e.type for e in everything] == sorted(e.type for e in everything)
    gul = next(e for e in studies if e.slug == "gul-2020")
    assert gul.fields["design"] and isinstance(gul.aliases, tuple)
