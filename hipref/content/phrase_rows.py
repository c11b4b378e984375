"""Store the best rows of every word and prefix that matches many rows (``phrase_rows``).

Search ranks a query over such a phrase exactly without scoring each of its matches: it
walks these lists best first and stops once no row further down can reach the top (see
``hipref.search.ranking``). A small corpus, such as the bundled content, has no phrase
frequent enough and stores nothing.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterable

from hipref.search.ranking import DENSE_MIN_ROWS, DENSE_SHARE, LIST_LENGTH, LIST_MIN_HITS, idf, term, varints
from hipref.store.models import INDEX_WEIGHTS
from hipref.text import tokens

MIN_PREFIX = 2


def _frequent(connection: sqlite3.Connection, extra_phrases: Iterable[str]) -> list[str]:
    """Words, prefixes and given phrases that may match more than LIST_MIN_HITS rows."""
    connection.execute("CREATE VIRTUAL TABLE temp.entry_vocab USING fts5vocab('main', 'entry_index', 'row')")
    try:
        counts = connection.execute("SELECT term, doc FROM temp.entry_vocab").fetchall()
    finally:
        connection.execute("DROP TABLE temp.entry_vocab")
    documents = dict(counts)
    phrases = [f'"{word}"' for word, doc in counts if doc > LIST_MIN_HITS]
    prefix_bound: dict[str, int] = {}
    for word, doc in counts:
        for length in range(MIN_PREFIX, len(word) + 1):
            prefix_bound[word[:length]] = prefix_bound.get(word[:length], 0) + doc
    phrases += [f'"{prefix}"*' for prefix, bound in sorted(prefix_bound.items()) if bound > LIST_MIN_HITS]
    for text in extra_phrases:
        words = tokens(text)
        if len(words) > 1 and any(documents.get(w, 0) > LIST_MIN_HITS for w in words):
            phrases.append('"' + " ".join(words) + '"')
    return list(dict.fromkeys(phrases))


class _Lengths:
    """Every row's length in tokens and the mean, as FTS5 keeps them (for dense columns)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.rows = connection.execute("SELECT count(*) FROM entry_index").fetchone()[0]
        self.last = connection.execute("SELECT max(rowid) FROM entry_index").fetchone()[0] or 0
        self.length = array("I", bytes(4 * (self.last + 1)))
        for rowid, size in connection.execute("SELECT id, sz FROM entry_index_docsize"):
            self.length[rowid] = sum(varints(size))
        totals = varints(connection.execute("SELECT block FROM entry_index_data WHERE id = 1").fetchone()[0])
        self.average = float(sum(totals[1:])) / float(totals[0])


def _dense(terms: list[tuple[int, float]], hits: int, lengths: _Lengths) -> bytes | None:
    """A phrase's weighted frequency in every row, recovered from its bm25 terms, or None if
    any row's term would not come out of it exactly."""
    weight = idf(lengths.rows, hits)
    frequency = array("H", bytes(2 * (lengths.last + 1)))
    for rowid, value in terms:
        length = float(lengths.length[rowid])
        scale = 1.2 * (1 - 0.75 + 0.75 * length / lengths.average)
        guess = round(value * scale / (weight * 2.2 - value)) if weight * 2.2 > value else 0
        found = next(
            (
                f
                for f in (guess, guess - 1, guess + 1)
                if 0 < f < 65536 and term(weight, f, length, lengths.average) == value
            ),
            None,
        )
        if found is None:
            return None
        frequency[rowid] = found
    return frequency.tobytes()


def store_phrase_rows(connection: sqlite3.Connection, extra_phrases: Iterable[str] = ()) -> int:
    """Fill ``phrase_rows`` for every frequent phrase; returns how many were stored."""
    weights = ", ".join(map(str, INDEX_WEIGHTS))
    stored = 0
    lengths = None
    for phrase in _frequent(connection, extra_phrases):
        hits = connection.execute("SELECT count(*) FROM entry_index WHERE entry_index MATCH ?", (phrase,)).fetchone()[0]
        if hits <= LIST_MIN_HITS and phrase.endswith("*"):
            continue  # cheap enough to rank in full at search time
        limit = hits if hits <= LIST_MIN_HITS else LIST_LENGTH
        rows = connection.execute(
            f"SELECT rowid, -bm25(entry_index, {weights}) AS term FROM entry_index WHERE entry_index MATCH ? "
            f"ORDER BY bm25(entry_index, {weights}), rowid LIMIT {limit}",
            (phrase,),
        ).fetchall()
        blob = array("q", [r[0] for r in rows]).tobytes() + array("d", [r[1] for r in rows]).tobytes()
        dense = None
        total = connection.execute("SELECT count(*) FROM entry_index").fetchone()[0]
        if total >= DENSE_MIN_ROWS and hits > DENSE_SHARE * total and " " not in phrase:
            if lengths is None:
                lengths = _Lengths(connection)
                connection.execute(
                    "INSERT INTO phrase_rows (phrase, hits, rows, dense) VALUES ('', 0, x'', ?)",
                    (lengths.length.tobytes(),),
                )
            every = connection.execute(
                f"SELECT rowid, -bm25(entry_index, {weights}) FROM entry_index WHERE entry_index MATCH ?", (phrase,)
            ).fetchall()
            dense = _dense(every, hits, lengths)
        connection.execute(
            "INSERT INTO phrase_rows (phrase, hits, rows, dense) VALUES (?, ?, ?, ?)", (phrase, hits, blob, dense)
        )
        stored += 1
    return stored
