"""The build: every notebook for every period, run and published, then one index of every page.

Outline: find the notebooks and the periods; refuse bad input before any kernel starts; skip a
(period, notebook) whose inputs are unchanged since its last good build (`plan`, `state`); run the
others in parallel, each in its own kernel (`run`); write reports/index.html (`render`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from vsslib import __version__, paths
from vsslib.extract.manifest import valid_periods
from vsslib.facts.store import assert_fresh, facts_hash
from vsslib.fileio import atomic_write
from vsslib.publish.notebook import check_choice
from vsslib.publish.plan import check_writable, discover, notebook_title, plan
from vsslib.publish.render import render_index
from vsslib.publish.run import run_parallel
from vsslib.publish.state import Outcome, merge_with_disk, read_skipped, up_to_date


def provenance() -> dict:
    """Git commit, facts hash and package version for the footers."""
    try:
        commit = (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],
                cwd=paths.PROJECT_ROOT,
                capture_output=True,
                text=True,
                check=False,
            ).stdout.strip()
            or "okänd"
        )
    except OSError:
        commit = "okänd"
    return {"commit": commit, "facts": facts_hash()[:16], "version": __version__}


def build(
    periods: list[str] | None = None,
    only: list[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    with_code: bool = False,
    reports_dir: Path | None = None,
    notebooks_dir: Path | None = None,
    echo: Callable[[str], object] = print,
) -> list[Outcome]:
    """Build the notebooks for the periods; returns one Outcome per (period, notebook)."""
    reports_dir = reports_dir or paths.REPORTS_DIR
    notebooks_dir = notebooks_dir or paths.PROJECT_ROOT / "notebooks"
    all_periods = valid_periods()
    for period in periods or []:
        check_choice("period", period, all_periods)
    periods = periods or all_periods
    notebooks = discover(notebooks_dir, only)
    assert_fresh()
    check_writable(reports_dir)
    remove_leftovers(reports_dir)
    todo = plan(notebooks, periods, reports_dir, with_code)
    current = [] if force else [j for j in todo if up_to_date(j)]
    outcomes = [read_skipped(j) for j in current]
    pending = [j for j in todo if j not in current]
    for o in outcomes:
        echo(f"  {o.period} {o.name}: oförändrad, hoppar över")
    if pending:
        outcomes += run_parallel(pending, jobs or os.cpu_count() or 1, provenance(), echo)
    titles = {p.stem: notebook_title(p) for p in notebooks}
    index = render_index(merge_with_disk(reports_dir, outcomes), all_periods, [p.stem for p in notebooks], titles)
    atomic_write(reports_dir / "index.html", index)
    return sorted(outcomes, key=lambda o: (o.period, o.name))


def remove_leftovers(reports_dir: Path) -> None:
    """Remove staging directories and temporary files that a killed build left behind."""
    for leftover in reports_dir.glob("*/.*-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in [*reports_dir.glob(".*.tmp"), *reports_dir.glob("*/.*.tmp")]:
        leftover.unlink(missing_ok=True)


def summary_table(outcomes: list[Outcome]) -> str:
    """The terminal summary: one line per (period, notebook), failures with cell and exception."""
    lines = [f"{'period':8} {'notebook':24} {'status':12} {'s':>6}"]
    for o in outcomes:
        lines.append(f"{o.period:8} {o.name:24} {o.status:12} {o.seconds:6.1f}")
        if o.status == "failed":
            lines.append(f"{'':8} cell {o.cell if o.cell is not None else '?'}: {o.error}")
    return "\n".join(lines)
