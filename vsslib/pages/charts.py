"""Charts for the notebooks, drawn with matplotlib, which is imported when a chart is drawn.

seaborn, the stack's plotting library by design, is not a dependency: its FacetGrid cost each kernel more
than the charts it drew, and its lineplot joins the points across a missing forecast, which these charts must
break; the small multiples are plain subplots.
Every chart has a Swedish title, axis labels with units and a legend for each colour that carries meaning,
and is returned as a `Chart`: the PNG with an alt text generated from the data it shows, which Jupyter and
the pages show as the image's `alt`.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import pandas as pd

from vsslib import formatting as fmt
from vsslib.analysis.records import Waterfall
from vsslib.collation import swedish_sorted


@dataclass(frozen=True)
class Chart:
    """A drawn chart: PNG bytes and the alt text a reader without the image gets."""

    png: bytes
    alt: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        """The PNG, and the alt text as the plain-text form (not the dataclass's repr of the PNG's bytes)."""
        png = base64.b64encode(self.png).decode("ascii")
        return {"image/png": png, "text/plain": self.alt}, {"image/png": {"alt": self.alt}}


def _chart(figure, alt: str) -> Chart:
    """The figure as PNG (no timestamp or version inside: the same chart gives the same bytes), then closed."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(figure)
    return Chart(buffer.getvalue(), alt)


STAGE_LABELS = {"budget": "Budget", "april": "April", "augusti": "Augusti", "utfall": "Utfall"}


def forecast_paths(paths: pd.DataFrame, title: str) -> Chart:
    """Budget → April → Augusti → Utfall per unit, one panel per year; no line through a missing forecast."""
    import matplotlib.pyplot as plt

    years = sorted(paths.ref_year.unique())
    stages = list(STAGE_LABELS)
    fig, axes = plt.subplots(1, len(years), figsize=(4.6 * len(years) + 1.6, 4), sharey=True, squeeze=False)
    colours = {u: f"C{i % 10}" for i, u in enumerate(swedish_sorted(paths.unit.unique()))}
    for ax, year in zip(axes[0], years, strict=True):
        for unit in (u for u in colours if u in set(paths[paths.ref_year == year].unit)):
            rows = paths[(paths.ref_year == year) & (paths.unit == unit)]
            values = rows.set_index("stage").value.reindex(stages)  # NaN where no forecast: the line breaks
            ax.plot(range(len(stages)), values.values, marker="o", color=colours[unit], label=unit)
        ax.set_xticks(range(len(stages)), [STAGE_LABELS[s] for s in stages])
        ax.set_title(str(year))
        ax.set_xlabel("Prognostillfälle")
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.yaxis.set_major_formatter(_tkr_formatter())
    axes[0][0].set_ylabel("Resultat, tkr")
    handles = {h.get_label(): h for ax in axes[0] for h in ax.get_lines() if not h.get_label().startswith("_")}
    fig.legend(handles.values(), handles.keys(), title="Verksamhet", loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.suptitle(title)
    fig.tight_layout()
    forecasts = [s for s in stages if s != "utfall"]
    missing = [
        f"{year}: {', '.join(STAGE_LABELS[s] for s in forecasts if s not in set(paths[paths.ref_year == year].stage))}"
        for year in years
        if set(forecasts) - set(paths[paths.ref_year == year].stage)
    ]
    unknown = [str(y) for y in years if "utfall" not in set(paths[paths.ref_year == y].stage)]
    alt = (
        f"{title}: prognoserna vid varje tillfälle och utfallet för {len(colours)} verksamheter, "
        f"år {', '.join(str(y) for y in years)}."
        + (f" Ingen prognos finns för {'; '.join(missing)}." if missing else "")
        + (f" Utfallet är ännu inte känt för {', '.join(unknown)}." if unknown else "")
    )
    return _chart(fig, alt)


def _tkr_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: fmt.number(value))


MONTH_LABELS = {4: fmt.month_name(4).capitalize(), 8: fmt.month_name(8).capitalize(), 12: "Helår"}
MEASURE_LABELS = {"utfall": "Utfall", "budget": "Budget", "prognos": "Prognos"}
CATEGORY_LABELS = {
    "pris": "Pris",
    "personal": "Personal",
    "avskrivningar": "Avskrivningar",
    "volym": "Volym",
    "övrigt": "Övrigt",
}


def result_history(history, unit: str) -> Chart:
    """The unit's result to April, to August and for the full year, per year and measure."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    latest = history.sort_values("vintage").drop_duplicates(["ref_year", "ref_month", "measure"], keep="last")
    data = latest[latest.ref_month.isin(MONTH_LABELS)].assign(
        Period=lambda d: d.ref_month.map(MONTH_LABELS),
        Mått=lambda d: d.measure.map(MEASURE_LABELS),
        År=lambda d: d.ref_year.astype(str),
    )
    years = sorted(data.År.unique())
    fig, axes = plt.subplots(1, len(years), figsize=(2.7 * len(years) + 1.6, 3.4), sharey=True, squeeze=False)
    colours = {m: f"C{i}" for i, m in enumerate(MEASURE_LABELS.values())}
    width = 0.8 / len(colours)
    for ax, year in zip(axes[0], years, strict=True):
        rows = data[data.År == year]
        for k, (measure, colour) in enumerate(colours.items()):
            for i, period in enumerate(MONTH_LABELS.values()):
                value = rows[(rows.Mått == measure) & (rows.Period == period)].value
                if len(value):
                    ax.bar(i + (k - 1) * width, float(value.iloc[0]), width=width, color=colour)
        ax.set_xticks(range(len(MONTH_LABELS)), list(MONTH_LABELS.values()))
        ax.set_title(year)
        ax.set_xlabel("Period")
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.yaxis.set_major_formatter(_tkr_formatter())
    axes[0][0].set_ylabel("Resultat, tkr")
    fig.legend([Patch(color=c) for c in colours.values()], list(colours), title="Mått", loc="center left",
               bbox_to_anchor=(1.0, 0.5))  # fmt: skip
    fig.suptitle(f"{unit}: resultat per år (senast kända siffra)")
    fig.tight_layout()
    full = data[data.ref_month == 12]
    alt = (
        f"{unit}: resultat till och med april, augusti och för helåret, per år {', '.join(sorted(data.År.unique()))}. "
        + ("Helår: " + "; ".join(f"{r.År} {r.Mått.lower()} {fmt.tkr(r.value)}" for r in full.itertuples()) + ".")
    )
    return _chart(fig, alt)


def waterfall(fall: Waterfall, unit: str) -> Chart:
    """Budget → each quantified driver → unexplained remainder → result, as floating bars."""
    import matplotlib.pyplot as plt

    number = fmt.number
    budget_label = "Budget (pro rata,\nantagen)" if fall["budget_pro_rata"] else "Budget"
    steps = [(budget_label, fall["budget"], 0.0)]
    level = fall["budget"]
    for driver in fall["drivers"]:
        label = CATEGORY_LABELS.get(driver["category"], driver["category"])
        steps.append((label + ("\n(minst)" if driver["at_least"] else ""), driver["amount"], level))
        level += driver["amount"]
    unexplained = "Ej kvantifierat\n(orsaker i text)" if fall.get("in_text") else "Oförklarat"
    steps.append((unexplained, fall["remainder"], level))
    result_label = "Resultat" if fall["measure"] == "utfall" else "Prognos"
    steps.append((result_label, fall["result"], 0.0))
    fig, ax = plt.subplots(figsize=(7, 3.6))
    colors = ["#4c72b0"] + ["#55a868"] * len(fall["drivers"]) + ["#c44e52", "#4c72b0"]
    for i, ((_, height, bottom), color) in enumerate(zip(steps, colors, strict=True)):
        ax.bar(i, height, bottom=bottom, color=color)
        ax.annotate(
            number(height), (i, bottom + height), ha="center", va="bottom" if height >= 0 else "top", fontsize=8
        )
    ax.set_xticks(range(len(steps)), [s[0] for s in steps])
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.yaxis.set_major_formatter(_tkr_formatter())
    ax.set_ylabel("tkr")
    period = (
        f"jan–{str(MONTH_LABELS.get(fall['ref_month'], fall['ref_month'])).lower()}"
        if fall["ref_month"] != 12
        else "helår"
    )
    ax.set_title(f"{unit} {fall['ref_year']} ({period}), enligt {fall['report_id']}")
    ends = [b + h for _, h, b in steps] + [b for _, _, b in steps]
    span = max(ends) - min(ends) or 1.0
    ax.set_ylim(min(0.0, min(ends)) - 0.08 * span, max(ends) + 0.15 * span)
    if fall["budget_pro_rata"]:
        ax.set_xlabel("Budget för perioden = helårsbudget × månader/12", fontsize=8, color="#555")
    from matplotlib.patches import Patch

    legend = [
        ("Budget och resultat", "#4c72b0"),
        ("Drivkraft med belopp", "#55a868"),
        (unexplained.replace("\n", " "), "#c44e52"),
    ]
    ax.legend([Patch(color=c) for _, c in legend], [n for n, _ in legend], fontsize=8, loc="best")
    fig.tight_layout()
    alt = (
        f"{ax.get_title()}: "
        + ", ".join(f"{label} {fmt.tkr(height)}".replace("\n", " ") for label, height, _ in steps)
        + "."
    )
    return _chart(fig, alt)


def investments_and_result(investments, results, unit: str) -> Chart:
    """Net investments against the frame, beside the unit's full-year result, per year."""
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6))
    years = [str(y) for y in investments.ref_year]
    x = range(len(years))
    left.bar([i - 0.2 for i in x], investments.frame.fillna(0), width=0.4, label="Investeringsram", color="#bbbbbb")
    colours = ["#4c72b0" if b == "utfall" else "#9ecae1" for b in investments.basis]
    left.bar([i + 0.2 for i in x], investments.value, width=0.4, color=colours)
    left.set_xticks(list(x), years)
    left.set_title("Nettoinvesteringar mot ram")
    from matplotlib.patches import Patch

    left.legend(
        [Patch(color="#bbbbbb"), Patch(color="#4c72b0"), Patch(color="#9ecae1")],
        ["Investeringsram", "Utfall", "Prognos"],
        fontsize=8,
    )
    # 'utfall, pro forma' is an outcome too (the organ's total is summed afterwards): only a forecast is pale
    result_colours = ["#55a868" if b.startswith("utfall") else "#b6dcc0" for b in results.basis]
    right.bar([str(y) for y in results.ref_year], results.unit_value, color=result_colours)
    right.legend([Patch(color="#55a868"), Patch(color="#b6dcc0")], ["Utfall", "Prognos"], fontsize=8)
    right.set_title(f"{unit}: resultat helår")
    for ax in (left, right):
        ax.yaxis.set_major_formatter(_tkr_formatter())
        ax.set_ylabel("tkr")
        ax.set_xlabel("År")
    fig.tight_layout()
    alt = (
        f"{unit}: nettoinvesteringar mot ram och helårsresultat per år. "
        + "; ".join(
            f"{r.ref_year}: {r.basis} {fmt.tkr(r.value)}"
            + (f" mot ram {fmt.tkr(r.frame)}" if r.frame == r.frame and r.frame is not None else "")
            for r in investments.itertuples()
        )
        + ". Resultat: "
        + "; ".join(f"{r.ref_year} {fmt.tkr(r.unit_value)} ({r.basis})" for r in results.itertuples())
        + "."
    )
    return _chart(fig, alt)


def volume_series(ser, methods, official, year: int, start: str | None, label: str) -> Chart:
    """Full-year counts (first, partial year marked), counts to date, and the forecasts for `year`.

    The methods' span is drawn only when two or more methods give a value: one method is no span.
    """
    import matplotlib.pyplot as plt

    from vsslib.analysis.volumes import is_partial_year

    fig, ax = plt.subplots(figsize=(8, 3.8))
    full = ser[(ser.measure == "utfall") & (ser.ref_month == 12)].drop_duplicates("ref_year", keep="last")
    for row in full.itertuples():
        partial = is_partial_year(row.ref_year, start)
        ax.bar(
            str(row.ref_year),
            row.value,
            color="#cccccc" if partial else "#4c72b0",
            hatch="//" if partial else None,
            label="Helår, utfall (första året ett delår)" if partial else "Helår, utfall",
        )
    to_date = ser[(ser.measure == "utfall") & (ser.ref_month < 12)]
    to_date = to_date.drop_duplicates(["ref_year", "ref_month"], keep="last")
    ax.scatter([str(y) for y in to_date.ref_year], to_date.value, color="black", zorder=3, label="Hittills under året")
    values = [m.value for m in methods if m.value is not None]
    if len(values) >= 2:
        ax.vlines(
            str(year), min(values), max(values), color="#55a868", linewidth=8, alpha=0.6, label="Metodernas spann"
        )
    elif values:
        ax.scatter([str(year)], values, marker="s", color="#55a868", zorder=4, label="Enda metodens prognos")
    if official is not None:
        ax.scatter([str(year)], [official], marker="D", color="#c44e52", zorder=4, label="Officiell prognos")
    ax.set_ylabel(f"{label}, antal")
    ax.set_ylim(bottom=0)  # a count's axis starts at zero
    ax.set_xlabel("År")
    ax.set_title(f"{label} per år, med prognoser för {year}")
    ax.yaxis.set_major_formatter(_tkr_formatter())
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    # beside the axes, not on them: inside, it hid the top of the first year's bar
    ax.legend(unique.values(), unique.keys(), fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    years = "; ".join(f"{r.ref_year} {fmt.number(r.value)}" for r in full.itertuples()) or "inget helt år ännu"
    so_far = "; ".join(
        f"{r.ref_year} till och med {fmt.month_name(int(r.ref_month))} {fmt.number(r.value)}"
        for r in to_date.itertuples()
    )
    alt = (
        f"{label} per år: {years}"
        + (f". Hittills under året: {so_far}" if so_far else "")
        + (f". Officiell prognos {year}: {fmt.number(official)}" if official is not None else "")
        + (f". Metoderna: {fmt.number(min(values))}–{fmt.number(max(values))}" if len(values) >= 2 else "")
        + "."
    )
    return _chart(fig, alt)


def chat_share(shares, target: float | None, target_year: int | None = None) -> Chart:
    """Chat share of cases per period against the target (of `target_year`)."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    fig, ax = plt.subplots(figsize=(7, 3.2))
    labels = [
        f"{r.ref_year}-{r.ref_month:02d}" + (" (prognos)" if r.measure == "prognos" else "")
        for r in shares.itertuples()
    ]
    positions = list(range(len(labels)))
    series = (
        ("s", "Andel chatt, helår", lambda r: r.ref_month == 12 and r.measure != "prognos"),
        ("o", "Andel chatt, januari till delåret", lambda r: r.ref_month != 12),
        ("D", "Andel chatt, prognos för helåret", lambda r: r.measure == "prognos"),
    )
    for marker, name, belongs in series:
        points = [i for i, r in enumerate(shares.itertuples()) if belongs(r)]
        if not points:
            continue
        # a part of a year, a whole year and a forecast are three series: never joined by one line
        forecast = name.endswith("helåret")
        ax.plot([positions[i] for i in points], [shares.chat_share.iloc[i] for i in points], marker=marker,
                linestyle="none" if forecast or len(points) == 1 else "-", fillstyle="none" if forecast else "full",
                label=name)  # fmt: skip
    ax.set_xticks(positions, labels)
    when = f" {target_year}" if target_year else ""
    if target:  # a year's target is drawn over that year's points only, never across the next year's
        of_year = [i for i, r in enumerate(shares.itertuples()) if target_year is None or r.ref_year == target_year]
        if of_year:
            ax.hlines(target, min(of_year) - 0.3, max(of_year) + 0.3, color="#c44e52", linestyle="--",
                      label=f"Mål{when} {fmt.percent(target, 0)}")  # fmt: skip
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.percent(v, 0)))
    ax.set_ylim(bottom=0)
    ax.set_ylabel("Andel av ärendena, %")
    ax.set_xlabel("Period")
    ax.set_title("Andel ärenden via chatt")
    ax.legend(fontsize=8, loc="lower right")  # the target line runs along the top
    fig.tight_layout()
    alt = (
        "Andel ärenden via chatt: "
        + "; ".join(f"{lab} {fmt.percent(v)}" for lab, v in zip(labels, shares.chat_share, strict=True))
        + (f". Mål{when}: {fmt.percent(target, 0)}" if target else "")
        + "."
    )
    return _chart(fig, alt)


def monthly_forecast(monthly, frame, label: str, synthetic: bool) -> Chart:
    """Monthly series with the model's forecast and its 80 % prediction interval."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 3.6))
    series = "Syntetisk serie per månad (inte utfall)" if synthetic else "Utfall per månad"
    ax.plot(monthly.index.to_timestamp(), monthly.values, color="#4c72b0", label=series)
    when = frame.index.to_timestamp()
    ax.plot(when, frame["mean"], color="#c44e52", label="Prognos")
    ax.fill_between(when, frame.pi_lower, frame.pi_upper, color="#c44e52", alpha=0.2, label="80 % prognosintervall")
    ax.set_ylabel(f"{label} per månad, antal")
    ax.set_xlabel("Månad")
    ax.set_title(f"{label} per månad{' (syntetiska data)' if synthetic else ''}, med prognos")
    ax.yaxis.set_major_formatter(_tkr_formatter())
    ax.legend(fontsize=8)
    fig.tight_layout()
    alt = (
        f"{series}, {monthly.index[0]}–{monthly.index[-1]}, och prognos {frame.index[0]}–{frame.index[-1]} "
        f"med 80 % prognosintervall."
    )
    return _chart(fig, alt)


def facts_per_table(tables) -> Chart:
    """Facts per report, stacked by table."""
    from vsslib.contract import TABLE_NAMES

    named = tables.assign(table=tables.table.map(lambda t: TABLE_NAMES.get(t, t)))
    pivot = named.pivot_table(index="report_id", columns="table", values="facts", aggfunc="sum", fill_value=0)
    ax = pivot.plot(kind="barh", stacked=True, figsize=(8, 3.2), colormap="tab10")
    ax.set_xlabel("Antal fakta")
    ax.set_ylabel("Rapport")
    ax.set_title("Inlästa fakta per rapport och tabell")
    ax.legend(title="Tabell", fontsize=8, bbox_to_anchor=(1.02, 1), loc="upper left")
    ax.xaxis.set_major_formatter(_tkr_formatter())
    ax.figure.tight_layout()
    alt = "Inlästa fakta per rapport: " + "; ".join(f"{r} {fmt.number(n)}" for r, n in pivot.sum(axis=1).items()) + "."
    return _chart(ax.figure, alt)


def goal_gaps(gaps) -> Chart:
    """Each judged indicator's distance to its target (% of it), a year before and now: shapes and words, no colour."""
    import matplotlib.pyplot as plt

    data = gaps.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(data) + 1.4))
    for y, row in data.iterrows():
        if row.gap_before == row.gap_before and row.gap_before is not None:
            ax.annotate("", (row.gap, y), (row.gap_before, y), arrowprops={"arrowstyle": "->", "color": "0.45"})
            ax.plot(row.gap_before, y, marker="o", markerfacecolor="white", color="0.45", linestyle="none")
        met = row.status == "met"
        ax.plot(row.gap, y, marker="o" if met else "X", color="black", markersize=8, linestyle="none")
        ax.text(1.01, y, "når målet" if met else "når inte målet", transform=ax.get_yaxis_transform(), va="center")
    ax.axvline(0, color="black", linewidth=1)
    ax.set_yticks(range(len(data)), [_short(f"{r.indicator} ({r.unit})") for r in data.itertuples()])
    ax.set_xlabel("Avstånd till målvärdet, procent av målvärdet (positivt = på rätt sida)")
    ax.set_title("Indikatorer mot målvärdet: förra året (ring) och nu (● når, ✕ når inte)")
    ax.xaxis.set_major_formatter(_percent_formatter())
    alt = "; ".join(
        f"{r.indicator} ({r.unit}): {fmt.number(abs(r.gap), 0)} % av målvärdet på "
        f"{'rätt' if r.gap >= 0 else 'fel'} sida"
        for r in gaps.itertuples()
    )
    return _chart(fig, f"Avstånd till målvärdet per indikator. {alt}.")


def _short(label: str, width: int = 60) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _percent_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: f"{fmt.number(value, 0)} %")
