"""Charts for the notebooks. seaborn and matplotlib are imported here, when a chart is drawn."""

from __future__ import annotations

import pandas as pd

STAGE_LABELS = {"budget": "Budget", "april": "April", "augusti": "Augusti", "utfall": "Utfall"}


def forecast_paths(paths: pd.DataFrame, title: str):
    """Budget → April → Augusti → Utfall per unit, one panel per year."""
    import seaborn as sns

    data = paths.assign(Steg=paths.stage.map(STAGE_LABELS), Verksamhet=paths.unit, tkr=paths.value / 1.0,
                        År=paths.ref_year.astype(str))
    grid = sns.relplot(data=data, x="Steg", y="tkr", hue="Verksamhet", col="År", kind="line", marker="o",
                       height=4, aspect=1.1, facet_kws={"sharey": True})
    grid.set_axis_labels("Prognostillfälle", "Resultat, tkr")
    grid.figure.suptitle(title, y=1.03)
    for ax in grid.axes.flat:
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.yaxis.set_major_formatter(_tkr_formatter())
    return grid


def _tkr_formatter():
    from matplotlib.ticker import FuncFormatter

    from vsslib.formatting import number

    return FuncFormatter(lambda value, _: number(value))
