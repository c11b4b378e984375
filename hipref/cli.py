"""The command-line verbs. Qt is imported only by the ``gui`` verb.

Exit codes: 0 ok; 1 not found, more than one entry named, check failed, or characters the
output's encoding cannot show; 2 bad usage, an unusable database, or output that cannot be
written. Every failure a user can cause ends in one clear line on stderr, never a traceback.
Everything printed goes through :class:`hipref.terminal.Terminal` (see there why).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from hipref import paths
from hipref.content.schema import TYPES
from hipref.lookup import MAX_REF_CHARS, TypeChoice, parse_type, type_help
from hipref.terminal import OutputError, Terminal, complain, printable
from hipref.text import is_unicode

if TYPE_CHECKING:
    from hipref.lookup import Resolution
    from hipref.render.terminal_text import Line
    from hipref.search.engine import Results
    from hipref.store.content_store import ContentStore
    from hipref.store.records import EntryBrief

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
MIN_TITLE_COLUMNS = 24  # list puts titles beside their REFs only with this much room left


class UsageError(Exception):
    """A bad argument the parser could not catch (exit 2)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose messages, which may quote what was typed, are printed safely,
    and whose help and version, when standard output cannot take them, end in one line and 2."""

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            complain(message.rstrip("\n"), sys.stderr)
        raise SystemExit(status)

    def _print_message(self, message: str, file: Any = None) -> None:
        if not message:
            return
        if file is sys.stderr:
            super()._print_message(printable(message), sys.stderr)
            return
        try:  # help or version: ``file`` is standard output, ``None`` when it is closed
            Terminal(file).text(message.rstrip("\n"))
        except OutputError as exc:
            complain(f"hipref: {exc}", sys.stderr)
            raise SystemExit(EXIT_USAGE) from None


def _type_word(text: str) -> TypeChoice:
    choice = parse_type(text)
    if choice is None:
        raise argparse.ArgumentTypeError(f"unknown type {text!r}: one of {type_help()}")
    return choice


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= 500:
        raise argparse.ArgumentTypeError("must be between 1 and 500")
    return value


def _scope_help() -> str:
    from hipref.search.query import SCOPES

    grouped: dict[str, list[str]] = {}
    for prefix, scope in SCOPES.items():
        grouped.setdefault(scope.help, []).append(prefix + ":")
    lines = [f"  {', '.join(prefixes):<32} {what}" for what, prefixes in grouped.items()]
    return "scope prefixes typed in the query (e.g. 'study: walking'):\n" + "\n".join(lines)


class VersionAction(argparse.Action):
    """``--version``: the app's version and that of the content database in use (``--db``, if given first)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from hipref.versions import version_text

        parser._print_message(version_text(_db_path(namespace)) + "\n", sys.stdout)  # safely, as help is
        parser.exit(EXIT_OK)


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--db", type=Path, default=argparse.SUPPRESS, metavar="PATH", help="content database (default: the bundled one)"
    )

    parser = _Parser(
        prog="hipref",
        description="Offline reference for clinicians who treat hip pain.",
        epilog="REF is TYPE/SLUG (e.g. condition/femoroacetabular-impingement), or a title or alias "
        "that names one entry (e.g. fai). "
        "User data (bookmarks, notes) lives in HIPREF_DATA_DIR or the platform's app-data folder.",
        parents=[common],
    )
    parser.add_argument(
        "--version", action=VersionAction, help="show the app's version and the content's (build date and hash)"
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    gui = verbs.add_parser("gui", parents=[common], help="open the window (the default)")
    gui.add_argument("--open", metavar="REF", help="open straight to an entry (TYPE/SLUG, a title or an alias)")
    gui.add_argument("--present", action="store_true", help="start in presentation mode")
    gui.add_argument("--screenshot", type=Path, metavar="PNG", help="save the window once ready, then exit")
    gui.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="exit 0 once the window is ready: its first frame painted, the search field focused and a "
        "search run (the user database is opened, and the browse tree, note pane, diagram pane and results "
        "list are built, just after)",
    )
    gui.add_argument(
        "--exit-when-complete",
        action="store_true",
        help="exit 0 once the window is ready, the user database open and those later parts built and painted",
    )

    search = verbs.add_parser(
        "search",
        parents=[common],
        help="search every entry",
        epilog=_scope_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    search.add_argument("query", nargs="?", help="the words to find (omit with --batch)")
    search.add_argument("--type", type=_type_word, metavar="TYPE", help="only this type: " + type_help())
    search.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N results (default 20)")
    search.add_argument(
        "--json",
        action="store_true",
        help="print a JSON object: the text as typed, the query searched (corrected or not), and the hits",
    )
    search.add_argument(
        "--as-typed", action="store_true", help="search the words as typed, without correcting misspellings"
    )
    search.add_argument(
        "--batch", action="store_true", help="read queries from stdin, one a line; print one JSON object a line"
    )

    show = verbs.add_parser("show", parents=[common], help="show one entry, as the window does")
    show.add_argument("ref", metavar="REF", help="TYPE/SLUG, or a title or alias that names one entry")
    show.add_argument("--json", action="store_true", help="print the entry's fields as JSON")

    listing = verbs.add_parser("list", parents=[common], help="list entries")
    listing.add_argument("type", nargs="?", type=_type_word, metavar="TYPE", help="one of: " + type_help())
    listing.add_argument("--json", action="store_true", help="print a JSON array")

    build = verbs.add_parser("build-db", parents=[common], help="compile resources/content into the database")
    build.add_argument("--out", type=Path, metavar="PATH", help=f"where to write (default db/{paths.DB_FILENAME})")

    verbs.add_parser("check", parents=[common], help="validate all content and the database")
    return parser


def _db_path(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "db", None) or paths.bundled_db_path())


def _open(args: argparse.Namespace) -> ContentStore:
    from hipref.store.content_store import ContentStore

    return ContentStore.open(_db_path(args))


def _find(content: ContentStore, text: str) -> Resolution:
    """The entry ``text`` names among the content's entries."""
    from hipref.lookup import Resolution, resolve

    if not text.strip() or len(text) > MAX_REF_CHARS:
        raise UsageError(f"REF must be TYPE/SLUG, a title or an alias (at most {MAX_REF_CHARS} characters)")
    if not is_unicode(text):
        return Resolution(None)
    return resolve(text, content.list_entries())


def _suggestions(content: ContentStore, text: str) -> list[str]:
    """A few entries that mention ``text``, for a REF that names none."""
    if not is_unicode(text):
        return []
    return [f"{hit.ref}  {hit.title}" for hit in content.searcher.search(text, None, 5)]


def _listed(entries, most: int = 20) -> list[str]:
    """``REF  title`` lines for candidates, at most ``most`` of them and a count of the rest."""
    lines = [f"{e.ref}  {e.title}" for e in entries[:most]]
    if len(entries) > most:
        lines.append(f"... and {len(entries) - most} more")
    return lines


def cmd_search(args: argparse.Namespace) -> int:
    from hipref.render.terminal_text import Run, spanned_runs, wrap
    from hipref.search.engine import MAX_LIMIT

    if args.batch == bool(args.query):
        raise UsageError("give a QUERY, or --batch with queries on stdin (not both)")
    out: Terminal = args.terminal
    choice: TypeChoice | None = args.type
    content = _open(args)
    searcher = content.searcher
    of_kind = {e.slug for e in _entries_of(content, choice)} if choice and choice.kind else None

    def search(text: str) -> Results:
        if of_kind is None:
            return searcher.find(text, choice.type if choice else None, args.limit, not args.as_typed)
        # A kind of structure ("ligaments"): search the structures, keep that kind.
        found = searcher.find(text, "structure", MAX_LIMIT, not args.as_typed)
        found.hits = [hit for hit in found.hits if hit.slug in of_kind][: args.limit]
        return found

    if args.batch:
        if sys.stdin is None:
            raise UsageError("--batch reads queries from standard input, which is closed")
        if hasattr(sys.stdin, "reconfigure"):
            sys.stdin.reconfigure(errors="replace")  # a line that is not UTF-8 is still a query, not a crash
        try:
            for line in sys.stdin:
                out.json(search(line.rstrip("\n")).to_json())
        except OSError as exc:
            raise UsageError(f"cannot read standard input: {exc.strerror or exc}") from None
        return EXIT_OK
    found = search(args.query)
    hits = found.hits
    out.check_size(sum(len(h.ref) + len(h.title) + len(h.snippet) for h in hits))
    if args.json:
        out.json(found.to_json())
        return EXIT_OK
    lines: list[Line] = []
    if found.corrected:
        lines.extend(wrap([Run(f"Showing results for {found.query!r} (search as typed with --as-typed)")], out.width))
    if found.similar:
        lines.extend(wrap([Run(f"No entry has {found.typed!r}. Names spelled like it:")], out.width))
    if not hits:
        out.lines(lines)
        complain(f"No results for {args.query!r}.", sys.stderr)
        return EXIT_FAIL
    for hit in hits:
        lines.extend(wrap([Run(hit.title, bold=True)], out.width, f"{hit.ref}  ", "    "))
        if hit.snippet:
            lines.extend(wrap(spanned_runs(hit.snippet, hit.marks), out.width, "    "))
    out.lines(lines)
    return EXIT_OK


def _entries_of(content: ContentStore, choice: TypeChoice | None) -> list[EntryBrief]:
    entries = content.list_entries(choice.type if choice else None)
    return [e for e in entries if choice is None or choice.accepts(e.type, e.fields)]


def detail_json(detail) -> dict[str, Any]:
    """The ``show --json`` shape: common fields, links, then the type's own fields."""
    data: dict[str, Any] = {
        "type": detail.type,
        "slug": detail.slug,
        "title": detail.title,
        "aliases": list(detail.aliases),
        "summary_md": detail.summary_md,
        "plain_md": detail.plain_md,
        "body_md": detail.body_md,
        "links": [{"type": l.type, "slug": l.slug, "title": l.title, "relation": l.relation} for l in detail.links],
    }
    for key, value in detail.fields.items():
        data.setdefault(key, value)
    return data


def _detail_size(detail) -> int:
    """Characters in an entry's text, to refuse a crafted giant before rendering it."""
    return (
        len(detail.title)
        + sum(len(a) for a in detail.aliases)
        + len(detail.summary_md)
        + len(detail.plain_md)
        + len(detail.body_md)
        + len(json.dumps(detail.fields))
        + sum(len(link.title) for link in detail.links)
    )


def cmd_show(args: argparse.Namespace) -> int:
    out: Terminal = args.terminal
    content = _open(args)
    found = _find(content, args.ref)
    if found.entry is None:
        if found.candidates:
            complain(
                f"hipref show: {args.ref!r} names {len(found.candidates)} entries; give one of these REFs:",
                sys.stderr,
                _listed(found.candidates),
            )
        else:
            suggestions = _suggestions(content, args.ref)
            hint = "; these mention it:" if suggestions else " (try `hipref search` or `hipref list`)"
            complain(f"hipref show: no entry is named {args.ref!r}{hint}", sys.stderr, suggestions)
        return EXIT_FAIL
    detail = content.get_ref(found.entry.ref)
    out.check_size(_detail_size(detail))
    if args.json:
        out.json(detail_json(detail))
        return EXIT_OK
    from hipref.render.page import render_entry
    from hipref.render.terminal_page import html_lines

    try:
        lines = html_lines(render_entry(detail), out.width)
    except RecursionError:
        raise OutputError(
            f"cannot lay out {detail.ref}: its text is nested too deeply; the content database looks damaged or crafted"
        ) from None
    out.lines(lines)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from hipref.render.terminal_text import Run, wrap

    out: Terminal = args.terminal
    entries = _entries_of(_open(args), args.type)
    out.check_size(sum(len(e.ref) + len(e.title) + sum(map(len, e.aliases)) for e in entries))
    if args.json:
        out.json([{"type": e.type, "slug": e.slug, "title": e.title, "aliases": list(e.aliases)} for e in entries])
        return EXIT_OK
    column = max((len(e.ref) for e in entries), default=0) + 2
    lines: list[Line] = []
    for entry in entries:
        if column + MIN_TITLE_COLUMNS <= out.width:
            lines.extend(wrap([Run(entry.title)], out.width, entry.ref.ljust(column), " " * column))
        else:  # too narrow to put titles beside their REFs: each goes beneath
            lines.append((Run(entry.ref),))
            lines.extend(wrap([Run(entry.title)], out.width, "    "))
    out.lines(lines)
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from hipref.content.build import ContentError, build

    out = args.out or Path(getattr(args, "db", None) or paths.bundled_db_path())
    try:
        report = build(paths.resources_dir(), out)
    except ContentError as exc:
        complain(f"hipref: not built: {len(exc.problems)} content problem(s)", sys.stderr, map(str, exc.problems))
        return EXIT_FAIL
    except OSError as exc:
        complain(f"hipref: cannot write {out}: {exc.strerror or exc}", sys.stderr)
        return EXIT_USAGE
    total = sum(report.counts.values())
    args.terminal.text(
        f"Built {report.path} ({total} entries, content {report.content_hash[:12]}, {report.build_date})"
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from hipref.content.validate import validate_all

    report = validate_all(paths.resources_dir(), _db_path(args))
    rows = [str(problem) for problem in report.problems]
    rows += [f"{type_:<10} {report.counts.get(type_, 0):>4}" for type_ in TYPES]
    rows.append(f"{'total':<10} {sum(report.counts.values()):>4}")
    if not report.problems:
        rows.append("check passed")
    args.terminal.text(*rows)
    if report.problems:
        complain(f"check failed: {len(report.problems)} problem(s)", sys.stderr)
        return EXIT_FAIL
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from hipref.app import run_gui

    if args.open is not None:
        ref = _window_ref(args)
        if ref is None:
            return EXIT_USAGE
        args.open = ref
    return run_gui(args, _db_path(args))


def _window_ref(args: argparse.Namespace) -> str | None:
    """The TYPE/SLUG that ``--open`` names, or ``None`` after one line on stderr saying why not.

    Checked before the window starts, so a REF naming nothing ends the same way in every mode.
    An unusable database is left to the window, which explains it in a dialog.
    """
    from hipref.store.errors import UnusableDatabaseError

    try:
        content = _open(args)
    except UnusableDatabaseError:
        return args.open
    with content:
        found = _find(content, args.open)
    if found.entry is not None:
        return found.entry.ref
    if found.candidates:
        names = ", ".join(e.ref for e in found.candidates[:8]) + (", ..." if len(found.candidates) > 8 else "")
        complain(f"hipref gui: --open {args.open!r} names {len(found.candidates)} entries: {names}", sys.stderr)
    else:
        complain(f"hipref gui: --open {args.open!r} names no entry (try `hipref search` or `hipref list`)", sys.stderr)
    return None


VERBS = {
    "search": cmd_search,
    "show": cmd_show,
    "list": cmd_list,
    "build-db": cmd_build,
    "check": cmd_check,
    "gui": cmd_gui,
}


def _hold_standard_descriptors() -> None:
    """Point closed descriptors 0, 1 and 2 at the null device.

    Python leaves ``sys.stdout`` (or stdin, stderr) as ``None`` when its descriptor was closed
    at start; the next file opened would take that number, and whatever is then written to
    "standard output", by Qt or SQLite or anyone, would land in that file: a database, a log.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDWR)
                if null != fd:
                    os.dup2(null, fd)
                    os.close(null)
            except OSError:
                pass


def main(argv: list[str] | None = None) -> int:
    from hipref.store.errors import UnusableDatabaseError

    _hold_standard_descriptors()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "gui"])
    if args.verb != "gui":
        gc.enable()  # the window turns it back on once it is complete (see run)
    args.terminal = terminal = Terminal(sys.stdout)
    try:
        code = VERBS[args.verb](args)
    except UsageError as exc:
        complain(f"hipref {args.verb}: {exc}", sys.stderr)
        return EXIT_USAGE
    except UnusableDatabaseError as exc:
        complain(f"hipref: {exc}", sys.stderr)
        return EXIT_USAGE
    except OutputError as exc:
        complain(f"hipref {args.verb}: {exc}", sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug still ends in one line, never a traceback
        complain(f"hipref {args.verb}: unexpected error ({type(exc).__name__}: {exc}); please report it", sys.stderr)
        return EXIT_USAGE
    if terminal.replaced:
        complain(
            f"hipref: {terminal.replaced} character(s) could not be shown in this output's encoding "
            f"({terminal.encoding}) and were printed as '?'; set PYTHONIOENCODING=utf-8 to see them",
            sys.stderr,
        )
        return max(code, EXIT_FAIL)
    return code


def run() -> None:
    """The ``hipref`` command: run a verb, then leave without tearing the interpreter down.

    Python's cycle collector is off while the window starts: start-up allocates a great deal
    and frees almost nothing, and each collection walks the whole growing heap (about 2% of the
    start's work). It is back on once the window is complete, or at once for the other verbs.

    Databases, settings and logs are closed by then; skipping the interpreter's slow clean-up
    of Qt objects takes about 0.1 s off every exit of the window. Output still waiting in a
    buffer (argparse's help, say) is flushed first, and a failure to write it is reported.
    """
    gc.disable()
    try:
        code = main()
    except SystemExit as exit_:  # --help, --version and argument errors
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else EXIT_USAGE)
        if not isinstance(exit_.code, int | None):
            complain(str(exit_.code), sys.stderr)
    logging.shutdown()
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError) as exc:
        if code == EXIT_OK:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "standard output is closed"
            complain(f"hipref: cannot write the output: {reason}", sys.stderr)
            code = EXIT_USAGE
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)
