"""Presentation mode: the diagram large, plain words in large type, nothing clinician-only.

Arrow keys step through the structures and sites of the entry; P and H pick the pen and the
highlighter, V goes back to pointing, Ctrl+Z undoes a stroke, C clears; Ctrl+P prints the
handout, Ctrl+Shift+P saves it as a PDF; Esc leaves. Each presentation starts with the pointer.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from hipref.content.diagrams import CAPTION, DiagramInfo, best_view
from hipref.render.page import plain_page
from hipref.render.theme import LIGHT
from hipref.ui.diagram_view import DiagramView
from hipref.ui.heading_fit import FittingBrowser

TEXT_POINT_SIZE = 22
CAPTION_POINT_SIZE = 14


@dataclass(frozen=True)
class Step:
    """One stop in a presentation: what to say and what to light up."""

    title: str
    plain_md: str
    slugs: tuple[str, ...]


# name, label, keys, checkable: the toolbar's commands (also listed in Help > Keyboard shortcuts)
ACTIONS = (
    ("previous", "◀ Previous", ("Left", "PgUp"), False),
    ("next", "Next ▶", ("Right", "PgDown", "Space"), False),
    ("point", "Point", ("V",), True),
    ("pen", "Pen", ("P",), True),
    ("highlighter", "Highlighter", ("H",), True),
    ("undo", "Undo", ("Ctrl+Z",), False),
    ("clear", "Clear drawing", ("C",), False),
    ("print", "Print handout…", ("Ctrl+P",), False),
    ("handout", "Handout PDF…", ("Ctrl+Shift+P",), False),
    ("leave", "Leave (Esc)", ("Esc", "F5"), False),
)


class PresentationWindow(QWidget):
    closed = Signal()
    print_requested = Signal()
    handout_requested = Signal()

    def __init__(self, diagrams: list[DiagramInfo], names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("hipref — presentation")
        self.setProperty("role", "presentation")
        self.setAccessibleName("Presentation")
        # Diagrams, text and controls stay on paper even in dark mode: the stylesheet
        # (resources/styles/app.qss) gives every part of role "presentation" its light colours,
        # as a palette set here would not reach the controls under an app-wide stylesheet.
        self.setAutoFillBackground(True)
        self.diagrams = diagrams
        self.steps: list[Step] = []
        self.index = 0

        self.view = DiagramView()
        self.view.names = names
        self.text = FittingBrowser()
        self.text.follow_resizes()
        self.text.setProperty("role", "presentation-text")
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text.setOpenLinks(False)
        font = self.text.font()
        font.setPointSize(TEXT_POINT_SIZE)
        self.text.setFont(font)
        self.text.document().setDocumentMargin(28)
        self.text.document().setDefaultStyleSheet(f"body, h1 {{ color: {LIGHT.text}; }} h1 {{ font-size: 26pt; }}")
        self.text.setAccessibleName("Explanation in plain words")
        self.position = QLabel("")
        self.position.setProperty("role", "status")

        self.toolbar = QToolBar("Presentation")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_by_name: dict[str, QAction] = {}
        slots = {
            "previous": lambda: self.step(-1),
            "next": lambda: self.step(1),
            "point": lambda: self.use_tool(None),
            "pen": lambda: self.use_tool("pen"),
            "highlighter": lambda: self.use_tool("highlighter"),
            "undo": self.undo,
            "clear": self.clear_drawing,
            "print": self.print_requested.emit,
            "handout": self.handout_requested.emit,
            "leave": self.close,
        }
        for name, text, keys, checkable in ACTIONS:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setCheckable(checkable)
            action.triggered.connect(slots[name])
            self.addAction(action)
            self.toolbar.addAction(action)
            self.actions_by_name[name] = action
        self.actions_by_name["point"].setChecked(True)

        self.caption = QLabel(CAPTION)
        self.caption.setProperty("role", "presentation-caption")
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName("Diagram caption")
        caption_font = self.caption.font()
        caption_font.setPointSize(CAPTION_POINT_SIZE)
        self.caption.setFont(caption_font)
        picture = QWidget()
        picture_layout = QVBoxLayout(picture)
        picture_layout.setContentsMargins(0, 0, 0, 0)
        picture_layout.addWidget(self.view, 1)
        picture_layout.addWidget(self.caption)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(picture)
        split.addWidget(self.text)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.split = split
        bottom = QHBoxLayout()
        bottom.addWidget(self.toolbar, 1)
        bottom.addWidget(self.position)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

    # -- content ----------------------------------------------------------------------------
    def present(self, steps: list[Step], start: int = 0) -> None:
        """Start presenting ``steps``: no drawing carried over, and the pointer as the tool."""
        self.use_tool(None)
        self.steps = steps
        self.index = max(0, min(start, len(steps) - 1))
        self._show_step(keep_ink=False)

    def step(self, delta: int) -> None:
        if self.steps:
            new = max(0, min(len(self.steps) - 1, self.index + delta))
            if new != self.index:
                self.index = new
                self._show_step(keep_ink=True)

    def _show_step(self, keep_ink: bool) -> None:
        if not self.steps:
            return
        step = self.steps[self.index]
        best = best_view(self.diagrams, step.slugs)
        strokes = list(self.view.ink.strokes) if (keep_ink and self.view.ink) else []
        if best is not None and (self.view.info is None or best.name != self.view.info.name):
            self.view.load(best)
            strokes = []  # a drawing belongs to the picture it was drawn on
        if self.view.ink is not None:
            self.view.ink.strokes = strokes
        self.view.set_highlight(step.slugs)
        self.view.set_tool(self.view.tool)
        self.text.setHtml(plain_page(step.title, step.plain_md))
        self.position.setText(f"{self.index + 1} of {len(self.steps)}")
        self.actions_by_name["previous"].setEnabled(self.index > 0)
        self.actions_by_name["next"].setEnabled(self.index < len(self.steps) - 1)

    # -- drawing ----------------------------------------------------------------------------
    def use_tool(self, tool: str | None) -> None:
        self.view.set_tool(tool)
        for name in ("point", "pen", "highlighter"):
            self.actions_by_name[name].setChecked((tool or "point") == name)

    def undo(self) -> None:
        if self.view.ink:
            self.view.ink.undo()

    def clear_drawing(self) -> None:
        if self.view.ink:
            self.view.ink.clear()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        width = self.split.width()
        self.split.setSizes([int(width * 0.56), width - int(width * 0.56)])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.closed.emit()
        super().closeEvent(event)
