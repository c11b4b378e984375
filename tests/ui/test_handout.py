"""The handout file is written whole or not at all."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QTextDocument

from hipref.ui.handout import write_pdf


def document(text: str) -> QTextDocument:
    page = QTextDocument()
    page.setPlainText(text)
    return page


def test_a_handout_replaces_the_old_file_and_leaves_nothing_beside_it(qapp, tmp_path):
    target = tmp_path / "handout.pdf"
    write_pdf(target, document("first"))
    write_pdf(target, document("second"))
    assert "second" in PdfReader(str(target)).pages[0].extract_text()
    assert [p.name for p in tmp_path.iterdir()] == ["handout.pdf"]


def test_a_failed_write_keeps_the_old_file(qapp, tmp_path, monkeypatch):
    target = tmp_path / "handout.pdf"
    write_pdf(target, document("kept"))
    before = target.read_bytes()

    def fail(self, printer):
        raise OSError("disk full")

    monkeypatch.setattr(QTextDocument, "print_", fail)
    with pytest.raises(OSError, match="disk full"):
        write_pdf(target, document("lost"))
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["handout.pdf"]


def test_a_folder_that_cannot_be_written_is_an_error_not_an_empty_file(qapp, tmp_path):
    target = tmp_path / "missing" / "handout.pdf"
    with pytest.raises(OSError):
        write_pdf(target, document("nowhere"))
    assert not target.parent.exists()


def test_a_pdf_that_came_out_empty_is_an_error(qapp, tmp_path, monkeypatch):
    target = tmp_path / "handout.pdf"
    monkeypatch.setattr(QTextDocument, "print_", lambda self, printer: None)  # nothing painted
    with pytest.raises(OSError, match="could not be written"):
        write_pdf(target, document("never painted"))
    assert list(tmp_path.iterdir()) == []
