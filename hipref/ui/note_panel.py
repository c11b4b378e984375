"""A personal note per entry, saved as the user types (after a short pause) and on leaving."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from hipref.userdata.store import UserData

SAVE_DELAY_MS = 600


class NotePanel(QWidget):
    saved = Signal(str)

    def __init__(self, user: UserData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user = user
        self._ref: str | None = None
        self._loading = False
        self.title = QLabel("My note")
        self.title.setProperty("role", "pane-title")
        self.title.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )  # long titles must not widen the window
        self.editor = QPlainTextEdit()
        self.editor.setProperty("role", "note")
        self.editor.setPlaceholderText("A private note on this entry (kept on this computer only)")
        self.editor.setAccessibleName("My note on this entry")
        self.editor.setTabChangesFocus(True)
        self.status = QLabel("")
        self.status.setProperty("role", "status")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.editor)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self.editor.textChanged.connect(self._changed)

    def show_ref(self, ref: str | None) -> None:
        """Save the note being edited, then load the note of ``ref``."""
        self.save()
        self._ref = ref
        self._loading = True
        self.editor.setPlainText(self._user.note(ref) if ref else "")
        self._loading = False
        self.editor.setEnabled(ref is not None)
        self.status.setText("")

    def _changed(self) -> None:
        if not self._loading and self._ref:
            self.status.setText("Editing…")
            self._timer.start()

    def save(self) -> None:
        self._timer.stop()
        if self._ref is None or self._loading:
            return
        text = self.editor.toPlainText()
        if text == self._user.note(self._ref):
            return
        try:
            self._user.save_note(self._ref, text)
        except ValueError as exc:
            self.status.setText(f"Not saved: {exc}")
            return
        self.status.setText("Saved")
        self.saved.emit(self._ref)
