"""``hipref --version`` and About name the app's version and the content's, as the builder recorded it."""

from __future__ import annotations

import sqlite3

import pytest

from hipref import __version__
from hipref.cli import main
from hipref.content.build import build


def _meta(path) -> dict[str, str]:
    with sqlite3.connect(path) as connection:
        return dict(connection.execute("SELECT key, value FROM meta"))


def test_the_builder_records_the_content_version(fixture_resources, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1641427200")
    report = build(fixture_resources, tmp_path / "built.sqlite")
    meta = _meta(report.path)
    assert meta["build_date"] == "2022-01-06"
    assert meta["content_version"] == f"2022-01-06+{report.content_hash[:12]}"


def test_version_names_the_app_and_the_content(capsys, content_db):
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(content_db), "--version"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out.splitlines()
    meta = _meta(content_db)
    assert out == [f"hipref {__version__}", f"content {meta['build_date']}+{meta['content_hash'][:12]}"]


def test_version_without_usable_content_still_names_the_app(capsys, tmp_path):
    missing = tmp_path / "gone.sqlite"
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(missing), "--version"])
    assert exit_.value.code == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == f"hipref {__version__}"
    assert "content unavailable: Content database not found" in out and err == ""
