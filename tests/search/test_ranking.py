"""Exact ranking: the fast top k equals FTS5's own bm25 over every match, whatever is stored.

A small synthetic corpus is built twice: with postings stored for every word, prefix and
thesaurus phrase matching more than 12 rows (so queries mix stored and rare phrases, prefixes
sharing another's postings, and windows of rows), and with none stored (FTS5 ranks all).
"""

from __future__ import annotations

import random
import sqlite3

import pytest

from hipref.content import phrase_rows
from hipref.content.build import write_database
from hipref.content.records import EntryRecord
from hipref.content.thesaurus import Concept
from hipref.search.ranking import Group, Ranker, idf, pack_postings, scaled_term, term, unpack_postings
from hipref.store.tables import INDEX_WEIGHTS

WORDS = ["hip", "pain", "joint", "labrum", "tendon", "gluteal", "femoral", "femur", "prolotherapy", "exercise"]
WORDS += [f"w{i}" for i in range(40)]
WORDS += ["ærø", "ærøs", "αβγ", "αβδ"]  # prefixes beyond ASCII: FTS5 orders words by their UTF-8 bytes
WEIGHTS = [1 / (i + 1) for i in range(len(WORDS))]
EVERY_ROW = (1, 2**63 - 1)
THESAURUS = [Concept(("hip pain",), ("joint tendon", "trendelenburg hip", "hip nothing"))]


def _records(count: int) -> list[EntryRecord]:
    rng = random.Random(7)
    records = [
        EntryRecord(type="source", slug="s", path="source/s.md", title="Hip source", summary="hip pain", body="joint"),
        EntryRecord(type="condition", slug="c", path="condition/c.md", title="Hip labrum pain", aliases=["labral"]),
    ]
    for i in range(count):
        body = " ".join(rng.choices(WORDS, WEIGHTS, k=rng.randint(5, 60)))
        if i % 40 == 0:
            body += " trendelenburg"  # a rare word: 8 rows
        title = " ".join(rng.choices(WORDS, WEIGHTS, k=3))
        records.append(
            EntryRecord(
                type="excerpt",
                slug=f"e{i:04d}",
                path=f"excerpt/e{i:04d}.md",
                title=title,
                body=body,
                fields={"source": "source/s", "position": i + 1},
            )
        )
    return records


@pytest.fixture(scope="module", params=["postings", "index"])
def corpus(request, tmp_path_factory):
    """The corpus with postings for phrases in more than 12 rows, and without any."""
    patch = pytest.MonkeyPatch()
    patch.setattr(phrase_rows, "POSTINGS_MIN_HITS", 12 if request.param == "postings" else 10**9)
    out = tmp_path_factory.mktemp("ranking") / f"{request.param}.sqlite"
    try:
        write_database(_records(300), out, "test", "2000-01-01", THESAURUS)
    finally:
        patch.undo()
    connection = sqlite3.connect(out)
    yield connection
    connection.close()


@pytest.fixture
def ranker(corpus):
    return Ranker(corpus, INDEX_WEIGHTS)


QUERIES = [
    ['"hip"'],
    ['"hip"*'],
    ['"fem"*'],
    ['"la"*'],
    ['"prolotherapy"'],
    ['"hip"', '"pain"'],
    ['"hip"', '"pain"', '"joint"'],
    ['"w3"', '"hip"'],
    ['"w39"', '"w38"', '"hip"'],
    ['"trendelenburg"', '"hip"'],
    ['"trendelenburg"', '"pain"', '"joint"'],
    ['"labrum" OR "labral"', '"tendon"'],
    ['"hip pain"', '"joint"'],
    ['"hip pain" OR "joint tendon"', '"w1"*'],
    ['"gluteal"', '"fem"*'],
    ['"trendelenburg hip" OR "trendelenburg"', '"hip nothing" OR "femur"'],
    ['"w"*', '"exercise"'],
    ['"w3"*', '"w2"', '"femur"', '"pain"*'],
    ['"ær"*', '"αβ"*', '"αβδ"'],
    ['"nothing"'],
    ['"nothing"', '"hip"'],
]
WINDOWS = (EVERY_ROW, (3, 2**63 - 1), (1, 2), (40, 180))


def _groups(query: list[str]) -> list[Group]:
    return [Group(tuple(part.split(" OR "))) for part in query]


@pytest.mark.parametrize("corpus", ["postings"], indirect=True)
def test_frequent_phrases_are_stored_and_prefixes_share(corpus):
    rows = {r[0]: r[1:] for r in corpus.execute("SELECT phrase, hits, postings IS NOT NULL, same FROM phrase_rows")}
    assert rows['"hip"'][0] > 12 and rows['"hip"'][1]
    assert rows['"fem"*'][1] and rows['"w3"*'][1] and rows['"w1"*'][1] and rows['"hip pain"'][1]
    assert rows['"femu"*'] == (rows['"femur"'][0], 0, '"femur"')  # covers one word: shares its postings
    assert rows['"ærø"*'][1] and rows['"ær"*'] == (rows['"ærø"*'][0], 0, '"ærø"*') and rows['"αβ"*'][1]
    assert '"trendelenburg"' not in rows  # rare words are ranked by FTS5 at search time
    # A phrase with a frequent word is stored however rare: FTS5 reads every position of its words.
    assert rows['"trendelenburg hip"'][0] < 12 and rows['"hip nothing"'] == (0, 1, None)


@pytest.mark.parametrize("corpus", ["postings"], indirect=True)
def test_terms_from_postings_are_sqlite_bm25_to_the_bit(corpus, ranker):
    """Every stored phrase's terms, computed from its postings, equal FTS5's own exactly."""
    weights = ", ".join(map(str, INDEX_WEIGHTS))
    phrases = [row[0] for row in corpus.execute("SELECT phrase FROM phrase_rows WHERE phrase != ''")]
    assert len(phrases) > 40
    scale, rows = ranker._length_scale, ranker._averages[0]
    for phrase in phrases:
        expected = dict(
            corpus.execute(
                f"SELECT rowid, -bm25(entry_index, {weights}) FROM entry_index WHERE entry_index MATCH ?", (phrase,)
            ).fetchall()
        )
        hits, rowids, frequency = ranker.postings(phrase, *EVERY_ROW)
        assert hits == len(expected) == len(rowids)
        terms = scaled_term(idf(rows, hits), frequency, scale[rowids])
        assert dict(zip(rowids.tolist(), terms.tolist(), strict=True)) == expected  # not approximate
        assert [term(idf(rows, hits), f, 0.0, 1.0) > 0 for f in frequency[:3]] == [True] * min(3, hits)


def test_postings_pack_and_unpack():
    rowids, frequencies = unpack_postings(pack_postings([3, 70000, 2**32 - 1], [1, 2, 65535]))
    assert rowids.tolist() == [3, 70000, 2**32 - 1] and frequencies.tolist() == [1, 2, 65535]


@pytest.mark.parametrize("query", QUERIES, ids=[" ".join(q) for q in QUERIES])
@pytest.mark.parametrize("k", [1, 5, 10, 40, 400])
def test_top_equals_exhaustive_bm25(ranker, query, k):
    groups = _groups(query)
    for low, high in WINDOWS:
        assert ranker.top(groups, k, low, high) == ranker.exhaustive_top(groups, k, low, high)


def test_more_groups_matched_rank_first(ranker):
    top = ranker.exhaustive_top(_groups(['"trendelenburg"', '"hip"']), 300, *EVERY_ROW)
    covered = [-key[0] for key, _ in top]
    assert covered == sorted(covered, reverse=True) and covered[0] == 2 and covered[-1] == 1


def test_idf_floor_and_term_shape():
    assert idf(10, 9) == 1e-6  # a phrase in most rows still counts a little
    assert term(1.0, 2.0, 10.0, 10.0) == pytest.approx(2.0 * 2.2 / (2.0 + 1.2))


@pytest.mark.parametrize("query", QUERIES, ids=[" ".join(q) for q in QUERIES])
@pytest.mark.parametrize("k", [1, 10, 400])
def test_full_top_equals_exhaustive_bm25(ranker, query, k):
    """Letting SQLite keep the best k (rows matching every group first) changes nothing."""
    groups = _groups(query)
    assert ranker.full_top(groups, k, *EVERY_ROW) == ranker.exhaustive_top(groups, k, *EVERY_ROW)


@pytest.mark.parametrize("query", [['"hip"'], ['"fem"*'], ['"hip"', '"pain"', '"joint"'], ['"hip"', '"trendelenburg"']])
@pytest.mark.parametrize("k", [1, 10, 400])
@pytest.mark.parametrize("corpus", ["postings"], indirect=True)
def test_frequent_phrases_are_scored_from_postings_not_by_fts5(ranker, monkeypatch, query, k):
    groups = _groups(query)
    expected = ranker.exhaustive_top(groups, k, *EVERY_ROW)
    window = ranker.exhaustive_top(groups, k, 40, 180)
    asked = []

    def refuse(*_args):
        raise AssertionError("ranked by FTS5 instead of from the stored postings")

    def index_terms(phrase, low, high):
        asked.append(phrase)
        return Ranker.index_terms(ranker, phrase, low, high)

    monkeypatch.setattr(ranker, "full_top", refuse)
    monkeypatch.setattr(ranker, "exhaustive_top", refuse)
    monkeypatch.setattr(ranker, "index_terms", index_terms)
    assert ranker.top(groups, k, *EVERY_ROW) == expected
    assert ranker.top(groups, k, 40, 180) == window
    assert set(asked) <= {'"trendelenburg"'}  # only the rare word is asked of FTS5


@pytest.mark.parametrize("corpus", ["index"], indirect=True)
def test_without_postings_fts5_ranks(ranker):
    assert not ranker.stored
    groups = _groups(['"hip"', '"pain"'])
    assert ranker.top(groups, 10, *EVERY_ROW) == ranker.exhaustive_top(groups, 10, *EVERY_ROW)


def test_frequencies_that_are_not_whole_are_left_to_fts5(tmp_path, monkeypatch):
    """With a fractional weight on summaries (only the source's says "hip pain"), those words'
    weighted frequencies are not all whole numbers: they and the prefixes covering them are
    not stored, the other words are, and ranking stays exact."""
    weights = (10.0, 8.0, 8.0, 0.5, 1.0, 0.0)
    monkeypatch.setattr(phrase_rows, "POSTINGS_MIN_HITS", 12)
    monkeypatch.setattr(phrase_rows, "INDEX_WEIGHTS", weights)
    out = tmp_path / "halves.sqlite"
    write_database(_records(300), out, "test", "2000-01-01")
    connection = sqlite3.connect(out)
    try:
        ranker = Ranker(connection, weights)
        assert not {'"hip"', '"hi"*', '"pain"', '"pai"*'} & ranker.stored
        assert {'"joint"', '"w1"', '"w1"*'} <= ranker.stored
        for query in QUERIES:
            groups = _groups(query)
            assert ranker.top(groups, 10, *EVERY_ROW) == ranker.exhaustive_top(groups, 10, *EVERY_ROW)
    finally:
        connection.close()
