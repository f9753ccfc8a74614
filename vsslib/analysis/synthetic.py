"""A SYNTHETIC monthly series with known trend and season, for tests and the monthly-model example."""

from __future__ import annotations

import pandas as pd


def synthetic_monthly(
    start: str = "2019-04",
    months: int = 33,
    level: float = 20000.0,
    slope: float = 150.0,
    amplitude: float = 3000.0,
    noise: float = 300.0,
    seed: int = 2021,
) -> pd.Series:
    """A SYNTHETIC monthly series with known trend (slope per month) and seasonality (amplitude), for tests."""
    import numpy as np

    rng = np.random.default_rng(seed)
    index = pd.period_range(start, periods=months, freq="M")
    t = np.arange(months)
    season = amplitude * np.sin(2 * np.pi * (index.month.to_numpy() - 1) / 12)
    return pd.Series(level + slope * t + season + rng.normal(0, noise, months), index=index, name="value").round()
