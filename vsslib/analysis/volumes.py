"""Case volumes (ärenden) from the reports: the series, simple full-year forecasts, backtests, chat share.

Pure functions of the facts table. The annual methods are deliberately simple and each states its
assumption; with two or three annual points no statistical interval is meaningful, so their spread
is shown as a scenario band instead. Monthly data, where given, is modelled in `analysis.monthly`.
statsmodels is imported inside the functions that use it, never at `import vsslib`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vsslib import formatting as fmt
from vsslib.analysis.records import Band, KeyFigure, VolumesSummary, YearOnYear
from vsslib.facts.annotations import UnitFact
from vsslib.facts.load import LatestPrintings, latest_value, one_printing_per_report

VOLUME_ITEMS = ("ärenden", "ärenden chatt", "rekryteringar", "e-utbildningar", "upphandlingar")
SERIES_TABLES = ("volymer", "indikatorer")  # the volume table speaks first when both print a figure


@dataclass(frozen=True)
class Method:
    """A forecast method's result: its value, or why it was skipped."""

    method: str
    value: float | None
    assumption: str
    skipped: str = ""
    basis: str = ""  # which printed figure it rests on, when the report gives two


def series(facts: pd.DataFrame, unit: str, item: str) -> pd.DataFrame:
    """Every printing of the unit's item: utfall to date and full year, prognos, målvärde, by vintage."""
    rows = facts[
        (facts.unit == unit) & (facts["item"] == item) & facts.table.isin(SERIES_TABLES) & (facts.detail == "")
    ]
    rows = one_printing_per_report(rows, ["measure", "ref_year", "ref_month"])
    return (
        rows[["ref_year", "ref_month", "measure", "vintage", "value", "report_id", "source_line"]]
        .sort_values(["ref_year", "ref_month", "measure", "vintage"])
        .reset_index(drop=True)
    )


def _latest(ser: pd.DataFrame, measure: str, year: int, month: int) -> float | None:
    return latest_value(ser, measure=measure, ref_year=year, ref_month=month)


def open_months(year: int, start: str | None) -> int:
    """Months of the year the unit was open (12, or fewer in the year it started)."""
    if start and int(start[:4]) == year:
        return 13 - int(start[5:])
    return 12


def months_covered(year: int, month: int, start: str | None) -> int:
    """Months from January (or the opening month) to `month`."""
    first = int(start[5:]) if start and int(start[:4]) == year else 1
    return max(month - first + 1, 0)


def is_partial_year(year: int, start: str | None) -> bool:
    """Whether the unit opened during the year (its count is not a full year)."""
    return open_months(year, start) < 12


def default_forecast_year(period: str) -> int:
    """The period's year, or the next year when the period is a year-end."""
    year, month = int(period[:4]), int(period[5:])
    return year + 1 if month == 12 else year


def latest_to_date(ser: pd.DataFrame, year: int) -> tuple[int, float] | None:
    """(month, value) of the latest count to date within the year, before December."""
    rows = ser[(ser.measure == "utfall") & (ser.ref_year == year) & (ser.ref_month < 12)]
    if rows.empty:
        return None
    month = int(rows.ref_month.max())
    value = _latest(ser, "utfall", year, month)
    return None if value is None else (month, value)


def same_months_a_year_earlier(ser: pd.DataFrame, year: int, start: str | None) -> YearOnYear | None:
    """The count to date in `year` against the same months a year earlier, with both printings' sources.

    None without a count to date, or when the earlier year has no count for those months or the unit was not
    open all of them (its first year): then the two periods are not alike.
    """
    now = latest_to_date(ser, year)
    if now is None or is_partial_year(year - 1, start):
        return None
    month, value = now
    printed = LatestPrintings(ser)
    before = printed.get("utfall", year - 1, month)
    if before is None:
        return None
    return {
        "ref_year": year,
        "ref_month": month,
        "value": value,
        "before": before,
        "change": value / before - 1,
        "source": printed.source("utfall", year, month),
        "before_source": printed.source("utfall", year - 1, month),
    }


def year_on_year_sentence(found: YearOnYear, item: str, stated: UnitFact | None = None) -> str:
    """'Januari–augusti 2021: 190 721 ärenden mot 166 760 samma månader 2020, +14,4 % (…); rapporten: ”…”'."""
    span = f"Januari–{fmt.month_name(found['ref_month'], str(found['ref_month']))}"
    (report, line), (before_report, before_line) = found["source"], found["before_source"]
    where = f"{report}, rad {line}" + (
        "" if (before_report, before_line) == (report, line) else f"; {before_report}, rad {before_line}"
    )
    text = (
        f"{span} {found['ref_year']}: {fmt.number(found['value'])} {item} mot {fmt.number(found['before'])} samma "
        f"månader {found['ref_year'] - 1}, {_signed_percent(found['change'])} ({where})."
    )
    if stated is not None and stated.ref_year == found["ref_year"]:
        text += f" Rapporten skriver själv ”{stated.quote}” ({stated.report_id}, rad {stated.line})."
    return text


SEASONAL = ("säsongsandel", "Årets andel hittills är densamma som förra årets andel vid samma månad.")
RUN_RATE = ("takt", "Resten av året har samma genomsnitt per månad som månaderna hittills.")
NO_YEAR_TO_DATE = "inget delårsutfall för året"


def forecasts(ser: pd.DataFrame, year: int, start: str | None, stated: pd.DataFrame | None = None) -> list[Method]:
    """The annual methods for `year`, each with its one-sentence assumption; skipped ones say why.

    `stated`: the unit's amounts stated in the reports' prose (`annotations.load_text_amounts`, already
    limited to the unit, item and the period's reports). When the text gives the count to date over the
    months the unit was open and the table a rounder figure, the run rate uses the text and names both.
    """
    ytd = latest_to_date(ser, year)
    if ytd is None:
        year_to_date = [_method(SEASONAL, None, NO_YEAR_TO_DATE), _method(RUN_RATE, None, NO_YEAR_TO_DATE)]
    else:
        year_to_date = [_seasonal_share(ser, year, start, *ytd), _run_rate(year, start, *ytd, stated=stated)]
    return [*year_to_date, _trend(ser, year, start)]


def _seasonal_share(ser: pd.DataFrame, year: int, start: str | None, month: int, value: float) -> Method:
    before, whole = _latest(ser, "utfall", year - 1, month), _latest(ser, "utfall", year - 1, 12)
    if before is None or not whole or is_partial_year(year - 1, start):
        return _method(
            SEASONAL,
            None,
            f"förra årets utfall till månad {month} eller helår saknas (eller förra året var inte ett helt år)",
        )
    return _method(SEASONAL, value / (before / whole))


def _run_rate(year: int, start: str | None, month: int, value: float, stated: pd.DataFrame | None = None) -> Method:
    first = int(start[5:]) if start and int(start[:4]) == year else 1
    said = (
        stated[(stated.measure == "utfall") & (stated.ref_year == year) & (stated.ref_month == month)]
        if stated is not None and len(stated)
        else None
    )
    if said is not None and len(said) and int(said.from_month.iloc[0]) == first and said.value.iloc[0] != value:
        row = said.iloc[0]
        scale = open_months(year, start) / months_covered(year, month, start)
        method = _method(RUN_RATE, row.value * scale)
        basis = (
            f"{fmt.number(row.value)} för månaderna {first}–{month} enligt texten "
            f"({row.report_id}, rad {row.amount_line}), som anger exakt antal och vilka månader; tabellen trycker "
            f"{fmt.number(value)} (öppen konflikt, inget beslut), och med tabellens värde blir takten "
            f"{fmt.number(round(value * scale, -2))}"
        )
        return Method(method.method, method.value, method.assumption, basis=basis)
    return _method(RUN_RATE, value / months_covered(year, month, start) * open_months(year, start))


def _method(kind: tuple[str, str], value: float | None, skipped: str = "") -> Method:
    return Method(method=kind[0], value=value, assumption=kind[1], skipped=skipped)


def monthly_averages(ser: pd.DataFrame, year: int, start: str | None) -> pd.DataFrame:
    """The trend's points: each full year before `year`, and `year` to date, with its count's report and line.

    Per point: the count, the months it covers (open months only) and the count per open month.
    """
    printed = LatestPrintings(ser)
    points = [
        (int(y), 12) for y in sorted(ser.ref_year.unique()) if y < year and printed.get("utfall", y, 12) is not None
    ]
    if (ytd := latest_to_date(ser, year)) is not None:
        points.append((year, ytd[0]))
    rows = []
    for y, month in points:
        value = float(printed.get("utfall", y, month) or 0)
        months = open_months(y, start) if month == 12 else months_covered(y, month, start)
        report, line = printed.source("utfall", y, month)
        rows.append(
            {"ref_year": y, "ref_month": month, "value": value, "months": months, "per_month": value / months}
            | {"report_id": report, "source_line": line}
        )
    return pd.DataFrame(rows, columns=[*TREND_COLUMNS, "report_id", "source_line"])


TREND_COLUMNS = ["ref_year", "ref_month", "value", "months", "per_month"]
TREND_SOURCES = {"value": ("report_id", "source_line")}
TREND_DERIVED = {"per_month": ["value"]}
"""What a page shows of `monthly_averages`, the trend's points, and their sources (`tables.show`)."""


def _trend(ser: pd.DataFrame, year: int, start: str | None) -> Method:
    name = "trend"
    assumption = (
        "Genomsnittet per öppen månad fortsätter att förändras lika mycket per år som hittills (linjär trend, där "
        "varje år väger med sina öppna månader). "
        "Säsongen kontrolleras inte: helår, första delåret och årets månader hittills jämförs per månad."
    )
    points = monthly_averages(ser, year, start)
    if len(points) < 3:
        counted = "en årspunkt" if len(points) == 1 else f"{len(points)} årspunkter"
        return Method(name, None, assumption, f"{counted}; en trend kräver minst tre")
    import statsmodels.api as sm

    fit = sm.WLS(points.per_month, sm.add_constant(points.ref_year.astype(float)), weights=points.months).fit()
    per_month = float(fit.params.iloc[0] + fit.params.iloc[1] * year)
    return Method(name, per_month * open_months(year, start), assumption)


def methods_table(methods: list[Method]) -> pd.DataFrame:
    """The methods for a page: name, full-year value (rounded to hundreds), assumption, why skipped.

    `estimate_basis` says in words what each estimate is computed from (its cell title on a page).
    """
    return pd.DataFrame(
        [
            {
                "method": m.method,
                "estimate": round(m.value, -2) if m.value is not None else None,
                "assumption": m.assumption,
                "basis": m.basis,
                "skipped": m.skipped,
                "estimate_basis": _estimate_basis(m),
            }
            for m in methods
        ],
        columns=[*METHOD_COLUMNS, "estimate_basis"],
    )


METHOD_COLUMNS = ["method", "estimate", "assumption", "basis", "skipped"]
METHOD_BASIS = {"estimate": "estimate_basis"}
"""What a page shows of `methods_table`, and each estimate's basis in words (`tables.show(explained=…)`)."""


def _estimate_basis(m: Method) -> str:
    """'Skattat med metoden trend, avrundat till hundratal: <assumption> (<basis>)'."""
    basis = f" ({m.basis})" if m.basis else ""
    return f"Skattat med metoden {m.method}, avrundat till hundratal: {m.assumption}{basis}" if m.value else ""


def against_target(ser: pd.DataFrame, start: str | None) -> pd.DataFrame:
    """Per year with a full-year outcome: the count, the months open, the count per open month, the target."""
    printed = LatestPrintings(ser)
    rows = []
    for year in sorted(ser.ref_year.unique()):
        outcome = printed.get("utfall", year, 12)
        if outcome is None:
            continue
        months = open_months(int(year), start)
        report, line = printed.source("utfall", year, 12)
        target_report, target_line = printed.source("målvärde", year, 12)
        rows.append(
            {
                "ref_year": int(year),
                "value": outcome,
                "months": months,
                "per_month": outcome / months,
                "target": printed.get("målvärde", year, 12),
                "report_id": report,
                "source_line": line,
                "target_report": target_report,
                "target_line": target_line,
            }
        )
    return pd.DataFrame(rows, columns=[*TARGET_COLUMNS, "report_id", "source_line", "target_report", "target_line"])


TARGET_COLUMNS = ["ref_year", "value", "months", "per_month", "target"]
TARGET_SOURCES = {"value": ("report_id", "source_line"), "target": ("target_report", "target_line")}
TARGET_DERIVED = {"per_month": ["value"]}
"""What a page shows of `against_target`, its sources and what is computed from them (`tables.show`)."""


def target_sentences(years: pd.DataFrame, item: str) -> list[str]:
    """Per year: the count, the months open and the count per open month, against the target where printed."""
    out = []
    for row in years.itertuples():
        months = "helt år" if row.months == 12 else f"{row.months} öppna månader, startåret"
        text = f"{row.ref_year}: {fmt.number(row.value)} {item} ({months}, {fmt.number(row.per_month)} per öppen månad)"
        if row.target == row.target and row.target is not None:
            text += f" mot målvärdet {fmt.number(row.target)} ({_signed_percent(row.value / row.target - 1)})"
        out.append(text + ".")
    if len(years) > 1 and (years.months != 12).any():
        out.append(
            "Antalet per öppen månad jämför inte samma månader: startåret har bara månaderna efter öppnandet, och "
            "säsongen skiljer sig mellan månaderna."
        )
    return out


def _signed_percent(share: float) -> str:
    return ("+" if share > 0 else "") + fmt.percent(share)


def official_forecast(ser: pd.DataFrame, year: int) -> tuple[float | None, str | None]:
    """The latest printed full-year forecast for the year, and the vintage that printed it."""
    rows = ser[(ser.measure == "prognos") & (ser.ref_year == year)].sort_values("vintage")
    return (None, None) if rows.empty else (float(rows.iloc[-1].value), rows.iloc[-1].vintage)


def band(methods: list[Method]) -> Band | None:
    """The spread of the methods that ran: a scenario band, not a confidence interval; None from fewer than two."""
    values = [m.value for m in methods if m.value is not None]
    return {"low": min(values), "high": max(values), "methods": len(values)} if len(values) >= 2 else None


def backtests(
    facts: pd.DataFrame, unit: str, item: str, period: str, start: str | None, stated: pd.DataFrame | None = None
) -> pd.DataFrame:
    """As of each interim vintage up to `period`: what each method said, the official forecast, the outcome.

    The outcome is the full-year count as known at `period` (no look-ahead past the analysis).
    """
    known_now = series(facts[facts.vintage <= period], unit, item)
    outcomes = LatestPrintings(known_now)
    rows = []
    for vintage in sorted(known_now.vintage.unique()):
        year, month = int(vintage[:4]), int(vintage[5:])
        if month == 12:
            continue
        then = known_now[known_now.vintage <= vintage]
        official, _ = official_forecast(then, year)
        official_source = LatestPrintings(then).source("prognos", year, 12)
        outcome = outcomes.get("utfall", year, 12)
        said = None if stated is None else stated[stated.report_id.isin(set(then.report_id))]
        for m in forecasts(then, year, start, said):
            if m.value is not None:
                rows.append(
                    {
                        "as_of": vintage,
                        "method": m.method,
                        "forecast": m.value,
                        "official": official,
                        "outcome": outcome,
                        "forecast_basis": f"Metoden {m.method} med det som var känt {vintage}: {m.assumption}"
                        + (f" ({m.basis})" if m.basis else ""),
                        "official_report": official_source[0],
                        "official_line": official_source[1],
                        "outcome_report": outcomes.source("utfall", year, 12)[0],
                        "outcome_line": outcomes.source("utfall", year, 12)[1],
                    }
                )
    return pd.DataFrame(rows, columns=BACKTEST_COLUMNS)


BACKTEST_SHOWN = ["as_of", "method", "forecast", "official", "outcome"]
BACKTEST_COLUMNS = [*BACKTEST_SHOWN, "forecast_basis", "official_report", "official_line"]
BACKTEST_COLUMNS += ["outcome_report", "outcome_line"]
BACKTEST_SOURCES = {"official": ("official_report", "official_line"), "outcome": ("outcome_report", "outcome_line")}
BACKTEST_BASIS = {"forecast": "forecast_basis"}
"""What a page shows of `backtests` and its sources (`tables.show`); each forecast's basis is in words."""


def chat_share(facts: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Chat cases as a share of all cases, per period and measure printed for both."""
    cases, chats = series(facts, unit, "ärenden"), series(facts, unit, "ärenden chatt")
    totals = LatestPrintings(cases)
    rows = []
    for chat in chats.drop_duplicates(["measure", "ref_year", "ref_month"], keep="last").itertuples():
        total = totals.get(chat.measure, chat.ref_year, chat.ref_month)
        if total:
            cases_report, cases_line = totals.source(chat.measure, chat.ref_year, chat.ref_month)
            rows.append(
                {
                    "ref_year": chat.ref_year,
                    "ref_month": chat.ref_month,
                    "measure": chat.measure,
                    "chat": chat.value,
                    "cases": total,
                    "chat_share": chat.value / total,
                    "report_id": chat.report_id,
                    "source_line": chat.source_line,
                    "cases_report": cases_report,
                    "cases_line": cases_line,
                }
            )
    return pd.DataFrame(rows, columns=[*CHAT_COLUMNS, "report_id", "source_line", "cases_report", "cases_line"])


CHAT_COLUMNS = ["ref_year", "ref_month", "measure", "chat", "cases", "chat_share"]
CHAT_SOURCES = {"chat": ("report_id", "source_line"), "cases": ("cases_report", "cases_line")}
CHAT_DERIVED = {"chat_share": ["chat", "cases"]}
"""What a page shows of `chat_share`, its sources and what its share is computed from (`tables.show`)."""


def findings(
    year: int,
    methods: list[Method],
    official: float | None,
    rng: Band | None,
    tests: pd.DataFrame,
    shares: pd.DataFrame,
    target: UnitFact | None,
) -> list[str]:
    """Sentences in Swedish, generated from the numbers; a span needs two methods, 'closest' two candidates."""
    out = []
    ran = [m for m in methods if m.value is not None]
    if rng and official is not None:
        out += official_against_methods(year, ran, official, rng)
    elif len(ran) == 1:
        only = ran[0]
        out.append(
            f"För {year} kunde bara metoden {only.method} användas ({fmt.number(round(only.value, -2))} ärenden); "
            "en enda metod ger inget spann."
        )
    elif not ran:
        out.append(f"Underlaget räcker ännu inte för någon metod för {year}.")
    out += _backtest_sentences(tests)
    out += _chat_sentences(shares, target)
    return out


NOT_LIKE_FOR_LIKE = {
    RUN_RATE[0]: "antar att resten av året liknar månaderna hittills, utan säsong",
    "trend": "blandar helår och delår per månad utan säsongsjustering",
}
"""The methods that do not compare the same months of two years, and why (the seasonal share does)."""


def official_against_methods(year: int, ran: list[Method], official: float, rng: Band) -> list[str]:
    """The official forecast against the methods, like for like.

    Only the seasonal share compares the same months of two years; the span of all methods is said, but a
    forecast inside it is not called consistent when only methods that are not seasonally adjusted put it there.
    """
    span = f"{fmt.number(round(rng['low'], -2))}–{fmt.number(round(rng['high'], -2))}"
    out = [
        f"För {year} ger de {rng['methods']} metoderna {span} ärenden (ett scenariospann, inget konfidensintervall)."
    ]
    like = [m for m in ran if m.method == SEASONAL[0]]
    for m in like:
        gap = official - float(m.value or 0)
        out.append(
            f"På samma grund jämförs den officiella prognosen {fmt.number(official)} bara med säsongsandelen, som "
            f"räknar med samma månaders andel av helåret som förra året: {fmt.number(round(m.value or 0, -2))}; "
            f"prognosen ligger {fmt.number(abs(round(gap, -2)))} ({_signed_percent(gap / float(m.value or 1))}) "
            f"{'under' if gap < 0 else 'över'} den. Säsongsandelen bygger på ett enda år, {year - 1}, och har "
            "därför ingen spridning: skillnaden är ett mått, ingen bedömning av prognosen."
        )
    others = [m for m in ran if m.method in NOT_LIKE_FOR_LIKE]
    if others:
        named = "; ".join(
            f"{m.method} ({fmt.number(round(m.value or 0, -2))}) {NOT_LIKE_FOR_LIKE[m.method]}" for m in others
        )
        out.append(f"De andra metoderna jämförs inte med prognosen på samma grund: {named}.")
    inside_all = rng["low"] <= official <= rng["high"]
    like_values = [float(m.value or 0) for m in like]
    inside_like = len(like_values) >= 2 and min(like_values) <= official <= max(like_values)
    if inside_all and not inside_like:
        out.append(
            "Att prognosen ligger inom metodernas spann beror på metoder som inte är säsongsjusterade; det "
            "visar inte att den stämmer med utfallet hittills."
        )
    return out


def _backtest_sentences(tests: pd.DataFrame) -> list[str]:
    out: list[str] = []
    if tests.empty:
        return out
    for as_of, group in tests.dropna(subset=["outcome"]).groupby("as_of"):
        outcome, official_then = group.outcome.iloc[0], group.official.iloc[0]
        candidates = {f"metoden {r.method}": r.forecast for r in group.itertuples()}
        if official_then == official_then and official_then is not None:
            candidates["den officiella prognosen"] = official_then
        listed = ", ".join(f"{name} {fmt.number(round(value, -2))}" for name, value in candidates.items())
        text = f"Per {as_of}: utfallet blev {fmt.number(outcome)}; {listed}"
        if len(candidates) >= 2:
            best = min(candidates, key=lambda name: abs(candidates[name] - outcome))
            text += f"; närmast låg {best}"
        out.append(text + ".")
    return out


def _chat_sentences(shares: pd.DataFrame, target: UnitFact | None) -> list[str]:
    out = []
    actual = shares[shares.measure == "utfall"]
    if len(actual):
        last = actual.iloc[-1]
        span = "helåret" if last.ref_month == 12 else f"januari–{fmt.month_name(int(last.ref_month))}"
        out.append(f"Chattandelen var senast {fmt.percent(last.chat_share)} ({span} {last.ref_year}, utfall).")
    forecast = shares[shares.measure == "prognos"]
    if len(forecast):
        last = forecast.iloc[-1]
        out.append(f"Prognosen för {last.ref_year} motsvarar en chattandel på {fmt.percent(last.chat_share)}.")
    if target is not None and target.ref_year is not None:
        reached = actual[(actual.ref_year == target.ref_year) & (actual.ref_month == 12)]
        text = f"Målet för {target.ref_year} var {fmt.percent(float(target.value), 0)}"
        if len(reached):
            text += f"; utfallet det året blev {fmt.percent(reached.iloc[-1].chat_share)}"
        out.append(text + f" ({target.report_id}, rad {target.line}).")
    return out


def summary(
    period: str,
    unit: str,
    item: str,
    year: int,
    ser: pd.DataFrame,
    methods: list[Method],
    official: float | None,
    rng: Band | None,
    tests: pd.DataFrame,
    shares: pd.DataFrame,
    monthly: dict | None = None,
) -> VolumesSummary:
    """The notebook's JSON summary."""
    key: list[KeyFigure] = [
        {
            "label": f"Officiell prognos {year}",
            "value": f"{fmt.number(official)} {item}" if official is not None else "saknas",
        }
    ]
    # no method's estimate on the index: beside the official forecast without the page's caveats (one year's
    # pattern, methods on other bases) it reads as a verdict on the forecast
    printed = LatestPrintings(ser)
    whole = sorted(int(y) for y in ser.ref_year.unique() if printed.get("utfall", y, 12) is not None)
    if whole:  # the latest full year, against its printed target
        target = printed.get("målvärde", whole[-1], 12)
        against = f" (målvärde {fmt.number(target)})" if target is not None else ""
        outcome = printed.get("utfall", whole[-1], 12)
        key.append({"label": f"Utfall {whole[-1]}", "value": f"{fmt.number(outcome)} {item}{against}"})
    out: VolumesSummary = {
        "period": period,
        "unit": unit,
        "item": item,
        "forecast_year": year,
        "series": ser[["ref_year", "ref_month", "measure", "vintage", "value"]].to_dict("records"),
        "forecasts": [
            {"method": m.method, "value": m.value, "assumption": m.assumption} for m in methods if m.value is not None
        ],
        "skipped": [{"method": m.method, "reason": m.skipped} for m in methods if m.value is None],
        "official_forecast": official,
        "band": rng,
        "backtests": tests.to_dict("records"),
        "chat_share": shares.to_dict("records"),
        "key_figures": key,
    }
    if monthly is not None:
        out["monthly"] = monthly
    return out
