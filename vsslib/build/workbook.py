"""A period's numbers for Excel: one workbook (the facts and every page's sheets) and the facts as CSV.

The sheets are the tables the period's pages registered when they ran (`pages.tables.register`, written beside
each page's JSON summary as `<page>.sheets.json`): the workbook computes nothing again, so a sheet cannot
drift from its page. Numbers stay numbers; the facts sheet is a filterable Excel table with a frozen header.
The CSV opens in Swedish Excel by double-click: ';' between fields, decimal comma, UTF-8 with a byte-order mark.
"""

from __future__ import annotations

import errno
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from vsslib.contract import FACT_FIELDS, headers
from vsslib.errors import VssError, WriteError
from vsslib.fileio import atomic_write_all
from vsslib.pages.spreadsheets import csv_bytes, workbook_bytes
from vsslib.pages.tables import Sheet, printed_row

FACT_HEADERS = headers(FACT_FIELDS)  # the contract's Swedish headers
FACTS_SHEET = "Fakta"


class MissingSheetsError(VssError):
    """A page of the period has no sheets file: it was never built, or failed."""


def facts_frame(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts under Swedish headers, values numeric, printed rows without markup."""
    out = facts[list(FACT_HEADERS)].copy()
    out["source_text"] = out.source_text.map(printed_row)
    return out.rename(columns=FACT_HEADERS).reset_index(drop=True)


def facts_csv(facts: pd.DataFrame) -> bytes:
    """The facts as CSV for Swedish Excel: numbers as printed, without a trailing ',0' ('6113', '0,39')."""
    return csv_bytes(facts_frame(facts), number=lambda v: f"{v:.12g}".replace(".", ","))


def read_sheets(pages_dir: Path, pages: list[str]) -> list[Sheet]:
    """The sheets the pages registered, page by page in the given order, each page's in the order shown.

    A page without its sheets file (never built for the period, or failed) is a MissingSheetsError naming it.
    """
    found: list[Sheet] = []
    for page in pages:
        path = pages_dir / f"{page}.sheets.json"
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise MissingSheetsError(
                f"{path} is missing: the page {page} has not been built for {pages_dir.name} "
                f"(run `vss build --period {pages_dir.name}`)"
            ) from None
        except (OSError, ValueError) as exc:
            raise MissingSheetsError(f"{path} cannot be read ({exc}): run `vss build --force`") from None
        found += [Sheet.from_record(record) for record in records]
    names = [sheet.name[:31] for sheet in [Sheet(FACTS_SHEET, pd.DataFrame(), [], []), *found]]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise MissingSheetsError(f"two pages of {pages_dir.name} register the sheet {', '.join(twice)}")
    return found


def workbook(facts: pd.DataFrame, sheets: list[Sheet]) -> bytes:
    """The period's workbook as bytes: the facts as a filterable table, the pages' sheets after it."""
    styled: dict[str, object] = {FACTS_SHEET: facts_frame(facts)}
    for sheet in sheets:
        amounts: list = [*sheet.numbers, *sheet.percents]
        styled[sheet.name] = sheet.frame.style.set_properties(
            subset=amounts, **{"text-align": "right", "white-space": "nowrap"}
        )
    return workbook_bytes(styled, tables={FACTS_SHEET: FACTS_SHEET})


def export(
    data_dir: Path,
    period: str,
    pages_dir: Path,
    pages: list[str],
    out_dir: Path,
    replaceable: Callable[[Path], bool] = lambda _: False,
    kept: str = "vss export --force replaces it",
) -> dict[Path, str]:
    """Write `vss-<period>.xlsx` and `vss-fakta-<period>.csv` into out_dir, both or neither; {path: sha256}.

    The sheets come from the pages built for the period in `pages_dir` (`read_sheets`), the facts from
    `data_dir`. An existing file is replaced only if `replaceable(path)` says so (`vss export --force`; the
    build, for a file still as it wrote it): otherwise a WriteError naming it and saying `kept`, and nothing
    is written.
    """
    from vsslib.facts.load import load_facts

    book, csv = out_dir / f"vss-{period}.xlsx", out_dir / f"vss-fakta-{period}.csv"
    for path in (book, csv):
        if path.exists() and not replaceable(path):
            raise WriteError(path, OSError(errno.EEXIST, f"it is there already and is not replaced ({kept})"))
    sheets = read_sheets(pages_dir, pages)
    facts = load_facts(as_of=period, facts_path=data_dir / "extracted" / "facts.csv", check_fresh=False)
    files = {book: workbook(facts, sheets), csv: facts_csv(facts)}
    atomic_write_all(files)
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
