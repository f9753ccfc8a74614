"""Time the notebook build three ways on this machine, and print the ratios. Asserts nothing.

1. `vss build --jobs 2 --force` into a fresh directory (cold build of every period);
2. the naive way: for each notebook and period, the papermill CLI, then the `jupyter nbconvert --to html` CLI;
3. the no-op rebuild (`vss build` again with nothing changed).
It also measures what a kernel spends before a notebook's first cell (kernel start and parameters).

Run: make bench   (or: .venv/bin/python benchmarks/bench_build.py)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(cmd: list[str]) -> float:
    """Wall time of a command, which must succeed."""
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def naive(out: Path, notebooks: list[Path], periods: list[str]) -> float:
    """Run the papermill CLI, then the nbconvert CLI, per notebook and period, one after the other."""
    start = time.perf_counter()
    for period in periods:
        for nb in notebooks:
            executed = out / f"{nb.stem}-{period}.ipynb"
            subprocess.run(
                [str(BIN / "papermill"), str(nb), str(executed), "-p", "period", period, "-p", "output_dir", str(out)],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            subprocess.run(
                [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
    return time.perf_counter() - start


def before_first_cell() -> float:
    """Seconds from starting a kernel to the end of a notebook's first (parameters) cell."""
    import nbformat
    import papermill

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("period = None", metadata={"tags": ["parameters"]})]
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "empty.ipynb", Path(tmp) / "out.ipynb"
        nbformat.write(nb, src)
        start = time.perf_counter()
        papermill.execute_notebook(
            str(src),
            str(dst),
            parameters={"period": "2021-08"},
            progress_bar=False,
            kernel_name="python3",
            language="python",
        )
        return time.perf_counter() - start


def import_cell_seconds(executed: Path) -> float:
    """Seconds a built notebook spent in its cells up to and including the first one that imports."""
    import json

    total = 0.0
    for cell in json.loads(executed.read_text(encoding="utf-8"))["cells"]:
        total += cell.get("metadata", {}).get("papermill", {}).get("duration") or 0.0
        if cell["cell_type"] == "code" and "import " in "".join(cell["source"]):
            break
    return total


def main() -> None:
    """Print the timings and ratios."""
    from vsslib.extract.manifest import valid_periods

    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    periods = valid_periods()
    with tempfile.TemporaryDirectory() as tmp:
        reports = Path(tmp) / "reports"
        vss = [str(BIN / "vss"), "build", "--jobs", "2", "--reports-dir", str(reports)]
        cold = timed([*vss, "--force"])
        noop = timed(vss)
        first_cells = {nb.stem: import_cell_seconds(reports / periods[-1] / f"{nb.stem}.ipynb") for nb in notebooks}
        (Path(tmp) / "naive").mkdir()
        slow = naive(Path(tmp) / "naive", notebooks, periods)
    kernel = before_first_cell()
    runs = len(notebooks) * len(periods)
    print(f"{len(notebooks)} notebooks x {len(periods)} periods = {runs} runs")
    print(f"vss build --jobs 2 (cold):        {cold:6.1f} s")
    print(f"naive papermill + nbconvert CLIs: {slow:6.1f} s   ratio naive/cold = {slow / cold:.1f}x")
    print(f"no-op rebuild:                    {noop:6.2f} s")
    print(f"kernel start to end of first cell (empty notebook): {kernel:.2f} s")
    for name, seconds in first_cells.items():
        print(f"  {name}: parameters and imports cells take {seconds:.2f} s (period {periods[-1]})")


if __name__ == "__main__":
    main()
