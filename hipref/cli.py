"""The command-line verbs. Qt is imported only by the ``gui`` verb.

Exit codes: 0 ok; 1 not found or check failed; 2 bad usage or an unusable database.
Every failure a user can cause ends in one clear line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from hipref import paths
from hipref.content.schema import TYPES
from hipref.text import is_unicode

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A bad argument the parser could not catch (exit 2)."""


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

        print(version_text(_db_path(namespace)))
        parser.exit(EXIT_OK)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", type=Path, default=argparse.SUPPRESS, metavar="PATH", help="content database (default: the bundled one)"
    )

    parser = argparse.ArgumentParser(
        prog="hipref",
        description="Offline reference for clinicians who treat hip pain.",
        epilog="REF is TYPE/SLUG, e.g. condition/femoroacetabular-impingement. "
        "User data (bookmarks, notes) lives in HIPREF_DATA_DIR or the platform's app-data folder.",
        parents=[common],
    )
    parser.add_argument(
        "--version", action=VersionAction, help="show the app's version and the content's (build date and hash)"
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    gui = verbs.add_parser("gui", parents=[common], help="open the window (the default)")
    gui.add_argument("--open", metavar="REF", help="open straight to an entry")
    gui.add_argument("--present", action="store_true", help="start in presentation mode")
    gui.add_argument("--screenshot", type=Path, metavar="PNG", help="save the window once ready, then exit")
    gui.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="exit 0 once the window is ready: its first frame painted, the search field focused and a "
        "search run (the browse tree, note pane, diagram pane and results list are built just after)",
    )
    gui.add_argument(
        "--exit-when-complete",
        action="store_true",
        help="exit 0 once the window is ready and those later parts are built and painted too",
    )

    search = verbs.add_parser(
        "search",
        parents=[common],
        help="search every entry",
        epilog=_scope_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    search.add_argument("query", nargs="?", help="the words to find (omit with --batch)")
    search.add_argument("--type", choices=TYPES, help="only this entry type")
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
        "--batch", action="store_true", help="read queries from stdin, one a line; print one JSON array a line"
    )

    show = verbs.add_parser("show", parents=[common], help="show one entry")
    show.add_argument("ref", metavar="REF")
    show.add_argument("--json", action="store_true")

    listing = verbs.add_parser("list", parents=[common], help="list entries")
    listing.add_argument("type", nargs="?", choices=TYPES, metavar="TYPE", help="one of: " + ", ".join(TYPES))
    listing.add_argument("--json", action="store_true")

    build = verbs.add_parser("build-db", parents=[common], help="compile resources/content into the database")
    build.add_argument("--out", type=Path, metavar="PATH", help=f"where to write (default db/{paths.DB_FILENAME})")

    verbs.add_parser("check", parents=[common], help="validate all content and the database")
    return parser


def _db_path(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "db", None) or paths.bundled_db_path())


def _open(args: argparse.Namespace):
    from hipref.store.content_store import ContentStore

    return ContentStore.open(_db_path(args))


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=None))


def cmd_search(args: argparse.Namespace) -> int:
    if args.batch == bool(args.query):
        raise UsageError("give a QUERY, or --batch with queries on stdin (not both)")
    searcher = _open(args).searcher
    correct = not args.as_typed
    if args.batch:
        if hasattr(sys.stdin, "reconfigure"):
            sys.stdin.reconfigure(errors="replace")  # a line that is not UTF-8 is still a query, not a crash
        for line in sys.stdin:
            found = searcher.find(line.rstrip("\n"), args.type, args.limit, correct)
            print(json.dumps(found.to_json(), ensure_ascii=False), flush=True)
        return EXIT_OK
    found = searcher.find(args.query, args.type, args.limit, correct)
    hits = found.hits
    if args.json:
        _print_json(found.to_json())
        return EXIT_OK
    if found.corrected:
        print(f"Showing results for {found.query!r} (search as typed with --as-typed)")
    if not hits:
        print(f"No results for {args.query!r}.", file=sys.stderr)
        return EXIT_FAIL
    width = max(len(h.ref) for h in hits)
    for hit in hits:
        print(f"{hit.ref:<{width}}  {hit.title}")
        if hit.snippet:
            print(f"{'':<{width}}  {hit.snippet}")
    return EXIT_OK


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


def cmd_show(args: argparse.Namespace) -> int:
    from hipref.store.records import parse_ref

    if parse_ref(args.ref) is None:
        raise UsageError(f"REF must be TYPE/SLUG, e.g. condition/hip-osteoarthritis (got {args.ref!r})")
    content = _open(args)
    detail = content.get_ref(args.ref) if is_unicode(args.ref) else None
    if detail is None:
        print(f"hipref: no entry {args.ref} (try `hipref search` or `hipref list`)", file=sys.stderr)
        return EXIT_FAIL
    if args.json:
        _print_json(detail_json(detail))
        return EXIT_OK
    print(detail.title)
    print("=" * len(detail.title))
    if detail.aliases:
        print("Also: " + ", ".join(detail.aliases))
    for heading, text in (
        ("Bottom line", detail.summary_md),
        ("In plain words", detail.plain_md),
        ("", detail.body_md),
    ):
        if text.strip():
            print(f"\n{heading}\n{text.strip()}" if heading else f"\n{text.strip()}")
    if detail.links:
        print("\nLinks")
        for link in detail.links:
            print(f"  {link.relation:<14} {link.ref}  {link.title}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    entries = _open(args).list_entries(args.type)
    if args.json:
        _print_json([{"type": e.type, "slug": e.slug, "title": e.title, "aliases": list(e.aliases)} for e in entries])
        return EXIT_OK
    width = max((len(e.ref) for e in entries), default=0)
    for entry in entries:
        print(f"{entry.ref:<{width}}  {entry.title}")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from hipref.content.build import ContentError, build

    out = args.out or Path(getattr(args, "db", None) or paths.bundled_db_path())
    try:
        report = build(paths.resources_dir(), out)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"hipref: not built: {len(exc.problems)} content problem(s)", file=sys.stderr)
        return EXIT_FAIL
    except OSError as exc:
        print(f"hipref: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    total = sum(report.counts.values())
    print(f"Built {report.path} ({total} entries, content {report.content_hash[:12]}, {report.build_date})")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from hipref.content.validate import validate_all

    report = validate_all(paths.resources_dir(), _db_path(args))
    for problem in report.problems:
        print(problem)
    for type_ in TYPES:
        print(f"{type_:<10} {report.counts.get(type_, 0):>4}")
    print(f"{'total':<10} {sum(report.counts.values()):>4}")
    if report.problems:
        print(f"check failed: {len(report.problems)} problem(s)", file=sys.stderr)
        return EXIT_FAIL
    print("check passed")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from hipref.app import run_gui

    return run_gui(args, _db_path(args))


VERBS = {
    "search": cmd_search,
    "show": cmd_show,
    "list": cmd_list,
    "build-db": cmd_build,
    "check": cmd_check,
    "gui": cmd_gui,
}


def main(argv: list[str] | None = None) -> int:
    from hipref.store.errors import UnusableDatabaseError

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "gui"])
    if args.verb != "gui":
        gc.enable()  # the window turns it back on once it is complete (see run)
    try:
        return VERBS[args.verb](args)
    except UsageError as exc:
        parser.exit(EXIT_USAGE, f"hipref {args.verb}: {exc}\n")
    except UnusableDatabaseError as exc:
        print(f"hipref: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    return EXIT_OK


def run() -> None:
    """The ``hipref`` command: run a verb, then leave without tearing the interpreter down.

    Python's cycle collector is off while the window starts (see "start-up tricks" in
    hipref.app), and back on at once for the other verbs.

    Databases, settings and logs are closed by then; skipping the interpreter's slow clean-up
    of Qt objects takes about 0.1 s off every exit of the window.
    """
    gc.disable()
    try:
        code = main()
    except SystemExit as exit_:  # --help, --version and argument errors
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else EXIT_USAGE)
        if not isinstance(exit_.code, int | None):
            print(exit_.code, file=sys.stderr)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
