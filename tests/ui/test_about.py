"""Help > About names the app's version and the content's: build date and content hash."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QDialog

from hipref import __version__
from hipref.ui.about import AboutDialog


def test_about_shows_the_app_and_content_versions(window, qtbot, fixture_db, monkeypatch):
    shown: list[AboutDialog] = []

    def show_instead(dialog: AboutDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.show()
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AboutDialog, "exec", show_instead)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    about = next(a for a in help_menu.actions() if "About" in a.text())
    about.trigger()
    assert len(shown) == 1
    text = shown[0].text.toPlainText()
    with sqlite3.connect(fixture_db) as connection:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
    assert f"hipref {__version__}" in text and f"App version\n{__version__}" in text
    assert f"Content version\n{meta['build_date']}+{meta['content_hash'][:12]}" in text
    assert f"Content built\n{meta['build_date']}" in text and f"Content hash\n{meta['content_hash'][:16]}" in text
