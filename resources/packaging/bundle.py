"""What the self-contained build is called and where its parts are made (shared by the build,
the PyInstaller spec and the bundle check)."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "resources" / "packaging"
WORK = ROOT / "build" / "packaging"
ICONS = WORK / "icons"
DIST = ROOT / "dist"

NAME = "hipref"
APP_ID = "org.hipref.hipref"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def platform_tag() -> str:
    """``linux-x86_64``, ``windows-amd64``, ``macos-arm64``: the archive name's platform part."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def folder() -> Path:
    """The one-folder bundle PyInstaller makes."""
    return DIST / NAME


def executable(base: Path, console: bool = False) -> Path:
    """The program inside a bundle folder ``base``; on Windows ``console`` picks hipref-cli.exe,
    which can print (the window program cannot)."""
    if sys.platform == "win32":
        return base / (f"{NAME}-cli.exe" if console else f"{NAME}.exe")
    return base / NAME


def archive(version: str) -> Path:
    """The archive a user downloads: a tarball on Linux, a zip elsewhere."""
    suffix = ".tar.gz" if sys.platform.startswith("linux") else ".zip"
    return DIST / f"{NAME}-{version}-{platform_tag()}{suffix}"
