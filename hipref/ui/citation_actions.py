"""Copying a study's citation, DOI or PMID, and exporting study citations to a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from hipref.citations import export
from hipref.citations.formats import apa, vancouver
from hipref.store.content_store import ContentStore
from hipref.store.records import EntryDetail

COPIED = {"vancouver": "Vancouver citation", "apa": "APA citation", "doi": "DOI", "pmid": "PMID"}
FILTERS = {"RIS (*.ris)": "ris", "BibTeX (*.bib)": "bibtex", "CSL-JSON (*.json)": "csl-json"}


def study_fields(content: ContentStore, refs: list[str] | None = None) -> list[dict]:
    """Citation fields of the given studies (all when ``refs`` is empty), with display titles."""
    refs = refs or [entry.ref for entry in content.list_entries("study")]
    details = [content.get_ref(ref) for ref in refs]
    return [{**d.fields, "title": d.title} for d in details if d is not None and d.type == "study"]


def copy_text(detail: EntryDetail, what: str) -> str:
    """What "copy" puts on the clipboard for a study: a citation style, the DOI or the PMID."""
    fields = {**detail.fields, "title": detail.title}
    if what == "vancouver":
        return vancouver(fields)
    if what == "apa":
        return apa(fields)
    return str(fields.get(what) or "")


class CitationActions(QObject):
    def __init__(self, window: QMainWindow, content: ContentStore) -> None:
        super().__init__(window)
        self.window = window
        self.content = content

    def _status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 5000)

    def copy(self, detail: EntryDetail | None, what: str) -> None:
        if detail is None or detail.type != "study":
            return
        text = copy_text(detail, what)
        if not text:
            self._status(f"This study has no verified {COPIED[what]}")
            return
        QGuiApplication.clipboard().setText(text)
        self._status(f"Copied the {COPIED[what]}")

    def export(self, path: Path, refs: list[str] | None = None, fmt: str | None = None) -> int:
        """Write the studies (the given ones, or all) to ``path``; returns how many were written."""
        fmt = fmt or export.format_for_suffix(Path(path).suffix) or "ris"
        studies = study_fields(self.content, refs)
        export.write(Path(path), studies, fmt)
        return len(studies)

    def export_scope(self, scope: str, study: EntryDetail | None, selected: list[str]) -> None:
        """Export "this study" (``study``), the "selected" studies, or "all", asking where."""
        if scope == "this study":
            if study is not None:
                self.export_dialog([study.ref], scope)
        elif scope == "selected":
            if selected:
                self.export_dialog(selected)
            else:
                self._status("Select studies in the browse list first (Ctrl+click for several)")
        else:
            self.export_dialog([], "all")

    def export_dialog(self, refs: list[str], scope: str = "") -> None:
        """Ask where to save the citations of ``refs`` (all studies when empty), and save them.

        ``scope`` names them in the dialog's title ("this study", "3 selected", "all")."""
        scope = scope or (f"{len(refs)} selected" if refs else "all")
        suggested = f"hipref-{refs[0].split('/', 1)[1]}.ris" if len(refs) == 1 else "hipref-citations.ris"
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            f"Export {scope} study citations" if scope != "this study" else "Export this study's citation",
            str(Path.home() / suggested),
            ";;".join(FILTERS),
        )
        if not path:
            return
        fmt = export.format_for_suffix(Path(path).suffix) or FILTERS.get(chosen, "ris")
        try:
            count = self.export(Path(path), refs or None, fmt)
        except OSError as exc:
            QMessageBox.warning(self.window, "Export failed", f"Could not write {path}: {exc.strerror or exc}")
            return
        self._status(f"Exported {count} citation{'s' if count != 1 else ''} to {path}")
