"""Loading the facts: validated, filtered by organ and by what was known at a period (no look-ahead).

`load_facts` refuses facts that are missing or stale (made from other raw files than those in
data/raw). `value_as_of` and `history` answer the question every notebook asks: what was the
figure, as the reports printed it, at a given vintage?
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from vsslib import paths
from vsslib.collation import swedish_sorted
from vsslib.contract import FACT_FIELDS, TARGET_FIELDS, dtypes
from vsslib.errors import AmbiguousQueryError, ParameterError, StaleDataError
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

DTYPES = dtypes(FACT_FIELDS)  # what each column is read as: the contract declares it


def load_facts(
    organ: str | None = None, as_of: object = None, facts_path: Path | str | None = None, check_fresh: bool = True
) -> pd.DataFrame:
    """The facts table with proper dtypes, verified against its recorded hash and validated (FactsSchema).

    The controller's decisions (`facts.decisions`) are applied: `value` is the decided value, `printed_value`
    what the report printed, `decision` the decision's id ('' for a fact as printed).

    organ: keep one organ ('VSS' or 'KS'). as_of: keep facts whose vintage is at or before this
    period ('YYYY-MM', a pandas Period or a date), so an analysis as of a period sees only what was known then.
    """
    facts_path = Path(facts_path) if facts_path is not None else paths.layout().facts
    snapshot = read_facts(facts_path, check_raw=check_fresh)
    df = _validated(snapshot.text, snapshot.sha256, facts_path)
    if organ is not None:
        organs = sorted(df.organ.unique())
        if organ not in organs:
            raise ParameterError("organ", organ, organs)
        df = df[df.organ == organ]
    if as_of is not None:
        df = df[df.vintage <= period_text(as_of)]
    beside = paths.layout() if facts_path == paths.layout().facts else paths.holding(facts_path)
    decided = decisions.load(beside.decisions, beside.raw)  # the decisions and the reports beside the facts
    return decisions.apply(df.reset_index(drop=True), decided)


def load_targets(
    organ: str | None = None, as_of: object = None, facts_path: Path | str | None = None, check_fresh: bool = True
) -> pd.DataFrame:
    """The targets table (every Målvärde cell as printed), verified and validated as the facts are.

    organ and as_of filter as in `load_facts`: a page of a period sees only the targets printed by then.
    """
    from vsslib.facts.schema import TargetsSchema
    from vsslib.facts.store import read_targets

    facts_path = Path(facts_path) if facts_path is not None else paths.layout().facts
    text = read_targets(facts_path, check_raw=check_fresh)
    frame = pd.read_csv(io.StringIO(text), dtype=TARGET_DTYPES, keep_default_na=False, na_values={"target_value": [""]})
    df = TargetsSchema.validate(frame)
    if organ is not None:
        df = df[df.organ == organ]
    if as_of is not None:
        df = df[df.vintage <= period_text(as_of)]
    return df.reset_index(drop=True)


TARGET_DTYPES = dtypes(TARGET_FIELDS)

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
    """Every printing of one fact (columns as keyword filters: unit=, item=, measure=, ref_year=, …), oldest first.

    The key is checked as `value_as_of` checks it: a column or value the facts do not hold is a ParameterError
    naming the closest valid ones, never an empty answer; a key that matches more than one fact is an
    AmbiguousQueryError listing them (`printings` gives the rows of any filter).
    """
    key = query_key(facts, key)
    found = printings(facts, **key)
    _one_fact(found, key, "")
    return found


def printings(facts: pd.DataFrame, **key: object) -> pd.DataFrame:
    """`history` for a key already in the facts' own terms (the analyses' loops): not checked again."""
    return facts[matching(facts, **key)].sort_values(PRINTING_ORDER).reset_index(drop=True)


def latest_value(facts: pd.DataFrame, **key: object) -> float | None:
    """The latest printing of one fact (keyword filters as in `printings`), or None."""
    printings_ = printings(facts, **key)
    return None if printings_.empty else float(printings_.iloc[-1].value)


FACT_IDENTITY = ["organ", "unit", "item", "detail", "measure", "ref_year", "ref_month"]


def value_as_of(facts: pd.DataFrame, as_of: object, **key: object) -> float | None:
    """The fact as known at `as_of`: the latest printing with vintage at or before it, or None.

    `as_of` is 'YYYY-MM', a pandas Period or a date; key values may be given as the facts print them or in
    an unambiguous form ('2019' for a year, a Path or str for a path). A key that matches more than one
    fact is an error listing what it matches (name measure=, ref_year=, ref_month= to choose); a value the
    facts never hold is an error naming the valid values closest to it.
    """
    period = period_text(as_of)
    key = query_key(facts, key)
    found = printings(facts[facts.vintage <= period], **key)
    _one_fact(found, key, f" as of {period}")
    # a report that prints the fact twice (a summary and its own table) answers with the table pages use
    chosen = one_printing_per_report(found, FACT_IDENTITY)
    return None if chosen.empty else float(chosen.iloc[-1].value)


def _one_fact(found: pd.DataFrame, key: dict[str, object], when: str) -> None:
    """AmbiguousQueryError listing the facts `found` holds, unless it holds at most one."""
    facts_matched = found.drop_duplicates(FACT_IDENTITY)
    if len(facts_matched) > 1:
        shown = "; ".join(
            f"{unit} {item}{' ' + detail if detail else ''} {measure} {year}-{month:02d}"
            for unit, item, detail, measure, year, month in facts_matched.head(6)[
                ["unit", "item", "detail", "measure", "ref_year", "ref_month"]
            ].itertuples(index=False, name=None)
        )
        free = [c for c in ("unit", "item", "detail", "measure", "ref_year", "ref_month") if c not in key]
        raise AmbiguousQueryError(
            f"the key {key} matches {len(facts_matched)} facts{when} ({shown}"
            f"{' …' if len(facts_matched) > 6 else ''}); name {', '.join(f'{c}=' for c in free)} to choose one"
        )


def period_text(period: object) -> str:
    """'YYYY-MM' from 'YYYY-MM', a pandas Period or Timestamp, or a date; ParameterError otherwise."""
    import datetime as dt

    if period is pd.NaT or (isinstance(period, float) and period != period):
        raise ParameterError("period", period, ["'YYYY-MM'", "a pandas Period", "a date"])
    if isinstance(period, pd.Period):
        period = period.asfreq("M").strftime("%Y-%m")
    elif isinstance(period, dt.date | pd.Timestamp):
        period = f"{period.year:04d}-{period.month:02d}"
    if not isinstance(period, str):
        raise ParameterError("period", period, ["'YYYY-MM'", "a pandas Period", "a date"])
    _check_period(period)
    return period


def query_key(facts: pd.DataFrame, key: dict[str, object]) -> dict[str, object]:
    """The key with each value in the column's own type; ParameterError for a column or value the facts lack."""
    import difflib
    import re

    out: dict[str, object] = {}
    for column, value in key.items():
        if column not in facts.columns:
            raise ParameterError("key", column, [c for c in FACT_IDENTITY + ["report_id", "table"]])
        if isinstance(value, list | tuple | set | dict | pd.Series):
            raise ParameterError(column, value, ["one value (filter the facts for several)"])
        valid = swedish_sorted({str(v) for v in facts[column].unique()})
        if pd.api.types.is_integer_dtype(facts[column]):
            if isinstance(value, bool) or not re.fullmatch(r"-?\d+", str(value).strip()):
                raise ParameterError(column, value, valid[:12])
            value = int(str(value))
        elif pd.api.types.is_float_dtype(facts[column]):
            try:
                value = float(str(value).replace(",", "."))
            except ValueError:
                raise ParameterError(column, value, ["a number"]) from None
            if value not in set(facts[column]):
                raise ParameterError(column, value, ["a value the facts hold"])
            out[column] = value
            continue
        else:
            value = str(value)
        if str(value) not in valid:
            near = difflib.get_close_matches(str(value), valid, n=5, cutoff=0.6)
            near += [v for v in valid if v.casefold() == str(value).casefold() and v not in near]
            raise ParameterError(column, value, near or valid[:12])
        out[column] = value
    return out


class LatestPrintings:
    """The latest printing of every (measure, ref_year, ref_month) of one series, found without a scan.

    `get` answers as `latest_value(rows, measure=…, ref_year=…, ref_month=…)` does, `source` with the report
    and line that printed it. Built once per series (rows with one printing per report and key), a loop over
    years costs one pass over the rows, not one each.
    """

    def __init__(self, rows: pd.DataFrame) -> None:
        ordered = rows.sort_values(PRINTING_ORDER, kind="stable")
        last = ordered.drop_duplicates(["measure", "ref_year", "ref_month"], keep="last")
        keys = [(m, int(y), int(n)) for m, y, n in zip(last.measure, last.ref_year, last.ref_month, strict=True)]
        self._values = dict(zip(keys, map(float, last.value), strict=True))
        self._sources = dict(zip(keys, zip(last.report_id, map(int, last.source_line), strict=True), strict=True))

    def get(self, measure: str, year: int, month: int) -> float | None:
        """The latest printed value, or None when none was printed."""
        return self._values.get((measure, int(year), int(month)))

    def source(self, measure: str, year: int, month: int) -> tuple[str | None, int | None]:
        """The report and line of the latest printing (None, None when none was printed)."""
        return self._sources.get((measure, int(year), int(month)), (None, None))


def one_printing_per_report(rows: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """One row per report and key: the printing of the highest-priority table (then the earliest line)."""
    ranked = rows.assign(_priority=rows.table.map(TABLE_PRIORITY))
    ranked = ranked.sort_values(["vintage", "report_id", "_priority", "source_line"])
    return ranked.drop_duplicates([*key, "report_id"], keep="first").drop(columns="_priority")
