"""Shared fixtures: the facts extracted from the committed raw reports (once per test session)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import settings

from vsslib.extract.pipeline import extract_all

settings.register_profile("vss", derandomize=True, database=None, deadline=None)
settings.load_profile("vss")


@pytest.fixture(scope="session")
def extraction():
    return extract_all()


@pytest.fixture(scope="session")
def facts(extraction) -> pd.DataFrame:
    return pd.DataFrame(extraction.facts)


def replace_raw_report(raw_dir, report_id: str, data: bytes) -> None:
    """Put new bytes in place of a raw report and record their checksum in the manifest, as a new text would."""
    import csv
    import hashlib

    raw = raw_dir / f"{report_id}.txt"
    raw.chmod(0o644)
    raw.write_bytes(data)
    manifest = raw_dir / "manifest.csv"
    rows = list(csv.DictReader(manifest.open(encoding="utf-8")))
    for row in rows:
        if row["report_id"] == report_id:
            row["sha256"] = hashlib.sha256(data).hexdigest()
    with manifest.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def project(tmp_path):
    """A writable copy of the project's data/ in tmp_path, for commands that change it (`vss add`, `vss extract`)."""
    import shutil

    from vsslib import paths

    shutil.copytree(paths.PROJECT_ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns(".vss.lock*"))
    for f in (tmp_path / "data").rglob("*"):
        f.chmod(0o644 if f.is_file() else 0o755)
    return tmp_path


def run_vss(project, *args: str):
    """`vss ARGS` run on the project copy (VSS_PROJECT_ROOT), its output captured."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "VSS_PROJECT_ROOT": str(project)}
    command = [sys.executable, "-m", "vsslib.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False, cwd=project)
