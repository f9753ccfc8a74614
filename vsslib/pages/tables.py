"""Tables for readers: Swedish, numeric, sourced on hover, downloadable, and the period workbook's sheets.

Headers are Swedish, numbers stay numbers and are formatted as the reports print them.
`styled` builds the one styled table (a pandas Styler over the numbers) that feeds the page and its download
links; `show` renders it for a notebook. A number that comes from a fact carries its report, line and printed
row as the cell's `title`; a derived number names the cells it is computed from.

A page's tables belong to its run (`Page`, started by `new_page`): every source shown, listed at the end of
the page by `sources()` so that a printed page keeps them too, and every table shown with a `sheet` name,
written beside the page's JSON summary (`sheets_file`). The build assembles the period's workbook from those
files (`vsslib.publish.workbook`): a sheet is the table its page shows, never a second computation of it.
"""

from __future__ import annotations

import base64
import html
import itertools
import json
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from vsslib import formatting as fmt
from vsslib import paths
from vsslib.contract import FACT_FIELDS, TABLE_NAMES, TARGET_FIELDS, headers
from vsslib.errors import VssError
from vsslib.extract.reader import is_ocr_text, read_lines
from vsslib.facts.checks import Contest
from vsslib.fileio import json_ready
from vsslib.pages.window import recent

HEADERS = {
    **headers(FACT_FIELDS),  # the contract's columns under their Swedish headers (vsslib/contract.py) …
    **headers(TARGET_FIELDS),
    # … and the columns the analyses add
    "horizon": "Prognostillfälle",
    "forecast_vintage": "Tryckt i rapporten från",
    "forecast": "Prognos",
    "outcome": "Utfall",
    "outcome_vintage": "Utfall från",
    "error": "Fel (prognos − utfall)",
    "n": "Antal",
    "mae": "Medelabsolutfel",
    "bias": "Medelfel",
    "turnover": "Omsättning (kostnader)",
    "turnover_basis": "Omsättning enligt",
    "share": "Fel i andel av omsättning",
    "stage": "Steg",
    "unit_value": "Verksamheten",
    "organ_value": "Förvaltningen",
    "basis": "Underlag",
    "share_apr": "Andel april",
    "share_aug": "Andel augusti",
    "full_year": "Helårsresultat",
    "as_of": "Per",
    "method": "Metod",
    "official": "Officiell prognos",
    "chat": "Chatt",
    "cases": "Ärenden",
    "chat_share": "Andel chatt",
    "check": "Kontroll",
    "severity": "Typ",
    "fall_period": "Period",
    "budget": "Budget",
    "budget_basis": "Budgetens grund",
    "frame": "Investeringsram",
    "frame_basis": "Ramens rader",
    "value_basis": "Beloppets rader",
    "value_notes": "Anmärkning om värdena",
    "driver_list": "Drivkrafterna, med raden som trycker beloppet",
    "drivers": "Drivkrafter med belopp, summa",
    "remainder": "Rest utan belopp",
    "causes_in_text": "Orsaker som texten nämner utan belopp",
    "result": "Resultat eller prognos",
    "what": "Vad",
    "printed": "Tryckt",
    "expected": "Förväntat",
    "difference": "Skillnad",
    "facts": "Antal fakta",
    "printed_name": "Tryckt namn",
    "first_line": "Första rad",
    "assumption": "Antagande",
    "skipped": "Ej använd därför att",
    "years": "År",
    "status": "Status",
    "printed_value": "Tryckt värde",
    "decision": "Beslut",
    "note": "Anmärkning",
    "months": "Öppna månader",
    "per_month": "Per öppen månad",
    "target": "Målvärde",
    "target_number": "Målvärde som tal",
    "comparator": "Jämförelse",
    "share_of_organ": "Andel av förvaltningens resultat",
    "organ_without_unit": "Förvaltningen utan verksamheten",
    "organ_units": "Antal verksamheter i förvaltningens resultat",
    "organ_units_basis": "Underlag, antal verksamheter",
    "estimate": "Skattat helår",
    "low": "Lägst",
    "high": "Högst",
    "area": "Målområde",
    "goal": "Förvaltningsmål",
    "indicator": "Indikator",
    "assessment": "Rapportens bedömning",
    "quote": "Rapportens ord",
    "indicators": "Indikatorerna",
    "status_text": "Status",
    "value_text": "Värde",
    "men": "Män",
    "women": "Kvinnor",
    "outcome_report": "Utfallets rapport",
    "outcome_line": "Utfallets rad",
    "target_report": "Målvärdets rapport",
    "target_line": "Målvärdets rad",
    "men_line": "Rad för män",
    "women_line": "Rad för kvinnor",
    "unit_report": "Verksamhetens rapport",
    "unit_line": "Verksamhetens rad",
    "organ_report": "Förvaltningens rapport",
    "organ_line": "Förvaltningens rad",
    "cases_report": "Ärendenas rapport",
    "cases_line": "Ärendenas rad",
    "official_report": "Officiella prognosens rapport",
    "official_line": "Officiella prognosens rad",
    "turnover_report": "Omsättningens rapport",
    "turnover_line": "Omsättningens rad",
    "april": "Utfall januari–april",
    "august": "Utfall januari–augusti",
    "april_report": "Aprilutfallets rapport",
    "april_line": "Aprilutfallets rad",
    "august_report": "Augustiutfallets rapport",
    "august_line": "Augustiutfallets rad",
    "full_report": "Helårsutfallets rapport",
    "full_line": "Helårsutfallets rad",
    "mae_basis": "Underlag, medelabsolutfel",
    "bias_basis": "Underlag, medelfel",
    "estimate_basis": "Underlag, skattning",
    "forecast_basis": "Underlag, prognos",
    "expected_basis": "Underlag, förväntat",
}
UOM_NAMES = {"tkr": "tkr", "antal": "antal", "procent": "%", "kr": "kr", "dagar": "dagar"}
PRINTED_COLUMNS = {
    "source_text",
    "printed_name",
    "quote",
}  # report text as printed: shown as is, in the page's quote style
CHECK_NAMES = {
    "sum": "summa",
    "avvikelse": "avvikelse",
    "förändring": "förändring",
    "intäkter-kostnader": "intäkter − kostnader",
    "ekonomi-drift": "sammanfattning",
    "conflict": "konflikt",
    "revision": "revision",
    "text": "text mot tabell",
    "layout": "radplacering",
    "outlier": "avvikande värde",
    "scale": "utanför skalan",
}
SEVERITY_NAMES = {
    "error": "fel",
    "convention": "konvention",
    "revision": "ändrad budget",
    "suspect": "misstänkt läsfel",
}
NUMBER_COLUMNS = {
    "organ_without_unit",
    "target_number",
    "frame",
    "april",
    "august",
    "forecast",
    "outcome",
    "error",
    "mae",
    "bias",
    "turnover",
    "value",
    "unit_value",
    "organ_value",
    "full_year",
    "official",
    "chat",
    "cases",
    "printed",
    "expected",
    "difference",
    "estimate",
    "low",
    "high",
    "per_month",
    "target",
    "budget",
    "drivers",
    "remainder",
    "result",
    "men",
    "women",
}
PERCENT_COLUMNS = {"share", "share_apr", "share_aug", "chat_share", "share_of_organ"}
COUNT_COLUMNS = {"n", "facts", "months", "organ_units"}  # counts: no unit, but numbers, right-aligned as amounts are


def whole_tkr(column_header: str) -> bool:
    """Whether a column holds amounts in tkr, which every page and sheet shows whole, as the reports print them."""
    return column_header.endswith("(tkr)")


def _whole(value: Any) -> str:
    if value is None or value != value:  # missing, or NaN
        return ""
    return fmt.number(float(value), 0)


def _number(value: Any) -> str:
    if value is None or value != value:  # missing, or NaN
        return ""
    number = float(value)
    return fmt.number(number, fmt.shown_decimals(number))


def _percent(value: Any) -> str:
    return "" if value is None or value != value else fmt.percent(value)


def printed_row(text: object) -> str:
    """A printed row as a reader sees it in the report: markup gone, cells apart ('LKDATA │ 6 113 │ 1 425')."""
    plain = re.sub(r"</?[a-zA-Z][^>]*>", "", str(text))
    plain = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", fmt.NBSP, plain)  # '400 053' kept on one line, as it reads
    return " │ ".join(cell.strip() for cell in plain.split("\t") if cell.strip())


HORIZON_LABELS = {"senaste": "senaste prognos"}
CODES = {
    "check": CHECK_NAMES,
    "severity": SEVERITY_NAMES,
    "table": TABLE_NAMES,
    "uom": UOM_NAMES,
    "horizon": HORIZON_LABELS,
}


def header(column: str, unit: str | None = None) -> str:
    """The Swedish header of a column, with the unit of an amount column when the table has one unit."""
    name = HEADERS.get(column, column)
    return f"{name} ({unit})" if unit and column in NUMBER_COLUMNS else name


def swedish_frame(df: pd.DataFrame, columns: list[str] | None = None, unit: str | None = None) -> pd.DataFrame:
    """The chosen columns under Swedish headers; codes in words, printed rows without markup, numbers numeric."""
    shown = df[columns] if columns else df
    out = pd.DataFrame(index=range(len(shown)))
    for column in shown.columns:
        values = shown[column].reset_index(drop=True)
        if column in CODES:
            values = values.map(lambda v, names=CODES[column]: names.get(v, v))
        elif column in PRINTED_COLUMNS:
            values = values.map(printed_row)
        out[header(column, unit)] = values
    return out


@dataclass
class Sources:
    """The facts' printed rows, by (report, line), and every source a page has shown, in order.

    A cited line that no fact came from (a figure stated in the text, `data/annotations/text_amounts.csv`) is
    quoted from the report itself (`paths.layout().raw`), so that no source is listed without its words.
    """

    printed: dict[tuple[str, int], str] = field(default_factory=dict)
    shown: dict[tuple[str, int], str] = field(default_factory=dict)
    reports: dict[str, list[str]] = field(default_factory=dict)
    ocr: dict[str, bool] = field(default_factory=dict)

    def learn(self, facts: pd.DataFrame) -> None:
        """Remember the printed row of every fact (called by `show` with the facts a table comes from)."""
        for report, line, text in (
            facts[["report_id", "source_line", "source_text"]].drop_duplicates().itertuples(index=False)
        ):
            self.printed[(str(report), int(line))] = str(text)

    def lines(self, key: tuple[str, int]) -> str:
        """'rad 729', or 'rad 729–730' for a row whose label and numbers the report printed on two lines."""
        return fmt.lines(key[1], self.printed.get(key, ""))

    def title(self, report: object, line: object) -> str:
        """'vss-2021-08, rad 158: ”LKDATA │ 6 113 │ 1 425 │ …”', remembered for the list of sources."""
        if _missing(report) or _missing(line):  # None, NaN or pd.NA (a nullable line column)
            return ""
        key = (str(report), int(float(str(line))))  # a line column holding NaN is float
        printed = printed_row(self.printed.get(key) or self._report_line(*key))
        self.shown.setdefault(key, printed)
        return f"{key[0]}, {self.lines(key)}" + (f"{self.ocr_mark(key[0])}: ”{printed}”" if printed else "")

    def ocr_mark(self, report: str) -> str:
        """' (OCR-läst)' for a report read by OCR, whose quoted rows keep its misreadings ('Linkdping')."""
        if report not in self.ocr:
            self._report_line(report, 0)
            self.ocr[report] = is_ocr_text(self.reports[report])
        return OCR_MARK if self.ocr[report] else ""

    def _report_line(self, report: str, line: int) -> str:
        """The line as it stands in the report's text, or '' when the report or line is not there."""
        if report not in self.reports:
            path = paths.layout().raw / f"{report}.txt"
            self.reports[report] = read_lines(path) if path.is_file() else []
        lines = self.reports[report]
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""


OCR_MARK = " (OCR-läst, återgiven som den lästes)"


def _empty(column: pd.Series) -> bool:
    """Whether a column holds nothing to show: every cell missing or blank."""
    return bool(column.map(lambda v: _missing(v) or (isinstance(v, str) and not v.strip())).all())


def _missing(value: Any) -> bool:
    """None, NaN or pd.NA."""
    return value is None or bool(pd.isna(value))


@dataclass
class Sheet:
    """A table registered for the period's workbook: every row, under the page's Swedish headers."""

    name: str
    frame: pd.DataFrame
    numbers: list[str]  # the headers of amount columns
    percents: list[str]  # the headers of share columns (fractions: 0.073 is 7,3 %)

    def record(self) -> dict:
        """The sheet as JSON-ready data: headers, each column's dtype, rows of plain values (None when missing).

        Python's own float text (json) gives back every float exactly.
        """
        rows = [[json_ready(value) for value in row] for row in self.frame.itertuples(index=False)]
        dtypes = [str(dtype) for dtype in self.frame.dtypes]
        kinds = {"numbers": self.numbers, "percents": self.percents}
        return {"name": self.name, **kinds, "columns": list(self.frame), "dtypes": dtypes, "rows": rows}

    @classmethod
    def from_record(cls, record: dict) -> Sheet:
        """The sheet that `record` wrote, its columns of the dtypes they had."""
        frame = pd.DataFrame(record["rows"], columns=record["columns"], dtype=object)
        frame = frame.astype(dict(zip(record["columns"], record["dtypes"], strict=True)))
        return cls(record["name"], frame, record["numbers"], record["percents"])


@dataclass
class Page:
    """One run's page: the sources it has shown, its table numbers, the sheets it registered for the workbook."""

    sources: Sources = field(default_factory=Sources)
    numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    sheets: dict[str, Sheet] = field(default_factory=dict)


PAGE = Page()


def new_page() -> None:
    """Start a page: no source, table number or sheet of an earlier run in the same kernel carries over.

    `notebook.resolve_period`, every notebook's first call, starts it: a notebook re-run for another period in
    one JupyterLab kernel lists only its own sources and writes only its own sheets.
    """
    global PAGE
    PAGE = Page()


def register(
    sheet: str,
    df: pd.DataFrame,
    columns: list[str] | None = None,
    unit: str | None = None,
    empty: str | None = None,
    cited: dict[str, tuple[str, str]] | None = None,
    explained: dict[str, str] | None = None,
    facts: pd.DataFrame | None = None,
    derived: dict[str, list[str]] | None = None,
) -> None:
    """Make the table (every row of df) the period workbook's sheet `sheet`; a name is registered once per page.

    The report and line of every `cited` column, and the words of every `explained` one, are columns of the
    sheet (a page has them as hover titles); so is what the page's marks say of a row's values (`value_notes`,
    with `facts`: a contested, decided, repaired or suspect value).
    A table without rows is a sheet that says why (`empty`, as the page says it), never a blank sheet.
    """
    if sheet in PAGE.sheets:
        raise VssError(f"the sheet {sheet!r} is registered twice on this page; give each table its own sheet name")
    if df.empty:
        why = (empty or "Inga rader för perioden.").strip("*")
        PAGE.sheets[sheet] = Sheet(sheet, pd.DataFrame({HEADERS["note"]: [why]}), [], [])
        return
    chosen = list(columns or df.columns)
    chosen += [c for c in (cited or {}) if c in df.columns]  # a value a shown one is computed from
    chosen += [c for pair in (cited or {}).values() for c in pair if c in df.columns and c not in chosen]
    chosen += [c for c in (explained or {}).values() if c in df.columns]
    by_header = {header(c, unit): c for c in reversed(list(dict.fromkeys(chosen)))}  # one column per header:
    chosen = [c for c in dict.fromkeys(chosen) if by_header[header(c, unit)] == c]  # the first (value, not its text)
    numbers = [header(c, unit) for c in chosen if c in NUMBER_COLUMNS]
    percents = [header(c, unit) for c in chosen if c in PERCENT_COLUMNS]
    frame = swedish_frame(df, chosen, unit)
    if facts is not None and any(said := value_notes(df, chosen, unit, facts, cited or {}, derived or {})):
        frame[HEADERS["value_notes"]] = said
    PAGE.sheets[sheet] = Sheet(sheet, frame, numbers, percents)


def cite(report: str, line: int) -> str:
    """'vss-2019-04, rad 154' for a line a page uses outside its tables (a chart's amounts): listed in "Källor"."""
    PAGE.sources.title(report, line)
    return f"{report}, rad {int(line)}"


def sheets_path(summary_path: Path) -> Path:
    """Where a page's sheets are written: beside its JSON summary (`forecast_accuracy.sheets.json`)."""
    return summary_path.with_name(summary_path.stem + ".sheets.json")


def sheets_file(facts_sha256: str, sheets: list[Sheet] | None = None) -> str:
    """The text of a page's `.sheets.json`: the facts it was made from and its sheets.

    The sheets are this page's, in the order shown, unless `sheets` says otherwise. The workbook puts together
    only sheets made from the facts it holds itself (`publish.workbook.read_sheets`).
    """
    records = [sheet.record() for sheet in (PAGE.sheets.values() if sheets is None else sheets)]
    content = {"facts_sha256": facts_sha256, "sheets": records}
    return json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def styled(
    df: pd.DataFrame,
    columns: list[str] | None = None,
    unit: str | None = None,
    facts: pd.DataFrame | None = None,
    cited: dict[str, tuple[str, str]] | None = None,
    derived: dict[str, list[str]] | None = None,
    explained: dict[str, str] | None = None,
):
    """The styled table: numeric cells formatted Swedish, right-aligned; sources as cell titles.

    `cited`: column → (its report column, its line column) in `df`; `facts`: where the printed rows are
    looked up. `derived`: column → the cited columns it is computed from (shown or not). `explained`: column →
    the column of `df` that says in words what each of its values is (a mean, an estimate, a check's sum).
    """
    if facts is not None:
        PAGE.sources.learn(facts)
    chosen = [c for c in columns or list(df.columns) if df.empty or not _empty(df[c])]  # no column of nothing
    table = swedish_frame(df, chosen, unit)
    formats = {
        header(c, unit): _whole if whole_tkr(header(c, unit)) else _number for c in chosen if c in NUMBER_COLUMNS
    }
    formats |= {header(c, unit): _percent for c in chosen if c in PERCENT_COLUMNS}
    formats |= {header(c, unit): _number for c in chosen if c in COUNT_COLUMNS}
    numeric: list = list(formats)
    printed = [header(c, unit) for c in chosen if c in PRINTED_COLUMNS]
    classes = pd.DataFrame("", index=table.index, columns=table.columns)
    for name in printed:
        classes[name] = "printed"
    style = (
        table.style.set_uuid(f"t{next(PAGE.numbers)}")  # the same page gives the same ids
        .hide(axis="index")
        .format(escape="html", na_rep="")
        .format(formats)  # type: ignore[arg-type]  # a dict of formatters per column is documented
        .set_properties(subset=numeric, **{"text-align": "right", "white-space": "nowrap"})
        .set_td_classes(classes)
    )
    titles = _titles(df.reset_index(drop=True), chosen, unit, cited or {}, derived or {}, explained or {})
    if facts is not None and titles is not None:
        style, titles = _mark_read_values(style, classes, titles, df.reset_index(drop=True), chosen, unit, facts,
                                          cited or {}, derived or {})  # fmt: skip
    if titles is None:
        return style
    shown = table[list(titles.columns)].map(lambda v: not _missing(v) and str(v).strip() != "")
    return style.set_tooltips(titles.where(shown, ""), as_title_attribute=True)  # an empty cell has no source


def _mark_read_values(style, classes, titles, df, chosen, unit, facts, cited, derived):
    """Mark the cells that show, or are computed from, a marked value (`cell_marks`), and say why.

    The cell's title says it of the cell, the table's caption of the kind.
    """
    notes = []
    for mark, words, note in cell_marks(df, chosen, unit, facts, cited, derived):
        classes = classes.mask(words != "", (classes + f" {mark}").apply(lambda c: c.str.strip()))
        titles = titles + words
        notes.append(note)
    return (style.set_td_classes(classes).set_caption(" ".join(notes)) if notes else style), titles


def cell_marks(
    df: pd.DataFrame,
    chosen: list[str],
    unit: str | None,
    facts: pd.DataFrame,
    cited: dict,
    derived: dict,
    listed: bool = True,
) -> list[tuple[str, pd.DataFrame, str]]:
    """(mark, per-cell words, caption) for each kind of mark some cell of the table carries ('' where none).

    Kinds: a suspected misreading, a repaired OCR value, a value in an open conflict, a decided value; a cell
    computed from a marked one carries its mark. `listed`: the other printings' lines go to "Källor".
    """
    from vsslib.facts.checks import repaired_printings, suspect_printings

    found = []
    for printings, mark, title, note in (
        (suspect_printings(facts), "suspect", SUSPECT_TITLE, SUSPECT_NOTE),
        (repaired_printings(facts), "repaired", REPAIRED_TITLE, REPAIRED_NOTE),
    ):
        marked = _marked_cells(df, chosen, unit, printings, cited, derived)
        found.append((mark, marked.map(lambda m, title=title: title if m else ""), note))
    found.append(("contested", _contested_cells(df, chosen, unit, facts, cited, derived, listed), CONTESTED_NOTE))
    found.append(("decided", _decided_cells(df, chosen, unit, facts, cited), DECIDED_NOTE))
    return [(mark, words, note) for mark, words, note in found if (words != "").to_numpy().any()]


def value_notes(df: pd.DataFrame, chosen: list[str], unit: str | None, facts, cited: dict, derived: dict) -> list[str]:
    """Per row, what the marks of its cells say, for a sheet ('Prognos (tkr): ≠ öppen konflikt: …')."""
    rows = df.reset_index(drop=True)
    notes: list[list[str]] = [[] for _ in range(len(rows))]
    for _, words, _ in cell_marks(rows, chosen, unit, facts, cited, derived, listed=False):
        for column in words.columns:
            for i, said in enumerate(words[column]):
                if said:
                    notes[i].append(f"{column}: {said.removeprefix(' — ')}")
    return ["; ".join(n) for n in notes]


DECIDED_NOTE = (
    "● Beslutat värde: rapporterna trycker olika, och controllern har beslutat vilket som gäller "
    "(sidan Datakvalitet, kolumnen Status); muspekaren visar vad raden trycker."
)


CONTESTED_NOTE = (
    "≠ Öppen konflikt: rapporterna (eller en rapports text och tabell) trycker olika värden, och inget beslut finns "
    "om vilket som gäller; muspekaren visar det andra värdet. Det som räknas fram ur värdet är lika osäkert "
    "(sidan Datakvalitet)."
)


def _contested_cells(
    df: pd.DataFrame,
    chosen: list[str],
    unit: str | None,
    facts: pd.DataFrame,
    cited: dict,
    derived: dict,
    listed: bool = True,
) -> pd.DataFrame:
    """Per cell showing a value in an open conflict, or computed from one: what its title adds.

    A shown value's title names the other printing (`checks.contested_printings`); a computed one says that a
    part is contested.
    """
    from vsslib.facts.annotations import load_text_amounts
    from vsslib.facts.checks import contested_printings

    contested = contested_printings(facts, load_text_amounts())
    words = pd.DataFrame("", index=df.index, columns=[header(c, unit) for c in chosen])
    if not contested:
        return words
    per_column: dict[str, list[str]] = {}
    for column, (report, line) in cited.items():
        per_column[column] = [
            ""
            if _missing(r) or _missing(n) or v is None or (key := (str(r), int(float(n)), v)) not in contested
            else " — ≠ öppen konflikt: " + "; ".join(_other_printing(c, listed) for c in contested[key])
            for r, n, v in zip(df[report], df[line], map(_as_number, df[column]), strict=True)
        ]
    for column, parts in derived.items():
        rows = [per_column[p] for p in parts if p in per_column]
        per_column[column] = (
            [" — ≠ räknat ur ett värde i öppen konflikt" if any(cells) else "" for cells in zip(*rows, strict=True)]
            if rows
            else [""] * len(df)
        )
    for column, cells in per_column.items():
        if column in chosen:
            words[header(column, unit)] = cells
    return words


def _other_printing(contest: Contest, listed: bool = True) -> str:
    """'vss-2019-04, rad 154 (texten) trycker 2 246', the line listed in "Källor" (unless not `listed`)."""
    if listed:
        PAGE.sources.title(contest.report_id, contest.line)
    return f"{contest.where} trycker {fmt.number(contest.value, fmt.shown_decimals(contest.value))}"


def _decided_cells(df: pd.DataFrame, chosen: list[str], unit: str | None, facts: pd.DataFrame, cited: dict):
    """Per cited cell that shows a decided value, what its title adds: the decision and what the line printed."""
    from vsslib.facts.decisions import decided_printings

    decided = decided_printings(facts)
    words = pd.DataFrame("", index=df.index, columns=[header(c, unit) for c in chosen])
    for column, (report, line) in cited.items():
        if column in chosen and decided:
            words[header(column, unit)] = [
                "" if _missing(r) or _missing(n) or v is None else decided.get((str(r), int(float(n)), v), "")
                for r, n, v in zip(df[report], df[line], map(_as_number, df[column]), strict=True)
            ]
    return words


SUSPECT_NOTE = (
    "⚠ Misstänkt läsfel: värdet är mer än 20 gånger större än alla andra tryckta värden på sin rad och "
    "i sin serie. Kontrollera raden i rapporten (sidan Datakvalitet, avvikande värden)."
)
SUSPECT_TITLE = " — ⚠ misstänkt läsfel (avvikande värde, se Datakvalitet)"
REPAIRED_NOTE = (
    "✎ Tolkat läsfel: raden i den OCR-lästa rapporten trycker talet utan decimalkomma (53), och det läses med "
    "kommat (5,3) eftersom radens andra tal har ett; det är en tolkning, inte en rättelse (sidan Datakvalitet, "
    "inläsningens varningar)."
)
REPAIRED_TITLE = " — ✎ läst med decimalkomma: raden trycker talet utan (OCR), se Datakvalitet"


def _marked_cells(
    df: pd.DataFrame, chosen: list[str], unit: str | None, found: Collection, cited: dict, derived: dict
) -> pd.DataFrame:
    """True where a cell shows one of the (report, line, value) `found`, or is computed from one."""
    marked = pd.DataFrame(False, index=df.index, columns=[header(c, unit) for c in chosen])
    flagged: dict[str, list[bool]] = {}
    for column, (report, line) in cited.items():
        flagged[column] = [
            not (_missing(r) or _missing(n) or v is None) and (str(r), int(float(n)), v) in found
            for r, n, v in zip(df[report], df[line], map(_as_number, df[column]), strict=True)
        ]
    for column, parts in derived.items():
        rows = [flagged[p] for p in parts if p in flagged]
        flagged[column] = [any(cells) for cells in zip(*rows, strict=True)] if rows else [False] * len(df)
    for column, cells in flagged.items():
        if column in chosen:
            marked[header(column, unit)] = cells
    return marked


def _as_number(value: Any) -> float | None:
    """A cell's number: a number, or a number in Swedish text ('5,3', '−1 050', '82*'); None for anything else."""
    if _missing(value):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).replace(fmt.NBSP, "").replace(" ", "").replace(fmt.MINUS, "-").replace(",", ".").rstrip("*")
    try:
        return float(text)
    except ValueError:
        return None


def _titles(
    df: pd.DataFrame, chosen: list[str], unit: str | None, cited: dict, derived: dict, explained: dict
) -> pd.DataFrame | None:
    if not cited and not derived and not explained:
        return None
    titles = pd.DataFrame("", index=df.index, columns=[header(c, unit) for c in chosen])
    for column, (report, line) in cited.items():
        if column in chosen:
            titles[header(column, unit)] = [PAGE.sources.title(r, n) for r, n in zip(df[report], df[line], strict=True)]
    for column, parts in derived.items():
        if column in chosen:
            named = [header(p, unit).lower() for p in parts]
            names = " och ".join([", ".join(named[:-1]), named[-1]] if len(named) > 2 else named)
            per_part = [
                [PAGE.sources.title(r, n) for r, n in zip(df[cited[p][0]], df[cited[p][1]], strict=True)]
                for p in parts
                if p in cited
            ]
            titles[header(column, unit)] = [
                f"Beräknat ur {names}: " + "; ".join(t for t in row if t) if any(row) else ""
                for row in zip(*per_part, strict=True)
            ]
    for column, words in explained.items():
        if column in chosen:
            titles[header(column, unit)] = ["" if _missing(w) else str(w) for w in df[words]]
    return titles


def downloads(style, name: str) -> str:
    """'Ladda ned (Excel/CSV)' links carrying the table itself (data: URIs with `download`): no server, no script.

    The CSV is what Swedish Excel opens by double-click: ';' between fields, decimal comma, UTF-8 with BOM.
    """
    from vsslib.pages.spreadsheets import csv_bytes, workbook_bytes

    links = [
        ("Excel", XLSX_TYPE, f"{name}.xlsx", workbook_bytes({name: style})),
        ("CSV", "text/csv;charset=utf-8", f"{name}.csv", csv_bytes(style.data)),
    ]
    anchors = " · ".join(
        f'<a download="{file}" href="data:{kind};base64,{base64.b64encode(blob).decode("ascii")}">{label}</a>'
        for label, kind, file, blob in links
    )
    return f'<p class="downloads">Ladda ned: {anchors}</p>'


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def show(
    df: pd.DataFrame,
    columns: list[str] | None = None,
    unit: str | None = None,
    name: str = "tabell",
    sheet: str | None = None,
    period: str | None = None,
    by: str = "ref_year",
    empty: str | None = None,
    sheet_columns: list[str] | None = None,
    **sourced,
):
    """A table for the notebook (see `styled`), with its download links; `name` names the downloaded files.

    `sheet`: the table, every row of it, is also the period workbook's sheet of that name (`register`), with
    `sheet_columns` if the sheet holds other columns (numbers where the page shows their printed text).
    `period`: the page shows only the latest years of the column `by` (`window.recent`) and says that the
    others are in the workbook. `empty`: what the page says instead of a table with no rows shown.
    """
    from IPython.display import HTML

    shown, older = recent(df, period, by) if period else (df, None)
    if sheet:
        register(sheet, df, sheet_columns or columns, unit, empty, **sourced)
    note = f"<p><em>{html.escape(older, quote=False)}</em></p>" if older else ""
    if shown.empty and (empty is not None or df.empty):
        return HTML(f"<p><em>{html.escape(empty or 'Inga.', quote=False)}</em></p>" + note)
    style = styled(shown, columns, unit, **sourced)
    return HTML(style.to_html() + downloads(style, _file_name(name)) + note)


def _file_name(name: str) -> str:
    return re.sub(r"[^\w-]+", "-", name.strip().lower()).strip("-") or "tabell"


def sources():
    """The list of sources of every number shown so far on this page ('Källor'), in report and line order."""
    from IPython.display import HTML

    if not PAGE.sources.shown:
        return HTML("<p><em>Inga tabellvärden från rapporterna på den här sidan.</em></p>")
    items = "".join(
        f"<li>{html.escape(report, quote=False)}, {PAGE.sources.lines((report, line))}{PAGE.sources.ocr_mark(report)}"
        + (f': <span class="printed">”{html.escape(printed, quote=False)}”</span>' if printed else "")
        + "</li>"
        for (report, line), printed in sorted(PAGE.sources.shown.items())
    )
    return HTML(f'<ol class="sources">{items}</ol>')
