"""The content database's tables as the app reads them, with no ORM: its schema version, the
schema it must have exactly, and how its full-text indexes are tokenised and weighted.

The peewee models (:mod:`hipref.store.models`) define the tables and the builder writes them;
the app only reads the file, through the standard ``sqlite3`` module, so opening and searching
it never imports peewee. ``EXPECTED_SCHEMA`` and ``FTS_CONFIG`` are what the models create,
kept here as data: a test creates the models in memory and checks they still agree.
"""

from __future__ import annotations

# Bumped whenever the tables change; the bundled file is rebuilt, never migrated.
SCHEMA_VERSION = 6

# Accents and case fold away (Gül is gul); "%" belongs to its number, so "14%" is one word.
TOKENIZER = "unicode61 remove_diacritics 2 tokenchars '%'"

CONTENT_TABLES = ("entry", "link", "hit_text", "meta", "concept", "phrase_rows", "entry_index", "name_index")
FTS_TABLES = ("entry_index", "name_index")

# Entries that have no name of their own, only a heading: not in ``name_index``.
UNNAMED_TYPES = ("excerpt",)

# bm25 weights are positional over all columns, the unindexed type column included.
INDEX_WEIGHTS = (10.0, 8.0, 8.0, 3.0, 1.0, 0.0)
NAME_WEIGHTS = (10.0, 8.0, 8.0, 0.0)

# What the models create, exactly: sqlite_master rows (type, name, tbl_name, sql) sorted by type
# and name, and the rows of each FTS5 table's ``_config``. Written by `python -m hipref.store.models`:
# after changing the models, paste its output over these two assignments (and bump SCHEMA_VERSION).
EXPECTED_SCHEMA: tuple[tuple[str, str, str, str | None], ...] = (
    ("index", "entry_type_slug", "entry", 'CREATE UNIQUE INDEX "entry_type_slug" ON "entry" ("type", "slug")'),
    ("index", "link_source_id", "link", 'CREATE INDEX "link_source_id" ON "link" ("source_id")'),
    (
        "index",
        "link_source_id_target_id",
        "link",
        'CREATE UNIQUE INDEX "link_source_id_target_id" ON "link" ("source_id", "target_id")',
    ),
    ("index", "link_target_id", "link", 'CREATE INDEX "link_target_id" ON "link" ("target_id")'),
    ("index", "sqlite_autoindex_meta_1", "meta", None),
    ("index", "sqlite_autoindex_phrase_rows_1", "phrase_rows", None),
    (
        "table",
        "concept",
        "concept",
        'CREATE TABLE "concept" ("id" INTEGER NOT NULL PRIMARY KEY, "names" TEXT NOT NULL, "includes" TEXT NOT NULL, "entries" TEXT NOT NULL)',  # noqa: E501
    ),
    (
        "table",
        "entry",
        "entry",
        'CREATE TABLE "entry" ("id" INTEGER NOT NULL PRIMARY KEY, "type" VARCHAR(255) NOT NULL, "slug" VARCHAR(255) NOT NULL, "title" VARCHAR(255) NOT NULL, "aliases" TEXT NOT NULL, "summary_md" TEXT NOT NULL, "plain_md" TEXT NOT NULL, "body_md" TEXT NOT NULL, "fields" TEXT NOT NULL, "position" INTEGER NOT NULL)',  # noqa: E501
    ),
    (
        "table",
        "entry_index",
        "entry_index",
        'CREATE VIRTUAL TABLE "entry_index" USING fts5 ("title", "aliases", "identifiers", "summary", "body", "type" UNINDEXED, prefix=\'2 3\', tokenize="unicode61 remove_diacritics 2 tokenchars \'%\'")',  # noqa: E501
    ),
    (
        "table",
        "entry_index_config",
        "entry_index_config",
        "CREATE TABLE 'entry_index_config'(k PRIMARY KEY, v) WITHOUT ROWID",
    ),
    (
        "table",
        "entry_index_content",
        "entry_index_content",
        "CREATE TABLE 'entry_index_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3, c4, c5)",
    ),
    (
        "table",
        "entry_index_data",
        "entry_index_data",
        "CREATE TABLE 'entry_index_data'(id INTEGER PRIMARY KEY, block BLOB)",
    ),
    (
        "table",
        "entry_index_docsize",
        "entry_index_docsize",
        "CREATE TABLE 'entry_index_docsize'(id INTEGER PRIMARY KEY, sz BLOB)",
    ),
    (
        "table",
        "entry_index_idx",
        "entry_index_idx",
        "CREATE TABLE 'entry_index_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID",
    ),
    (
        "table",
        "hit_text",
        "hit_text",
        'CREATE TABLE "hit_text" ("id" INTEGER NOT NULL PRIMARY KEY, "type" VARCHAR(255) NOT NULL, "slug" VARCHAR(255) NOT NULL, "title" VARCHAR(255) NOT NULL, "lead" TEXT NOT NULL, "text" TEXT NOT NULL)',  # noqa: E501
    ),
    (
        "table",
        "link",
        "link",
        'CREATE TABLE "link" ("id" INTEGER NOT NULL PRIMARY KEY, "source_id" INTEGER NOT NULL, "target_id" INTEGER NOT NULL, "relation" VARCHAR(255) NOT NULL, "reverse_relation" VARCHAR(255) NOT NULL, FOREIGN KEY ("source_id") REFERENCES "entry" ("id") ON DELETE CASCADE, FOREIGN KEY ("target_id") REFERENCES "entry" ("id") ON DELETE CASCADE)',  # noqa: E501
    ),
    ("table", "meta", "meta", 'CREATE TABLE "meta" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)'),
    (
        "table",
        "name_index",
        "name_index",
        'CREATE VIRTUAL TABLE "name_index" USING fts5 ("title", "aliases", "identifiers", "type" UNINDEXED, prefix=\'1 2 3\', tokenize="unicode61 remove_diacritics 2 tokenchars \'%\'")',  # noqa: E501
    ),
    (
        "table",
        "name_index_config",
        "name_index_config",
        "CREATE TABLE 'name_index_config'(k PRIMARY KEY, v) WITHOUT ROWID",
    ),
    (
        "table",
        "name_index_content",
        "name_index_content",
        "CREATE TABLE 'name_index_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3)",
    ),
    (
        "table",
        "name_index_data",
        "name_index_data",
        "CREATE TABLE 'name_index_data'(id INTEGER PRIMARY KEY, block BLOB)",
    ),
    (
        "table",
        "name_index_docsize",
        "name_index_docsize",
        "CREATE TABLE 'name_index_docsize'(id INTEGER PRIMARY KEY, sz BLOB)",
    ),
    (
        "table",
        "name_index_idx",
        "name_index_idx",
        "CREATE TABLE 'name_index_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID",
    ),
    (
        "table",
        "phrase_rows",
        "phrase_rows",
        'CREATE TABLE "phrase_rows" ("phrase" VARCHAR(255) NOT NULL PRIMARY KEY, "hits" INTEGER NOT NULL, "postings" BLOB, "same" VARCHAR(255))',  # noqa: E501
    ),
)
FTS_CONFIG: tuple[tuple[str, object], ...] = (("version", 4),)
