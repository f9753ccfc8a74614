"""The `vss` command: `vss extract`, `vss check`, `vss build`.

Exit status: 0 done, 1 a notebook failed (or --strict findings), 2 bad input (named with file and line).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from vsslib import paths
from vsslib.errors import VssError


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
        print(f"  warning: {warning}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from vsslib.facts.annotations import load_text_amounts
    from vsslib.facts.checks import run_checks
    from vsslib.facts.load import load_facts

    findings = run_checks(load_facts(), load_text_amounts())
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

    from vsslib.publish.build import build, summary_table

    outcomes = build(
        periods=args.period,
        only=args.only,
        jobs=args.jobs,
        force=args.force,
        with_code=args.with_code,
        reports_dir=Path(args.reports_dir) if args.reports_dir else None,
    )
    print(summary_table(outcomes))
    failed = [o for o in outcomes if o.status == "failed"]
    print(
        f"{len(outcomes) - len(failed)} of {len(outcomes)} ok; index: "
        f"{(Path(args.reports_dir) if args.reports_dir else paths.REPORTS_DIR) / 'index.html'}"
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per stage."""
    from vsslib import __version__

    parser = argparse.ArgumentParser(prog="vss", description="VSS workbook: facts from the reports and their checks.")
    parser.add_argument("--version", action="version", version=f"vss {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = sub.add_parser(
        "extract", help=f"extract every report in {paths.MANIFEST_PATH.name} into data/extracted/facts.csv"
    )
    extract.add_argument(
        "--allow-loss", action="store_true", help="accept an extraction that loses a report's facts or most facts"
    )
    extract.set_defaults(func=_extract)
    check = sub.add_parser("check", help="check the reports' own arithmetic and find conflicts between reports")
    check.add_argument("-v", "--verbose", action="store_true", help="print each finding's source row")
    check.add_argument("--strict", action="store_true", help="exit 1 when there are error findings")
    check.set_defaults(func=_check)
    build = sub.add_parser("build", help="execute every notebook for every period and render HTML and an index")
    build.add_argument("--period", action="append", metavar="P", help="only this period (repeatable)")
    build.add_argument("--only", action="append", metavar="NAME", help="only this notebook (repeatable)")
    build.add_argument("--jobs", type=_positive, default=None, help="parallel kernels (default: number of cores)")
    build.add_argument("--force", action="store_true", help="rebuild even when the inputs are unchanged")
    build.add_argument("--with-code", action="store_true", help="keep the code cells in the HTML")
    build.add_argument("--reports-dir", metavar="DIR", help="write here instead of reports/")
    build.set_defaults(func=_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `vss` command."""
    args = build_parser().parse_args(argv)  # exits 2 with a usage message for bad arguments
    try:
        return args.func(args)
    except VssError as exc:
        print(f"vss {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file the command needs cannot be read or written
        where = f" {exc.filename}" if exc.filename else ""
        print(f"vss {args.command}: error:{where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"vss {args.command}: interrupted; the previous files are kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
