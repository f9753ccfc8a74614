"""An optional monthly case series: read and validated from CSV, a seasonal ETS model, rolling-origin backtests.

statsmodels is imported inside the functions that use it, never at `import vsslib`.
"""

from __future__ import annotations

import csv
import math
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from vsslib.errors import ReportError

SYNTHETIC_MARKS = ("synthetic", "syntetisk")
MIN_MONTHS = 24  # a seasonal ETS model needs two full years to start from


def read_monthly(path: Path) -> pd.Series:
    """A monthly CSV (columns month 'YYYY-MM', value; '#' lines are comments) as a Series indexed by month.

    Raises ReportError naming the row for a malformed or duplicated month, a gap, or a value that is
    negative or not a number. `attrs["synthetic"]` is True when the file's name or a comment says the
    series is synthetic ('SYNTHETIC', 'syntetisk'): the page then says so wherever it shows it.
    """
    name = Path(path).name
    values: dict[pd.Period, float] = {}
    previous: pd.Period | None = None
    with Path(path).open(encoding="utf-8", newline="") as f:
        lines = [(n, line) for n, line in enumerate(f, start=1) if line.strip() and not line.startswith("#")]
    reader = csv.reader(line for _, line in lines)
    header = next(reader, None)
    if header is None or [h.strip() for h in header] != ["month", "value"]:
        raise ReportError(name, lines[0][0] if lines else 1, "bad header", "the columns 'month,value'")
    for (number, _), row in zip(lines[1:], reader, strict=True):
        previous = _monthly_row(name, number, row, values, previous)
    if len(values) < 2:
        raise ReportError(name, None, "fewer than two months", "a monthly series")
    series = pd.Series(values, name="value", dtype="float64")
    comments = Path(path).read_text(encoding="utf-8").lower().split("\nmonth,")[0] + name.lower()
    series.attrs["synthetic"] = any(mark in comments for mark in SYNTHETIC_MARKS)
    series.attrs["source"] = name
    return series


def _monthly_row(name: str, number: int, row: list[str], values: dict, previous: pd.Period | None) -> pd.Period:
    if len(row) != 2 or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", row[0].strip()):
        raise ReportError(name, number, f"malformed month {row[0] if row else ''!r}", "YYYY-MM")
    month = pd.Period(row[0].strip(), freq="M")
    if month in values:
        raise ReportError(name, number, f"month {month} appears twice", "one row per month")
    if previous is not None and month != previous + 1:
        raise ReportError(name, number, f"{month} follows {previous}", "consecutive months without gaps")
    try:
        value = float(row[1].replace(" ", "").replace(",", "."))
    except ValueError as exc:
        raise ReportError(name, number, f"value {row[1]!r} is not a number", "a count") from exc
    if value < 0 or math.isnan(value):
        raise ReportError(name, number, f"value {row[1]!r} is negative", "a count of zero or more")
    values[month] = value
    return month


def fit_monthly(monthly: pd.Series, horizon: int = 12):
    """A seasonal ETS model (additive trend and season) and its forecast with 80 % prediction intervals."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    data = monthly.copy()
    data.index = pd.PeriodIndex(data.index).to_timestamp()
    data = data.asfreq("MS")
    with warnings.catch_warnings():  # convergence is reported through fit.mle_retvals, not as page noise
        warnings.simplefilter("ignore")
        fit = ETSModel(data, error="add", trend="add", seasonal="add", seasonal_periods=12).fit(disp=False)
    frame = fit.get_prediction(start=len(data), end=len(data) + horizon - 1).summary_frame(alpha=0.2)
    frame.index = frame.index.to_period("M")
    return fit, frame[["mean", "pi_lower", "pi_upper"]]


def rolling_origin(monthly: pd.Series, origins: int = 6, horizon: int = 3) -> pd.DataFrame:
    """Refit at each of the last `origins` months and forecast `horizon` ahead; errors and interval hits."""
    rows = []
    for cut in range(len(monthly) - origins - horizon + 1, len(monthly) - horizon + 1):
        _, frame = fit_monthly(monthly.iloc[:cut], horizon)
        for month, pred in frame.iterrows():
            actual = float(monthly[month])
            rows.append(
                {
                    "origin": str(monthly.index[cut - 1]),
                    "month": str(month),
                    "forecast": float(pred["mean"]),
                    "actual": actual,
                    "error": float(pred["mean"] - actual),
                    "inside": bool(pred.pi_lower <= actual <= pred.pi_upper),
                }
            )
    return pd.DataFrame(rows, columns=["origin", "month", "forecast", "actual", "error", "inside"])


@dataclass
class MonthlyResult:
    """A monthly series up to the period, its model forecast to December of the forecast year, the backtest."""

    series: pd.Series
    forecast: pd.DataFrame
    backtest: pd.DataFrame
    converged: bool
    synthetic: bool
    cut_after: int  # months after the period that were left out
    forecast_year: int


def analyse(monthly: pd.Series, period: str, forecast_year: int) -> MonthlyResult:
    """Fit and backtest the series as known at `period`, forecasting every month up to December of `forecast_year`.

    Months after the period are left out (no look-ahead) and counted; a series that starts after the period,
    or already covers the whole forecast year, is refused with the reason.
    """
    end = pd.Period(period, freq="M")
    known = monthly[monthly.index <= end]
    source = monthly.attrs.get("source", "monthly_csv")
    if len(known) < MIN_MONTHS + 3:
        raise ReportError(
            source, None, f"{len(known)} months up to {period}", f"at least {MIN_MONTHS + 3} months before the period"
        )
    last = known.index[-1]
    horizon = (pd.Period(f"{forecast_year}-12", freq="M") - last).n
    if horizon < 1:
        raise ReportError(source, None, f"the series already covers {forecast_year}", "a forecast year after the data")
    fit, frame = fit_monthly(known, horizon)
    return MonthlyResult(
        series=known,
        forecast=frame,
        backtest=rolling_origin(known, origins=min(6, len(known) - MIN_MONTHS - 2)),
        converged=bool(fit.mle_retvals.get("converged", True)),
        synthetic=bool(monthly.attrs.get("synthetic")),
        cut_after=len(monthly) - len(known),
        forecast_year=forecast_year,
    )


def sentences(result: MonthlyResult) -> list[str]:
    """What a reader must know about the monthly forecast, in Swedish: source, cut, backtest error and coverage."""
    from vsslib import formatting as fmt

    out = []
    if result.synthetic:
        out.append("Månadsserien är SYNTETISK (konstruerad för att pröva metoden), inte utfall ur rapporterna.")
    if result.cut_after:
        out.append(f"{result.cut_after} månader efter analysperioden i serien används inte.")
    test = result.backtest
    mae = float(test.error.abs().mean())
    inside = int(test.inside.sum())
    out.append(
        f"Rullande prognosstart ({len(test)} prognoser, 1–3 månader framåt): medelabsolutfel {fmt.number(mae)} "
        f"per månad; {inside} av {len(test)} utfall låg inom 80 %-intervallet ({fmt.percent(inside / len(test), 0)})."
    )
    if inside / len(test) < 0.8:
        out.append("Intervallen har i backtesten varit för smala: den verkliga osäkerheten är större än de visar.")
    if not result.converged:
        out.append("Modellskattningen konvergerade inte helt; tolka intervallen med försiktighet.")
    return out


def summary(result: MonthlyResult) -> dict:
    """The monthly part of the notebook's JSON summary."""
    return {
        "months": len(result.series),
        "synthetic": result.synthetic,
        "cut_after_period": result.cut_after,
        "backtest_mae": float(result.backtest.error.abs().mean()),
        "backtest_coverage_80": float(result.backtest.inside.mean()),
        "forecast": [
            {"month": str(m), "mean": r["mean"], "low": r.pi_lower, "high": r.pi_upper}
            for m, r in result.forecast.iterrows()
        ],
    }
