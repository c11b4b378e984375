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

from hipref.search.ranking import LIST_LENGTH, LIST_MIN_HITS
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
    phrases = [f'"{term}"' for term, doc in counts if doc > LIST_MIN_HITS]
    prefix_bound: dict[str, int] = {}
    for term, doc in counts:
        for length in range(MIN_PREFIX, len(term) + 1):
            prefix_bound[term[:length]] = prefix_bound.get(term[:length], 0) + doc
    phrases += [f'"{prefix}"*' for prefix, bound in sorted(prefix_bound.items()) if bound > LIST_MIN_HITS]
    for text in extra_phrases:
        words = tokens(text)
        if len(words) > 1 and any(documents.get(w, 0) > LIST_MIN_HITS for w in words):
            phrases.append('"' + " ".join(words) + '"')
    return list(dict.fromkeys(phrases))


def store_phrase_rows(connection: sqlite3.Connection, extra_phrases: Iterable[str] = ()) -> int:
    """Fill ``phrase_rows`` for every frequent phrase; returns how many were stored."""
    weights = ", ".join(map(str, INDEX_WEIGHTS))
    stored = 0
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
        connection.execute("INSERT INTO phrase_rows (phrase, hits, rows) VALUES (?, ?, ?)", (phrase, hits, blob))
        stored += 1
    return stored
