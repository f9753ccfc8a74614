"""Curated driver annotations (data/annotations/drivers.csv), each checked against the report it quotes."""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from vsslib import paths
from vsslib.contract import MEASURES
from vsslib.errors import ReportError
from vsslib.extract.reader import is_ocr_text, read_lines

CATEGORIES = ("pris", "personal", "avskrivningar", "volym", "övrigt")
DRIVERS_FILE = "drivers.csv"  # the curated files, in `paths.layout().annotations`
UNIT_FACTS_FILE = "unit_facts.csv"
TEXT_AMOUNTS_FILE = "text_amounts.csv"
TEXT_AMOUNT_COLUMNS = [
    "report_id",
    "unit",
    "item",
    "detail",
    "measure",
    "ref_year",
    "ref_month",
    "from_month",
    "value",
    "uom",
    "line",
    "quote",
    "note",
]
_NUMBER = re.compile(r"(-?\d{1,3}(?: \d{3})+|-?\d+)(?:,(\d+))?\s*(tkr|mnkr|miljoner)?")
_YEAR = re.compile(r"(19|20)\d\d")  # a bare four-digit number in prose is a year ('inför 2018 och 2019')
# the unit facts the pages use, and what each value must look like
UNIT_FACT_VALUES = {
    "start": (r"\d{4}-(0[1-9]|1[0-2])", "a month, 2019-04"),
    "formed": (r"(19|20)\d\d", "a year, 2019"),
    "chat_share_target": (r"0[.,]\d+|1", "a share from 0 to 1, 0.05 for 5 %"),
    "budget_principle": (r"\w[\w ]*", "a word, nollresultat"),
    "change_to_date": (r"[+−-]?\d+(,\d+)?", "a change in per cent as the report words it, 14 for 'ca 14 %'"),
    "budget_parts": (r"\d+(\+\d+)+", "the parts of a budget in tkr, 2846+500"),
    "result_excluding": (r"[−-]?\d+", "a result in tkr, 1200 for 'cirka 1,2 mnkr'"),
    "not_comparable_before": (r"(19|20)\d\d", "the first year a report compares like for like, 2019"),
}


def read_curated(path: Path, columns: list[str]) -> list[tuple[int, dict]]:
    """A curated CSV's rows with their row numbers; ReportError naming the file for what cannot be read.

    A FIFO or folder is refused before it is opened; a file Excel saved in its Windows encoding (not UTF-8)
    is refused saying how to save it; every column must be there, and every row have one field per column (a
    comma in an unquoted quote splits it: refused, naming the row).
    """
    if not path.is_file():
        raise ReportError(path.name, None, f"{path} is not a file", "a CSV file (UTF-8)")
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            rows = list(enumerate(reader, start=2))
    except UnicodeDecodeError as exc:
        raise ReportError(
            path.name, None, f"not UTF-8 text (byte {exc.start})", "CSV UTF-8: in Excel, Spara som → CSV UTF-8"
        ) from exc
    if missing:
        raise ReportError(path.name, 1, f"missing columns {missing}", f"the columns {', '.join(columns)}")
    width = len(reader.fieldnames or [])
    for number, rec in rows:
        if None in rec or None in rec.values():  # csv puts extra fields under None, fills missing ones with None
            fields = width + len(rec.get(None) or []) - sum(v is None for k, v in rec.items() if k is not None)
            raise ReportError(
                path.name,
                number,
                f"{fields} fields where the header has {width}",
                'one field per column: a text holding a comma in double quotes ("…, …")',
            )
    return rows


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quote_found(lines: list[str], line: int, quote: str) -> bool:
    """Whether the quote starts on `line` (1-based) of the report, possibly running over the next lines."""
    if not 1 <= line <= len(lines):
        return False
    first = _squash(lines[line - 1])
    text = _squash(" ".join(lines[line - 1 : line + 5]))
    position = text.find(_squash(quote))
    return 0 <= position < len(first)


MIN_QUOTE_CHARACTERS = 12  # a quote shows where it stands: two words or more, twelve characters but spaces


def require_quote(
    source: Path, number: int, what: str, raw: Path, line: int, quote: str, lines: list[str] | None = None
) -> None:
    """ReportError naming the curated file's row unless the quote starts on `line` of the raw report.

    The quote must be substantive: at least two words and MIN_QUOTE_CHARACTERS characters that are not
    spaces (an empty or one-word quote is found on almost any line, so it proves nothing).
    """
    if len(quote.split()) < 2 or len(re.sub(r"\s", "", quote)) < MIN_QUOTE_CHARACTERS:
        raise ReportError(
            source.name,
            number,
            f"{what}: the quote {quote.strip()!r} is too short to show what the report says",
            f"at least two words and {MIN_QUOTE_CHARACTERS} characters of the report's own words on its line",
        )
    if not raw.is_file() or not quote_found(lines if lines is not None else read_lines(raw), line, quote):
        raise ReportError(
            source.name,
            number,
            f"{what}: quote not found at {raw.name}:{line}",
            "the report's exact words starting on that line",
        )


def finite_number(text: str, source: Path, number: int, what: str) -> float:
    """A curated number ('-423', '2,5', '0.05'); ReportError naming the row for anything else.

    Digits with one decimal comma or point and a sign, nothing more: no nan or infinity, no exponent, no
    underscores, and no point before exactly three digits ('-1.320' may be −1 320 written the English way).
    """
    plain = text.strip().replace("\u2212", "-")
    if not re.fullmatch(r"-?\d+([.,]\d+)?", plain) or re.fullmatch(r"-?\d{1,3}\.\d{3}", plain):
        raise ReportError(
            source.name, number, f"{what}: {text!r} is no plain number", "a number such as -423, 2,5 or 0.05"
        )
    return float(plain.replace(",", "."))


def whole_numbers(
    rec: dict, source: Path, number: int, spans: dict[str, tuple[int, int]], optional: tuple = ()
) -> dict:
    """The row with each of `spans`' columns a whole number within its span ('012' is 12).

    ReportError naming the row and column otherwise; an empty optional column stays ''.
    """
    out = dict(rec)
    for column, (low, high) in spans.items():
        text = (rec.get(column) or "").strip()
        if not text and column in optional:
            continue
        if not re.fullmatch(r"\d{1,4}", text) or not low <= int(text) <= high:
            raise ReportError(
                source.name,
                number,
                f"{column} {text!r} is no whole number from {low} to {high}",
                f"{column} as a number",
            )
        out[column] = int(text)
    return out


def known_unit(unit: str, source: Path, number: int) -> str:
    """The unit, if the contract knows it (as printed: no stray spaces); ReportError naming the row otherwise."""
    from vsslib.extract.vocabulary import UNIT_ALIASES

    units = {u for organ in UNIT_ALIASES.values() for u in organ} | {"VSS", "KS"}
    if unit not in units:
        import difflib

        from vsslib.collation import swedish_sorted

        near = [u for u in units if u.casefold() == unit.strip().casefold()] or difflib.get_close_matches(unit, units)
        listed = ", ".join(swedish_sorted(units))
        raise ReportError(
            source.name,
            number,
            f"unknown unit {unit!r}",
            f"{' or '.join(near)}? one of {listed}" if near else f"one of {listed}",
        )
    return unit


PERIOD_SPANS = {"ref_year": (1990, 2100), "ref_month": (1, 12), "line": (1, 100000)}


def refuse_repeats(source: Path, rows: list[tuple[int, tuple]], what: str) -> None:
    """ReportError naming both rows when two rows of a curated file say something of the same thing."""
    seen: dict[tuple, int] = {}
    for number, key in rows:
        if key in seen:
            raise ReportError(
                source.name,
                number,
                f"{what} {' '.join(map(str, key))} is also on row {seen[key]}: which one holds is chance",
                "one row per fact",
            )
        seen[key] = number


def amount_stated(quote: str, amount_tkr: float) -> bool:
    """Whether the quote states the amount, in tkr ('2 000 tkr') or mnkr ('3,4 miljoner kronor')."""
    for whole, decimals, unit in _NUMBER.findall(quote):
        if not unit and not decimals and _YEAR.fullmatch(whole.lstrip("-")):
            continue  # a year, not an amount
        value = float(whole.replace(" ", "") + (f".{decimals}" if decimals else ""))
        if (unit in ("mnkr", "miljoner") and abs(value * 1000 - amount_tkr) < 0.5) or (
            unit in ("tkr", "") and abs(value - amount_tkr) < 0.5
        ):
            return True
    return False


def amount_line(lines: list[str], line: int, quote: str, amount_tkr: float) -> int:
    """The line that prints the quote's amount: the quote starts on `line` and may run over the next ones.

    A citation names the line that holds the number ('40 miljoner' on vss-2020-12 l. 277, in a quote that
    starts on l. 276); `line` itself when the number cannot be placed.
    """
    for whole, decimals, unit in _NUMBER.findall(quote):
        value = float(whole.replace(" ", "") + (f".{decimals}" if decimals else ""))
        if (unit in ("mnkr", "miljoner") and abs(value * 1000 - amount_tkr) < 0.5) or (
            unit in ("tkr", "") and abs(value - amount_tkr) < 0.5
        ):
            token = re.escape(whole + (f",{decimals}" if decimals else ""))
            for number in range(line, min(line + 6, len(lines) + 1)):
                if re.search(rf"(?<![\d,]){token}(?![\d,])", _squash(lines[number - 1])):
                    return number
    return line


def load_drivers(path: Path | None = None, raw_dir: Path | None = None) -> pd.DataFrame:
    """The drivers, every quote verified at its line and every amount in its quote; ReportError names the row.

    `ocr` says the quote comes from an OCR'd report and keeps its misreadings ('4r' for 'är').
    """
    path = path or paths.layout().annotations / DRIVERS_FILE
    raw_dir = raw_dir or paths.layout().raw
    rows: list[dict] = []
    cache: dict[Path, list[str]] = {}
    columns = ["report_id", "unit", "ref_year", "ref_month", "category", "amount_tkr", "line", "quote"]
    for number, rec in read_curated(path, columns):
        rows.append(_checked(path, number, rec, raw_dir, cache))
    key = ("report_id", "unit", "ref_year", "ref_month", "category")
    refuse_repeats(path, [(n, tuple(r[k] for k in key)) for n, r in enumerate(rows, start=2)], "the driver")
    drivers = pd.DataFrame(rows, columns=[*columns, "amount_line"]).astype(
        {"ref_year": "int64", "ref_month": "int64", "line": "int64", "amount_tkr": "float64", "amount_line": "Int64"}
    )
    ocr = {r: is_ocr_text(read_lines(raw_dir / f"{r}.txt")) for r in drivers.report_id.unique()}
    return drivers.assign(ocr=drivers.report_id.map(ocr).astype(bool))  # quoted as OCR read it: flag on pages


def _checked(path: Path, number: int, rec: dict, raw_dir: Path, cache: dict) -> dict:
    def fail(message: str, expected: str) -> ReportError:
        return ReportError(
            path.name,
            number,
            f"annotation {rec.get('report_id')} {rec.get('unit')} {rec.get('category')}: {message}",
            expected,
        )

    if rec["category"] not in CATEGORIES:
        raise fail(f"unknown category {rec['category']!r}", f"one of {CATEGORIES}")
    rec = whole_numbers(rec, path, number, PERIOD_SPANS)
    known_unit(rec["unit"], path, number)
    raw = raw_dir / f"{rec['report_id']}.txt"
    if not raw.exists():
        raise fail(f"no report {raw.name}", "a report_id of the manifest")
    lines = cache.setdefault(raw, read_lines(raw))
    where = f"annotation {rec.get('report_id')} {rec.get('unit')} {rec.get('category')}"
    require_quote(path, number, where, raw, int(rec["line"]), rec["quote"], lines)
    amount = finite_number(rec["amount_tkr"], path, number, where) if rec["amount_tkr"].strip() else math.nan
    if amount == amount and not amount_stated(rec["quote"], amount):
        raise fail(f"amount {rec['amount_tkr']} tkr is not stated in the quote", "an amount the quote prints")
    return {
        **rec,
        "amount_line": amount_line(lines, int(rec["line"]), rec["quote"], amount) if amount == amount else None,
        "ref_year": int(rec["ref_year"]),
        "ref_month": int(rec["ref_month"]),
        "line": int(rec["line"]),
        "amount_tkr": amount,
    }


@dataclass(frozen=True)
class UnitFact:
    """A fact about a unit that no table states, with the quote and line that state it."""

    value: str
    ref_year: int | None  # the year the fact is for (a target's year), None when timeless
    report_id: str
    line: int
    quote: str


def load_unit_facts(
    path: Path | None = None, raw_dir: Path | None = None, reports: set[str] | None = None
) -> dict[tuple[str, str], UnitFact]:
    """{(unit, fact): UnitFact} from unit_facts.csv, each quote verified at its line.

    With `reports`, only facts quoted from those reports: a page of a period knows no later report's words.
    """
    path = path or paths.layout().annotations / UNIT_FACTS_FILE
    raw_dir = raw_dir or paths.layout().raw
    out = {}
    seen: list[tuple[int, tuple]] = []
    for number, rec in read_curated(path, ["unit", "fact", "value", "ref_year", "report_id", "line", "quote"]):
        raw = raw_dir / f"{rec['report_id']}.txt"
        rec = whole_numbers(rec, path, number, {"line": (1, 100000), "ref_year": (1990, 2100)}, ("ref_year",))
        known_unit(rec["unit"], path, number)
        if rec["fact"] not in UNIT_FACT_VALUES:
            raise ReportError(
                path.name, number, f"unknown unit fact {rec['fact']!r}", f"one of {', '.join(UNIT_FACT_VALUES)}"
            )
        pattern, expected = UNIT_FACT_VALUES[rec["fact"]]
        if not re.fullmatch(pattern, rec["value"].strip()):
            raise ReportError(path.name, number, f"{rec['unit']} {rec['fact']}: {rec['value']!r}", expected)
        require_quote(path, number, f"{rec['unit']} {rec['fact']}", raw, rec["line"], rec["quote"])
        seen.append((number, (rec["unit"], rec["fact"])))
        refuse_repeats(path, seen, "the unit fact")
        if reports is not None and rec["report_id"] not in reports:
            continue
        year = rec.get("ref_year") or None
        out[(rec["unit"], rec["fact"])] = UnitFact(
            rec["value"].strip(), int(year) if year else None, rec["report_id"], rec["line"], rec["quote"]
        )
    return out


def load_text_amounts(path: Path | None = None, raw_dir: Path | None = None) -> pd.DataFrame:
    """Amounts a report states in its prose rather than its tables, one row each, in the facts' terms.

    Each quote is verified at its line and must state the amount (ReportError names the row). `from_month`
    is the first month the amount covers when it is not January ('april t o m augusti': 4).
    """
    path = path or paths.layout().annotations / TEXT_AMOUNTS_FILE
    raw_dir = raw_dir or paths.layout().raw
    rows = []
    for number, rec in read_curated(path, TEXT_AMOUNT_COLUMNS):
        raw = raw_dir / f"{rec['report_id']}.txt"
        where = f"{rec['report_id']} {rec['unit']} {rec['item']}"
        rec = whole_numbers(rec, path, number, {**PERIOD_SPANS, "from_month": (1, 12)}, ("from_month",))
        rec["from_month"] = rec["from_month"] or 1  # empty is January: one month, one spelling
        known_unit(rec["unit"], path, number)
        _known_terms(rec, path, number)
        require_quote(path, number, where, raw, rec["line"], rec["quote"])
        rec["amount_line"] = amount_line(read_lines(raw), int(rec["line"]), rec["quote"], float(rec["value"]))
        if not amount_stated(rec["quote"], finite_number(rec["value"], path, number, where)):
            raise ReportError(
                path.name,
                number,
                f"{where}: {rec['value']} is not stated in the quote",
                "an amount the quote prints",
            )
        rows.append(rec)
    key = TEXT_AMOUNT_COLUMNS[:8]
    refuse_repeats(path, [(n, tuple(r[k] for k in key)) for n, r in enumerate(rows, start=2)], "the text amount")
    frame = pd.DataFrame(rows, columns=[*TEXT_AMOUNT_COLUMNS, "amount_line"])
    return frame.astype(
        {"ref_year": "int64", "ref_month": "int64", "from_month": "int64", "value": "float64", "line": "int64"}
        | {"amount_line": "int64"}
    )


def _known_terms(rec: dict, source: Path, number: int) -> None:
    """ReportError naming the row unless item, measure and uom are the contract's, the uom the item's own."""
    from vsslib.extract.vocabulary import CONTRACT_ITEMS, item_uom

    if rec["measure"] not in MEASURES:
        raise ReportError(source.name, number, f"unknown measure {rec['measure']!r}", f"one of {', '.join(MEASURES)}")
    if rec["item"] not in CONTRACT_ITEMS:
        raise ReportError(
            source.name, number, f"unknown item {rec['item']!r}", f"one of {', '.join(sorted(CONTRACT_ITEMS))}"
        )
    if rec["uom"] != item_uom(rec["item"]):
        raise ReportError(
            source.name, number, f"{rec['item']} in {rec['uom']!r}", f"{rec['item']} in {item_uom(rec['item'])}"
        )
