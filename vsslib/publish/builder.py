"""The build: every notebook for every period, run and published, then one index of every page.

Outline: refuse bad input before any kernel starts; take the reports folder's lock; copy the data the
notebooks read into one snapshot (`snapshot`); skip a (period, notebook) whose inputs are unchanged
since its last good build (`plan`, `state`), and a period's workbook likewise; run the others in parallel,
each in its own kernel (`run`); write reports/index.html from every page on disk (`render`), marking the
pages and workbooks a build now would make differently 'inaktuell'.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vsslib import __version__, paths
from vsslib import formatting as fmt
from vsslib.errors import ParameterError, StaleDataError
from vsslib.extract.manifest import valid_periods
from vsslib.fileio import atomic_write
from vsslib.locking import exclusive
from vsslib.pages.notebook import check_choice
from vsslib.publish.ownership import BUILD_DIR, claim_reports_dir, remove_leftovers
from vsslib.publish.plan import (
    Job,
    book_inputs,
    check_writable,
    current_keys,
    discover,
    notebook_title,
    plan,
    source_hash,
    workbook_key,
)
from vsslib.publish.render import render_index
from vsslib.publish.run import run_parallel
from vsslib.publish.snapshot import Snapshot, declared_reads, take_snapshot
from vsslib.publish.state import WORKBOOK, Outcome, as_outcome, index_cells, read_state, up_to_date

log = logging.getLogger("vsslib")


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=paths.layout().root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "okänd"
    return done.stdout.strip() or "okänd"


def provenance(facts_sha256: str) -> dict:
    """Git commit, the snapshot's facts hash and the package version for the footers."""
    return {"commit": _commit(), "facts": facts_sha256[:16], "version": __version__}


def build(
    periods: list[str] | None = None,
    only: list[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    with_code: bool = False,
    reports_dir: Path | None = None,
    notebooks_dir: Path | None = None,
    echo: Callable[[str], object] = log.info,
    fresh_kernels: bool = False,
    cell_timeout: int | None = None,
) -> list[Outcome]:
    """Build the notebooks for the periods; returns one Outcome per (period, notebook) of this build.

    Everything that can be refused is refused before any kernel starts (unknown period or notebook,
    a notebook without parameters or declared reads, stale facts, a foreign or unwritable folder,
    another build running). The index is rebuilt from every page on disk, not only this build's.
    """
    started = time.monotonic()
    reports_dir = reports_dir or paths.layout().reports
    notebooks_dir = notebooks_dir or paths.layout().notebooks
    if jobs is not None and (not isinstance(jobs, int) or jobs < 1):
        raise ParameterError("jobs", jobs, ["1", "2", "…"])
    all_periods = valid_periods()
    for period in periods or []:
        check_choice("period", period, all_periods)
    periods = periods or all_periods
    every_notebook = discover(notebooks_dir, None)
    notebooks = discover(notebooks_dir, only)
    reads = {nb: declared_reads(nb) for nb in every_notebook}
    check_writable(reports_dir)
    claim_reports_dir(reports_dir)
    with exclusive(reports_dir / ".vss-build.lock", "vss build"):
        remove_leftovers(reports_dir, [p.stem for p in every_notebook])
        options = Options(jobs, force, with_code, fresh_kernels, cell_timeout)
        outcomes, current, book_keys = _build_locked(
            notebooks, every_notebook, reads, periods, all_periods, options, reports_dir, echo
        )
        titles = {p.stem: notebook_title(p) for p in every_notebook}
        names = [p.stem for p in every_notebook]
        footer = [
            ("Index uppdaterat", fmt.local_time()),
            ("Byggtid", f"{fmt.number(time.monotonic() - started, 0)} s"),
            ("Verktyg", f"vsslib {__version__}, version {_commit()}"),
        ]
        cells = index_cells(reports_dir, all_periods, names, outcomes, current)
        workbooks = {p for p in all_periods if _workbook(reports_dir, p).exists()}
        stale_books = {p for p in workbooks if not _workbook_current(reports_dir, p, book_keys[p])}
        stale = [f"{p} {n}" for p, n in sorted(k for k, c in cells.items() if c.outcome.status == "stale")]
        stale += [f"{p} arbetsbok" for p in sorted(stale_books)]
        if stale:
            named = ", ".join(stale[:4]) + (", …" if len(stale) > 4 else "")
            echo(
                f"  {len(stale)} page(s) or workbook(s) were made from other data, notebooks or library than today's "
                f"({named}): the index marks them 'inaktuell'; `vss build` rebuilds them"
            )
        index = render_index(cells, all_periods, names, titles, footer, workbooks, stale_books)
        atomic_write(reports_dir / "index.html", index)
    return sorted(outcomes, key=lambda o: (o.period, o.name))


@dataclass(frozen=True)
class Options:
    """How a build runs: parallel workers, rebuild all, code shown, kernel kind, per-cell time limit."""

    jobs: int | None = None
    force: bool = False
    with_code: bool = False
    fresh_kernels: bool = False
    cell_timeout: int | None = None


def _build_locked(
    notebooks: list[Path],
    every_notebook: list[Path],
    reads: dict[Path, list[str]],
    periods: list[str],
    index_periods: list[str],
    options: Options,
    reports_dir: Path,
    echo: Callable[[str], object],
) -> tuple[list[Outcome], dict[tuple[str, str], set[str]], dict[str, str]]:
    """This build's outcomes, and the current keys of every page and every workbook in the index.

    A period's workbook is written when it is missing or was written with another key (`plan.workbook_key`:
    other data or library), or with `--force`.
    """
    snapshot_dir = reports_dir / BUILD_DIR / f"snapshot-{os.getpid()}"
    try:
        every_read = {r for nb in every_notebook for r in reads[nb]}
        snapshot = take_snapshot(snapshot_dir, every_read | set(paths.WORKBOOK_READS))
        digests, book_inputs = _digests(snapshot, every_notebook, reads)
        source = source_hash()
        todo = plan(notebooks, periods, reports_dir, options.with_code, digests, source)
        book_keys = {p: workbook_key(p, book_inputs, source) for p in index_periods}
        for out_dir in sorted({j.out_dir for j in todo}):
            check_writable(out_dir)
        current = [] if options.force else [j for j in todo if up_to_date(j)]
        outcomes = [_skipped(j) for j in current]
        for o in outcomes:
            echo(f"  {o.period} {o.name}: unchanged, skipped")
        pending = [j for j in todo if j not in current]
        stale_books = [p for p in periods if options.force or not _workbook_current(reports_dir, p, book_keys[p])]
        books = {}
        for period in stale_books:
            waiting = _pages_waiting(period, every_notebook, reports_dir, digests, source, pending)
            if waiting:
                echo(f"  {period} arbetsbok: waits for its pages {', '.join(waiting)} (vss build --period {period})")
            else:
                books[period] = book_keys[period]
        if pending or books:
            workers = options.jobs or (os.cpu_count() or 1) + 1  # a worker waits on its kernel part of the time
            outcomes += run_parallel(
                pending,
                workers,
                provenance(snapshot.facts_sha256),
                snapshot.data_dir,
                echo,
                fresh_kernels=options.fresh_kernels,
                cell_timeout=options.cell_timeout,
                workbooks=books,
                reports_dir=reports_dir,
                pages={nb.stem: notebook_title(nb) for nb in every_notebook},
            )
        keys_now, book_keys = _keys_after(snapshot_dir, every_notebook, reads, index_periods, reports_dir)
        return outcomes, keys_now, book_keys
    finally:
        shutil.rmtree(snapshot_dir, ignore_errors=True)
        shutil.rmtree(snapshot_dir.with_name(snapshot_dir.name + "-after"), ignore_errors=True)


def _digests(snapshot: Snapshot, notebooks: list[Path], reads: dict[Path, list[str]]) -> tuple[dict[Path, str], str]:
    """Each notebook's inputs hash and the workbooks' inputs hash (facts and pages), from one snapshot."""
    digests = {nb: snapshot.digest(reads[nb]) for nb in notebooks}
    return digests, book_inputs(snapshot.digest(paths.WORKBOOK_READS), notebooks, digests)


def _pages_waiting(
    period: str, notebooks: list[Path], reports_dir: Path, digests: dict[Path, str], source: str, pending: list[Job]
) -> list[str]:
    """The pages of the period that are neither built by this build nor up to date: the workbook waits for them.

    A page left out of this build (`--only`) and missing or out of date would leave its sheets out of the
    workbook or put old ones in; the index then marks the workbook 'inaktuell'. Built with or without code.
    """
    ready = {(j.period, j.name) for j in pending} | {
        (j.period, j.name)
        for with_code in (False, True)
        for j in plan(notebooks, [period], reports_dir, with_code, digests, source)
        if up_to_date(j)
    }
    return [nb.stem for nb in notebooks if (period, nb.stem) not in ready]


def _keys_after(
    snapshot_dir: Path,
    every_notebook: list[Path],
    reads: dict[Path, list[str]],
    index_periods: list[str],
    reports_dir: Path,
) -> tuple[dict[tuple[str, str], set[str]], dict[str, str]]:
    """The keys of every page and workbook as the inputs are now, after the build.

    An annotation edited, a report added or the facts re-extracted while it ran make its pages 'inaktuell'
    in the index, and the build names them. A data folder that can no longer be read whole (facts older than
    a report added meanwhile) makes every page out of date.
    """
    every_read = {r for nb in every_notebook for r in reads[nb]}
    source = source_hash()
    try:
        live = take_snapshot(
            snapshot_dir.with_name(snapshot_dir.name + "-after"), every_read | set(paths.WORKBOOK_READS)
        )
        digests, book_inputs = _digests(live, every_notebook, reads)
    except StaleDataError:
        digests, book_inputs = dict.fromkeys(every_notebook, "stale"), "stale"
    keys = current_keys(every_notebook, index_periods, reports_dir, digests, source)
    return keys, {p: workbook_key(p, book_inputs, source) for p in index_periods}


def _workbook(reports_dir: Path, period: str) -> Path:
    return reports_dir / period / f"vss-{period}.xlsx"


def _workbook_current(reports_dir: Path, period: str, key: str) -> bool:
    """Whether the period's workbook is in place and was written with this key."""
    recorded = read_state(reports_dir / period, WORKBOOK) or {}
    return _workbook(reports_dir, period).exists() and recorded.get("inputs_hash") == key


def _skipped(job: Job) -> Outcome:
    state = read_state(job.out_dir, job.name) or {}
    return as_outcome({**state, "name": job.name, "period": job.period}, "skipped")


def summary_table(outcomes: list[Outcome]) -> str:
    """The terminal summary: one line per (period, notebook), failures with cell and exception."""
    lines = [f"{'period':8} {'notebook':24} {'status':12} {'s':>6}"]
    for o in outcomes:
        lines.append(f"{o.period:8} {o.name:24} {o.status:12} {o.seconds:6.1f}")
        if o.status == "failed":
            where = f"cell {o.cell}: " if o.cell is not None else ""  # a workbook, or a page that failed outside a cell
            lines.append(f"{'':8} {where}{o.error}")
    return "\n".join(lines)
