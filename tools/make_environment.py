"""Write environment.yml from requirements.lock: the same pinned packages for conda users.

Run by `make lock` after the lock is regenerated; tests/unit/test_environment.py checks the two agree.
Usage: python tools/make_environment.py [--check]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
ENVIRONMENT = ROOT / "environment.yml"
_PIN = re.compile(r"^([A-Za-z0-9_.\-]+==[^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def pins(lock_text: str) -> list[str]:
    """The lock's requirements ('name==version' or 'name==version; marker'), in lock order."""
    out = []
    for line in lock_text.splitlines():
        match = _PIN.match(line)
        if match:
            out.append(match.group(1) + (f"; {match.group(2).strip()}" if match.group(2) else ""))
    return out


def environment(lock_text: str) -> str:
    """environment.yml's text: Python 3.11 from conda-forge, every pin through pip, each a quoted string."""
    lines = [
        "# Generated from requirements.lock by tools/make_environment.py: do not edit by hand.",
        "# conda env create -f environment.yml && conda activate vsslib && pip install --no-deps -e . && vss run",
        "name: vsslib",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {json.dumps(pin)}" for pin in pins(lock_text)]  # a JSON string is a YAML string
    return "\n".join(lines) + "\n"


def main() -> int:
    """Write environment.yml, or with --check exit 1 when it is out of date."""
    text = environment(LOCK.read_text(encoding="utf-8"))
    if "--check" in sys.argv[1:]:
        current = ENVIRONMENT.read_text(encoding="utf-8") if ENVIRONMENT.exists() else ""
        return 0 if current == text else 1
    ENVIRONMENT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
