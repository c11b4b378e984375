"""Start-up time of ``hipref gui --exit-when-ready`` against a bare PySide6 window.

Both run as fresh processes, interleaved, so machine noise hits them alike. Prints
``startup_ms=.. bare_ms=.. ratio=..`` (medians). Target: ratio <= 1.5.

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
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "HIPREF_DATA_DIR": data, "PYTHONPATH": str(ROOT)}
    app = [sys.executable, "-m", "hipref", "gui", "--exit-when-ready"]
    bare = [sys.executable, "-c", BARE]
    # An installed wheel carries compiled bytecode (pip compiles it); give the checkout the same,
    # even where PYTHONDONTWRITEBYTECODE stops Python from writing it on first import.
    compileall.compile_dir(str(ROOT / "hipref"), quiet=1)
    timed(app, env), timed(bare, env)  # warm the file cache
    app_times, bare_times = [], []
    for _ in range(args.runs):
        app_times.append(timed(app, env))
        bare_times.append(timed(bare, env))
    startup, baseline = statistics.median(app_times), statistics.median(bare_times)
    print(f"startup_ms={startup:.0f} bare_ms={baseline:.0f} ratio={startup / baseline:.2f}")
    print(f"target ratio<=1.5 {'PASS' if startup / baseline <= 1.5 else 'FAIL'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
