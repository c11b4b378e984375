"""The app reads the content database with plain SQL through the standard sqlite3 module: opening
it, searching it and every read verb import no ORM, and the schema each file is checked against
is exactly what the builder's peewee models create."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hipref.store import models, tables

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = (
    "hipref/store/tables.py no longer holds what the content models create: run"
    " `python -m hipref.store.models` and paste its output over EXPECTED_SCHEMA and FTS_CONFIG there"
    " (a changed schema also needs SCHEMA_VERSION bumped and `hipref build-db`)"
)
ORM_LOADED = "sorted(name for name in sys.modules if name.split('.')[0] in ('peewee', 'playhouse'))"


def run_python(*args: str) -> str:
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_opening_and_searching_a_store_never_imports_peewee(fixture_db):
    script = (
        "import sys\n"
        "from hipref.store.content_store import ContentStore\n"
        "with ContentStore.open(sys.argv[1]) as store:\n"
        "    assert [h.ref for h in store.searcher.search('stretching', 'study')] == ['study/example-2023']\n"
        "    assert store.searcher.find('strething').corrected\n"
        "    entry = store.get_ref('condition/hip-osteoarthritis')\n"
        "    assert entry.links and store.source('source/leaflet').excerpts\n"
        "    assert store.counts()['study'] == len(store.list_entries('study'))\n"
        "    assert store.meta()['content_hash'] == 'fixture'\n"
        f"print({ORM_LOADED})\n"
    )
    assert run_python("-c", script, str(fixture_db)).strip() == "[]"


def test_the_read_verbs_never_import_peewee(fixture_db):
    script = (
        "import contextlib, io, sys\n"
        "from hipref.cli import main\n"
        "verbs = (['show', 'condition/hip-osteoarthritis'], ['search', 'hip'], ['search', '--json', 'labrm'],\n"
        "         ['list', 'studies'])\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    codes = [main(['--db', sys.argv[1], *verb]) for verb in verbs]\n"
        "    try:\n"
        "        main(['--db', sys.argv[1], '--version'])\n"
        "    except SystemExit as done:\n"
        "        codes.append(done.code)\n"
        f"print(codes, {ORM_LOADED})\n"
    )
    assert run_python("-c", script, str(fixture_db)).strip() == "[0, 0, 0, 0, 0] []"


def test_the_expected_schema_is_what_the_models_create():
    rows, config = models.created_schema()
    assert rows == tables.EXPECTED_SCHEMA, REGENERATE
    assert config == tables.FTS_CONFIG, REGENERATE
    assert tables.CONTENT_TABLES == tuple(model._meta.table_name for model in models.CONTENT_MODELS)


def test_the_regeneration_command_prints_the_expected_schema():
    source = models.schema_source()
    assert run_python("-m", "hipref.store.models") == source
    printed: dict[str, object] = {}
    exec(source, printed)  # our own module's output: the assignments to paste into tables.py
    assert printed["EXPECTED_SCHEMA"] == tables.EXPECTED_SCHEMA
    assert printed["FTS_CONFIG"] == tables.FTS_CONFIG
