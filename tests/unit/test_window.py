"""What a page shows of a long history (vsslib.pages.window): the latest four years, the rest counted."""

from __future__ import annotations

import pandas as pd

from vsslib.pages.window import WINDOW_YEARS, recent


def test_a_page_shows_the_latest_years_and_says_where_the_rest_are():
    rows = pd.DataFrame({"ref_year": [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022], "value": range(8)})
    shown, note = recent(rows, "2021-08")
    assert WINDOW_YEARS == 4
    assert shown.ref_year.tolist() == [2018, 2019, 2020, 2021, 2022]  # a later year (a forecast) stays
    assert note == "Visar åren 2018–2021, de 4 senaste; 3 äldre rader finns i periodens arbetsbok (vss-2021-08.xlsx)."


def test_rows_named_by_report_are_kept_by_the_report_s_year():
    rows = pd.DataFrame({"report_id": ["ks-2017-08", "vss-2019-04", "vss-2021-08"], "source_line": [1, 2, 3]})
    shown, note = recent(rows, "2021-08", "report_id")
    assert shown.report_id.tolist() == ["vss-2019-04", "vss-2021-08"]
    assert note is not None and "1 äldre rad finns" in note


def test_a_period_given_as_year_and_month_counts_by_its_year():
    rows = pd.DataFrame({"as_of": ["2016-08", "2019-04", "2021-08"]})
    shown, _ = recent(rows, "2021-08", "as_of")
    assert shown.as_of.tolist() == ["2019-04", "2021-08"]


def test_the_five_reports_of_2018_to_2021_are_all_shown():
    """The committed reports span 2018–2021: every page of every period shows every row."""
    rows = pd.DataFrame({"report_id": ["ks-2018-08", "vss-2019-04", "vss-2019-08", "vss-2020-12", "vss-2021-08"]})
    shown, note = recent(rows, "2021-08", "report_id")
    assert len(shown) == 5 and note is None
    empty, nothing = recent(rows.iloc[:0], "2021-08", "report_id")
    assert empty.empty and nothing is None
