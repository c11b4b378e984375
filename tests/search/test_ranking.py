"""Exact ranking: the fast top k equals FTS5's own bm25 over every match, whatever the lists hold.

A small synthetic corpus is built with tiny stored lists (a phrase matching more than 12
rows stores its best 6), so every path of the threshold search runs: lists read to the end,
terms read from the index, and the fallback when a list runs out.
"""

from __future__ import annotations

import random
import sqlite3

import pytest

from hipref.content import phrase_rows
from hipref.content.build import write_database
from hipref.content.records import EntryRecord
from hipref.search import ranking
from hipref.search.ranking import Group, Ranker, idf, term
from hipref.store.models import INDEX_WEIGHTS

WORDS = ["hip", "pain", "joint", "labrum", "tendon", "gluteal", "femoral", "femur", "prolotherapy", "exercise"]
WORDS += [f"w{i}" for i in range(40)]
WEIGHTS = [1 / (i + 1) for i in range(len(WORDS))]


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


@pytest.fixture(scope="module", params=["dense", "lists"])
def corpus(request, tmp_path_factory):
    """The corpus with dense frequencies for words in most rows, and without (lists only)."""
    patch = pytest.MonkeyPatch()
    patch.setattr(phrase_rows, "LIST_MIN_HITS", 12)
    patch.setattr(phrase_rows, "LIST_LENGTH", 6)
    patch.setattr(phrase_rows, "DENSE_MIN_ROWS", 100 if request.param == "dense" else 10**9)
    patch.setattr(phrase_rows, "DENSE_SHARE", 0.6)  # words in over 60% of rows
    out = tmp_path_factory.mktemp("ranking") / f"{request.param}.sqlite"
    try:
        write_database(_records(300), out, "test", "2000-01-01")
    finally:
        patch.undo()
    connection = sqlite3.connect(out)
    yield connection
    connection.close()


@pytest.fixture
def ranker(corpus, monkeypatch):
    monkeypatch.setattr(ranking, "STEP", 3)
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
    ['"gluteal"', '"fem"*'],
    ['"nothing"'],
    ['"nothing"', '"hip"'],
]


def _groups(query: list[str]) -> list[Group]:
    return [Group(tuple(part.split(" OR "))) for part in query]


def test_frequent_phrases_are_stored_and_cut_short(corpus):
    rows = dict(corpus.execute("SELECT phrase, hits FROM phrase_rows").fetchall())
    assert rows['"hip"'] > 12 and '"hip"*' in rows and '"fem"*' in rows
    dense = {row[0] for row in corpus.execute("SELECT phrase FROM phrase_rows WHERE dense IS NOT NULL")}
    assert not dense or ('"hip"' in dense and '"pain"' in dense and '"w39"' not in dense)
    assert '"trendelenburg"' not in rows  # rare words are ranked in full at search time


@pytest.mark.parametrize("query", QUERIES, ids=[" ".join(q) for q in QUERIES])
@pytest.mark.parametrize("k", [1, 5, 10, 40])
def test_top_equals_exhaustive_bm25(ranker, query, k):
    groups = _groups(query)
    for low, high in ((1, 2**63 - 1), (3, 2**63 - 1), (1, 2)):
        assert ranker.top(groups, k, low, high) == ranker.exhaustive_top(groups, k, low, high)


def test_more_groups_matched_rank_first(ranker):
    top = ranker.exhaustive_top(_groups(['"trendelenburg"', '"hip"']), 300, 1, 2**63 - 1)
    covered = [-key[0] for key, _ in top]
    assert covered == sorted(covered, reverse=True) and covered[0] == 2 and covered[-1] == 1


def test_python_bm25_term_is_sqlite_bm25_to_the_bit(corpus, ranker):
    weights = ", ".join(map(str, INDEX_WEIGHTS))
    for phrase in ('"hip"', '"fem"*', '"w7"', '"hip pain"'):
        expected = dict(
            corpus.execute(
                f"SELECT rowid, -bm25(entry_index, {weights}) FROM entry_index WHERE entry_index MATCH ?", (phrase,)
            ).fetchall()
        )
        hits = len(expected)
        read = ranker.read_terms(phrase, hits, list(expected))
        assert read == expected  # exact equality, not approximate


def test_idf_floor_and_term_shape():
    assert idf(10, 9) == 1e-6  # a phrase in most rows still counts a little
    assert term(1.0, 2.0, 10.0, 10.0) == pytest.approx(2.0 * 2.2 / (2.0 + 1.2))


@pytest.mark.parametrize("query", [['"hip"'], ['"fem"*'], ['"trendelenburg"', '"hip"']])
def test_threshold_proves_the_top_without_scoring_every_match(ranker, monkeypatch, query):
    """With lists long enough for the top k, nothing falls back to scoring every match."""

    def refuse(*_args):
        raise AssertionError("fell back to exhaustive ranking")

    expected = ranker.exhaustive_top(_groups(query), 2, 1, 2**63 - 1)
    monkeypatch.setattr(ranker, "exhaustive_top", refuse)
    assert ranker.top(_groups(query), 2, 1, 2**63 - 1) == expected


@pytest.mark.parametrize("query", QUERIES, ids=[" ".join(q) for q in QUERIES])
@pytest.mark.parametrize("k", [1, 10, 400])
def test_full_top_equals_exhaustive_bm25(ranker, query, k):
    """Letting SQLite keep the best k (rows matching every group first) changes nothing."""
    groups = _groups(query)
    assert ranker.full_top(groups, k, 1, 2**63 - 1) == ranker.exhaustive_top(groups, k, 1, 2**63 - 1)


@pytest.mark.parametrize("query", [['"hip"', '"pain"'], ['"hip"', '"pain"', '"joint"'], ['"hip"', '"trendelenburg"']])
@pytest.mark.parametrize("k", [1, 10, 400])
@pytest.mark.parametrize("corpus", ["dense"], indirect=True)
def test_words_in_most_rows_are_scored_at_once_and_exactly(ranker, monkeypatch, query, k):
    assert ranker.dense
    groups = _groups(query)
    expected = ranker.exhaustive_top(groups, k, 1, 2**63 - 1)

    def refuse(*_args):
        raise AssertionError("not scored from the dense columns")

    monkeypatch.setattr(ranker, "full_top", refuse)
    monkeypatch.setattr(ranker, "exhaustive_top", refuse)
    assert ranker.top(groups, k, 1, 2**63 - 1) == expected
    assert ranker.top(groups, k, 3, 200) == Ranker.exhaustive_top(ranker, groups, k, 3, 200)


@pytest.mark.parametrize("query", QUERIES, ids=[" ".join(q) for q in QUERIES])
@pytest.mark.parametrize("score_all", [0, 3])
def test_levels_with_few_rows_scored_stay_exact(ranker, monkeypatch, query, score_all):
    """Levels too large to score are ordered by their lists, or handed on; never approximated."""
    monkeypatch.setattr(ranking, "SCORE_ALL", score_all)
    groups = _groups(query)
    for k in (1, 10, 60):
        assert ranker.top(groups, k, 1, 2**63 - 1) == ranker.exhaustive_top(groups, k, 1, 2**63 - 1)
