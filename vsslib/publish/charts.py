"""Charts for the notebooks. seaborn and matplotlib are imported here, when a chart is drawn."""

from __future__ import annotations

import pandas as pd

STAGE_LABELS = {"budget": "Budget", "april": "April", "augusti": "Augusti", "utfall": "Utfall"}


def forecast_paths(paths: pd.DataFrame, title: str):
    """Budget → April → Augusti → Utfall per unit, one panel per year."""
    import seaborn as sns

    data = paths.assign(
        Steg=paths.stage.map(STAGE_LABELS), Verksamhet=paths.unit, tkr=paths.value / 1.0, År=paths.ref_year.astype(str)
    )
    grid = sns.relplot(
        data=data,
        x="Steg",
        y="tkr",
        hue="Verksamhet",
        col="År",
        kind="line",
        marker="o",
        height=4,
        aspect=1.1,
        facet_kws={"sharey": True},
    )
    grid.set_axis_labels("Prognostillfälle", "Resultat, tkr")
    grid.figure.suptitle(title, y=1.03)
    for ax in grid.axes.flat:
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.yaxis.set_major_formatter(_tkr_formatter())
    return grid


def _tkr_formatter():
    from matplotlib.ticker import FuncFormatter

    from vsslib.publish.formatting import number

    return FuncFormatter(lambda value, _: number(value))


MONTH_LABELS = {4: "April", 8: "Augusti", 12: "Helår"}
MEASURE_LABELS = {"utfall": "Utfall", "budget": "Budget", "prognos": "Prognos"}
CATEGORY_LABELS = {
    "pris": "Pris",
    "personal": "Personal",
    "avskrivningar": "Avskrivningar",
    "volym": "Volym",
    "övrigt": "Övrigt",
}


def result_history(history, unit: str):
    """The unit's result to April, to August and for the full year, per year and measure."""
    import seaborn as sns

    latest = history.sort_values("vintage").drop_duplicates(["ref_year", "ref_month", "measure"], keep="last")
    data = latest[latest.ref_month.isin(MONTH_LABELS)].assign(
        Period=lambda d: d.ref_month.map(MONTH_LABELS),
        Mått=lambda d: d.measure.map(MEASURE_LABELS),
        År=lambda d: d.ref_year.astype(str),
    )
    grid = sns.catplot(
        data=data,
        x="Period",
        y="value",
        hue="Mått",
        col="År",
        kind="bar",
        height=3.4,
        aspect=0.8,
        order=list(MONTH_LABELS.values()),
        hue_order=list(MEASURE_LABELS.values()),
    )
    grid.set_axis_labels("", "Resultat, tkr")
    grid.figure.suptitle(f"{unit}: resultat per år (senast kända siffra)", y=1.04)
    for ax in grid.axes.flat:
        ax.yaxis.set_major_formatter(_tkr_formatter())
    return grid


def waterfall(fall: dict, unit: str):
    """Budget → each quantified driver → unexplained remainder → result, as floating bars."""
    import matplotlib.pyplot as plt

    from vsslib.publish.formatting import number

    budget_label = "Budget (pro rata)" if fall["budget_pro_rata"] else "Budget"
    steps = [(budget_label, fall["budget"], 0.0)]
    level = fall["budget"]
    for driver in fall["drivers"]:
        steps.append((CATEGORY_LABELS.get(driver["category"], driver["category"]), driver["amount"], level))
        level += driver["amount"]
    steps.append(("Oförklarat", fall["remainder"], level))
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
        f"jan–{MONTH_LABELS.get(fall['ref_month'], fall['ref_month']).lower()}" if fall["ref_month"] != 12 else "helår"
    )
    ax.set_title(f"{unit} {fall['ref_year']} ({period}), enligt {fall['report_id']}")
    ends = [b + h for _, h, b in steps] + [b for _, _, b in steps]
    span = max(ends) - min(ends) or 1.0
    ax.set_ylim(min(0.0, min(ends)) - 0.08 * span, max(ends) + 0.15 * span)
    if fall["budget_pro_rata"]:
        ax.set_xlabel("Budget för perioden = helårsbudget × månader/12", fontsize=8, color="#555")
    fig.tight_layout()
    return fig


def investments_and_result(investments, results, unit: str):
    """Net investments against the frame, beside the unit's full-year result, per year."""
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6))
    years = [str(y) for y in investments.ref_year]
    x = range(len(years))
    left.bar([i - 0.2 for i in x], investments.frame.fillna(0), width=0.4, label="Investeringsram", color="#bbbbbb")
    left.bar([i + 0.2 for i in x], investments.value, width=0.4, label="Utfall/prognos", color="#4c72b0")
    left.set_xticks(list(x), years)
    left.set_title("Nettoinvesteringar mot ram")
    left.legend(fontsize=8)
    right.bar([str(y) for y in results.ref_year], results.unit_value, color="#55a868")
    right.set_title(f"{unit}: resultat helår")
    for ax in (left, right):
        ax.yaxis.set_major_formatter(_tkr_formatter())
        ax.set_ylabel("tkr")
    fig.tight_layout()
    return fig


def volume_series(ser, methods, official, year: int, start: str | None, label: str):
    """Full-year counts (first, partial year marked), counts to date, and the forecasts for `year`."""
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
            label="Delår (öppnade under året)" if partial else None,
        )
    to_date = ser[(ser.measure == "utfall") & (ser.ref_month < 12)]
    to_date = to_date.drop_duplicates(["ref_year", "ref_month"], keep="last")
    ax.scatter([str(y) for y in to_date.ref_year], to_date.value, color="black", zorder=3, label="Hittills (delår)")
    values = [m.value for m in methods if m.value is not None]
    if values:
        ax.vlines(
            str(year),
            min(values),
            max(values),
            color="#55a868",
            linewidth=8,
            alpha=0.6,
            label="Metodernas spann (scenario)",
        )
    if official is not None:
        ax.scatter([str(year)], [official], marker="D", color="#c44e52", zorder=4, label="Officiell prognos")
    ax.set_ylabel(label)
    ax.yaxis.set_major_formatter(_tkr_formatter())
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig


def chat_share(shares, target: float | None):
    """Chat share of cases per period against the target."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    from vsslib.publish.formatting import percent

    fig, ax = plt.subplots(figsize=(7, 3.2))
    labels = [
        f"{r.ref_year}-{r.ref_month:02d}" + (" (prognos)" if r.measure == "prognos" else "")
        for r in shares.itertuples()
    ]
    ax.plot(labels, shares.chat_share, marker="o", color="#4c72b0", label="Andel chatt")
    if target:
        ax.axhline(target, color="#c44e52", linestyle="--", label=f"Mål {percent(target, 0)}")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: percent(v, 0)))
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def monthly_forecast(monthly, frame, label: str):
    """Monthly series with the model's forecast and its 80 % prediction interval."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 3.6))
    ax.plot(monthly.index.to_timestamp(), monthly.values, color="#4c72b0", label="Utfall per månad")
    when = frame.index.to_timestamp()
    ax.plot(when, frame["mean"], color="#c44e52", label="Prognos")
    ax.fill_between(when, frame.pi_lower, frame.pi_upper, color="#c44e52", alpha=0.2, label="80 % prognosintervall")
    ax.set_ylabel(label)
    ax.yaxis.set_major_formatter(_tkr_formatter())
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def facts_per_table(tables):
    """Facts per report, stacked by table."""
    pivot = tables.pivot_table(index="report_id", columns="table", values="facts", aggfunc="sum", fill_value=0)
    ax = pivot.plot(kind="barh", stacked=True, figsize=(8, 3.2), colormap="tab10")
    ax.set_xlabel("Antal fakta")
    ax.set_ylabel("")
    ax.legend(title="Tabell", fontsize=8, bbox_to_anchor=(1.02, 1), loc="upper left")
    ax.xaxis.set_major_formatter(_tkr_formatter())
    ax.figure.tight_layout()
    return ax.figure
