"""Shared fixtures: the facts extracted from the committed raw reports, and every period built (once per session)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import settings

from vsslib.extract.pipeline import extract_all

settings.register_profile("vss", derandomize=True, database=None, deadline=None)
settings.load_profile("vss")

# Left out of `make test-fast` for their time alone: each took 0.9 s or more on 2 cores, measured with
# `pytest -m "not slow" --durations=0` (2026-12-01); together about 50 of the 75 s the rest then took.
SLOW_BY_DURATION = {
    "test_rolling_origin_beats_the_naive_forecast",
    "test_the_title_page_of_a_pdf_names_the_report",
    "test_monthly_model_recovers_trend_and_season",
    "test_dry_run_shows_each_column_as_read_and_writes_nothing",
    "test_every_command_prints_in_cp1252",
    "test_vss_check_in_cp1252_prints_every_finding_with_a_plain_minus",
    "test_the_period_workbook_has_no_formula_anywhere",
    "test_the_same_workbook_written_twice_has_the_same_bytes_and_opens",
    "test_a_table_s_download_is_the_same_every_time",
    "test_findings_remembered_from_all_reports_equal_each_period_s_own",
    "test_results_on_stdout_and_a_closed_pipe_is_no_error",
    "test_a_missing_notebooks_extra_is_a_message_not_a_traceback",
    "test_a_report_moved_one_year_on_is_added_and_extracts_like_its_original",
    "test_monthly_forecast_says_synthetic_is_cut_at_the_period_and_checks_its_interval",
    "test_the_same_period_or_the_same_text_is_refused",
    "test_latest_printings_answer_as_latest_value_does_for_every_series",
    "test_a_workbook_held_open_in_excel_fails_alone_and_says_which_file_to_close",
    "test_any_text_reads_back_from_a_workbook_as_text",
}


def pytest_collection_modifyitems(config, items):
    """Mark the tests of SLOW_BY_DURATION slow; on a whole-suite run a name no test has is an error."""
    unknown = SLOW_BY_DURATION - {item.originalname for item in items}
    narrowed = config.getoption("lf", default=False) or config.getoption("keyword")
    whole = config.args == config.getini("testpaths") and not narrowed
    if unknown and whole:
        raise pytest.UsageError(f"SLOW_BY_DURATION names no test (renamed?): {sorted(unknown)}")
    for item in items:
        if item.originalname in SLOW_BY_DURATION or "built_reports" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def built_reports(tmp_path_factory):
    """Every period built once with the default (warm) build: read, never changed, by the tests of pages and
    workbooks. A test that uses it is slow (`make test-fast` leaves it out)."""
    from vsslib.publish.builder import build

    reports = tmp_path_factory.mktemp("built") / "reports"
    outcomes = build(reports_dir=reports, echo=lambda *_: None)
    assert [o for o in outcomes if o.status != "built"] == []
    return reports


def pages() -> dict[str, str]:
    """The notebooks, the pages a period's workbook is made from: name → Swedish title."""
    from vsslib import paths
    from vsslib.publish.plan import notebook_title

    return {p.stem: notebook_title(p) for p in sorted(paths.layout().notebooks.glob("*.ipynb"))}


def facts_sha256() -> str:
    """The sha256 of the checkout's facts.csv, which a page's sheets file records."""
    import hashlib

    from vsslib import paths

    return hashlib.sha256(paths.layout().facts.read_bytes()).hexdigest()


def pages_without_tables(reports_dir, *periods: str):
    """A reports folder whose pages of the periods registered no sheet: a workbook of the facts alone, fast."""
    from vsslib.pages.tables import sheets_file

    for period in periods:
        (reports_dir / period).mkdir(parents=True, exist_ok=True)
        for page in pages():
            (reports_dir / period / f"{page}.sheets.json").write_text(sheets_file(facts_sha256(), []), encoding="utf-8")
    return reports_dir


@pytest.fixture(scope="session")
def extraction():
    return extract_all()


@pytest.fixture(scope="session")
def facts(extraction) -> pd.DataFrame:
    return pd.DataFrame(extraction.facts)


def replace_raw_report(raw_dir, report_id: str, data: bytes) -> None:
    """Put new bytes in place of a raw report and record their checksum in the manifest, as a new text would."""
    import csv
    import hashlib

    raw = raw_dir / f"{report_id}.txt"
    raw.chmod(0o644)
    raw.write_bytes(data)
    manifest = raw_dir / "manifest.csv"
    rows = list(csv.DictReader(manifest.open(encoding="utf-8")))
    for row in rows:
        if row["report_id"] == report_id:
            row["sha256"] = hashlib.sha256(data).hexdigest()
    with manifest.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def project(tmp_path):
    """A writable copy of the project's data/ in tmp_path, for commands that change it (`vss add`, `vss extract`)."""
    import shutil

    from vsslib import paths

    shutil.copytree(paths.layout().root / "data", tmp_path / "data", ignore=shutil.ignore_patterns(".vss.lock*"))
    for f in (tmp_path / "data").rglob("*"):
        f.chmod(0o644 if f.is_file() else 0o755)
    return tmp_path


def run_vss(project, *args: str):
    """`vss ARGS` run on the project copy (VSS_PROJECT_ROOT), its output captured."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "VSS_PROJECT_ROOT": str(project)}
    command = [sys.executable, "-m", "vsslib.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False, cwd=project)
