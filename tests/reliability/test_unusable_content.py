"""Guarantee: an unusable content database ends in one clear line (and a dialog), exit 2,
never a traceback: from the command line, from ``hipref gui``, and in the window's start-up."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from hipref import paths
from hipref.app import EXIT_UNUSABLE, run_gui
from tests.reliability.conftest import ROOT, hipref_env
from tests.spoil import CASES

VERBS = {"search": ("search", "hip"), "gui": ("gui", "--exit-when-ready")}


def spoiled(folder: Path, case: str) -> Path:
    path = folder / f"{case.replace(' ', '-')}.sqlite"
    shutil.copyfile(paths.bundled_db_path(), path)
    CASES[case][0](path)
    return path


@pytest.fixture(scope="module")
def finished(tmp_path_factory) -> dict[tuple[str, str], subprocess.CompletedProcess]:
    """Every verb on every spoiled database, run side by side in child processes."""
    folder = tmp_path_factory.mktemp("spoiled")
    running = {}
    for case in CASES:
        bad = spoiled(folder, case)
        for verb, argv in VERBS.items():
            data = tmp_path_factory.mktemp("userdata")
            running[(case, verb)] = subprocess.Popen(
                [sys.executable, "-m", "hipref", "--db", str(bad), *argv],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
                env=hipref_env(data),
            )
    results = {}
    for key, child in running.items():
        out, err = child.communicate(timeout=120)
        results[key] = subprocess.CompletedProcess(child.args, child.returncode, out, err)
    return results


@pytest.mark.parametrize("verb", list(VERBS))
@pytest.mark.parametrize("case", list(CASES))
def test_command_line_says_what_is_wrong_in_one_line(finished, case, verb):
    proc = finished[(case, verb)]
    phrase = CASES[case][1]
    assert proc.returncode == EXIT_UNUSABLE, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout == ""
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("hipref: ") and phrase in lines[0]
    assert "hipref build-db" in lines[0] or "Update hipref" in lines[0], "the line says what to do"


def gui_args(**overrides) -> argparse.Namespace:
    return argparse.Namespace(
        **{"open": None, "present": False, "screenshot": None, "exit_when_ready": False, **overrides}
    )


@pytest.fixture
def dialogs(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def critical(parent, title, text, *args, **kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    return shown


@pytest.mark.parametrize("case", list(CASES))
def test_window_start_up_shows_a_dialog_naming_the_problem(case, tmp_path, dialogs, capsys, app_state):
    bad = spoiled(tmp_path, case)
    assert run_gui(gui_args(), bad) == EXIT_UNUSABLE
    ((title, text),) = dialogs
    assert "content" in title
    assert CASES[case][1] in text and str(bad) in text
    assert "Traceback" not in text
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == f"hipref: {text}"


def test_unattended_start_up_shows_no_dialog(tmp_path, dialogs, capsys, app_state):
    bad = spoiled(tmp_path, "not SQLite")
    assert run_gui(gui_args(exit_when_ready=True), bad) == EXIT_UNUSABLE
    assert dialogs == []
    assert "not an SQLite file" in capsys.readouterr().err


def test_an_unusable_data_folder_still_opens_the_reference_with_notes_read_only(
    tmp_path, monkeypatch, dialogs, capsys, app_state
):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("in the way")
    monkeypatch.setenv("HIPREF_DATA_DIR", str(not_a_folder))
    from PySide6.QtWidgets import QApplication

    before = set(QApplication.topLevelWidgets())
    try:
        assert run_gui(gui_args(exit_when_complete=True), paths.bundled_db_path()) == 0
    finally:
        for widget in set(QApplication.topLevelWidgets()) - before:  # run_gui leaves its window to the exit
            widget.close()
            widget.deleteLater()
    assert dialogs == []
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = [line for line in err.splitlines() if line.startswith("hipref: ")]
    assert "read-only" in line and str(not_a_folder) in line
    assert not_a_folder.read_text() == "in the way"
