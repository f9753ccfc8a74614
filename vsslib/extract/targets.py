"""Targets as printed (Målvärde): every target cell of every table, its comparator and number.

The facts keep only a bare-number target (measure `målvärde`); a target printed as an inequality or a word
(`>92`, `<3,5`, `Ska öka`, `Minska`) makes no fact and lives here, in the contract's `targets` table, with
the same provenance. A cell that is neither a number nor a known form (`ca 90`, `90-95`) is kept as printed
with an empty comparator and no number, and warned about: it can be judged by nobody, and is never dropped.
"""

from __future__ import annotations

import re

from vsslib.extract.layout import Row, Table
from vsslib.extract.numbers import is_missing
from vsslib.extract.text import strip_markup

_NUMBER = r"(\d{1,3}(?: \d{3})+|\d+)(?:,(\d+))?"
_WORDS = (  # (pattern on the folded cell, comparator): the contract's forms
    (rf"^(?:>=|≥|minst|lägst)\s*{_NUMBER}\s*%?$", ">="),
    (rf"^(?:<=|≤|högst|max)\s*{_NUMBER}\s*%?$", "<="),
    (rf"^(?:>|över)\s*{_NUMBER}\s*%?$", ">"),
    (rf"^(?:<|under)\s*{_NUMBER}\s*%?$", "<"),
    (rf"^=\s*{_NUMBER}\s*%?$", "="),
    (rf"^{_NUMBER}\s*%?$", ""),
)
# spaces removed: a word broken by a PDF's line ('Andele n ska minska', ks-2018-08 l. 249) reads the same
_DIRECTIONS = {
    "öka": "increase",
    "skaöka": "increase",
    "andelenskaöka": "increase",
    "minska": "decrease",
    "skaminska": "decrease",
    "andelenskaminska": "decrease",
}
# a target at the end of an OCR row, where no cell says which token is the target
_TRAILING = re.compile(r"(?:^|\s)((?:[<>≤≥]=?|minst |högst )\s?\d[\d ,]*%?|ska öka|ska minska|öka|minska)\s*$", re.I)
_FOOTNOTE = re.compile(r"\s*(<sup>.*?</sup>|\*+|\d\))$")


def clean_target(text: str) -> str:
    """The cell as printed, markup and footnote marks gone, whitespace single ('95 <sup>1</sup>': '95')."""
    plain = strip_markup(_FOOTNOTE.sub("", text.strip()))
    return re.sub(r"\s+", " ", plain.replace("\u00a0", " ").replace("\u2212", "-")).strip()


def parse_target(text: str) -> tuple[str, float | None] | None:
    """(comparator, number) of a target as printed, or None when it is no form the contract knows.

    `>92`: ('>', 92); `≥90`, `minst 90`: ('>=', 90); `högst 3,5`: ('<=', 3.5); `Ska öka`: ('increase', None);
    `6,0`: ('', 6.0). A percent sign is the row's unit and is dropped.
    """
    folded = clean_target(text).casefold()
    if folded.replace(" ", "") in _DIRECTIONS:
        return _DIRECTIONS[folded.replace(" ", "")], None
    for pattern, comparator in _WORDS:
        found = re.match(pattern, folded)
        if found:
            whole, decimals = found.groups()
            return comparator, float(whole.replace(" ", "") + (f".{decimals}" if decimals else ""))
    return None


def row_targets(
    report: dict, table: Table, name: str, row: Row, unit: str, item: str, detail: str, uom: str
) -> tuple[list[dict], list[str]]:
    """The targets one row prints (a row per target column), and warnings for cells of no known form."""
    out, warnings = [], []
    columns = row.columns or table.columns
    for k, column in enumerate(columns):
        if column.measure != "målvärde":
            continue
        text = _printed(row, k, last=k == len(columns) - 1)
        if not text or is_missing(text):
            continue
        parsed = parse_target(text)
        if parsed is None:
            warnings.append(
                f"{report['source_file']}:{row.line}: target {text!r} is neither a number nor a known form "
                "(>92, <3,5, minst 90, Ska öka, Minska): kept as printed, judged by nobody"
            )
        comparator, value = parsed or ("", None)
        out.append(
            {
                **report,
                "table": name,
                "unit": unit,
                "item": item,
                "detail": detail,
                "ref_year": int(column.year or 0),
                "target_text": clean_target(text),
                "comparator": comparator,
                "target_value": value,
                "uom": uom,
                "source_line": row.line,
                "source_text": row.text,
            }
        )
    return out, warnings


def _printed(row: Row, k: int, last: bool) -> str:
    """The text of the row's k-th value cell: the cell itself, else (OCR) the number read or the row's tail."""
    if row.cells is not None:
        return row.cells[k] if k < len(row.cells) else ""
    value = row.values[k][0] if k < len(row.values) else None
    first_line = row.text.split("\n")[0].replace("|", " ")
    tail = _TRAILING.search(strip_markup(first_line)) if last else None
    if value is not None:
        return _swedish(value)
    return tail.group(1) if tail else ""


def _swedish(value: float) -> str:
    """A number read from OCR tokens as the reports print it: '90', '9,2', '220 000'."""
    whole, _, decimals = f"{value:.6f}".rstrip("0").rstrip(".").partition(".")
    grouped = f"{int(whole):,}".replace(",", " ") if whole.lstrip("-").isdigit() else whole
    return grouped + (f",{decimals}" if decimals else "")
