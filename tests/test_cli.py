"""Every CLI verb and exit code, as another tool would call them."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hipref import __version__
from hipref.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse exits for --help, --version and bad usage
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.splitlines()[0] == f"hipref {__version__}"
    assert out.splitlines()[1].startswith("content 20")


def test_search_json_shape(capsys, content_db):
    code, out, _ = run(capsys, "--db", str(content_db), "search", "hip", "--json", "--limit", "5")
    found = json.loads(out)
    hits = found["hits"]
    assert code == 0 and len(hits) == 5
    assert found["query"] == found["typed"] == "hip" and found["corrected"] is False
    assert set(hits[0]) == {"type", "slug", "title", "snippet", "score", "marks", "title_marks"}
    scores = [h["score"] for h in hits]
    assert all(isinstance(s, float) for s in scores)


def test_search_json_says_which_query_was_used(capsys, content_db):
    code, out, _ = run(capsys, "--db", str(content_db), "search", "osteoartritis", "--json")
    found = json.loads(out)
    assert code == 0 and found["corrected"] is True
    assert found["typed"] == "osteoartritis" and found["query"] == "osteoarthritis"
    assert found["hits"][0]["slug"] == "hip-osteoarthritis"
    code, out, _ = run(capsys, "--db", str(content_db), "search", "osteoartritis", "--json", "--as-typed")
    as_typed = json.loads(out)
    assert as_typed["corrected"] is False and as_typed["query"] == "osteoartritis"


def test_search_says_when_it_lists_names_spelled_alike_instead_of_matches(capsys, content_db):
    code, out, _ = run(capsys, "--db", str(content_db), "search", "avascular necrosis", "--json")
    found = json.loads(out)
    assert code == 0 and found["similar"] is True and found["corrected"] is False and found["hits"]
    code, out, _ = run(capsys, "--db", str(content_db), "search", "avascular necrosis")
    assert code == 0 and out.splitlines()[0] == "No entry has 'avascular necrosis'. Names spelled like it:"
    code, out, _ = run(capsys, "--db", str(content_db), "search", "hip", "--json")
    assert json.loads(out)["similar"] is False


def test_search_json_carries_marks_as_spans(capsys, content_db):
    code, out, _ = run(capsys, "--db", str(content_db), "search", "gul", "--json")
    hit = json.loads(out)["hits"][0]
    assert [hit["title"][s:e] for s, e in hit["title_marks"]] == ["Gül"]
    assert "**" not in hit["snippet"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hip scope", "treatment/hip-arthroscopy"),
        ("pain on the outside of the hip", "condition/"),
        ("does prolotherapy help hip OA", "treatment/prolotherapy"),
        ("14%", "excerpt/"),
        ("study:", "study/"),
    ],
)
def test_search_json_clinical_words(capsys, content_db, query, expected):
    code, out, _ = run(capsys, "--db", str(content_db), "search", query, "--json")
    refs = [f"{h['type']}/{h['slug']}" for h in json.loads(out)["hits"]]
    assert code == 0 and any(r.startswith(expected) for r in refs[:3]), refs[:5]


def test_search_text_and_type(capsys, content_db):
    code, out, _ = run(capsys, "search", "walking", "--type", "study", "--db", str(content_db))
    assert code == 0 and out.startswith("study/")


def test_search_no_results_exit_1(capsys, content_db):
    code, out, err = run(capsys, "--db", str(content_db), "search", "qqqqzzzzxxxx")
    assert code == 1 and "No results" in err


def test_search_batch_one_line_per_query(content_db):
    queries = 'fai\n\nprolo\n"unbalanced\n🦴\n' + "x" * 10000 + "\n"
    proc = subprocess.run(
        [sys.executable, "-m", "hipref", "--db", str(content_db), "search", "--batch", "--limit", "3"],
        input=queries,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0 and len(lines) == 6
    assert json.loads(lines[0])["hits"][0]["slug"] == "femoroacetabular-impingement"
    assert json.loads(lines[1])["hits"] == []
    assert all(isinstance(json.loads(line)["hits"], list) for line in lines)


def test_search_needs_query_or_batch(capsys, content_db):
    code, _, err = run(capsys, "--db", str(content_db), "search")
    assert code == 2 and "QUERY" in err


def test_search_help_lists_scopes(capsys):
    code, out, _ = run(capsys, "search", "--help")
    assert code == 0 and "study:" in out and "lig:" in out and "site:" in out


def test_show_json_study(capsys, content_db):
    code, out, _ = run(capsys, "--db", str(content_db), "show", "study/gul-2020", "--json")
    data = json.loads(out)
    assert code == 0
    for key in (
        "type",
        "slug",
        "title",
        "aliases",
        "summary_md",
        "body_md",
        "links",
        "authors",
        "year",
        "journal",
        "volume",
        "issue",
        "pages",
        "doi",
        "pmid",
        "design",
        "n",
    ):
        assert key in data, key
    assert data["doi"] == "10.12659/MSM.919166" and data["pmid"] == "32045406"
    assert {"type", "slug", "title", "relation"} <= set(data["links"][0])


def test_show_text(capsys, content_db):
    code, out, _ = run(capsys, "--db", str(content_db), "show", "condition/hip-osteoarthritis")
    assert code == 0 and out.startswith("Hip osteoarthritis\n") and "Linked entries" in out


def test_show_missing_is_1_and_malformed_is_2(capsys, content_db):
    assert run(capsys, "--db", str(content_db), "show", "condition/nope")[0] == 1
    code, _, err = run(capsys, "--db", str(content_db), "show", "nonsense")
    assert code == 1 and "no entry is named 'nonsense'" in err
    code, _, err = run(capsys, "--db", str(content_db), "show", "x" * 300)
    assert code == 2 and "TYPE/SLUG" in err


def test_list_all_and_one_type(capsys, content_db):
    code, out, _ = run(capsys, "--db", str(content_db), "list", "--json")
    everything = json.loads(out)
    assert code == 0 and {e["type"] for e in everything} >= {"condition", "structure", "site", "study", "excerpt"}
    assert set(everything[0]) == {"type", "slug", "title", "aliases"}
    code, out, _ = run(capsys, "--db", str(content_db), "list", "site")
    assert code == 0 and all(line.startswith("site/") for line in out.splitlines())


def test_list_unknown_type_is_usage_error(capsys):
    assert run(capsys, "list", "widgets")[0] == 2


def test_check_passes_on_the_shipped_content(capsys):
    code, out, _ = run(capsys, "check")
    assert code == 0, out
    assert "check passed" in out and "study        11" in out


def test_check_fails_on_stale_database(capsys, fixture_db):
    code, out, _ = run(capsys, "--db", str(fixture_db), "check")
    assert code == 1 and "out of date" in out


def test_build_db_to_a_path(capsys, tmp_path):
    out_path = tmp_path / "built.sqlite"
    code, out, _ = run(capsys, "build-db", "--out", str(out_path))
    assert code == 0 and out_path.is_file() and "Built" in out


def test_build_db_unwritable_is_clean(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "build-db", "--out", str(blocker / "sub" / "x.sqlite"))
    assert code == 2 and "cannot write" in err


@pytest.mark.parametrize("verb", [["search", "hip"], ["show", "condition/x"], ["list"], ["check"]])
def test_unusable_database_exit_2_one_line(tmp_path, verb):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database")
    proc = subprocess.run(
        [sys.executable, "-m", "hipref", "--db", str(bad), *verb], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    expected = 1 if verb == ["check"] else 2
    assert proc.returncode == expected
    assert "Traceback" not in proc.stderr + proc.stdout
    if expected == 2:
        assert len(proc.stderr.strip().splitlines()) == 1 and "not an SQLite file" in proc.stderr


def test_bad_arguments_exit_2(capsys):
    assert run(capsys, "search", "hip", "--limit", "zero")[0] == 2
    assert run(capsys, "frobnicate")[0] == 2


def test_works_from_any_folder(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "hipref", "search", "hip", "--json", "--limit", "2"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0 and len(json.loads(proc.stdout)["hits"]) == 2


@pytest.mark.parametrize(
    ("argv", "code", "stream", "text"),
    [
        (["--version"], 0, "stdout", "hipref "),
        (["search", "--help"], 0, "stdout", "scope prefixes"),
        (["--frobnicate"], 2, "stderr", "unrecognized arguments"),
        (["show", "condition/hip-osteoarthritis"], 0, "stdout", "Hip osteoarthritis"),
    ],
)
def test_the_command_exits_cleanly(argv, code, stream, text):
    """``python -m hipref`` flushes its output and keeps its exit code when it leaves quickly."""
    proc = subprocess.run([sys.executable, "-m", "hipref", *argv], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == code
    assert text in getattr(proc, stream)
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("flag", ["--exit-when-ready", "--exit-when-complete"])
def test_the_window_starts_unattended(tmp_path, flag):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HIPREF_DATA_DIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "hipref", "gui", flag], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert (tmp_path / "settings.ini").is_file(), "the window's settings were saved"


def test_gui_help_says_what_ready_means(capsys):
    code, out, _ = run(capsys, "gui", "--help")
    assert code == 0 and "first frame" in out and "--exit-when-complete" in out


def test_verbs_other_than_gui_collect_garbage(capsys, content_db):
    gc.disable()  # as the hipref command does at its start
    try:
        assert run(capsys, "--db", str(content_db), "list", "source")[0] == 0
        assert gc.isenabled()
    finally:
        gc.enable()
