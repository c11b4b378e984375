"""Buttons shown above a study card: copy the citation (Vancouver, APA), the DOI and the PMID,
and export this one study's citation to a file.

They flow onto a second row when the reader is narrow, rather than hold the window wide.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QWidget

from hipref.ui.flow_layout import FlowLayout


class StudyBar(QFrame):
    copy_requested = Signal(str)  # "vancouver", "apa", "doi", "pmid"
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "study-actions")
        layout = FlowLayout(self, spacing=3)
        layout.setContentsMargins(8, 3, 8, 3)
        # compact buttons with short labels, on a second row when the reader is narrow
        label = QLabel("Copy:")
        label.setProperty("role", "status")
        layout.addWidget(label)
        self.buttons: dict[str, QToolButton] = {}
        for key, text, tip in (
            ("vancouver", "Vancouver", "Copy the citation in Vancouver style (Ctrl+Shift+C)"),
            ("apa", "APA", "Copy the citation in APA 7 style (Ctrl+Shift+A)"),
            ("doi", "DOI", "Copy the DOI"),
            ("pmid", "PMID", "Copy the PubMed ID"),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(lambda _=False, k=key: self.copy_requested.emit(k))
            layout.addWidget(button)
            self.buttons[key] = button
        self.export_button = QToolButton(self)
        self.export_button.setText("Export this study…")
        self.export_button.setToolTip("Export this study's citation as RIS, BibTeX or CSL-JSON (Ctrl+E)")
        self.export_button.setAccessibleName("Export this study's citation")
        self.export_button.clicked.connect(lambda _=False: self.export_requested.emit())
        layout.addWidget(self.export_button)

    def set_study(self, fields: dict) -> None:
        self.buttons["doi"].setEnabled(bool(fields.get("doi")))
        self.buttons["pmid"].setEnabled(bool(fields.get("pmid")))
