"""Time to import vsslib, to extract all five reports, and to load the facts. Prints figures; asserts nothing.

Run: make bench   (or: .venv/bin/python benchmarks/bench_extract.py)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def best_of(fn, repeat: int = 5) -> tuple[float, float]:
    """Best and median wall time of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    """Print the timings."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import vsslib"], check=True)
    cold_import = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import vsslib.facts.load, vsslib.extract.pipeline"], check=True)
    cold_load_import = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    interpreter = time.perf_counter() - start

    from vsslib.extract.pipeline import extract_all
    from vsslib.facts.load import load_facts

    extract_min, extract_med = best_of(extract_all)
    load_min, load_med = best_of(load_facts)
    n = len(extract_all().facts)
    print(f"import vsslib (fresh interpreter, minus bare startup): {cold_import - interpreter:.3f} s")
    print(
        "import vsslib.facts.load and vsslib.extract.pipeline (pandas, pandera, rapidfuzz): "
        f"{cold_load_import - interpreter:.3f} s"
    )
    print(f"extract all five reports ({n} facts): best {extract_min:.3f} s, median {extract_med:.3f} s")
    print(f"load_facts (read + validate): best {load_min:.3f} s, median {load_med:.3f} s")


if __name__ == "__main__":
    main()
