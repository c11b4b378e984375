"""Guarantee: hipref works with no network and never tries to reach one."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from hipref.cli import main
from tests.reliability.conftest import run_hipref
from tests.windows import open_window


@pytest.fixture
def connections(monkeypatch) -> list[str]:
    """Forbid every way Python code could open a connection or resolve a name; record tries."""
    tried: list[str] = []

    def refuse(name):
        def blocked(*args, **kwargs):
            tried.append(f"{name}{args[1:] if name.startswith('socket.socket') else args}")
            raise OSError(f"network forbidden in this test: {name}")

        return blocked

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    return tried


def test_the_guard_notices_a_connection(connections):
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 443), timeout=1)
    with pytest.raises(OSError), socket.socket() as sock:
        sock.connect(("127.0.0.1", 9))
    assert len(connections) == 2


def test_a_whole_session_makes_no_connection(qtbot, fixture_db, data_dir, connections, capsys):
    with open_window(qtbot, fixture_db, data_dir) as window:
        for text in ("OA", "doi: 10.12659", "study: stretching", "osteoartritis"):
            window.search.setText(text)
            qtbot.waitUntil(lambda text=text: window.parts.results.model.query == text)
            qtbot.keyClick(window.search, Qt.Key.Key_Return)
            assert window.session.current is not None, text
        assert window.open_ref("study/gul-2020")
        window.toggle_bookmark()
        window.parts.notes.editor.setPlainText("read offline")
        window.copy_study_field("vancouver")
    assert main(["--db", str(fixture_db), "search", "hip", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert main(["--db", str(fixture_db), "show", "study/gul-2020"]) == 0
    assert connections == []


def unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    try:
        return subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.skipif(not unshare_works(), reason="cannot make a network namespace here (unshare -rn)")
def test_runs_in_a_namespace_without_network(data_dir):
    offline = ("unshare", "-rn")
    reach_out = "import socket; socket.create_connection(('1.1.1.1', 53), 2)"
    probe = subprocess.run([*offline, sys.executable, "-c", reach_out], capture_output=True, timeout=30)
    assert probe.returncode != 0, "the namespace still has a network; the test would prove nothing"
    gui = run_hipref(
        "gui", "--open", "condition/hip-osteoarthritis", "--exit-when-ready", data_dir=data_dir, prefix=offline
    )
    assert gui.returncode == 0, gui.stderr
    search = run_hipref("search", "hip", "--json", data_dir=data_dir, prefix=offline)
    assert search.returncode == 0, search.stderr
    assert [hit["type"] for hit in json.loads(search.stdout)["hits"]], "search found entries"
