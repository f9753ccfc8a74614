"""Loading the facts: validated, filtered by organ and by what was known at a period (no look-ahead).

`load_facts` refuses facts that are missing or stale (made from other raw files than those in
data/raw). `value_as_of` and `history` answer the question every notebook asks: what was the
figure, as the reports printed it, at a given vintage?
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from vsslib import paths
from vsslib.errors import ParameterError, StaleDataError
from vsslib.facts import decisions
from vsslib.facts.schema import FactsSchema
from vsslib.facts.store import read_facts

__all__ = [
    "LatestPrintings",
    "history",
    "latest_value",
    "load_facts",
    "one_printing_per_report",
    "value_as_of",
]

# When a report prints the same figure in two tables, the first of these speaks for it.
TABLE_PRIORITY = {
    "drift_utfall": 0,
    "drift_prognos": 1,
    "ekonomi": 2,
    "investeringar": 3,
    "volymer": 4,
    "personal": 5,
    "indikatorer": 6,
}

DTYPES: dict[str, Any] = {
    "report_id": str,
    "organ": str,
    "vintage": str,
    "table": str,
    "unit": str,
    "item": str,
    "detail": str,
    "measure": str,
    "ref_year": "int64",
    "ref_month": "int64",
    "value": "float64",
    "uom": str,
    "source_file": str,
    "source_line": "int64",
    "source_text": str,
    "precision": "float64",
}


def load_facts(
    organ: str | None = None, as_of: str | None = None, facts_path: Path | None = None, check_fresh: bool = True
) -> pd.DataFrame:
    """The facts table with proper dtypes, verified against its recorded hash and validated (FactsSchema).

    The controller's decisions (`facts.decisions`) are applied: `value` is the decided value, `printed_value`
    what the report printed, `decision` the decision's id ('' for a fact as printed).

    organ: keep one organ ('VSS' or 'KS'). as_of: keep facts whose vintage is at or before this
    period ('YYYY-MM'), so an analysis as of a period sees only what was known then.
    """
    facts_path = facts_path or paths.FACTS_PATH
    snapshot = read_facts(facts_path, check_raw=check_fresh)
    df = _validated(snapshot.text, snapshot.sha256, facts_path)
    if organ is not None:
        organs = sorted(df.organ.unique())
        if organ not in organs:
            raise ParameterError("organ", organ, organs)
        df = df[df.organ == organ]
    if as_of is not None:
        _check_period(as_of)
        df = df[df.vintage <= as_of]
    root = facts_path.parent.parent  # data/: the decisions and the raw reports beside the facts
    decided = decisions.load(root / "decisions" / "decisions.csv", root / "raw")
    return decisions.apply(df.reset_index(drop=True), decided)


_VALIDATED: dict[str, pd.DataFrame] = {}


def _validated(text: str, sha256: str, facts_path: Path) -> pd.DataFrame:
    """The facts parsed and validated, once per content: remembered by the verified sha256 of the bytes.

    The fork server of `vss build` loads the snapshot's facts before any kernel starts, so no run parses and
    validates them again; every caller gets its own copy.
    """
    if sha256 not in _VALIDATED:
        try:
            df = pd.read_csv(io.StringIO(text), dtype=DTYPES, keep_default_na=False, na_values=[])
            _VALIDATED[sha256] = FactsSchema.validate(df)
        except (ValueError, pd.errors.ParserError, pa.errors.SchemaError) as exc:
            message = f"{facts_path} does not match the facts contract ({exc}): run `vss extract`"
            raise StaleDataError(message) from exc
    return _VALIDATED[sha256].copy()


def _check_period(period: str) -> None:
    import re

    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", str(period)):
        raise ParameterError("period", period, ["YYYY-MM"])


def matching(facts: pd.DataFrame, **key: object) -> pd.Series:
    """The rows whose columns equal the keyword values (unit=, item=, measure=, ref_year=, …), as a mask."""
    mask = pd.Series(True, index=facts.index)
    for column, value in key.items():
        mask &= facts[column] == value
    return mask


PRINTING_ORDER = ["vintage", "report_id", "source_line"]
"""The order in which the printings of one fact appeared: the first is the first printing, the last the latest."""


def history(facts: pd.DataFrame, **key: object) -> pd.DataFrame:
    """Every printing of one fact (columns as keyword filters: unit=, item=, measure=, ref_year=, …), oldest first."""
    return facts[matching(facts, **key)].sort_values(PRINTING_ORDER).reset_index(drop=True)


def latest_value(facts: pd.DataFrame, **key: object) -> float | None:
    """The latest printing of one fact (keyword filters as in `history`), or None."""
    printings = history(facts, **key)
    return None if printings.empty else float(printings.iloc[-1].value)


def value_as_of(facts: pd.DataFrame, as_of: str, **key: object) -> float | None:
    """The fact as known at `as_of`: the latest printing with vintage at or before it, or None."""
    _check_period(as_of)
    return latest_value(facts[facts.vintage <= as_of], **key)


class LatestPrintings:
    """The latest printing of every (measure, ref_year, ref_month) of one series, found without a scan.

    `get` answers as `latest_value(rows, measure=…, ref_year=…, ref_month=…)` does. Built once per series
    (rows with one printing per report and key), a loop over years costs one pass over the rows, not one each.
    """

    def __init__(self, rows: pd.DataFrame) -> None:
        ordered = rows.sort_values(PRINTING_ORDER, kind="stable")
        last = ordered.drop_duplicates(["measure", "ref_year", "ref_month"], keep="last")
        self._values = {
            (measure, int(year), int(month)): float(value)
            for measure, year, month, value in zip(last.measure, last.ref_year, last.ref_month, last.value, strict=True)
        }

    def get(self, measure: str, year: int, month: int) -> float | None:
        """The latest printed value, or None when none was printed."""
        return self._values.get((measure, int(year), int(month)))


def one_printing_per_report(rows: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """One row per report and key: the printing of the highest-priority table (then the earliest line)."""
    ranked = rows.assign(_priority=rows.table.map(TABLE_PRIORITY))
    ranked = ranked.sort_values(["vintage", "report_id", "_priority", "source_line"])
    return ranked.drop_duplicates([*key, "report_id"], keep="first").drop(columns="_priority")
