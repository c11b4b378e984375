"""Exact full-text ranking at any corpus size: the top k by coverage, then bm25, then row.

A query is a list of groups (one per meaningful word or thesaurus phrase), each a few FTS5
phrases. A row's key is (groups it matches, most first; its bm25 over every phrase with the
index's column weights; rowid). :func:`exhaustive_top` computes that key for every match
with FTS5 itself; :func:`top` returns the same top k without scoring every match.

How: SQLite's bm25 for a row is a sum, in phrase order, of one term per phrase, and each
term depends only on the phrase and the row. So each phrase's terms are fetched as a list:
in full for phrases that match few rows, or, for words and prefixes that match many, as the
best rows the builder stored for them (``phrase_rows``). Rows are then scored in Python
with SQLite's own formula and arithmetic, reading a phrase's term for a row that is not in
its stored list from the index (``highlight``), and only for rows that could still reach
the top. A threshold over the stored lists bounds every row not seen yet; when it cannot
prove the top k (a stored list ran out), the query is answered exhaustively.
"""

from __future__ import annotations

import math
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

# SQLite's bm25 constants (fts5_aux.c).
K1 = 1.2
B = 0.75
# The builder stores the best rows of every word and prefix matching more rows than this.
LIST_MIN_HITS = 1000
LIST_LENGTH = 512
# Rows taken from each stored list, and rows scored from the index, per round.
STEP = 64
MARK = "\x01"

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


def term(weight: float, frequency: float, length: float, average: float) -> float:
    """One phrase's share of a row's bm25 score, in SQLite's order of operations."""
    return weight * ((frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + B * length / average)))


@dataclass
class PhraseTerms:
    """One phrase's bm25 terms: every row's (complete) or the best rows' (stored)."""

    hits: int
    terms: dict[int, float]
    order: list[int] = field(default_factory=list)  # rowids, best first (stored lists)
    complete: bool = True
    floor: float = 0.0  # the smallest stored term: no row outside the list has more

    def bound(self, depth: int) -> float:
        """The largest term a row not among the first ``depth`` of ``order`` can have."""
        if depth < len(self.order):
            return self.terms[self.order[depth]]
        return self.floor


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
        try:
            return frozenset(row[0] for row in self._rows("SELECT phrase FROM phrase_rows"))
        except sqlite3.OperationalError:
            return frozenset()

    # -- one phrase's terms -----------------------------------------------------------------
    def phrase_terms(self, phrase: str, low: int, high: int) -> PhraseTerms:
        if phrase in self.stored:
            hits, blob = self._rows("SELECT hits, rows FROM phrase_rows WHERE phrase = ?", (phrase,))[0]
            count = len(blob) // 16
            ids, scores = array("q"), array("d")
            ids.frombytes(blob[: 8 * count])
            scores.frombytes(blob[8 * count :])
            order = [i for i in ids if low <= i <= high]
            terms = {i: s for i, s in zip(ids, scores, strict=True) if low <= i <= high}
            return PhraseTerms(hits, terms, order, complete=count >= hits, floor=scores[-1] if count else 0.0)
        found = self._rows(
            f"SELECT rowid, -{self._bm25} FROM {self._table} WHERE {self._table} MATCH ? AND rowid BETWEEN ? AND ?",
            (phrase, low, high),
        )
        return PhraseTerms(len(found), dict(found))

    def read_terms(self, phrase: str, hits: int, rowids: Iterable[int]) -> dict[int, float]:
        """The phrase's term for each of ``rowids`` that it matches, read from the index."""
        rowids = list(rowids)
        if not rowids:
            return {}
        marks = ", ".join(map(str, rowids))
        columns = [i for i, w in enumerate(self._weights) if w]
        lights = ", ".join(f"highlight({self._table}, {i}, char(1), '')" for i in columns)
        found = self._rows(
            f"SELECT rowid, {lights} FROM {self._table} WHERE {self._table} MATCH ? AND rowid IN ({marks})", (phrase,)
        )
        if not found:
            return {}
        sizes = dict(self._rows(f"SELECT id, sz FROM {self._table}_docsize WHERE id IN ({marks})"))
        rows, average = self._averages
        weight = idf(rows, hits)
        result = {}
        for rowid, *texts in found:
            frequency = 0.0
            for column, text in zip(columns, texts, strict=True):
                frequency += self._weights[column] * (text or "").count(MARK)
            result[rowid] = term(weight, frequency, float(sum(varints(sizes[rowid]))), average)
        return result

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

    def top(self, groups: Sequence[Group], k: int, low: int, high: int) -> list[tuple[Key, float]]:
        """The same top ``k`` as :meth:`exhaustive_top`, scoring only rows that could reach it."""
        if not groups:
            return []
        phrases = [p for g in groups for p in g.phrases]
        group_of = [i for i, g in enumerate(groups) for _ in g.phrases]
        lists = [self.phrase_terms(p, low, high) for p in phrases]
        partial = [i for i, terms in enumerate(lists) if not terms.complete]
        if not partial:
            return self._rank_known(lists, group_of, k)
        search = _Threshold(phrases, lists, partial, group_of, k, self.read_terms)
        found = search.run()
        return found if found is not None else self.exhaustive_top(groups, k, low, high)

    @staticmethod
    def _rank_known(lists: list[PhraseTerms], group_of: list[int], k: int) -> list[tuple[Key, float]]:
        rowids = set().union(*(terms.terms for terms in lists))
        keys = [_key(rowid, [t.terms.get(rowid, 0.0) for t in lists], group_of) for rowid in rowids]
        keys.sort()
        return keys[:k]


def _key(rowid: int, terms: list[float], group_of: list[int]) -> tuple[Key, float]:
    score = 0.0
    groups = set()
    for index, value in enumerate(terms):
        score += value
        if value > 0.0:
            groups.add(group_of[index])
    return (-len(groups), -score, rowid), -score


class _Threshold:
    """Fagin's threshold algorithm over the stored lists, reading unknown terms lazily.

    ``done`` holds rows whose every term is known; ``known`` rows still miss a term of a
    stored list they are not in, which is either 0 (no match) or at most that list's floor.
    """

    def __init__(
        self,
        phrases: list[str],
        lists: list[PhraseTerms],
        partial: list[int],
        group_of: list[int],
        k: int,
        read: Callable[[str, int, Iterable[int]], dict[int, float]],
    ) -> None:
        self.phrases, self.lists, self.partial, self.group_of, self.k = phrases, lists, partial, group_of, k
        self.read = read
        self.known: dict[int, list[float | None]] = {}
        self.done: dict[int, tuple[Key, float]] = {}
        self.depth = 0
        self.partial_groups = {group_of[i] for i in partial}

    def _see(self, rowid: int) -> None:
        if rowid in self.known or rowid in self.done:
            return
        row: list[float | None] = []
        for index, terms in enumerate(self.lists):
            value = terms.terms.get(rowid)
            row.append(value if value is not None or index not in self.partial else None)
            if value is None and index not in self.partial:
                row[-1] = 0.0
        self.known[rowid] = row
        self._settle(rowid)

    def _settle(self, rowid: int) -> None:
        row = self.known[rowid]
        if all(v is not None for v in row):
            self.done[rowid] = _key(rowid, row, self.group_of)  # type: ignore[arg-type]
            del self.known[rowid]

    def _optimistic(self, rowid: int) -> Key:
        """The best key ``rowid`` could have: every unknown term at its list's floor."""
        row = self.known[rowid]
        return _key(rowid, [v if v is not None else self.lists[i].floor for i, v in enumerate(row)], self.group_of)[0]

    def _unseen(self) -> tuple[int, float]:
        """The best (groups, bm25) of a row no stored list has shown yet."""
        score = 0.0
        for index, terms in enumerate(self.lists):
            if index in self.partial:
                score += terms.bound(self.depth)
        return -len(self.partial_groups), -score

    def _kth(self) -> Key | None:
        if len(self.done) < self.k:
            return None
        return sorted(self.done.values())[self.k - 1][0]

    def _resolve(self) -> None:
        """Read unknown terms of the rows that could still reach the top, best first."""
        while self.known:
            kth = self._kth()
            hopeful = sorted((self._optimistic(r), r) for r in self.known)
            batch = [r for key, r in hopeful[:STEP] if kth is None or key < kth]
            if not batch:
                return
            for index in self.partial:
                missing = [r for r in batch if self.known[r][index] is None]
                if missing:
                    found = self.read(self.phrases[index], self.lists[index].hits, missing)
                    for rowid in missing:
                        self.known[rowid][index] = found.get(rowid, 0.0)
            for rowid in batch:
                self._settle(rowid)

    def run(self) -> list[tuple[Key, float]] | None:
        """The top k, or None when the stored lists run out before the top k is proven."""
        for index, terms in enumerate(self.lists):
            if index not in self.partial:
                for rowid in terms.terms:
                    self._see(rowid)
        longest = max(len(self.lists[i].order) for i in self.partial)
        while True:
            start, self.depth = self.depth, min(self.depth + STEP, longest)
            for index in self.partial:
                for rowid in self.lists[index].order[start : self.depth]:
                    self._see(rowid)
            self._resolve()
            kth = self._kth()
            if kth is not None and kth[:2] < self._unseen():
                return sorted(self.done.values())[: self.k]
            if self.depth >= longest:
                return None
