"""The `vss` command: `vss run` (= extract, check, build), `vss extract`, `vss check`, `vss build`, `vss export`.

Results go to standard output, progress and warnings to standard error through `logging` (`-q` for
warnings only, `-v` for detail). The command line speaks English, like the code and its errors; the
pages speak Swedish. Exit status: 0 done, 1 a notebook failed (or --strict findings), 2 bad input (named
with file and line), 130 interrupted.
"""

from __future__ import annotations

import argparse
import codecs
import logging
import os
import sys
from collections import Counter

from vsslib import paths
from vsslib.errors import ReportError, VssError

log = logging.getLogger("vsslib")


def _extract(args: argparse.Namespace) -> int:
    from vsslib.extract.pipeline import extract_all
    from vsslib.facts.store import write_facts

    result = extract_all()
    path = write_facts(result, allow_loss=args.allow_loss)
    print(f"Extracted {len(result.facts)} facts from {len(result.tables)} reports into {path}")
    per_table = Counter((f["report_id"], f["table"]) for f in result.facts)
    for report_id, tables in result.tables.items():
        counts = ", ".join(f"{t} {per_table[(report_id, t)]}" for t in dict.fromkeys(tables))
        print(f"  {report_id}: {counts}")
    for warning in result.warnings:
        log.warning("warning: %s", warning)
    return 0


def _check(args: argparse.Namespace) -> int:
    from vsslib.facts import decisions
    from vsslib.facts.annotations import load_text_amounts
    from vsslib.facts.checks import run_checks
    from vsslib.facts.load import load_facts

    facts = load_facts()
    decided_rows = decisions.decided_rows(facts)
    every = run_checks(decisions.printed(facts), load_text_amounts())
    findings = [f for f in every if args.all or (f.report_id, f.source_line) not in decided_rows]
    if len(findings) < len(every):
        log.info(
            "%d decided findings hidden (data/decisions/decisions.csv); --all shows them", len(every) - len(findings)
        )
    counts = Counter(f.check for f in findings)
    print(f"{len(findings)} findings: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for f in findings:
        print(
            f"- [{f.check}{'' if f.severity == 'error' else ', ' + f.severity}] {f.report_id} line "
            f"{f.source_line}: {f.what}; printed {f.printed:g}, expected {f.expected:g}, "
            f"difference {f.difference:g}"
        )
        if args.verbose:
            print(f"    {f.source_text.splitlines()[0].strip()}")
    errors = sum(f.severity == "error" for f in findings)
    return 1 if args.strict and errors else 0


def _build(args: argparse.Namespace) -> int:
    from pathlib import Path

    _require_notebooks_extra()
    from vsslib.publish.builder import build, summary_table

    outcomes = build(
        periods=args.period,
        only=args.only,
        jobs=args.jobs,
        force=args.force,
        with_code=args.with_code,
        fresh_kernels=args.fresh_kernels,
        cell_timeout=args.cell_timeout,
        reports_dir=Path(args.reports_dir) if args.reports_dir else None,
    )
    print(summary_table(outcomes))
    failed = [o for o in outcomes if o.status == "failed"]
    print(
        f"{len(outcomes) - len(failed)} of {len(outcomes)} ok; index: "
        f"{(Path(args.reports_dir) if args.reports_dir else paths.layout().reports) / 'index.html'}"
    )
    return 1 if failed else 0


def _positive(text: str) -> int:
    """Argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not at least 1")
    return value


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    _require_notebooks_extra()
    from vsslib.extract.manifest import valid_periods
    from vsslib.pages.notebook import check_choice
    from vsslib.pages.published import refuse_published
    from vsslib.publish.plan import discover, notebook_title
    from vsslib.publish.workbook import export

    period = args.period or valid_periods()[-1]
    check_choice("period", period, valid_periods())
    refuse_published(Path(args.out))  # only `vss build` writes the published reports
    pages = {notebook.stem: notebook_title(notebook) for notebook in discover(paths.layout().notebooks, None)}
    reports = Path(args.reports_dir) if args.reports_dir else paths.layout().reports
    written = export(
        paths.layout().data, period, reports / period, pages, Path(args.out), replaceable=lambda _: args.force
    )
    for path in written:
        print(path)
    return 0


def _add(args: argparse.Namespace) -> int:
    from pathlib import Path

    from vsslib.extract.add import add, inspect, refuse_known
    from vsslib.locking import exclusive

    path = Path(args.file)
    found = inspect(path, args.organ, args.vintage, args.kind, args.title)
    print(f"{path.name}: {found.report_id} ({found.kind}, {found.title!r})")
    for table, count in found.tables.items():
        print(f"  {table}: {count} facts")
    print(f"  {sum(found.tables.values())} facts in {len(found.tables)} tables")
    print("  columns as read (header as printed → measure, year-month):")
    for columns in found.columns:
        print(f"    {columns}")
    for warning in found.warnings:
        log.warning("warning: %s", warning)
    if not found.tables:
        log.warning("no table found: the text is in none of the shapes the extractor reads")
    refuse_known(path, found, paths.layout().manifest)  # what the real add would refuse, a dry run refuses too
    if found.unread and not args.accept_unread:
        raise ReportError(
            path.name,
            None,
            f"{len(found.unread)} table(s) print numbers that gave no fact (see the warnings); nothing was written",
            "every printed number read, or --accept-unread to add the report with those numbers missing",
        )
    if args.dry_run:
        print("dry run: the report would be added; nothing was written")
        return 0
    with exclusive(paths.layout().extracted / ".vss.lock", "vss add"):
        for written in add(path, found, paths.layout().manifest):
            print(f"  wrote {written}")
    print("next: vss extract (or vss run)")
    return 0


def _run(args: argparse.Namespace) -> int:
    """What `make run` does, without make: extract, check, build."""
    for step in (_extract, _check, _build):
        status = step(args)
        if status:
            return status
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per stage."""
    from vsslib import __version__

    parser = argparse.ArgumentParser(
        prog="vss", description="VSS workbook: facts from the reports, their checks, and pages per period."
    )
    _verbosity(parser, default=False)
    common = argparse.ArgumentParser(add_help=False)
    _verbosity(common, default=argparse.SUPPRESS)  # after the command too, without resetting `vss -q build`
    parser.add_argument("--version", action="version", version=f"vss {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", parents=[common], help="extract, check and build: what `make run` does")
    _build_options(run)
    run.add_argument("--allow-loss", action="store_true", help=argparse.SUPPRESS)
    run.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)
    run.add_argument("--all", action="store_true", help=argparse.SUPPRESS)
    run.set_defaults(func=_run)
    extract = sub.add_parser(
        "extract", parents=[common], help=f"extract every report in {paths.layout().manifest.name} into data/extracted"
    )
    extract.add_argument(
        "--allow-loss", action="store_true", help="accept an extraction that loses a report's facts or most facts"
    )
    extract.set_defaults(func=_extract)
    check = sub.add_parser("check", parents=[common], help="check the reports' arithmetic and find conflicts")
    check.add_argument("--strict", action="store_true", help="exit 1 when there are error findings")
    check.add_argument("--all", action="store_true", help="also the findings the controller has decided on")
    check.set_defaults(func=_check)
    build = sub.add_parser("build", parents=[common], help="run every notebook for every period into HTML pages")
    _build_options(build)
    build.set_defaults(func=_build)
    add = sub.add_parser(
        "add", parents=[common], help="add a new report (.pdf, .txt, .md, .html) to data/raw and the manifest"
    )
    add.add_argument("file", metavar="FILE")
    add.add_argument("--organ", help="VSS or KS, when the title page does not say")
    add.add_argument("--vintage", metavar="YYYY-MM", help="the report's period, when the title page does not say")
    add.add_argument("--kind", help="delårsrapport, verksamhetsberättelse or årsredovisning")
    add.add_argument("--title", help="the manifest's title (default: organ, kind and period)")
    add.add_argument("--dry-run", action="store_true", help="only show what would be added")
    add.add_argument(
        "--accept-unread",
        action="store_true",
        help="add the report although some of its printed numbers gave no fact (the warnings name them)",
    )
    add.set_defaults(func=_add)
    export = sub.add_parser(
        "export", parents=[common], help="write a period's Excel workbook (its built pages' sheets) and facts CSV"
    )
    export.add_argument("--period", metavar="P", help="the period (default: the latest)")
    export.add_argument("--out", metavar="DIR", default=".", help="where to write (default: the current folder)")
    export.add_argument("--force", action="store_true", help="replace the period's files if they are there")
    export.add_argument(
        "--reports-dir", metavar="DIR", help="the built reports whose pages' sheets it holds (default: reports/)"
    )
    export.set_defaults(func=_export)
    return parser


def _verbosity(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", default=default, help="only warnings and errors")
    parser.add_argument("-v", "--verbose", action="store_true", default=default, help="more detail")


def _build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", action="append", metavar="P", help="only this period (repeatable)")
    parser.add_argument("--only", action="append", metavar="NAME", help="only this notebook (repeatable)")
    parser.add_argument("--jobs", type=_positive, default=None, help="parallel kernels (default: number of cores + 1)")
    parser.add_argument("--force", action="store_true", help="rebuild even when the inputs are unchanged")
    parser.add_argument("--with-code", action="store_true", help="keep the code cells in the HTML")
    parser.add_argument("--reports-dir", metavar="DIR", help="write here instead of reports/")
    parser.add_argument(
        "--fresh-kernels", action="store_true", help="start a plain kernel per run instead of a warm one (debugging)"
    )
    parser.add_argument(
        "--cell-timeout", type=_positive, default=600, metavar="S", help="fail a run whose cell runs longer (600)"
    )


# what a console without UTF-8 (a Windows code page such as cp1252) prints for the characters it lacks
PLAIN = {
    "\u2212": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u202f": " ",
    "\u2009": " ",
    "\u00a0": " ",
    "”": '"',
    "“": '"',
    "’": "'",
    "…": "...",
    "│": "|",
    "→": "->",
    "⚠": "!",
    "×": "x",
}


def _plain(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a look-alike the console can print for each character it cannot.

    The table's look-alike, else the letter without its accent (an ASCII console: 'å' as 'a'), else '?'.
    """
    import unicodedata

    assert isinstance(error, UnicodeEncodeError)

    def plain(char: str) -> str:
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        return PLAIN.get(char) or (base if base.isascii() and base else "?")

    return "".join(plain(c) for c in error.object[error.start : error.end]), error.end


codecs.register_error("vss-plain", _plain)


def safe_console() -> None:
    """Standard output and error that print any text in any console encoding, never a UnicodeEncodeError.

    UTF-8 prints everything as it is; another encoding (`vss check > fynd.txt` in a Windows console, cp1252)
    keeps what it can print (å, ä, ö) and gets a look-alike for the rest (U+2212 minus as '-').
    """
    for stream in (sys.stdout, sys.stderr):
        if not codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name.startswith("utf"):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="vss-plain")


MISSING_EXTRA = "install with `pip install -e .[notebooks]` (or run `make install`, which installs everything)"
NOTEBOOK_MODULES = ("papermill", "nbconvert", "nbformat", "ipykernel", "jupyter_client", "matplotlib", "statsmodels")


def _require_notebooks_extra() -> None:
    """A clear error before any work when a package of the notebooks extra is missing (never a kernel's traceback)."""
    import importlib.util

    missing = [name for name in NOTEBOOK_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise ModuleNotFoundError(f"No module named {missing[0]!r}", name=", ".join(missing))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `vss` command."""
    safe_console()
    args = build_parser().parse_args(argv)  # exits 2 with a usage message for bad arguments
    level = logging.WARNING if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, format="%(message)s", stream=sys.stderr, force=True)
    logging.getLogger("papermill").setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    try:
        return args.func(args)
    except BrokenPipeError:  # `vss check | head`: the reader has gone; say nothing more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except VssError as exc:
        print(f"vss {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:  # the notebooks extra (papermill, nbconvert, …) is not installed
        print(f"vss {args.command}: error: missing {exc.name}; {MISSING_EXTRA}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file the command needs cannot be read or written
        where = f"{exc.filename}: " if exc.filename else "a file it reads or writes (the project or --reports-dir): "
        print(f"vss {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"vss {args.command}: interrupted; the previous files are kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
