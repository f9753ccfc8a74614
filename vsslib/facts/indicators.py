"""Curated knowledge of the indicators: which way is better for a bare-number target, and which names are one.

`data/annotations/indicator_directions.csv`: per (unit, item) — unit `*` for every unit — the direction a
bare-number target is judged by (`higher`, `lower`, `balance`: at least zero, or `undecided` with its reason),
whether the value accumulates over the year (a partial-year count is judged only where it already decides
the year), the reason, and where the report says so a quote checked on its line.
`data/annotations/indicator_series.csv`: printed names (OCR damage, renamings) that are one indicator.
Both are checked like every curated file, and every (unit, item) they name must be one the reports print.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from vsslib import paths
from vsslib.errors import ReportError
from vsslib.facts.annotations import known_unit, read_curated, refuse_repeats, require_quote, whole_numbers

DIRECTIONS_FILE = "indicator_directions.csv"  # the curated files, in `paths.layout().annotations`
SERIES_FILE = "indicator_series.csv"
DIRECTIONS = ("higher", "lower", "balance", "undecided")
ANY_UNIT = "*"


@dataclass(frozen=True)
class Direction:
    """How a bare-number target of one indicator is judged, and why."""

    direction: str
    accumulates: bool
    reason: str  # in Swedish: the page shows it
    full_year: bool = False  # the report says this value is the whole year's even in an interim report
    report_id: str = ""
    line: int = 0
    quote: str = ""


def load_directions(
    known: set[tuple[str, str]], path: Path | None = None, raw_dir: Path | None = None
) -> dict[tuple[str, str], Direction]:
    """{(unit or '*', item): Direction}; ReportError naming the row for a bad one or an indicator not in `known`."""
    path = path or paths.layout().annotations / DIRECTIONS_FILE
    raw_dir = raw_dir or paths.layout().raw
    out: dict[tuple[str, str], Direction] = {}
    seen = []
    columns = ["unit", "item", "direction", "accumulates", "value_period", "reason", "report_id", "line", "quote"]
    for number, rec in read_curated(path, columns):
        unit, item = rec["unit"], rec["item"]
        if unit != ANY_UNIT:
            known_unit(unit, path, number)
        if not any(i == item and (unit == ANY_UNIT or u == unit) for u, i in known):
            raise ReportError(path.name, number, f"no report prints the indicator {unit} {item!r}", "a printed name")
        if rec["direction"] not in DIRECTIONS or rec["accumulates"] not in ("yes", "no"):
            raise ReportError(
                path.name,
                number,
                f"direction {rec['direction']!r}, accumulates {rec['accumulates']!r}",
                f"a direction of {', '.join(DIRECTIONS)} and accumulates yes or no",
            )
        if rec["value_period"] not in ("", "helår"):
            raise ReportError(path.name, number, f"value_period {rec['value_period']!r}", "empty or 'helår'")
        if len(rec["reason"].split()) < 3:
            raise ReportError(path.name, number, f"{item}: no reason", "why, in words")
        line = 0
        if rec["quote"] or rec["report_id"] or rec["line"]:
            line = int(whole_numbers(rec, path, number, {"line": (1, 100000)})["line"])
            require_quote(path, number, item, raw_dir / f"{rec['report_id']}.txt", line, rec["quote"])
        out[(unit, item)] = Direction(
            rec["direction"],
            rec["accumulates"] == "yes",
            rec["reason"],
            rec["value_period"] == "helår",
            rec["report_id"],
            line,
            rec["quote"],
        )
        seen.append((number, (unit, item)))
    refuse_repeats(path, seen, "the direction of")
    return out


def direction_of(directions: dict[tuple[str, str], Direction], unit: str, item: str) -> Direction | None:
    """The direction for (unit, item): the unit's own, else the one for every unit, else None."""
    return directions.get((unit, item)) or directions.get((ANY_UNIT, item))


def load_series(known: set[tuple[str, str]], path: Path | None = None) -> dict[tuple[str, str], str]:
    """{(unit, printed item): series name}; ReportError naming the row for a name no report prints."""
    path = path or paths.layout().annotations / SERIES_FILE
    out: dict[tuple[str, str], str] = {}
    seen = []
    for number, rec in read_curated(path, ["series", "unit", "item"]):
        known_unit(rec["unit"], path, number)
        if (rec["unit"], rec["item"]) not in known:
            raise ReportError(
                path.name, number, f"no report prints the indicator {rec['unit']} {rec['item']!r}", "a printed name"
            )
        if not rec["series"].strip():
            raise ReportError(path.name, number, "no series name", "the name the series is shown under")
        out[(rec["unit"], rec["item"])] = rec["series"].strip()
        seen.append((number, (rec["unit"], rec["item"])))
    refuse_repeats(path, seen, "the series of")
    return out


def printed_indicators(facts: pd.DataFrame, targets: pd.DataFrame) -> set[tuple[str, str]]:
    """Every (unit, item) an indicator or personnel table prints, with a value or a target."""
    tables = ["indikatorer", "personal"]
    rows = [frame[frame.table.isin(tables)][["unit", "item"]] for frame in (facts, targets)]
    return {(str(u), str(i)) for frame in rows for u, i in frame.itertuples(index=False)}
