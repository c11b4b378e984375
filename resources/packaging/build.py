"""Build hipref's self-contained bundle and the archive a user downloads.

    pip install -e ".[bundle]" && python resources/packaging/build.py

Makes ``dist/hipref/`` (a folder holding the program, Python, Qt and the content) with
PyInstaller, then ``dist/hipref-<version>-<platform>.tar.gz`` on Linux (with a menu entry,
icons and AppStream metainfo under ``share/``) or a ``.zip`` on Windows and macOS.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from bundle import APP_ID, DIST, ICON_SIZES, ICONS, NAME, PACKAGING, ROOT, WORK, archive, folder
from icons import render

LINUX = PACKAGING / "linux"


def fail(message: str) -> None:
    print(f"build: {message}", file=sys.stderr)
    raise SystemExit(2)


def check_prerequisites() -> str:
    """The app version; refuses to build without PyInstaller or with a stale content database."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        fail('PyInstaller is missing: pip install -e ".[bundle]"')
    from hipref import __version__
    from hipref.content.build import current_content_hash

    with sqlite3.connect(ROOT / "db" / "hipref.sqlite") as connection:
        built = dict(connection.execute("SELECT key, value FROM meta")).get("content_hash")
    if built != current_content_hash(ROOT / "resources"):
        fail("db/hipref.sqlite is older than resources/content: run `hipref build-db` first")
    return __version__


def run_pyinstaller() -> None:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(DIST), "--workpath", str(WORK / "pyinstaller"), str(PACKAGING / "hipref.spec")]
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        fail("PyInstaller failed (see above)")


def add_desktop_integration(base: Path, icons: Path = ICONS) -> None:
    """The menu entry, icons (rendered into ``icons``) and AppStream metainfo under ``share/``, and
    the script that installs them."""
    share = base / "share"
    shutil.copy2(LINUX / f"{APP_ID}.desktop", _made(share / "applications") / f"{APP_ID}.desktop")
    shutil.copy2(LINUX / f"{APP_ID}.metainfo.xml", _made(share / "metainfo") / f"{APP_ID}.metainfo.xml")
    hicolor = share / "icons" / "hicolor"
    for size in ICON_SIZES:
        shutil.copy2(icons / f"hipref-{size}.png", _made(hicolor / f"{size}x{size}" / "apps") / f"{APP_ID}.png")
    shutil.copy2(ROOT / "resources" / "icons" / "hipref.svg", _made(hicolor / "scalable" / "apps") / f"{APP_ID}.svg")
    shutil.copy2(LINUX / "install-desktop-entry", base / "install-desktop-entry")
    validators = {
        "desktop-file-validate": [share / "applications" / f"{APP_ID}.desktop"],
        "appstreamcli": ["validate", "--no-net", share / "metainfo" / f"{APP_ID}.metainfo.xml"],
    }
    for tool, arguments in validators.items():
        if shutil.which(tool) is None:
            print(f"build: {tool} is not installed; {arguments[-1].name} not validated")
            continue
        result = subprocess.run([tool, *map(str, arguments)], capture_output=True, text=True)
        if result.returncode != 0:
            fail(f"{arguments[-1].name} is not valid:\n{result.stdout}{result.stderr}")


def _made(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def make_archive(base: Path, out: Path) -> Path:
    """Pack ``base`` under one top folder named like the archive (on macOS, the app itself)."""
    top = out.name.removesuffix(".tar.gz").removesuffix(".zip")
    out.unlink(missing_ok=True)
    if sys.platform == "darwin":  # ditto keeps the app's symbolic links and signature; zipfile would not
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(base), str(out)], check=True)
    elif out.suffix == ".zip":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as packed:
            for path in sorted(base.rglob("*")):
                packed.write(path, f"{top}/{path.relative_to(base).as_posix()}")
    else:
        with tarfile.open(out, "w:gz") as packed:
            packed.add(base, arcname=top)
    return out


def main() -> None:
    version = check_prerequisites()
    render()
    run_pyinstaller()
    base = folder()
    if sys.platform.startswith("linux"):
        add_desktop_integration(base)
    packed = make_archive(DIST / f"{NAME}.app" if sys.platform == "darwin" else base, archive(version))
    size = sum(p.stat().st_size for p in base.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"built {base} ({size / 1e6:.0f} MB) and {packed} ({packed.stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
