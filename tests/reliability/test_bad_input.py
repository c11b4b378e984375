"""Guarantee: no text a user can type, paste or pass on the command line breaks hipref.

Notes store any text exactly, except what cannot be written as UTF-8 at all (an unpaired
surrogate), which is refused with a clear ValueError that leaves the stored note as it was.
"""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hipref import cli
from hipref.content.schema import TYPES
from hipref.userdata.store import MAX_NOTE_CHARS, UserData
from tests.reliability.conftest import ROOT, hipref_env
from tests.windows import open_window

REF = "condition/hip-osteoarthritis"
# Anything Python can hold in a str, unpaired surrogates included (hypothesis leaves them out).
any_character = st.characters(codec=None, categories=None) | st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
storable = st.text(st.characters(codec="utf-8"))
CURATED = [
    "🦴🏃‍♀️👩🏽‍⚕️ emoji, with joiners and skin tones",
    "مفصل الورك والألم — RTL Arabic mixed with English",
    "עברית \u202eRTL override\u202c and \u200f marks",
    "NUL\x00inside\x00and at the end\x00",
    "line\r\nbreaks\rof\nevery\u2028kind\u2029here",
    "\ufeffBOM first, then combining e\u0301 and Z\u0335\u0322a\u0336lgo",
    '\'; DROP TABLE note; -- and "quotes" and \\backslashes\\ and %s {0}',
    " leading and trailing spaces and tabs\t ",
    "\U0010ffff\U000e0001 last code points and tags",
]


@pytest.fixture
def user(data_dir):
    user = UserData(data_dir)
    yield user
    user.close()


def reopened(data_dir) -> UserData:
    return UserData(data_dir, backup=False)


def test_curated_hard_notes_round_trip_exactly_across_restarts(data_dir, user):
    for i, text in enumerate(CURATED):
        user.save_note(f"term/t{i}", text)
    user.close()
    again = reopened(data_dir)
    try:
        assert [again.note(f"term/t{i}") for i in range(len(CURATED))] == CURATED
    finally:
        again.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=storable)
def test_any_storable_note_round_trips_exactly(user, text):
    user.save_note(REF, text)
    assert user.note(REF) == text
    assert (REF in user.notes()) == (text != "")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(any_character))
def test_any_text_is_stored_exactly_or_refused_clearly(user, text):
    user.save_note(REF, "the note before")
    try:
        user.save_note(REF, text)
    except ValueError as exc:
        assert type(exc) is ValueError, "a plain ValueError, not an encoding error"
        assert "unpaired surrogate" in str(exc)
        assert any(0xD800 <= ord(c) <= 0xDFFF for c in text), "only unstorable text is refused"
        assert user.note(REF) == "the note before", "a refused note changes nothing"
    else:
        assert user.note(REF) == text


def test_a_refused_note_names_the_broken_character(user):
    with pytest.raises(ValueError, match=r"unpaired surrogate U\+D800 at position 4"):
        user.save_note(REF, "oops\ud800")


def test_a_one_megabyte_note_round_trips_exactly(data_dir, user):
    text = "".join(f"{i:07d} ünïcødé 🦴 مفصل\x00\r\n" for i in range(40_000))
    assert len(text.encode("utf-8")) > 1_000_000
    user.save_note(REF, text)
    user.close()
    again = reopened(data_dir)
    try:
        assert again.note(REF) == text
    finally:
        again.close()


def test_a_one_megabyte_note_round_trips_through_the_window(qtbot, fixture_db, data_dir):
    text = "\n".join(f"{i:07d} Gül ünïcødé 🦴 مفصل الورك {'x' * 20}" for i in range(18_000))
    assert len(text.encode("utf-8")) > 1_000_000 and len(text) <= MAX_NOTE_CHARS
    with open_window(qtbot, fixture_db, data_dir) as window:
        assert window.open_ref(REF)
        window.parts.notes.editor.setPlainText(text)
        window.show_welcome()
    with open_window(qtbot, fixture_db, data_dir) as window:
        assert window.open_ref(REF)
        assert window.parts.notes.editor.toPlainText() == text


def ref_like():
    slug = st.text(max_size=40) | st.sampled_from(["hip-osteoarthritis", "gul-2020", "", "-", "a" * 300])
    kind = st.sampled_from(TYPES) | st.text(max_size=12)
    shaped = st.builds(lambda t, s, sep: f"{t}{sep}{s}", kind, slug, st.sampled_from(["/", "//", " / ", "\\", ":"]))
    padded = st.builds(
        lambda r, a, b: f"{a}{r}{b}", st.sampled_from([REF, "study/gul-2020"]), st.text(max_size=3), st.text(max_size=3)
    )
    return st.text() | shaped | padded | st.sampled_from([REF, REF.upper(), f" {REF} ", f"{REF}/", "hipref:" + REF])


def test_open_ref_takes_any_text(qtbot, fixture_db, data_dir):
    with open_window(qtbot, fixture_db, data_dir) as window:

        @settings(max_examples=300, deadline=None)
        @given(ref=ref_like())
        def opens_or_declines(ref):
            shown = window.open_ref(ref)
            assert shown in (True, False)
            if shown:
                assert window.session.current is not None and window.reader.toPlainText().strip()

        opens_or_declines()
        assert window.isVisible()


def test_open_ref_declines_text_with_unpaired_surrogates(qtbot, fixture_db, data_dir):
    """Undecodable bytes in ``--open`` arrive as unpaired surrogates; they name no entry."""
    with open_window(qtbot, fixture_db, data_dir) as window:
        assert window.open_ref("condition/\udcff") is False
        assert window.open_ref("\ud800/\udfff") is False


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX arguments are bytes")
def test_hipref_gui_open_with_undecodable_bytes(data_dir):
    proc = subprocess.run(
        [sys.executable, "-m", "hipref", "gui", "--open", b"condition/hip-\xff\xfe", "--exit-when-ready"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=hipref_env(data_dir),
        timeout=60,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr + proc.stdout
    assert len(proc.stderr.splitlines()) == 1 and "names no entry" in proc.stderr
    log = data_dir / "hipref.log"
    assert not log.exists() or "Traceback" not in log.read_text(encoding="utf-8")


argument = (
    st.sampled_from(
        [
            "gui",
            "search",
            "show",
            "list",
            "build-db",
            "check",
            "--db",
            "--json",
            "--type",
            "--limit",
            "--batch",
            "--open",
            "--present",
            "--screenshot",
            "--exit-when-ready",
            "--out",
            "--version",
            "--help",
            "-h",
            "condition",
            "study",
            "nonsense",
            REF,
            "hip",
            "0",
            "501",
            "20",
            "-1",
            "-",
            "--",
            "--limit=3",
            "--type=site",
        ]
    )  # fmt: skip
    | st.text(max_size=20)
    | st.text(any_character | st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF), max_size=8)
    | st.builds(lambda t, s: f"{t}/{s}", st.sampled_from(TYPES), st.text(any_character, min_size=1, max_size=6))
)
VERBS = ["gui", "search", "show", "list", "build-db", "check"]
command_line = st.lists(argument, max_size=6) | st.builds(
    lambda head, verb, rest: [*head, verb, *rest],
    st.lists(st.sampled_from(["--db", "db/hipref.sqlite", "README.md", "no-such.sqlite"]), max_size=2),
    st.sampled_from(VERBS),
    st.lists(argument, max_size=5),
)


def test_any_command_line_ends_in_an_exit_code(monkeypatch):
    """Arbitrary argv: an exit code in {0, 1, 2} and nothing else, with real-world streams."""
    ran: list[str] = []

    def stand_in(verb):
        def run(args):
            ran.append(verb)  # the window and the database build are covered elsewhere
            return 0

        return run

    monkeypatch.setitem(cli.VERBS, "gui", stand_in("gui"))
    monkeypatch.setitem(cli.VERBS, "build-db", stand_in("build-db"))

    @settings(max_examples=250, deadline=None)
    @given(argv=command_line)
    @example(argv=["search", "--batch"])  # stdin that is not UTF-8
    @example(argv=["show", "condition/\udcff"])  # an argument holding undecodable bytes
    @example(argv=["--db", "a\x00b", "list"])
    @example(argv=[])
    def ends_cleanly(argv):
        # The streams of a strict UTF-8 locale: undecodable stdin, strict stdout, forgiving stderr.
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"hip\n\xff\xfe fai\n\n"), encoding="utf-8"))
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict"))
        monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace"))
        try:
            code = cli.main(argv)
        except SystemExit as exc:
            code = exc.code
        assert code in (0, 1, 2), (argv, code)
        sys.stderr.flush()
        assert b"Traceback" not in sys.stderr.buffer.getvalue()

    ends_cleanly()
