"""The controller's decisions on what the reports got wrong: which printing is right, or a corrected value.

`data/decisions/decisions.csv`, one row per decided fact: the fact (report, line, unit, item, detail,
measure, period), the value to use, the quote that justifies it (report and line; checked against the raw
text like the drivers' quotes, and substantive), the reason, who decided and when. One decision per fact,
a finite value and a real date, or the load stops naming the row. `apply` replaces a decided fact's value
and keeps what was printed beside it (`printed_value`) with the decision's id (`decision`); analyses use
`value`. A row that matches no fact, or whose quote is not at its line, is a `ReportError` naming the row.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from vsslib import paths
from vsslib.errors import ReportError
from vsslib.facts.annotations import (
    PERIOD_SPANS,
    finite_number,
    read_curated,
    refuse_repeats,
    require_quote,
    whole_numbers,
)

FACT_KEY = ["report_id", "source_line", "unit", "item", "detail", "measure", "ref_year", "ref_month"]
COLUMNS = [
    "id",
    *FACT_KEY,
    "decided_value",
    "quote_report",
    "quote_line",
    "quote",
    "reason",
    "decided_by",
    "decided_on",
]


WHOLE_NUMBERS = {  # the curated files' one rule for years, months and lines (annotations.PERIOD_SPANS)
    "source_line": PERIOD_SPANS["line"],
    "quote_line": PERIOD_SPANS["line"],
    "ref_year": PERIOD_SPANS["ref_year"],
    "ref_month": PERIOD_SPANS["ref_month"],
}


def load(path: Path | None = None, raw_dir: Path | None = None) -> pd.DataFrame:
    """The decisions, every quote verified at its line; an empty table when there is no decisions file."""
    path = path or paths.layout().decisions
    raw_dir = raw_dir or paths.layout().raw
    if not path.exists() and not path.is_symlink():
        return pd.DataFrame(columns=COLUMNS)
    rows = []
    seen: list[tuple[int, tuple]] = []
    for number, rec in read_curated(path, COLUMNS):
        rows.append(_checked(path, number, rec, raw_dir))
        seen.append((number, tuple(rows[-1][k] for k in FACT_KEY)))
    refuse_repeats(path, seen, "a decision on")
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if frame.id.duplicated().any():
        raise ReportError(
            path.name, None, f"repeated decision ids {sorted(set(frame.id[frame.id.duplicated()]))}", "unique ids"
        )
    return frame


FIRST_DECISION = date(2018, 1, 1)  # before the first report (ks-2018-08) no decision on it was made


def _checked(path: Path, number: int, rec: dict, raw_dir: Path) -> dict:
    """One decision row, checked: ReportError naming the row for anything a controller could not have meant."""
    what = f"decision {rec.get('id')!r}"
    if not re.fullmatch(r"[\w.-]+", rec["id"].strip()):
        raise ReportError(path.name, number, f"{what}: no id", "an id of letters, digits, '-' or '.': b2020-hr-service")
    rec = whole_numbers(rec, path, number, WHOLE_NUMBERS)
    for column in ("report_id", "quote_report"):
        if not (raw_dir / f"{rec[column]}.txt").is_file():
            raise ReportError(
                path.name, number, f"{what}: {column} {rec[column]!r} is no report", "a report_id of the manifest"
            )
    rec["decided_value"] = finite_number(rec["decided_value"], path, number, what)
    require_quote(path, number, what, raw_dir / f"{rec['quote_report']}.txt", rec["quote_line"], rec["quote"])
    if len(rec["reason"].split()) < 2 or not re.search(r"\w\w", rec["decided_by"]):
        raise ReportError(path.name, number, f"{what}: no reason or decider", "who decided, and why, in words")
    day = rec["decided_on"].strip()
    try:
        decided_on = date.fromisoformat(day) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else None
    except ValueError:
        decided_on = None
    if decided_on is None or not FIRST_DECISION <= decided_on <= date.today():
        raise ReportError(
            path.name,
            number,
            f"{what}: decided_on {day!r} is no day a decision was made",
            f"a date YYYY-MM-DD from {FIRST_DECISION} to today",
        )
    return rec


def decided_printings(facts: pd.DataFrame) -> dict[tuple[str, int, float], str]:
    """(report, line, decided value) → what a title says of it: the decision, and what the line printed."""
    from vsslib import formatting as fmt

    decided = facts[facts.decision != ""] if "decision" in facts else facts.iloc[0:0]
    return {
        (str(r), int(n), float(v)): f" — beslutat värde (beslut {d}); raden trycker {fmt.number(float(p))}"
        for r, n, v, p, d in zip(
            decided.report_id, decided.source_line, decided.value, decided.printed_value, decided.decision, strict=True
        )
    }


def apply(facts: pd.DataFrame, decisions: pd.DataFrame, source: str = "decisions.csv") -> pd.DataFrame:
    """The facts with decided values in `value`, the printed one in `printed_value`, the decision's id in `decision`.

    Every decision must match exactly one fact of the full facts table (`facts` may be a filtered view: a
    decision about a report outside it is skipped only when its report is not in the facts at all).
    """
    out = facts.assign(printed_value=facts.value, decision="")
    for number, rec in enumerate(decisions.itertuples(index=False), start=2):
        if rec.report_id not in set(facts.report_id):
            continue
        key = pd.Series({column: getattr(rec, column) for column in FACT_KEY}, dtype=object)
        mask = (out[key.index] == key).all(axis=1)  # the facts whose key is the decision's
        if mask.sum() != 1:
            raise ReportError(
                source,
                number,
                f"decision {rec.id!r} matches {int(mask.sum())} facts ({rec.report_id} line {rec.source_line}, "
                f"{rec.unit} {rec.item} {rec.measure} {rec.ref_year}-{rec.ref_month:02d})",
                "exactly one fact: run `vss check --all` to see the facts a decision can name",
            )
        out["value"] = out.value.where(~mask, float(str(rec.decided_value)))
        out["decision"] = out.decision.where(~mask, str(rec.id))
    return out


def printed(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts as the reports printed them (the checks judge the reports, not the decisions)."""
    return facts.assign(value=facts.printed_value) if "printed_value" in facts else facts


def decided_rows(facts: pd.DataFrame) -> dict[tuple[str, int], str]:
    """{(report, printed line): decision id} for every printed row with a decided fact."""
    rows = facts[facts.decision != ""]
    return {(str(r), int(n)): str(d) for r, n, d in zip(rows.report_id, rows.source_line, rows.decision, strict=True)}


def status(findings: pd.DataFrame, facts: pd.DataFrame, decided: pd.DataFrame) -> pd.Series:
    """Per finding: 'öppen', or 'beslutad (id): reason' when a decision names a fact of its printed row."""
    from vsslib.formatting import typeset

    reasons = {k: typeset(str(v)) for k, v in decided.set_index("id").reason.items()} if len(decided) else {}
    by_row = decided_rows(facts)
    return pd.Series(
        [
            f"beslutad ({d}): {reasons.get(d, '')}" if (d := by_row.get((r, int(n)))) else "öppen"
            for r, n in zip(findings.report_id, findings.source_line, strict=True)
        ],
        index=findings.index,
        dtype=object,
    )
