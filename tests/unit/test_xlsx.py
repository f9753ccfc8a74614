"""Excel files with the same bytes for the same content (vsslib.publish.xlsx)."""

from __future__ import annotations

import io
import time

import pandas as pd
from openpyxl import load_workbook

from vsslib import paths
from vsslib.publish import export, tables


def test_the_same_workbook_written_twice_has_the_same_bytes_and_opens():
    first = export.workbook(paths.DATA_DIR, "2019-08")
    time.sleep(1.1)  # a zip entry's time has two-second steps; the properties have seconds
    second = export.workbook(paths.DATA_DIR, "2019-08")
    assert first == second
    book = load_workbook(io.BytesIO(first))
    assert book["Fakta"].max_row > 1 and book.sheetnames[:2] == ["Fakta", "Räknefel"]


def test_a_table_s_download_is_the_same_every_time():
    style = tables.styled(pd.DataFrame({"ref_year": [2021], "value": [6113.0]}), unit="tkr")
    first = tables.downloads(style, "resultat")
    time.sleep(2.1)
    assert tables.downloads(style, "resultat") == first
