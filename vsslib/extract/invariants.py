"""What no extracted fact may say, checked over every row of a report before it is accepted.

Each check names the row (file, line, printed text) and what was expected, so that a misread layout is
refused at extraction instead of published:

- an outcome (`utfall`) dated after the report's own period;
- a month outside 1–12, or a year outside the span the reports print (outcomes up to ten years back,
  forecasts for the report's year or the next, budgets, targets and deviations for the report's year
  or the ones beside it);
- a fact attributed to a unit that its table does not name: a unit comes from its row's label, the
  heading it stands under, or the item's vocabulary, never from elsewhere in the report.
"""

from __future__ import annotations

import re

from vsslib.errors import ReportError
from vsslib.extract.layout import Table
from vsslib.extract.vocabulary import find_unit, match_item, match_unit

OUTCOME_YEARS_BACK = 10  # the reports print outcomes a few years back (KS: 2016 in 2018); ten is generous
YEARS = {  # measure -> (first, last) year relative to the report's year
    "utfall": (-OUTCOME_YEARS_BACK, 0),
    "prognos": (0, 1),
    "budget": (-1, 1),
    "målvärde": (-1, 1),
    "avvikelse": (-1, 1),
    "förändring": (-1, 1),
}


def units_named(table: Table, organ: str) -> set[str]:
    """Every unit a table names: in a row's label, or as the default unit of an item it prints."""
    named = {organ}
    for row in table.rows:
        for unit in (match_unit(row.label, organ), find_unit(row.label, organ)):
            if unit:
                named.add(unit)
        item = match_item(row.label)
        if item and item[2]:
            named.add(item[2])
    return named


def check_facts(facts: list[dict], vintage: tuple[int, int], named: set[str]) -> None:
    """Raise ReportError for the first fact of a table that no report could print (see the module)."""
    year, month = vintage
    for fact in facts:
        ref = (fact["ref_year"], fact["ref_month"])
        first, last = YEARS[fact["measure"]]
        problem = None
        if not 1 <= fact["ref_month"] <= 12:
            problem = f"month {fact['ref_month']} is no month"
        elif fact["measure"] == "utfall" and ref > (year, month):
            problem = f"an outcome for {ref[0]}-{ref[1]:02d}, after the report's own period {year}-{month:02d}"
        elif not year + first <= fact["ref_year"] <= year + last:
            problem = (
                f"{fact['measure']} for {fact['ref_year']}, outside {year + first}–{year + last} for a {year} report"
            )
        elif fact["unit"] not in named:
            problem = f"unit {fact['unit']!r}, which its table names nowhere"
        if problem:
            raise ReportError(
                fact["source_file"],
                fact["source_line"],
                f"the row {fact['source_text'].strip()[:80]!r} would give {problem}",
                "facts within the report's period, of the units its table lists",
            )


def unread_cells(file: str, tables: list[Table], facts: list[dict]) -> list[str]:
    """Warnings for tables that yield fewer facts than the numbers their rows print.

    A printed number in a value column (not a cumulative one) becomes one fact; a table whose rows print
    more numbers than it gave facts had cells found but not read, and says which lines.
    """
    made: dict[int, int] = {}
    for fact in facts:
        made[fact["source_line"]] = made.get(fact["source_line"], 0) + 1
    warnings = []
    for table in tables:
        short = []
        printed = 0
        for row in table.rows:
            columns = row.columns or table.columns
            n = sum(
                1
                for col, (value, _) in zip(columns, row.values, strict=False)
                if value is not None and table.makes_fact(col)
            )
            printed += n
            if made.get(row.line, 0) < n:
                short.append(row.line)
        if short:
            lost = printed - sum(made.get(r.line, 0) for r in table.rows)
            lines = ", ".join(map(str, short[:8])) + (" …" if len(short) > 8 else "")
            warnings.append(
                f"{file}:{table.line}: the {table.kind} table prints {printed} numbers, {max(lost, 1)} of them "
                f"gave no fact (lines {lines}): cells found but not read"
            )
    return warnings


def rows_outside_tables(file: str, lines: list[str], tables: list[Table]) -> list[str]:
    """A warning when lines that look like table rows stand in no table the readers found.

    A short label, then two numbers or more in columns: a table whose layout the extractor could not place.
    """
    inside = {k for t in tables for k in range(t.line - 1, max(t.end_line, t.line))}
    loose = [k + 1 for k, line in enumerate(lines) if k not in inside and _looks_like_row(line)]
    if len(loose) < 2:
        return []
    shown = ", ".join(map(str, loose[:8])) + (" …" if len(loose) > 8 else "")
    return [
        f"{file}:{loose[0]}: {len(loose)} lines look like rows of a table but are in no table read (lines {shown}): "
        "a table whose layout the extractor could not place; its facts are missing"
    ]


_ROW = re.compile(r"^(?!.*\.{4})\D{3,80}?(?:[\t ]+-?\d{1,3}(?:[  ]\d{3})*(?:,\d+)?\s*%?){2,}\s*$")


def _looks_like_row(line: str) -> bool:
    text = re.sub(r"<[^>]+>", "", line)
    if "\t" in text:
        cells = [c.strip() for c in text.split("\t")]
        numeric = [c for c in cells[1:] if re.fullmatch(r"-?\d[\d  ]*(,\d+)?\s*%?", c)]
        return bool(cells[0]) and len(numeric) >= 2 and "....." not in cells[0]
    return bool(_ROW.match(text)) and len(text.split()) <= 16
