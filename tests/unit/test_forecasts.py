"""Forecast pairing and accuracy, checked against figures read from the reports by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from vsslib.analysis import forecasts
from vsslib.facts.load import load_facts


@pytest.fixture(scope="module")
def pairs_2021():
    facts = load_facts(organ="VSS", as_of="2021-08")
    return forecasts.pair(facts)


def one(pairs, **key):
    mask = pd.Series(True, index=pairs.index)
    for column, value in key.items():
        mask &= pairs[column] == value
    assert mask.sum() == 1
    return pairs[mask].iloc[0]


def test_lkdata_2019_august_forecast(pairs_2021):
    pairs, _ = pairs_2021
    # vss-2019-08 line 200: LKDATA prognos 15 834; vss-2020-12 line 160: bokslut 2019 15 362
    row = one(pairs, unit="LKDATA", item="resultat", ref_year=2019, horizon="augusti")
    assert (row.forecast, row.outcome, row.error) == (15834, 15362, 472)
    assert row.outcome_vintage == "2020-12"


def test_vss_2019_april_forecast(pairs_2021):
    pairs, _ = pairs_2021
    # vss-2019-04 line 134: Summa prognos 4 075; vss-2020-12 line 162: bokslut 2019 17 301
    row = one(pairs, unit="VSS", item="resultat", ref_year=2019, horizon="april")
    assert (row.forecast, row.outcome, row.error) == (4075, 17301, -13226)


def test_budget_is_the_first_printing(pairs_2021):
    pairs, _ = pairs_2021
    # vss-2019-04 line 133: LKDATA budget 2019 3 346 (also printed in vss-2019-08 line 200)
    row = one(pairs, unit="LKDATA", item="resultat", ref_year=2019, horizon="budget")
    assert (row.forecast, row.forecast_vintage) == (3346, "2019-04")


def test_pending_forecasts_are_kept(pairs_2021):
    _, pending = pairs_2021
    # vss-2021-08 line 173: LKDATA prognos helår 2021 9 360, no outcome known at 2021-08
    row = one(pending, unit="LKDATA", item="resultat", ref_year=2021, horizon="augusti")
    assert row.forecast == 9360


def test_no_look_ahead():
    pairs, pending = forecasts.pair(load_facts(organ="VSS", as_of="2019-08"))
    assert pairs.empty  # no 2019 outcome was printed before vss-2020-12
    assert set(pending.ref_year) == {2019}


def test_accuracy_by_horizon_on_a_small_frame():
    pairs = pd.DataFrame(
        {"unit": ["A", "B", "VSS"], "item": "resultat", "detail": "", "horizon": "april", "error": [-10.0, 30.0, 99.0]}
    )
    got = forecasts.accuracy_by_horizon(pairs, "VSS")
    assert got.to_dict("records") == [{"horizon": "april", "n": 2, "mae": 20.0, "bias": 10.0}]


def test_findings_are_generated_from_the_numbers(pairs_2021):
    pairs, _ = pairs_2021
    sentences = forecasts.findings(pairs, forecasts.accuracy_by_horizon(pairs, "VSS"), "VSS")
    assert any("Augustiprognosen låg närmare utfallet än aprilprognosen" in s for s in sentences)
    assert forecasts.findings(pairs.iloc[0:0], forecasts.accuracy_by_horizon(pairs.iloc[0:0], "VSS"), "VSS") == [
        "Det finns ännu inga prognoser vars utfall är känt vid den här tidpunkten."
    ]
