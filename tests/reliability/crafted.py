"""Content databases crafted to break a reader that trusts them, and the words that name each.

Each function changes a copy of the bundled database in place, the way a hostile or broken
file could: it still opens as SQLite and passes ``quick_check``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def _run(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


CRAFTED = {
    "bad UTF-8 title": (("UPDATE entry SET title = CAST(x'48ff6970' AS TEXT) WHERE id = 1",), "not valid UTF-8"),
    "bad JSON aliases": (("UPDATE entry SET aliases = '[\"FAI\"' WHERE id = 1",), "malformed aliases or fields"),
    "fields as a list": (("UPDATE entry SET fields = '[1, 2]' WHERE id = 1",), "malformed aliases or fields"),
    "unknown type": (("UPDATE entry SET type = 'gadget' WHERE id = 1",), "unknown type"),
    "generated column": (
        ("ALTER TABLE entry ADD COLUMN huge TEXT GENERATED ALWAYS AS (printf('%.*c', 300000000, 'x')) VIRTUAL",),
        "changed table entry",
    ),
    "trigger": (("CREATE TRIGGER noisy AFTER INSERT ON meta BEGIN SELECT 1; END",), "unexpected trigger noisy"),
    "view": (("CREATE VIEW everything AS SELECT * FROM entry",), "unexpected view everything"),
    "oversized title": (("UPDATE entry SET title = printf('%.*c', 3000000, 'x') WHERE id = 1",), "entry.title"),
    "emptied index": (("DELETE FROM entry_index",), "entry_index holds 0 rows"),
    "changed index config": (
        ("INSERT INTO entry_index(entry_index, rank) VALUES('rank', 'bm25(100.0)')",),
        "changed configuration",
    ),
    "changed tokenizer": (
        (
            "DROP TABLE name_index",
            "CREATE VIRTUAL TABLE name_index USING fts5"
            " (title, aliases, identifiers, type UNINDEXED, tokenize='porter')",
        ),
        "name_index",
    ),
    "damaged index": (
        ("UPDATE entry_index_data SET block = zeroblob(length(block)) WHERE id > 10",),
        "search index entry_index is damaged",
    ),
}


def craft(path: Path, case: str) -> Path:
    _run(path, *CRAFTED[case][0])
    return path
