"""The data contract's fixed vocabulary (see DATA_CONTRACT.md): columns, tables, measures, organs."""

from __future__ import annotations

COLUMNS = (
    "report_id",
    "organ",
    "vintage",
    "table",
    "unit",
    "item",
    "detail",
    "measure",
    "ref_year",
    "ref_month",
    "value",
    "uom",
    "source_file",
    "source_line",
    "source_text",
    "precision",
)
# `precision` (an extra column): the printed resolution in `uom` units, 1 for '12 976' tkr, 100 for
# '36,6' mnkr, 0,01 for '3,82'. Comparisons between printings use the coarser of the two.
TABLES = ("drift_utfall", "drift_prognos", "ekonomi", "investeringar", "volymer", "personal", "indikatorer")
TABLE_NAMES = {  # what a reader calls each table
    "drift_utfall": "driftsammandraget (utfall)",
    "drift_prognos": "driftsammandraget (prognos)",
    "ekonomi": "ekonomisammanfattningen",
    "investeringar": "investeringstabellen",
    "volymer": "volymtabellen",
    "personal": "personaltabellen",
    "indikatorer": "indikatortabellen",
}
MEASURES = ("utfall", "budget", "prognos", "avvikelse", "förändring", "målvärde")
ORGANS = ("VSS", "KS")
SORT_KEY = ("report_id", "source_line", "table", "unit", "item", "detail", "measure", "ref_year", "ref_month")
