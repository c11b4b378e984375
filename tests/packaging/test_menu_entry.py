"""``install-desktop-entry``, as a user runs it from an unpacked Linux bundle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import bundle
import icons
import pytest
from build import add_desktop_integration

from hipref.ui.app_icon import DESKTOP_ID

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux desktop's menu entry")


@pytest.fixture(scope="module")
def rendered_icons(tmp_path_factory, qapp) -> Path:
    folder = tmp_path_factory.mktemp("icons")
    icons.render(folder)
    return folder


@pytest.fixture
def unpacked(tmp_path, rendered_icons) -> Path:
    """The parts of an unpacked bundle the script uses, in a folder whose name has a space."""
    folder = tmp_path / "Clinic apps" / "hipref-0.1.0-linux-x86_64"
    folder.mkdir(parents=True)
    add_desktop_integration(folder, rendered_icons)
    return folder


def install(folder: Path, data: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    return subprocess.run([str(folder / "install-desktop-entry"), *args], capture_output=True, text=True, env=env)


def test_the_entry_points_at_the_unpacked_program_and_brings_its_icons(unpacked, tmp_path):
    data = tmp_path / "data"
    assert install(unpacked, data).returncode == 0
    entry = (data / "applications" / f"{DESKTOP_ID}.desktop").read_text()
    assert f'Exec="{unpacked}/hipref"' in entry and f"Icon={DESKTOP_ID}" in entry
    sizes = sorted(p.parent.parent.name for p in (data / "icons" / "hicolor").glob(f"*/apps/{DESKTOP_ID}.*"))
    assert sizes == sorted([f"{s}x{s}" for s in bundle.ICON_SIZES] + ["scalable"])
    assert (data / "metainfo" / f"{DESKTOP_ID}.metainfo.xml").is_file()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(data / "applications" / f"{DESKTOP_ID}.desktop")])
        assert checked.returncode == 0


def test_remove_takes_the_entry_and_icons_away(unpacked, tmp_path):
    data = tmp_path / "data"
    install(unpacked, data)
    assert install(unpacked, data, "--remove").returncode == 0
    left = [p for p in data.rglob("*") if p.is_file() and DESKTOP_ID in p.name]
    assert left == []


def test_a_folder_name_a_menu_entry_cannot_hold_is_refused(rendered_icons, tmp_path):
    folder = tmp_path / "costs $5"
    folder.mkdir()
    add_desktop_integration(folder, rendered_icons)
    result = install(folder, tmp_path / "data")
    assert result.returncode == 1 and "move this folder" in result.stderr
    assert not (tmp_path / "data" / "applications").exists()
