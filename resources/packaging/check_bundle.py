"""Check the built bundle the way a user gets it: unpacked from its archive into a clean folder.

    python resources/packaging/check_bundle.py [--archive PATH] [--runs N]

Each check prints ``ok``, ``FAIL`` or ``skip``, the last line counts them, and the exit code is 1
if any failed. The checks:
- the program names the app version and the content version of this checkout;
- ``gui --exit-when-ready`` starts offscreen, ``search --json`` answers, and a study is shown
  both by ``show`` and in the window (``gui --open study/... --screenshot``);
- on Linux all of that runs in a namespace with no network (``unshare -rn``), and, where
  strace is installed, no internet socket is even tried;
- on Linux the window opens on a real X server (Xvfb) and Wayland compositor (weston), where
  they are installed;
- of Qt's Python modules it holds only those hipref imports;
- on Linux every library in the bundle finds the libraries it needs (``ldd``); GTK, which only
  the optional GTK theme plugin uses, is reported but not required;
- on Linux ``install-desktop-entry`` writes a menu entry that ``desktop-file-validate`` accepts;
- nothing is written inside the bundle's folder.
Then it reports the bundle's size and start-up time beside the pip install it was built from.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
import zipfile
from importlib import metadata
from pathlib import Path

import qt_trim
from bundle import APP_ID, ROOT, WORK, archive, executable

LINUX = sys.platform.startswith("linux")
OPTIONAL_SYSTEM_LIBRARIES = re.compile(r"lib(gtk|gdk)-3\.so")  # the GTK theme plugin's, present on GTK desktops
SCREENSHOT = WORK / "check" / "study.png"  # kept after the check, to look at
INTERNET_SOCKET = re.compile(r"\b(connect|sendto|sendmsg)\(.*AF_INET6?\b")


class Checks:
    def __init__(self) -> None:
        self.passed, self.failed, self.skipped = 0, 0, 0

    def report(self, name: str, passed: bool, detail: str = "") -> bool:
        print(f"{'ok  ' if passed else 'FAIL'}  {name}{f': {detail}' if detail else ''}", flush=True)
        self.passed += passed
        self.failed += not passed
        return passed

    def skip(self, name: str, why: str) -> None:
        print(f"skip  {name}: {why}", flush=True)
        self.skipped += 1

    def summary(self) -> str:
        return f"bundle: {self.passed} passed, {self.failed} failed" + (
            f", {self.skipped} skipped" if self.skipped else ""
        )


def unpack(packed: Path, into: Path) -> tuple[Path, Path]:
    """Unpack the archive as a user would: the folder it holds, and the one holding the program."""
    if sys.platform == "darwin":
        subprocess.run(["ditto", "-x", "-k", str(packed), str(into)], check=True)
    elif packed.suffix == ".zip":
        with zipfile.ZipFile(packed) as opened:
            opened.extractall(into)
            for info in opened.infolist():  # zipfile drops the executable bit
                if info.external_attr >> 16 & 0o111:
                    (into / info.filename).chmod(info.external_attr >> 16 & 0o777)
    else:
        with tarfile.open(packed) as opened:  # extraction filters came with Python 3.11.4
            opened.extractall(into, **({"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}))
    (top,) = into.iterdir()
    return top, (top / "Contents" / "MacOS" if top.suffix == ".app" else top)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``folder`` with its size and modification time."""
    return {
        path.relative_to(folder).as_posix(): (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in [folder, *folder.rglob("*")]
    }


def clean_environment(home: Path) -> dict[str, str]:
    """A user's environment: offscreen, a fresh home and data folder, nothing of this checkout's Python."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "QT_", "HIPREF_"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        USERPROFILE=str(home),
        APPDATA=str(home / "AppData"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        HIPREF_DATA_DIR=str(home / "hipref-data"),
    )
    return env


def offline_prefix(checks: Checks) -> list[str]:
    """``unshare -rn`` once it is shown to leave no network, or nothing where it cannot be made."""
    if not LINUX:
        checks.skip("no network", "network namespaces are Linux only; run offline by hand")
        return []
    if shutil.which("unshare") is None:
        checks.report("no network", False, "unshare is not installed (util-linux)")
        return []
    if subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=30).returncode != 0:
        checks.report("no network", False, "unshare -rn cannot make a network namespace here")
        return []
    interfaces = "import socket; print(' '.join(name for _, name in socket.if_nameindex()))"
    probe = subprocess.run(["unshare", "-rn", sys.executable, "-c", interfaces], capture_output=True, text=True)
    names = probe.stdout.split()
    if not checks.report("runs with no network (unshare -rn)", names == ["lo"], f"interfaces: {' '.join(names)}"):
        return []
    return ["unshare", "-rn"]


def run(prefix: list[str], program: Path, *args: str, env: dict[str, str], cwd: Path, trace: Path | None = None):
    command = [*prefix]
    if trace is not None:
        command += ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-e", "signal=none", "-o", str(trace)]
    command += [str(program), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def png_size(path: Path) -> tuple[int, int] | None:
    """Width and height of a PNG file, or None if it is not one."""
    try:
        head = path.read_bytes()[:24]
    except OSError:
        return None
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def expected_versions() -> list[str]:
    from hipref import __version__

    with sqlite3.connect(ROOT / "db" / "hipref.sqlite") as connection:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
    return [f"hipref {__version__}", f"content {meta['content_version']}"]


def check_program(checks: Checks, base: Path, work: Path, prefix: list[str]) -> None:
    cli, window = executable(base, console=True), executable(base)
    env = clean_environment(work / "home")
    tracing = LINUX and shutil.which("strace") is not None
    traces: list[Path] = []

    def traced(name: str) -> Path | None:
        if not tracing:
            return None
        traces.append(work / f"{name}.strace")
        return traces[-1]

    version = run(prefix, cli, "--version", env=env, cwd=work)
    lines = version.stdout.splitlines()
    checks.report("versions", lines == expected_versions(), "; ".join(lines))

    ready = run(prefix, window, "gui", "--exit-when-ready", env=env, cwd=work, trace=traced("gui"))
    failure = "" if ready.returncode == 0 else ready.stderr.strip()[-300:]
    checks.report("starts offscreen (gui --exit-when-ready)", ready.returncode == 0, failure)

    found = run(prefix, cli, "search", "labrum", "--json", env=env, cwd=work, trace=traced("search"))
    hits = json.loads(found.stdout) if found.returncode == 0 else []
    checks.report("answers search --json", bool(hits), f"{len(hits)} hits for 'labrum'")

    listed = run(prefix, cli, "list", "study", "--json", env=env, cwd=work)
    studies = json.loads(listed.stdout) if listed.returncode == 0 else []
    if not checks.report("lists the studies", bool(studies), f"{len(studies)} studies"):
        return
    ref = f"study/{studies[0]['slug']}"
    shown = run(prefix, cli, "show", ref, "--json", env=env, cwd=work)
    title = json.loads(shown.stdout).get("title") if shown.returncode == 0 else None
    checks.report(f"show {ref}", title == studies[0]["title"], str(title))

    picture = SCREENSHOT
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.unlink(missing_ok=True)
    opened = run(
        prefix, window, "gui", "--open", ref, "--screenshot", str(picture), env=env, cwd=work, trace=traced("open")
    )
    with sqlite3.connect(Path(env["HIPREF_DATA_DIR"]) / "user.sqlite") as connection:
        visited = [row[0] for row in connection.execute("SELECT ref FROM visit")]
    size = png_size(picture)
    checks.report(
        f"shows {ref} in the window",
        opened.returncode == 0 and ref in visited and size is not None,
        f"screenshot {size[0]}x{size[1]} at {picture}" if size else opened.stderr.strip()[-300:],
    )

    if tracing:
        control = work / "control.strace"
        reach_out = "import socket; socket.create_connection(('1.1.1.1', 53), 2)"
        run(prefix, Path(sys.executable), "-c", reach_out, env=env, cwd=work, trace=control)
        if not checks.report("strace sees a connection tried", bool(INTERNET_SOCKET.search(control.read_text()))):
            return
        tried = [line for trace in traces for line in trace.read_text().splitlines() if INTERNET_SOCKET.search(line)]
        checks.report("tries no internet connection (strace)", not tried, "; ".join(tried[:3]))
    elif LINUX:
        checks.skip("tries no internet connection", "strace is not installed")


def check_displays(checks: Checks, base: Path, work: Path, prefix: list[str]) -> None:
    """The window opens on a real X server (Xvfb) and a real Wayland compositor (weston,
    headless), where they are installed: the platform plugins a desktop uses, not offscreen."""
    if not LINUX:
        return
    program = [str(executable(base)), "gui", "--exit-when-complete"]
    env = clean_environment(work / "display-home")
    if shutil.which("xvfb-run") is None:
        checks.skip("opens on X11", "xvfb-run is not installed (xvfb, xauth)")
    else:
        x11 = subprocess.run(
            [*prefix, "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *program],
            capture_output=True,
            text=True,
            env={**env, "QT_QPA_PLATFORM": "xcb"},
            timeout=120,
        )
        checks.report("opens on X11 (Xvfb)", x11.returncode == 0, "" if x11.returncode == 0 else x11.stderr[-300:])
    if shutil.which("weston") is None:
        checks.skip("opens on Wayland", "weston is not installed")
        return
    runtime = work / "wayland-runtime"
    runtime.mkdir(mode=0o700)
    socket = "hipref-check"
    compositor_env = {**env, "XDG_RUNTIME_DIR": str(runtime)}
    compositor = subprocess.Popen(
        ["weston", "--backend=headless-backend.so", f"--socket={socket}", "--idle-time=0"],
        env=compositor_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not (runtime / socket).exists() and compositor.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        if not (runtime / socket).exists():
            checks.skip("opens on Wayland", "weston did not start here")
            return
        wayland = subprocess.run(
            [*prefix, *program],
            capture_output=True,
            text=True,
            env={**compositor_env, "WAYLAND_DISPLAY": socket, "QT_QPA_PLATFORM": "wayland"},
            timeout=120,
        )
        failure = "" if wayland.returncode == 0 else wayland.stderr[-300:]
        checks.report("opens on Wayland (weston, headless)", wayland.returncode == 0, failure)
    finally:
        compositor.terminate()
        compositor.wait(timeout=30)


def check_qt_modules(checks: Checks, top: Path) -> None:
    """The bundle holds the Python modules of Qt that hipref imports, and no other."""
    found = {
        path.name.split(".")[0]
        for path in top.rglob("Qt*.*")
        if path.parent.name == "PySide6" and path.suffix in (".so", ".pyd") and path.is_file()
    }
    used = set(qt_trim.QT_MODULES_USED)
    detail = ", ".join(sorted(found))
    if found != used:
        detail = f"extra: {sorted(found - used)}, missing: {sorted(used - found)}"
    checks.report("holds only the Qt modules hipref uses", found == used, detail)


def check_libraries(checks: Checks, base: Path) -> None:
    """Every shared library in the bundle finds what it links to, in the bundle or the system."""
    if not LINUX or shutil.which("ldd") is None:
        checks.skip("libraries resolve", "ldd is Linux only")
        return
    missing: dict[str, set[str]] = {}
    for library in base.rglob("*.so*"):
        if not library.is_file():
            continue
        listed = subprocess.run(["ldd", str(library)], capture_output=True, text=True).stdout
        for line in listed.splitlines():
            if "not found" in line:
                missing.setdefault(line.split()[0], set()).add(library.name)
    required = {name: users for name, users in missing.items() if not OPTIONAL_SYSTEM_LIBRARIES.match(name)}
    optional = sorted(set(missing) - set(required))
    detail = "; ".join(f"{name} (for {', '.join(sorted(users)[:3])})" for name, users in sorted(required.items()))
    checks.report("libraries resolve (ldd)", not required, detail or f"optional, from the desktop: {optional}")


def check_menu_entry(checks: Checks, base: Path, work: Path) -> None:
    if not LINUX:
        return
    env = clean_environment(work / "menu-home")
    result = subprocess.run([str(base / "install-desktop-entry")], capture_output=True, text=True, env=env)
    entry = Path(env["XDG_DATA_HOME"]) / "applications" / f"{APP_ID}.desktop"
    exec_line = f'Exec="{executable(base)}"'
    ok = result.returncode == 0 and entry.is_file() and exec_line in entry.read_text()
    icons = list((Path(env["XDG_DATA_HOME"]) / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.*"))
    detail = f"{len(icons)} icons, {exec_line}" if ok else result.stderr.strip()
    if ok and shutil.which("desktop-file-validate"):
        valid = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        ok, detail = valid.returncode == 0, (valid.stdout + valid.stderr).strip() or detail
    checks.report("install-desktop-entry adds a menu entry", ok, detail)


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def pip_install_size() -> int:
    """Bytes pip puts in site-packages for hipref and everything it depends on (Python itself aside)."""
    total, seen, todo = 0, set(), ["hipref"]
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        todo += [re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0] for req in dist.requires or [] if "extra ==" not in req]
        files = [Path(str(f.locate())) for f in dist.files or []]
        total += sum(path.stat().st_size for path in files if path.is_file())
    import hipref

    package = Path(hipref.__file__).parent
    if package.parent == ROOT:  # an editable install: count what the wheel would hold
        kept = [p for p in package.rglob("*.py")] + [ROOT / "db" / "hipref.sqlite"]
        kept += [p for p in (ROOT / "resources").rglob("*") if p.is_file()]
        total += sum(p.stat().st_size for p in kept)
    return total


def start_up(commands: dict[str, list[str]], runs: int, env: dict[str, str], cwd: Path) -> dict[str, float]:
    """Median wall time (ms) of each command's ``gui --exit-when-ready``, interleaved, after a warm-up."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, command in commands.items():
            began = time.perf_counter()
            done = subprocess.run([*command, "gui", "--exit-when-ready"], capture_output=True, env=env, cwd=cwd)
            if done.returncode != 0:
                raise SystemExit(f"{name} did not start: {done.stderr.decode(errors='replace')[-300:]}")
            if round_:
                times[name].append((time.perf_counter() - began) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def report_figures(base: Path, packed: Path, work: Path, runs: int) -> None:
    pip_size = pip_install_size()
    bundle_size = folder_size(base)
    print(
        f"size: bundle {bundle_size / 1e6:.0f} MB unpacked, archive {packed.stat().st_size / 1e6:.0f} MB; "
        f"pip install {pip_size / 1e6:.0f} MB in site-packages plus Python itself "
        f"(bundle / pip = {bundle_size / pip_size:.2f})"
    )
    pip_program = shutil.which("hipref", path=sysconfig.get_path("scripts"))
    if pip_program is None:
        print("start-up: no pip-installed hipref among this Python's scripts to compare with")
        return
    env = clean_environment(work / "timing-home")
    medians = start_up({"bundle": [str(executable(base))], "pip": [pip_program]}, runs, env, work)
    print(
        f"start-up (gui --exit-when-ready, median of {runs}): bundle {medians['bundle']:.0f} ms, "
        f"pip install {medians['pip']:.0f} ms (bundle / pip = {medians['bundle'] / medians['pip']:.2f})"
    )


def main() -> int:
    from hipref import __version__

    parser = argparse.ArgumentParser(description="Check the built bundle from its archive, in a clean folder.")
    parser.add_argument("--archive", type=Path, default=archive(__version__), help="default: %(default)s")
    parser.add_argument("--runs", type=int, default=9, help="start-up runs of each program (default 9)")
    args = parser.parse_args()
    if not args.archive.is_file():
        print(f"check_bundle: no {args.archive}; build it with python resources/packaging/build.py", file=sys.stderr)
        return 2
    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="hipref-bundle-check-") as temp:
        work = Path(temp)
        top, base = unpack(args.archive, work / "unpacked")
        (work / "home").mkdir()
        before = snapshot(top)
        prefix = offline_prefix(checks)
        check_program(checks, base, work, prefix)
        check_displays(checks, base, work, prefix)
        check_qt_modules(checks, top)
        check_libraries(checks, base)
        check_menu_entry(checks, base, work)
        report_figures(base, args.archive, work, args.runs)
        changed = sorted(set(before.items()) ^ set(snapshot(top).items()))
        checks.report("writes nothing inside its folder", not changed, ", ".join(sorted({c[0] for c in changed}))[:300])
    print(checks.summary())
    return 1 if checks.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
