"""Which parts of Qt the bundle leaves out: the modules hipref never imports, and the plugins
that would drag them in or serve no desktop (embedded screens, VNC, network, SQL, PDF images).

hipref imports QtCore, QtGui, QtWidgets, QtSvg and QtPrintSupport. The plugins kept are those a
window needs on a desktop: the X11, Wayland, Windows, macOS and offscreen platforms, their
themes and input methods, SVG, PNG, JPEG, GIF and ICO images, and printing.
"""

from __future__ import annotations

import ctypes.util
import re

QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport")

EXCLUDED_MODULES = [
    f"PySide6.{name}"
    for name in (
        "QtNetwork",
        "QtQml",
        "QtQuick",
        "QtQuickWidgets",
        "QtOpenGL",
        "QtOpenGLWidgets",
        "QtSql",
        "QtTest",
        "QtDBus",
        "QtConcurrent",
        "QtXml",
        "QtSvgWidgets",
        "QtPdf",
        "QtPdfWidgets",
        "QtDesigner",
        "QtHelp",
        "QtUiTools",
    )
] + ["tkinter", "unittest", "pydoc", "PyInstaller"]

# Qt libraries only the excluded modules or the dropped plugins use (Linux, Windows, macOS names).
_LIBRARIES = re.compile(
    r"Qt6?(Network|Pdf|Qml\w*|Quick\w*|Sql|Test|VirtualKeyboard\w*|EglFS\w*|EglFsKms\w*)(\.|\.framework)", re.I
)
# Plugin folders with nothing for a desktop window.
_PLUGIN_FOLDERS = {
    "egldeviceintegrations",
    "networkinformation",
    "tls",
    "sqldrivers",
    "qmltooling",
    "qmllint",
    "designer",
    "generic",
    "vectorimageformats",
}
# Single plugins: embedded and remote platforms, image formats hipref never reads.
_PLUGINS = re.compile(r"^(lib)?q(eglfs|linuxfb|minimalegl|vkkhrdisplay|vnc|pdf|webp|tiff|tga|wbmp|icns)\.", re.I)


def wanted(destination: str) -> bool:
    """Whether a file bound for ``destination`` (a path inside the bundle) stays in."""
    parts = destination.replace("\\", "/").split("/")
    if parts[0] == "PySide6" and "translations" in parts:
        return False  # Qt's own translations: hipref installs no translator, so none would be read
    if "plugins" in parts:
        folder = parts[parts.index("plugins") + 1] if parts.index("plugins") + 1 < len(parts) else ""
        if folder in _PLUGIN_FOLDERS or _PLUGINS.match(parts[-1]):
            return False
    return not _LIBRARIES.search(parts[-1]) and not any(_LIBRARIES.search(p) for p in parts)


def keep(toc):
    """``toc`` (PyInstaller's list of (destination, source, kind)) without the parts left out."""
    return [entry for entry in toc if wanted(entry[0])]


def runtime_libraries(names: list[str]) -> list[tuple[str, str, str]]:
    """Entries for system libraries Qt opens by name at run time (``xcb-cursor`` for X11)."""
    from PyInstaller.depend.bindepend import resolve_library_path

    entries = []
    for name in names:
        soname = ctypes.util.find_library(name)
        path = resolve_library_path(soname) if soname else None
        if path is None:
            raise SystemExit(f"lib{name} is not installed here; install it before building (see README)")
        entries.append((soname, path, "BINARY"))
    return entries
