"""Install requirements.lock (hash-checked) and vsslib into the running interpreter's environment: `make install`.

uv installs the lock about ten times faster than pip (`benchmarks/bench_install.py`). uv itself comes from the
lock, hash-checked, through pip; if uv cannot be had or fails, pip installs the same lock. Progress is shown.
Runs on any platform: `python tools/install.py` inside a fresh virtual environment.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
UV = [sys.executable, "-m", "uv"]


def pinned(lock: Path, name: str) -> str:
    """The lock's requirement for one package with its hashes ('uv==0.13.9 --hash=… …'), as a requirements file."""
    lines, keep = [], False
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            keep = line.split("==")[0].strip().lower() == name
        if keep and not line.lstrip().startswith("#"):
            lines.append(line)
    if not lines:
        raise SystemExit(f"{lock}: no pinned requirement for {name}")
    return "\n".join(lines) + "\n"


def run(step: str, command: list[str]) -> bool:
    """Run one step, saying what it does and how long it took; whether it succeeded."""
    print(f"install: {step} …", flush=True)
    started = time.monotonic()
    done = subprocess.run(command, check=False).returncode == 0
    print(f"install: {step}: {'done' if done else 'FAILED'} in {time.monotonic() - started:.0f} s", flush=True)
    return done


def with_uv() -> bool:
    """Install the lock and vsslib with uv (itself installed hash-checked from the lock); whether it worked."""
    with tempfile.TemporaryDirectory() as tmp:
        uv_lock = Path(tmp) / "uv.txt"
        uv_lock.write_text(pinned(LOCK, "uv"), encoding="utf-8")
        if not run(
            "uv from the lock (pip, hash-checked)", [*PIP, "install", "-q", "--require-hashes", "-r", str(uv_lock)]
        ):
            return False
    target = ["--python", sys.executable]
    return run(
        "the pinned dependencies (uv, hash-checked)",
        [*UV, "pip", "install", *target, "--require-hashes", "-r", str(LOCK)],
    ) and run(
        "vsslib itself (editable)",
        [*UV, "pip", "install", *target, "--no-deps", "--no-build-isolation", "-e", str(ROOT)],
    )


def with_pip() -> bool:
    """The same with pip alone (slower, no uv needed)."""
    return run(
        "the pinned dependencies (pip, hash-checked)", [*PIP, "install", "-q", "--require-hashes", "-r", str(LOCK)]
    ) and run("vsslib itself (editable)", [*PIP, "install", "-q", "--no-deps", "--no-build-isolation", "-e", str(ROOT)])


def main() -> int:
    """Install with uv, or with pip if uv fails (`--pip`: pip only); 1 if neither installs the lock."""
    if "--pip" not in sys.argv[1:] and with_uv():
        return 0
    print("install: installing with pip instead (slower)", flush=True)
    return 0 if with_pip() else 1


if __name__ == "__main__":
    sys.exit(main())
