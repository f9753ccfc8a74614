"""The stored facts table: data/extracted/facts.csv and facts.meta.json, written and verified."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vsslib import paths
from vsslib.contract import COLUMNS, TARGET_COLUMNS
from vsslib.errors import StaleDataError, VssError
from vsslib.extract.manifest import read_manifest
from vsslib.fileio import atomic_write
from vsslib.locking import exclusive

if TYPE_CHECKING:
    from vsslib.extract.pipeline import Extraction


class ExtractionLossError(VssError):
    """A new extraction would silently lose facts the current table has."""


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


def targets_csv(targets: list[dict]) -> str:
    """The targets as CSV text: the contract's columns, numbers without float noise, an empty cell for none."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(TARGET_COLUMNS)
    for t in targets:
        row = dict(t, target_value="" if t["target_value"] is None else format_value(t["target_value"]))
        writer.writerow([row[c] for c in TARGET_COLUMNS])
    return buf.getvalue()


def write_facts(
    extraction: Extraction,
    facts_path: Path | None = None,
    manifest_path: Path | None = None,
    allow_loss: bool = False,
) -> Path:
    """Write facts.csv and facts.meta.json (the raw hashes it was made from), each atomically, under a lock.

    Refused unless allow_loss: an extraction that loses every fact of a report the current facts have,
    or more than half of all facts (an emptied manifest, a report cut short).
    """
    facts_path = facts_path or paths.layout().facts
    entries = read_manifest(manifest_path or paths.layout().manifest)
    text = facts_csv(extraction.facts)
    targets = targets_csv(extraction.targets)
    meta = {
        "raw": {e.report_id: e.sha256 for e in entries},
        "facts_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "targets_sha256": hashlib.sha256(targets.encode("utf-8")).hexdigest(),
        "rows": len(extraction.facts),
        "target_rows": len(extraction.targets),
        "tables": extraction.tables,
        "warnings": extraction.warnings,
    }
    with exclusive(facts_path.parent / ".vss.lock", "vss extract"):
        for leftover in facts_path.parent.glob(".facts.*.tmp"):  # from an extraction that was killed
            leftover.unlink(missing_ok=True)
        if not allow_loss:
            _refuse_loss(facts_path, extraction.facts)
        atomic_write(facts_path, text)
        atomic_write(facts_path.with_name(TARGETS_NAME), targets)
        atomic_write(facts_path.with_name("facts.meta.json"), json.dumps(meta, indent=2, sort_keys=True) + "\n")
    return facts_path


def _refuse_loss(facts_path: Path, new: list[dict]) -> None:
    try:
        old = list(csv.DictReader(io.StringIO(read_facts(facts_path, check_raw=False).text, newline="")))
    except StaleDataError:
        return  # nothing trustworthy to lose
    before = Counter(row["report_id"] for row in old)
    after = Counter(f["report_id"] for f in new)
    lost = sorted(r for r in before if not after.get(r))
    if lost or len(new) < len(old) / 2:
        what = f"every fact of {', '.join(lost)}" if lost else f"{len(old) - len(new)} of {len(old)} facts"
        raise ExtractionLossError(
            f"{facts_path.name}: this extraction would lose {what}; the previous facts are "
            "kept. If that is intended, run `vss extract --allow-loss`"
        )


@dataclass(frozen=True)
class FactsSnapshot:
    """facts.csv as read once, verified against the hash its extraction recorded."""

    text: str
    sha256: str
    meta: dict


def read_facts(
    facts_path: Path | None = None, manifest_path: Path | None = None, check_raw: bool = True
) -> FactsSnapshot:
    """facts.csv and its meta, read once and verified; StaleDataError names the file and what to do.

    Refused: a missing or unreadable file, a meta file that is not the extraction's JSON, facts whose
    bytes do not match the recorded sha256 (edited by hand, truncated, emptied), and (check_raw) facts
    made from other raw reports than those in the manifest now.
    """
    facts_path = facts_path or paths.layout().facts
    meta_path = facts_path.with_name("facts.meta.json")
    if not facts_path.exists() or not meta_path.exists():
        raise StaleDataError(f"{facts_path} is missing: run `vss extract` first")
    try:
        data = facts_path.read_bytes()
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        message = f"{meta_path.name} or {facts_path.name} cannot be read ({exc}): run `vss extract`"
        raise StaleDataError(message) from exc
    if (
        not isinstance(meta, dict)
        or not isinstance(meta.get("raw"), dict)
        or not isinstance(meta.get("facts_sha256"), str)
    ):
        raise StaleDataError(f"{meta_path}: not the metadata `vss extract` writes: run `vss extract`")
    actual = hashlib.sha256(data).hexdigest()
    if actual != meta["facts_sha256"]:
        raise StaleDataError(
            f"{facts_path} was changed after extraction (sha256 {actual[:12]}…, extraction recorded "
            f"{meta['facts_sha256'][:12]}…); facts are never edited by hand: run `vss extract`"
        )
    if check_raw:
        now = {e.report_id: e.sha256 for e in read_manifest(manifest_path or paths.layout().manifest)}
        if meta["raw"] != now:
            changed = sorted(k for k in meta["raw"].keys() | now.keys() if meta["raw"].get(k) != now.get(k))
            raise StaleDataError(
                f"{facts_path} is stale against data/raw (reports {', '.join(changed)} differ): run `vss extract`"
            )
    return FactsSnapshot(data.decode("utf-8"), actual, meta)


TARGETS_NAME = "targets.csv"  # beside facts.csv, hashed in the same meta


def read_targets(facts_path: Path | None = None, check_raw: bool = True) -> str:
    """targets.csv as text, verified as facts.csv is (its sha256 in facts.meta.json, the raw reports current)."""
    facts_path = facts_path or paths.layout().facts
    meta = read_facts(facts_path, check_raw=check_raw).meta
    path = facts_path.with_name(TARGETS_NAME)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StaleDataError(f"{path} cannot be read ({exc.strerror}): run `vss extract`") from exc
    if hashlib.sha256(data).hexdigest() != meta.get("targets_sha256"):
        raise StaleDataError(f"{path} is not the one its extraction wrote (sha256 differs): run `vss extract`")
    return data.decode("utf-8")


def assert_fresh(facts_path: Path | None = None, manifest_path: Path | None = None) -> None:
    """Raise StaleDataError unless facts.csv is whole, unedited and made from the raw files now present."""
    read_facts(facts_path, manifest_path)


def extraction_meta(meta_path: Path | None = None) -> dict:
    """What the last extraction recorded (raw hashes, facts hash, tables, warnings), verified with its facts."""
    path = meta_path or paths.layout().facts_meta
    return read_facts(path.with_name("facts.csv"), check_raw=False).meta
