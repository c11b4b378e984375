"""The one way the command line writes: safe characters, the terminal's width, bold only on a terminal.

Content is data, and a terminal obeys control characters: a title holding ``ESC ] 0 ;`` would
retitle the window, ``ESC [ 2 J`` clear it, ``ESC ] 8`` hide a link, ``ESC ] 52`` write the
clipboard. So every verb prints through :class:`Terminal`, which removes C0 and C1 control
characters from text (JSON escapes them instead, keeping the data whole), and adds its own
bold codes only afterwards, only on a terminal.

A stream that cannot take the output (a closed pipe, a full disk, a closed descriptor) raises
:class:`OutputError`, which the command turns into one line on stderr. Characters the stream's
encoding cannot show are printed as ``?`` and counted, so the command can say so. One piece of
output (a command's whole answer, or one line of ``--batch``) is capped at
:data:`MAX_OUTPUT_CHARS`: all the bundled content is about 200,000 characters and a listing of
100,000 excerpts (the scale the search benchmark checks) about 15 million, while a crafted
database must not print hundreds of megabytes.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # the window imports this module too early to pay for the layout code
    from hipref.render.terminal_text import Line

MAX_OUTPUT_CHARS = 32_000_000
MAX_MESSAGE_CHARS = 300
DEFAULT_WIDTH = 80

_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # every C0 but the line feed, DEL, every C1
_JSON_UNSAFE = re.compile("[\x7f-\x9f]")  # json.dumps escapes C0 itself, but not DEL or C1
BOLD, NORMAL = "\x1b[1m", "\x1b[22m"


class OutputError(Exception):
    """The output cannot be written; the message says why, in a few words."""


class OutputTooLarge(OutputError):
    """One piece of output is larger than :data:`MAX_OUTPUT_CHARS`."""


def printable(text: str) -> str:
    """``text`` with every control character removed but the line feed (a tab becomes a space)."""
    if text.isprintable():
        return text
    return _CONTROL.sub(lambda m: " " if m.group() == "\t" else "", text)


def json_text(value: Any, ascii_only: bool = False) -> str:
    """``value`` as one line of JSON with no raw control character in it."""
    text = json.dumps(value, ensure_ascii=ascii_only)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _describe(exc: OSError) -> str:
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        return "the output was closed before everything was written (broken pipe)"
    if exc.errno == errno.ENOSPC:
        return "no space left on the output device"
    if exc.errno == errno.EBADF:
        return "standard output is closed"
    return f"cannot write the output: {exc.strerror or exc}"


class Terminal:
    """Standard output as the command line uses it."""

    def __init__(self, stream: TextIO | None, environ: dict[str, str] | None = None) -> None:
        environ = os.environ if environ is None else environ
        self.stream = stream
        self.encoding = (getattr(stream, "encoding", None) or "utf-8") if stream is not None else "utf-8"
        try:
            tty = bool(stream is not None and stream.isatty())
        except (OSError, ValueError):
            tty = False
        self.bold = tty and "NO_COLOR" not in environ and environ.get("TERM") != "dumb"
        self.replaced = 0  # characters the encoding could not show, printed as "?"

    @functools.cached_property
    def width(self) -> int:
        """Columns to fill: ``COLUMNS``, else the terminal's width, else 80 (asked only when needed)."""
        import shutil

        from hipref.render.terminal_text import MIN_WIDTH

        return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)

    # -- writing -----------------------------------------------------------------------------

    def _encodable(self, text: str) -> str:
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:
            fixed = text.encode(self.encoding, errors="replace").decode(self.encoding, errors="replace")
            self.replaced += sum(a != b for a, b in zip(text, fixed, strict=False)) or 1
            return fixed
        except LookupError:
            return text
        return text

    @staticmethod
    def check_size(chars: int) -> None:
        """Refuse, before any work, output of more than :data:`MAX_OUTPUT_CHARS` characters."""
        if chars > MAX_OUTPUT_CHARS:
            raise OutputTooLarge(
                f"refusing to print {chars:,} characters at once (at most {MAX_OUTPUT_CHARS:,}); "
                "the content database looks damaged or crafted"
            )

    def _write(self, text: str) -> None:
        if self.stream is None:
            raise OutputError("standard output is closed")
        self.check_size(len(text))
        try:
            self.stream.write(text)
            self.stream.flush()
        except ValueError:  # the stream object was closed
            raise OutputError("standard output is closed") from None
        except OSError as exc:
            raise OutputError(_describe(exc)) from None

    def lines(self, lines: Iterable[Line]) -> None:
        """Print lines of runs: control characters removed first, then bold added on a terminal."""
        out = []
        for line in lines:
            parts = []
            for run in line:
                text = printable(run.text).replace("\n", " ")
                parts.append(f"{BOLD}{text}{NORMAL}" if run.bold and self.bold and text.strip() else text)
            out.append("".join(parts).rstrip(" "))
        self._write(self._encodable("\n".join(out) + "\n") if out else "")

    def text(self, *rows: str) -> None:
        """Print plain lines of text."""
        from hipref.render.terminal_text import Run

        self.lines((Run(row),) for text in rows for row in text.split("\n"))

    def json(self, value: Any) -> None:
        """Print ``value`` as one line of JSON; escaped to ASCII when the encoding cannot take it."""
        text = json_text(value)
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:
            text = json_text(value, ascii_only=True)
        except LookupError:
            pass
        self._write(text + "\n")


def _shortened(line: str) -> str:
    return line if len(line) <= MAX_MESSAGE_CHARS else line[: MAX_MESSAGE_CHARS - 1] + "…"


def complain(message: str, stream: TextIO | None, details: Iterable[str] = ()) -> None:
    """One line on stderr, then any ``details`` indented beneath it, whatever state stderr is in.

    Control characters are removed, line breaks within a line become spaces, and a line longer
    than :data:`MAX_MESSAGE_CHARS` (a crafted title, say) is cut short.
    """
    if stream is None:
        return
    rows = [message, *(f"  {detail}" for detail in details)]
    line = "".join(_shortened(printable(row).replace("\n", " ").rstrip()) + "\n" for row in rows)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        line = line.encode(encoding, errors="backslashreplace").decode(encoding)
    except LookupError:
        pass
    try:
        stream.write(line)
        stream.flush()
    except (OSError, ValueError):
        pass
