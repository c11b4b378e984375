"""A personal note per entry, saved as the user types (after a short pause) and on leaving.

No note is lost without the user being asked:
- a save is compare-and-set against the text the editor loaded, so a stale editor never
  overwrites what another window saved; a change seen from another window (SQLite's
  ``data_version``, polled) is taken at once when nothing was typed here, and otherwise the
  panel offers to keep mine, take theirs or keep both;
- text that cannot be saved (a full disk, read-only data, ...) stays as a draft that comes back
  with the entry; it is also kept in ``drafts.json`` beside the database where that can be
  written (:mod:`hipref.userdata.drafts`), and saved at the next start; closing the window asks
  first;
- the size limit is applied as the user types or pastes, not afterwards.

A line longer than a few thousand characters is shown cut into pieces
(:mod:`hipref.render.long_text`), so it never blocks the window; the cuts never reach the
saved or copied text.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hipref.render.long_text import SOFT_BREAK, join_segments, segment_lines
from hipref.ui.timers import timer
from hipref.userdata.drafts import Draft, Drafts
from hipref.userdata.errors import NoteConflict, UserDataError
from hipref.userdata.store import MAX_NOTE_CHARS, UserData

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 600
WATCH_MS = 1000
LONG_LINE_CHARS = 10_000  # beyond this, a line with no break point is not wrapped (see _fit_wrap)
KEEP_MINE, TAKE_THEIRS, KEEP_BOTH = "mine", "theirs", "both"
BOTH_SEPARATOR = "\n\n— saved in another window —\n"


class NoteEditor(QPlainTextEdit):
    """A plain-text editor that refuses text beyond ``limit`` characters as it comes in.

    Use :meth:`set_note` and :meth:`note`: they show long lines cut for display and give the
    text back exactly as it was (no cuts, non-breaking spaces kept).
    """

    refused = Signal(int)  # how many characters were left out

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit

    def set_note(self, text: str) -> None:
        self.setPlainText(segment_lines(text) or text)

    def note(self) -> str:
        return join_segments(self.document().toRawText().replace("\u2029", "\n"))

    def room(self) -> int:
        selected = len(self.textCursor().selectedText())
        used = self.document().characterCount() - 1
        if self._soft_breaks():
            used = len(self.note())
        return self.limit - used + selected

    def _soft_breaks(self) -> bool:
        return not self.document().find(SOFT_BREAK).isNull()

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt API)
        data = QMimeData()
        text = self.textCursor().selection().toRawText().replace("\u2029", "\n")
        data.setText(join_segments(text))
        return data

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt API)
        text = source.text() if source.hasText() else ""
        room = self.room()
        if len(text) > room:
            if room > 0:
                self.textCursor().insertText(text[:room])
            self.refused.emit(len(text) - max(room, 0))  # after the edit, so its message is not replaced
            return
        super().insertFromMimeData(source)


class NotePanel(QWidget):
    def __init__(self, user: UserData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user = user
        self._ref: str | None = None
        self._loaded = ""  # the stored text the editor started from: the base of compare-and-set
        self._loading = False
        self.drafts: dict[str, Draft] = {}  # ref -> text not saved yet, its base and why
        self._drafts_file = Drafts(user.folder)
        self._kept_on_disk: set[str] = set()  # refs whose draft is in the drafts file
        self._notice = ""  # a message for the status line until the first entry is shown
        self.title = QLabel("My note")
        self.title.setProperty("role", "pane-title")
        self.title.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )  # long titles must not widen the window
        self.editor = NoteEditor(MAX_NOTE_CHARS)
        self.editor.setProperty("role", "note")
        self.editor.setAccessibleName("My note on this entry")
        self.editor.setTabChangesFocus(True)
        self.editor.refused.connect(self._refused)
        self.status = QLabel("")
        self.status.setProperty("role", "status")
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.conflict_bar = self._build_conflict_bar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.conflict_bar)
        layout.addWidget(self.editor)
        layout.addWidget(self.status)
        self._timer = timer(self, SAVE_DELAY_MS, self.save)
        self._watch = timer(self, WATCH_MS, self.check_elsewhere, single_shot=False)
        self._watch.start()
        self.editor.textChanged.connect(self._changed)
        self.save_kept_drafts()
        if user.writable:
            self.editor.setPlaceholderText("A private note on this entry (kept on this computer only)")
        else:
            self.editor.setReadOnly(True)
            self.editor.setPlaceholderText("Notes are read-only: " + user.read_only_reason)

    def _build_conflict_bar(self) -> QWidget:
        bar = QFrame(self)  # a frame, so the stylesheet can draw its border
        bar.setProperty("role", "conflict")
        self.conflict_label = QLabel("This note was changed in another window.")
        self.conflict_label.setProperty("role", "conflict-message")
        self.conflict_label.setWordWrap(True)
        self.keep_mine_button = QPushButton("Keep mine")
        self.take_theirs_button = QPushButton("Take theirs")
        self.keep_both_button = QPushButton("Keep both")
        column = QVBoxLayout(bar)  # the text above the buttons: a narrow pane keeps both readable
        column.setContentsMargins(6, 4, 6, 4)
        column.setSpacing(4)
        column.addWidget(self.conflict_label)
        row = QHBoxLayout()
        column.addLayout(row)
        for button, choice in (
            (self.keep_mine_button, KEEP_MINE),
            (self.take_theirs_button, TAKE_THEIRS),
            (self.keep_both_button, KEEP_BOTH),
        ):
            row.addWidget(button)
            button.clicked.connect(lambda _=False, c=choice: self.resolve(c))
        row.addStretch(1)
        bar.hide()
        return bar

    # -- loading --------------------------------------------------------------------------------
    def show_ref(self, ref: str | None) -> None:
        """Save the note being edited, then load the note of ``ref`` (or its unsaved draft)."""
        if ref == self._ref and ref is not None:
            self.save()  # the same entry shown again (e.g. a new palette): keep what is typed
            return
        self.save(leaving=True)
        self._ref = ref
        self.conflict_bar.hide()
        stored = self._read(ref) if ref else ""
        self._loaded = stored
        draft = self.drafts.get(ref) if ref else None
        if draft:
            self._loaded = draft.base  # saving it later is still compare-and-set
        self._set_text(draft.text if draft else stored)
        self.editor.setEnabled(ref is not None)
        if draft:
            self._say(f"Not saved yet ({draft.why}); your text is kept until it can be.", warning=True)
        elif not self._user.writable and ref:
            self._say("Read-only: " + self._user.read_only_reason, warning=True)
        else:
            self._say(self._notice)  # until an entry is shown: e.g. the drafts saved at start
        if ref is not None:
            self._notice = ""

    def _read(self, ref: str) -> str:
        try:
            return self._user.note(ref)
        except Exception as exc:  # noqa: BLE001 - a read failure is a message, not a traceback
            log.warning("could not read the note on %s: %s", ref, exc)
            return ""

    def _set_text(self, text: str) -> None:
        self._loading = True
        try:
            self._fit_wrap(text)
            self.editor.set_note(text)
        finally:
            self._loading = False

    def _fit_wrap(self, text: str) -> None:
        """Long lines are shown cut (see :mod:`hipref.render.long_text`), except in a note that
        already holds the cut marker: there a very long line with no break point is not wrapped,
        as Qt's wrapping time grows with the square of its length and an unwrapped line's does not."""
        unbroken = SOFT_BREAK in text and any(
            len(line) > LONG_LINE_CHARS and max(map(len, line.split()), default=0) > LONG_LINE_CHARS
            for line in text.split("\n")
        )
        self.editor.setLineWrapMode(
            QPlainTextEdit.LineWrapMode.NoWrap if unbroken else QPlainTextEdit.LineWrapMode.WidgetWidth
        )

    def _say(self, text: str, warning: bool = False) -> None:
        """Show ``text`` in the status line; a warning (not saved, read-only, a choice to make)
        is drawn in the full text colour instead of the muted one (see ``app.qss``)."""
        self.status.setText(text)
        if bool(self.status.property("warning")) != warning:
            self.status.setProperty("warning", warning)
            self.status.style().unpolish(self.status)
            self.status.style().polish(self.status)

    # -- editing and saving ---------------------------------------------------------------------
    def _changed(self) -> None:
        if not self._loading and self._ref:
            self._say("Editing…")
            self._timer.start()

    def _refused(self, count: int) -> None:
        self._say(f"A note may hold at most {MAX_NOTE_CHARS:,} characters; {count:,} were left out.", warning=True)

    def save(self, leaving: bool = False) -> bool:
        """Save the editor's text if it changed; True when nothing is left unsaved.

        Never raises: a failure keeps the text as a draft and says why in the status line.
        """
        self._timer.stop()
        if self._ref is None or self._loading or self.conflict_bar.isVisible() and not leaving:
            return self._ref not in self.drafts
        text = self.editor.note()
        if text == self._loaded:
            self._forget_draft(self._ref)
            return True
        try:
            self._user.save_note(self._ref, text, expected=self._loaded)
        except NoteConflict as exc:
            return self._conflict(exc.theirs, leaving)
        except (UserDataError, ValueError) as exc:
            return self._keep_draft(text, str(exc))
        except Exception as exc:  # noqa: BLE001 - never lose the text to an unforeseen error
            log.exception("could not save the note on %s", self._ref)
            return self._keep_draft(text, f"{type(exc).__name__}: {exc}")
        self._loaded = text
        self._forget_draft(self._ref)
        self.conflict_bar.hide()
        self._say("Saved")
        return True

    def _keep_draft(self, text: str, why: str) -> bool:
        why = why.removeprefix("Cannot save the note: ")
        draft = Draft(text, self._loaded, why)
        self.drafts[self._ref] = draft
        if self._drafts_file.put(self._ref, draft):
            self._kept_on_disk.add(self._ref)
            self._say(f"Not saved: {why}. Your text is kept as a draft and saved when hipref can.", warning=True)
        else:
            self._kept_on_disk.discard(self._ref)
            self._say(f"Not saved: {why}. Your text is kept here; hipref asks before closing.", warning=True)
        return False

    def _forget_draft(self, ref: str) -> None:
        if self.drafts.pop(ref, None) is not None or ref in self._kept_on_disk:
            self._kept_on_disk.discard(ref)
            self._drafts_file.drop(ref)

    def _keep_kept_draft(self, ref: str, draft: Draft, why: str) -> None:
        log.info("a draft on %s is still not saved: %s", ref, why)
        self.drafts[ref] = Draft(draft.text, draft.base, why.removeprefix("Cannot save the note: "), draft.at)
        self._kept_on_disk.add(ref)

    def save_kept_drafts(self) -> int:
        """Save the drafts an earlier session left in the drafts file; the rest stay drafts,
        shown with their entries. Returns how many were saved."""
        saved = 0
        for ref, draft in self._drafts_file.load().items():
            try:
                self._user.save_note(ref, draft.text, expected=draft.base)
            except NoteConflict as exc:
                if exc.theirs != draft.text:  # else saved already, only the draft not forgotten
                    self._keep_kept_draft(ref, draft, str(exc))
                    continue
            except Exception as exc:  # noqa: BLE001 - a draft that cannot be saved stays a draft
                self._keep_kept_draft(ref, draft, str(exc))
                continue
            self._drafts_file.drop(ref)
            saved += 1
        if saved:
            self._notice = f"Saved {saved} note{'s' if saved != 1 else ''} kept as drafts last time."
            self._say(self._notice)
        return saved

    # -- another window -------------------------------------------------------------------------
    def check_elsewhere(self) -> None:
        """Take a note another window saved, or offer the choice if this one was edited too."""
        if self._ref is None or self._loading or not self.isVisible() or not self._user.changed_elsewhere():
            return
        theirs = self._read(self._ref)
        if theirs == self._loaded:
            return
        mine = self.editor.note()
        if mine == self._loaded or mine == theirs:
            self._loaded = theirs
            self._set_text(theirs)
            self._forget_draft(self._ref)
            self._say("Updated from another window")
            return
        self._conflict(theirs, leaving=False)

    def _conflict(self, theirs: str, leaving: bool) -> bool:
        self._theirs = theirs
        if leaving:
            return self.resolve(self.ask_conflict())
        self.conflict_bar.show()
        self._say("Choose which note to keep; nothing is saved until you do.", warning=True)
        return False

    def ask_conflict(self) -> str:
        """Ask, on leaving a note that another window changed meanwhile, which one to keep."""
        box = QMessageBox(QMessageBox.Icon.Question, "Note changed in another window", "", parent=self)
        box.setText("The note on this entry was changed in another window while you edited it here.")
        box.setInformativeText("Keep both puts their note first and yours after it.")
        mine = box.addButton("Keep mine", QMessageBox.ButtonRole.AcceptRole)
        theirs = box.addButton("Take theirs", QMessageBox.ButtonRole.DestructiveRole)
        both = box.addButton("Keep both", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(both)
        box.setEscapeButton(both)
        box.exec()
        return {id(mine): KEEP_MINE, id(theirs): TAKE_THEIRS}.get(id(box.clickedButton()), KEEP_BOTH)

    def resolve(self, choice: str) -> bool:
        """Settle a conflict: keep mine, take theirs or keep both (theirs, then mine)."""
        theirs, mine = self._theirs, self.editor.note()
        self.conflict_bar.hide()
        self._loaded = theirs
        if choice == TAKE_THEIRS:
            self._set_text(theirs)
            self._forget_draft(self._ref)
            self._say("Took the note from the other window")
            return True
        if choice == KEEP_BOTH and theirs:
            self._set_text(theirs.rstrip("\n") + BOTH_SEPARATOR + mine)
        return self.save(leaving=True)

    # -- leaving --------------------------------------------------------------------------------
    def confirm_leave(self) -> bool:
        """Save; if some text still cannot be saved, ask before it is lost (False: stay)."""
        self.save(leaving=True)
        if not self.drafts:
            return True
        why = next(iter(self.drafts.values())).why
        count = len(self.drafts)
        on_disk = self._kept_on_disk.issuperset(self.drafts)
        box = QMessageBox(QMessageBox.Icon.Warning, "Notes not saved", "", parent=self)
        notes = f"{count} note{'s' if count != 1 else ''} could not be saved: {why}."
        if on_disk:
            box.setText(f"{notes}\nThey are kept as drafts in {self._drafts_file.path}; hipref saves them next time.")
        else:
            box.setText(f"{notes}\nIf you close now, the unsaved text is lost.")
        stay = box.addButton("Stay", QMessageBox.ButtonRole.RejectRole)
        keep = box.addButton("Keep the drafts and close", QMessageBox.ButtonRole.AcceptRole) if on_disk else None
        copy = box.addButton("Copy to clipboard and close", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Close without saving", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep or stay)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        if clicked is stay:
            return False
        if clicked is copy:
            from PySide6.QtWidgets import QApplication

            QApplication.clipboard().setText("\n\n".join(f"{ref}\n{draft.text}" for ref, draft in self.drafts.items()))
        if keep is None or clicked is not keep:
            for ref in list(self.drafts):
                self._forget_draft(ref)
        self.drafts.clear()
        return True
