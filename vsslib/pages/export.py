"""A period's numbers for Excel: one workbook (facts, checks, each page's main tables) and the facts as CSV.

The sheets are the same styled tables the pages show (`tables.styled`), so numbers stay numbers; the
facts sheet is a filterable Excel table with a frozen header. The CSV opens in Swedish Excel by
double-click: ';' between fields, decimal comma, UTF-8 with a byte-order mark.
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from vsslib.contract import FACT_FIELDS, headers
from vsslib.errors import WriteError
from vsslib.fileio import atomic_write_all
from vsslib.pages import tables
from vsslib.pages.spreadsheets import csv_bytes, workbook_bytes

FACT_HEADERS = headers(FACT_FIELDS)  # the contract's Swedish headers


def facts_frame(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts under Swedish headers, values numeric, printed rows without markup."""
    out = facts[list(FACT_HEADERS)].copy()
    out["source_text"] = out.source_text.map(tables.printed_row)
    return out.rename(columns=FACT_HEADERS).reset_index(drop=True)


def facts_csv(facts: pd.DataFrame) -> bytes:
    """The facts as CSV for Swedish Excel: numbers as printed, without a trailing ',0' ('6113', '0,39')."""
    return csv_bytes(facts_frame(facts), number=lambda v: f"{v:.12g}".replace(".", ","))


def sheets(data_dir: Path, period: str) -> dict[str, object]:
    """Sheet name → styled table (or the facts frame) for the period, from the data under `data_dir`."""
    from vsslib.analysis import forecasts, quality, surplus, volumes
    from vsslib.facts.annotations import load_drivers, load_text_amounts, load_unit_facts
    from vsslib.facts.load import load_facts
    from vsslib.facts.store import extraction_meta

    facts = load_facts(as_of=period, facts_path=data_dir / "extracted" / "facts.csv", check_fresh=False)
    stated = load_text_amounts(data_dir / "annotations" / "text_amounts.csv", data_dir / "raw")
    unit_facts = load_unit_facts(data_dir / "annotations" / "unit_facts.csv", data_dir / "raw", set(facts.report_id))
    vss = facts[facts.organ == "VSS"]
    from vsslib.facts import decisions

    decided = decisions.load(data_dir / "decisions" / "decisions.csv", data_dir / "raw")
    arithmetic, between = quality.findings(facts, stated, decided)
    out: dict[str, object] = {"Fakta": facts_frame(facts)}
    out["Räknefel"] = tables.styled(arithmetic)
    out["Motstridiga uppgifter"] = tables.styled(between)
    pairs, pending = forecasts.pair(vss, stated)
    out["Prognoser och utfall"] = tables.styled(pairs, [*forecasts.PAIR_FIELDS])
    out["Prognoser utan utfall"] = tables.styled(
        pending, [c for c in forecasts.PAIR_FIELDS if c in pending] + ["status"]
    )
    out["Träffsäkerhet"] = tables.styled(forecasts.accuracy_by_horizon(pairs, "VSS"), unit="tkr")
    formed = unit_facts.get(("VSS", "formed"))
    out["LKDATA resultat"] = tables.styled(surplus.history(vss, "LKDATA"), unit="tkr")
    shares = surplus.share_of_organ(vss, "LKDATA", "VSS", formed=int(formed.value) if formed else None)
    out["LKDATA andel"] = tables.styled(shares, unit="tkr")
    drivers = load_drivers(data_dir / "annotations" / "drivers.csv", data_dir / "raw")
    falls = surplus.waterfalls(vss, drivers[drivers.report_id.isin(set(vss.report_id))], "LKDATA")
    out["LKDATA avvikelser"] = tables.styled(surplus.waterfall_table(falls), unit="tkr")
    start = unit_facts.get(("Kontakt Linköping", "start"))
    series = volumes.series(vss, "Kontakt Linköping", "ärenden")
    out["Ärenden"] = tables.styled(series, unit="antal")
    out["Ärenden mot mål"] = tables.styled(volumes.against_target(series, start.value if start else None), unit="antal")
    said = stated[
        (stated.unit == "Kontakt Linköping") & (stated["item"] == "ärenden") & stated.report_id.isin(set(vss.report_id))
    ]
    tests = volumes.backtests(vss, "Kontakt Linköping", "ärenden", period, start.value if start else None, said)
    out["Ärenden, prövade prognoser"] = tables.styled(tests, unit="antal")
    out["Chatt"] = tables.styled(volumes.chat_share(vss, "Kontakt Linköping"), unit="antal")
    out |= _goal_sheets(data_dir, period)
    meta = extraction_meta(data_dir / "extracted" / "facts.meta.json")
    out["Tabeller per rapport"] = tables.styled(quality.tables_found(facts, meta, sorted(set(facts.report_id))))
    out["Utanför kontraktet"] = tables.styled(quality.unmapped(facts))
    return out


def _goal_sheets(data_dir: Path, period: str) -> dict[str, object]:
    """'Mål' and 'Indikatorer mot mål': the goals page's two tables for VSS (`goals_indicators.ipynb`)."""
    from vsslib.analysis import goals
    from vsslib.extract.goals import report_goals
    from vsslib.facts import indicators
    from vsslib.facts.load import load_facts, load_targets

    facts_path = data_dir / "extracted" / "facts.csv"
    every = load_facts(facts_path=facts_path, check_fresh=False)
    targets = load_targets(facts_path=facts_path, check_fresh=False)
    known = indicators.printed_indicators(every, targets)
    directions = indicators.load_directions(
        known, data_dir / "annotations" / "indicator_directions.csv", data_dir / "raw"
    )
    series = indicators.load_series(known, data_dir / "annotations" / "indicator_series.csv")
    vss = every[(every.organ == "VSS") & (every.vintage <= period)]
    report = goals.latest_report(vss)
    assessed, placements = report_goals(report, data_dir / "raw") if report else ([], {})
    judged = goals.judge(
        vss, targets[(targets.organ == "VSS") & (targets.vintage <= period)], directions, series, placements
    )
    columns = ["goal", "indicator", "unit", "ref_year", "ref_month", "value", "uom", "target_text", "status_text"]
    return {
        "Mål": tables.styled(goals.goal_table(assessed, judged), ["area", "goal", "assessment", "indicators", "quote"]),
        "Indikatorer mot mål": tables.styled(
            goals.main_rows(judged), [*columns, "men", "women", "report_id", "source_line"]
        ),
    }


def workbook(data_dir: Path, period: str) -> bytes:
    """The period's workbook as bytes: the facts as a filterable table, the pages' tables beside them."""
    found = sheets(data_dir, period)
    facts = [name for name, sheet in found.items() if isinstance(sheet, pd.DataFrame)]
    return workbook_bytes(found, tables={name: "Fakta" for name in facts})


def export(
    data_dir: Path,
    period: str,
    out_dir: Path,
    echo: Callable[[str], object] = lambda _: None,
    replaceable: Callable[[Path], bool] = lambda _: False,
    kept: str = "vss export --force replaces it",
) -> dict[Path, str]:
    """Write `vss-<period>.xlsx` and `vss-fakta-<period>.csv` into out_dir, both or neither; {path: sha256}.

    An existing file is replaced only if `replaceable(path)` says so (`vss export --force`; the build, for a
    file still as it wrote it): otherwise a WriteError naming it and saying `kept`, and nothing is written.
    """
    from vsslib.facts.load import load_facts

    book, csv = out_dir / f"vss-{period}.xlsx", out_dir / f"vss-fakta-{period}.csv"
    for path in (book, csv):
        if path.exists() and not replaceable(path):
            raise WriteError(path, OSError(errno.EEXIST, f"it is there already and is not replaced ({kept})"))
    facts = load_facts(as_of=period, facts_path=data_dir / "extracted" / "facts.csv", check_fresh=False)
    files = {book: workbook(data_dir, period), csv: facts_csv(facts)}
    atomic_write_all(files)
    for path in files:
        echo(f"  wrote {path}")
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
