"""How the build's cost per page grows with history: 5, 10 and 20 periods. Prints; asserts nothing.

The five reports are copied with every year moved on by 4, 8 and 12 years (a report of August 2021 becomes one
of August 2025, 2029, 2033) into a project made in a temporary directory (never committed), added to its
manifest as `vss add` would, and extracted. Then each size's full build (`vss build --force`, default jobs,
warm kernels) is timed, and its latest period built again alone with one job.

Like for like, per page: the CPU seconds per (period, notebook) run of the whole build (the build's and its
children's user+sys over the runs); the latest period's notebooks' cell time (papermill's durations; in the
full build, and alone); and the bytes of pages with their whole window behind them (`window.WINDOW_YEARS`
of history: at 5 periods only the latest, at 20 the last 17). A page's files are its HTML, its executed
notebook and its JSON summary.

Context, not per page: means over all pages count the young periods of a short history (the first report has
one year behind it, so its pages are small); a period's downloads (workbook, facts CSV) hold every fact up to
it by design; a single-period build pays once per build for the server's start and every report's checks.

Run: .venv/bin/python benchmarks/bench_scaling.py [ROUNDS]   (default 1 round; a round builds all three sizes)
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vsslib.pages.window import WINDOW_YEARS

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SIZES = (5, 10, 20)
NOTEBOOKS = len(list((ROOT / "notebooks").glob("*.ipynb")))


def moved_on(text: str, years: int) -> str:
    """Every year 2000–2099 in the text moved on by `years` (as tests/integration/test_add_report.py does by one)."""
    return re.sub(r"\b(20\d\d)\b", lambda m: str(int(m.group(1)) + years), text)


def make_project(where: Path, periods: int) -> Path:
    """A copy of the project whose manifest has `periods` reports: the five, then copies 4, 8, … years on."""
    shutil.copytree(ROOT / "data", where / "data", ignore=shutil.ignore_patterns(".vss.lock*", "extracted"))
    shutil.copytree(ROOT / "notebooks", where / "notebooks")
    (where / "data" / "extracted").mkdir()
    raw = where / "data" / "raw"
    manifest = raw / "manifest.csv"
    rows = list(csv.DictReader(io.StringIO(manifest.read_text(encoding="utf-8-sig"))))
    originals = list(rows)
    shift = 4
    while len(rows) < periods:
        for row in originals[: periods - len(rows)]:
            text = moved_on((raw / f"{row['report_id']}.txt").read_text(encoding="utf-8"), shift)
            vintage = moved_on(row["vintage"], shift)
            report_id = f"{row['organ'].lower()}-{vintage}"
            (raw / f"{report_id}.txt").write_text(text, encoding="utf-8")
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            title = moved_on(row["title"], shift)
            rows.append({**row, "report_id": report_id, "vintage": vintage, "title": title, "sha256": sha})
        shift += 4
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    manifest.write_text(buffer.getvalue(), encoding="utf-8")
    vss(where, "extract")
    return where


def vss(project: Path, *args: str) -> float:
    """Run a vss command in the project; its wall time."""
    start = time.perf_counter()
    env = {**os.environ, "VSS_PROJECT_ROOT": str(project)}
    done = subprocess.run([str(BIN / "vss"), *args], cwd=project, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"vss {' '.join(args)} failed in {project}:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def cpu() -> float:
    """CPU seconds used so far by finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(project: Path, periods: int) -> dict[str, float]:
    """One full build of the project: wall, CPU per run, bytes per page (HTML, and everything published)."""
    reports = project / "reports"
    shutil.rmtree(reports, ignore_errors=True)
    before = cpu()
    wall = vss(project, "build", "--force")
    cpu_per_run = (cpu() - before) / (periods * NOTEBOOKS)
    pages = list(reports.glob("*/*.html"))
    published = [f for f in reports.glob("*/*") if f.is_file()]
    periods_built = sorted(p.name for p in reports.iterdir() if p.is_dir() and p.name[:1].isdigit())
    latest = periods_built[-1]
    full = [f for f in published if int(f.parent.name[:4]) - WINDOW_YEARS + 1 >= int(periods_built[0][:4])]
    full_pages = [f for f in full if f.suffix == ".html"]
    latest_pages = list((reports / latest).glob("*.html"))
    cells = _cell_seconds(reports / latest)
    before = cpu()
    vss(project, "build", "--force", "--period", latest, "--jobs", "1")  # the same pages again, one at a time
    alone_cpu = cpu() - before
    alone = _cell_seconds(reports / latest)
    return {
        "wall": wall,
        "cpu_per_run": cpu_per_run,
        "html_per_page": _size(pages) / len(pages),
        "bytes_per_page": _size(published) / len(pages),
        "page_files_per_page": _size(f for f in published if f.suffix in PAGE_FILES) / len(pages),
        "downloads_per_period": _size(f for f in published if f.suffix not in PAGE_FILES) / periods,
        "full_window_html_per_page": _size(full_pages) / len(full_pages),
        "full_window_page_files_per_page": _size(f for f in full if f.suffix in PAGE_FILES) / len(full_pages),
        "latest_html_per_page": _size(latest_pages) / len(latest_pages),
        "latest_page_files_per_page": _size(f for f in (reports / latest).iterdir() if f.suffix in PAGE_FILES)
        / len(latest_pages),
        "latest_cells_per_run": sum(cells) / len(latest_pages),
        "latest_alone_per_run": sum(alone) / len(latest_pages),
        "latest_alone_cpu_per_run": alone_cpu / len(latest_pages),
    }


PAGE_FILES = {".html", ".ipynb", ".json"}
"""A page's own files: the page, its executed notebook, its JSON summary. The rest of a period's folder are its
downloads, the workbook and the facts CSV, which hold every fact up to the period by design."""


def _size(files) -> int:
    return sum(f.stat().st_size for f in files)


def _cell_seconds(folder: Path) -> list[float]:
    """Every cell's run time in the folder's executed notebooks (papermill records it)."""
    return [
        cell.get("metadata", {}).get("papermill", {}).get("duration") or 0.0
        for nb in folder.glob("*.ipynb")
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]
    ]


def main(rounds: int) -> None:
    """Build each size `rounds` times and print the figures."""
    print(f"bench_scaling: {os.cpu_count()} cores, sizes {SIZES} periods × {NOTEBOOKS} notebooks, {rounds} round(s)")
    results: dict[int, list[dict[str, float]]] = {n: [] for n in SIZES}
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp:
        projects = {n: make_project(Path(tmp) / f"p{n}", n) for n in SIZES}
        for r in range(rounds):
            for n in SIZES:
                m = measure(projects[n], n)
                results[n].append(m)
                print(
                    f"  round {r + 1} {n:2} periods: {m['wall']:6.1f} s wall, {m['cpu_per_run']:.2f} s CPU per run, "
                    f"{m['html_per_page'] / 1e3:.0f} kB HTML and {m['bytes_per_page'] / 1e3:.0f} kB in all per page",
                    flush=True,
                )
    medians = {n: {k: statistics.median(m[k] for m in results[n]) for k in results[n][0]} for n in SIZES}
    for heading, rows in GROUPS:
        print(f"\n{heading} — medians, and the change from {SIZES[0]} to {SIZES[-1]} periods:")
        for key, label, scale in rows:
            values = "  ".join(f"{n:2}: {medians[n][key] / scale:8.2f}" for n in SIZES)
            change = medians[SIZES[-1]][key] / medians[SIZES[0]][key] - 1
            print(f"  {label:38} {values}   {change:+.0%}")


GROUPS = (
    (
        "Per page, like for like (the target: flat within 20 %)",
        (
            ("cpu_per_run", "CPU per run, whole build (s)", 1),
            ("latest_cells_per_run", "latest period: cells per run (s)", 1),
            ("latest_alone_per_run", "latest period alone: cells per run (s)", 1),
            ("full_window_html_per_page", "full-window pages: HTML (kB)", 1e3),
            ("full_window_page_files_per_page", "full-window pages: page files (kB)", 1e3),
            ("latest_html_per_page", "latest period: HTML (kB)", 1e3),
            ("latest_page_files_per_page", "latest period: page files (kB)", 1e3),
        ),
    ),
    (
        "Context: means over young and old pages, data that grows by design, per-build work",
        (
            ("html_per_page", "all pages: HTML (kB)", 1e3),
            ("page_files_per_page", "all pages: page files (kB)", 1e3),
            ("bytes_per_page", "all files over all pages (kB)", 1e3),
            ("downloads_per_period", "downloads per period (kB)", 1e3),
            ("latest_alone_cpu_per_run", "one-period build: CPU / pages (s)", 1),
            ("wall", "whole build: wall (s)", 1),
        ),
    ),
)

if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
