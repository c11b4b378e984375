"""peewee models of the bundled content database.

The models name no database: the builder binds them to the file it writes only while it
writes, and a :class:`~hipref.store.content_store.ContentStore` runs each query on its own
connection, so any number of content databases can be open in one process.
"""

from __future__ import annotations

import peewee as pw
from playhouse.sqlite_ext import FTS5Model, RowIDField, SearchField

from hipref.store.tables import FTS_TABLES, TOKENIZER


class ContentModel(pw.Model):
    class Meta:
        legacy_table_names = False


class Entry(ContentModel):
    """One reference entry: a condition, structure, site, treatment, study, excerpt, ..."""

    type = pw.CharField()
    slug = pw.CharField()
    title = pw.CharField()
    aliases = pw.TextField(default="[]")  # JSON list of strings
    summary_md = pw.TextField(default="")
    plain_md = pw.TextField(default="")
    body_md = pw.TextField(default="")
    fields = pw.TextField(default="{}")  # JSON object of the type's own fields
    position = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("type", "slug"), True),)

    @property
    def ref(self) -> str:
        return f"{self.type}/{self.slug}"


class Link(ContentModel):
    """A link between two entries, named from both ends (``involves`` / ``involved in``)."""

    source = pw.ForeignKeyField(Entry, backref="outgoing", on_delete="CASCADE")
    target = pw.ForeignKeyField(Entry, backref="incoming", on_delete="CASCADE")
    relation = pw.CharField()
    reverse_relation = pw.CharField()

    class Meta:
        indexes = ((("source", "target"), True), (("target",), False))


class HitText(ContentModel):
    """What a search hit shows of an entry: its names and plain text, cleaned at build time.

    A narrow table of its own: reading these from ``entry`` would walk past its long
    Markdown columns, row by row, for every hit of every keystroke.
    """

    id = pw.IntegerField(primary_key=True)  # the entry's id
    type = pw.CharField()
    slug = pw.CharField()
    title = pw.CharField()
    lead = pw.TextField(default="")  # the start of the summary, a line or two
    text = pw.TextField(default="")  # everything the full-text index holds, in reading order

    class Meta:
        table_name = "hit_text"


class Meta(ContentModel):
    """Facts about the built content: hash, build date, versions."""

    key = pw.CharField(primary_key=True)
    value = pw.TextField()


class Concept(ContentModel):
    """One concept of the clinical thesaurus (see ``hipref.content.thesaurus``)."""

    names = pw.TextField()  # JSON list of strings
    includes = pw.TextField(default="[]")  # JSON list of strings
    entries = pw.TextField(default="[]")  # JSON list of entry ids


class PhraseRows(ContentModel):
    """The postings of one frequent word, prefix or thesaurus phrase in ``entry_index``.

    Stored for phrases that match many rows, so a search can score every row they match
    exactly without asking FTS5 to score each (see ``hipref.search.ranking``). ``postings``
    packs every matching rowid (ascending, 4-byte integers), then the phrase's weighted
    frequency in each (2-byte integers). A prefix covering the same words as another phrase
    names it in ``same`` instead. The row of phrase "" holds every row's length in tokens,
    by rowid (4-byte integers).
    """

    phrase = pw.CharField(primary_key=True)  # as in a MATCH expression: "hip", "fem"* or "hip pain"
    hits = pw.IntegerField()  # how many rows match it
    postings = pw.BlobField(null=True)
    same = pw.CharField(null=True)

    class Meta:
        table_name = "phrase_rows"


class _Names(FTS5Model):
    """The columns both indexes open with: an entry's names. Not a table of its own."""

    rowid = RowIDField()
    title = SearchField()
    aliases = SearchField()
    identifiers = SearchField()


class EntryIndex(_Names):
    """Full-text index over every entry. rowid is the entry's id."""

    summary = SearchField()
    body = SearchField()
    type = SearchField(unindexed=True)

    class Meta:
        table_name = "entry_index"
        options = {"tokenize": TOKENIZER, "prefix": "2 3"}


class NameIndex(_Names):
    """A small index of names only (titles, aliases, identifiers) of every named entry.

    As-you-type lookups and the "matches by name" ranking tier read this one: its term
    lists are short, where the same terms in ``entry_index`` span every excerpt body.
    Excerpts are left out (their headings are not names), so it stays the same size
    however many excerpts the content holds.
    """

    type = SearchField(unindexed=True)

    class Meta:
        table_name = "name_index"
        options = {"tokenize": TOKENIZER, "prefix": "1 2 3"}


CONTENT_MODELS = (Entry, Link, HitText, Meta, Concept, PhraseRows, EntryIndex, NameIndex)

SchemaRow = tuple[str, str, str, str | None]


def created_schema() -> tuple[tuple[SchemaRow, ...], tuple[tuple[str, object], ...]]:
    """What these models create in an empty database: its sqlite_master rows (type, name,
    tbl_name, sql), sorted, and the rows of an FTS5 table's ``_config``. The app checks every
    content file against a copy of these kept in :mod:`hipref.store.tables`."""
    database = pw.SqliteDatabase(":memory:")
    with database.bind_ctx(CONTENT_MODELS):
        database.create_tables(CONTENT_MODELS)
        rows = database.execute_sql("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
        config = database.execute_sql(f"SELECT k, v FROM {FTS_TABLES[0]}_config ORDER BY k").fetchall()
    database.close()
    return tuple(sorted(rows, key=lambda row: (row[0], row[1]))), tuple(config)


def _literal(value: object) -> str:
    """``value`` as Python source, quoted as ``ruff format`` leaves it."""
    if isinstance(value, str) and "\\" not in value and '"' not in value and "\n" not in value:
        return f'"{value}"'
    return repr(value)


def schema_source(width: int = 120) -> str:
    """The ``EXPECTED_SCHEMA`` and ``FTS_CONFIG`` assignments of :mod:`hipref.store.tables`,
    from the models, formatted as they stand there."""
    rows, config = created_schema()
    lines = ["EXPECTED_SCHEMA: tuple[tuple[str, str, str, str | None], ...] = ("]
    for row in rows:
        line = "    (" + ", ".join(map(_literal, row)) + "),"
        if len(line) <= width:
            lines.append(line)
            continue
        lines.append("    (")
        for value in row:
            item = f"        {_literal(value)},"
            lines.append(item if len(item) <= width else item + "  # noqa: E501")
        lines.append("    ),")
    lines.append(")")
    items = ", ".join("(" + ", ".join(map(_literal, pair)) + ")" for pair in config)
    lines.append(f"FTS_CONFIG: tuple[tuple[str, object], ...] = ({items},)")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    # After changing the models: paste this over the same assignments in hipref/store/tables.py.
    print(schema_source(), end="")
