"""A search the database cannot answer gives no results and leaves its reason in the log."""

from __future__ import annotations

import logging
import shutil
import sqlite3

from hipref.search.engine import Searcher


def test_a_failing_query_is_logged_and_the_user_sees_no_results(fixture_db, tmp_path, caplog):
    broken = tmp_path / "broken.sqlite"
    shutil.copyfile(fixture_db, broken)
    with sqlite3.connect(broken) as connection:
        connection.execute("DROP TABLE hit_text")
    connection = sqlite3.connect(broken)
    try:
        with caplog.at_level(logging.ERROR, logger="hipref.search.engine"):
            assert Searcher(connection).search("labrum") == []
    finally:
        connection.close()
    failures = [r for r in caplog.records if r.name == "hipref.search.engine" and r.levelno == logging.ERROR]
    assert failures and "no such table: hit_text" in failures[0].exc_text
