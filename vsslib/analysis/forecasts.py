"""Forecast accuracy ('prognossäkerhet'): full-year forecasts paired with their outcomes.

Pure functions of the facts table. A forecast is a full-year `prognos` from an interim report
(horizon 'april' or 'augusti' by the report's month) or the year's `budget` (horizon 'budget', the
first printing of the budget: what was planned before the year). Its outcome is the `utfall` for
the full year, as last printed at or before the analysis period. Error = forecast − outcome.
"""

from __future__ import annotations

import pandas as pd

from vsslib import formatting as fmt
from vsslib.analysis.claims import Basis, Figure, compare, tally, years_text
from vsslib.analysis.records import ForecastSummary, KeyFigure
from vsslib.collation import swedish_column
from vsslib.facts.checks import Contest
from vsslib.facts.load import one_printing_per_report

ITEMS = (  # every forecast item the reports print for a full year: none falls out of the page's tables
    "resultat",
    "intäkter",
    "kostnader",
    "investeringar netto",
    "investeringar utgifter",
    "investeringar inkomster",
    "ärenden",
    "ärenden chatt",
    "rekryteringar",
    "e-utbildningar",
    "upphandlingar",
)
HORIZONS = ("budget", "april", "augusti")
FRAME_NOTE = "ram: ett tak, ingen prognos"
ORIGINAL_FRAME = "ramen från början enligt texten"
BUDGET_IS_NO_FORECAST = (
    "Budgeten är ingen prognos av utfallet utan ett beslutat mål, för verksamheterna oftast ett nollresultat: "
    "budgetens fel är resultatets avvikelse från budgeten, inget mått på hur väl utfallet förutsågs."
)
KEY = ["unit", "item", "detail", "ref_year"]
MONTH_HORIZON = {4: "april", 8: "augusti"}
HORIZON_NAMES = {
    "budget": "budgeten",
    "april": "aprilprognosen",
    "augusti": "augustiprognosen",
    "senaste": "den senaste prognosen",
}


def _sub_total(detail: pd.Series) -> pd.Series:
    return detail.str.lower().str.startswith(("varav", "summa"))


def forecasts(facts: pd.DataFrame, stated: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every full-year forecast: one row per (unit, item, detail, year, horizon).

    `stated`: amounts the reports state in prose (`annotations.load_text_amounts`), used only for reports in
    `facts`. A budget the text gives as the original frame is the budget's first printing (the table's
    revised frame goes to `note`); a forecast stated in prose only fills a horizon the tables leave empty (a
    text that contradicts its table is a finding of the checks, not a correction), and one stated in a
    year-end report is the horizon 'senaste'.
    """
    base = facts[facts["item"].isin(ITEMS) & (facts.ref_month == 12) & ~_sub_total(facts.detail)]
    interim = base.vintage.str[5:].astype(int).isin(MONTH_HORIZON)
    prognos = one_printing_per_report(base[(base.measure == "prognos") & interim], KEY)
    prognos = prognos.assign(horizon=prognos.vintage.str[5:].astype(int).map(MONTH_HORIZON))
    prognos = prognos[prognos.ref_year == prognos.vintage.str[:4].astype(int)]
    budget = one_printing_per_report(base[base.measure == "budget"], KEY).drop_duplicates(KEY, keep="first")
    budget = budget.assign(horizon="budget", note="")
    said = _stated(facts, stated)
    if len(said):
        text = said[said.horizon == "budget"][[*KEY, "forecast", "report_id", "source_line"]]
        revised = budget.merge(text, on=KEY, how="left", suffixes=("", "_text"))
        from_text = revised.forecast.notna().to_numpy()
        budget = budget.assign(
            note=[
                f"{ORIGINAL_FRAME}; tabellen trycker {fmt.number(v)} efter utökningen" if f == f else ""
                for v, f in zip(revised.value, revised.forecast, strict=True)
            ],
            value=revised.forecast.fillna(revised.value).to_numpy(),
            # a frame taken from the text is cited where the text says it, not at the table's line
            report_id=revised.report_id_text.where(from_text, revised.report_id).to_numpy(),
            source_line=revised.source_line_text.where(from_text, revised.source_line).astype(int).to_numpy(),
        )
    frames = budget["item"].str.startswith("investeringar")
    budget = budget.assign(
        note=[
            f"{FRAME_NOTE}; {n}" if f and n else FRAME_NOTE if f else n
            for f, n in zip(frames, budget.note, strict=True)
        ]
    )
    out = pd.concat([budget, prognos.assign(note="")]).rename(
        columns={"value": "forecast", "vintage": "forecast_vintage"}
    )
    out = out.drop_duplicates(KEY + ["horizon"], keep="last")  # the later of two interim printings
    out = pd.concat([out, said[said.horizon != "budget"]]).drop_duplicates(KEY + ["horizon"], keep="first")
    return out[
        KEY + ["horizon", "forecast_vintage", "forecast", "uom", "report_id", "source_line", "note"]
    ].reset_index(drop=True)


def _stated(facts: pd.DataFrame, stated: pd.DataFrame | None) -> pd.DataFrame:
    """The stated full-year budgets and forecasts of reports in `facts`, as forecast rows."""
    columns = KEY + ["horizon", "forecast_vintage", "forecast", "uom", "report_id", "source_line", "note"]
    if stated is None or stated.empty:
        return pd.DataFrame(columns=columns)
    vintages = facts.drop_duplicates("report_id").set_index("report_id").vintage
    rows = stated[
        stated.report_id.isin(vintages.index) & stated.measure.isin(["budget", "prognos"]) & (stated.ref_month == 12)
    ]
    rows = rows.assign(
        forecast_vintage=rows.report_id.map(vintages),
        horizon=[
            "budget" if m == "budget" else MONTH_HORIZON.get(int(v[5:]), "senaste")
            for m, v in zip(rows.measure, rows.report_id.map(vintages), strict=True)
        ],
        forecast=rows.value,
        source_line=rows.amount_line,  # the line that prints the amount, not where its sentence starts
        note=[
            f"i texten ({report}, rad {line})" + ("; när prognosen gjordes anges inte" if v.endswith("-12") else "")
            for report, line, v in zip(rows.report_id, rows.amount_line, rows.report_id.map(vintages), strict=True)
        ],
    )
    return rows[columns]


def outcomes(facts: pd.DataFrame) -> pd.DataFrame:
    """The full-year outcome of each (unit, item, detail, year), as last printed."""
    base = facts[facts["item"].isin(ITEMS) & (facts.measure == "utfall") & (facts.ref_month == 12)]
    latest = one_printing_per_report(base, KEY).sort_values(["vintage", "report_id"]).drop_duplicates(KEY, keep="last")
    renamed = {
        "value": "outcome",
        "vintage": "outcome_vintage",
        "report_id": "outcome_report",
        "source_line": "outcome_line",
    }
    return latest.rename(columns=renamed)[KEY + list(renamed.values())].reset_index(drop=True)


def pair(facts: pd.DataFrame, stated: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(pairs with outcome and error, pending forecasts without a known outcome), sorted.

    A pending forecast says why it has no outcome: 'utfall ännu inte publicerat' while no report of the
    year's end or later is in the facts, 'utfall saknas i rapporterna' once one is and did not print it.
    """
    both = forecasts(facts, stated).merge(outcomes(facts), on=KEY, how="left")
    order = {h: i for i, h in enumerate((*HORIZONS, "senaste"))}
    both = both.assign(_h=both.horizon.map(order)).sort_values(
        ["item", "unit", "detail", "ref_year", "_h"], key=swedish_column
    )
    both = both.drop(columns="_h")
    raised = _raised_frames(both)
    known = both[both.outcome.notna() & ~raised].assign(error=lambda d: d.forecast - d.outcome)
    pending = both[both.outcome.isna() | raised]
    last_vintage = facts.vintage.max() if len(facts) else ""
    pending = pending.assign(
        status=[
            RAISED_FRAME
            if r
            else "utfall saknas i rapporterna"
            if last_vintage >= f"{year}-12"
            else "utfall ännu inte publicerat"
            for year, r in zip(pending.ref_year, raised[pending.index], strict=True)
        ]
    ).drop(columns=["outcome", "outcome_vintage", "outcome_report", "outcome_line"])
    return known.reset_index(drop=True), pending.reset_index(drop=True)


RAISED_FRAME = "ramen efter utökningen: rapporten anger ingen ram före året för raden"


def _raised_frames(both: pd.DataFrame) -> pd.Series:
    """Budgets printed after a raise the report's text states for another row (its original frame in `note`).

    Such a table prints every row's frame as raised; a row whose own first frame is not stated has no budget
    from before the year, so it is not judged beside one that has (like for like).
    """
    budgets = both[both.horizon == "budget"]
    stated = budgets[budgets.note.str.contains(ORIGINAL_FRAME)]
    raised_in = set(zip(stated.report_id, stated["item"], stated.ref_year, strict=True))
    return (
        (both.horizon == "budget")
        & ~both.note.str.contains(ORIGINAL_FRAME)
        & pd.Series(
            [(r, i, y) in raised_in for r, i, y in zip(both.report_id, both["item"], both.ref_year, strict=True)],
            index=both.index,
        )
    )


def _unit_results(pairs: pd.DataFrame, organ: str, item: str) -> pd.DataFrame:
    return pairs[(pairs["item"] == item) & (pairs.unit != organ) & (pairs.detail == "")]


def _accuracy(units: pd.DataFrame, horizons: list[str]) -> pd.DataFrame:
    """Per horizon: n, years, mean absolute error, mean error, and what each mean is the mean of (in words)."""
    rows = []
    for horizon in horizons:
        chosen = units[units.horizon == horizon]
        if len(chosen):
            n = int(len(chosen))
            which = ", ".join(f"{u} {y}" for u, y in zip(chosen.unit, chosen.ref_year, strict=True))
            of = f"de {n} prognosfelen ({horizon}: {which}) i tabellen Prognoser och utfall, prognos − utfall"
            rows.append(
                {
                    "horizon": horizon,
                    "n": n,
                    "years": years_text([int(y) for y in chosen.ref_year]),
                    "mae": float(chosen.error.abs().mean()),
                    "bias": float(chosen.error.mean()),
                    "mae_basis": f"Medelvärdet av beloppen av {of}",
                    "bias_basis": f"Medelvärdet av {of}, med tecken",
                }
            )
    return pd.DataFrame(rows, columns=["horizon", "n", "years", "mae", "bias", "mae_basis", "bias_basis"])


ACCURACY_COLUMNS = ["horizon", "n", "years", "mae", "bias"]
ACCURACY_BASIS = {"mae": "mae_basis", "bias": "bias_basis"}
"""What a page shows of `accuracy_by_horizon`, and each mean's basis in words (`tables.show(explained=…)`)."""


def common_pairs(pairs: pd.DataFrame, organ: str, item: str = "resultat") -> pd.DataFrame:
    """The unit-years that have a forecast at every horizon present, and only those: like for like."""
    units = _unit_results(pairs, organ, item)
    present = [h for h in HORIZONS if (units.horizon == h).any()]
    counts = units.groupby(["unit", "ref_year"]).horizon.nunique()
    full = counts[counts == len(present)].index
    return units.set_index(["unit", "ref_year"]).loc[lambda d: d.index.isin(full)].reset_index()


def accuracy_by_horizon(pairs: pd.DataFrame, organ: str, item: str = "resultat") -> pd.DataFrame:
    """Mean absolute error and mean error (bias) per horizon over the units' common unit-years (not the total)."""
    return _accuracy(common_pairs(pairs, organ, item), list(HORIZONS))


def accuracy_all_pairs(pairs: pd.DataFrame, organ: str, item: str = "resultat") -> pd.DataFrame:
    """The same per horizon over every pair it has: the sets differ, so these are not compared."""
    return _accuracy(_unit_results(pairs, organ, item), list(HORIZONS))


def _basis(rows: pd.DataFrame) -> Basis:
    uom = rows.uom.iloc[0] if "uom" in rows and len(rows) else "tkr"
    return Basis(frozenset(zip(rows.unit, (int(y) for y in rows.ref_year), strict=True)), uom)


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
                **{k: getattr(row, k) for k in ("forecast", "report_id", "source_line", "outcome")},
                **{k: getattr(row, k) for k in ("outcome_report", "outcome_line")},
                "turnover_report": basis.iloc[-1].report_id,
                "turnover_line": int(basis.iloc[-1].source_line),
            }
        )
    return pd.DataFrame(rows, columns=SHARE_COLUMNS)


SHARE_COLUMNS = ["ref_year", "horizon", "error", "turnover", "turnover_basis", "share", "forecast", "report_id"]
SHARE_COLUMNS += ["source_line", "outcome", "outcome_report", "outcome_line", "turnover_report", "turnover_line"]
SHARE_SHOWN = ["ref_year", "horizon", "error", "turnover", "turnover_basis", "share"]
SHARE_SOURCES = {
    "forecast": ("report_id", "source_line"),
    "outcome": ("outcome_report", "outcome_line"),
    "turnover": ("turnover_report", "turnover_line"),
}
SHARE_DERIVED = {"error": ["forecast", "outcome"], "share": ["forecast", "outcome", "turnover"]}
"""What a page shows of `organ_error_share`, its sources and what is computed from them (`tables.show`)."""


def coverage_sentences(pairs: pd.DataFrame, gaps: list[str]) -> list[str]:
    """What the missing reports (`coverage.missing`) prevent on this page, year by year, from the pairs made.

    A missing interim report's forecasts cannot be judged; a missing annual report leaves the year's outcome to
    a later report's column of the year before, or unknown.
    """
    from vsslib.analysis.coverage import name

    out = []
    for year in sorted({int(v[:4]) for v in gaps}):
        interim = [v for v in gaps if v.startswith(f"{year}-") and not v.endswith("-12")]
        if interim:
            out.append(
                f"{' och '.join(name(v) for v in interim).capitalize()} saknas: de prognoser för {year} som de "
                "skulle ha gjort kan inte bedömas."
            )
        if f"{year}-12" in gaps:
            found = sorted(set(pairs[pairs.ref_year == year].outcome_report)) if len(pairs) else []
            whence = (
                f"utfallet {year} kommer från {', '.join(found)}, som trycker det som föregående år"
                if found
                else f"utfallet {year} är därför inte känt och årets prognoser kan inte bedömas"
            )
            out.append(f"{name(f'{year}-12').capitalize()} saknas; {whence}.")
    return out


def paths(pairs: pd.DataFrame, item: str = "resultat", organ: str | None = None) -> pd.DataFrame:
    """Long table for the path chart: budget → april → augusti → utfall per unit and year.

    `pairs` may hold forecasts whose outcome is not known yet (`pair`'s pending, `outcome` empty): their path
    ends at the last forecast. Not the organ's total: it is the units' sum, and would be drawn as one of them.
    """
    rows = pairs[(pairs["item"] == item) & (pairs.detail == "") & (pairs.unit != organ)]
    stages = rows[["unit", "ref_year", "horizon", "forecast"]].rename(columns={"horizon": "stage", "forecast": "value"})
    final = rows.drop_duplicates(["unit", "ref_year"])[["unit", "ref_year", "outcome"]]
    final = final[final.outcome.notna()].rename(columns={"outcome": "value"}).assign(stage="utfall")
    order = {s: i for i, s in enumerate((*HORIZONS, "utfall"))}
    out = pd.concat([stages, final]).assign(order=lambda d: d.stage.map(order))
    return out.sort_values(["unit", "ref_year", "order"], key=swedish_column).reset_index(drop=True)


def findings(pairs: pd.DataFrame, by_horizon: pd.DataFrame, organ: str) -> list[str]:
    """Sentences in Swedish, generated from the numbers; each says its basis."""
    if pairs.empty:
        return ["Det finns ännu inga prognoser vars utfall är känt vid den här tidpunkten."]
    out = []
    common = common_pairs(pairs, organ)
    figures = [
        Figure(h, float(group.error.abs().mean()), _basis(group)) for h, group in _in_order(common.groupby("horizon"))
    ]
    if len(figures) >= 2:
        out.append(compare(figures, "Över samma verksamhetsår var medelabsolutfelet för verksamheternas resultat"))
        out += _concentration(common)
    for figure, (_, group) in zip(figures, _in_order(common.groupby("horizon")), strict=True):
        bias = float(group.error.mean())
        if round(bias):
            side = "över" if bias > 0 else "under"
            same_side = int(((group.error > 0) if bias > 0 else (group.error < 0)).sum())
            out.append(
                f"{HORIZON_NAMES[figure.label].capitalize()} låg i snitt {fmt.tkr(abs(bias))} {side} utfallet "
                f"({figure.basis.describe()}); felen spänner från {fmt.tkr(group.error.min())} till "
                f"{fmt.tkr(group.error.max())}, och {same_side} av {len(group)} låg {side}."
            )
    if any(f.label == "budget" for f in figures):
        out.append(BUDGET_IS_NO_FORECAST)
    out += _direction_sentences(pairs, organ)
    out += _august_vs_april(_unit_results(pairs, organ, "resultat"))
    out += _investment_sentences(pairs, organ)
    return out


def _contested_means(pairs: pd.DataFrame, organ: str, contested: dict[tuple[str, int, float], list[Contest]]):
    """(horizon, the pair, its contested side, the value, the other printing, the horizon's errors with it)."""
    for horizon, group in _in_order(common_pairs(pairs, organ).groupby("horizon")):
        for row in group.itertuples():
            sides = (("forecast", row.report_id, row.source_line), ("outcome", row.outcome_report, row.outcome_line))
            for side, report, line in sides:
                value = float(getattr(row, side))
                for contest in contested.get((str(report), int(line), value), []):
                    error = contest.value - row.outcome if side == "forecast" else row.forecast - contest.value
                    yield (
                        horizon,
                        row,
                        side,
                        (report, line, value),
                        contest,
                        group.error,
                        group.error.where(group.index != row.Index, error),
                    )


def contested_sentences(
    pairs: pd.DataFrame, organ: str, contested: dict[tuple[str, int, float], list[Contest]]
) -> list[str]:
    """What each horizon's means (`accuracy_by_horizon`) become with the other printing of a contested value.

    `contested`: `facts.checks.contested_printings`. A forecast or outcome in an open conflict (two printings,
    or a text against its table, and no decision) leaves a mean that rests on it undecided: both are said.
    """
    out = []
    for horizon, row, side, (report, line, value), contest, errors, other in _contested_means(pairs, organ, contested):
        what = "prognosen" if side == "forecast" else "utfallet"
        out.append(
            f"{HORIZON_NAMES[horizon].capitalize()}s medelfel vilar på ett värde i öppen konflikt: "
            f"{what} för {row.unit} {row.ref_year} är {fmt.tkr(value)} ({report}, rad {line}) men "
            f"{fmt.tkr(contest.value)} enligt {contest.where}, och inget beslut finns om vilket som "
            f"gäller. Med det andra värdet blir {_means(other)} i stället för {_means(errors)} "
            f"(n = {len(errors)})."
        )
    return out


def contested_notes(
    pairs: pd.DataFrame, organ: str, contested: dict[tuple[str, int, float], list[Contest]]
) -> pd.Series:
    """Per horizon, the accuracy table's note: the contested value its means rest on, the means with the other."""
    notes: dict[str, list[str]] = {}
    for horizon, row, _, (_, _, value), contest, _, other in _contested_means(pairs, organ, contested):
        notes.setdefault(horizon, []).append(
            f"≠ vilar på {row.unit} {row.ref_year}: {fmt.number(value)} eller {fmt.number(contest.value)} "
            f"({contest.where}, öppen konflikt); med det andra värdet {_means(other)}"
        )
    return pd.Series({h: "; ".join(n) for h, n in notes.items()}, dtype=object)


def _means(errors: pd.Series) -> str:
    return f"medelfelet {fmt.tkr(errors.mean())} och medelabsolutfelet {fmt.tkr(errors.abs().mean())}"


def _concentration(common: pd.DataFrame) -> list[str]:
    """Where one unit-year carries more than half of a horizon's absolute errors: the comparison rests on it."""
    parts = []
    groups = _in_order(common.groupby("horizon"))
    for horizon, group in groups:
        size = group.error.abs()
        if len(group) > 1 and size.sum() and size.max() / size.sum() > 0.5:
            top = group.loc[size.idxmax()]
            parts.append(f"{top.unit} {int(top.ref_year)} {fmt.percent(size.max() / size.sum(), 0)} i {horizon}")
    if not parts:
        return []
    return [
        f"Vid {len(parts)} av {len(groups)} prognostillfällen står en enda verksamhet för mer än hälften av "
        f"felens belopp ({', '.join(parts)}): jämförelsen mellan tillfällena vilar till stor del på dem."
    ]


def _in_order(groups) -> list:
    order = {h: i for i, h in enumerate(HORIZONS)}
    return sorted(groups, key=lambda g: order[g[0]])


def _direction_sentences(pairs: pd.DataFrame, organ: str) -> list[str]:
    """Per unit, whether its outcome beat every forecast of it or fell short of every one (units only)."""
    result = pairs[(pairs["item"] == "resultat") & (pairs.horizon != "budget") & (pairs.unit != organ)]
    out = []
    for unit, group in result.groupby("unit"):
        when = ", ".join(f"{h} {y}" for h, y in zip(group.horizon, group.ref_year, strict=True))
        count = "båda" if len(group) == 2 else f"alla {len(group)}"
        if len(group) >= 2 and (group.error < 0).all():
            out.append(
                f"{unit}: utfallet blev bättre än prognosen i {count} prognoserna ({when}; "
                f"största avvikelse {fmt.tkr(group.error.abs().max())})."
            )
        elif len(group) >= 2 and (group.error > 0).all():
            out.append(f"{unit}: utfallet blev sämre än prognosen i {count} prognoserna ({when}).")
    return out


def _august_vs_april(pairs: pd.DataFrame) -> list[str]:
    """Whether August's forecast came closer than April's, per unit result.

    The units only, never their total beside them: counting the organ with its units mixes levels.
    """
    both = (
        pairs[pairs.horizon.isin(["april", "augusti"])]
        .pivot_table(index=["unit", "item", "detail", "ref_year"], columns="horizon", values="error", aggfunc="first")
        .dropna()
    )
    if both.empty or not {"april", "augusti"} <= set(both.columns):
        return []
    gain = both.april.abs().round() - both.augusti.abs().round()
    rows = both.reset_index()
    uoms = pairs.drop_duplicates(["unit", "item", "detail", "ref_year"]).set_index(
        ["unit", "item", "detail", "ref_year"]
    )
    uom = "/".join(sorted(set(uoms.loc[both.index].uom))) if "uom" in uoms else "tkr"
    basis = Basis(frozenset(zip(rows.unit + " " + rows["item"], (int(y) for y in rows.ref_year), strict=True)), uom)
    sentence = tally(
        int((gain > 0).sum()),
        int((gain == 0).sum()),
        int((gain < 0).sum()),
        "Augustiprognosen",
        "aprilprognosen",
        basis,
    )
    return [sentence]


def _investment_sentences(pairs: pd.DataFrame, organ: str) -> list[str]:
    """Per year: the organ's investment frame as first set (and its revision), and every forecast of it."""
    inv = pairs[pairs["item"] == "investeringar netto"]
    told = inv.note.str.contains(ORIGINAL_FRAME) | inv.note.str.contains("i texten")
    named = inv[(inv.unit == organ) | told].set_index(["unit", "detail", "ref_year"]).index
    out = []
    for (unit, detail, year), group in inv.groupby(["unit", "detail", "ref_year"], sort=True):
        if (unit, detail, year) not in named:
            continue
        what = f"{unit} {detail}".strip()
        parts = []
        for row in group.itertuples():
            if row.horizon == "budget" and ORIGINAL_FRAME in row.note:
                said = str(row.note).removeprefix(f"{FRAME_NOTE}; ")
                parts.append(f"ramen (ett tak, ingen prognos) var {fmt.tkr(row.forecast)} från början ({said})")
            elif row.horizon == "budget":
                parts.append(f"ramen (ett tak, ingen prognos) var {fmt.tkr(row.forecast)}")
            else:
                parts.append(f"{HORIZON_NAMES[row.horizon]} {fmt.tkr(row.forecast)} (tryckt {row.forecast_vintage})")
        out.append(f"Investeringar {year}, {what}: {', '.join(parts)}; utfallet blev {fmt.tkr(group.outcome.iloc[0])}.")
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
    "uom",
    "note",
]


def _horizon_counts(pairs: pd.DataFrame, organ: str) -> str:
    """'9 budgetar, 6 april, 6 augusti': the units' judged forecasts counted by horizon."""
    units = _unit_results(pairs, organ, "resultat")
    names = {"budget": ("budget", "budgetar"), "april": ("aprilprognos", "aprilprognoser")}
    names |= {"augusti": ("augustiprognos", "augustiprognoser"), "senaste": ("senaste prognos", "senaste prognoser")}
    counts = units.horizon.value_counts()
    return (
        ", ".join(f"{int(counts[h])} {names[h][int(counts[h]) != 1]}" for h in (*HORIZONS, "senaste") if h in counts)
        or "inga"
    )


def summary(
    period: str, organ: str, pairs: pd.DataFrame, pending: pd.DataFrame, by_horizon: pd.DataFrame
) -> ForecastSummary:
    """The notebook's JSON summary: pairs, pending forecasts and accuracy per horizon."""
    key: list[KeyFigure] = [
        {
            "label": f"Bedömda budgetar och prognoser av verksamheternas resultat ({_horizon_counts(pairs, organ)})",
            "value": len(_unit_results(pairs, organ, "resultat")),
        },
        {
            "label": f"Bedömda prognoser, budgetar och ramar i övrigt ({organ} totalt, investeringar, volymer)",
            "value": len(pairs) - len(_unit_results(pairs, organ, "resultat")),
        },  # fmt: skip
        {
            "label": "Prognoser vars utfall ännu inte är publicerat",
            "value": int((pending.status == "utfall ännu inte publicerat").sum()),
        },
    ]
    key += [
        {"label": f"Medelabsolutfel {r.horizon} (n = {r.n}, {r.years})", "value": fmt.tkr(r.mae)}
        for r in by_horizon.itertuples()
        if r.horizon == "augusti"
    ]
    return {
        "period": period,
        "organ": organ,
        "pairs": pairs[PAIR_FIELDS].to_dict("records") if len(pairs) else [],
        "pending": pending[[f for f in PAIR_FIELDS if f in pending.columns]].to_dict("records") if len(pending) else [],
        "by_horizon": {
            str(r.horizon): {"n": r.n, "years": r.years, "mae": r.mae, "bias": r.bias} for r in by_horizon.itertuples()
        },
        "key_figures": key,
    }
