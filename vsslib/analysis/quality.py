"""Data quality: what was found in each report, the checks' findings, and facts outside the vocabularies.

Pure functions of the facts table and the extraction's metadata (tables found, reader warnings).
"""

from __future__ import annotations

import re

import pandas as pd

from vsslib.analysis.records import QualitySummary
from vsslib.extract.vocabulary import CONTRACT_ITEMS
from vsslib.facts import decisions
from vsslib.facts.annotations import UnitFact
from vsslib.facts.checks import BETWEEN, Finding, run_checks
from vsslib.formatting import typeset

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
    "uom",
    "status",
]


def tables_found(facts: pd.DataFrame, meta: dict, reports: list[str]) -> pd.DataFrame:
    """Per report and table: how many facts it gave (tables the reader found, in the order printed)."""
    counts = facts.groupby(["report_id", "table"]).size()
    rows = []
    for report in reports:
        for table in dict.fromkeys(meta.get("tables", {}).get(report, [])):
            rows.append({"report_id": report, "table": table, "facts": int(counts.get((report, table), 0))})
    return pd.DataFrame(rows, columns=["report_id", "table", "facts"])


def findings(
    facts: pd.DataFrame,
    stated: pd.DataFrame | None = None,
    decided: pd.DataFrame | None = None,
    restated: UnitFact | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(arithmetic findings within reports, conflicts, revisions and text against table), each with its status.

    The checks judge what the reports printed; a finding on a printed row the controller has decided on
    (`facts.decisions`) is 'beslutad' with the reason, any other 'öppen'.
    """
    found = pd.DataFrame(
        [f.as_dict() for f in run_checks(decisions.printed(facts), stated)], columns=list(Finding.__dataclass_fields__)
    )
    found = found.assign(status=decisions.status(found, facts, decided if decided is not None else pd.DataFrame()))
    found = found.assign(status=_settled(found, facts, stated))
    found = found.assign(restated=_restated(found, restated))
    found = found.assign(status=[f"{s}; {r}" if r else s for s, r in zip(found.status, found.restated, strict=True)])
    found = found.assign(expected_basis=["Förväntat enligt kontrollen: " + str(w) for w in found.what])
    between = found.check.isin(BETWEEN)
    kept = [*FINDING_COLUMNS, "expected_basis", "restated"]
    return found[~between][kept].reset_index(drop=True), found[between][kept].reset_index(drop=True)


def _restated(found: pd.DataFrame, restated: UnitFact | None) -> pd.Series:
    """For a conflict about a year the reports call not comparable, the report's own words; '' for others.

    `restated`: the unit fact 'not_comparable_before' (years before it were restated for a new organisation).
    """
    if restated is None:
        return pd.Series("", index=found.index, dtype=object)
    said = (
        f"år före {restated.value}: rapporten varnar själv för jämförelser (”{restated.quote}”, "
        f"{restated.report_id}, rad {restated.line})"
    )
    early = (found.check == "conflict") & (found.ref_year < int(restated.value)) & (found.status == "öppen")
    return pd.Series([said if e else "" for e in early], index=found.index, dtype=object)


def _settled(found: pd.DataFrame, facts: pd.DataFrame, stated: pd.DataFrame | None) -> pd.Series:
    """Each open finding that the decided values settle (the check passes with them) says by which decisions.

    vss-2019-08 l. 204 totals 8 198 for 2018 against units that sum to 7 800 as printed; decision
    b2018-stadsarkivet puts Stadsarkivet's 398 for the 0 on l. 201, and the total then adds up.
    """
    if "decision" not in facts or not (facts.decision != "").any():
        return found.status
    still = {(f.check, f.report_id, f.source_line, f.printed) for f in run_checks(facts, stated)}
    by_report = facts[facts.decision != ""].groupby("report_id").decision.agg(lambda d: ", ".join(sorted(set(d))))
    return pd.Series(
        [
            f"beslutad ({by_report[r]}): går ihop med de beslutade värdena"
            if status == "öppen" and r in by_report and (c, r, n, p) not in still
            else status
            for c, r, n, p, status in zip(
                found.check, found.report_id, found.source_line, found.printed, found.status, strict=True
            )
        ],
        index=found.index,
        dtype=object,
    )


BETWEEN_COLUMNS = [c for c in FINDING_COLUMNS if c != "severity"]
"""What a page shows of the findings between printings: the check names the kind (a conflict, a revision); which
printing is wrong is not known, so none is typed an error."""

FINDING_SOURCES = {"printed": ("report_id", "source_line")}
FINDING_BASIS = {"expected": "expected_basis"}
FINDING_DERIVED = {"difference": ["printed"]}
"""A finding's sources for a page: the printed value's line, the expected value in words, the difference."""


def unmapped(facts: pd.DataFrame) -> pd.DataFrame:
    """Items kept under their printed name (not in the contract's vocabulary), with how often and where."""
    rows = facts[~facts["item"].isin(CONTRACT_ITEMS)]
    grouped = rows.groupby(["report_id", "table", "item"]).agg(
        facts=("value", "size"), first_line=("source_line", "min")
    )
    out = grouped.reset_index().rename(columns={"item": "printed_name"})
    return out.sort_values(["report_id", "first_line"]).reset_index(drop=True)


WARNING_KINDS = (  # the extractor's warnings (English, for developers) as a reader reads them, with their details
    (
        r"skipped OCR row: cannot read '' as (\d+) numbers",
        "OCR-raden hoppades över: raden har inga tal där {0} väntades",
    ),
    (
        r"skipped OCR row: cannot read '(.*)' as (\d+) numbers",
        "OCR-raden hoppades över: ”{0}” gick inte att läsa som {1} tal",
    ),
    (r"skipped OCR row", "OCR-raden hoppades över: siffrorna kunde inte läsas entydigt"),
    (
        r"read OCR '(.*)' as '(.*)': the row's other numbers have one decimal",
        "OCR-raden ”{0}” lästes som ”{1}”: ett decimalkomma saknades, och radens andra tal har en decimal",
    ),
    (
        r"column '(.*)' dates an outcome a year after the report",
        "kolumnen ”{0}” daterar ett utfall ett år efter rapporten; läst med rapportens eget datum (ett tryckfel)",
    ),
    (
        r"target '(.*)' is neither a number nor a known form",
        "målvärdet ”{0}” är varken ett tal eller en känd form (>92, <3,5, minst 90, Ska öka, Minska); det visas som "
        "tryckt och bedöms inte",
    ),
    (
        r"(\d+) lines look like rows of a table but are in no table read \(lines (.*)\)",
        "{0} rader ser ut som tabellrader men hör inte till någon tabell som kunde läsas (rad {1}); de uppgifterna "
        "saknas",
    ),
    (
        r"the (\w+) table prints (\d+) numbers, (\d+) of them gave no fact \(lines (.*)\)",
        "tabellen trycker {1} tal, och {2} av dem kunde inte läsas (rad {3})",
    ),
    (r"heading with no rows", "tabellrubrik utan rader under sig: raderna saknas, eller rubriken kunde inte läsas"),
    (r"not UTF-8", "filen var inte UTF-8 och lästes som Windows-1252"),
)


def _in_swedish(message: str) -> str:
    """One extractor warning as a reader reads it: what happened, with the printed text it concerns."""
    for pattern, swedish in WARNING_KINDS:
        if found := re.search(pattern, message):
            return swedish.format(*(typeset(g) for g in found.groups()))
    return "varning från inläsningen: " + message


def reader_warnings(meta: dict, reports: list[str]) -> pd.DataFrame:
    """The extraction's warnings for the given reports: report, line and what happened, in Swedish."""
    rows = []
    for warning in meta.get("warnings", []):
        file, line, message = (warning.split(":", 2) + ["", ""])[:3]
        report = file.removesuffix(".txt")
        if report not in reports:
            continue
        rows.append(
            {"report_id": report, "source_line": int(line) if line.isdigit() else None, "what": _in_swedish(message)}
        )
    return pd.DataFrame(rows, columns=["report_id", "source_line", "what"])


def counts(arithmetic: pd.DataFrame, between: pd.DataFrame) -> dict[str, int]:
    """Errors, conventions, conflicts and revisions counted apart, each printed line once."""

    def lines(frame: pd.DataFrame) -> int:
        return int(frame[["report_id", "source_line"]].drop_duplicates().shape[0])

    return {
        "error_lines": lines(arithmetic[(arithmetic.severity == "error") & (arithmetic.check != "layout")]),
        "layout_lines": lines(arithmetic[arithmetic.check == "layout"]),
        "conventions": lines(arithmetic[arithmetic.severity == "convention"]),
        "conflict_lines": lines(between[between.check == "conflict"]),
        "restated_lines": lines(between[(between.check == "conflict") & (between.restated != "")]),
        "text_lines": lines(between[between.check == "text"]),
        "revisions": lines(between[between.check == "revision"]),
        "outlier_lines": lines(between[between.check == "outlier"]),
    }


def summary(
    period: str,
    tables: pd.DataFrame,
    arithmetic: pd.DataFrame,
    between: pd.DataFrame,
    outside: pd.DataFrame,
    warnings: pd.DataFrame,
) -> QualitySummary:
    """The notebook's JSON summary: counts and every finding."""
    found = counts(arithmetic, between)
    totals = {
        "reports": int(tables.report_id.nunique()),
        "tables": len(tables),
        "facts": int(tables.facts.sum()),
        **found,
        "unmapped_items": len(outside),
        "warnings": len(warnings),
    }
    return {
        "period": period,
        "counts": totals,
        "tables": tables.to_dict("records"),
        "arithmetic": arithmetic.to_dict("records"),
        "conflicts": between.to_dict("records"),
        "unmapped": outside.to_dict("records"),
        "warnings": warnings.to_dict("records"),
        "key_figures": [
            {"label": "Fakta i alla rapporter (VSS och KS)", "value": totals["facts"]},
            {"label": "Rader med räknefel i rapporterna", "value": found["error_lines"]},
            {
                "label": "Rader med motstridiga utfall"
                + (
                    f" (varav {found['restated_lines']} om år som rapporten själv säger är svåra att jämföra)"
                    if found["restated_lines"]
                    else ""
                ),
                "value": found["conflict_lines"],
            },
            {"label": "Budgetrevisioner", "value": found["revisions"]},
        ],
    }
