"""Run a commit hook's tool with the project's own environment, on any platform: `python tools/hook.py ruff check`.

pre-commit starts this with an interpreter of its own; the tool runs as `-m <tool>` under `.venv`'s Python
(`.venv/bin/python`, or `.venv/Scripts/python.exe` on Windows), the same pinned tools as `make lint`, offline.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

VENV = Path(__file__).resolve().parents[1] / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")

if __name__ == "__main__":
    if not PYTHON.exists():
        sys.exit(f"hook: {PYTHON} not found; run `make install` (or the README's conda route) first")
    sys.exit(subprocess.call([str(PYTHON), "-m", *sys.argv[1:]]))
