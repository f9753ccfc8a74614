"""A unit's result and what explains it: history, share of the organ, waterfalls, seasonality.

Pure functions of the facts table and the curated drivers (see `vsslib.facts.annotations`). A waterfall
runs from the budget for the period the report's drivers refer to, through each quantified driver,
to the unexplained remainder and the result (or forecast) printed for that period. Where the
report prints only a full-year budget, the budget to date is that budget pro rata (month/12).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from vsslib import formatting as fmt
from vsslib.analysis.claims import years_text
from vsslib.analysis.records import Driver, ImpliedFullYear, KeyFigure, SurplusSummary, ToDate, Waterfall
from vsslib.facts.checks import Contest
from vsslib.facts.load import LatestPrintings, latest_value, one_printing_per_report

RESULT_TABLES = ("drift_utfall", "drift_prognos", "ekonomi")


def _results(facts: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The unit's result rows, one per (vintage, measure, period): the Driftsammandrag speaks first."""
    rows = facts[
        (facts.unit == unit) & (facts["item"] == "resultat") & facts.table.isin(RESULT_TABLES) & (facts.detail == "")
    ]
    return one_printing_per_report(rows, ["measure", "ref_year", "ref_month"])


def history(facts: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Every printing of the unit's result: utfall to April, August, full year; budget; prognos."""
    rows = _results(facts, unit)
    rows = rows[rows.measure.isin(["utfall", "budget", "prognos"])]
    return (
        rows[["ref_year", "ref_month", "measure", "vintage", "value", "report_id", "source_line"]]
        .sort_values(["ref_year", "ref_month", "measure", "vintage"])
        .reset_index(drop=True)
    )


def latest(facts: pd.DataFrame, unit: str, measure: str, year: int, month: int) -> float | None:
    """The last printing of one figure of the unit's result, or None."""
    return latest_value(_results(facts, unit), measure=measure, ref_year=year, ref_month=month)


def _full_year(printed: LatestPrintings, year: int) -> tuple[float | None, str]:
    """The full-year result: the outcome when known, else the latest forecast; with its basis."""
    outcome = printed.get("utfall", year, 12)
    if outcome is not None:
        return outcome, "utfall"
    forecast = printed.get("prognos", year, 12)
    return (forecast, "prognos") if forecast is not None else (None, "")


def share_of_organ(facts: pd.DataFrame, unit: str, organ: str, formed: int | None = None) -> pd.DataFrame:
    """Per year: the unit's full-year result against the organ's, with the basis.

    The basis is 'utfall' or 'prognos'; a year before the organ was `formed` is 'utfall, pro forma': the
    organ's total then is a sum of units that belonged elsewhere, as later reports restated it.
    """
    results = _results(facts, unit)
    unit_printed, organ_printed = LatestPrintings(results), LatestPrintings(_results(facts, organ))
    rows = []
    for year in sorted(results.ref_year.unique()):
        unit_value, basis = _full_year(unit_printed, year)
        organ_value, organ_basis = _full_year(organ_printed, year)
        if unit_value is None or organ_value is None:
            continue
        unit_report, unit_line = unit_printed.source(basis, year, 12)
        organ_report, organ_line = organ_printed.source(organ_basis, year, 12)
        beside = facts[
            (facts.report_id == organ_report)
            & (facts["item"] == "resultat")
            & (facts.ref_year == year)
            & (facts.ref_month == 12)
            & (facts.measure == organ_basis)
            & facts.table.isin(RESULT_TABLES)
            & (facts.unit != organ)
            & (facts.detail == "")
            & ~facts.source_text.str.lstrip().str.startswith(("-", "–", "varav"))  # a unit's sub-line
        ]
        lead = beside[beside.unit.str.contains(MANAGEMENT, case=False) & (beside.unit != unit)]
        basis = "utfall" if basis == organ_basis == "utfall" else "prognos"
        if formed is not None and year < formed:
            basis += ", pro forma"
        rows.append(
            {
                "ref_year": int(year),
                "unit_value": unit_value,
                "organ_value": organ_value,
                "share_of_organ": unit_value / organ_value if organ_value else None,
                "basis": basis,
                "organ_without_unit": organ_value - unit_value,
                "organ_units": int(beside.unit.nunique()),
                "organ_units_basis": f"Verksamheterna med resultat för {year} i {organ_report}, rad "
                f"{int(beside.source_line.min())}–{int(beside.source_line.max())}"
                if len(beside)
                else "",
                "unit_report": unit_report,
                "unit_line": unit_line,
                "organ_report": organ_report,
                "organ_line": organ_line,
                "management_unit": str(lead.unit.iloc[0]) if len(lead) == 1 else "",
                "management_value": float(lead.value.iloc[0]) if len(lead) == 1 else None,
                "management_line": int(lead.source_line.iloc[0]) if len(lead) == 1 else None,
            }
        )
    return pd.DataFrame(rows, columns=SHARE_COLUMNS)


MANAGEMENT = "ledning"
"""The organ's management unit ('VSS ledning och stab'), whose result the organ's shared costs may sit in: a
remainder without the unit is said with and without it."""


SHARE_SHOWN = ["ref_year", "unit_value", "organ_value", "organ_units", "organ_without_unit", "share_of_organ", "basis"]
SHARE_COLUMNS = [*SHARE_SHOWN, "organ_units_basis", "unit_report", "unit_line", "organ_report", "organ_line"]
SHARE_COLUMNS += ["management_unit", "management_value", "management_line"]
SHARE_BASIS = {"organ_units": "organ_units_basis"}
SHARE_SOURCES = {"unit_value": ("unit_report", "unit_line"), "organ_value": ("organ_report", "organ_line")}
SHARE_DERIVED = {"share_of_organ": ["unit_value", "organ_value"], "organ_without_unit": ["organ_value", "unit_value"]}
"""What a page shows of `share_of_organ`, its sources and what its share is computed from (`tables.show`)."""


def budget_for(facts: pd.DataFrame, unit: str, year: int, month: int, as_of: str) -> tuple[float | None, bool]:
    """The budget for January..month of year as known at as_of; (value, pro_rata).

    A budget printed for the period itself wins; otherwise the full-year budget × month / 12.
    """
    return _budget_for(_results(facts, unit), year, month, as_of)


def _budget_for(results: pd.DataFrame, year: int, month: int, as_of: str) -> tuple[float | None, bool]:
    known = LatestPrintings(results[results.vintage <= as_of])
    direct = known.get("budget", year, month)
    if direct is not None:
        return direct, False
    annual = known.get("budget", year, 12)
    return (None, False) if annual is None else (annual * month / 12, month != 12)


def waterfalls(facts: pd.DataFrame, drivers: pd.DataFrame, unit: str, since_year: int | None = None) -> list[Waterfall]:
    """One waterfall per report: budget → quantified drivers → remainder → result, for the drivers' period.

    A report without quantified drivers gets a waterfall for its own period with the whole
    deviation as remainder, so that no year is silently left out. `since_year`: only the reports
    filed that year or later (a page's window; the workbook has them all).
    """
    out: list[Waterfall] = []
    mine = drivers[drivers.unit == unit]
    results = _results(facts, unit)
    vintages = facts[facts.unit == unit].drop_duplicates("report_id").set_index("report_id").vintage
    for report in sorted(vintages.index):
        vintage = vintages[report]
        if since_year is not None and int(vintage[:4]) < since_year:
            continue
        quantified = mine[(mine.report_id == report) & mine.amount_tkr.notna()]
        printed = LatestPrintings(results[results.report_id == report])
        year, month = _waterfall_period(printed, vintage, quantified)
        if year is None:
            continue
        measure = "utfall" if (year, month) <= (int(vintage[:4]), int(vintage[5:])) else "prognos"
        result = printed.get(measure, year, month)
        budget, pro_rata = _budget_for(results, year, month, vintage)
        if result is None or budget is None:
            continue
        steps: list[Driver] = [
            {
                "category": str(r.category),
                "amount": float(r.amount_tkr),
                "place": printed_place(str(r.quote), float(r.amount_tkr)),
                "at_least": "minst" in str(r.quote).lower(),
                "line": int(r.amount_line),
            }
            for r in quantified[(quantified.ref_year == year) & (quantified.ref_month == month)].itertuples()
        ]
        remainder = result - budget - sum(s["amount"] for s in steps)
        in_text = mine[(mine.report_id == report) & mine.amount_tkr.isna()]
        out.append(
            {
                "report_id": report,
                "vintage": vintage,
                "ref_year": int(year),
                "ref_month": int(month),
                "measure": measure,
                "budget": budget,
                "budget_pro_rata": pro_rata,
                "drivers": steps,
                "remainder": remainder,
                "in_text": sorted(
                    set(in_text.category) - {s["category"] for s in steps}
                ),  # named with an amount: not again
                "result": result,
            }
        )
    return out


WATERFALL_CHARTS = 5
"""A page draws the waterfalls of this many latest reports; with a longer history every report is in
`waterfall_table`, so a page does not grow with the number of reports."""


def waterfall_table(falls: list[Waterfall]) -> pd.DataFrame:
    """Every waterfall as one row: report, period, budget and its basis, each driver, the remainder, the result.

    Amounts in whole tkr, as the reports print them; a budget taken pro rata (the report prints none for the
    months) says so, as the remainder rests on it.
    """
    rows = [
        {
            "report_id": f["report_id"],
            "fall_period": f"{f['ref_year']}-{f['ref_month']:02d}" + (" (prognos)" * (f["measure"] == "prognos")),
            "budget": round(f["budget"]),
            "budget_basis": f"helårsbudgeten × {f['ref_month']}/12 (antagen)" if f["budget_pro_rata"] else "tryckt",
            "driver_list": "; ".join(
                f"{d['category']} {'minst ' if d['at_least'] else ''}{fmt.tkr(d['amount'])} (rad {d['line']})"
                for d in f["drivers"]
            ),
            "drivers": sum(d["amount"] for d in f["drivers"]),
            "remainder": round(f["remainder"]),
            "causes_in_text": ", ".join(f["in_text"]),
            "result": f["result"],
        }
        for f in falls
    ]
    return pd.DataFrame(rows, columns=WATERFALL_COLUMNS)


WATERFALL_COLUMNS = ["report_id", "fall_period", "budget", "budget_basis", "driver_list", "drivers", "remainder"]
WATERFALL_COLUMNS += ["causes_in_text", "result"]


def _waterfall_period(printed: LatestPrintings, vintage: str, quantified: pd.DataFrame) -> tuple:
    """The period of a report's waterfall: its quantified drivers', else its own when it prints a result."""
    if len(quantified):
        first = quantified.iloc[0]
        return int(first.ref_year), int(first.ref_month)
    year, month = int(vintage[:4]), int(vintage[5:])
    if printed.get("utfall", year, month) is None:
        return None, None
    return year, month


def to_date_against_budget(facts: pd.DataFrame, unit: str, period: str) -> ToDate | None:
    """The result to date at an interim period against the budget for the same months (printed or pro rata)."""
    year, month = int(period[:4]), int(period[5:])
    if month == 12:
        return None
    result = latest(facts, unit, "utfall", year, month)
    budget, pro_rata = budget_for(facts, unit, year, month, period)
    if result is None or budget is None:
        return None
    return {"ref_year": year, "ref_month": month, "result": result, "budget": budget, "pro_rata": pro_rata}


def to_date_sentence(unit: str, known: ToDate) -> str:
    """The result to date against the budget for the period, in Swedish, with the deviation."""
    month = fmt.month_name(known["ref_month"], str(known["ref_month"]))
    basis = " (helårsbudgeten pro rata, antagen)" if known["pro_rata"] else " (tryckt för perioden)"
    return (
        f"{unit} till och med {month} {known['ref_year']}: resultat {fmt.tkr(known['result'])} mot budgeten för "
        f"perioden {fmt.tkr(known['budget'])}{basis}, en avvikelse på "
        f"{fmt.signed_tkr(known['result'] - known['budget'])}."
    )


def seasonality(facts: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Share of the full-year outcome earned by April and by August, for years with a known outcome."""
    results = _results(facts, unit)
    printed = LatestPrintings(results)
    rows = []
    for year in sorted(results.ref_year.unique()):
        total = printed.get("utfall", year, 12)
        if not total:
            continue
        april, august = printed.get("utfall", year, 4), printed.get("utfall", year, 8)
        sources = {
            f"{name}_{part}": value
            for name, month in (("april", 4), ("august", 8), ("full", 12))
            for part, value in zip(("report", "line"), printed.source("utfall", year, month), strict=True)
        }
        rows.append(
            {
                "ref_year": int(year),
                "share_apr": None if april is None else april / total,
                "share_aug": None if august is None else august / total,
                "full_year": total,
                "april": april,
                "august": august,
                **sources,
            }
        )
    return pd.DataFrame(rows, columns=SEASON_COLUMNS)


SEASON_SHOWN = ["ref_year", "share_apr", "share_aug", "full_year"]
SEASON_COLUMNS = [*SEASON_SHOWN, "april", "august"]
SEASON_COLUMNS += [f"{name}_{part}" for name in ("april", "august", "full") for part in ("report", "line")]
SEASON_SOURCES = {
    "april": ("april_report", "april_line"),
    "august": ("august_report", "august_line"),
    "full_year": ("full_report", "full_line"),
}
SEASON_DERIVED = {"share_apr": ["april", "full_year"], "share_aug": ["august", "full_year"]}
"""`seasonality`'s sources and what its shares are computed from, for a page (`tables.show`)."""


def implied_full_year(facts: pd.DataFrame, unit: str, period: str, formed: int | None = None) -> ImpliedFullYear | None:
    """The full-year result the year-to-date result implies, from each earlier complete year's seasonal share.

    Only complete years of the same organisation count (years from `formed` on). The answer keeps every
    year's estimate, so the page shows their range; with fewer than two years `estimates` is empty and
    `reason` says why no estimate is shown. None when the period is a full year or has no result to date.
    """
    year, month = int(period[:4]), int(period[5:])
    column = {4: "share_apr", 8: "share_aug"}.get(month)
    to_date = latest(facts, unit, "utfall", year, month)
    if column is None or to_date is None:
        return None
    shares = seasonality(facts[facts.ref_year < year], unit).dropna(subset=[column])
    if formed is not None:
        shares = shares[shares.ref_year >= formed]
    years = [int(y) for y in shares.ref_year]
    answer: ImpliedFullYear = {
        "ref_year": year,
        "ref_month": month,
        "to_date": to_date,
        "years": years,
        "shares": [float(v) for v in shares[column]],
        "estimates": [],
        "official": latest(facts, unit, "prognos", year, 12),
        "reason": "",
    }
    if len(years) < 2:
        since = f" sedan förvaltningen bildades {formed}" if formed else ""
        answer["reason"] = (
            f"Ingen säsongsskattning visas: det finns {'bara ett' if years else 'inget'} helt år{since}"
            f"{f' ({years[0]})' if years else ''}, så spridningen kan inte anges."
        )
        return answer
    answer["estimates"] = [to_date / share for share in answer["shares"]]
    return answer


def implied_sentence(implied: dict) -> str:
    """The seasonal full-year estimates' range beside the official forecast, in Swedish, with its basis."""
    official = fmt.tkr(implied["official"]) if implied["official"] is not None else "saknas"
    if not implied["estimates"]:
        return f"{implied['reason']} Den officiella prognosen är {official}."
    low, high = min(implied["estimates"]), max(implied["estimates"])
    shares = f"{fmt.percent(min(implied['shares']))}–{fmt.percent(max(implied['shares']))}"
    return (
        f"Med säsongsandelarna för {years_text(implied['years'])} ({shares} av helåret) motsvarar resultatet "
        f"hittills ({fmt.tkr(implied['to_date'])}) ett helår på {fmt.number(round(low, -2))}–"
        f"{fmt.tkr(round(high, -2))} (n = {len(implied['years'])} år); den officiella prognosen är {official}. "
        f"Spannet visar bara hur olika {'de två åren' if len(implied['years']) == 2 else 'åren'} var, inget "
        "osäkerhetsintervall: en prognos utanför det är inte därför fel, till exempel när rapporten väntar sig "
        "poster under resten av året som inget tidigare år hade."
    )


def investments_vs_frame(facts: pd.DataFrame, unit: str, stated: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per year: the unit's net investments (outcome, else latest forecast) against the frame (budget).

    Each amount is the sum of the unit's rows in the report's investment table, and says which rows. A frame
    printed in a report whose text gives the original frame of the whole (`stated`, as `forecasts.pair` reads
    it) is the raised frame; without an original of the unit's own it is not compared (`frame` empty).
    """
    inv = facts[
        (facts.unit == unit)
        & (facts["item"] == "investeringar netto")
        & (facts.table == "investeringar")
        & (facts.ref_month == 12)
    ]
    frames = pd.DataFrame() if stated is None else stated
    if len(frames):
        frames = frames[(frames["item"] == "investeringar netto") & (frames.measure == "budget")]
    own = (
        set(zip(frames[frames.unit == unit].report_id, frames[frames.unit == unit].ref_year, strict=True))
        if len(frames)
        else set()
    )
    raised = {  # (report, year) → the first frame the text states for another unit (the whole), not for ours
        (str(r.report_id), int(r.ref_year)): r
        for r in frames.itertuples()
        if r.unit != unit and (r.report_id, r.ref_year) not in own
    }
    rows = []
    for year, group in inv.groupby("ref_year"):
        outcome, forecast = _investment_total(group, "utfall"), _investment_total(group, "prognos")
        value, _, value_basis = outcome if outcome[0] is not None else forecast
        if value is None:
            continue
        frame, frame_report, frame_basis = _investment_total(group, "budget")
        if frame is not None and (told := raised.get((frame_report, int(year)))) is not None:
            frame_basis = (
                f"{RAISED_FRAME_NOTE}: texten anger ramen från början bara för {told.unit} "
                f"({fmt.tkr(float(told.value))}, {told.report_id}, rad {told.amount_line}), inte för raderna "
                f"({frame_basis})"
            )
            frame = None
        rows.append(
            {
                "ref_year": int(year),
                "value": value,
                "basis": "utfall" if outcome[0] is not None else "prognos",
                "frame": frame,
                "value_basis": value_basis,
                "frame_basis": frame_basis,
            }
        )
    return pd.DataFrame(rows, columns=INVESTMENT_COLUMNS + ["value_basis", "frame_basis"])


RAISED_FRAME_NOTE = "ramen efter en utökning under året, jämförs inte"
INVESTMENT_COLUMNS = ["ref_year", "value", "basis", "frame"]
INVESTMENT_BASIS = {"value": "value_basis", "frame": "frame_basis"}
"""What a page shows of `investments_vs_frame`, and each amount's rows in words (`tables.show(explained=…)`)."""


def _investment_total(group: pd.DataFrame, measure: str) -> tuple[float | None, str, str]:
    """The latest report's sum of the unit's rows for `measure`: (sum, report, 'vss-2019-08, rad 254 (…) + …')."""
    chosen = group[group.measure == measure]
    chosen = chosen[chosen.vintage == chosen.vintage.max()]
    chosen = chosen.drop_duplicates(["detail", "measure", "ref_year", "ref_month", "value"])
    if chosen.empty:
        return None, "", ""
    report = str(chosen.report_id.iloc[0])
    parts = " + ".join(
        f"{fmt.lines(int(r.source_line), r.source_text)} ({r.detail or r.unit} {fmt.number(float(r.value))})"
        for r in chosen.itertuples()
    )
    return float(chosen.value.sum()), report, f"Summa av raderna i {report}: {parts}"


def driver_amounts(drivers: pd.DataFrame, cite: Callable[[str, int], str]) -> str:
    """'Drivkrafternas belopp: vss-2019-04 pris 2 000 tkr (vss-2019-04, rad 154); …', each line cited (`cite`)."""
    quantified = drivers[drivers.amount_tkr.notna()]
    listed = "; ".join(
        f"{r.report_id} {r.category} {'minst ' if 'minst' in str(r.quote).lower() else ''}"
        f"{fmt.tkr(float(r.amount_tkr))} ({cite(str(r.report_id), int(r.amount_line))})"
        for r in quantified.itertuples()
    )
    return f"Drivkrafternas belopp i diagrammen, som rapporterna anger dem: {listed}." if listed else ""


def _composition_sentences(shares: pd.DataFrame, organ: str) -> list[str]:
    """A warning when the organ's total holds another number of units from year to year (no like for like)."""
    counts = dict(zip(shares.ref_year, shares.organ_units, strict=True)) if "organ_units" in shares else {}
    if len(set(counts.values())) <= 1:
        return []
    listed = ", ".join(f"{year}: {count}" for year, count in counts.items())
    return [
        f"{fmt.genitive(organ)} resultat omfattar olika många verksamheter olika år ({listed}, enligt "
        "driftsammandraget): andelarna av det jämförs därför inte med varandra över åren."
    ]


def _also_in_text(fall: Waterfall) -> str:
    """'; rapporten nämner också personal och volym utan belopp' for the causes a report names without amounts."""
    named = fall["in_text"]  # without the causes that have amounts (`waterfalls`)
    listed = " och ".join([", ".join(named[:-1]), named[-1]] if len(named) > 2 else named)
    return f"; rapporten nämner också {listed} utan belopp" if named else ""


def printed_place(quote: str, amount_tkr: float) -> float:
    """The place of an amount's last printed digit, in tkr, as its quote prints it.

    'cirka 7,4 miljoner' or '7,0 mnkr': 100; 'cirka 2 000 tkr': 1 000 (a round figure's zeros are not digits).
    """
    for number, decimals in re.findall(r"(\d+)(?:,(\d+))?\s*(?:miljoner|mnkr|mkr)", quote):
        if abs(float(f"{number}.{decimals or 0}") * 1000 - abs(amount_tkr)) < 1:
            return 1000 / 10 ** len(decimals)
    amount, place = abs(round(amount_tkr)), 1
    while amount and amount % (place * 10) == 0:
        place *= 10
    return float(place)


def rounding(drivers: list[Driver]) -> float:
    """How far the drivers' sum can be off by the rounding of their printed amounts: half of each one's place."""
    return sum(driver["place"] / 2 for driver in drivers)


def _what_deviates(fall: Waterfall) -> str:
    """'resultatet januari–augusti 2019 och budgeten för perioden (helårsbudgeten × 8/12)'."""
    kind = "resultatet" if fall["measure"] == "utfall" else "prognosen"
    if fall["ref_month"] != 12:
        kind += f" januari–{fmt.month_name(fall['ref_month'], '?')} {fall['ref_year']}"
    if fall["budget_pro_rata"]:
        return kind + f" och budgeten för perioden (helårsbudgeten × {fall['ref_month']}/12)"
    return kind + " och budgeten"


PRO_RATA_CAVEAT = (
    " Budgeten för perioden är antagen: rapporten trycker ingen, och helårsbudgeten fördelas här jämnt över "
    "året. Fördelas den på annat sätt (en ersättning som betalas vid ett visst tillfälle, till exempel) flyttas "
    "resten lika mycket, utöver avrundningen."
)


def _fall_sentence(fall: Waterfall) -> str:
    """What a report's deviation from budget is explained by, judged against the rounding of its amounts."""
    explained = sum(d["amount"] for d in fall["drivers"])
    deviation = fall["result"] - fall["budget"]
    kind, slack = _what_deviates(fall), rounding(fall["drivers"])
    if not round(deviation):
        return ""
    caveat = PRO_RATA_CAVEAT if fall["budget_pro_rata"] else ""
    if fall["drivers"] and abs(fall["remainder"]) <= slack:
        reach = (
            "når avvikelsen (ett av dem är ett minsta belopp, ”minst”)"
            if any(d["at_least"] for d in fall["drivers"])
            else "täcker avvikelsen"
        )
        judged = (
            "; mot en antagen periodbudget visar det inte att beloppen förklarar hela avvikelsen"
            if caveat
            else f": beloppen {reach}"
        )
        if any(d["at_least"] for d in fall["drivers"]):
            judged += " (ett belopp är ett minsta belopp, så resten kan vara mer negativ än så)"
        return (
            f"{fall['report_id']}: rapporten anger belopp för {fmt.tkr(explained)} av avvikelsen "
            f"{fmt.tkr(deviation)} mellan {kind}; det som återstår, {fmt.tkr(fall['remainder'])}, "
            f"ligger inom avrundningen av de tryckta beloppen (±{fmt.tkr(slack)}){judged}{_also_in_text(fall)}."
            f"{caveat}"
        )
    if fall["drivers"]:
        return (
            f"{fall['report_id']}: rapporten anger belopp för {fmt.tkr(explained)} av avvikelsen "
            f"{fmt.tkr(deviation)} mellan {kind}; {fmt.tkr(fall['remainder'])} förklaras inte med belopp (mer än "
            f"avrundningen av de tryckta beloppen, ±{fmt.tkr(slack)}){_also_in_text(fall)}.{caveat}"
        )
    if fall["in_text"]:
        return (
            f"{fall['report_id']}: avvikelsen {fmt.tkr(deviation)} mellan {kind} förklaras i text, "
            f"utan belopp ({', '.join(fall['in_text'])})."
        )
    return f"{fall['report_id']}: avvikelsen {fmt.tkr(deviation)} mellan {kind} förklaras inte."


def _management_part(row) -> str:
    """', varav VSS ledning och stab −2 200 tkr (vss-2021-08, rad 165); utan den +1 085 tkr' where printed."""
    value = row.management_value
    if not row.management_unit or value is None or value != value or not round(value):
        return ""
    rest = row.organ_without_unit - row.management_value
    return (
        f", varav {row.management_unit} {fmt.tkr(row.management_value)} ({row.organ_report}, rad "
        f"{int(row.management_line)}) och de andra {fmt.signed_tkr(rest)}"
    )


def findings(
    unit: str,
    organ: str,
    shares: pd.DataFrame,
    falls: list[dict],
    implied: dict | None,
) -> list[str]:
    """Sentences in Swedish, generated from the numbers: each says whether it rests on outcome or forecast."""
    out = _composition_sentences(shares, organ)
    for row in shares.itertuples():
        tense = "stod" if str(row.basis).startswith("utfall") else "står enligt prognosen"
        if row.share_of_organ is not None and row.organ_value > 0 and row.unit_value > row.organ_value:
            out.append(
                f"{row.ref_year} {tense} {unit} för mer än hela {fmt.genitive(organ)} resultat "
                f"({fmt.tkr(row.unit_value)} av {fmt.tkr(row.organ_value)}, {row.basis}): de övriga "
                f"verksamheterna {'hade' if tense == 'stod' else 'har'} tillsammans {fmt.tkr(row.organ_without_unit)}"
                f"{_management_part(row)}, så en andel över 100 % säger inte hur stor verksamhetens del är."
            )
        elif row.share_of_organ is not None and row.organ_value > 0:
            out.append(
                f"{row.ref_year} {tense} {unit} för {fmt.percent(row.share_of_organ)} av {fmt.genitive(organ)} "
                f"resultat ({fmt.tkr(row.unit_value)} av {fmt.tkr(row.organ_value)}, {row.basis})."
            )
    out += [sentence for fall in falls if (sentence := _fall_sentence(fall))]
    if implied:
        out.append(implied_sentence(implied))
    return out


def summary(
    period: str,
    unit: str,
    hist: pd.DataFrame,
    shares: pd.DataFrame,
    falls: list[Waterfall],
    season: pd.DataFrame,
    contested: dict[tuple[str, int, float], list[Contest]] | None = None,
) -> SurplusSummary:
    """The notebook's JSON summary; a key figure in an open conflict (`contested`) says so, as its page does."""
    key: list[KeyFigure] = []
    if len(shares):
        last = shares.iloc[-1]
        when = f"{int(last.ref_year)} ({last.basis})"  # amounts, not a share: a share of a net total can pass 100 %
        others = (contested or {}).get((str(last.unit_report), int(last.unit_line), float(last.unit_value)), [])
        disputed = "".join(f" (≠ {c.where} trycker {fmt.tkr(c.value)})" for c in others)
        key.append({"label": f"{fmt.genitive(unit)} resultat {when}", "value": fmt.tkr(last.unit_value) + disputed})
        key.append({"label": f"Förvaltningens resultat {when}", "value": fmt.tkr(last.organ_value)})
    if falls:
        last_fall = falls[-1]
        unexplained = (
            "Del av avvikelsen mot budget utan belopp i rapporten (orsakerna nämns i texten)"
            if last_fall["in_text"]
            else "Del av avvikelsen mot budget som rapporten inte förklarar"
        )
        months = "" if last_fall["ref_month"] == 12 else f"januari–{fmt.month_name(last_fall['ref_month'])} "
        basis = f"{months}{last_fall['ref_year']} ({last_fall['measure']})"
        assumed = (
            " mot antagen periodbudget (visar inte att resten är förklarad)" if last_fall["budget_pro_rata"] else ""
        )
        label = f"{unexplained} {basis}{assumed} enligt {last_fall['report_id']}"
        key.append({"label": label, "value": fmt.tkr(last_fall["remainder"])})
    return {
        "period": period,
        "unit": unit,
        "history": hist[["ref_year", "ref_month", "measure", "vintage", "value"]].to_dict("records"),
        "share_of_organ": shares.to_dict("records"),
        "waterfalls": [
            {k: f[k] for k in ("report_id", "ref_year", "ref_month", "budget", "drivers", "remainder", "result")}
            for f in falls
        ],
        "seasonality": season[["ref_year", "share_apr", "share_aug"]].to_dict("records"),
        "key_figures": key,
    }
