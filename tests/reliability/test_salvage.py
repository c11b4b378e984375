"""Guarantee: from a damaged user database, every row still readable is recovered on request.

The file is damaged on purpose: a page in the middle of the notes is overwritten with noise,
or the file is cut short, or it is not a database at all.
"""

from __future__ import annotations

import random
from pathlib import Path

from hipref.userdata.salvage import read_damaged
from hipref.userdata.store import USER_DB_NAME, UserData
from tests.windows import open_window

PAGE = 4096


def notes_and_bookmarks(folder: Path) -> dict[str, str]:
    user = UserData(folder, backup=False)
    notes = {f"study/note-{i}": f"Note {i}: " + f"range of motion {i} " * 25 for i in range(400)}
    for ref, text in notes.items():
        user.save_note(ref, text)
        user.set_bookmark(ref, f"Title {ref}", True)
    user.close()
    return notes


def trash_page_holding(path: Path, text: str) -> int:
    """Overwrite with noise the page that holds ``text``; returns its number."""
    data = bytearray(path.read_bytes())
    page = data.index(text.encode()) // PAGE
    noise = random.Random(18).randbytes(PAGE)
    data[page * PAGE : (page + 1) * PAGE] = noise
    path.write_bytes(bytes(data))
    return page


def test_a_trashed_page_costs_only_the_notes_on_it(data_dir):
    notes = notes_and_bookmarks(data_dir)
    trash_page_holding(data_dir / USER_DB_NAME, "Note 200: ")
    user = UserData(data_dir, backup=False)
    try:
        assert user.recovered_from is not None, "the damage was noticed and the file moved aside"
        assert user.notes() == {}
        found = user.salvage(user.recovered_from)
        recovered = user.notes()
    finally:
        user.close()
    assert found.damaged_stretches >= 1 and "study/note-200" not in recovered
    assert len(recovered) >= len(notes) - 20, f"only {len(recovered)} of {len(notes)} notes recovered"
    assert all(notes[ref] == text for ref, text in recovered.items()), "a recovered note is exactly as saved"
    assert found.count("bookmark") == len(notes)


def test_a_file_cut_short_gives_back_its_first_part(data_dir):
    notes = notes_and_bookmarks(data_dir)
    path = data_dir / USER_DB_NAME
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    found = read_damaged(path)
    recovered = dict((ref, text) for ref, text, _ in found.rows["note"])
    assert recovered and all(notes[ref] == text for ref, text in recovered.items())


def test_a_file_that_is_no_database_gives_nothing_and_no_error(tmp_path):
    path = tmp_path / "user.sqlite.damaged-x"
    path.write_bytes(bytes(range(256)) * 40)
    found = read_damaged(path)
    assert found.rows == {"note": [], "bookmark": [], "visit": []}
    assert sorted(found.unreadable_tables) == ["bookmark", "note", "visit"]


def test_the_window_offers_recovery_and_the_notes_come_back(qtbot, content_db, data_dir, answer_boxes):
    notes = notes_and_bookmarks(data_dir)
    trash_page_holding(data_dir / USER_DB_NAME, "Note 300: ")
    answers = answer_boxes("Recover what can be read")
    with open_window(qtbot, content_db, data_dir) as window:
        qtbot.waitUntil(lambda: len(answers.seen) == 2)  # the offer, then what was recovered
        (title, _text, choices), (done, said, _) = answers.seen
        assert "damaged" in title and "Recover what can be read" in choices
        assert done == "Notes recovered" and said.startswith("Recovered 3") and "could not be read" in said
        user = window.services.user
        assert user.note("study/note-0") == notes["study/note-0"]
        assert user.is_bookmarked("study/note-399")
