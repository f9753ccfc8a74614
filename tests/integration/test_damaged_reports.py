"""Each raw report, damaged in the ways text goes wrong in practice, must not give plausible wrong numbers.

For every report and damage: every fact from an intact row is still extracted with the same value,
and nothing else comes out silently different. A damaged row is skipped with a warning naming its
line, reported by the checks, or an error.
"""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from conftest import replace_raw_report

from vsslib.errors import ReportError
from vsslib.extract.pipeline import extract_all
from vsslib.facts.checks import check_sums

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ["ks-2018-08", "vss-2019-04", "vss-2019-08", "vss-2020-12", "vss-2021-08"]
KEY = ("table", "unit", "item", "detail", "measure", "ref_year", "ref_month", "value")


def counted(facts: list[dict], report_id: str, skip_lines: set[int] = frozenset()) -> Counter:
    return Counter(
        tuple(f[k] for k in KEY) for f in facts if f["report_id"] == report_id and f["source_line"] not in skip_lines
    )


@pytest.fixture(scope="module")
def baseline(extraction):
    return extraction.facts


def extract_damaged(tmp_path: Path, report_id: str, data: bytes):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    replace_raw_report(raw, report_id, data)
    return extract_all(raw / "manifest.csv")


def drift_rows(baseline: list[dict], report_id: str) -> list[int]:
    """Lines of single-line unit rows of the report's first Driftsammandrag (self-contained rows)."""
    rows = [
        f
        for f in baseline
        if f["report_id"] == report_id
        and f["table"] == "drift_utfall"
        and f["unit"] != f["organ"]
        and "\n" not in f["source_text"]
    ]
    return sorted({f["source_line"] for f in rows})


def text_of(report_id: str) -> str:
    return (ROOT / "data" / "raw" / f"{report_id}.txt").read_text(encoding="utf-8")


WHOLE_FILE = {
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "windows-1252": lambda text: text.encode("cp1252", errors="replace"),
    "latin-1": lambda text: text.encode("latin-1", errors="replace"),
    "doubled-blank-lines": lambda text: text.replace("\n\n", "\n\n\n").encode("utf-8"),
}


@pytest.mark.parametrize("damage", WHOLE_FILE)
@pytest.mark.parametrize("report_id", REPORTS)
def test_whole_file_damage_changes_no_fact(tmp_path, baseline, report_id, damage):
    result = extract_damaged(tmp_path, report_id, WHOLE_FILE[damage](text_of(report_id)))
    assert counted(result.facts, report_id) == counted(baseline, report_id)
    if damage in ("windows-1252", "latin-1"):
        assert any(w.startswith(f"{report_id}.txt:") and "Windows-1252" in w for w in result.warnings)


@pytest.mark.parametrize("report_id", REPORTS)
def test_stray_html_tags_change_no_fact(tmp_path, baseline, report_id):
    lines = text_of(report_id).split("\n")
    for line in drift_rows(baseline, report_id):
        label = re.match(r"^(.*?)[\t ](?=-?\d)", lines[line - 1]).group(1)  # the text before the first number
        lines[line - 1] = f"<span>{label}</span>{lines[line - 1][len(label) :]}<br>"
    result = extract_damaged(tmp_path, report_id, "\n".join(lines).encode("utf-8"))
    assert counted(result.facts, report_id) == counted(baseline, report_id)


@pytest.mark.parametrize("report_id", REPORTS)
def test_shuffled_rows_change_no_fact(tmp_path, baseline, report_id):
    lines = text_of(report_id).split("\n")
    rows = drift_rows(baseline, report_id)
    block = [lines[i - 1] for i in rows]
    random.Random(8).shuffle(block)
    for i, text in zip(rows, block, strict=True):
        lines[i - 1] = text
    result = extract_damaged(tmp_path, report_id, "\n".join(lines).encode("utf-8"))
    assert counted(result.facts, report_id) == counted(baseline, report_id)


@pytest.mark.parametrize("report_id", REPORTS)
def test_deleted_row_loses_only_its_facts_and_the_checks_notice(tmp_path, baseline, report_id):
    lines = text_of(report_id).split("\n")
    rows = drift_rows(baseline, report_id)
    nonzero = [
        r
        for r in rows
        if any(
            f["source_line"] == r and f["value"] != 0 and f["measure"] == "utfall" and f["report_id"] == report_id
            for f in baseline
        )
    ]
    victim = nonzero[len(nonzero) // 2]
    del lines[victim - 1]
    result = extract_damaged(tmp_path, report_id, "\n".join(lines).encode("utf-8"))
    assert counted(result.facts, report_id) == counted(baseline, report_id, {victim})
    sums = check_sums(pd.DataFrame(result.facts))
    assert any(f.report_id == report_id for f in sums), "the missing row must show as a sum that does not add up"


@pytest.mark.parametrize("report_id", REPORTS)
def test_file_cut_inside_a_table_row_is_refused_or_skipped_with_warning(tmp_path, baseline, report_id):
    text = text_of(report_id)
    line = drift_rows(baseline, report_id)[0]
    offset = sum(len(x) + 1 for x in text.split("\n")[: line - 1]) + len(text.split("\n")[line - 1]) - 2
    try:
        result = extract_damaged(tmp_path, report_id, text[:offset].encode("utf-8"))
    except ReportError as exc:
        assert f"{report_id}.txt:{line}" in str(exc)
        return
    # OCR text: a row that cannot be read is skipped, and the warning names its line
    assert any(w.startswith(f"{report_id}.txt:{line}:") for w in result.warnings)
    assert not [f for f in result.facts if f["report_id"] == report_id and f["source_line"] == line]


@pytest.mark.parametrize("report_id", REPORTS)
def test_file_cut_between_lines_keeps_what_came_before(tmp_path, baseline, report_id):
    text = text_of(report_id)
    cut = drift_rows(baseline, report_id)[-1] + 3
    kept = "\n".join(text.split("\n")[:cut]) + "\n"
    try:
        result = extract_damaged(tmp_path, report_id, kept.encode("utf-8"))
    except ReportError as exc:  # a report cut before its first table is refused
        assert report_id in str(exc)
        return
    got, before = counted(result.facts, report_id), counted(baseline, report_id)
    assert not got - before, "no fact may appear that the intact report does not have"
