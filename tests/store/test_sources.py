"""Content from more than one source: every excerpt and study card knows its own."""

from __future__ import annotations

import json

import pytest

from hipref.cli import main
from hipref.store.content_store import ContentStore


@pytest.fixture
def fixture(fixture_db):
    with ContentStore.open(fixture_db) as store:
        yield store


@pytest.mark.parametrize(
    ("ref", "source", "excerpts"),
    [
        ("excerpt/02-first", "source/mini", 2),
        ("study/gul-2020", "source/mini", 2),
        ("excerpt/leaflet-02-rest", "source/leaflet", 2),
        ("study/example-2023", "source/leaflet", 2),
    ],
)
def test_excerpts_and_studies_carry_their_source(fixture, ref, source, excerpts):
    found = fixture.get_ref(ref).source
    assert found is not None and (found.ref, found.excerpts) == (source, excerpts)
    assert found.title == fixture.get_ref(source).title
    assert found.disclosure == fixture.get_ref(source).fields["disclosure"]


def test_entries_of_no_single_source_have_none(fixture):
    assert fixture.get_ref("condition/hip-osteoarthritis").source is None
    assert fixture.get_ref("source/leaflet").source is None


def test_the_shared_condition_is_linked_from_both_sources(fixture):
    linked = {link.ref for link in fixture.get_ref("condition/hip-osteoarthritis").links}
    assert {"excerpt/02-first", "excerpt/leaflet-01-suggest"} <= linked


def test_list_source_on_the_command_line_lists_both(fixture_db, capsys):
    assert main(["--db", str(fixture_db), "list", "source", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(s["slug"], s["title"]) for s in listed] == [
        ("mini", "A tiny article about hip pain"),
        ("leaflet", "Stiff hips in the morning: a made-up leaflet"),
    ]
