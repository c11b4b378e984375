"""How long the note pane takes to lay out long text, per 100,000 characters.

Prints, for notes of 100k and 1M characters: one unbroken token, ordinary words on one line,
and ordinary lines (the baseline, measured in the same run), the milliseconds to show the note
and lay it out, and the ratio to the baseline. Target: one frame (16.7 ms) per 100k characters.

    QT_QPA_PLATFORM=offscreen python tests/perf/bench_long_tokens.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from hipref.ui.note_panel import NotePanel
    from hipref.userdata.store import UserData

    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="hipref-bench-"))
    user = UserData(folder, backup=False)
    panel = NotePanel(user)
    panel.resize(600, 300)
    panel.show()
    for size in (100_000, 1_000_000):
        shapes = {
            "lines (baseline)": ("word " * 15 + "\n") * (size // 76),
            "words on one line": "abcdefg " * (size // 8),
            "one unbroken token": "x" * size,
        }
        for name, text in shapes.items():
            user.save_note(f"bench/{name}-{size}", text)
        base = None
        for name, text in shapes.items():
            runs = []
            for _ in range(3):
                panel.show_ref(None)
                app.processEvents()
                start = time.perf_counter()
                panel.show_ref(f"bench/{name}-{size}")
                panel.editor.viewport().repaint()
                app.processEvents()
                runs.append((time.perf_counter() - start) * 1000)
            ms = statistics.median(runs)
            base = base or ms
            print(f"{size:>9,} chars  {name:<20} {ms:8.1f} ms  {ms / (size / 100_000):6.1f} ms/100k  ratio {ms / base:5.2f}")
    user.close()


if __name__ == "__main__":
    main()
