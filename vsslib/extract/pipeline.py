"""Extraction of every report: manifest -> lines -> tables -> facts, sorted (writing is `facts.store`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vsslib import paths
from vsslib.contract import SORT_KEY
from vsslib.errors import ReportError
from vsslib.extract.invariants import rows_outside_tables, unread_cells
from vsslib.extract.manifest import ManifestEntry, read_manifest
from vsslib.extract.reader import ends_without_newline, is_ocr_text, read_lines_with_warnings
from vsslib.extract.repair import repair_indicator_names
from vsslib.extract.rows import FactBuilder, Report, table_name
from vsslib.extract.tables import Table, TableReader
from vsslib.extract.vocabulary import match_unit


@dataclass
class Extraction:
    """The facts of all reports, with what the readers warned about."""

    facts: list[dict]
    warnings: list[str] = field(default_factory=list)
    tables: dict[str, list[str]] = field(default_factory=dict)  # report_id -> table names found
    targets: list[dict] = field(default_factory=list)  # every target cell as printed (`extract.targets`)
    clean: set[str] = field(default_factory=set)  # reports in a tab-separated shape (typography intact)


@dataclass
class Reading:
    """One report read: its facts, the tables they came from, what the readers warned about."""

    facts: list[dict]
    tables: list[Table]
    warnings: list[str]  # every warning, those of `unread` included
    clean: bool  # a tab-separated text, not OCR: typography intact
    unread: list[str] = field(default_factory=list)  # tables whose printed numbers did not all become facts
    targets: list[dict] = field(default_factory=list)


def read_report(entry: ManifestEntry) -> Reading:
    """Facts, tables and warnings of one report (ReportError for a text no reader can place)."""
    lines, warnings = read_lines_with_warnings(entry.path)
    report = Report(entry.report_id, entry.organ, entry.vintage)
    ocr = is_ocr_text(lines)
    reader = TableReader(
        entry.path.name,
        lines,
        report.period,
        ocr=ocr,
        group_label=lambda label: match_unit(label, entry.organ) is not None,
    )
    try:
        tables = reader.tables()
    except ReportError as exc:
        if exc.line == len(lines) and ends_without_newline(entry.path):  # the short last row of a file cut off
            raise _cut_off(entry, lines) from exc
        raise
    if not tables:
        raise ReportError(
            entry.path.name,
            None,
            "no table found",
            "a report in one of the four known text shapes "
            "with titled tables ('Driftsammandrag, netto tkr', 'Ekonomi, belopp tkr', …)",
        )
    if ends_without_newline(entry.path) and tables[-1].end_line >= len(lines):
        raise _cut_off(entry, lines)
    builder = FactBuilder(report)
    facts = builder.build(tables)
    clean = not ocr and any("\t" in line for line in lines)
    found = unread_cells(entry.path.name, tables, facts) + rows_outside_tables(entry.path.name, lines, tables)
    return Reading(facts, tables, warnings + reader.warnings + builder.warnings + found, clean, found, builder.targets)


def _cut_off(entry: ManifestEntry, lines: list[str]) -> ReportError:
    return ReportError(
        entry.path.name,
        len(lines),
        "the file ends inside a table (cut off mid-row)",
        "a complete last row ending with a newline",
    )


def extract_report(entry: ManifestEntry) -> tuple[list[dict], list[str], list[str], bool]:
    """Facts, warnings and table names of one report, and whether its text is tab-separated and not OCR."""
    reading = read_report(entry)
    return reading.facts, reading.warnings, [table_name(t) for t in reading.tables], reading.clean


def extract_all(manifest_path: Path | None = None) -> Extraction:
    """Extract every report of the manifest, in a deterministic order."""
    entries = read_manifest(manifest_path or paths.layout().manifest)
    result = Extraction(facts=[])
    for entry in entries:
        reading = read_report(entry)
        result.facts += reading.facts
        result.targets += reading.targets
        result.warnings += reading.warnings
        result.tables[entry.report_id] = [table_name(t) for t in reading.tables]
        if reading.clean:
            result.clean.add(entry.report_id)
    repair_indicator_names(result.facts + result.targets, result.clean)  # one name per indicator in both tables
    result.facts.sort(key=lambda f: tuple(f[k] for k in SORT_KEY) + (f["value"],))
    result.targets.sort(key=lambda t: (t["report_id"], t["source_line"], t["table"], t["unit"], t["item"], t["detail"]))
    return result
