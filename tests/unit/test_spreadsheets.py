"""Every workbook and CSV the project writes (vsslib.pages.spreadsheets): text inert, same bytes every time."""

from __future__ import annotations

import csv
import io
import time

import pandas as pd
import pytest
from conftest import pages
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from vsslib.facts.load import load_facts
from vsslib.pages import tables
from vsslib.pages.spreadsheets import csv_bytes, formula_like, workbook_bytes
from vsslib.publish import workbook as export

# what report text can carry into a spreadsheet (issue 23): formulas, and labels that merely look like one
ATTACKS = [
    '=HYPERLINK("http://example.com/x","Klicka")',
    "+SUM(A1:A9)",
    "-varav chatt",  # vss-2021-08 l. 78 prints '-varav chatt': it must still read as itself
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "﹦1+1",  # small equals sign, U+FE66
    "﹢SUM(A1)",  # small plus, U+FE62
    " =1+1",  # a space a spreadsheet may trim on import
    "\u3000＠SUM(1)",  # an ideographic space before a full-width at
    "-2+3",
]


def built_workbook(reports, period: str) -> bytes:
    sheets = export.read_sheets(reports / period, pages())
    about = export.About(period, "2026-12-01 10:00 CET", "0" * 64, pages())
    return export.workbook(load_facts(as_of=period), sheets, about)


def test_the_same_workbook_written_twice_has_the_same_bytes_and_opens(built_reports):
    first = built_workbook(built_reports, "2019-08")
    time.sleep(1.1)  # a zip entry's time has two-second steps; the properties have seconds
    second = built_workbook(built_reports, "2019-08")
    assert first == second
    book = load_workbook(io.BytesIO(first))
    assert book["Fakta"].max_row > 1
    assert book.sheetnames[:4] == ["Om arbetsboken", "Fakta", "Tabeller per rapport", "Räknefel"]


def test_a_table_s_download_is_the_same_every_time():
    style = tables.styled(pd.DataFrame({"ref_year": [2021], "value": [6113.0]}), unit="tkr")
    first = tables.downloads(style, "resultat")
    time.sleep(2.1)
    assert tables.downloads(style, "resultat") == first


def cells_of(book: bytes):
    sheet = load_workbook(io.BytesIO(book)).active
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("text", ATTACKS)
def test_report_text_in_a_workbook_is_text_never_a_formula(text):
    cells = cells_of(workbook_bytes({"Blad": pd.DataFrame({"Indikator": [text], "Värde": [-1050.0]})}))
    label, value = cells[2], cells[3]
    assert label.data_type == "s" and label.value.replace("\r", "\n") == text.replace("\r", "\n")
    assert (value.value, value.data_type) == (-1050, "n")  # a number stays a number


@given(st.text(min_size=1, max_size=40))
def test_any_text_reads_back_from_a_workbook_as_text(text):
    (label,) = [c for c in cells_of(workbook_bytes({"Blad": pd.DataFrame({"t": [text]})})) if c.row == 2]
    expected = ILLEGAL_CHARACTERS_RE.sub("", text).replace("\r", "\n")
    assert label.data_type in ("s", "inlineStr") and str(label.value or "").replace("\r", "\n") == expected


@given(st.text(min_size=1, max_size=40))
def test_any_text_in_a_csv_is_inert_and_reads_back(text):
    data = csv_bytes(pd.DataFrame({"t": [text], "n": [4.5]})).decode("utf-8-sig")
    (row,) = list(csv.DictReader(io.StringIO(data, newline=""), delimiter=";"))
    assert not formula_like(row["t"])
    assert row["t"] == text or row["t"] == "'" + text
    assert row["n"] == "4,5"


@pytest.mark.parametrize("text", ATTACKS)
def test_every_output_keeps_report_text_inert(text):
    facts = load_facts(as_of="2021-08").head(3).copy()
    facts["item"] = text
    exported = csv_bytes(export.facts_frame(facts)).decode("utf-8-sig")
    facts_csv = export.facts_csv(facts).decode("utf-8-sig")
    for data in (exported, facts_csv):
        for row in csv.reader(io.StringIO(data, newline=""), delimiter=";"):
            assert not any(formula_like(field) for field in row), row
    assert "6113" in facts_csv or "," in facts_csv  # values stay unquoted numbers
    style = tables.styled(pd.DataFrame({"label": [text], "value": [6113.0]}), unit="tkr")
    links = tables.downloads(style, "t")
    import base64
    import re

    book, table = (base64.b64decode(b) for b in re.findall(r"base64,([^\"]+)", links))
    assert all(c.data_type != "f" for c in cells_of(book))
    assert not any(
        formula_like(f) for r in csv.reader(io.StringIO(table.decode("utf-8-sig")), delimiter=";") for f in r
    )


def test_the_period_workbook_has_no_formula_anywhere(built_reports):
    book = load_workbook(built_reports / "2021-08" / "vss-2021-08.xlsx")
    formulas = [c.coordinate for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    facts = book["Fakta"]
    negative = [c.value for c in facts["K"][1:] if isinstance(c.value, (int, float)) and c.value < 0]
    assert negative, "negative values stay numbers"
