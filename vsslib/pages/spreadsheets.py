"""Every workbook and CSV the project writes, through one path: text inert, numbers numbers, same bytes.

- **Inert text** (OWASP, "CSV Injection"): report text reaches Excel. In a workbook every text cell is
  written as a string, never a formula, so `=HYPERLINK(…)` or `-varav chatt` reads exactly as itself. A CSV
  has no cell types: a text field that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (or their
  full-width forms) gets a leading apostrophe, OWASP's neutraliser, which Excel and LibreOffice show as text
  (`'-varav chatt`). Number columns are numbers and are never touched.
- **Reproducible**: openpyxl stamps a workbook with the time it was written (the document's created and
  modified properties, every zip entry's date); here the properties are left out and every entry dated
  1980-01-01, so the same content gives the same bytes.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Mapping
from typing import cast

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list; their look-alikes are folded first (`formula_like`)
_STAMPS = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could take the text for a formula: it starts with a trigger.

    So does a text whose first character is one after the spaces a spreadsheet may trim, or after folding
    look-alikes (full-width `＝`, small `﹦`, `﹢`, `﹣`, `﹫`).
    """
    return text.startswith(TRIGGERS) or unicodedata.normalize("NFKC", text).lstrip().startswith(TRIGGERS)


def inert(text: str) -> str:
    """A CSV field that no spreadsheet will run: a leading apostrophe before a formula's first character."""
    return "'" + text if formula_like(text) else text


def csv_bytes(frame: pd.DataFrame, number: Callable[[object], str] | None = None) -> bytes:
    """The frame as CSV for Swedish Excel: ';' between fields, decimal comma, UTF-8 with BOM, text inert.

    `number` formats the number columns (default: pandas' own, with a decimal comma).
    """
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            if number is not None:
                out[column] = out[column].map(number)
            continue
        out[column] = out[column].map(lambda v: inert(v) if isinstance(v, str) else v)
    decimal = "." if number is not None else ","
    # CRLF rows (what Excel writes): a field holding a line break or carriage return is quoted, so it stays one field
    return out.to_csv(sep=";", decimal=decimal, index=False, lineterminator="\r\n").encode("utf-8-sig")


def workbook_bytes(
    sheets: Mapping[str, object],
    tables: Mapping[str, str] | None = None,
    formats: Mapping[str, Mapping[str, str | Callable[[float], str]]] | None = None,
) -> bytes:
    """A workbook of the sheets (DataFrame or pandas Styler, by sheet name), header frozen, text inert.

    Control characters XML cannot hold (not tab, line feed or carriage return) are dropped from the text.
    Every column is as wide as its header and content, up to `MAX_WIDTH` characters; a longer text wraps.

    `tables`: sheet name → the name of an Excel table (filterable, striped) over the whole sheet.
    `formats`: sheet name → {column header: Excel number format, or a function of the cell's number giving it}.
    """
    from openpyxl.worksheet.table import Table, TableStyleInfo

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, sheet in sheets.items():
            _without_control_characters(sheet)
            sheet.to_excel(writer, sheet_name=name[:31], index=False, freeze_panes=(1, 0))  # type: ignore[attr-defined]
            ws = writer.sheets[name[:31]]
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # a string openpyxl took for a formula ('=…'): text, as printed
                        cell.data_type = "s"
            _format_columns(ws, (formats or {}).get(name, {}))
            if tables and name in tables:
                table = Table(displayName=tables[name], ref=ws.dimensions)
                table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
                ws.add_table(table)
    return reproducible(buffer.getvalue())


MAX_WIDTH = 60


def _format_columns(ws, formats: Mapping[str, str | Callable[[float], str]]) -> None:
    """Each column's width from its longest cell (a longer text wraps), its number format on every number."""
    from openpyxl.styles import Alignment

    for column in ws.iter_cols():
        header = column[0].value
        longest = max((len(str(cell.value)) for cell in column if cell.value is not None), default=8)
        ws.column_dimensions[column[0].column_letter].width = min(MAX_WIDTH, longest + 2)
        if longest > MAX_WIDTH:
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        chosen = formats.get(header)
        for cell in column[1:] if chosen else []:
            if isinstance(cell.value, int | float):
                cell.number_format = chosen(cell.value) if callable(chosen) else chosen


def _without_control_characters(sheet: object) -> None:
    """Drop the control characters a workbook's XML cannot hold (all but tab, line feed, carriage return)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    frame = cast(pd.DataFrame, getattr(sheet, "data", sheet))  # a Styler's data, or the frame itself
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)


def reproducible(book: bytes) -> bytes:
    """The workbook's bytes without its write time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/core.xml":
                data = _STAMPS.sub(b"", data)
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = entry.compress_type
            fixed.external_attr = entry.external_attr
            target.writestr(fixed, data)
    return out.getvalue()
