"""Naming entries and types the way people type them: aliases, titles, plurals, the window's words."""

from __future__ import annotations

import json

import pytest

from hipref.lookup import TypeChoice, parse_type
from tests.cli.conftest import hipref_process, run

FAI = "condition/femoroacetabular-impingement"


@pytest.mark.parametrize(
    "ref",
    [FAI, "fai", "FAI", "Femoroacetabular impingement", "femoroacetabular-impingement", "conditions/fai", "cond/FAI"],
)
def test_show_resolves_aliases_titles_slugs_and_type_words(capsys, content_db, ref):
    code, out, err = run(capsys, "--db", str(content_db), "show", ref, "--json")
    assert code == 0 and not err
    assert json.loads(out)["slug"] == "femoroacetabular-impingement"


@pytest.mark.parametrize("ref", ["10.12659/MSM.919166", "10.12659/msm.919166", "32045406"])
def test_a_study_is_also_named_by_its_doi_or_pmid(capsys, content_db, ref):
    code, out, _ = run(capsys, "--db", str(content_db), "show", ref, "--json")
    assert code == 0 and json.loads(out)["slug"] == "gul-2020"


def test_the_beginning_of_a_title_without_accents_is_enough_when_only_one_entry_has_it(capsys, content_db):
    code, out, _ = run(capsys, "--db", str(content_db), "show", "Gul 2020")
    assert code == 0 and out.startswith("Gül 2020")


def test_a_name_shared_by_two_entries_lists_them_and_exits_1(capsys, content_db):
    code, out, err = run(capsys, "--db", str(content_db), "show", "muscle atrophy")
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert "names 2 entries" in lines[0]
    assert [line.split()[0] for line in lines[1:]] == ["condition/hip-muscle-weakness", "term/atrophy"]


def test_a_name_no_entry_has_exits_1_with_entries_that_mention_it(capsys, content_db):
    code, out, err = run(capsys, "--db", str(content_db), "show", "pain during the walk test")
    assert code == 1 and out == ""
    first, *suggested = err.splitlines()
    assert "no entry is named" in first and "mention it" in first
    _, found, _ = run(capsys, "--db", str(content_db), "search", "pain during the walk test", "--json", "--limit", "5")
    hits = json.loads(found)["hits"]
    assert [line.split()[0] for line in suggested] == [f"{h['type']}/{h['slug']}" for h in hits] and hits


@pytest.mark.parametrize(
    ("word", "choice"),
    [
        ("studies", TypeChoice("study")),
        ("Studies", TypeChoice("study")),
        ("study", TypeChoice("study")),
        ("conditions", TypeChoice("condition")),
        ("Injection sites", TypeChoice("site")),
        ("injection-site", TypeChoice("site")),
        ("glossary", TypeChoice("term")),
        ("Article excerpts", TypeChoice("excerpt")),
        ("tx", TypeChoice("treatment")),
        ("structures", TypeChoice("structure")),
        ("ligaments", TypeChoice("structure", "ligament")),
        ("Tendons", TypeChoice("structure", "tendon")),
        ("bursae", TypeChoice("structure", "bursa")),
        ("widgets", None),
        ("", None),
    ],
)
def test_type_words(word, choice):
    assert parse_type(word) == choice


def test_list_takes_plurals_and_the_windows_words(capsys, content_db):
    _, singular, _ = run(capsys, "--db", str(content_db), "list", "study")
    code, plural, _ = run(capsys, "--db", str(content_db), "list", "studies")
    assert code == 0 and plural == singular and plural.count("study/") == 11


def test_list_ligaments_lists_the_ligaments_only(capsys, content_db, opened):
    ligaments = {e.ref for e in opened.list_entries("structure") if e.fields.get("kind") == "ligament"}
    code, out, _ = run(capsys, "--db", str(content_db), "list", "ligaments")
    listed = {line.split()[0] for line in out.splitlines()}
    assert code == 0 and len(ligaments) >= 3 and listed == ligaments


def test_search_type_takes_the_same_words(capsys, content_db, opened):
    ligaments = {e.slug for e in opened.list_entries("structure") if e.fields.get("kind") == "ligament"}
    _, out, _ = run(capsys, "--db", str(content_db), "search", "femur", "--type", "structures", "--json")
    assert {h["slug"] for h in json.loads(out)["hits"]} - ligaments, "other structures match too"
    code, out, _ = run(capsys, "--db", str(content_db), "search", "femur", "--type", "ligaments", "--json")
    hits = json.loads(out)["hits"]
    assert code == 0 and hits and all(h["type"] == "structure" and h["slug"] in ligaments for h in hits)
    code, out, _ = run(capsys, "--db", str(content_db), "search", "exercise", "--type", "studies", "--json")
    assert code == 0 and {h["type"] for h in json.loads(out)["hits"]} == {"study"}


def test_an_unknown_type_word_is_a_usage_error_naming_the_choices(capsys, content_db):
    code, _, err = run(capsys, "--db", str(content_db), "list", "widgets")
    assert code == 2 and "unknown type 'widgets'" in err and "studies" not in err.split("'widgets'")[0]


def test_gui_open_takes_an_alias(capsys, content_db, monkeypatch):
    opened = []
    monkeypatch.setattr("hipref.app.run_gui", lambda args, db_path: opened.append(args.open) or 0)
    assert run(capsys, "--db", str(content_db), "gui", "--open", "fai", "--exit-when-ready")[0] == 0
    assert opened == [FAI]


@pytest.mark.parametrize(
    "mode",
    [["--screenshot", "{png}"], ["--present"], ["--exit-when-ready"], ["--exit-when-complete"], []],
    ids=["screenshot", "present", "ready", "complete", "interactive"],
)
@pytest.mark.parametrize("ref", ["nonsense", "muscle atrophy", "condition/hip-\udcff"])
def test_gui_open_naming_no_single_entry_exits_2_with_one_line_in_every_mode(tmp_path, mode, ref):
    png = tmp_path / "x.png"
    argv = ["gui", "--open", ref, *(part.format(png=png) for part in mode)]
    proc = hipref_process(*argv, text=True, errors="replace")
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and "--open" in proc.stderr
    assert proc.stdout == "" and not png.exists()
