"""The records the analyses hand on, typed: key figures and each page's JSON summary, waterfalls, estimates.

They travel as plain dicts (JSON-ready, the build reads `key_figures` back for the index), declared here once
so that a field's name and type are checked (mypy) wherever one is made or read.
"""

from __future__ import annotations

from typing import TypedDict


class KeyFigure(TypedDict):
    """A figure the index shows for a page: a Swedish label and its value (a number or formatted text)."""

    label: str
    value: str | int | float


class Summary(TypedDict):
    """What every page's JSON summary holds."""

    period: str
    key_figures: list[KeyFigure]


class ForecastSummary(Summary):
    """forecast_accuracy: the pairs, the forecasts still without outcome, the accuracy per horizon."""

    organ: str
    pairs: list[dict]
    pending: list[dict]
    by_horizon: dict[str, dict]


class Driver(TypedDict):
    """A driver of a deviation with its amount, as the report states it (`data/annotations/drivers.csv`)."""

    category: str
    amount: float
    place: float  # the place of its last printed digit, in tkr: 100 for 'cirka 7,4 miljoner'
    at_least: bool  # printed as a lower bound ('minst 3,4 miljoner')
    line: int  # the report's line that prints the amount


class Waterfall(TypedDict):
    """One report's deviation: budget → the drivers with amounts → the remainder → the result."""

    report_id: str
    vintage: str
    ref_year: int
    ref_month: int
    measure: str  # 'utfall', or 'prognos' for a full year forecast
    budget: float
    budget_pro_rata: bool  # the full-year budget taken pro rata for part of a year
    drivers: list[Driver]
    remainder: float
    in_text: list[str]  # drivers the report names without an amount
    result: float


class ToDate(TypedDict):
    """The result to date at an interim period against the budget for the same months."""

    ref_year: int
    ref_month: int
    result: float
    budget: float
    pro_rata: bool


class ImpliedFullYear(TypedDict):
    """The full-year result the result to date implies, once per earlier complete year's seasonal share."""

    ref_year: int
    ref_month: int
    to_date: float
    years: list[int]
    shares: list[float]
    estimates: list[float]
    official: float | None
    reason: str  # why no estimate is shown ('' when there are estimates)


class Band(TypedDict):
    """The spread of the volume methods that ran: a scenario band, not a confidence interval."""

    low: float
    high: float
    methods: int


class YearOnYear(TypedDict):
    """A count to date against the same months a year earlier, with the report and line of each printing."""

    ref_year: int
    ref_month: int
    value: float
    before: float
    change: float
    source: tuple[str | None, int | None]
    before_source: tuple[str | None, int | None]


class SurplusSummary(Summary):
    """lkdata_surplus: the unit's results, its share of the organ's, its waterfalls and seasonality."""

    unit: str
    history: list[dict]
    share_of_organ: list[dict]
    waterfalls: list[dict]
    seasonality: list[dict]


class VolumesSummary(Summary, total=False):
    """kontakt_volumes: the series, each method's forecast, the backtests, chat (`monthly` only with a series)."""

    unit: str
    item: str
    forecast_year: int
    series: list[dict]
    forecasts: list[dict]
    skipped: list[dict]
    official_forecast: float | None
    band: Band | None
    backtests: list[dict]
    chat_share: list[dict]
    monthly: dict


class GoalsSummary(Summary):
    """goals_indicators: every indicator with its status, every goal's assessment, the counts."""

    organ: str
    indicators: list[dict]
    goals: list[dict]
    counts: dict[str, int]


class QualitySummary(Summary):
    """data_quality: counts and every finding."""

    counts: dict[str, int]
    tables: list[dict]
    arithmetic: list[dict]
    conflicts: list[dict]
    unmapped: list[dict]
    warnings: list[dict]
