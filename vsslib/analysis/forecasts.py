"""Forecast accuracy ('prognossäkerhet'): full-year forecasts paired with their outcomes.

Pure functions of the facts table. A forecast is a full-year `prognos` from an interim report
(horizon 'april' or 'augusti' by the report's month) or the year's `budget` (horizon 'budget', the
first printing of the budget: what was planned before the year). Its outcome is the `utfall` for
the full year, as last printed at or before the analysis period. Error = forecast − outcome.
"""

from __future__ import annotations

import pandas as pd

from vsslib.facts.load import one_printing_per_report
from vsslib.publish import formatting as fmt

ITEMS = (
    "resultat",
    "investeringar netto",
    "ärenden",
    "ärenden chatt",
    "rekryteringar",
    "e-utbildningar",
    "upphandlingar",
)
HORIZONS = ("budget", "april", "augusti")
KEY = ["unit", "item", "detail", "ref_year"]
MONTH_HORIZON = {4: "april", 8: "augusti"}


def _sub_total(detail: pd.Series) -> pd.Series:
    return detail.str.lower().str.startswith(("varav", "summa"))


def forecasts(facts: pd.DataFrame) -> pd.DataFrame:
    """Every full-year forecast: one row per (unit, item, detail, year, horizon)."""
    base = facts[facts["item"].isin(ITEMS) & (facts.ref_month == 12) & ~_sub_total(facts.detail)]
    interim = base.vintage.str[5:].astype(int).isin(MONTH_HORIZON)
    prognos = one_printing_per_report(base[(base.measure == "prognos") & interim], KEY)
    prognos = prognos.assign(horizon=prognos.vintage.str[5:].astype(int).map(MONTH_HORIZON))
    prognos = prognos[prognos.ref_year == prognos.vintage.str[:4].astype(int)]
    budget = one_printing_per_report(base[base.measure == "budget"], KEY).drop_duplicates(KEY, keep="first")
    budget = budget.assign(horizon="budget")
    out = pd.concat([budget, prognos]).drop_duplicates(KEY + ["horizon"], keep="last")
    return out.rename(columns={"value": "forecast", "vintage": "forecast_vintage"})[
        KEY + ["horizon", "forecast_vintage", "forecast", "report_id", "source_line"]
    ].reset_index(drop=True)


def outcomes(facts: pd.DataFrame) -> pd.DataFrame:
    """The full-year outcome of each (unit, item, detail, year), as last printed."""
    base = facts[facts["item"].isin(ITEMS) & (facts.measure == "utfall") & (facts.ref_month == 12)]
    latest = one_printing_per_report(base, KEY).sort_values(["vintage", "report_id"]).drop_duplicates(KEY, keep="last")
    return latest.rename(columns={"value": "outcome", "vintage": "outcome_vintage"})[
        KEY + ["outcome", "outcome_vintage"]
    ].reset_index(drop=True)


def pair(facts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(pairs with outcome and error, pending forecasts without a known outcome), sorted."""
    both = forecasts(facts).merge(outcomes(facts), on=KEY, how="left")
    order = {h: i for i, h in enumerate(HORIZONS)}
    both = both.assign(_h=both.horizon.map(order)).sort_values(["item", "unit", "detail", "ref_year", "_h"])
    both = both.drop(columns="_h")
    known = both[both.outcome.notna()].assign(error=lambda d: d.forecast - d.outcome)
    pending = both[both.outcome.isna()].drop(columns=["outcome", "outcome_vintage"])
    return known.reset_index(drop=True), pending.reset_index(drop=True)


def accuracy_by_horizon(pairs: pd.DataFrame, organ: str, item: str = "resultat") -> pd.DataFrame:
    """Mean absolute error and mean error (bias) per horizon over the units (not the organ's total)."""
    units = pairs[(pairs["item"] == item) & (pairs.unit != organ) & (pairs.detail == "")]
    rows = []
    for horizon in HORIZONS:
        errors = units[units.horizon == horizon].error
        if len(errors):
            rows.append(
                {
                    "horizon": horizon,
                    "n": int(len(errors)),
                    "mae": float(errors.abs().mean()),
                    "bias": float(errors.mean()),
                }
            )
    return pd.DataFrame(rows, columns=["horizon", "n", "mae", "bias"])


def organ_error_share(pairs: pd.DataFrame, facts: pd.DataFrame, organ: str) -> pd.DataFrame:
    """The organ's result errors as a share of its turnover (kostnader: outcome, else latest forecast)."""
    total = pairs[(pairs.unit == organ) & (pairs["item"] == "resultat")]
    costs = facts[
        (facts.unit == organ)
        & (facts["item"] == "kostnader")
        & (facts.ref_month == 12)
        & facts.measure.isin(["utfall", "prognos"])
    ]
    rows = []
    for row in total.itertuples():
        year = costs[costs.ref_year == row.ref_year].sort_values(["vintage", "measure"])
        actual = year[year.measure == "utfall"]
        basis = actual if len(actual) else year[year.measure == "prognos"]
        if basis.empty:
            continue
        turnover = float(basis.iloc[-1].value)
        rows.append(
            {
                "ref_year": row.ref_year,
                "horizon": row.horizon,
                "error": row.error,
                "turnover": turnover,
                "turnover_basis": "utfall" if len(actual) else "prognos",
                "share": row.error / turnover,
            }
        )
    return pd.DataFrame(rows, columns=["ref_year", "horizon", "error", "turnover", "turnover_basis", "share"])


def paths(pairs: pd.DataFrame, item: str = "resultat") -> pd.DataFrame:
    """Long table for the path chart: budget → april → augusti → utfall per unit and year."""
    rows = pairs[(pairs["item"] == item) & (pairs.detail == "")]
    stages = rows[["unit", "ref_year", "horizon", "forecast"]].rename(columns={"horizon": "stage", "forecast": "value"})
    final = rows.drop_duplicates(["unit", "ref_year"])[["unit", "ref_year", "outcome"]]
    final = final.rename(columns={"outcome": "value"}).assign(stage="utfall")
    order = {s: i for i, s in enumerate((*HORIZONS, "utfall"))}
    out = pd.concat([stages, final]).assign(order=lambda d: d.stage.map(order))
    return out.sort_values(["unit", "ref_year", "order"]).reset_index(drop=True)


def findings(pairs: pd.DataFrame, by_horizon: pd.DataFrame, organ: str) -> list[str]:
    """Sentences in Swedish, generated from the numbers."""
    if pairs.empty:
        return ["Det finns ännu inga prognoser vars utfall är känt vid den här tidpunkten."]
    out = []
    for row in by_horizon.itertuples():
        direction = "för högt" if row.bias > 0 else "för lågt"
        out.append(
            f"Med horisonten {row.horizon} var det genomsnittliga absoluta felet "
            f"{fmt.tkr(row.mae)} per enhet (n = {row.n}); i snitt prognostiserades resultatet "
            f"{fmt.tkr(abs(row.bias))} {direction}."
        )
    out += _direction_sentences(pairs)
    out += _august_vs_april(pairs)
    out += _investment_sentences(pairs, organ)
    return out


def _direction_sentences(pairs: pd.DataFrame) -> list[str]:
    result = pairs[(pairs["item"] == "resultat") & (pairs.horizon != "budget")]
    out = []
    for unit, group in result.groupby("unit"):
        if len(group) >= 2 and (group.error < 0).all():
            out.append(
                f"{unit}: utfallet blev bättre än prognosen i samtliga {len(group)} prognoser "
                f"(största avvikelse {fmt.tkr(group.error.abs().max())})."
            )
        elif len(group) >= 2 and (group.error > 0).all():
            out.append(f"{unit}: utfallet blev sämre än prognosen i samtliga {len(group)} prognoser.")
    return out


def _august_vs_april(pairs: pd.DataFrame) -> list[str]:
    both = (
        pairs[pairs.horizon.isin(["april", "augusti"])]
        .pivot_table(index=["unit", "item", "detail", "ref_year"], columns="horizon", values="error", aggfunc="first")
        .dropna()
    )
    if both.empty or not {"april", "augusti"} <= set(both.columns):
        return []
    better = int((both.augusti.abs() < both.april.abs()).sum())
    return [f"Augustiprognosen låg närmare utfallet än aprilprognosen i {better} av {len(both)} fall där båda finns."]


def _investment_sentences(pairs: pd.DataFrame, organ: str) -> list[str]:
    inv = pairs[(pairs["item"] == "investeringar netto") & (pairs.unit == organ) & (pairs.detail == "")]
    out = []
    for year, group in inv.groupby("ref_year"):
        frame = group[group.horizon == "budget"]
        latest = group[group.horizon != "budget"].tail(1)
        if len(frame) and len(latest):
            out.append(
                f"Investeringar {year}: ramen var {fmt.tkr(frame.forecast.iloc[0])}, prognosen i "
                f"{latest.horizon.iloc[0]} {fmt.tkr(latest.forecast.iloc[0])} och utfallet "
                f"{fmt.tkr(latest.outcome.iloc[0])}."
            )
    return out


PAIR_FIELDS = [
    "unit",
    "item",
    "detail",
    "ref_year",
    "horizon",
    "forecast_vintage",
    "forecast",
    "outcome",
    "outcome_vintage",
    "error",
]


def summary(period: str, organ: str, pairs: pd.DataFrame, pending: pd.DataFrame, by_horizon: pd.DataFrame) -> dict:
    """The notebook's JSON summary: pairs, pending forecasts and accuracy per horizon."""
    return {
        "period": period,
        "organ": organ,
        "pairs": pairs[PAIR_FIELDS].to_dict("records") if len(pairs) else [],
        "pending": pending[[f for f in PAIR_FIELDS if f in pending.columns]].to_dict("records") if len(pending) else [],
        "by_horizon": {r.horizon: {"n": r.n, "mae": r.mae, "bias": r.bias} for r in by_horizon.itertuples()},
        "key_figures": [
            {"label": "Bedömda prognoser", "value": len(pairs)},
            {"label": "Väntar på utfall", "value": len(pending)},
        ]
        + [
            {"label": f"Medelabsolutfel {r.horizon}", "value": fmt.tkr(r.mae)}
            for r in by_horizon.itertuples()
            if r.horizon == "augusti"
        ],
    }
