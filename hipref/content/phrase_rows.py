"""Store the complete postings of every word and prefix that matches many rows, and of every
thesaurus phrase with such a word, however rare the phrase (``phrase_rows``).

Search then scores a query's frequent words and prefixes for every row they match from these
arrays (with numpy), and asks FTS5 only about rare ones, whose few matches it scores quickly
(see ``hipref.search.ranking``). A posting is a row and the phrase's weighted frequency in it,
which with the row's length gives SQLite's bm25 term to the bit. A small corpus, such as the
bundled content, has no phrase frequent enough and stores nothing. A phrase of several words
is stored even when it matches few rows, because FTS5 finds those rows by reading every
position of each of its words: "osteoarthritis of the hip" costs it as much as "the".

Every word's frequencies are recovered from FTS5's own bm25 terms and checked against them.
A prefix matches the same token instances as the words it covers, so its postings are theirs
summed row by row; prefixes covering the same words share one copy.
"""

from __future__ import annotations

import bisect
import itertools
import os
import sqlite3
from collections.abc import Iterable

from hipref.search.ranking import K1, POSTINGS_MIN_HITS, idf, length_scale, pack_postings, scaled_term, varints
from hipref.store.tables import INDEX_WEIGHTS
from hipref.text import tokens

MIN_PREFIX = 2


class _Lengths:
    """Every row's length in tokens and the mean, as FTS5 keeps them."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        import numpy as np

        self.rows = connection.execute("SELECT count(*) FROM entry_index").fetchone()[0]
        last = connection.execute("SELECT max(rowid) FROM entry_index").fetchone()[0] or 0
        self.length = np.zeros(last + 1, dtype=np.uint32)
        for rowid, size in connection.execute("SELECT id, sz FROM entry_index_docsize"):
            self.length[rowid] = sum(varints(size))
        totals = varints(connection.execute("SELECT block FROM entry_index_data WHERE id = 1").fetchone()[0])
        self.average = float(sum(totals[1:])) / float(totals[0])
        self.scale = length_scale(self.length.astype(np.float64), self.average)


class _Postings:
    """Rowids (ascending) and weighted frequencies of one phrase."""

    __slots__ = ("rowids", "frequencies")

    def __init__(self, rowids, frequencies) -> None:
        self.rowids, self.frequencies = rowids, frequencies


def _recover(connection: sqlite3.Connection, phrase: str, lengths: _Lengths) -> _Postings | None:
    """A phrase's postings from FTS5's bm25 terms, or None unless every term comes out of them
    exactly and fits (a frequency that is not a whole number or too large, a rowid too large)."""
    import numpy as np

    weights = ", ".join(map(str, INDEX_WEIGHTS))
    found = connection.execute(
        f"SELECT rowid, -bm25(entry_index, {weights}) FROM entry_index WHERE entry_index MATCH ? ORDER BY rowid",
        (phrase,),
    ).fetchall()
    if not found:
        return _Postings(np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.uint16))
    rowids = np.fromiter((r[0] for r in found), dtype=np.int64, count=len(found))
    values = np.fromiter((r[1] for r in found), dtype=np.float64, count=len(found))
    weight = idf(lengths.rows, len(found))
    scale = lengths.scale[rowids]
    frequencies = np.zeros(len(found))
    settled = np.zeros(len(found), dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        guess = np.nan_to_num(np.rint(values * scale / (weight * (K1 + 1.0) - values)), nan=0.0, posinf=0.0, neginf=0.0)
        for candidate in (guess, guess - 1.0, guess + 1.0):
            exact = (candidate > 0) & (candidate < 65536) & (scaled_term(weight, candidate, scale) == values)
            take = exact & ~settled
            frequencies[take] = candidate[take]
            settled |= exact
    if not settled.all() or rowids[-1] >= 2**32:
        return None
    return _Postings(rowids.astype(np.uint32), frequencies.astype(np.uint16))


def _merged(parts: list[_Postings], rows: int) -> _Postings | None:
    """The postings of a prefix from those of the words it covers: frequencies summed per row
    (None if a sum is too large to keep)."""
    import numpy as np

    rowids = np.concatenate([p.rowids for p in parts]).astype(np.int64)
    total = np.bincount(rowids, weights=np.concatenate([p.frequencies for p in parts]), minlength=rows)
    hit = np.zeros(len(total), dtype=bool)
    hit[rowids] = True
    matched = np.flatnonzero(hit)
    if total.max() >= 65536:
        return None
    return _Postings(matched.astype(np.uint32), total[matched])


def _vocabulary(connection: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every word of the index and how many rows hold it, in sorted order."""
    connection.execute("CREATE VIRTUAL TABLE temp.entry_vocab USING fts5vocab('main', 'entry_index', 'row')")
    try:
        return connection.execute("SELECT term, doc FROM temp.entry_vocab ORDER BY term").fetchall()
    finally:
        connection.execute("DROP TABLE temp.entry_vocab")


def _prefix_spans(counts: list[tuple[str, int]]) -> dict[str, tuple[int, int]]:
    """Every prefix whose words may match more than POSTINGS_MIN_HITS rows in all, and the run
    of words (first, last + 1) it covers in sorted order."""
    words = [word for word, _doc in counts]
    before = list(itertools.accumulate((doc for _word, doc in counts), initial=0))
    spans: dict[str, tuple[int, int]] = {}
    for word in words:
        for length in range(MIN_PREFIX, len(word) + 1):
            prefix = word[:length]
            if prefix not in spans:
                first = bisect.bisect_left(words, prefix)
                last = bisect.bisect_left(words, prefix + "\U0010ffff")
                if before[last] - before[first] > POSTINGS_MIN_HITS:
                    spans[prefix] = (first, last)
    return spans


Row = tuple[str, int, bytes | None, str | None]  # phrase, hits, postings, same


def _prefix_rows(
    spans: dict[str, tuple[int, int]], words: list[str], postings: dict[str, _Postings | None], rows: int
) -> list[Row]:
    """Rows for the prefixes matching more than POSTINGS_MIN_HITS rows: the longest prefix of a
    run of several words holds their merged postings, the others name it (or the one word)."""
    found: list[Row] = []
    shared: dict[tuple[int, int], tuple[str, int] | None] = {}
    for prefix, span in sorted(spans.items(), key=lambda item: (item[1], -len(item[0]))):
        first, last = span
        if span not in shared:
            covered = [postings[w] for w in words[first:last]]
            merged = None
            if all(p is not None for p in covered):  # else a word's terms were not recovered: FTS5 scores it
                merged = covered[0] if last - first == 1 else _merged(covered, rows)  # type: ignore[arg-type]
            if merged is None or len(merged.rowids) <= POSTINGS_MIN_HITS:
                shared[span] = None
            elif last - first == 1:
                shared[span] = (f'"{words[first]}"', len(merged.rowids))
            else:
                own = f'"{os.path.commonprefix([words[first], words[last - 1]])}"*'
                found.append((own, len(merged.rowids), pack_postings(merged.rowids, merged.frequencies), None))
                shared[span] = (own, len(merged.rowids))
        target = shared[span]
        if target is not None and target[0] != f'"{prefix}"*':
            found.append((f'"{prefix}"*', target[1], None, target[0]))
    return found


def store_phrase_rows(connection: sqlite3.Connection, extra_phrases: Iterable[str] = ()) -> int:
    """Fill ``phrase_rows`` for every frequent word, prefix and given phrase; returns how many
    phrases were stored (a prefix that shares another's postings counts too)."""
    counts = _vocabulary(connection)
    words = [word for word, _doc in counts]
    documents = dict(counts)
    spans = _prefix_spans(counts)
    needed = {w for first, last in spans.values() for w in words[first:last]}
    needed |= {w for w, doc in counts if doc > POSTINGS_MIN_HITS}
    if not needed:
        return 0
    lengths = _Lengths(connection)
    postings = {w: _recover(connection, f'"{w}"', lengths) for w in sorted(needed)}
    stored: list[Row] = []
    for word in words:
        found = postings.get(word)
        if found is not None and len(found.rowids) > POSTINGS_MIN_HITS:
            stored.append((f'"{word}"', len(found.rowids), pack_postings(found.rowids, found.frequencies), None))
    stored += _prefix_rows(spans, words, postings, len(lengths.length))
    for text in extra_phrases:
        phrase_words = tokens(text)
        if len(phrase_words) > 1 and any(documents.get(w, 0) > POSTINGS_MIN_HITS for w in phrase_words):
            phrase = '"' + " ".join(phrase_words) + '"'
            found = _recover(connection, phrase, lengths)
            if found is not None:  # however few rows it matches: FTS5 reads all its words' positions
                stored.append((phrase, len(found.rowids), pack_postings(found.rowids, found.frequencies), None))
    if not stored:
        return 0
    connection.execute(
        "INSERT INTO phrase_rows (phrase, hits, postings, same) VALUES ('', 0, ?, NULL)", (lengths.length.tobytes(),)
    )
    connection.executemany(
        "INSERT OR IGNORE INTO phrase_rows (phrase, hits, postings, same) VALUES (?, ?, ?, ?)", stored
    )
    return len({row[0] for row in stored})
