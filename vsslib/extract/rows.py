"""Printed table rows to facts rows of the data contract: units, items, measures, periods, signs.

Pure functions: tables in, a list of fact dicts out. The sign rule for `resultat` is decided per
table from the table's own arithmetic (see :func:`net_cost_printed`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vsslib.errors import ReportError
from vsslib.extract.columns import Column
from vsslib.extract.invariants import check_facts, units_named
from vsslib.extract.tables import Row, Table
from vsslib.extract.targets import row_targets
from vsslib.extract.text import clean_label, fold
from vsslib.extract.vocabulary import find_unit, guess_uom, match_item, match_unit, sub_row_detail

LEVELS = ("utfall", "prognos", "budget")
TOLERANCE = 3.0  # tkr: printed figures are rounded


@dataclass(frozen=True)
class Report:
    """What the manifest says of one report."""

    report_id: str
    organ: str
    vintage: str

    @property
    def period(self) -> tuple[int, int]:
        """(year, month) of the vintage."""
        year, month = self.vintage.split("-")
        return int(year), int(month)

    @property
    def source_file(self) -> str:
        """The raw file's name under data/raw."""
        return f"{self.report_id}.txt"


def table_name(table: Table) -> str:
    """The contract's table name for a printed table."""
    if table.kind == "drift":
        return "drift_prognos" if any(c.measure == "prognos" for c in table.columns) else "drift_utfall"
    return table.kind


def compared_period(columns: list[Column]) -> tuple[int, int] | None:
    """The period of `avvikelse` and `förändring`: that of the newest utfall or prognos column."""
    periods = [(c.year, c.month) for c in columns if c.measure in ("utfall", "prognos") and c.year and c.month]
    return max((int(y), int(m)) for y, m in periods) if periods else None


def _level(row: Row, columns: list[Column], measure: str) -> float | None:
    period = compared_period(columns)
    for col, (value, _) in zip(columns, row.values, strict=False):
        if col.measure == measure and (measure == "budget" or (col.year, col.month) == period):
            return value
    return None


def net_cost_printed(table: Table, organ: str) -> bool:
    """Whether the table prints `resultat` as net cost (positive = cost), so that it must be negated.

    Each result row votes: an `avvikelse` equal to budget − outcome (rather than outcome − budget),
    or a total equal to kostnader − intäkter, says net cost. Without votes, KS prints net cost and
    VSS prints results (the contract's rule for each organ).
    """
    votes = 0
    labels = {fold(r.label): r for r in table.rows if r.printed_cells}
    costs, incomes = labels.get("varav kostnader"), labels.get("varav intakter")
    for row in table.rows:
        if not row.printed_cells or _row_item(row.label) not in (None, "resultat"):
            continue
        new = _level(row, table.columns, "prognos")
        new = _level(row, table.columns, "utfall") if new is None else new
        budget, dev = _level(row, table.columns, "budget"), _level(row, table.columns, "avvikelse")
        if new is not None and budget is not None and dev is not None and abs(new - budget) > TOLERANCE:
            votes += _vote(dev, new - budget)
        if _row_item(row.label) == "resultat" and costs and incomes and new is not None:
            cost, income = _level(costs, table.columns, "prognos"), _level(incomes, table.columns, "prognos")
            if cost is None:
                cost, income = _level(costs, table.columns, "utfall"), _level(incomes, table.columns, "utfall")
            if None not in (cost, income) and abs(income - cost) > TOLERANCE:  # type: ignore[operator]
                votes += _vote(new, income - cost)  # type: ignore[operator]
    if votes:
        return votes < 0
    return organ == "KS"


def _vote(printed: float, as_result: float) -> int:
    """+1 when a figure is printed as a result, -1 when printed as net cost (negated), else 0."""
    if abs(printed - as_result) <= TOLERANCE:
        return 1
    return -1 if abs(printed + as_result) <= TOLERANCE else 0


def _row_item(label: str) -> str | None:
    found = match_item(label)
    return found[0] if found else None


def _align_with_parent(row: Row, parent: Row | None, columns: list[Column]) -> None:
    """A 'Män'/'Kvinnor' sub-row with fewer numbers than columns takes the places of its parent's numbers.

    OCR and PDF text pack a row's numbers to the left: under a parent printed 'I.U. I.U. 10,7 6,5', a sub-row
    'Män 12,0' is the 2020 figure, not 2018's (vss-2020-12 l. 711–715). The target column is the parent's
    alone, so only its outcome places count; nothing moves unless the counts match exactly.
    """
    if parent is None:
        return
    filled = [k for k, (value, _) in enumerate(row.values) if value is not None]
    places = [
        k
        for k, (value, _) in enumerate(parent.values)
        if value is not None and k < len(columns) and columns[k].measure != "målvärde"
    ]
    if not filled or filled != list(range(len(filled))) or len(places) != len(filled) or places == filled:
        return
    moved: list[tuple[float | None, bool]] = [(None, False)] * len(row.values)
    for source, target in zip(filled, places, strict=True):
        moved[target] = row.values[source]
    row.values = moved  # the reader's packing, undone before any fact is made


def _refuse_repeated_rows(facts: list[dict]) -> None:
    """Refuse two rows of one table that say the same thing (a unit printed twice, a row relabelled).

    Which of them a reader would get is chance, so it is an error naming both lines.
    """
    seen: dict[tuple, dict] = {}
    for fact in facts:
        key = tuple(fact[k] for k in ("unit", "item", "detail", "measure", "ref_year", "ref_month"))
        first = seen.setdefault(key, fact)
        if first["source_line"] != fact["source_line"]:
            raise ReportError(
                fact["source_file"],
                fact["source_line"],
                f"the row repeats {fact['unit']} / {fact['item']} ({fact['measure']} {fact['ref_year']}) "
                f"of line {first['source_line']} in the same table",
                "one row per unit and item in a table",
            )


class FactBuilder:
    """Turns the tables of one report into fact rows."""

    def __init__(self, report: Report):
        self.report = report
        self.targets: list[dict] = []  # every target cell as printed (`extract.targets`), filled by `build`
        self.warnings: list[str] = []

    def build(self, tables: list[Table]) -> list[dict]:
        """Fact rows of all tables, in table and row order; the targets they print go to `self.targets`."""
        facts: list[dict] = []
        for table in tables:
            facts += self._table_facts(table)
        return facts

    def _table_facts(self, table: Table) -> list[dict]:
        name = table_name(table)
        negate = name in ("drift_utfall", "drift_prognos", "ekonomi") and net_cost_printed(table, self.report.organ)
        readers = {
            "drift_utfall": self._drift_row,
            "drift_prognos": self._drift_row,
            "investeringar": self._investment_row,
            "indikatorer": self._indicator_row,
        }
        reader = readers.get(name, self._summary_row)
        facts: list[dict] = []
        self._context: dict = {"owner": None, "parent": None, "parent_unit": None, "parent_row": None}
        self._table = name
        self._table_packed, self._columns = table.packed, table.columns
        provenance = {
            "report_id": self.report.report_id,
            "organ": self.report.organ,
            "vintage": self.report.vintage,
            "source_file": self.report.source_file,
        }
        for row in table.rows:
            for described in reader(row):
                facts += _cells(self.report, table, name, row, negate, *described)
                targets, warnings = row_targets(provenance, table, name, row, *described)
                self.targets += targets
                self.warnings += warnings
        _refuse_repeated_rows(facts)
        check_facts(facts, self.report.period, units_named(table, self.report.organ))
        return facts

    # -- one row: what it is about -> [(unit, item, detail, uom)] (several for investment kinds) ----
    def _drift_row(self, row: Row) -> list[tuple[str, str, str, str]]:
        if not row.printed_cells:
            return []
        item = _row_item(row.label)
        if item in ("resultat", "kostnader", "intäkter"):
            return [(self.report.organ, item, "", "tkr")]
        unit = match_unit(row.label, self.report.organ)
        if unit is None:
            raise ReportError(
                self.report.source_file,
                row.line,
                f"unknown unit label {row.label!r} in {self._table}",
                "a verksamhet of the contract's list",
            )
        return [(unit, "resultat", "", "tkr")]

    def _summary_row(self, row: Row) -> list[tuple[str, str, str, str]]:
        found = match_item(row.label)
        if not row.printed_cells:
            self._context["parent"] = row.label
            return []
        if found is None and self._context["parent"] and row.italic:
            parent = self._context["parent"]
            unit = find_unit(parent, self.report.organ) or self.report.organ
            return [(unit, _printed_item(parent), row.label, guess_uom(parent, any(p for _, p in row.values)))]
        if found is None:
            unit = find_unit(row.label, self.report.organ) or self.report.organ
            return [(unit, _printed_item(row.label), "", guess_uom(row.label, any(p for _, p in row.values)))]
        item, uom, default_unit = found
        unit = find_unit(row.label, self.report.organ) or default_unit or self.report.organ
        return [(unit, item, "", uom)]

    def _investment_row(self, row: Row) -> list[tuple[str, str, str, str]]:
        owner = match_unit(row.label, self.report.organ)
        if not row.printed_cells or (owner and not any(v is not None for v, _ in row.values)):
            self._context["owner"] = owner or self._context["owner"]
            return []
        key = fold(row.label)
        if key in ("summa", "summa investeringar"):
            return [(self.report.organ, "investeringar", "", "tkr")]
        if key.startswith("summa"):  # a sub-total such as 'Summa färdigställda projekt'
            return [(self.report.organ, "investeringar", clean_label(row.label), "tkr")]
        if key.startswith("varav"):
            return [(self.report.organ, "investeringar", clean_label(row.label).lower(), "tkr")]
        detail = re.sub(r"^Investeringar\s+", "", row.label)
        return [(self._context["owner"] or self.report.organ, "investeringar", detail, "tkr")]

    def _indicator_row(self, row: Row) -> list[tuple[str, str, str, str]]:
        ctx, organ = self._context, self.report.organ
        if (row.label.endswith(")") and "(" not in row.label) or (not row.printed_cells and row.label[:1].islower()):
            return []  # the tail of a label wrapped after its numbers (OCR): nothing of its own
        if not row.printed_cells:
            if sub_row_detail(row.label):
                return []  # 'Män' printed without numbers (OCR 'Min', vss-2020-12 l. 746): never an indicator's name
            ctx["parent"], ctx["parent_unit"] = row.label, find_unit(row.label, organ)
            ctx["parent_row"] = None
            return []
        parent = ctx["parent"]
        detail = sub_row_detail(row.label)
        first_words = row.label.replace(" - ", " ").split()
        unit_named = match_unit(row.label, organ) or next(
            (u for n in (2, 1) if parent and (u := match_unit(" ".join(first_words[:n]), organ, 92))), None
        )
        percent = any(p for _, p in row.values)
        if parent and detail and ctx["parent_row"] is None and self._prints_target(row):
            # 'Balanstal chefer' / 'Män' / 'Kvinnor 0,82 1,08 0,96 1,0' (vss-2020-12 l. 742-746): a sub-row never
            # carries its indicator's target; under a parent printed without numbers they are the parent's
            item, uom = _indicator_item(parent, percent, "")
            ctx["parent_row"] = row
            return [(ctx["parent_unit"] or organ, item, "", uom)]
        if parent and (detail or row.italic or row.label.startswith("-") or unit_named):
            if detail and self._table_packed:
                _align_with_parent(row, ctx.get("parent_row"), self._columns)
            unit = unit_named or ctx["parent_unit"] or organ
            item, uom = _indicator_item(parent, percent, row.label)
            own = match_item(row.label) if unit_named else None
            if own:  # 'HR Service … rekryteringar' under 'Ärendevolym' counts recruitments (vss-2020-12 l. 622)
                item, uom = own[0], own[1]
            if unit_named:  # '-Kontakt Linköping (lösningsgrad %)': the parenthesis names the sub-measure
                note = re.search(r"\(([^)]*)\)", row.label)
                detail = "" if not note or re.fullmatch(r"\d+\s*-\s*\d+", note.group(1)) else note.group(1)
            elif not detail:
                detail = clean_label(row.label.lstrip("-"))
            return [(unit, item, detail, uom)]
        item, uom = _indicator_item(row.label, percent, "")
        unit = find_unit(row.label, organ) or organ
        ctx["parent"], ctx["parent_unit"] = row.label, unit if unit != organ else None
        ctx["parent_row"] = row
        return [(unit, item, "", uom)]

    def _prints_target(self, row: Row) -> bool:
        return any(
            value is not None and k < len(self._columns) and self._columns[k].measure == "målvärde"
            for k, (value, _) in enumerate(row.values)
        )

    # -- one row's cells -------------------------------------------------------------------------


def _cells(
    report: Report, table: Table, name: str, row: Row, negate: bool, unit: str, item: str, detail: str, uom: str
) -> list[dict]:
    """The facts of one row's cells, under the row's (unit, item, detail, unit of measure)."""
    out = []
    period = compared_period(table.columns)
    for col, (value, _) in zip(row.columns or table.columns, row.values, strict=False):
        if value is None or not table.makes_fact(col):
            continue
        year, month = period if col.measure in ("avvikelse", "förändring") and period else (col.year, col.month)
        cell_item = item
        if name == "investeringar":
            cell_item = f"investeringar {col.kind or 'netto'}"
        precision = 10.0 ** -_decimals(value)
        if uom == "tkr" and table.scale != 1:
            value *= table.scale
            precision *= table.scale
        if negate and item == "resultat" and col.measure != "avvikelse":
            value = -value
        out.append(
            {
                "report_id": report.report_id,
                "organ": report.organ,
                "vintage": report.vintage,
                "table": name,
                "unit": unit,
                "item": cell_item,
                "detail": detail,
                "measure": col.measure,
                "ref_year": int(year or 0),  # resolved columns always carry a period
                "ref_month": int(month or 0),
                "value": float(value) + 0.0,
                "uom": uom,
                "source_file": report.source_file,
                "source_line": row.line,
                "source_text": row.text,
                "precision": precision,
            }
        )
    return out


def _decimals(value: float) -> int:
    """The decimals a value was printed with ('4,0': 1), else those its digits need."""
    if (printed := getattr(value, "decimals", None)) is not None:
        return int(printed)
    text = f"{abs(value):.6f}".rstrip("0")
    return len(text.split(".")[1])


def _printed_item(label: str) -> str:
    """An indicator kept under its printed name: markup, footnote marks and broken spacing cleaned."""
    return clean_label(label).lstrip("-").strip()


def _indicator_item(label: str, percent: bool, sub_label: str) -> tuple[str, str]:
    words = label.split()
    opened = next((i for i, w in enumerate(words) if "(" in w), len(words))
    for start in range(opened + 1 if opened == 0 else min(opened, len(words))):  # OCR: goal, then indicator
        found = match_item(" ".join(words[start:]))
        if found:
            return found[0], found[1]
    return _printed_item(label), guess_uom(f"{label} {sub_label}", percent)
