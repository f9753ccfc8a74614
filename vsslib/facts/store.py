"""The stored facts table: data/extracted/facts.csv and facts.meta.json, written and verified."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from vsslib import paths
from vsslib.errors import StaleDataError
from vsslib.extract.manifest import read_manifest
from vsslib.facts.contract import COLUMNS
from vsslib.fileio import atomic_write

if TYPE_CHECKING:
    from vsslib.extract.pipeline import Extraction


def format_value(value: float) -> str:
    """Shortest exact decimal text for a value (no float noise, no trailing zeros)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def facts_csv(facts: list[dict]) -> str:
    """The facts as CSV text with a fixed column order and number format."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for f in facts:
        writer.writerow([format_value(f[c]) if c == "value" else f[c] for c in COLUMNS])
    return buf.getvalue()


def write_facts(extraction: Extraction, facts_path: Path | None = None, manifest_path: Path | None = None) -> Path:
    """Write facts.csv and facts.meta.json (the raw hashes it was made from), each atomically."""
    facts_path = facts_path or paths.FACTS_PATH
    entries = read_manifest(manifest_path or paths.MANIFEST_PATH)
    for leftover in facts_path.parent.glob(".facts.*.tmp"):  # from an extraction that was killed
        leftover.unlink(missing_ok=True)
    text = facts_csv(extraction.facts)
    meta = {
        "raw": {e.report_id: e.sha256 for e in entries},
        "facts_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "rows": len(extraction.facts),
        "tables": extraction.tables,
        "warnings": extraction.warnings,
    }
    atomic_write(facts_path, text)
    atomic_write(facts_path.with_name("facts.meta.json"), json.dumps(meta, indent=2, sort_keys=True) + "\n")
    return facts_path


def assert_fresh(facts_path: Path | None = None, manifest_path: Path | None = None) -> None:
    """Raise StaleDataError unless facts.csv exists and was made from the raw files now present."""
    facts_path = facts_path or paths.FACTS_PATH
    meta_path = facts_path.with_name("facts.meta.json")
    if not facts_path.exists() or not meta_path.exists():
        raise StaleDataError(f"{facts_path} is missing: run `vss extract` first")
    made_from = json.loads(meta_path.read_text(encoding="utf-8"))["raw"]
    now = {e.report_id: e.sha256 for e in read_manifest(manifest_path or paths.MANIFEST_PATH)}
    if made_from != now:
        changed = sorted(k for k in made_from.keys() | now.keys() if made_from.get(k) != now.get(k))
        raise StaleDataError(
            f"{facts_path} is stale against data/raw (reports {', '.join(changed)} differ): run `vss extract`"
        )


def extraction_meta(meta_path: Path | None = None) -> dict:
    """What the last extraction recorded: raw hashes, facts hash, tables per report, reader warnings."""
    path = meta_path or paths.FACTS_META_PATH
    if not path.exists():
        raise StaleDataError(f"{path} is missing: run `vss extract` first")
    return json.loads(path.read_text(encoding="utf-8"))


def facts_hash() -> str:
    """The facts' hash recorded at extraction."""
    return extraction_meta()["facts_sha256"]
