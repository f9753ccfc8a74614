"""The period workbook holds every table a page shortens (vsslib.pages.window): the pages' notes say so."""

from __future__ import annotations

import json

from vsslib import paths
from vsslib.pages import export

# The sheet that holds each table a notebook shows through `recent(...)` (older rows left out on the page).
SHORTENED = {
    "data_quality": ["Tabeller per rapport", "Räknefel", "Motstridiga uppgifter", "Utanför kontraktet"],
    "forecast_accuracy": ["Prognoser och utfall", "Prognoser utan utfall"],
    "lkdata_surplus": ["LKDATA resultat", "LKDATA andel", "LKDATA avvikelser"],
    "kontakt_volumes": ["Ärenden", "Ärenden mot mål", "Ärenden, prövade prognoser", "Chatt"],
}


def test_every_table_a_page_shortens_has_its_sheet():
    sheets = export.sheets(paths.DATA_DIR, "2021-08")
    for notebook, names in SHORTENED.items():
        cells = json.loads((paths.NOTEBOOKS_DIR / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
        shortened = sum("".join(c["source"]).count("recent(") for c in cells if c["cell_type"] == "code")
        assert shortened >= len(names) - (notebook == "lkdata_surplus"), notebook  # falls: by since_year
        for name in names:
            assert name in sheets, name


def test_the_chat_sheet_has_the_printed_chat_counts():
    """vss-2021-08 l. 78: '-varav chatt' 6 999 in January–August 2021 and 2 175 a year earlier."""
    chat = export.sheets(paths.DATA_DIR, "2021-08")["Chatt"].data
    assert {6999.0, 2175.0} <= set(chat["Chatt (antal)"])
