"""Render hipref's icon (resources/icons/hipref.svg) to the PNG sizes desktops use, and to the
Windows (.ico) and macOS (.icns) formats, with Qt's own SVG renderer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bundle import ICON_SIZES, ICONS, ROOT

SVG = ROOT / "resources" / "icons" / "hipref.svg"


def render(out: Path = ICONS) -> dict[str, Path]:
    """Write ``hipref-<size>.png`` for each size, ``hipref.ico`` and ``hipref.icns`` into ``out``."""
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - Qt needs it alive
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read the icon {SVG}")
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}

    def image(size: int) -> QImage:
        picture = QImage(size, size, QImage.Format.Format_ARGB32)
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        return picture

    for size in ICON_SIZES:
        path = out / f"hipref-{size}.png"
        if not image(size).save(str(path), "PNG"):
            raise SystemExit(f"cannot write {path}")
        written[f"{size}"] = path
    for fmt, size in (("ico", 256), ("icns", 512)):
        path = out / f"hipref.{fmt}"
        if not image(size).save(str(path), fmt.upper()):
            raise SystemExit(f"cannot write {path} (Qt has no {fmt} writer here)")
        written[fmt] = path
    return written


if __name__ == "__main__":
    for path in render().values():
        print(path)
