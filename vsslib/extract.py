"""Extraction: raw reports (data/raw) -> the facts table (data/extracted/facts.csv).

Outline: read the manifest; for each report read its lines, find its tables, turn rows into facts;
sort; write facts.csv and its metadata atomically. A failure leaves the previous files untouched.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from vsslib import config
from vsslib.errors import ReportError
from vsslib.facts import COLUMNS, FactBuilder, Report, table_name
from vsslib.manifest import ManifestEntry, read_manifest
from vsslib.reader import ends_without_newline, is_ocr_text, read_lines
from vsslib.tables import TableReader
from vsslib.text import fold
from vsslib.vocabulary import match_unit

SORT_KEY = ("report_id", "source_line", "table", "unit", "item", "detail", "measure", "ref_year", "ref_month")


@dataclass
class Extraction:
    """The facts of all reports, with what the readers warned about."""

    facts: list[dict]
    warnings: list[str] = field(default_factory=list)
    tables: dict[str, list[str]] = field(default_factory=dict)  # report_id -> table names found
    clean: set[str] = field(default_factory=set)  # reports in a tab-separated shape (typography intact)


def extract_report(entry: ManifestEntry) -> tuple[list[dict], list[str], list[str], bool]:
    """Facts, warnings and table names of one report, and whether its text is tab-separated and not OCR."""
    lines, warnings = read_lines(entry.path, with_warnings=True)
    report = Report(entry.report_id, entry.organ, entry.vintage)
    ocr = is_ocr_text(lines)
    reader = TableReader(entry.path.name, lines, report.period, ocr=ocr,
                         group_label=lambda label: match_unit(label, entry.organ) is not None)
    tables = reader.tables()
    if not tables:
        raise ReportError(entry.path.name, None, "no table found", "a report in one of the four known text shapes "
                          "with titled tables ('Driftsammandrag, netto tkr', 'Ekonomi, belopp tkr', …)")
    if ends_without_newline(entry.path) and tables[-1].end_line >= len(lines):
        raise ReportError(entry.path.name, len(lines), "the file ends inside a table (cut off mid-row)",
                          "a complete last row ending with a newline")
    facts = FactBuilder(report).build(tables)
    clean = not ocr and any("\t" in line for line in lines)
    return facts, warnings + reader.warnings, [table_name(t) for t in tables], clean


def extract_all(manifest_path: Path | None = None) -> Extraction:
    """Extract every report of the manifest, in a deterministic order."""
    entries = read_manifest(manifest_path or config.MANIFEST_PATH)
    result = Extraction(facts=[])
    for entry in entries:
        facts, warnings, tables, clean = extract_report(entry)
        result.facts += facts
        result.warnings += warnings
        result.tables[entry.report_id] = tables
        if clean:
            result.clean.add(entry.report_id)
    repair_indicator_names(result.facts, result.clean)
    result.facts.sort(key=lambda f: tuple(f[k] for k in SORT_KEY) + (f["value"],))
    return result


def repair_indicator_names(facts: list[dict], clean_reports: set[str]) -> None:
    """Give an indicator name damaged by OCR or PDF wrapping the name a clean report prints for it.

    'Mertid dvertid' -> 'Mertid övertid', 'Hållbart medarbetarengagema ng (HME)' -> 'Hållbart
    medarbetarengagemang (HME)'. Only close matches (rapidfuzz ratio >= 90 on folded text) are repaired,
    of the whole name or of its tail.
    """
    reference = sorted({f["item"] for f in facts if f["table"] == "indikatorer" and f["report_id"] in clean_reports})
    folded = [fold(name) for name in reference]
    repaired: dict[str, str] = {}
    for fact in facts:
        if fact["table"] != "indikatorer" or fact["report_id"] in clean_reports or fact["item"] in reference:
            continue
        if fact["item"] not in repaired:
            repaired[fact["item"]] = _closest_name(fact["item"], reference, folded)
        fact["item"] = repaired[fact["item"]]


def _closest_name(name: str, reference: list[str], folded: list[str]) -> str:
    """The clean name for a damaged one: the whole name, else its tail ('God service Kundnaojdhet' -> 'Kundnöjdhet').

    OCR prints the goal before the indicator on the same line, so leading words are dropped one by one.
    """
    words = name.split()
    for start in range(len(words)):
        found = process.extractOne(fold(" ".join(words[start:])), folded, scorer=fuzz.ratio, score_cutoff=90)
        if found:
            return reference[found[2]]
    return name


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


def atomic_write(path: Path, text: str) -> None:
    """Write text to path so that readers see the old file or the whole new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes 0600; outputs are shared
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_facts(extraction: Extraction, facts_path: Path | None = None, manifest_path: Path | None = None) -> Path:
    """Write facts.csv and facts.meta.json (the raw hashes it was made from), each atomically."""
    facts_path = facts_path or config.FACTS_PATH
    entries = read_manifest(manifest_path or config.MANIFEST_PATH)
    for leftover in facts_path.parent.glob(".facts.*.tmp"):  # from an extraction that was killed
        leftover.unlink(missing_ok=True)
    text = facts_csv(extraction.facts)
    import hashlib
    meta = {"raw": {e.report_id: e.sha256 for e in entries},
            "facts_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "rows": len(extraction.facts),
            "tables": extraction.tables, "warnings": extraction.warnings}
    atomic_write(facts_path, text)
    atomic_write(facts_path.with_name("facts.meta.json"), json.dumps(meta, indent=2, sort_keys=True) + "\n")
    return facts_path
