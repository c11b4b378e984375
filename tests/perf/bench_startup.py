"""Start-up time of ``hipref gui`` against a bare PySide6 window that shows and quits.

Each is a fresh process, timed from launch to exit, interleaved so machine noise hits them
alike. Two hipref figures:

- ``startup_ms``: ``hipref gui --exit-when-ready``. Ready means the window's first frame is
  painted (menus, toolbar, the search field with focus, the welcome page, the places kept for
  the browse tree, note pane and diagram pane) and a search has run against the database, so
  typing gives results.
- ``complete_ms``: ``hipref gui --exit-when-complete``. Complete means, besides, the user
  database is open (it opens just after the first frame) and the parts built after the first
  frame exist too (browse tree, note pane, diagram pane with the diagram drawn, results list)
  and have been painted.

Prints ``startup_ms=.. bare_ms=.. ratio=..`` then ``complete_ms=.. complete_ratio=..`` (medians).
Target: ratio <= 1.5.

    python tests/perf/bench_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="hipref-bench-")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "HIPREF_DATA_DIR": data,
        "PYTHONPATH": str(ROOT),
    }
    app = [sys.executable, "-m", "hipref", "gui"]
    commands = {
        "ready": [*app, "--exit-when-ready"],
        "complete": [*app, "--exit-when-complete"],
        "bare": [sys.executable, "-c", BARE],
    }
    # An installed wheel carries compiled bytecode (pip compiles it); give the checkout the same,
    # even where PYTHONDONTWRITEBYTECODE stops Python from writing it on first import.
    compileall.compile_dir(str(ROOT / "hipref"), quiet=1)
    for command in commands.values():
        timed(command, env)  # warm the file cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(timed(command, env))
    startup, complete, baseline = (statistics.median(times[name]) for name in ("ready", "complete", "bare"))
    print(f"startup_ms={startup:.0f} bare_ms={baseline:.0f} ratio={startup / baseline:.2f}")
    print(f"complete_ms={complete:.0f} complete_ratio={complete / baseline:.2f}")
    print(f"target ratio<=1.5 {'PASS' if startup / baseline <= 1.5 else 'FAIL'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
