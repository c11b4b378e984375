"""How long long text takes to show, per 100,000 characters: notes, rendered entries, results.

For texts of 100k and 1M characters shaped as ordinary lines (the baseline, measured in the
same run), ordinary words on one line, and one unbroken token, it prints the milliseconds
(median of 3) from setting the text to the end of its first paint, per 100k characters, and
the ratio to the baseline:

- the note pane (a note of that text, loaded as when its entry opens);
- the reader (an entry rendered by ``hipref.render.page`` whose body is that text);
- the results list (the row's size and paint for a hit whose snippet holds a token of that
  size: a snippet is at most 64 tokens, so a long snippet is always one of long tokens; the
  baseline is a snippet of 64 ordinary words).

Target: one frame (16.7 ms) per 100k characters.

    QT_QPA_PLATFORM=offscreen python tests/perf/bench_long_tokens.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

FRAME_MS = 1000 / 60


def shapes(size: int) -> dict[str, str]:
    return {
        "lines (baseline)": ("word " * 15 + "\n\n") * (size // 77),
        "words on one line": "abcdefg " * (size // 8),
        "one unbroken token": "x" * size,
    }


def settle(app) -> None:
    """Handle pending events as the app's event loop would. With no loop running,
    ``processEvents`` leaves ``deleteLater`` undone, and every document a view replaced would
    stay alive, laying itself out in the background during the next measurements."""
    from PySide6.QtCore import QEvent

    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def median_ms(run: Callable[[], None], reset: Callable[[], None], app) -> float:
    times = []
    for _ in range(3):
        reset()
        settle(app)
        start = time.perf_counter()
        run()
        settle(app)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def report(where: str, size: int, timings: dict[str, float]) -> None:
    base = next(iter(timings.values()))
    for name, ms in timings.items():
        per = ms / (size / 100_000)
        verdict = "within a frame" if per <= FRAME_MS else "over a frame"
        print(
            f"{where:<8} {size:>9,} chars  {name:<20} {ms:8.1f} ms  {per:6.1f} ms/100k ({verdict})"
            f"  ratio {ms / base:5.2f}"
        )


def bench_notes(app, size: int) -> None:
    from hipref.ui.note_panel import NotePanel
    from hipref.userdata.store import UserData

    user = UserData(Path(tempfile.mkdtemp(prefix="hipref-bench-")), backup=False)
    panel = NotePanel(user)
    panel.resize(600, 300)
    panel.show()
    timings = {}
    for name, text in shapes(size).items():
        ref = f"bench/{size}-{len(timings)}"
        user.save_note(ref, text)

        def load(ref: str = ref) -> None:
            panel.show_ref(ref)
            panel.editor.viewport().repaint()

        timings[name] = median_ms(load, lambda: panel.show_ref(None), app)
    report("note", size, timings)
    panel.close()
    user.close()


def bench_reader(app, size: int) -> None:
    from hipref.render.page import render_entry
    from hipref.store.records import EntryDetail
    from hipref.ui.reader import Reader

    reader = Reader()
    reader.resize(700, 600)
    reader.show()
    timings = {}
    for name, text in shapes(size).items():
        detail = EntryDetail(1, "condition", "bench", "Bench", (), "Summary.", "Plain.", text, {}, 0, ())
        page = render_entry(detail)

        def show(page: str = page) -> None:
            reader.setHtml(page)
            reader.viewport().repaint()

        timings[name] = median_ms(show, lambda: reader.setHtml("<p>-</p>"), app)
    report("reader", size, timings)
    reader.close()


def bench_results(app, size: int) -> None:
    from PySide6.QtGui import QImage, QPainter, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QListView, QStyleOptionViewItem

    from hipref.search.engine import Hit
    from hipref.ui.results_delegate import ResultsDelegate
    from hipref.ui.roles import HIT_ROLE

    view = QListView()
    view.resize(360, 600)
    delegate = ResultsDelegate(view)
    timings = {}
    snippets = {
        "64 words (baseline)": "abcdefg " * 63 + "abcdefg",
        "words and a token": "abcdefg " * 32 + "**" + "x" * size + "** " + "abcdefg " * 30 + "abcdefg",
        "one unbroken token": "x" * size,
    }
    for name, text in snippets.items():
        model = QStandardItemModel()
        item = QStandardItem("Bench")
        item.setData(Hit("condition", "bench", "Bench", text, 1.0), HIT_ROLE)
        model.appendRow(item)
        index = model.index(0, 0)

        def draw(index=index) -> None:
            option = QStyleOptionViewItem()
            option.initFrom(view)
            option.rect.setRect(0, 0, 340, 10)
            size_hint = delegate.sizeHint(option, index)
            option.rect.setRect(0, 0, 340, size_hint.height())
            image = QImage(340, max(size_hint.height(), 1), QImage.Format.Format_ARGB32)
            painter = QPainter(image)
            delegate.paint(painter, option, index)
            painter.end()

        timings[name] = median_ms(draw, lambda: None, app)
    report("results", size, timings)


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    for size in (100_000, 1_000_000):
        bench_notes(app, size)
        bench_reader(app, size)
        bench_results(app, size)


if __name__ == "__main__":
    main()
