"""Ranked search over the content index: exact first, then forgiving.

Order of results, in tiers:
0. an entry whose whole name (title or alias) is what was typed (``OA``, ``FAI``);
1. entries whose title holds every word typed;
2. entries matched through an alias or identifier (DOI, PMID, author);
3. everything else by bm25 over all text, excerpts that merely mention a word last.
Names come from the small ``name_index``; the full ``entry_index`` is read only once the
last word is long enough (or finished) to be selective, so typing stays fast on large
corpora. When the exact search finds nothing, misspelt words are corrected against the
vocabulary of titles and aliases (rapidfuzz); when that finds nothing either, the names
closest to the whole text are offered.
On a corpus larger than RANK_WINDOW entries, bm25 ranks only the first RANK_WINDOW full-text
matches in row order (every named entry, then excerpts in article order): a common word can
match tens of thousands of excerpts there, and ranking them all would take longer than a
frame. The bundled content is far below the window and ranks every match.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cached_property, lru_cache

import peewee as pw

from hipref.search.query import ParsedQuery, fold, parse, tokens
from hipref.store.models import INDEX_WEIGHTS, NAME_WEIGHTS

log = logging.getLogger(__name__)

# Full-text matches ranked by bm25 at most; beyond it the first in row order (Searcher.rank_window).
RANK_WINDOW = 500
# Snippets look for the first matched word here before lower-casing a whole long text.
LEAD_WINDOW = 1500
EXCERPT_DAMPING = 0.7
WORD_CUTOFF = 75.0
NAME_CUTOFF = 86.0
NAME_FETCH = 40
# An unfinished last word shorter than this matches names only (unless no name matches).
FULL_TEXT_MIN_PREFIX = 4
ENTITY_TYPES_LAST = ("excerpt", "source", "context")

_WORD_REST = re.compile(r"[^\W_]*")


@dataclass(slots=True)
class Hit:
    """One search result. ``snippet`` marks matched words as ``**word**``.

    Not frozen: a frozen dataclass takes three times as long to build, for every hit of
    every keystroke, and nothing changes a hit once made.
    """

    type: str
    slug: str
    title: str
    snippet: str
    score: float

    @property
    def ref(self) -> str:
        return f"{self.type}/{self.slug}"

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def _mark_words(text: str, words: tuple[str, ...], lowered: str | None = None) -> str:
    """Mark words of ``text`` that start with a query word (as the index would match)."""
    if not words:
        return text
    if lowered is None:
        lowered = text.lower()
    if len(lowered) != len(text):  # a case mapping changed lengths: let the pattern do it
        return _whole_word_pattern(words).sub(r"**\g<0>**", text)
    starts = sorted({i for w in words for i in _word_starts(lowered, w)})
    if not starts:
        return text
    out, last = [], 0
    for start in starts:
        if start < last:
            continue
        end = _WORD_REST.match(text, start).end()
        out.append(text[last:start])
        out.append(f"**{text[start:end]}**")
        last = end
    out.append(text[last:])
    return "".join(out)


def _word_starts(lowered: str, word: str):
    """Positions in ``lowered`` where a word begins with ``word``."""
    position = lowered.find(word)
    while position != -1:
        if position == 0 or not (lowered[position - 1].isalnum() or lowered[position - 1] == "_"):
            yield position
        position = lowered.find(word, position + 1)


@lru_cache(maxsize=256)
def _whole_word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)


def _first_word_start(lowered: str, words: tuple[str, ...]) -> int:
    """Index of the first word in ``lowered`` that starts with one of ``words``, or -1."""
    first = -1
    for word in words:
        position = next(_word_starts(lowered, word), -1)
        if position != -1 and (first == -1 or position < first):
            first = position
    return first


def text_snippet(text: str, words: tuple[str, ...], before: int = 50, after: int = 130) -> str:
    """A short passage of plain ``text`` around the first word a query word starts, marked.

    Made for the few hits shown rather than by FTS5's snippet(), which would tokenise every
    matching document before the sort. Cut at spaces, by characters, and lower-cased once
    (the first LEAD_WINDOW characters usually hold the word, else the whole text), so it
    stays cheap.
    """
    if not words:
        return ""
    start, lowered = -1, None
    for part in (text[:LEAD_WINDOW], text) if len(text) > LEAD_WINDOW else (text,):
        lowered = part.lower()
        if len(lowered) != len(part):  # a case mapping changed lengths: let the pattern find it
            found = _whole_word_pattern(words).search(text)
            start, lowered = (found.start() if found else -1), None
            break
        start = _first_word_start(lowered, words)
        if start >= 0:
            break
    if start < 0:
        return ""
    left = max(0, start - before)
    if left:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else start
    right = start + after
    if right < len(text):
        space = text.rfind(" ", start + 1, right)
        right = space if space != -1 else right
    piece_lowered = lowered[left:right] if lowered is not None and right <= len(lowered) else None
    piece = _mark_words(text[left:right], words, piece_lowered)
    return ("…" if left > 0 else "") + piece + ("…" if right < len(text) else "")


def _title_matches(title: str, words: tuple[str, ...], prefix_last: bool) -> bool:
    """Every query word is a word of the title (the last may be unfinished)."""
    title_words = tokens(title)
    for index, word in enumerate(words):
        if prefix_last and index == len(words) - 1:
            if not any(t.startswith(word) for t in title_words):
                return False
        elif word not in title_words:
            return False
    return True


@lru_cache(maxsize=32)
def _ranked_sql(table: str, weights: tuple[float, ...], extra: str, typed: bool, window: int | None) -> str:
    """Top matches of one index by bm25, joined to what a hit shows of each entry.

    The index is ranked alone and only the top rows are joined: a join inside the ranked
    query would fetch an entry row for every match before the sort. With a ``window`` only
    the first that many matches in row order are ranked (see :attr:`Searcher.rank_window`).
    """
    where = " AND type = :type" if typed else ""
    if window:
        where += (
            f" AND rowid <= coalesce((SELECT rowid FROM {table} WHERE {table} MATCH :match{where}"
            f" ORDER BY rowid LIMIT 1 OFFSET {window - 1}), {2**63 - 1})"
        )
    return (
        f"SELECT m.id, m.score, h.type, h.slug, h.title, h.lead{extra} FROM "
        f"(SELECT rowid AS id, bm25({table}, {', '.join(map(str, weights))}) AS score FROM {table} "
        f"WHERE {table} MATCH :match{where} ORDER BY score LIMIT :limit) AS m "
        "JOIN hit_text AS h ON h.id = m.id ORDER BY m.score"
    )


class Searcher:
    """Search over one content database (already open, read-only)."""

    def __init__(self, database: pw.Database, rank_window: int = RANK_WINDOW) -> None:
        self._db = database
        self._rank_window = rank_window
        self._vocabulary: dict[str, set[int]] | None = None
        self._words: list[str] | None = None
        self._word_set: set[str] = set()
        self._kinds: dict[int, str] = {}
        self._names: list[str] = []

    # -- vocabulary for exact names and typo correction, built on first need ----------------
    def _load_vocabulary(self) -> None:
        names: dict[str, set[int]] = {}
        cursor = self._db.execute_sql("SELECT id, title, aliases, type, fields FROM entry WHERE type != 'excerpt'")
        for entry_id, title, aliases, type_, fields in cursor:
            for name in [title, *json.loads(aliases)]:
                names.setdefault(" ".join(tokens(name)), set()).add(entry_id)
            if type_ == "structure":
                self._kinds[entry_id] = json.loads(fields).get("kind", "")
        self._vocabulary = names
        self._names = list(names)
        self._words = sorted({w for name in names for w in name.split() if len(w) > 2})
        self._word_set = set(self._words)

    @property
    def vocabulary(self) -> dict[str, set[int]]:
        if self._vocabulary is None:
            self._load_vocabulary()
        return self._vocabulary or {}

    @property
    def names(self) -> list[str]:
        if self._vocabulary is None:
            self._load_vocabulary()
        return self._names

    @property
    def words(self) -> list[str]:
        if self._words is None:
            self._load_vocabulary()
        return self._words or []

    # -- queries ------------------------------------------------------------------------------
    def _rows(self, sql: str, params: list[object] | dict[str, object]) -> list[tuple]:
        try:
            return self._db.execute_sql(sql, params).fetchall()
        except (sqlite3.OperationalError, pw.OperationalError):
            # Quoted tokens cannot form invalid syntax; this guards anything unforeseen, which
            # the user sees as fewer results and the log records.
            log.exception("search query failed: %s %r", sql, params)
            return []

    def _execute(self, names: bool, expression: str, query: ParsedQuery, limit: int) -> list[tuple]:
        """Top ``limit`` matches of ``expression`` in the name index or the full-text index."""
        if not expression:
            return []
        typed = bool(query.scope.type)
        if names:
            sql = _ranked_sql("name_index", NAME_WEIGHTS, "", typed, None)
        else:
            sql = _ranked_sql("entry_index", INDEX_WEIGHTS, ", h.text", typed, self.rank_window)
        params = {"match": expression, "limit": limit}
        if typed:
            params["type"] = query.scope.type
        return self._rows(sql, params)

    @cached_property
    def rank_window(self) -> int | None:
        """How many full-text matches bm25 ranks at most, or None for all of them.

        bm25 costs about a microsecond per matching row; on a corpus of 100,000 excerpts a
        common word matches tens of thousands. Ranking the first matches in row order (every
        named entry first, then excerpts in article order) keeps every keystroke within a
        frame there. A corpus no larger than the window, such as the bundled content, has
        every match ranked.
        """
        size = self._rows("SELECT count(*) FROM entry", {})[0][0]
        return self._rank_window if size > self._rank_window else None

    def _entries(self, ids: Iterable[int]) -> dict[int, tuple[str, str, str, str]]:
        """type, slug, title and lead (the plain start of the summary) of the given entries."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        rows = self._rows(f"SELECT id, type, slug, title, lead FROM hit_text WHERE id IN ({marks})", ids)
        return {row[0]: row[1:] for row in rows}

    def _kind_ok(self, entry_id: int, query: ParsedQuery) -> bool:
        if not query.scope.kind:
            return True
        if self._vocabulary is None:
            self._load_vocabulary()
        return self._kinds.get(entry_id) == query.scope.kind

    def _ranked(
        self, query: ParsedQuery, words: tuple[str, ...], limit: int, any_token: bool = False, names_first: bool = False
    ) -> list[Hit]:
        """Hits for ``words`` in tiers; with ``names_first`` the full text is read only if no name matches."""
        fetch = max(limit * 2, NAME_FETCH) if query.scope.kind else limit
        name_expression = query.match(words, any_token, query.scope.columns)
        names = self._execute(True, name_expression, query, max(fetch, NAME_FETCH))
        short_prefix = names_first or (query.prefix_last and len(words[-1]) < FULL_TEXT_MIN_PREFIX and not any_token)
        full = []
        if not (short_prefix and names) and not query.scope.columns:
            full = self._execute(False, query.match(words, any_token), query, fetch)
        exact = self.vocabulary.get(" ".join(words), set())
        rows = {r[0]: r[2:6] for r in names}
        rows.update((r[0], r[2:6]) for r in full)
        rows.update(self._entries(sorted(exact - rows.keys())))
        texts = {r[0]: r[6] for r in full}

        # entry id -> (tier, rank score), reported score, whether it matched by name
        ranked: dict[int, tuple[tuple[int, float], float, bool]] = {}

        def usable(entry_id: int) -> bool:
            return entry_id not in ranked and entry_id in rows and self._kind_ok(entry_id, query)

        for entry_id in sorted(exact):
            if usable(entry_id) and (not query.scope.type or rows[entry_id][0] == query.scope.type):
                ranked[entry_id] = ((0, 0.0), 0.0, True)
        for entry_id, score, type_, _slug, title, _lead in names:
            if usable(entry_id) and type_ not in ENTITY_TYPES_LAST:
                tier = 1 if _title_matches(title, words, query.prefix_last) else 2
                ranked[entry_id] = ((tier, score), score, True)
        for entry_id, score, type_, *_ in full:
            if usable(entry_id):
                damped = score * EXCERPT_DAMPING if type_ == "excerpt" else score
                ranked[entry_id] = ((3, damped), score, False)
        if short_prefix and not full:
            # Only names were searched: sources named by the prefix still belong in the list.
            for entry_id, score, *_ in names:
                if usable(entry_id):
                    ranked[entry_id] = ((3, score), score, True)
        best = sorted(ranked.items(), key=lambda item: item[1][0])[:limit]
        hits = []
        for entry_id, (_key, score, by_name) in best:
            type_, slug, title, lead = rows[entry_id]
            snippet = "" if by_name else text_snippet(texts[entry_id], words)
            hits.append(Hit(type_, slug, title, snippet or _mark_words(lead, words), round(-score, 4)))
        return hits

    def _has_prefix(self, prefix: str) -> bool:
        words = self.words
        index = bisect.bisect_left(words, prefix)
        return index < len(words) and words[index].startswith(prefix)

    def _corrected(self, words: tuple[str, ...], prefix_last: bool) -> tuple[str, ...]:
        """Each word not in the vocabulary replaced by its closest vocabulary word."""
        from rapidfuzz import fuzz, process  # only misspelt searches need it; keeps start-up light

        corrected = []
        for index, word in enumerate(words):
            is_prefix = prefix_last and index == len(words) - 1
            known = self._has_prefix(word) if is_prefix else word in self._word_set
            if known or len(word) < 4:
                corrected.append(word)
                continue
            best = process.extractOne(word, self.words, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF)
            corrected.append(best[0] if best else word)
        return tuple(corrected)

    def _close_names(self, query: ParsedQuery, limit: int) -> list[Hit]:
        from rapidfuzz import fuzz, process

        text = " ".join(query.tokens)
        if len(text) < 4:
            return []
        found = process.extract(text, self.names, scorer=fuzz.WRatio, score_cutoff=NAME_CUTOFF, limit=limit)
        ids = [entry_id for name, _score, _ in found for entry_id in sorted(self.vocabulary[name])]
        rows = self._entries(ids)
        hits = []
        for entry_id in dict.fromkeys(ids):
            if entry_id not in rows or not self._kind_ok(entry_id, query):
                continue
            type_, slug, title, lead = rows[entry_id]
            if query.scope.type and type_ != query.scope.type:
                continue
            hits.append(Hit(type_, slug, title, lead, 0.0))
        return hits

    def search(self, text: object, type_: str | None = None, limit: int = 20) -> list[Hit]:
        """Ranked hits for ``text``. Never raises on any input; unknown words give fewer hits."""
        limit = max(1, min(int(limit), 500))
        query = parse(text, type_)
        if query.empty:
            return []
        hits = self._ranked(query, query.tokens, limit)
        if hits:
            return hits
        corrected = self._corrected(query.tokens, query.prefix_last)
        if corrected != query.tokens:
            # A corrected word names what was meant; its mentions in every excerpt can wait.
            hits = self._ranked(query, corrected, limit, names_first=True)
        if not hits and len(query.tokens) > 1:
            hits = self._ranked(query, query.tokens, limit, any_token=True)
        if not hits:
            # Nothing even after correction: offer the names closest to what was typed.
            hits = self._close_names(query, limit)
        return hits


__all__ = ["Hit", "Searcher", "fold"]
