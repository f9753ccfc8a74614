"""Names a reader sees are in Swedish alphabetical order (issue 27): a–z, å, ä, ö; case and accents aside."""

from __future__ import annotations

import pandas as pd
import pytest

from vsslib.collation import swedish_column, swedish_sorted
from vsslib.errors import ParameterError
from vsslib.pages.notebook import check_choice

# by hand, as SAOL orders them: e-words together whatever their case or accent, å < ä < ö after z
SWEDISH_ORDER = [
    "Ekonomiservice",
    "eLärandeCenter",
    "Émile",
    "HR-service",
    "LKDATA",
    "Lärande",
    "Lönecenter",
    "Stadsarkivet",
    "Zeta",
    "Åtgärd",
    "Ärende",
    "ödla",
    "Ökad",
]


def test_names_sort_in_swedish_order():
    assert swedish_sorted(reversed(SWEDISH_ORDER)) == SWEDISH_ORDER
    assert sorted(SWEDISH_ORDER) != SWEDISH_ORDER  # code-point order is not it: the test can fail


def test_a_table_sorts_its_text_columns_swedish_and_its_numbers_as_numbers():
    frame = pd.DataFrame({"unit": ["Ärende", "Åtgärd", "eLärandeCenter", "Ekonomiservice"], "ref_year": [2, 1, 2, 1]})
    ordered = frame.sort_values(["unit", "ref_year"], key=swedish_column)
    assert ordered.unit.tolist() == ["Ekonomiservice", "eLärandeCenter", "Åtgärd", "Ärende"]


def test_a_bad_parameter_lists_the_valid_names_in_swedish_order():
    with pytest.raises(ParameterError) as raised:
        check_choice("unit", "Okänd", ["Ärende", "Åtgärd", "eLärandeCenter", "Ekonomiservice"])
    message = str(raised.value)
    positions = [message.index(name) for name in ["Ekonomiservice", "eLärandeCenter", "Åtgärd", "Ärende"]]
    assert positions == sorted(positions), message


def test_forecast_pairs_list_units_in_swedish_order():
    """The forecast page's table: units named like 'Ärende', 'Åtgärd', 'eLärandeCenter' come a–z, å, ä, ö."""
    from vsslib.analysis import forecasts

    rows = []
    for n, unit in enumerate(["Ärende", "Åtgärd", "eLärandeCenter", "Ekonomiservice", "Zeta"]):
        base = dict(
            report_id="vss-2099-12",
            organ="VSS",
            table="drift_utfall",
            unit=unit,
            item="resultat",
            detail="",
            ref_year=2099,
            ref_month=12,
            uom="tkr",
            source_file="vss-2099-12.txt",
            source_line=n + 1,
            source_text="row",
            precision=1.0,
            printed_value=1.0,
            decision="",
        )
        rows.append({**base, "vintage": "2099-12", "measure": "utfall", "value": 1.0})
        rows.append({**base, "vintage": "2099-12", "measure": "budget", "value": 0.0})
    pairs, _ = forecasts.pair(pd.DataFrame(rows))
    assert list(dict.fromkeys(pairs.unit)) == ["Ekonomiservice", "eLärandeCenter", "Zeta", "Åtgärd", "Ärende"]
