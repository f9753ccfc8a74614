"""Time the full build of every period against the naive papermill + nbconvert loop. Prints; asserts nothing.

Contenders, run interleaved (one of each per round, `ROUNDS` rounds), each into a fresh directory:
  pool    `vss build --force` (default jobs, warm kernels from the fork server)
  fresh   `vss build --force --fresh-kernels` (a plain kernel per run, as before the pool)
  naive   per notebook and period, one after the other: the papermill CLI, then
          `jupyter nbconvert --to html --no-input` (the same notebooks, periods, parameters; nbconvert's
          own HTML template, which the build wraps in the project's page template)
  naive2  the same loop, two (period, notebook) pairs at a time
Per contender: wall time min/median/max and CPU seconds (children's user+sys); the ratios of the medians;
for the pool also the time from the command to the first finished page; then the no-op rebuild.

Run: make bench   (or: .venv/bin/python benchmarks/bench_build.py [ROUNDS])
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def periods() -> list[str]:
    """The periods of the manifest."""
    sys.path.insert(0, str(ROOT))
    from vsslib.extract.manifest import valid_periods

    return valid_periods()


def cpu() -> float:
    """CPU seconds used so far by finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(out: Path, *extra: str) -> tuple[float, float | None]:
    """Wall time of `vss build --force` into out, and the time until its first page was finished."""
    start = time.perf_counter()
    first = None
    proc = subprocess.Popen(
        [str(BIN / "vss"), "build", "--force", "--reports-dir", str(out), *extra],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        if first is None and "[1/" in line:
            first = time.perf_counter() - start
    if proc.wait() != 0:
        raise SystemExit(f"vss build failed in {out}")
    return time.perf_counter() - start, first


def one_naive(out: Path, nb: Path, period: str) -> None:
    """The papermill CLI, then the nbconvert CLI, for one notebook and period."""
    executed = out / f"{nb.stem}-{period}.ipynb"
    run = [str(BIN / "papermill"), str(nb), str(executed), "-p", "period", period, "-p", "output_dir", str(out)]
    subprocess.run(run, cwd=ROOT, check=True, capture_output=True)
    convert = [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)]
    subprocess.run(convert, cwd=ROOT, check=True, capture_output=True)


def naive(out: Path, at_a_time: int) -> tuple[float, None]:
    """Every (period, notebook) the naive way, `at_a_time` at once."""
    start = time.perf_counter()
    out.mkdir(parents=True)
    pairs = [(nb, p) for p in periods() for nb in NOTEBOOKS]
    with ThreadPoolExecutor(at_a_time) as pool:
        list(pool.map(lambda pair: one_naive(out, *pair), pairs))
    return time.perf_counter() - start, None


CONTENDERS = {
    "pool": lambda out: build(out),
    "fresh": lambda out: build(out, "--fresh-kernels"),
    "naive": lambda out: naive(out, 1),
    "naive2": lambda out: naive(out, 2),
}


def main(rounds: int) -> None:
    """Run the contenders interleaved and print the figures."""
    walls: dict[str, list[float]] = {k: [] for k in CONTENDERS}
    cpus: dict[str, list[float]] = {k: [] for k in CONTENDERS}
    firsts: list[float] = []
    env_note = f"{os.cpu_count()} cores, {len(periods())} periods × {len(NOTEBOOKS)} notebooks, {rounds} rounds"
    print(f"bench_build: {env_note}", flush=True)
    for r in range(rounds):
        for name, run in CONTENDERS.items():
            with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp:
                before = cpu()
                wall, first = run(Path(tmp) / "reports")
                cpus[name].append(cpu() - before)
                walls[name].append(wall)
                if first is not None and name == "pool":
                    firsts.append(first)
                print(f"  round {r + 1} {name:7} {wall:7.1f} s wall {cpus[name][-1]:7.1f} s CPU", flush=True)
    print("\nwall time (min / median / max) and CPU seconds of the whole build (median):")
    for name in CONTENDERS:
        w = walls[name]
        spread = f"{min(w):7.1f} / {statistics.median(w):7.1f} / {max(w):7.1f} s"
        print(f"  {name:7} {spread}   CPU {statistics.median(cpus[name]):6.1f} s")
    pool = statistics.median(walls["pool"])
    print("\nratios of medians (higher is faster for the pool):")
    for name in ("naive", "naive2", "fresh"):
        print(f"  pool vs {name:7} {statistics.median(walls[name]) / pool:5.1f}×")
    print(f"\nfirst finished page (pool): median {statistics.median(firsts):.1f} s")
    with tempfile.TemporaryDirectory(prefix="bench-noop-") as tmp:
        out = Path(tmp) / "reports"
        build(out)
        start = time.perf_counter()
        subprocess.run(
            [str(BIN / "vss"), "build", "--reports-dir", str(out)], cwd=ROOT, check=True, capture_output=True
        )
        print(f"no-op rebuild: {time.perf_counter() - start:.2f} s")
    print(json.dumps({"walls": walls, "cpus": cpus, "first_page": firsts}, indent=None))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
