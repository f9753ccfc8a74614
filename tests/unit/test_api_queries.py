"""The Python API asked as a user would (issue 23, class 7): one fact or a clear error, common types accepted.

Expected values from the report text: vss-2020-12 l. 160 prints LKDATA's 2019 outcome as 15 362 tkr
(the 'Bokslut 2019' column of the Driftsammandrag).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import vsslib
from vsslib import paths
from vsslib.errors import AmbiguousQueryError, ParameterError
from vsslib.facts import load

KEY = {"unit": "LKDATA", "item": "resultat", "measure": "utfall", "ref_month": 12}


@pytest.fixture(scope="module")
def facts():
    return vsslib.load_facts()


@pytest.mark.parametrize(
    ("as_of", "year"),
    [
        ("2020-12", 2019),
        (pd.Period("2020-12", "M"), 2019),
        (dt.date(2020, 12, 31), "2019"),  # a year as text is the same year
        (pd.Timestamp("2020-12-01"), 2019),
    ],
    ids=["text", "period", "date and year as text", "timestamp"],
)
def test_one_fact_is_found_whatever_the_common_type(facts, as_of, year):
    assert vsslib.value_as_of(facts, as_of, ref_year=year, **KEY) == 15362


def test_a_key_that_matches_many_facts_is_an_error_listing_them(facts):
    with pytest.raises(vsslib.AmbiguousQueryError) as error:
        vsslib.value_as_of(facts, "2020-12", unit="LKDATA", item="resultat")
    assert "matches" in str(error.value) and "LKDATA resultat utfall" in str(error.value)
    assert "measure=" in str(error.value) and "ref_year=" in str(error.value)


@pytest.mark.parametrize(
    ("key", "named"),
    [
        ({"unit": "lkdata"}, "valid: LKDATA"),  # the case it is printed in, offered
        ({"unit": "LKDAT"}, "LKDATA"),
        ({"unit": ["LKDATA", "HR-service"]}, "one value"),
        ({"enhet": "LKDATA"}, "unknown key 'enhet'"),
        ({"ref_year": "tjugonitton"}, "unknown ref_year"),
    ],
    ids=["case", "typo", "a list", "unknown column", "a year that is no number"],
)
def test_a_value_the_facts_never_hold_is_an_error_naming_the_close_ones(facts, key, named):
    with pytest.raises(vsslib.ParameterError, match=named):
        vsslib.value_as_of(facts, "2020-12", **{**KEY, "ref_year": 2019, **key})


def test_nothing_printed_yet_is_none_and_a_bad_period_an_error(facts):
    # LKDATA's 2021 outcome is first printed after 2020-12 (vss-2021-08 prints the part year only)
    assert vsslib.value_as_of(facts, "2020-12", ref_year=2021, **{**KEY, "ref_month": 8}) is None
    for bad in ("2020-13", 2020, "december 2020"):
        with pytest.raises(vsslib.ParameterError, match="period"):
            vsslib.value_as_of(facts, bad, ref_year=2019, **KEY)


def test_load_facts_takes_a_path_as_text_and_a_period(facts):
    loaded = vsslib.load_facts(as_of=pd.Period("2019-08", "M"), facts_path=str(Path(paths.layout().facts)))
    assert set(loaded.vintage) <= {"2018-08", "2019-04", "2019-08"} and len(loaded) < len(facts)


def test_history_checks_its_key_as_value_as_of_does(facts):
    """The printings of LKDATA's 2019 outcome: vss-2020-12 l. 160 prints 15 362."""
    rows = vsslib.history(facts, ref_year="2019", **KEY)
    assert list(rows.value) == [15362] and list(rows.source_line) == [160]
    with pytest.raises(vsslib.ParameterError, match="LKDATA"):
        vsslib.history(facts, unit="LKDAT", item="resultat")
    with pytest.raises(vsslib.ParameterError, match="unknown key 'unitt'"):
        vsslib.history(facts, unitt="LKDATA")


def test_a_fact_printed_twice_in_one_report_is_answered_as_the_pages_answer_it():
    """vss-2020-12 prints LKDATA's 2019 support cases twice: 61 500 in its volume table (l. 95, 'Arenden LKDATA
    support 68 800 61 500') and 59 187 among the indicators (l. 624); the pages use the volume table."""
    facts = load.load_facts()
    key = dict(unit="LKDATA", item="ärenden", measure="utfall", ref_year=2019, ref_month=12)
    assert load.value_as_of(facts, "2020-12", **key) == 61500


def test_history_of_a_key_that_is_many_facts_is_an_error_listing_them():
    facts = load.load_facts()
    with pytest.raises(AmbiguousQueryError, match="matches .* facts"):
        load.history(facts, unit="LKDATA")
    with pytest.raises(AmbiguousQueryError):
        load.history(facts)
    one = load.history(facts, unit="LKDATA", item="ärenden", measure="utfall", ref_year=2019, ref_month=12)
    assert sorted(one.value) == [59187, 61500]  # vss-2020-12 l. 624 and l. 95: every printing, both kept


@pytest.mark.parametrize("as_of", [pd.NaT, float("nan")])
def test_a_missing_period_is_a_parameter_error(as_of):
    facts = load.load_facts()
    with pytest.raises(ParameterError, match="period"):
        load.value_as_of(facts, as_of, unit="LKDATA", item="resultat", measure="utfall", ref_year=2020)
    with pytest.raises(ParameterError, match="period"):
        load.load_facts(as_of=as_of)


def test_a_month_with_an_underscore_is_no_month():
    """int('1_2') is 12 in Python; as a key it is a typing slip, not December."""
    with pytest.raises(ParameterError, match="ref_month"):
        load.value_as_of(
            load.load_facts(),
            "2021-08",
            unit="LKDATA",
            item="resultat",
            measure="utfall",
            ref_year=2020,
            ref_month="1_2",
        )
