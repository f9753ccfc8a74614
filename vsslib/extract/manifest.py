"""The manifest of raw reports (data/raw/manifest.csv): which reports there are, and their checksums."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from vsslib import paths
from vsslib.errors import ManifestError
from vsslib.facts.contract import ORGANS

FIELDS = ("report_id", "organ", "vintage", "kind", "title", "sha256")


@dataclass(frozen=True)
class ManifestEntry:
    """One report of the manifest and where its raw text lies."""

    report_id: str
    organ: str
    vintage: str
    kind: str
    title: str
    sha256: str
    path: Path
    line: int


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(path: Path, verify: bool = True) -> list[ManifestEntry]:
    """Entries in manifest order. Checks fields, that each file exists, and (verify) its checksum."""
    name = path.name
    if not path.exists():
        raise ManifestError(name, None, "manifest not found", f"a CSV at {path}")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in FIELDS if c not in (reader.fieldnames or [])]
        if missing:
            raise ManifestError(name, 1, f"missing columns {missing}", f"columns {list(FIELDS)}")
        entries: list[ManifestEntry] = []
        seen: set[str] = set()
        for line, rec in enumerate(reader, start=2):
            entries.append(_entry(path, name, line, rec, seen))
    return _verified(entries, name) if verify else entries


def _entry(path: Path, name: str, line: int, rec: dict, seen: set[str]) -> ManifestEntry:
    rid = (rec.get("report_id") or "").strip()
    if not re.fullmatch(r"[a-z]+-\d{4}-\d{2}", rid):
        raise ManifestError(name, line, f"bad report_id {rid!r}", "an id such as 'vss-2021-08'")
    if rid in seen:
        raise ManifestError(name, line, f"report_id {rid!r} listed twice", "one entry per report")
    seen.add(rid)
    if rec["organ"] not in ORGANS:
        raise ManifestError(name, line, f"bad organ {rec['organ']!r}", f"one of {ORGANS}")
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", rec["vintage"] or ""):
        raise ManifestError(name, line, f"bad vintage {rec['vintage']!r}", "YYYY-MM")
    raw = path.parent / f"{rid}.txt"
    if not raw.exists():
        raise ManifestError(name, line, f"no raw file for {rid}", f"a file {raw.name} beside the manifest")
    return ManifestEntry(rid, rec["organ"], rec["vintage"], rec["kind"], rec["title"], rec["sha256"].strip(), raw, line)


def _verified(entries: list[ManifestEntry], name: str) -> list[ManifestEntry]:
    for e in entries:
        actual = sha256_of(e.path)
        if actual != e.sha256:
            raise ManifestError(
                name,
                e.line,
                f"{e.path.name} has sha256 {actual[:12]}…, the manifest says {e.sha256[:12]}…",
                "raw files are never edited: add a new entry for a new text",
            )
    return entries


def valid_periods(manifest_path: Path | None = None) -> list[str]:
    """The vintages of the reports in the manifest, oldest first."""
    return sorted({e.vintage for e in read_manifest(manifest_path or paths.MANIFEST_PATH, verify=False)})
