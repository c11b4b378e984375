"""Exact full-text ranking at any corpus size: the top k by coverage, then bm25, then row.

A query is a list of groups (one per meaningful word or thesaurus phrase), each a few FTS5
phrases. A row's key is (groups it matches, most first; its bm25 over every phrase with the
index's column weights; rowid). :func:`exhaustive_top` computes that key for every match
with FTS5 itself; :func:`top` returns the same top k without scoring every match.

How: SQLite's bm25 for a row is a sum, in phrase order, of one term per phrase, and each
term depends only on the phrase and the row, so it can be computed in Python with SQLite's own
formula and arithmetic, to the bit. :meth:`Ranker.top` then takes the cheapest exact route:

- every phrase rare: FTS5 itself, SQLite keeping only the best k (:meth:`Ranker.full_top`);
- one group with a frequent word or prefix: the best rows the builder stored for it
  (``phrase_rows``), walked best first with a threshold that proves no row further down can
  reach the top, reading a term from the index only for rows that still could;
- several groups on a large corpus: every row at once (numpy), from the frequencies the
  builder stored in every row for words common to most rows, and FTS5's terms for the rest;
- otherwise: rows by levels of groups matched, scoring only where the top k is decided.

Whenever a route cannot prove its top k, FTS5 answers in full.
"""

from __future__ import annotations

import bisect
import heapq
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
# Rows whose terms the threshold search reads from the index at most, before it scores every
# match instead: reading a row costs some 15 microseconds, scoring a match about one.
READ_LIMIT = 2048
# A query of several groups whose phrases match at most this many rows in all is ranked by
# levels of groups matched; a level of at most SCORE_ALL rows has each of them scored.
LEVEL_MAX_ROWS = 40_000
# An index this small is ranked in one statement, without first trying rows matching every group.
SMALL_INDEX = 5_000
SCORE_ALL = 600
# On a corpus of at least DENSE_MIN_ROWS rows, a word or prefix in more than DENSE_SHARE of
# them also has its frequency in every row stored, so queries of such words are scored for
# every row at once (with numpy) rather than by FTS5 row by row.
DENSE_MIN_ROWS = 5_000
DENSE_SHARE = 0.2
# With a common phrase scored from its frequencies, the other phrases' terms are fetched for
# every row they match, if that is at most this many rows in all.
DENSE_FETCH_MAX = 60_000
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
            return frozenset(row[0] for row in self._rows("SELECT phrase FROM phrase_rows WHERE phrase != ''"))
        except sqlite3.OperationalError:
            return frozenset()

    @cached_property
    def dense(self) -> frozenset[str]:
        try:
            rows = self._rows("SELECT phrase FROM phrase_rows WHERE dense IS NOT NULL AND phrase != ''")
        except sqlite3.OperationalError:
            return frozenset()
        return frozenset(row[0] for row in rows)

    @cached_property
    def _length_scale(self):
        """K1 * (1 - B + B * length / mean length) for every rowid, as bm25 computes it."""
        import numpy as np

        blob = self._rows("SELECT dense FROM phrase_rows WHERE phrase = ''")[0][0]
        lengths = np.frombuffer(blob, dtype=np.uint32).astype(np.float64)
        average = self._averages[1]
        return K1 * ((1 - B) + ((B * lengths) / average))

    # -- one phrase's terms -----------------------------------------------------------------
    def phrase_terms(self, phrase: str, low: int, high: int, stored: bool = True) -> PhraseTerms:
        """The phrase's terms: its stored list if it has one (and ``stored``), else every row's."""
        if stored and phrase in self.stored:
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
        if not stored:
            hits = self._rows("SELECT hits FROM phrase_rows WHERE phrase = ?", (phrase,))
            return PhraseTerms(hits[0][0] if hits else len(found), dict(found))
        return PhraseTerms(len(found), dict(found))

    def read_terms(self, phrase: str, hits: int, rowids: Iterable[int]) -> dict[int, float]:
        """The phrase's term for each of ``rowids`` that it matches, read from the index."""
        rowids = list(rowids)
        if not rowids:
            return {}
        expression = self._lookup_expression(phrase)
        marks = ", ".join(map(str, rowids))
        columns = [i for i, w in enumerate(self._weights) if w]
        lights = ", ".join(f"highlight({self._table}, {i}, char(1), '')" for i in columns)
        found = self._rows(
            f"SELECT rowid, {lights} FROM {self._table} WHERE {self._table} MATCH ? AND rowid IN ({marks})",
            (expression,),
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

    def _lookup_expression(self, phrase: str) -> str:
        """``phrase`` for looking up single rows: a long prefix becomes the words it covers.

        FTS5 keeps ready-made lists only for prefixes of 2 and 3 letters; for a longer one it
        merges every matching word's list again for each row looked up. The words in a row
        that a prefix matches are the same instances as its words' own, so the count agrees.
        """
        if not phrase.endswith("*") or " " in phrase or len(phrase) <= len('"abc"*'):
            return phrase
        prefix = phrase[1:-2]
        words = self._rows(
            f"SELECT term FROM {self._vocabulary} WHERE term >= ? AND term < ?", (prefix, prefix + "\U0010ffff")
        )
        return " OR ".join(f'"{word}"' for (word,) in words) or phrase

    @cached_property
    def _vocabulary(self) -> str:
        self._connection.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{self._table}_terms USING fts5vocab(main, {self._table}, row)"
        )
        return f"temp.{self._table}_terms"

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
        """The same top ``k`` as :meth:`exhaustive_top`, scoring only rows that could reach it."""
        if not groups:
            return []
        phrases = [p for g in groups for p in g.phrases]
        if not any(p in self.stored for p in phrases):
            return self.full_top(groups, k, low, high)  # every phrase is rare: cheap to score
        group_of = [i for i, g in enumerate(groups) for _ in g.phrases]
        if self.dense and (len(groups) > 1 or any(p in self.dense for p in phrases)):
            others = {p: self.phrase_terms(p, low, high) for p in phrases if p not in self.dense}
            if sum(t.hits for t in others.values() if not t.complete) <= DENSE_FETCH_MAX:
                for phrase, terms in others.items():
                    if not terms.complete:  # every row's term, from FTS5: this phrase is not common
                        others[phrase] = self.phrase_terms(phrase, low, high, stored=False)
                return self._dense_top(phrases, group_of, others, k, low, high)
        lists = [self.phrase_terms(p, low, high) for p in phrases]
        if len(groups) > 1 and sum(t.hits for t in lists) <= LEVEL_MAX_ROWS:
            found = self._level_top(groups, phrases, lists, k, low, high)
            if found is not None:
                return found
        partial = [i for i, terms in enumerate(lists) if not terms.complete]
        if not partial:
            return self._rank_known(lists, group_of, k)
        if len(groups) > 1:
            return self.full_top(groups, k, low, high)  # the lists rarely prove a top k of several groups
        search = _Threshold(phrases, lists, partial, group_of, k, self.read_terms)
        found = search.run()
        return found if found is not None else self.full_top(groups, k, low, high)

    def _level_top(
        self, groups: Sequence[Group], phrases: list[str], lists: list[PhraseTerms], k: int, low: int, high: int
    ) -> list[tuple[Key, float]] | None:
        """Rows by how many groups they match (from each group's rowids, which are cheap), then
        exact scores only where the top k is decided: every row of a level that fits, and for
        a level of rows matching one group each, that group's list, best first. None when a
        level is too large to score and no list can order it."""
        matched: dict[int, int] = {}
        members = []
        for group in groups:
            rowids = {
                r[0]
                for r in self._rows(
                    f"SELECT rowid FROM {self._table} WHERE {self._table} MATCH ? AND rowid BETWEEN ? AND ?",
                    (group.expression, low, high),
                )
            }
            members.append(rowids)
            for rowid in rowids:
                matched[rowid] = matched.get(rowid, 0) + 1
        levels: dict[int, list[int]] = {}
        for rowid, count in matched.items():
            levels.setdefault(count, []).append(rowid)
        group_of = [i for i, g in enumerate(groups) for _ in g.phrases]
        found: list[tuple[Key, float]] = []
        for level in range(len(groups), 0, -1):
            need = k - len(found)
            rows = levels.get(level, [])
            if need <= 0:
                break
            if len(rows) <= max(need, SCORE_ALL):
                found += sorted(self._scores(rows, phrases, lists, group_of))[:need]
            elif level == 1 and all(len(g.phrases) == 1 for g in groups):
                best = []
                for index, rowids in enumerate(members):
                    alone = [r for r in self._in_order(lists[index]) if matched.get(r) == 1 and r in rowids][:need]
                    if len(alone) < need and not lists[index].complete:
                        return None
                    best += [((-1, -lists[index].terms[r], r), -lists[index].terms[r]) for r in alone]
                found += sorted(best)[:need]
            else:
                return None
        return found

    @staticmethod
    def _in_order(terms: PhraseTerms) -> list[int]:
        if terms.order:
            return terms.order
        return sorted(terms.terms, key=lambda r: (-terms.terms[r], r))

    def _scores(
        self, rowids: list[int], phrases: list[str], lists: list[PhraseTerms], group_of: list[int]
    ) -> list[tuple[Key, float]]:
        """Exact keys of ``rowids``: terms from the lists, the rest read from the index."""
        columns: list[dict[int, float]] = []
        for phrase, terms in zip(phrases, lists, strict=True):
            if terms.complete:
                columns.append(terms.terms)
            else:
                missing = [r for r in rowids if r not in terms.terms]
                columns.append({**terms.terms, **self.read_terms(phrase, terms.hits, missing)})
        return [_key(r, [column.get(r, 0.0) for column in columns], group_of) for r in rowids]

    def _dense_top(
        self, phrases: list[str], group_of: list[int], others: dict[str, PhraseTerms], k: int, low: int, high: int
    ) -> list[tuple[Key, float]]:
        """Score every row at once: stored frequencies for common phrases, the few matches of
        the others; the same arithmetic, in the same order, as SQLite's bm25."""
        import numpy as np

        scale = self._length_scale
        rows = self._averages[0]
        score = np.zeros(len(scale))
        matched = np.zeros(len(scale), dtype=np.int32)
        groups: dict[int, np.ndarray] = {}
        for phrase, group in zip(phrases, group_of, strict=True):
            if phrase in others:
                terms = np.zeros(len(scale))
                found = others[phrase].terms
                if found:
                    terms[np.fromiter(found.keys(), dtype=np.int64)] = np.fromiter(found.values(), dtype=np.float64)
            else:
                hits, blob = self._rows("SELECT hits, dense FROM phrase_rows WHERE phrase = ?", (phrase,))[0]
                frequency = np.frombuffer(blob, dtype=np.uint16).astype(np.float64)
                terms = idf(rows, hits) * ((frequency * (K1 + 1.0)) / (frequency + scale))
            score = score + terms
            hit = terms > 0.0
            groups[group] = hit if group not in groups else (groups[group] | hit)
        for hit in groups.values():
            matched += hit
        low, high = max(low, 0), min(high, len(scale) - 1)
        if low > high:
            return []
        window = slice(low, high + 1)
        matched, bm25 = matched[window], -score[window]
        rowids = np.arange(low, high + 1)
        found: list[tuple[Key, float]] = []
        for level in range(len(groups), 0, -1):
            need = k - len(found)
            if need <= 0:
                break
            chosen = np.flatnonzero(matched == level)
            if len(chosen) > need:
                cut = np.partition(bm25[chosen], need - 1)[need - 1]
                chosen = chosen[bm25[chosen] <= cut]
            order = np.lexsort((rowids[chosen], bm25[chosen]))[:need]
            found += [((-level, float(bm25[i]), int(rowids[i])), float(bm25[i])) for i in chosen[order]]
        return found

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
    Rows wait in ``hopeful`` by the best key they could have; only those that could beat
    the k-th best row so far are read. Past READ_LIMIT rows read, it gives up (None).
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
        self.seen: set[int] = set()
        self.done: list[tuple[Key, float]] = []  # the k best rows whose terms are all known
        self.hopeful: list[tuple[Key, int]] = []  # heap of (best possible key, rowid)
        self.depth = 0
        self.reads = 0
        self.partial_set = set(partial)
        self.partial_groups = {group_of[i] for i in partial}

    def _see(self, rowid: int) -> None:
        if rowid in self.seen:
            return
        self.seen.add(rowid)
        row: list[float | None] = []
        for index, terms in enumerate(self.lists):
            value = terms.terms.get(rowid)
            row.append(value if value is not None else (None if index in self.partial_set else 0.0))
        if None in row:
            self.known[rowid] = row
            bounded = [v if v is not None else self.lists[i].floor for i, v in enumerate(row)]
            heapq.heappush(self.hopeful, (_key(rowid, bounded, self.group_of)[0], rowid))
        else:
            self._keep(_key(rowid, row, self.group_of))  # type: ignore[arg-type]

    def _keep(self, keyed: tuple[Key, float]) -> None:
        if len(self.done) < self.k or keyed < self.done[-1]:
            bisect.insort(self.done, keyed)
            del self.done[self.k :]

    def _kth(self) -> Key | None:
        return self.done[-1][0] if len(self.done) >= self.k else None

    def _unseen(self) -> tuple[int, float]:
        """The best (groups, bm25) of a row no stored list has shown yet."""
        score = 0.0
        for index, terms in enumerate(self.lists):
            if index in self.partial_set:
                score += terms.bound(self.depth)
        return -len(self.partial_groups), -score

    def _resolve(self) -> bool:
        """Read unknown terms of the rows that could still reach the top, best first."""
        while self.hopeful:
            kth = self._kth()
            batch = []
            while self.hopeful and len(batch) < STEP and (kth is None or self.hopeful[0][0] < kth):
                batch.append(heapq.heappop(self.hopeful)[1])
            if not batch:
                return True
            self.reads += len(batch)
            if self.reads > READ_LIMIT:
                return False
            for index in self.partial:
                missing = [r for r in batch if self.known[r][index] is None]
                if missing:
                    found = self.read(self.phrases[index], self.lists[index].hits, missing)
                    for rowid in missing:
                        self.known[rowid][index] = found.get(rowid, 0.0)
            for rowid in batch:
                self._keep(_key(rowid, self.known.pop(rowid), self.group_of))  # type: ignore[arg-type]
        return True

    def run(self) -> list[tuple[Key, float]] | None:
        """The top k, or None when the stored lists run out before the top k is proven."""
        for index, terms in enumerate(self.lists):
            if index not in self.partial_set:
                for rowid in terms.terms:
                    self._see(rowid)
        longest = max(len(self.lists[i].order) for i in self.partial)
        while True:
            start, self.depth = self.depth, min(self.depth + STEP, longest)
            for index in self.partial:
                for rowid in self.lists[index].order[start : self.depth]:
                    self._see(rowid)
            if not self._resolve():
                return None
            kth = self._kth()
            if kth is not None and kth[:2] < self._unseen():
                return list(self.done)
            if self.depth >= longest:
                return None
