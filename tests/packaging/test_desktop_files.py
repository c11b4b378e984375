"""The desktop entry, icon and AppStream metainfo the bundle ships, and what the bundle leaves out of Qt."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import bundle
import pytest
import qt_trim
from PySide6.QtGui import QImage

from hipref.ui.app_icon import DESKTOP_ID, app_icon

LINUX = bundle.PACKAGING / "linux"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(LINUX / f"{DESKTOP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_every_desktop_file_names_the_same_app():
    metainfo = ET.parse(LINUX / f"{DESKTOP_ID}.metainfo.xml").getroot()
    assert bundle.APP_ID == DESKTOP_ID
    assert desktop_entry()["Icon"] == DESKTOP_ID and desktop_entry()["Exec"] == "hipref"
    assert metainfo.findtext("id") == DESKTOP_ID
    assert metainfo.findtext("launchable") == f"{DESKTOP_ID}.desktop"
    assert f"id={DESKTOP_ID}" in (LINUX / "install-desktop-entry").read_text()


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli (Debian's appstream) is not installed")
def test_metainfo_passes_appstream_validation():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / f"{DESKTOP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_desktop_entry_passes_validation():
    result = subprocess.run(["desktop-file-validate", str(LINUX / f"{DESKTOP_ID}.desktop")], capture_output=True)
    assert result.returncode == 0 and not result.stdout, result.stdout


def _opaque_share(image: QImage) -> float:
    pixels = [image.pixelColor(x, y).alpha() for x in range(image.width()) for y in range(image.height())]
    return sum(1 for alpha in pixels if alpha == 255) / len(pixels)


@pytest.mark.parametrize("size", [16, 48, 256])
def test_the_window_icon_draws_at_every_size(qapp, size):
    image = app_icon().pixmap(size, size).toImage()
    assert image.width() == size and image.height() == size
    assert 0.7 < _opaque_share(image) < 1.0, "a filled tile with transparent rounded corners"


def test_icons_render_at_the_usual_sizes_and_for_windows_and_macos(qapp, tmp_path):
    import icons

    written = icons.render(tmp_path)
    for size in bundle.ICON_SIZES:
        image = QImage(str(written[str(size)]))
        assert (image.width(), image.height()) == (size, size)
    assert written["ico"].read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert written["icns"].read_bytes()[:4] == b"icns"


@pytest.mark.parametrize(
    "destination",
    [
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/lib/libQt6PrintSupport.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "hipref/resources/diagrams/anterior.svg",
    ],
)
def test_the_bundle_keeps_what_a_desktop_window_needs(destination):
    assert qt_trim.wanted(destination)


@pytest.mark.parametrize(
    "destination",
    [
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt6Qml.dll",
        "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/translations/qtbase_de.qm",
    ],
)
def test_the_bundle_leaves_out_qt_hipref_never_uses(destination):
    assert not qt_trim.wanted(destination)


def test_the_bundle_keeps_exactly_the_qt_modules_hipref_imports():
    """A new Qt import must be kept in the bundle (resources/packaging/qt_trim.py), or it would fail there."""
    package = bundle.ROOT / "hipref"
    imported = {m for path in package.rglob("*.py") for m in re.findall(r"PySide6\.(Qt\w+)", path.read_text())}
    assert imported == set(qt_trim.QT_MODULES_USED)
    assert not {f"PySide6.{m}" for m in imported} & set(qt_trim.EXCLUDED_MODULES)
