"""What the window tells the user when a file lets it down: user data moved aside or read-only,
a dead bookmark, a search index that fails."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from hipref.userdata.store import UserData, UserDataError

log = logging.getLogger(__name__)


def recovered_message(user: UserData) -> str:
    return (
        "hipref found your bookmarks and notes database damaged, moved it aside to\n"
        f"{user.recovered_from}\nand started a fresh one. The reference content is unaffected."
    )


def offer_recovery(parent: QWidget, user: UserData, message: str) -> bool:
    """Say that the damaged file was moved aside and offer the newest backup; True if restored."""
    backup = user.newest_backup()
    box = QMessageBox(QMessageBox.Icon.Warning, "Your notes database was damaged", message, parent=parent)
    restore = None
    if backup is not None and user.writable:
        box.setInformativeText(f"The newest backup is {backup.name}. Restore your notes and bookmarks from it?")
        restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Start afresh", QMessageBox.ButtonRole.RejectRole)
    else:
        box.setInformativeText("There is no backup to restore from.")
        box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if restore is None or box.clickedButton() is not restore:
        return False
    try:
        user.restore(backup)
    except UserDataError as exc:
        QMessageBox.warning(parent, "Could not restore the backup", str(exc))
        return False
    log.info("restored the user database from %s", backup)
    return True


def show_read_only(window: QMainWindow, reason: str, unattended: bool) -> None:
    """Mark notes and bookmarks read-only in the status bar, with the reason in full on hover."""
    text = f"Notes and bookmarks are read-only: {reason}."
    if unattended:
        print(f"hipref: {text}", file=sys.stderr)
    label = QLabel("Notes and bookmarks read-only")
    label.setProperty("role", "status")
    label.setToolTip(text)
    label.setAccessibleName(text)
    window.statusBar().addPermanentWidget(label)
    window.statusBar().showMessage(text, 15000)


def offer_to_remove_dead_bookmark(parent: QWidget, user: UserData, ref: str) -> bool:
    """A bookmark whose entry is gone (the content changed): offer to remove it; True if removed."""
    if not isinstance(ref, str) or not user.is_bookmarked(ref):
        return False
    answer = QMessageBox.question(
        parent,
        "Bookmarked entry not found",
        f"The bookmarked entry {ref[:120]} is not in this content any more. Remove the bookmark?",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        user.set_bookmark(ref, "", False)
    except UserDataError as exc:
        QMessageBox.warning(parent, "Could not remove the bookmark", str(exc))
        return False
    return True


def search_failure(database, exc: Exception) -> str:
    """One line for a search that failed: the full-text check names a damaged index."""
    from pathlib import Path
    from urllib.parse import unquote, urlsplit

    from hipref.store.errors import UnusableDatabaseError
    from hipref.store.integrity import check_full_text

    log.error("search failed: %s", exc)
    try:
        check_full_text(Path(unquote(urlsplit(database.database).path)))
    except UnusableDatabaseError as problem:
        return str(problem)
    except Exception:  # noqa: BLE001 - the check itself failing still leaves the first reason
        log.warning("could not check the search index", exc_info=True)
    return f"Search failed: {str(exc)[:200]}"
