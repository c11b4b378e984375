"""Ranked search over the content index: the clinician's own words, ranked exactly.

A query is cut into groups, one per meaningful thing typed: a word, words that belong
together (a DOI, "p=0.016", "12 months"), or a phrase the clinical thesaurus knows ("hip
scope", "pain on the outside of the hip"), which brings its synonyms with it. Question words
and filler are left out. Any group may match; an entry that matches more of them ranks
higher. Results come in tiers:

0. an entry whose whole name (title, alias, or thesaurus name) is what was typed (``FAI``);
1. entries matched by name (title, alias, identifier, or a thesaurus name of theirs): more
   groups first, a title holding every group before an alias, then bm25 over the names;
2. everything else by full text: more groups first, then bm25 with the index's column
   weights, exactly as if every match were scored (see :mod:`hipref.search.ranking`).

A word the index does not know is corrected to the closest known word (rapidfuzz), and the
result says so, so the window can offer the words as typed instead. A scope alone
(``study:``) lists that type; a single letter lists the names that start with it.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from hipref.search.query import MARKERS, STOPWORDS, ParsedQuery, Part, parse, phrase
from hipref.search.ranking import Group, Ranker
from hipref.search.thesaurus import Thesaurus, Words
from hipref.store.tables import INDEX_WEIGHTS, NAME_WEIGHTS
from hipref.text import Span, first_word_start, shift, tokens, word_spans

log = logging.getLogger(__name__)

# Kept for callers that cut long texts: snippets are found in pieces, the first ones short.
LEAD_WINDOW = 1500
# How close (rapidfuzz's ratio) a known word must be to replace one the index does not know:
# one letter changed in a word of six letters (83) still is; in a word of five ("night" and
# "might", "older" and "order": 80) it is not, as such words are more often plain English the
# content happens not to use than a misspelling of a word it does.
WORD_CUTOFF = 82.0
NAME_CUTOFF = 86.0
MAX_LIMIT = 500
ENTITY_TYPES_LAST = ("excerpt", "source", "context")
# Letters of a word still being typed below which only names are searched (as you type).
FULL_TEXT_MIN_PREFIX = 3

_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class Hit:
    """One search result. ``marks`` are (start, end) spans of matched words in ``snippet``,
    ``title_marks`` the same in ``title``.

    Not frozen: a frozen dataclass takes three times as long to build, for every hit of
    every keystroke, and nothing changes a hit once made.
    """

    type: str
    slug: str
    title: str
    snippet: str
    score: float
    marks: tuple[Span, ...] = ()
    title_marks: tuple[Span, ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.type}/{self.slug}"

    def to_json(self) -> dict[str, object]:
        return {
            "type": self.type,
            "slug": self.slug,
            "title": self.title,
            "snippet": self.snippet,
            "score": self.score,
            "marks": [list(span) for span in self.marks],
            "title_marks": [list(span) for span in self.title_marks],
        }


@dataclass
class Results:
    """Hits for one query, and what was searched: ``query`` differs from ``typed`` when a
    misspelt word was corrected. ``words`` are what the hits mark (for the reader too)."""

    hits: list[Hit]
    typed: str = ""
    query: str = ""
    corrected: bool = False
    listing: bool = False  # a scope alone or a single letter: a list, not a search
    similar: bool = False  # nothing matched: the hits are entries whose names are spelled alike
    words: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "typed": self.typed,
            "query": self.query,
            "corrected": self.corrected,
            "similar": self.similar,
            "hits": [h.to_json() for h in self.hits],
        }


def text_snippet(text: str, words: tuple[str, ...], before: int = 50, after: int = 130) -> tuple[str, tuple[Span, ...]]:
    """A short passage of ``text`` around the first word a query word starts, and its marks.

    Made for the few hits shown rather than by FTS5's snippet(), which would tokenise every
    matching document before the sort. Cut at spaces, by characters.
    """
    if not words:
        return "", ()
    start = first_word_start(text, words)
    if start < 0:
        return "", ()
    left = max(0, start - before)
    if left:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else start
    right = start + after
    if right < len(text):
        space = text.rfind(" ", start + 1, right)
        right = space if space != -1 else right
    piece = text[left:right]
    opening = "…" if left > 0 else ""
    closing = "…" if right < len(text) else ""
    return opening + piece + closing, shift(word_spans(piece, words), len(opening), len(opening) + len(piece))


@dataclass
class _Plan:
    """A parsed query turned into groups to rank, and what to mark and correct."""

    groups: list[Group]
    named: list[frozenset[int]]  # per group: entries a thesaurus name of the group names
    marks: tuple[str, ...]
    exact: set[int] = field(default_factory=set)
    short_prefix: bool = False


class Searcher:
    """Search over one content database, through its open read-only connection.

    With ``exhaustive`` every full-text match is scored by FTS5 itself: slow on a large
    corpus, and the reference the benchmark checks the fast ranking against.
    """

    def __init__(self, connection: sqlite3.Connection, exhaustive: bool = False) -> None:
        self._connection = connection
        self._exhaustive = exhaustive
        self._vocabulary: dict[str, set[int]] | None = None
        self._kinds: dict[int, str] = {}
        self._names: list[str] = []
        self._titles: list[tuple[str, int]] = []
        # Whether the index knows a word (as typed, or as a prefix): asked for the same words at
        # every keystroke, and the database never changes under a searcher.
        self._known = lru_cache(maxsize=4096)(self._knows)

    # -- what is loaded once ---------------------------------------------------------------
    def _load_vocabulary(self) -> None:
        names: dict[str, set[int]] = {}
        titles = []
        cursor = self._connection.execute("SELECT id, title, aliases, type, fields FROM entry WHERE type != 'excerpt'")
        for entry_id, title, aliases, type_, fields in cursor:
            for name in [title, *json.loads(aliases)]:
                names.setdefault(" ".join(tokens(name)), set()).add(entry_id)
            if type_ == "structure":
                self._kinds[entry_id] = json.loads(fields).get("kind", "")
            if type_ not in ENTITY_TYPES_LAST:
                titles.append((" ".join(tokens(title)), entry_id))
        self._vocabulary = names
        self._names = list(names)
        self._titles = sorted(titles)

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

    @cached_property
    def thesaurus(self) -> Thesaurus:
        return Thesaurus.from_rows(self._rows("SELECT names, includes, entries FROM concept ORDER BY id", ()))

    @cached_property
    def ranker(self) -> Ranker:
        return Ranker(self._connection, INDEX_WEIGHTS)

    @cached_property
    def _ranges(self) -> dict[str, tuple[int, int]]:
        """Each type's rowid range: the builder stores every type's rows together."""
        ranges = {}
        rows = self._rows("SELECT type, min(id), max(id), count(*) FROM hit_text GROUP BY 1", ())
        for type_, low, high, count in rows:
            ranges[type_] = (low, high) if high - low + 1 == count else (1, 2**63 - 1)
        return ranges

    @cached_property
    def _words(self) -> list[str]:
        """Every word of the index and of the thesaurus, for correcting misspellings."""
        found = set(self.thesaurus.words)
        try:
            self._connection.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.hipref_words USING fts5vocab(main, entry_index, row)"
            )
            found.update(row[0] for row in self._connection.execute("SELECT term FROM temp.hipref_words"))
        except sqlite3.Error:
            found.update(w for name in self.names for w in name.split())
        return sorted(w for w in found if len(w) > 2 and not w.isdigit())

    # -- small helpers ---------------------------------------------------------------------
    def _rows(self, sql: str, params: Sequence[object] | dict[str, object]) -> list[tuple]:
        try:
            return self._connection.execute(sql, params).fetchall()
        except sqlite3.OperationalError:
            # Quoted tokens cannot form invalid syntax; this guards anything unforeseen, which
            # the user sees as fewer results and the log records.
            log.exception("search query failed: %s %r", sql, params)
            return []

    def _kind_ok(self, entry_id: int, query: ParsedQuery) -> bool:
        if not query.scope.kind:
            return True
        if self._vocabulary is None:
            self._load_vocabulary()
        return self._kinds.get(entry_id) == query.scope.kind

    def _knows(self, word: str, prefix: bool) -> bool:
        expression = phrase((word,), prefix)
        return bool(self._rows("SELECT 1 FROM entry_index WHERE entry_index MATCH ? LIMIT 1", (expression,)))

    def _range(self, query: ParsedQuery) -> tuple[int, int]:
        if query.scope.type:
            return self._ranges.get(query.scope.type, (1, 0))
        return 1, 2**63 - 1

    # -- understanding the query -----------------------------------------------------------
    def _plan(self, query: ParsedQuery, parts: Sequence[Part]) -> _Plan:
        """Groups for ``parts``: thesaurus phrases first (longest), then words that mean something."""
        last = len(parts) - 1
        groups: list[tuple[list[Words], frozenset[int], bool]] = []  # phrases, named entries, prefix
        index = 0
        while index <= last:
            found = self._thesaurus_span(parts, index, query.prefix_last)
            if found:
                length, expansion = found
                groups.append((list(expansion.phrases), expansion.entries, False))
                index += length
                continue
            part = parts[index]
            prefix = query.prefix_last and index == last
            groups.append(([part.words, *part.alternatives], frozenset(), prefix))
            index += 1
        meaningful = [g for g in groups if not _filler(g[0][0], g[1])]
        if meaningful:
            groups = meaningful
        if len(groups) > 1 and groups[-1][2] and len(groups[-1][0][0]) == 1 and len(groups[-1][0][0][0]) < 2:
            groups = groups[:-1]  # a single letter being typed after other words
        seen: set[str] = set()
        ranked: list[Group] = []
        named: list[frozenset[int]] = []
        marks: list[str] = []
        for phrases, entries, prefix in groups:
            texts = []
            for words in phrases:
                text = phrase(words, prefix and words == phrases[0])
                if text not in seen:
                    seen.add(text)
                    texts.append(text)
                    marks.append(" ".join(words))
            if texts:
                ranked.append(Group(tuple(texts)))
                named.append(entries)
        plan = _Plan(ranked, named, tuple(dict.fromkeys(marks)))
        whole = " ".join(w for g in groups for w in g[0][0])
        plan.exact = set(self.vocabulary.get(whole, set()))
        if len(groups) == 1 and groups[0][1]:
            plan.exact |= groups[0][1]
        last_words = groups[-1][0][0] if groups else ()
        plan.short_prefix = bool(groups) and groups[-1][2] and len(last_words[-1]) < FULL_TEXT_MIN_PREFIX
        return plan

    def _thesaurus_span(self, parts: Sequence[Part], start: int, prefix_last: bool):
        """The longest run of parts from ``start`` that the thesaurus knows: (parts, expansion)."""
        thesaurus = self.thesaurus
        words: list[str] = []
        best = None
        for end in range(start, len(parts)):
            words.extend(parts[end].words)
            if len(words) > thesaurus.longest:
                break
            expansion = thesaurus.expand(tuple(words))
            if expansion is not None:
                best = (end - start + 1, expansion)
        return best

    def _with_singulars(self, query: ParsedQuery) -> tuple[Part, ...]:
        """The query's parts, where a plural the index does not know also searches its singular
        ("adults": "adult"): the same word, so no correction."""
        parts = []
        last = len(query.parts) - 1
        for index, part in enumerate(query.parts):
            word = part.words[0]
            if (
                not part.phrase
                and len(word) >= 4
                and word.endswith("s")
                and not word.endswith("ss")
                and not self._known(word, query.prefix_last and index == last)
                and self._known(word[:-1], False)
            ):
                part = Part(part.words, (*part.alternatives, (word[:-1],)))
            parts.append(part)
        return tuple(parts)

    def _corrected(self, query: ParsedQuery, typed: Sequence[Part]) -> tuple[Part, ...]:
        """Each word the index does not know (in any form) replaced by the closest word it knows."""
        parts = []
        last = len(typed) - 1
        for index, part in enumerate(typed):
            word = part.words[0]
            prefix = query.prefix_last and index == last
            if part.phrase or part.alternatives or len(word) < 4 or word.isdigit() or word in STOPWORDS:
                parts.append(part)
                continue
            if self._known(word, prefix):
                parts.append(part)
                continue
            if self.thesaurus.expand((word,)) is not None:
                parts.append(part)
                continue
            from rapidfuzz import fuzz, process  # only a misspelt word needs it: not on the start's path

            best = process.extractOne(word, self._words, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF)
            parts.append(Part((best[0],)) if best else part)
        return tuple(parts)

    # -- ranking ---------------------------------------------------------------------------
    def _name_rows(self, query: ParsedQuery, plan: _Plan) -> dict[int, tuple[int, float]]:
        """Entries matched by name: id -> (groups matched, bm25 over names)."""
        typed = " AND type = ?" if query.scope.type else ""
        extra = [query.scope.type] if query.scope.type else []
        columns = "{" + " ".join(query.scope.columns) + "} : " if query.scope.columns else ""
        weights = ", ".join(map(str, NAME_WEIGHTS))
        scores: dict[int, float] = {}
        covered: dict[int, int] = {}
        for group, entries in zip(plan.groups, plan.named, strict=True):
            rows = self._rows(
                f"SELECT rowid, bm25(name_index, {weights}) FROM name_index WHERE name_index MATCH ?{typed}",
                [f"{columns}({group.expression})", *extra],
            )
            matched = {rowid for rowid, _ in rows} | set(entries)
            for rowid, score in rows:
                scores[rowid] = scores.get(rowid, 0.0) + score
            for rowid in matched:
                covered[rowid] = covered.get(rowid, 0) + 1
        return {rowid: (count, scores.get(rowid, 0.0)) for rowid, count in covered.items()}

    def _full_text(self, query: ParsedQuery, plan: _Plan, k: int) -> list[tuple[int, float]]:
        low, high = self._range(query)
        if query.scope.kind:
            k = high - low + 1 if high - low < 10_000 else k
        ranker = self.ranker
        try:
            if self._exhaustive:
                top = ranker.exhaustive_top(plan.groups, k, low, high)
            else:
                top = ranker.top(plan.groups, k, low, high)
        except sqlite3.Error:
            log.exception("full-text ranking failed: %r", plan.groups)
            return []
        return [(key[2], score) for key, score in top]

    def _entries(self, ids: Iterable[int], with_text: bool) -> dict[int, tuple]:
        """type, slug, title, lead (and the plain text) of the given entries."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        text = ", text" if with_text else ""
        rows = self._rows(f"SELECT id, type, slug, title, lead{text} FROM hit_text WHERE id IN ({marks})", ids)
        return {row[0]: row[1:] for row in rows}

    def _ranked(self, query: ParsedQuery, plan: _Plan, limit: int) -> list[Hit]:
        if not plan.groups:
            return []
        names = self._name_rows(query, plan)
        rows = self._entries([*names, *plan.exact], with_text=False)
        listed: dict[int, tuple] = {}  # id -> sort key
        score_of: dict[int, float] = {}
        title_groups = len(plan.groups)
        for entry_id in plan.exact:
            if entry_id in rows and self._usable(entry_id, rows[entry_id][0], query):
                listed[entry_id] = (0, 0, 0, 0, 0.0, entry_id)
                score_of[entry_id] = names.get(entry_id, (0, 0.0))[1]
        for entry_id, (count, score) in names.items():
            if entry_id in listed or entry_id not in rows:
                continue
            if not self._usable(entry_id, rows[entry_id][0], query):
                continue
            in_title = count == title_groups and _title_holds(rows[entry_id][2], plan)
            last = rows[entry_id][0] in ENTITY_TYPES_LAST
            listed[entry_id] = (1, -count, last, 0 if in_title else 1, score, entry_id)
            score_of[entry_id] = score
        by_name = set(listed)
        full: list[tuple[int, float]] = []
        if not (plan.short_prefix and listed) and not query.scope.columns:
            full = self._full_text(query, plan, limit + len(listed))
        for entry_id, score in full:
            if entry_id not in listed:
                listed[entry_id] = (2, len(listed), 0, 0, 0.0, 0)
                score_of[entry_id] = score
        if plan.short_prefix and not full:
            for entry_id, (_count, score) in names.items():  # sources named by a short prefix
                if entry_id not in listed and entry_id in rows and self._usable(entry_id, rows[entry_id][0], query):
                    listed[entry_id] = (2, len(listed), 0, 0, 0.0, 0)
                    score_of[entry_id] = score
        best = sorted(listed, key=listed.__getitem__)
        best = [i for i in best if self._kind_ok(i, query)][:limit]
        shown = self._entries([i for i in best if i not in by_name], with_text=True)
        shown.update((i, (*rows[i], "")) for i in best if i in by_name and i in rows)
        hits = []
        for entry_id in best:
            if entry_id not in shown:
                continue  # the row could not be read (logged)
            type_, slug, title, lead, text = shown[entry_id]
            snippet, marks = text_snippet(text, plan.marks) if text else ("", ())
            if not snippet:
                snippet, marks = lead, word_spans(lead, plan.marks)
            score = round(-score_of.get(entry_id, 0.0), 4)
            hits.append(Hit(type_, slug, title, snippet, score, marks, word_spans(title, plan.marks)))
        return hits

    def _usable(self, entry_id: int, type_: str, query: ParsedQuery) -> bool:
        return (not query.scope.type or type_ == query.scope.type) and self._kind_ok(entry_id, query)

    # -- lists instead of searches ---------------------------------------------------------
    def _listing(self, query: ParsedQuery, limit: int) -> list[Hit]:
        """Every entry of the scope's type in article order (a scope typed alone)."""
        low, high = self._range(query)
        rows = self._rows(
            "SELECT id, type, slug, title, lead FROM hit_text WHERE id BETWEEN ? AND ? AND type = ? ORDER BY id",
            (low, high, query.scope.type),
        )
        rows = [r for r in rows if self._kind_ok(r[0], query)]
        return [Hit(t, s, title, lead, 0.0) for _, t, s, title, lead in rows[:limit]]

    def _by_letter(self, letter: str, query: ParsedQuery, limit: int) -> list[Hit]:
        """Names that start with ``letter``, in alphabetical order."""
        if self._vocabulary is None:
            self._load_vocabulary()
        start = bisect.bisect_left(self._titles, (letter, -1))
        ids = []
        for title, entry_id in self._titles[start:]:
            if not title.startswith(letter):
                break
            ids.append(entry_id)
        rows = self._entries(ids, with_text=False)
        hits = []
        for entry_id in ids:
            if entry_id in rows and self._usable(entry_id, rows[entry_id][0], query):
                type_, slug, title, lead = rows[entry_id]
                hits.append(Hit(type_, slug, title, lead, 0.0, (), ((0, 1),)))
        return hits[:limit]

    def _close_names(self, query: ParsedQuery, limit: int) -> list[Hit]:
        from rapidfuzz import fuzz, process

        text = " ".join(query.tokens)
        if len(text) < 4:
            return []
        found = process.extract(text, self.names, scorer=fuzz.WRatio, score_cutoff=NAME_CUTOFF, limit=limit)
        ids = [entry_id for name, _score, _ in found for entry_id in sorted(self.vocabulary[name])]
        rows = self._entries(ids, with_text=False)
        hits = []
        for entry_id in dict.fromkeys(ids):
            if entry_id in rows and self._usable(entry_id, rows[entry_id][0], query):
                type_, slug, title, lead = rows[entry_id]
                hits.append(Hit(type_, slug, title, lead, 0.0))
        return hits

    # -- the entry points ------------------------------------------------------------------
    def search(self, text: object, type_: str | None = None, limit: int = 20) -> list[Hit]:
        """Ranked hits for ``text``. Never raises on any input; unknown words give fewer hits."""
        return self.find(text, type_, limit).hits

    def find(self, text: object, type_: str | None = None, limit: int = 20, correct: bool = True) -> Results:
        """Ranked hits for ``text`` and what was searched. With ``correct``, words the index
        does not know are replaced by the closest it knows (``Results.corrected`` says so)."""
        limit = max(1, min(int(limit), MAX_LIMIT))
        query = parse(text, type_)
        typed = _SPACES.sub(" ", text.strip()) if isinstance(text, str) else ""
        results = Results([], typed, typed)
        if query.scope_only and query.scope.type:
            results.hits, results.listing = self._listing(query, limit), True
            return results
        if query.empty:
            return results
        if len(query.tokens) == 1 and len(query.tokens[0]) == 1 and query.tokens[0].isalpha():
            results.hits, results.listing = self._by_letter(query.tokens[0], query, limit), True
            return results
        parts = self._with_singulars(query)
        if correct:
            fixed = self._corrected(query, parts)
            if fixed != parts:
                results.corrected = True
                results.query = _corrected_text(typed, parts, fixed)
                parts = fixed
        plan = self._plan(query, parts)
        results.words = plan.marks
        results.hits = self._ranked(query, plan, limit)
        if not results.hits and not results.corrected:
            results.hits = self._close_names(query, limit)  # nothing at all: the closest names
            results.similar = bool(results.hits)
        return results


def _filler(words: Words, named: frozenset[int]) -> bool:
    return not named and len(words) == 1 and (words[0] in STOPWORDS or words[0] in MARKERS)


def _title_holds(title: str, plan: _Plan) -> bool:
    """Every group has a phrase whose words are all in the title (a prefix may be unfinished)."""
    title_words = tokens(title)
    for group in plan.groups:
        if not any(_phrase_in(text, title_words) for text in group.phrases):
            return False
    return True


def _phrase_in(text: str, title_words: tuple[str, ...]) -> bool:
    prefix = text.endswith("*")
    words = text.strip("*").strip('"').split()
    for index, word in enumerate(words):
        if prefix and index == len(words) - 1:
            if not any(t.startswith(word) for t in title_words):
                return False
        elif word not in title_words:
            return False
    return True


def _corrected_text(typed: str, before: Sequence[Part], after: Sequence[Part]) -> str:
    """``typed`` with each corrected word replaced, keeping everything else as typed."""
    text = typed
    for old, new in zip(before, after, strict=True):
        if old != new:
            pattern = re.compile(r"(?<![^\W_])" + re.escape(old.words[0]) + r"(?![^\W_])", re.IGNORECASE)
            text = pattern.sub(new.words[0], text, count=1)
    return text


__all__ = ["Hit", "Results", "Searcher", "text_snippet"]
