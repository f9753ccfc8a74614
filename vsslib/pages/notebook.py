"""What every notebook does first and last: validate its parameters, write its JSON summary."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from vsslib import paths
from vsslib.collation import swedish_sorted
from vsslib.errors import ParameterError
from vsslib.extract.manifest import valid_periods
from vsslib.fileio import atomic_write_all, json_ready
from vsslib.pages.published import refuse_published


def resolve_period(period: str | None) -> str:
    """The analysis period: a vintage in the manifest, or the latest when None; a new page starts here.

    Every notebook calls this first, so the page's tables, sources and table numbers are its own
    (`tables.new_page`), however many runs the kernel has seen.
    """
    from vsslib.pages.tables import new_page

    new_page()
    periods = valid_periods()
    if period is None:
        return periods[-1]
    if period not in periods:
        raise ParameterError("period", period, periods)
    return period


def check_choice(name: str, value: object, valid: list | tuple) -> object:
    """Raise ParameterError listing the valid choices unless value is one of them."""
    if value not in valid:
        raise ParameterError(name, value, swedish_sorted(valid))
    return value


def output_path(output_dir: str | None, period: str, name: str) -> Path:
    """<output_dir>/<name>.json; without output_dir a scratch folder (reports/_scratch/<period>), never published.

    Only `vss build` publishes: `write_summary` refuses a published reports folder (NotOwnedError).
    """
    directory = Path(output_dir) if output_dir else paths.layout().scratch / period
    return directory / f"{name}.json"


def scratch_note(output_dir: str | None) -> str:
    """What the page says of where its summary went: nothing in a build, the scratch folder otherwise."""
    if output_dir:
        return ""
    return (
        f"Körd utanför vss build: sammanfattningen skrivs till {paths.layout().scratch.name}/ och publiceras inte. "
        "Publicerade sidor görs med vss build."
    )


def write_summary(path: Path, summary: dict) -> Path:
    """Write a notebook's JSON summary and, beside it, its page's sheets (`tables.sheets_file`), both or neither.

    Sorted keys and stable formatting: the same inputs give the same bytes. Never into published reports.
    """
    from vsslib.pages.tables import sheets_file, sheets_path

    refuse_published(path.parent)
    text = json.dumps(json_ready(summary), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    facts = hashlib.sha256(paths.layout().facts.read_bytes()).hexdigest()  # what this run's pages were made from
    atomic_write_all({path: text.encode("utf-8"), sheets_path(path): sheets_file(facts).encode("utf-8")})
    return path
