"""Data quality: what was found in each report, the checks' findings, and facts outside the vocabularies.

Pure functions of the facts table and the extraction's metadata (tables found, reader warnings).
"""

from __future__ import annotations

import pandas as pd

from vsslib.extract.vocabulary import ITEMS
from vsslib.facts.checks import Finding, run_checks

CONTRACT_ITEMS = {item for _, item, _, _ in ITEMS} | {"investeringar utgifter", "investeringar inkomster"}
FINDING_COLUMNS = [
    "check",
    "severity",
    "report_id",
    "source_line",
    "source_text",
    "what",
    "printed",
    "expected",
    "difference",
]


def tables_found(facts: pd.DataFrame, meta: dict, reports: list[str]) -> pd.DataFrame:
    """Per report and table: how many facts it gave (tables the reader found, in the order printed)."""
    counts = facts.groupby(["report_id", "table"]).size()
    rows = []
    for report in reports:
        for table in dict.fromkeys(meta.get("tables", {}).get(report, [])):
            rows.append({"report_id": report, "table": table, "facts": int(counts.get((report, table), 0))})
    return pd.DataFrame(rows, columns=["report_id", "table", "facts"])


def findings(facts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(arithmetic findings within reports, conflicts and revisions between printings)."""
    found = pd.DataFrame([f.as_dict() for f in run_checks(facts)], columns=list(Finding.__dataclass_fields__))
    between = found.check.isin(["conflict", "revision"])
    within = found[~between][FINDING_COLUMNS].reset_index(drop=True)
    return within, found[between][FINDING_COLUMNS].reset_index(drop=True)


def unmapped(facts: pd.DataFrame) -> pd.DataFrame:
    """Items kept under their printed name (not in the contract's vocabulary), with how often and where."""
    rows = facts[~facts["item"].isin(CONTRACT_ITEMS)]
    grouped = rows.groupby(["report_id", "table", "item"]).agg(
        facts=("value", "size"), first_line=("source_line", "min")
    )
    return grouped.reset_index().sort_values(["report_id", "first_line"]).reset_index(drop=True)


def reader_warnings(meta: dict, reports: list[str]) -> list[str]:
    """The extraction's warnings for the given reports (skipped OCR rows, re-encoded files)."""
    files = {f"{r}.txt" for r in reports}
    return [w for w in meta.get("warnings", []) if w.split(":")[0] in files]


def summary(
    period: str,
    tables: pd.DataFrame,
    arithmetic: pd.DataFrame,
    between: pd.DataFrame,
    outside: pd.DataFrame,
    warnings: list[str],
) -> dict:
    """The notebook's JSON summary: counts and every finding."""
    counts = {
        "reports": int(tables.report_id.nunique()),
        "tables": len(tables),
        "facts": int(tables.facts.sum()),
        "arithmetic_findings": len(arithmetic),
        "conflicts": len(between),
        "unmapped_items": len(outside),
        "warnings": len(warnings),
    }
    return {
        "period": period,
        "counts": counts,
        "tables": tables.to_dict("records"),
        "arithmetic": arithmetic.to_dict("records"),
        "conflicts": between.to_dict("records"),
        "unmapped": outside.to_dict("records"),
        "warnings": warnings,
        "key_figures": [
            {"label": "Fakta", "value": counts["facts"]},
            {"label": "Räknefel i rapporterna", "value": counts["arithmetic_findings"]},
            {"label": "Motstridiga uppgifter", "value": counts["conflicts"]},
        ],
    }
