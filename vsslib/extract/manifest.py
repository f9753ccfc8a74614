"""The manifest of raw reports (data/raw/manifest.csv): which reports there are, and their checksums."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from vsslib import paths
from vsslib.contract import ORGANS
from vsslib.errors import ManifestError

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


KINDS = ("delårsrapport", "verksamhetsberättelse", "årsredovisning")


def read_manifest(path: Path, verify: bool = True) -> list[ManifestEntry]:
    """Entries in manifest order; ManifestError names the line of anything that does not hold.

    Checked: the columns (a UTF-8 BOM is allowed), every field of every row, that a report_id's date
    is its vintage and its prefix its organ, one report per organ and vintage, that each raw file is a
    file, and (verify) its checksum. A manifest without reports is refused.
    """
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ManifestError(name, None, "manifest not found", f"a CSV at {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(name, None, f"cannot read the manifest ({exc})", "a UTF-8 CSV file") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in FIELDS if c not in (reader.fieldnames or [])]
    if missing:
        raise ManifestError(name, 1, f"missing columns {missing}", f"a header with the columns {list(FIELDS)}")
    entries: list[ManifestEntry] = []
    try:
        for rec in reader:
            entries.append(_entry(path, name, reader.line_num, rec, entries))
    except csv.Error as exc:
        raise ManifestError(name, reader.line_num, f"malformed CSV ({exc})", "one report per line") from exc
    if not entries:
        raise ManifestError(name, None, "the manifest lists no reports", "one line per report under the header")
    return _verified(entries, name) if verify else entries


def _entry(path: Path, name: str, line: int, rec: dict, earlier: list[ManifestEntry]) -> ManifestEntry:
    def fail(message: str, expected: str) -> ManifestError:
        return ManifestError(name, line, message, expected)

    if None in rec or any(rec.get(c) is None for c in FIELDS):
        raise fail("the row has too few or too many fields", f"the fields {list(FIELDS)}")
    rid, organ, vintage = rec["report_id"].strip(), rec["organ"].strip(), rec["vintage"].strip()
    match = re.fullmatch(r"([a-z]+)-(\d{4}-\d{2})", rid)
    if not match:
        raise fail(f"bad report_id {rid!r}", "an id such as 'vss-2021-08'")
    if organ not in ORGANS:
        raise fail(f"bad organ {organ!r}", f"one of {', '.join(ORGANS)}")
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", vintage):
        raise fail(f"bad vintage {vintage!r}", "YYYY-MM")
    if match.group(2) != vintage or match.group(1) != organ.lower():
        raise fail(
            f"report_id {rid!r} does not match organ {organ} and vintage {vintage}",
            f"the id '{organ.lower()}-{vintage}'",
        )
    if rec["kind"].strip() not in KINDS:
        raise fail(f"bad kind {rec['kind']!r}", f"one of {', '.join(KINDS)}")
    if not re.fullmatch(r"[0-9a-f]{64}", rec["sha256"].strip()):
        raise fail(f"bad sha256 {rec['sha256']!r}", "64 hex digits (sha256sum of the raw file)")
    _check_unique(name, line, rid, organ, vintage, earlier)
    raw = path.parent / f"{rid}.txt"
    if not raw.is_file():
        what = "is not a file" if raw.exists() else "is missing"
        raise fail(f"the raw text {raw.name} {what}", f"a file {raw.name} beside the manifest")
    return ManifestEntry(rid, organ, vintage, rec["kind"].strip(), rec["title"], rec["sha256"].strip(), raw, line)


def _check_unique(name: str, line: int, rid: str, organ: str, vintage: str, earlier: list[ManifestEntry]) -> None:
    for other in earlier:
        if other.report_id == rid:
            raise ManifestError(
                name, line, f"report_id {rid!r} listed twice (also line {other.line})", "one entry per report"
            )
        if (other.organ, other.vintage) == (organ, vintage):
            raise ManifestError(
                name,
                line,
                f"{organ} {vintage} is already report {other.report_id} (line {other.line})",
                "one report per organ and period",
            )


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
    return sorted({e.vintage for e in read_manifest(manifest_path or paths.layout().manifest, verify=False)})
