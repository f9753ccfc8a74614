"""Goals and indicators: each indicator's latest value against its printed target, and the goals' assessments.

Pure functions of the facts, the targets, the curated directions and series, and what the report's text says
(`extract.goals`: each goal's assessment, each indicator row's goal). The status is the contract's: `met`,
`not_met`, `no_target`, `no_value` or `undecided`, with the reason in words. A bare-number target is judged
only by a curated direction; a partial-year value is judged as the contract says (a rate as it stands, with its
period said; a count that accumulates only where it already decides the year).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from vsslib import formatting as fmt
from vsslib.analysis.records import GoalsSummary
from vsslib.facts.indicators import Direction, direction_of

STATUS_WORDS = {
    "met": "når målet",
    "not_met": "når inte målet",
    "no_target": "mål saknas",
    "no_value": "utfall saknas",
    "undecided": "kan inte bedömas",
}
COMPARATOR_WORDS = {">": "över", ">=": "minst", "<": "under", "<=": "högst", "=": "lika med"}
TABLES = ("indikatorer", "personal")
HEADCOUNTS = ("tillsvidareanställda", "årsarbetare")  # a count of staff in the personnel table: no goal indicator
KEY = ["unit", "item", "detail"]


def latest_report(facts: pd.DataFrame) -> str | None:
    """The latest report (by vintage) that prints an indicator table, or None."""
    rows = facts[facts.table == "indikatorer"]
    return None if rows.empty else str(rows.sort_values(["vintage", "report_id"]).report_id.iloc[-1])


def indicator_rows(facts: pd.DataFrame, report: str) -> pd.DataFrame:
    """One row per indicator (unit, item, detail) the report prints, its table's first printing first."""
    own = facts[(facts.report_id == report) & facts.table.isin(TABLES)]
    indicators = own[own.table == "indikatorer"]
    personnel = own[(own.table == "personal") & ~own.item.isin(set(indicators.item) | set(HEADCOUNTS))]
    both = pd.concat([indicators, personnel]).sort_values(["source_line"], kind="stable")
    return both.drop_duplicates(KEY)[["table", *KEY, "uom", "source_line"]].reset_index(drop=True)


def _latest_outcome(rows: pd.DataFrame) -> pd.Series | None:
    outcomes = rows[rows.measure == "utfall"].sort_values(["ref_year", "ref_month"])
    return None if outcomes.empty else outcomes.iloc[-1]


def status(
    value: float | None,
    year: int | None,
    month: int | None,
    previous: float | None,
    target: pd.Series | None,
    direction: Direction | None,
) -> tuple[str, str]:
    """(status, reason in Swedish) of one value against its printed target (see the module's rules)."""
    if target is None:
        return "no_target", "inget målvärde tryckt"
    if value is None:
        return "no_value", "inget utfall tryckt för året"
    if year is not None and int(target.ref_year) != year:
        return "no_value", f"senaste utfallet är från {year}, målvärdet gäller {int(target.ref_year)}"
    partial = month is not None and month < 12 and not (direction is not None and direction.full_year)
    accumulates = partial and direction is not None and direction.accumulates
    if target.comparator in ("increase", "decrease"):
        return _against_last_year(value, previous, str(target.comparator), partial, accumulates)
    number = _number(target.target_value)
    if number is None:
        return "undecided", f"målet är tryckt som ”{target.target_text}”, som inte går att läsa som ett mål"
    comparator, number, undecided = _read_by_direction(str(target.comparator), number, direction)
    if undecided:
        return "undecided", undecided
    if partial and direction is not None and direction.direction == "balance":
        after = fmt.month_name(month, "delåret")
        return (
            "undecided",
            f"resultatet efter {after} avgör inte helårets; helårsprognosen står på sidan Prognossäkerhet",
        )
    meets = {">": value > number, ">=": value >= number, "<": value < number, "<=": value <= number}.get(
        comparator, abs(value - number) < 1e-9
    )
    if accumulates:
        if meets == (comparator in (">", ">=")):  # a ceiling already passed, or a floor already reached, decides
            after = fmt.month_name(month, "delåret")
            return ("met" if meets else "not_met"), f"redan {'nått' if meets else 'över målvärdet'} efter {after}"
        return "undecided", "värdet växer under året: delårets värde avgör inte helåret"
    return ("met" if meets else "not_met"), ("delårsvärde mot helårsmål" if partial else "")


def _read_by_direction(comparator: str, number: float, direction: Direction | None) -> tuple[str, float, str]:
    """A bare-number target as the curated direction reads it: (comparator, number, why undecided or '')."""
    if comparator:
        return comparator, number, ""
    if direction is None:
        return "", number, "målvärdet är ett tal utan riktning, och ingen riktning är beslutad"
    if direction.direction == "undecided":
        return "", number, direction.reason
    read = {"higher": ">=", "lower": "<=", "balance": ">="}[direction.direction]
    return read, 0.0 if direction.direction == "balance" else number, ""


def _against_last_year(
    value: float, previous: float | None, comparator: str, partial: bool, accumulates: bool
) -> tuple[str, str]:
    """'Ska öka' / 'Minska': the value against the same report's value a year before."""
    if previous is None:
        return "undecided", "inget utfall året före att jämföra med"
    better = value > previous if comparator == "increase" else value < previous
    if accumulates and better == (comparator == "decrease"):
        return "undecided", "värdet växer under året: delårets värde avgör inte jämförelsen med helåret före"
    said = f"{'ökat' if value > previous else 'minskat' if value < previous else 'oförändrat'} från året före"
    return ("met" if better else "not_met"), said + (" (delår mot helår)" if partial else "")


def judge(
    facts: pd.DataFrame,
    targets: pd.DataFrame,
    directions: dict[tuple[str, str], Direction],
    series: dict[tuple[str, str], str],
    placements: dict[int, tuple[str, str]],
) -> pd.DataFrame:
    """Every indicator of the latest report with an indicator table: its value, target and status."""
    report = latest_report(facts)
    if report is None:
        return pd.DataFrame(columns=COLUMNS)
    own = facts[facts.report_id == report]
    own_targets = targets[targets.report_id == report]
    out = []
    for row in indicator_rows(facts, report).itertuples(index=False):
        rows = own[(own.unit == row.unit) & (own["item"] == row.item) & (own.detail == row.detail)]
        latest = _latest_outcome(rows)
        year = int(latest.ref_year) if latest is not None else None
        before = rows[(rows.measure == "utfall") & (rows.ref_year == (year or 0) - 1)]
        found = own_targets[
            (own_targets.unit == row.unit) & (own_targets["item"] == row.item) & (own_targets.detail == row.detail)
        ].sort_values("table")  # the indicator table before the personnel table
        target = found.iloc[0] if len(found) else None
        direction = direction_of(directions, row.unit, row.item)
        code, reason = status(
            float(latest.value) if latest is not None else None,
            year,
            int(latest.ref_month) if latest is not None else None,
            float(before.value.iloc[-1]) if len(before) else None,
            target,
            direction,
        )
        if latest is not None and re.search(r"\d\*", str(latest.source_text)):
            reason = f"{reason}; " if reason else ""
            reason += "värdet har en fotnot (*) i rapporten, se raden under tabellen"
        area, goal = placements.get(int(row.source_line), ("", ""))
        out.append(
            {
                "area": area,
                "goal": goal,
                "unit": row.unit,
                "indicator": series.get((row.unit, row.item), row.item),
                "item": row.item,
                "detail": row.detail,
                "ref_year": year,
                "ref_month": int(latest.ref_month) if latest is not None else None,
                "value": float(latest.value) if latest is not None else None,
                "value_text": _as_printed(latest),
                "uom": row.uom,
                "target_text": str(target.target_text) if target is not None else "",
                "comparator": str(target.comparator) if target is not None else "",
                "target": _number(target.target_value) if target is not None else None,
                "status": code,
                "status_text": STATUS_WORDS[code] + (f": {reason}" if reason else ""),
                "report_id": report,
                "source_line": int(latest.source_line) if latest is not None else int(row.source_line),
                "target_line": int(target.source_line) if target is not None else None,
            }
        )
    return pd.DataFrame(out, columns=COLUMNS).astype(
        {"ref_year": "Int64", "ref_month": "Int64", "target_line": "Int64"}
    )


COLUMNS = [
    "area",
    "goal",
    "unit",
    "indicator",
    "item",
    "detail",
    "ref_year",
    "ref_month",
    "value",
    "value_text",
    "uom",
    "target_text",
    "comparator",
    "target",
    "status",
    "status_text",
    "report_id",
    "source_line",
    "target_line",
]


def _as_printed(fact: pd.Series | None) -> str:
    """A value with the decimals its report printed ('1,06', '11 236'), for a page beside its printed target."""
    return "" if fact is None else fmt.as_printed(float(fact.value), float(fact.precision))


def _number(value: object) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(str(value))


def main_rows(judged: pd.DataFrame) -> pd.DataFrame:
    """The indicators themselves (no 'män'/'kvinnor' sub-rows), with their sub-rows' values and lines beside them.

    The target as printed is typeset for a page ('220 000' kept together).
    """
    main = judged[~judged.detail.isin(["män", "kvinnor"])].copy()
    same = ["unit", "item", "ref_year", "ref_month"]  # a sub-row's value of the indicator's own period, or none
    keys = list(zip(*(main[c] for c in same), strict=True))
    for sex, column in (("män", "men"), ("kvinnor", "women")):
        sub = judged[judged.detail == sex].set_index(same)
        main[column] = [sub.value.get(k) for k in keys]
        main[f"{column}_line"] = [sub.source_line.get(k) for k in keys]
    main["target_text"] = main.target_text.map(fmt.typeset)
    return main.reset_index(drop=True)


def tally(judged: pd.DataFrame) -> dict[str, int]:
    """How many indicators (sub-rows aside) have each status, and how many were judged at all."""
    main = main_rows(judged)
    counts = {code: int((main.status == code).sum()) for code in STATUS_WORDS}
    counts["judged"] = counts["met"] + counts["not_met"]
    return counts


def printings(facts: pd.DataFrame, judged: pd.DataFrame, series: dict[tuple[str, str], str]) -> pd.DataFrame:
    """Every report's printing of each judged indicator's outcomes by year: revisions visible side by side."""
    main = main_rows(judged)
    wanted = set(main.indicator)
    rows = facts[facts.table.isin(TABLES) & (facts.measure == "utfall") & (facts.detail == "")]
    rows = rows.assign(indicator=[series.get((u, i), i) for u, i in zip(rows.unit, rows["item"], strict=True)])
    rows = rows[rows.indicator.isin(wanted) & rows.unit.isin(set(main.unit))]
    keep = ["indicator", "unit", "ref_year", "ref_month", "report_id", "value", "uom", "source_line"]
    return rows[keep].sort_values(["indicator", "unit", "ref_year", "ref_month", "report_id"]).reset_index(drop=True)


def summary(period: str, organ: str, judged: pd.DataFrame, goals: list[dict]) -> GoalsSummary:
    """The notebook's JSON summary: every indicator with its status, every goal's assessment, key figures."""
    counts = tally(judged)
    fields = ["unit", "detail", "ref_year", "ref_month", "value", "uom", "target_text", "comparator", "target"]
    indicators = [
        {
            "indicator": row["item"],  # the facts' item; the series it belongs to beside it
            "series": row["indicator"],
            **{k: row[k] for k in [*fields, "status", "status_text", "report_id", "source_line", "area", "goal"]},
        }
        for row in judged.astype(object).where(judged.notna(), None).to_dict("records")
    ]
    return {
        "period": period,
        "organ": organ,
        "indicators": indicators,
        "goals": goals,
        "counts": counts,
        "key_figures": [
            {
                "label": "Bedömda indikatorer som når målet",
                "value": f"{counts['met']} av {counts['judged']}" if len(judged) else "ingen rapport med indikatorer",
            },
            {"label": "Kan inte bedömas", "value": counts["undecided"]},
        ],
    }


def gaps(judged: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Judged indicators with a numeric target: how far from it now and a year before, in % of the target.

    Positive is the good side (above a floor, below a ceiling). A target of 0 (balance) has no scale and is
    left out; a direction word ('Ska öka') has no distance. `before` is the same report's value a year earlier.
    """
    main = main_rows(judged)
    rows = main[main.status.isin(["met", "not_met"]) & main.target.notna() & (main.target != 0)]
    out = []
    for row in rows.itertuples(index=False):
        upward = row.comparator in (">", ">=") or (row.comparator == "" and _better_higher(row, judged))
        sign = 1 if upward else -1
        earlier = facts[
            (facts.report_id == row.report_id)
            & (facts.unit == row.unit)
            & (facts["item"] == row.item)
            & (facts.detail == row.detail)
            & (facts.measure == "utfall")
            & (facts.ref_year == row.ref_year - 1)
        ]
        before = float(earlier.value.iloc[-1]) if len(earlier) else None
        out.append(
            {
                "indicator": row.indicator,
                "unit": row.unit,
                "status": row.status,
                "gap": sign * (row.value - row.target) / abs(row.target) * 100,
                "gap_before": None if before is None else sign * (before - row.target) / abs(row.target) * 100,
                "ref_year": row.ref_year,
            }
        )
    return pd.DataFrame(out, columns=["indicator", "unit", "status", "gap", "gap_before", "ref_year"])


def _better_higher(row, judged: pd.DataFrame) -> bool:
    """For a bare-number target: whether its status says higher is better (met with value >= target, …)."""
    return (row.status == "met") == (row.value >= row.target)


def unread_rows(meta: dict, report: str | None) -> list[int]:
    """Lines of the report that look like table rows but gave no fact (the extraction's warnings), in order."""
    lines: set[int] = set()
    for warning in meta.get("warnings", []):
        if not report or not warning.startswith(f"{report}.txt:"):
            continue
        listed = re.search(r"in no table read \(lines ([\d, ]+)\)", warning)
        if listed:
            lines |= {int(n) for n in listed.group(1).split(", ")}
        elif "skipped OCR row" in warning:
            lines.add(int(warning.split(":")[1]))
    return sorted(lines)


def goal_table(assessments: list, judged: pd.DataFrame, placed: bool = True) -> pd.DataFrame:
    """Per goal the report assesses: its assessment, quote and line, and how its indicators fare.

    `placed`: whether the report's text lets its indicator rows be tied to their goals (tab-separated cells);
    where it does not, a goal's indicators are "kan inte knytas till målet", never "inga". An indicator
    table's goal and the heading above the assessment may be spelt apart ('Hållbart chef- och
    ledarskap' / 'Hållbart chefs- och ledarskap'): they are one goal when their folded names are close.
    """
    from rapidfuzz import fuzz

    from vsslib.extract.text import fold

    main = main_rows(judged)
    rows = []
    for a in assessments:
        mine = main[[fuzz.ratio(fold(g), fold(a.goal)) >= 85 for g in main.goal]] if len(main) else main
        judged_here = mine[mine.status.isin(["met", "not_met"])]
        rows.append(
            {
                "area": a.area,
                "goal": a.goal,
                "assessment": a.assessment,
                "quote": a.quote,
                "report_id": a.report_id,
                "source_line": a.line,
                "indicators": (
                    f"{int((judged_here.status == 'met').sum())} av {len(judged_here)} når målet"
                    if len(judged_here)
                    else (
                        "inga bedömda" if len(mine) else "inga i tabellen" if placed else "kan inte knytas till målet"
                    )
                ),
            }
        )
    return pd.DataFrame(rows, columns=["area", "goal", "assessment", "quote", "report_id", "source_line", "indicators"])
