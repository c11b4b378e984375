"""What the window tells the user when a file lets it down: user data moved aside or read-only,
a dead bookmark, a search index that fails."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from hipref.userdata.errors import UserDataError
from hipref.userdata.store import UserData

log = logging.getLogger(__name__)


def recovered_message(user: UserData) -> str:
    return (
        "hipref found your bookmarks and notes database damaged, moved it aside to\n"
        f"{user.recovered_from}\nand started a fresh one. The reference content is unaffected."
    )


def offer_recovery(parent: QWidget, user: UserData, message: str) -> bool:
    """Say that the damaged file was moved aside and offer to recover what it still holds, or
    the newest backup; True if either was done."""
    backup = user.newest_backup()
    box = QMessageBox(QMessageBox.Icon.Warning, "Your notes database was damaged", message, parent=parent)
    recover = restore = None
    if user.writable and user.recovered_from is not None:
        choices = ["Recover what can be read: every note and bookmark the damaged file still holds."]
        recover = box.addButton("Recover what can be read", QMessageBox.ButtonRole.AcceptRole)
        if backup is not None:
            choices.append(f"Restore the backup: your notes and bookmarks as they were in {backup.name}.")
            restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
        box.setInformativeText("\n".join(choices))
        box.addButton("Start afresh", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(recover)
    else:
        box.setInformativeText("Nothing can be recovered now: your data is read-only.")
        box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    clicked = box.clickedButton()
    if recover is not None and clicked is recover:
        return _recover(parent, user)
    if restore is None or clicked is not restore:
        return False
    try:
        user.restore(backup)
    except UserDataError as exc:
        QMessageBox.warning(parent, "Could not restore the backup", str(exc))
        return False
    log.info("restored the user database from %s", backup)
    return True


def _recover(parent: QWidget, user: UserData) -> bool:
    try:
        found = user.salvage(user.recovered_from)
    except UserDataError as exc:
        QMessageBox.warning(parent, "Could not recover your notes", str(exc))
        return False
    notes, bookmarks, visits = found.count("note"), found.count("bookmark"), found.count("visit")
    text = (
        f"Recovered {notes} note{'s' if notes != 1 else ''}, {bookmarks} bookmark{'s' if bookmarks != 1 else ''}"
        f" and {visits} recent entr{'ies' if visits != 1 else 'y'} from the damaged file."
    )
    if found.damaged_stretches or found.unreadable_tables:
        text += " Parts of it could not be read; what they held is lost unless a backup has it."
    QMessageBox.information(parent, "Notes recovered", text)
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


def search_failure(path: Path, exc: Exception) -> str:
    """One line for a search of the content database at ``path`` that failed: the full-text
    check names a damaged index."""
    from hipref.store.errors import UnusableDatabaseError
    from hipref.store.integrity import check_full_text

    log.error("search failed: %s", exc)
    try:
        check_full_text(path)
    except UnusableDatabaseError as problem:
        return str(problem)
    except Exception:  # noqa: BLE001 - the check itself failing still leaves the first reason
        log.warning("could not check the search index", exc_info=True)
    return f"Search failed: {str(exc)[:200]}"
