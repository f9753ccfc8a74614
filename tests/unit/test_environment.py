"""requirements.lock and environment.yml pin the same packages."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pins(text: str) -> set[str]:
    return {m.group(1).lower() for m in re.finditer(r"^\s*(?:- )?([A-Za-z0-9_.\-]+==[^\s#]+)", text, re.MULTILINE)}


def test_lock_and_environment_agree():
    lock = pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    env = pins((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert lock and lock == env


def test_pyproject_dependencies_are_pinned_in_lock():
    lock = {p.split("==")[0] for p in pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))}
    for name in ("pandas", "pandera", "rapidfuzz", "pytest"):
        assert name in lock
