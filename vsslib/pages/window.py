"""What a page shows of a long history: the latest years; every year stays in the period's workbook.

A page of period P shows the rows of the `WINDOW_YEARS` latest years up to P's year, so that a page does
not grow with the number of reports filed. The analyses themselves, the JSON summary and the period's
workbook (`vss-P.xlsx`) keep every year; a page that leaves rows out says how many and where they are.
With the five reports of 2018–2021 every page shows every row.
"""

from __future__ import annotations

import pandas as pd

from vsslib import formatting as fmt

WINDOW_YEARS = 4


def first_year(period: str) -> int:
    """The first year a page of the period shows."""
    return int(period[:4]) - WINDOW_YEARS + 1


def _years(df: pd.DataFrame, column: str) -> pd.Series:
    """The year of each row: a year or a period ('2021', '2021-08'), or a report id ('vss-2021-08' → 2021)."""
    if column == "report_id":
        return df[column].astype(str).str.extract(r"(\d{4})-\d{2}$")[0].astype(int)
    return df[column].astype(str).str[:4].astype(int)


def recent(df: pd.DataFrame, period: str, column: str = "ref_year") -> tuple[pd.DataFrame, str | None]:
    """The rows of the latest years up to the period's year (later years kept), and the note for the rest."""
    first = first_year(period)
    if df.empty or column not in df.columns:
        return df, None
    shown = df[_years(df, column) >= first]
    if len(shown) == len(df):
        return df, None
    left_out = len(df) - len(shown)
    return shown.reset_index(drop=True), (
        f"Visar åren {first}–{period[:4]}, de {WINDOW_YEARS} senaste; {fmt.number(left_out)} äldre "
        f"{'rad' if left_out == 1 else 'rader'} finns i periodens arbetsbok (vss-{period}.xlsx)."
    )
