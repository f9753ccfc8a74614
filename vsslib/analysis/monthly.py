"""An optional monthly case series: read and validated from CSV, a seasonal ETS model, rolling-origin backtests.

statsmodels is imported inside the functions that use it, never at `import vsslib`.
"""

from __future__ import annotations

import csv
import math
import re
import warnings
from pathlib import Path

import pandas as pd

from vsslib.errors import ReportError


def read_monthly(path: Path) -> pd.Series:
    """A monthly CSV (columns month 'YYYY-MM', value; '#' lines are comments) as a Series indexed by month.

    Raises ReportError naming the row for a malformed or duplicated month, a gap, or a value that is
    negative or not a number.
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
    return pd.Series(values, name="value", dtype="float64")


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
    """Refit at each of the last `origins` months and forecast `horizon` ahead; the errors against the data."""
    rows = []
    for cut in range(len(monthly) - origins - horizon + 1, len(monthly) - horizon + 1):
        _, frame = fit_monthly(monthly.iloc[:cut], horizon)
        for month, pred in frame["mean"].items():
            rows.append(
                {
                    "origin": str(monthly.index[cut - 1]),
                    "month": str(month),
                    "forecast": float(pred),
                    "actual": float(monthly[month]),
                    "error": float(pred - monthly[month]),
                }
            )
    return pd.DataFrame(rows, columns=["origin", "month", "forecast", "actual", "error"])
