"""A period's numbers for Excel: one workbook (about it, the facts, every page's sheets) and the facts as CSV.

The sheets are the tables the period's pages registered when they ran (`pages.tables.register`, written beside
each page's JSON summary as `<page>.sheets.json`): the workbook computes nothing again, so a sheet cannot
drift from its page. It opens on "Om arbetsboken" (the period, when it was built, from which facts, what each
sheet holds, the units, how to trace a number). Numbers stay numbers, rounded as the pages round them, with
an Excel number format (tkr with a thousands separator; percentages as percent numbers, 4,6 for 4,6 %, as the
reports and the facts hold them); headers are frozen and columns as wide as their content. The CSV opens in
Swedish Excel by double-click: ';' between fields, decimal comma, UTF-8 with a byte-order mark.
"""

from __future__ import annotations

import errno
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from vsslib import formatting as fmt
from vsslib import paths
from vsslib.contract import FACT_FIELDS, headers
from vsslib.errors import VssError, WriteError
from vsslib.fileio import atomic_write_all
from vsslib.formatting import local_time, number
from vsslib.pages.spreadsheets import csv_bytes, workbook_bytes
from vsslib.pages.tables import HEADERS, Sheet, printed_row, whole_tkr

FACT_HEADERS = headers(FACT_FIELDS)  # the contract's Swedish headers
FACTS_SHEET = "Fakta"
ABOUT_SHEET = "Om arbetsboken"
WHOLE = "#,##0"  # Excel's number formats; Swedish Excel shows them with a space and a decimal comma
ONE_DECIMAL = "#,##0.0"
PERCENT = '0.0" %"'
UNITS = (
    "Belopp i tkr (tusental kronor) där kolumnens rubrik säger (tkr); antal är antal. Procent och andelar står "
    "som procenttal (4,6 betyder 4,6 %), som i rapporterna och i fliken Fakta; en andels rubrik slutar på (%), "
    "och i en formel delas den med 100. Talen är avrundade som på sidorna."
)
TRACE = (
    "Kolumnerna Rapport och Rad (och t.ex. Utfallets rapport och Utfallets rad) anger var ett värde står: "
    "rapporten och raden i dess textversion, som sidorna citerar. Fliken Fakta har varje tryckt värde med "
    "rapport, rad och den tryckta raden ordagrant, så att raden kan letas upp i rapporten. På sidorna visar "
    "muspekaren samma källa för varje tal, och listan Källor sist på sidan har varje rad."
)


@dataclass(frozen=True)
class About:
    """What the cover sheet says: the period, when and from which facts it was built, the pages' titles."""

    period: str
    built: str
    facts_sha256: str
    titles: dict[str, str]  # page name → its Swedish title


class MissingSheetsError(VssError):
    """A page of the period has no sheets file: it was never built, or failed."""


def facts_frame(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts under Swedish headers, values numeric, printed rows without markup.

    A value that is not what its line printed says so beside it: the printed value and the decision where the
    controller decided it, a note where OCR's lost decimal comma was restored or where another printing gives
    another value and no decision says which is right ('Varje tryckt värde' holds).
    """
    from vsslib.facts.annotations import load_text_amounts
    from vsslib.facts.checks import contested_printings, repaired_printings

    out = facts[list(FACT_HEADERS)].copy()
    out["source_text"] = out.source_text.map(printed_row)
    out = out.rename(columns=FACT_HEADERS).reset_index(drop=True)
    if "decision" in facts:
        decided = (facts.decision != "").to_numpy()
        out[HEADERS["printed_value"]] = facts.printed_value.where(decided).to_numpy()
        out[HEADERS["decision"]] = facts.decision.to_numpy()
    repaired = repaired_printings(facts)
    contested = contested_printings(facts, load_text_amounts())

    def note(key: tuple[str, int, float]) -> str:
        notes = [f"läst med decimalkomma (OCR): raden trycker {repaired[key]}"] if key in repaired else []
        notes += [
            f"öppen konflikt: {c.where} trycker {fmt.number(c.value, fmt.shown_decimals(c.value))}"
            for c in contested.get(key, [])
        ]
        return "; ".join(notes)

    keys = zip(facts.report_id, facts.source_line.astype(int), facts.value.astype(float), strict=True)
    out[HEADERS["note"]] = [note(key) for key in keys]
    return out


def facts_csv(facts: pd.DataFrame) -> bytes:
    """The facts as CSV for Swedish Excel: numbers as printed, without a trailing ',0' ('6113', '0,39')."""
    return csv_bytes(facts_frame(facts), number=lambda v: "" if v != v else f"{v:.12g}".replace(".", ","))


def read_sheets(pages_dir: Path, pages: Iterable[str], facts_sha256: str | None = None) -> list[tuple[str, Sheet]]:
    """(page, sheet) for the sheets the pages registered, page by page in the given order, each in the order shown.

    A page without its sheets file (never built for the period, or failed) is a MissingSheetsError naming it; so
    is a page made from other facts than `facts_sha256` (the workbook's own): a workbook never mixes builds.
    """
    found: list[tuple[str, Sheet]] = []
    for page in pages:
        path = pages_dir / f"{page}.sheets.json"
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise MissingSheetsError(
                f"{path} is missing: the page {page} has not been built for {pages_dir.name} "
                f"(run `vss build --period {pages_dir.name}`)"
            ) from None
        except (OSError, ValueError) as exc:
            raise MissingSheetsError(f"{path} cannot be read ({exc}): run `vss build --force`") from None
        made_from = records.get("facts_sha256") if isinstance(records, dict) else None
        if facts_sha256 is not None and made_from != facts_sha256:
            raise MissingSheetsError(
                f"{path} was made from other facts ({str(made_from)[:12]}…) than the workbook's "
                f"({facts_sha256[:12]}…): run `vss build --period {pages_dir.name}` first"
            )
        found += [(page, Sheet.from_record(record)) for record in records["sheets"]]
    names = [name[:31] for name in [FACTS_SHEET, ABOUT_SHEET, *(sheet.name for _, sheet in found)]]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise MissingSheetsError(f"two pages of {pages_dir.name} register the sheet {', '.join(twice)}")
    return found


def workbook(facts: pd.DataFrame, sheets: list[tuple[str, Sheet]], about: About) -> bytes:
    """The period's workbook as bytes: about it, the facts as a filterable table, the pages' sheets after it."""
    frames: dict[str, pd.DataFrame] = {ABOUT_SHEET: about_frame(facts, sheets, about), FACTS_SHEET: facts_frame(facts)}
    formats: dict[str, dict[str, str | Callable[[float], str]]] = {FACTS_SHEET: {FACT_HEADERS["value"]: _fact_format}}
    for _, sheet in sheets:
        frames[sheet.name], formats[sheet.name] = as_printed(sheet)
    return workbook_bytes(frames, tables={FACTS_SHEET: FACTS_SHEET}, formats=formats)


def as_printed(sheet: Sheet) -> tuple[pd.DataFrame, dict[str, str | Callable[[float], str]]]:
    """The sheet's numbers rounded as its page rounds them, and each number column's Excel format.

    Amounts: in tkr whole, as the reports print them (`tables.whole_tkr`); others whole from 100 on, else with
    the decimals the page shows (`tables._number`: 0,91); shares as percent numbers with one decimal (0.073 is
    7.3, shown '7,3 %').
    """
    frame = sheet.frame.copy()
    formats: dict[str, str | Callable[[float], str]] = {}
    for column in sheet.numbers:
        values = pd.to_numeric(frame[column], errors="coerce")
        if whole_tkr(column):
            frame[column], formats[column] = values.round(0), WHOLE
            continue
        frame[column] = values.map(lambda v: v if pd.isna(v) else round(v, fmt.shown_decimals(v)))
        formats[column] = _amount_format
    for column in sheet.percents:
        frame[column] = (pd.to_numeric(frame[column], errors="coerce") * 100).round(1)
        formats[percent_header(column)] = PERCENT
    return frame.rename(columns={c: percent_header(c) for c in sheet.percents}), formats


def percent_header(column: str) -> str:
    """A share's header says its unit, as an amount's says (tkr): 'Andel chatt (%)', the cells percent numbers."""
    return column if column.endswith("(%)") else f"{column} (%)"


def _fact_format(value: float) -> str:
    """A fact as printed: a whole number with thousands separators, or its decimals ('0,39', '5,3')."""
    return WHOLE if float(value).is_integer() else "#,##0.0#"


def _amount_format(value: float) -> str:
    """A whole number with thousands separators, or the decimals the page shows the value with."""
    decimals = 0 if float(value).is_integer() else fmt.shown_decimals(value)
    return WHOLE if decimals == 0 else ONE_DECIMAL if decimals == 1 else "#,##0.00"


def about_frame(facts: pd.DataFrame, sheets: list[tuple[str, Sheet]], about: About) -> pd.DataFrame:
    """The cover sheet: period, build time, facts hash, units, how to trace a number, and what each sheet holds."""
    rows = [
        ("Period", about.period),
        ("Byggd", about.built),
        ("Underlagets kontrollsumma", about.facts_sha256[:16]),
        ("Rapporter", ", ".join(sorted(facts.report_id.unique()))),
        ("Enheter", UNITS),
        ("Spåra ett värde", TRACE),
        ("Läs sidorna", READ_THE_PAGES),
        (
            FACTS_SHEET,
            f"Varje tryckt värde i rapporterna till och med {about.period}: {_rows(len(facts))}. {FACTS_COLUMNS}",
        ),
    ]
    for page, sheet in sheets:
        title = about.titles.get(page, page)
        if list(sheet.frame.columns) == [HEADERS["note"]] and len(sheet.frame) == 1:
            rows.append((sheet.name, f"Sidan ”{title}”: inga rader ({str(sheet.frame.iloc[0, 0])})"))
        else:
            rows.append(
                (sheet.name, f"Från sidan ”{title}”, alla år till och med perioden: {_rows(len(sheet.frame))}.")
            )
    return pd.DataFrame(rows, columns=["Uppgift", "Beskrivning"])


def _rows(count: int) -> str:
    """'1 rad', '1 074 rader'."""
    return f"{number(count)} {'rad' if count == 1 else 'rader'}"


READ_THE_PAGES = (
    "Arbetsboken har siffrorna; slutsatserna och deras förbehåll står på sidorna (till exempel att en budget inte "
    "är en prognos, att en periodbudget kan vara antagen, och vilka värden rapporterna trycker olika). Kolumnen "
    "Anmärkning om värdena säger var en siffra är omstridd, beslutad eller rättad."
)
FACTS_COLUMNS = (
    "Tryckt precision är den sista tryckta siffrans värde (0,1 för 4,6; 1 för 254 271), Källfil rapportens "
    "textfil, Rad raden i den och Tryckt rad raden som den står där."
)


def export(
    data_dir: Path,
    period: str,
    pages_dir: Path,
    pages: dict[str, str],
    out_dir: Path,
    replaceable: Callable[[Path], bool] = lambda _: False,
    kept: str = "vss export --force replaces it",
) -> dict[Path, str]:
    """Write `vss-<period>.xlsx` and `vss-fakta-<period>.csv` into out_dir, both or neither; {path: sha256}.

    The sheets come from the pages built for the period in `pages_dir` (`read_sheets`; `pages`: name → title),
    the facts from `data_dir`. An existing file is replaced only if `replaceable(path)` says so (`vss export
    --force`; the build, for a file still as it wrote it): otherwise a WriteError naming it and saying `kept`,
    and nothing is written.
    """
    from vsslib.facts.load import load_facts

    book, csv = out_dir / f"vss-{period}.xlsx", out_dir / f"vss-fakta-{period}.csv"
    for path in (book, csv):
        if path.exists() and not replaceable(path):
            raise WriteError(path, OSError(errno.EEXIST, f"it is there already and is not replaced ({kept})"))
    facts_path = paths.with_data(data_dir).facts
    facts_sha256 = hashlib.sha256(facts_path.read_bytes()).hexdigest()
    sheets = read_sheets(pages_dir, pages, facts_sha256)
    facts = load_facts(as_of=period, facts_path=facts_path, check_fresh=False)
    about = About(period, local_time(), facts_sha256, dict(pages))
    files = {book: workbook(facts, sheets, about), csv: facts_csv(facts)}
    atomic_write_all(files)
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
