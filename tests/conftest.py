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
