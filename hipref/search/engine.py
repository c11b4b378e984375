"""Ranked search over the content index: exact first, then forgiving.

Order of results: entries whose name (title, alias, identifier) matches come first, an
exact name above a partial one; then everything else by bm25, with excerpts that merely
mention a word after entries about it. When the exact search finds nothing, misspelt words
are corrected against the vocabulary of titles and aliases (rapidfuzz), and names that are
close are offered.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import peewee as pw
from rapidfuzz import fuzz, process

from hipref.search.query import ParsedQuery, fold, parse, tokens
from hipref.store.models import INDEX_WEIGHTS

NAME_COLUMNS = ("title", "aliases", "identifiers")
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
SNIPPET_TOKENS = 14
EXCERPT_DAMPING = 0.7
WORD_CUTOFF = 75.0
NAME_CUTOFF = 86.0
NAME_FETCH = 40

_MARKDOWN_NOISE = re.compile(r"(\*\*|__|[*_`#>])")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Hit:
    """One search result. ``snippet`` marks matched words as ``**word**``."""

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


def _clean_snippet(raw: str) -> str:
    text = _MARKDOWN_NOISE.sub("", raw or "")
    text = text.replace(MARK_OPEN, "**").replace(MARK_CLOSE, "**")
    return _SPACE.sub(" ", text).strip()


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


class Searcher:
    """Search over one content database (already open, read-only)."""

    def __init__(self, database: pw.Database) -> None:
        self._db = database
        self._vocabulary: dict[str, set[int]] | None = None
        self._words: list[str] | None = None
        self._kinds: dict[int, str] | None = None
        weights = ", ".join(str(w) for w in INDEX_WEIGHTS)
        # No JOIN here: joining ``entry`` inside the ranked query looks up every matching row
        # (thousands for a common word or short prefix) before the sort, which doubled the
        # cost of the query on large indexes. The few top rows are looked up afterwards.
        self._sql = (
            "SELECT rowid, bm25(entry_index, " + weights + ") AS score, "
            f"snippet(entry_index, -1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', {SNIPPET_TOKENS}), "
            f"snippet(entry_index, 3, '{MARK_OPEN}', '{MARK_CLOSE}', '…', {SNIPPET_TOKENS}) "
            "FROM entry_index WHERE entry_index MATCH ? {where} ORDER BY score LIMIT ?"
        )

    # -- vocabulary for exact names and typo correction, built on first need ----------------
    def _load_vocabulary(self) -> None:
        names: dict[str, set[int]] = {}
        kinds: dict[int, str] = {}
        cursor = self._db.execute_sql("SELECT id, title, aliases, type, fields FROM entry WHERE type != 'excerpt'")
        for entry_id, title, aliases, type_, fields in cursor:
            for name in [title, *json.loads(aliases)]:
                names.setdefault(" ".join(tokens(name)), set()).add(entry_id)
            if type_ == "structure":
                kinds[entry_id] = json.loads(fields).get("kind", "")
        self._vocabulary = names
        self._words = sorted({w for name in names for w in name.split() if len(w) > 2})
        self._kinds = kinds

    @property
    def vocabulary(self) -> dict[str, set[int]]:
        if self._vocabulary is None:
            self._load_vocabulary()
        assert self._vocabulary is not None
        return self._vocabulary

    @property
    def words(self) -> list[str]:
        if self._words is None:
            self._load_vocabulary()
        assert self._words is not None
        return self._words

    # -- queries ------------------------------------------------------------------------------
    def _run(self, expression: str, query: ParsedQuery, limit: int) -> list[tuple]:
        if not expression:
            return []
        where, params = "", [expression]
        if query.scope.type:
            where = "AND entry_index.type = ?"
            params.append(query.scope.type)
        params.append(limit)
        try:
            found = list(self._db.execute_sql(self._sql.format(where=where), params))
            if not found:
                return []
            ids = [row[0] for row in found]
            marks = ", ".join("?" * len(ids))
            names = {
                row[0]: row[1:]
                for row in self._db.execute_sql(f"SELECT id, type, slug, title FROM entry WHERE id IN ({marks})", ids)
            }
        except (sqlite3.OperationalError, pw.OperationalError):
            # Quoted tokens cannot form invalid syntax; this guards anything unforeseen.
            return []
        return [(rowid, *names[rowid], *rest) for rowid, *rest in found if rowid in names]

    def _kind_ok(self, entry_id: int, query: ParsedQuery) -> bool:
        if not query.scope.kind:
            return True
        if self._kinds is None:
            self._load_vocabulary()
        return (self._kinds or {}).get(entry_id) == query.scope.kind

    def _ranked(self, query: ParsedQuery, words: tuple[str, ...], limit: int, any_token: bool = False) -> list[Hit]:
        fetch = max(limit * 2, NAME_FETCH) if query.scope.kind else limit
        names = self._run(
            query.match(words, any_token, NAME_COLUMNS if not query.scope.columns else ()), query, max(fetch, NAME_FETCH)
        )
        rows = self._run(query.match(words, any_token), query, fetch + len(names))
        exact = self.vocabulary.get(" ".join(words), set())
        ranked: dict[int, tuple[tuple[int, float], Hit]] = {}
        for tier_rows, named in ((names, True), (rows, False)):
            for entry_id, type_, slug, title, score, snippet, summary in tier_rows:
                if entry_id in ranked or not self._kind_ok(entry_id, query):
                    continue
                if named and type_ not in ("excerpt", "source"):
                    tier = 0 if entry_id in exact else 1 if _title_matches(title, words, query.prefix_last) else 2
                    snippet = summary or snippet
                else:
                    tier = 3
                    score = score * EXCERPT_DAMPING if type_ == "excerpt" else score
                ranked[entry_id] = ((tier, score), Hit(type_, slug, title, _clean_snippet(snippet), round(-score, 4)))
        for entry_id in sorted(exact - ranked.keys()):
            for hit in self._hits_for_ids((entry_id,), query):
                ranked[entry_id] = ((0, 0.0), hit)
        return [hit for _, hit in sorted(ranked.values(), key=lambda item: item[0])][:limit]

    def _corrected(self, words: tuple[str, ...], prefix_last: bool) -> tuple[str, ...]:
        """Each word not in the vocabulary replaced by its closest vocabulary word."""
        corrected = []
        for index, word in enumerate(words):
            is_prefix = prefix_last and index == len(words) - 1
            known = any(w.startswith(word) for w in self.words) if is_prefix else word in self.words
            if known or len(word) < 4:
                corrected.append(word)
                continue
            best = process.extractOne(word, self.words, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF)
            corrected.append(best[0] if best else word)
        return tuple(corrected)

    def _close_names(self, query: ParsedQuery, limit: int) -> list[int]:
        text = " ".join(query.tokens)
        if len(text) < 4:
            return []
        found = process.extract(text, list(self.vocabulary), scorer=fuzz.WRatio, score_cutoff=NAME_CUTOFF, limit=limit)
        ids: list[int] = []
        for name, _score, _ in found:
            ids.extend(sorted(self.vocabulary[name]))
        return ids

    def _hits_for_ids(self, ids: Iterable[int], query: ParsedQuery) -> list[Hit]:
        hits = []
        for entry_id in dict.fromkeys(ids):
            row = self._db.execute_sql(
                "SELECT type, slug, title, summary_md, body_md FROM entry WHERE id = ?", (entry_id,)
            ).fetchone()
            if row is None or (query.scope.type and row[0] != query.scope.type) or not self._kind_ok(entry_id, query):
                continue
            text = _clean_snippet(row[3] or row[4])
            hits.append(Hit(row[0], row[1], row[2], text[:160] + ("…" if len(text) > 160 else ""), 0.0))
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
            hits = self._ranked(query, corrected, limit)
        if not hits and len(query.tokens) > 1:
            hits = self._ranked(query, query.tokens, limit, any_token=True)
        if len(hits) < limit:
            seen = {h.ref for h in hits}
            extra = [h for h in self._hits_for_ids(self._close_names(query, limit), query) if h.ref not in seen]
            hits += extra[: limit - len(hits)]
        return hits


__all__ = ["Hit", "Searcher", "fold"]
