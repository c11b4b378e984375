"""Exact full-text ranking at any corpus size: the top k by coverage, then bm25, then row.

A query is a list of groups (one per meaningful word or thesaurus phrase), each a few FTS5
phrases. A row's key is (groups it matches, most first; its bm25 over every phrase with the
index's column weights; rowid). :func:`exhaustive_top` computes that key for every match
with FTS5 itself; :func:`top` returns the same top k faster.

How: SQLite's bm25 for a row is a sum, in phrase order, of one term per phrase, and each
term depends only on the phrase, the number of rows it matches, the row's length and the
phrase's weighted frequency in the row. The builder stores, for every word and prefix that
matches more than POSTINGS_MIN_HITS rows, its postings: every row it matches and its weighted
frequency there (``phrase_rows``). :meth:`Ranker.top` then takes one of two exact routes:

- every phrase rare: FTS5 itself, SQLite keeping only the best k (:meth:`Ranker.full_top`);
- otherwise: every matching row scored at once (numpy), each frequent phrase's terms computed
  from its postings with SQLite's formula and order of operations (to the bit), and each
  rare phrase's terms read from FTS5, which scores its few matches quickly.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

# SQLite's bm25 constants (fts5_aux.c).
K1 = 1.2
B = 0.75
# The builder stores the postings of every word and prefix matching more rows than this:
# FTS5 scores a phrase's matches at about a microsecond each, numpy its postings at a
# hundredth of that, so a rare phrase costs FTS5 a fraction of a millisecond.
POSTINGS_MIN_HITS = 250
# An index this small is ranked in one statement, without first trying rows matching every group.
SMALL_INDEX = 5_000

Key = tuple[int, float, int]  # (-groups matched, bm25 (negative), rowid): smaller is better


@dataclass(frozen=True)
class Group:
    """Phrases any one of which matches one meaningful part of the query."""

    phrases: tuple[str, ...]

    @property
    def expression(self) -> str:
        return " OR ".join(self.phrases)


def expression(groups: Sequence[Group]) -> str:
    """The MATCH expression whose bm25 ranks: every phrase of every group, any may match."""
    return " OR ".join(g.expression for g in groups)


def read_varint(data: bytes, at: int) -> tuple[int, int]:
    """One SQLite varint from ``data`` at ``at``: (value, next position)."""
    value = 0
    for index in range(8):
        byte = data[at + index]
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, at + index + 1
    return (value << 8) | data[at + 8], at + 9


def varints(data: bytes) -> list[int]:
    values, at = [], 0
    while at < len(data):
        value, at = read_varint(data, at)
        values.append(value)
    return values


def idf(rows: int, hits: int) -> float:
    value = math.log((rows - hits + 0.5) / (hits + 0.5))
    return value if value > 0.0 else 1e-6


def length_scale(length, average: float):
    """K1 * (1 - B + B * length / mean length): a row's (or each row's) share of bm25's
    denominator, in SQLite's order of operations."""
    return K1 * ((1 - B) + ((B * length) / average))


def scaled_term(weight: float, frequency, scale):
    """One phrase's share of a row's bm25 score (or each row's, given arrays), in SQLite's
    order of operations: ``weight`` is the phrase's idf, ``scale`` the row's length_scale."""
    return weight * ((frequency * (K1 + 1.0)) / (frequency + scale))


def term(weight: float, frequency: float, length: float, average: float) -> float:
    """One phrase's share of a row's bm25 score, in SQLite's order of operations."""
    return scaled_term(weight, frequency, length_scale(length, average))


class Ranker:
    """Exact top-k over one open content database's ``entry_index``."""

    def __init__(self, connection: sqlite3.Connection, weights: Sequence[float], table: str = "entry_index") -> None:
        self._connection = connection
        self._weights = tuple(weights)
        self._table = table
        self._bm25 = f"bm25({table}, {', '.join(map(str, weights))})"

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        return self._connection.execute(sql, params).fetchall()

    @cached_property
    def _averages(self) -> tuple[int, float]:
        """Rows in the index and their mean length in tokens, as FTS5 keeps them."""
        block = self._rows(f"SELECT block FROM {self._table}_data WHERE id = 1")[0][0]
        values = varints(block)
        rows, tokens = values[0], sum(values[1:])
        return rows, float(tokens) / float(rows) if rows else 1.0

    @cached_property
    def stored(self) -> frozenset[str]:
        """Phrases the builder stored postings for (of their own, or shared with another)."""
        try:
            return frozenset(row[0] for row in self._rows("SELECT phrase FROM phrase_rows WHERE phrase != ''"))
        except sqlite3.OperationalError:
            return frozenset()

    @cached_property
    def _length_scale(self):
        """K1 * (1 - B + B * length / mean length) for every rowid, as bm25 computes it."""
        import numpy as np

        blob = self._rows("SELECT postings FROM phrase_rows WHERE phrase = ''")[0][0]
        return length_scale(np.frombuffer(blob, dtype=np.uint32).astype(np.float64), self._averages[1])

    # -- one phrase's terms -----------------------------------------------------------------
    def postings(self, phrase: str, low: int, high: int):
        """The phrase's stored postings within rows ``low``..``high``: (rows it matches in the
        whole index, rowids, weighted frequencies), or None if the builder stored none."""
        if phrase not in self.stored:
            return None
        import numpy as np

        found = self._rows(
            "SELECT p.hits, coalesce(p.postings, q.postings) FROM phrase_rows p "
            "LEFT JOIN phrase_rows q ON q.phrase = p.same WHERE p.phrase = ?",
            (phrase,),
        )
        if not found or found[0][1] is None:
            return None
        hits, blob = found[0]
        rowids, frequencies = unpack_postings(blob)
        first, last = np.searchsorted(rowids, low, "left"), np.searchsorted(rowids, high, "right")
        return hits, rowids[first:last].astype(np.int64), frequencies[first:last].astype(np.float64)

    def index_terms(self, phrase: str, low: int, high: int) -> dict[int, float]:
        """The phrase's term in every row it matches within ``low``..``high``, from FTS5."""
        return dict(
            self._rows(
                f"SELECT rowid, -{self._bm25} FROM {self._table} WHERE {self._table} MATCH ? AND rowid BETWEEN ? AND ?",
                (phrase, low, high),
            )
        )

    # -- the top k --------------------------------------------------------------------------
    def exhaustive_top(self, groups: Sequence[Group], k: int, low: int, high: int) -> list[tuple[Key, float]]:
        """The top ``k`` by scoring every match with FTS5: the reference :meth:`top` equals."""
        if not groups:
            return []
        scored = self._rows(
            f"SELECT rowid, {self._bm25} FROM {self._table} WHERE {self._table} MATCH ? AND rowid BETWEEN ? AND ?",
            (expression(groups), low, high),
        )
        covered: dict[int, int] = {}
        for group in groups:
            for (rowid,) in self._rows(
                f"SELECT rowid FROM {self._table} WHERE {self._table} MATCH ? AND rowid BETWEEN ? AND ?",
                (group.expression, low, high),
            ):
                covered[rowid] = covered.get(rowid, 0) + 1
        keys = sorted(((-covered[rowid], score, rowid), score) for rowid, score in scored)
        return keys[:k]

    def full_top(self, groups: Sequence[Group], k: int, low: int, high: int) -> list[tuple[Key, float]]:
        """The same top ``k`` as :meth:`exhaustive_top`, by FTS5 with SQLite keeping only the
        best ``k``. On a large index, rows matching every group are tried first (the AND
        expression lists the phrases in the same order, so such a row gets the same bm25)."""
        if not groups:
            return []
        between = "AND rowid BETWEEN ? AND ?"
        if len(groups) == 1:
            rows = self._rows(
                f"SELECT rowid, {self._bm25} AS s FROM {self._table} WHERE {self._table} MATCH ? {between} "
                "ORDER BY s, rowid LIMIT ?",
                (groups[0].expression, low, high, k),
            )
            return [((-1, score, rowid), score) for rowid, score in rows]
        if self._averages[0] > SMALL_INDEX:
            both = " AND ".join(f"({g.expression})" for g in groups)
            rows = self._rows(
                f"SELECT rowid, {self._bm25} AS s FROM {self._table} WHERE {self._table} MATCH ? {between} "
                "ORDER BY s, rowid LIMIT ?",
                (both, low, high, k),
            )
            if len(rows) == k:
                return [((-len(groups), score, rowid), score) for rowid, score in rows]
        covered = " + ".join(
            f"(rowid IN (SELECT rowid FROM {self._table} WHERE {self._table} MATCH ?))" for _ in groups
        )
        rows = self._rows(
            f"SELECT rowid, {self._bm25} AS s, {covered} AS c FROM {self._table} WHERE {self._table} MATCH ? "
            f"{between} ORDER BY c DESC, s, rowid LIMIT ?",
            (*(g.expression for g in groups), expression(groups), low, high, k),
        )
        return [((-covered_count, score, rowid), score) for rowid, score, covered_count in rows]

    def top(self, groups: Sequence[Group], k: int, low: int, high: int) -> list[tuple[Key, float]]:
        """The same top ``k`` as :meth:`exhaustive_top`: FTS5 when every phrase is rare, else
        every matching row scored at once from the stored postings."""
        if not groups:
            return []
        phrases = [p for g in groups for p in g.phrases]
        if not any(p in self.stored for p in phrases):
            return self.full_top(groups, k, low, high)  # every phrase is rare: cheap to score
        return self._postings_top(groups, k, low, high)

    def _postings_top(self, groups: Sequence[Group], k: int, low: int, high: int) -> list[tuple[Key, float]]:
        """Score every row of the window at once: stored postings for frequent phrases, FTS5's
        terms for the others; the same arithmetic, in the same order, as SQLite's bm25."""
        import numpy as np

        scale = self._length_scale
        rows = self._averages[0]
        low, high = max(low, 0), min(high, len(scale) - 1)
        if low > high:
            return []
        size = high - low + 1
        score = np.zeros(size)
        matched = np.zeros(size, dtype=np.int32)
        for group in groups:
            hit = np.zeros(size, dtype=bool)
            for phrase in group.phrases:  # in the expression's order: bm25 adds terms in it
                stored = self.postings(phrase, low, high)
                if stored is not None:
                    hits, rowids, frequency = stored
                    terms = scaled_term(idf(rows, hits), frequency, scale[rowids])
                else:
                    found = self.index_terms(phrase, low, high)
                    rowids = np.fromiter(found.keys(), dtype=np.int64, count=len(found))
                    terms = np.fromiter(found.values(), dtype=np.float64, count=len(found))
                at = rowids - low
                score[at] += terms  # rowids are distinct: one addition per row, as bm25 does
                hit[at] = True
            matched += hit
        bm25 = -score
        found: list[tuple[Key, float]] = []
        for level in range(len(groups), 0, -1):
            need = k - len(found)
            if need <= 0:
                break
            chosen = np.flatnonzero(matched == level)
            if len(chosen) > need:
                cut = np.partition(bm25[chosen], need - 1)[need - 1]
                chosen = chosen[bm25[chosen] <= cut]
            order = np.lexsort((chosen, bm25[chosen]))[:need]
            found += [((-level, float(bm25[i]), int(i) + low), float(bm25[i])) for i in chosen[order]]
        return found


def pack_postings(rowids, frequencies) -> bytes:
    """Postings as stored: rowids (ascending) as 4-byte, then frequencies as 2-byte integers."""
    import numpy as np

    return np.asarray(rowids, dtype="<u4").tobytes() + np.asarray(frequencies, dtype="<u2").tobytes()


def unpack_postings(blob: bytes):
    """(rowids, frequencies) of stored postings, as read-only numpy arrays over ``blob``."""
    import numpy as np

    count = len(blob) // 6
    return np.frombuffer(blob, dtype="<u4", count=count), np.frombuffer(blob, dtype="<u2", offset=4 * count)
