"""Case volumes: series, methods, backtests and chat share checked by hand; the monthly path on synthetic data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from vsslib.analysis import volumes
from vsslib.analysis.monthly import fit_monthly, read_monthly, rolling_origin
from vsslib.analysis.synthetic import synthetic_monthly
from vsslib.errors import ReportError
from vsslib.facts.annotations import load_unit_facts
from vsslib.facts.load import load_facts

ROOT = Path(__file__).resolve().parents[2]
SYNTHETIC = ROOT / "data" / "synthetic" / "kontakt_monthly_SYNTHETIC.csv"
START = "2019-04"


@pytest.fixture(scope="module")
def facts():
    return load_facts(organ="VSS", as_of="2021-08")


def test_unit_facts_are_quoted():
    facts = load_unit_facts()
    assert facts[("Kontakt Linköping", "start")] == START  # vss-2019-04 line 88: 'igång sedan början av april'
    assert float(facts[("Kontakt Linköping", "chat_share_target")]) == 0.05  # vss-2020-12 line 665


def test_seasonal_share_method_as_of_2021_08(facts):
    # vss-2021-08 line 77: 190 721 to August 2021, 166 760 to August 2020; vss-2020-12 line 93: 259 248 in 2020
    ser = volumes.series(facts, "Kontakt Linköping", "ärenden")
    share, run_rate, _ = volumes.forecasts(ser, 2021, START)
    assert share.value == pytest.approx(190721 / (166760 / 259248))  # about 296 500
    assert round(share.value, -2) == 296500
    assert run_rate.value == pytest.approx(190721 / 8 * 12)
    assert volumes.official_forecast(ser, 2021) == (280000, "2021-08")


def test_partial_first_year(facts):
    assert volumes.is_partial_year(2019, START) and not volumes.is_partial_year(2020, START)
    assert volumes.open_months(2019, START) == 9 and volumes.months_covered(2019, 8, START) == 5


def test_backtest_as_of_2019_08(facts):
    # vss-2019-08 line 69: 100 000 to August, official 197 000; vss-2020-12 line 93: outcome 206 583
    tests = volumes.backtests(facts, "Kontakt Linköping", "ärenden", "2021-08", START)
    row = tests[(tests.as_of == "2019-08") & (tests.method == "takt")].iloc[0]
    assert (row.forecast, row.official, row.outcome) == (100000 / 5 * 9, 197000, 206583)


def test_methods_without_enough_points_are_skipped_with_reason():
    ser = volumes.series(load_facts(organ="VSS", as_of="2019-08"), "Kontakt Linköping", "ärenden")
    methods = {m.method: m for m in volumes.forecasts(ser, 2019, START)}
    assert methods["säsongsandel"].value is None and methods["säsongsandel"].skipped
    assert methods["trend"].value is None and "minst 3" in methods["trend"].skipped
    assert methods["takt"].value == 180000


def test_chat_share(facts):
    # vss-2020-12 line 94: chat 5 162 of 259 248 cases = 2,0 % (the report itself says 2,0 %, line 452)
    shares = volumes.chat_share(facts, "Kontakt Linköping").set_index(["ref_year", "ref_month", "measure"])
    assert shares.loc[(2020, 12, "utfall")].chat_share == pytest.approx(5162 / 259248)
    assert round(shares.loc[(2020, 12, "utfall")].chat_share, 3) == 0.020


def test_synthetic_file_is_labelled_and_regenerates():
    text = SYNTHETIC.read_text(encoding="utf-8")
    assert "SYNTHETIC" in SYNTHETIC.name and text.startswith("# SYNTHETIC")
    assert read_monthly(SYNTHETIC).equals(synthetic_monthly().astype("float64"))


def test_monthly_model_recovers_trend_and_season():
    monthly = read_monthly(SYNTHETIC)
    _, frame = fit_monthly(monthly, horizon=12)
    truth = synthetic_monthly(months=len(monthly) + 12, noise=0.0).iloc[len(monthly) :]
    assert (frame["mean"] - truth).abs().max() < 0.05 * truth.mean()  # trend and season carried forward
    assert ((frame.pi_lower <= truth) & (truth <= frame.pi_upper)).mean() >= 0.5
    seasonal_range = frame["mean"].max() - frame["mean"].min()
    assert 4000 < seasonal_range < 8000  # amplitude 3 000 each way, plus a year's trend


def test_rolling_origin_beats_the_naive_forecast():
    monthly = read_monthly(SYNTHETIC)
    rolling = rolling_origin(monthly)
    assert len(rolling) == 18  # 6 origins x 3 months ahead
    naive = [abs(monthly[pd.Period(r.origin, "M")] - r.actual) for r in rolling.itertuples()]  # last value carried
    assert rolling.error.abs().mean() < 0.8 * (sum(naive) / len(naive))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("month,value\n2021-01,10\n2021-03,12\n", "monthly.csv:3: 2021-03 follows 2021-01", id="gap"),
        pytest.param(
            "month,value\n2021-01,10\n2021-01,12\n", "monthly.csv:3: month 2021-01 appears twice", id="duplicate"
        ),
        pytest.param(
            "month,value\n2021-13,10\n2021-01,12\n", "monthly.csv:2: malformed month '2021-13'", id="malformed"
        ),
        pytest.param("month,value\n2021-01,10\n2021-02,-5\n", "monthly.csv:3: value '-5' is negative", id="negative"),
        pytest.param("month,value\n2021-01,10\n2021-02,tio\n", "monthly.csv:3: value 'tio' is not a number", id="text"),
        pytest.param("manad,antal\n2021-01,10\n", "monthly.csv:1: bad header", id="header"),
    ],
)
def test_bad_monthly_csv_names_the_row(tmp_path, content, message):
    path = tmp_path / "monthly.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReportError, match=message):
        read_monthly(path)


def test_default_forecast_year():
    assert volumes.default_forecast_year("2021-08") == 2021 and volumes.default_forecast_year("2020-12") == 2021


def test_statsmodels_not_imported_by_vsslib():
    import subprocess
    import sys

    code = "import sys, vsslib.analysis.volumes; sys.exit(1 if 'statsmodels' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
