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
    assert facts[("Kontakt Linköping", "start")].value == START  # vss-2019-04 line 88: 'igång sedan början av april'
    target = facts[("Kontakt Linköping", "chat_share_target")]  # vss-2020-12 line 665, column 'Målvärde' of 2020
    assert (float(target.value), target.ref_year) == (0.05, 2020)
    formed = facts[("VSS", "formed")]  # vss-2019-04 line 26: 'nystartad förvaltning sedan årsskiftet 2019'
    assert (formed.value, formed.line) == ("2019", 26)


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
    assert methods["trend"].value is None and "minst tre" in methods["trend"].skipped
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


def test_one_method_is_no_span_and_closest_needs_two_candidates():
    """Issue 13.14: at 2019-08 only the run rate could run (vss-2019-08 l. 69: 100 000 since April), so no span;
    in the backtest the official 197 000 (l. 69) was closer to the outcome 206 583 (vss-2020-12 l. 93) than 180 000."""
    facts = load_facts(organ="VSS", as_of="2019-08")
    ser = volumes.series(facts, "Kontakt Linköping", "ärenden")
    methods = volumes.forecasts(ser, 2019, START)
    assert volumes.band(methods) is None
    sentences = volumes.findings(
        2019, methods, 197000, None, volumes.pd.DataFrame(), volumes.chat_share(facts, "x"), None
    )
    assert any("bara metoden takt" in s and "inget spann" in s for s in sentences)
    tests = volumes.backtests(
        load_facts(organ="VSS", as_of="2021-08"), "Kontakt Linköping", "ärenden", "2021-08", START
    )
    later = volumes.findings(2021, [], None, None, tests, volumes.chat_share(facts, "x"), None)
    assert any(s.startswith("Per 2019-08") and s.endswith("närmast låg den officiella prognosen.") for s in later)


def test_chat_target_keeps_its_year_and_the_latest_actual_is_said(facts):
    """Issue 13.15: the 5 % target is 2020's (vss-2020-12 l. 665), when 2,0 % was reached (5 162 of 259 248,
    l. 93–94); the latest actual is 3,7 % to August 2021 (6 999 of 190 721, vss-2021-08 l. 77–78)."""
    target = load_unit_facts()[("Kontakt Linköping", "chat_share_target")]
    sentences = volumes.findings(
        2021, [], None, None, volumes.pd.DataFrame(), volumes.chat_share(facts, "Kontakt Linköping"), target
    )
    assert "Chattandelen var senast 3,7\u00a0% (januari–augusti 2021, utfall)." in sentences
    assert any(s.startswith("Målet för 2020 var 5\u00a0%; utfallet det året blev 2,0\u00a0%") for s in sentences)
    assert not any("mot målet" in s for s in sentences)


def test_a_later_reports_target_is_unknown_to_an_earlier_page():
    known = load_unit_facts(reports={"ks-2018-08", "vss-2019-04", "vss-2019-08"})
    assert ("Kontakt Linköping", "chat_share_target") not in known  # quoted from vss-2020-12
    assert ("Kontakt Linköping", "start") in known


def test_skipped_methods_say_why_in_swedish():
    """Issue 13.18: 'en årspunkt', not '1 årspunkter'; the reason is in the table, not printed as program output."""
    ser = volumes.series(load_facts(organ="VSS", as_of="2020-12"), "Kontakt Linköping", "ärenden")
    trend = next(m for m in volumes.forecasts(ser, 2021, START) if m.method == "trend")
    assert trend.skipped.startswith("en årspunkt;") or trend.skipped.startswith("2 årspunkter;")
    table = volumes.methods_table(volumes.forecasts(ser, 2021, START))
    assert list(table.columns) == ["method", "estimate", "assumption", "basis", "skipped", "estimate_basis"]
    assert table[table.skipped != ""].estimate_basis.eq("").all()  # a method that did not run has no estimate


def test_monthly_forecast_says_synthetic_is_cut_at_the_period_and_checks_its_interval():
    """Issue 13.19: the synthetic series runs to 2021-12; at 2021-08 four months are left out and the forecast
    runs September–December 2021; the backtest counts how often the 80 % interval held."""
    from vsslib.analysis.monthly import analyse, sentences

    monthly = read_monthly(SYNTHETIC)
    assert monthly.attrs["synthetic"]
    result = analyse(monthly, "2021-08", 2021)
    assert result.cut_after == 4 and str(result.series.index[-1]) == "2021-08"
    assert [str(m) for m in result.forecast.index] == ["2021-09", "2021-10", "2021-11", "2021-12"]
    said = sentences(result)
    assert said[0].startswith("Månadsserien är SYNTETISK")
    assert any("inom 80 %-intervallet" in s for s in said)
    assert result.backtest.inside.dtype == bool


def test_run_rate_uses_the_count_over_the_open_months_and_names_the_table_figure():
    """Issue 13.17: vss-2019-08 prints 100 000 to August in its table (l. 69) and 105 068 'april t o m augusti'
    in its text (l. 442); the run rate over the five open months uses the text: 105 068 / 5 × 9."""
    from vsslib.facts.annotations import load_text_amounts

    facts = load_facts(organ="VSS", as_of="2019-08")
    stated = load_text_amounts()
    stated = stated[(stated.unit == "Kontakt Linköping") & stated.report_id.isin(set(facts.report_id))]
    ser = volumes.series(facts, "Kontakt Linköping", "ärenden")
    rate = next(m for m in volumes.forecasts(ser, 2019, START, stated) if m.method == "takt")
    assert rate.value == pytest.approx(105068 / 5 * 9)
    assert "105\u00a0068" in rate.basis and "tabellen trycker 100\u00a0000 (öppen konflikt" in rate.basis
    assert "med tabellens värde blir takten 180\u00a0000" in rate.basis  # review of #25: 100 000 / 5 × 9


def test_volume_against_target_and_per_open_month(facts):
    """Issue 13 (insight): 2020: 259 248 cases (vss-2020-12 l. 93) against the target 220 000 (l. 619); 2019:
    206 583 over the nine months from April (l. 93; opening vss-2019-04 l. 88)."""
    years = volumes.against_target(volumes.series(facts, "Kontakt Linköping", "ärenden"), START).set_index("ref_year")
    assert (years.loc[2019].months, years.loc[2019].per_month) == (9, pytest.approx(206583 / 9))
    assert (years.loc[2020].value, years.loc[2020].target) == (259248, 220000)
    said = volumes.target_sentences(years.reset_index(), "ärenden")
    assert said[1] == (
        "2020: 259\u00a0248 ärenden (helt år, 21\u00a0604 per öppen månad) mot målvärdet 220\u00a0000 (+17,8\u00a0%)."
    )


def test_the_count_to_date_is_set_against_the_same_months_a_year_earlier():
    """Issue 25 §3: vss-2021-08 l. 77 prints 190 721 cases Jan–Aug 2021 and 166 760 Jan–Aug 2020: +14,4 %
    (190 721 / 166 760 = 1,1437); l. 36 words it 'ca 14 %', quoted beside. 2019 (opened in April) has no alike."""
    from vsslib.facts.annotations import load_unit_facts

    facts = load_facts(organ="VSS", as_of="2021-08")
    ser = volumes.series(facts, "Kontakt Linköping", "ärenden")
    found = volumes.same_months_a_year_earlier(ser, 2021, START)
    assert (found["value"], found["before"], found["ref_month"]) == (190721, 166760, 8)
    assert found["source"] == ("vss-2021-08", 77) and round(found["change"], 4) == 0.1437
    stated = load_unit_facts(reports=set(facts.report_id))[("Kontakt Linköping", "change_to_date")]
    sentence = volumes.year_on_year_sentence(found, "ärenden", stated)
    assert sentence.startswith(
        "Januari–augusti 2021: 190\u00a0721 ärenden mot 166\u00a0760 samma månader 2020, +14,4\u00a0%"
    )
    assert (
        "”har en fortsatt ökade volymer under året och ligger efter de första åtta månaderna på ca 14 %” (vss-2021-08, rad 36)"
        in sentence
    )
    early = volumes.series(load_facts(organ="VSS", as_of="2020-12"), "Kontakt Linköping", "ärenden")
    assert volumes.same_months_a_year_earlier(early, 2020, START) is None  # no count to date for 2020


def test_the_official_forecast_is_compared_like_for_like():
    """Issue 25 §3: 280 000 (vss-2021-08 l. 77) lies inside the three methods' span only because of the methods
    that are not seasonally adjusted; the seasonal share, 190 721 / (166 760 / 259 248) = 296 500 (vss-2020-12
    l. 93 for 259 248), is the one compared with it: 16 500 under."""
    facts = load_facts(organ="VSS", as_of="2021-08")
    ser = volumes.series(facts, "Kontakt Linköping", "ärenden")
    methods = [m for m in volumes.forecasts(ser, 2021, START) if m.value is not None]
    said = volumes.official_against_methods(2021, methods, 280000, volumes.band(methods))
    assert any(
        "bara med säsongsandelen" in s and "296\u00a0500" in s and "16\u00a0500" in s and "under" in s for s in said
    )
    assert any(s.startswith("Att prognosen ligger inom metodernas spann beror på metoder som inte") for s in said)
    above = volumes.official_against_methods(2021, methods, 300000, volumes.band(methods))
    assert any("3\u00a0500 (+1,2\u00a0%) över den" in s for s in above)  # 300 000 − 296 498, rounded to hundreds
    assert not any("beror på metoder" in s for s in above)  # outside the span: nothing to call consistent


def test_the_trend_shows_its_points_with_their_sources():
    """Review of issue 25: the trend's inputs were not shown. By hand: 2019 has 206 583 cases over the nine months
    from April (vss-2020-12 l. 93), 2020 259 248 over twelve (l. 93), 2021 190 721 to August (vss-2021-08 l. 77)."""
    facts = load_facts(organ="VSS", as_of="2021-08")
    points = volumes.monthly_averages(volumes.series(facts, "Kontakt Linköping", "ärenden"), 2021, START)
    assert points[["ref_year", "ref_month", "value", "months"]].to_numpy().tolist() == [
        [2019, 12, 206583, 9],
        [2020, 12, 259248, 12],
        [2021, 8, 190721, 8],
    ]
    assert points.per_month.round(1).tolist() == [22953.7, 21604.0, 23840.1]
    assert list(zip(points.report_id, points.source_line, strict=True)) == [
        ("vss-2020-12", 93),
        ("vss-2020-12", 93),
        ("vss-2021-08", 77),
    ]
