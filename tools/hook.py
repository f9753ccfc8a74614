"""Run a commit hook's tool with the project's own environment, on any platform: `python tools/hook.py ruff check`.

pre-commit starts this with an interpreter of its own; the tool runs as `-m <tool>` under `.venv`'s Python
(`.venv/bin/python`, or `.venv/Scripts/python.exe` on Windows), the same pinned tools as `make lint`, offline.
Without `.venv` (the README's conda route) it runs under the active conda environment's Python (CONDA_PREFIX).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

VENV = Path(__file__).resolve().parents[1] / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")

if __name__ == "__main__":
    conda = Path(os.environ.get("CONDA_PREFIX", "")) / ("python.exe" if os.name == "nt" else "bin/python")
    python = PYTHON if PYTHON.exists() else conda if os.environ.get("CONDA_PREFIX") and conda.exists() else None
    if python is None:
        sys.exit("hook: no .venv and no active conda environment: run `make install` or `conda activate vsslib`")
    sys.exit(subprocess.call([str(python), "-m", *sys.argv[1:]]))
