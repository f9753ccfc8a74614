"""The set-up side by side: requirements.lock into a fresh venv with plain pip and with `tools/install.py` (uv).

No cache for either (pip --no-cache-dir, UV_NO_CACHE=1), the same lock, hash-checked; vsslib itself installed
editable by both. Prints wall times (min/median/max over --repeat rounds, alternating); asserts nothing.

Run: .venv/bin/python benchmarks/bench_install.py [--repeat N]   (uses the python that runs it, e.g. 3.11)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = getattr(sys, "_base_executable", sys.executable)  # the interpreter a venv is made from


def fresh_venv(where: Path) -> Path:
    """A new empty virtual environment; its Python."""
    subprocess.run([BASE, "-m", "venv", str(where)], check=True)
    return where / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def plain_pip(python: Path) -> None:
    """What `make install` did before: pip, hash-checked, no cache."""
    pip = [str(python), "-m", "pip", "install", "-q", "--no-cache-dir", "--disable-pip-version-check"]
    subprocess.run([*pip, "--require-hashes", "-r", str(ROOT / "requirements.lock")], check=True)
    subprocess.run([*pip, "--no-deps", "--no-build-isolation", "-e", str(ROOT)], check=True)


def with_uv(python: Path) -> None:
    """What `make install` does now: tools/install.py (uv), no cache."""
    env = {**os.environ, "UV_NO_CACHE": "1", "PIP_NO_CACHE_DIR": "1"}
    subprocess.run([str(python), str(ROOT / "tools" / "install.py")], check=True, env=env, stdout=subprocess.DEVNULL)


def timed(install, python: Path) -> float:
    """Wall seconds of one install."""
    start = time.perf_counter()
    install(python)
    return time.perf_counter() - start


def main() -> None:
    """Alternate the two installs --repeat times and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    rounds = parser.parse_args().repeat
    times: dict[str, list[float]] = {"pip": [], "uv (tools/install.py)": []}
    for _ in range(rounds):
        for name, install in (("pip", plain_pip), ("uv (tools/install.py)", with_uv)):
            with tempfile.TemporaryDirectory() as tmp:
                times[name].append(timed(install, fresh_venv(Path(tmp) / "venv")))
    for name, values in times.items():
        print(
            f"{name:24s} min {min(values):6.1f} s  median {statistics.median(values):6.1f} s  max {max(values):6.1f} s"
        )
    ratio = statistics.median(times["pip"]) / statistics.median(times["uv (tools/install.py)"])
    print(f"uv is {ratio:.1f}x faster (median over {rounds} round(s), no cache)")


if __name__ == "__main__":
    main()
