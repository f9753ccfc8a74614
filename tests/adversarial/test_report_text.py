"""Attacks on a report's text (issue 12, case 12): each ends in an error naming file and line, or a
warning naming the line with the row skipped — never in a value. Each test states its attack in one line.

The rows edited are quoted from the reports: vss-2021-08 lines 149–160 (the tab-separated
'Driftsammandrag' of the January–August result, Ekonomiservice on line 153: `320 210 111 -401`) and
vss-2020-12 lines 150–162 (the OCR 'Driftsammandrag' of 2020, Ekonomiservice on line 155:
`-423 0 -423 -476`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from vsslib.errors import ReportError
from vsslib.extract.manifest import read_manifest
from vsslib.extract.pipeline import extract_report

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = {e.report_id: e for e in read_manifest(ROOT / "data" / "raw" / "manifest.csv", verify=False)}


def extract_edited(tmp_path: Path, report_id: str, line: int, new: str | None):
    """Facts and warnings of a report whose 1-based `line` is replaced by `new` (None deletes it)."""
    entry = ENTRIES[report_id]
    lines = entry.path.read_text(encoding="utf-8").split("\n")
    if new is None:
        del lines[line - 1]
    else:
        lines[line - 1] = new
    path = tmp_path / entry.path.name
    path.write_text("\n".join(lines), encoding="utf-8")
    facts, warnings, _, _ = extract_report(dataclasses.replace(entry, path=path))
    return facts, warnings


def cell(facts, unit: str, measure: str, year: int) -> list[float]:
    return [
        f["value"]
        for f in facts
        if f["table"] == "drift_utfall" and (f["unit"], f["measure"], f["ref_year"]) == (unit, measure, year)
    ]


def test_the_unedited_rows_read_as_printed(tmp_path):
    """Control: the rows the attacks edit read as printed (vss-2021-08 l. 153, vss-2020-12 l. 155)."""
    facts, _ = extract_edited(tmp_path, "vss-2021-08", 153, "Ekonomiservice\t320\t210\t111\t-401")
    assert cell(facts, "Ekonomiservice", "utfall", 2021) == [320]
    facts, _ = extract_edited(tmp_path, "vss-2020-12", 155, "Ekonomiservice -423 0 -423 -476")
    assert cell(facts, "Ekonomiservice", "utfall", 2019) == [-476]


def test_a_tab_row_with_an_extra_cell_is_an_error(tmp_path):
    """Attack: a row with one cell more than its heading (`999` first), shifting every value one column."""
    with pytest.raises(ReportError, match="beyond the 4 columns") as raised:
        extract_edited(tmp_path, "vss-2021-08", 153, "Ekonomiservice\t999\t320\t210\t111\t-401")
    assert (raised.value.file, raised.value.line) == ("vss-2021-08.txt", 153)


@pytest.mark.parametrize(
    "row",
    ["Ekonomiservice\t320\t111\t-401", "Ekonomiservice\t210\t111\t-401", "Ekonomiservice\t320\t210\t111"],
    ids=["budget missing", "outcome missing", "last missing"],
)
def test_a_tab_row_with_a_cell_missing_is_an_error_not_a_shift(tmp_path, row):
    """Attack (issue 23, class 8): vss-2021-08 l. 153 with one of its four cells left out; once the budget
    was read as the avvikelse. Which cell is missing cannot be told, so the row is refused naming its line."""
    with pytest.raises(ReportError, match="the row has 4 cells where its heading .* has 5") as raised:
        extract_edited(tmp_path, "vss-2021-08", 153, row)
    assert (raised.value.file, raised.value.line) == ("vss-2021-08.txt", 153)


@pytest.mark.parametrize("row", ["\t320\t210\t111\t-401", "320\t210\t111\t-401"], ids=["label empty", "label gone"])
def test_a_tab_row_without_its_label_is_an_error_not_a_loss(tmp_path, row):
    """Attack (second blind round): vss-2021-08 l. 153 with its label 'Ekonomiservice' left out; once dropped."""
    with pytest.raises(ReportError) as raised:
        extract_edited(tmp_path, "vss-2021-08", 153, row)
    assert (raised.value.file, raised.value.line) == ("vss-2021-08.txt", 153)


def test_a_heading_with_its_rows_deleted_is_named(tmp_path):
    """Attack: delete the eleven rows under the heading on vss-2021-08 line 149."""
    entry = ENTRIES["vss-2021-08"]
    lines = entry.path.read_text(encoding="utf-8").split("\n")
    del lines[149:160]
    path = tmp_path / entry.path.name
    path.write_text("\n".join(lines), encoding="utf-8")
    _, warnings, _, _ = extract_report(dataclasses.replace(entry, path=path))
    assert any(w.startswith("vss-2021-08.txt:149:") and "no rows" in w for w in warnings)


def test_two_rows_for_one_unit_in_a_table_name_both_lines(tmp_path):
    """Attack: relabel Ekonomiservice (line 153) as HR-service, the unit of line 154."""
    with pytest.raises(ReportError, match="line 153") as raised:
        extract_edited(tmp_path, "vss-2021-08", 153, "HR-service\t320\t210\t111\t-401")
    assert raised.value.line == 154


@pytest.mark.parametrize(
    ("printed", "reason"),
    [
        ("1.320", "dot before three digits"),
        ("0320", "leading zero"),
        ("99999999999999999999", "larger than any figure"),
        ("1 32 0", "malformed"),
    ],
)
def test_an_ambiguous_number_in_a_tab_table_is_an_error(tmp_path, printed, reason):
    """Attack: a cell `1.320`, `0320` or twenty nines where vss-2021-08 line 153 prints 320."""
    with pytest.raises(ReportError, match=reason) as raised:
        extract_edited(tmp_path, "vss-2021-08", 153, f"Ekonomiservice\t{printed}\t210\t111\t-401")
    assert raised.value.line == 153


@pytest.mark.parametrize(
    ("tail", "reason"),
    [
        (" 123" * 30, "larger than any figure"),
        (" 123" * 200, "larger than any figure"),
        (" 12", "cannot read"),
    ],
    ids=["30 stray tokens", "200 stray tokens", "a stray short token"],
)
def test_stray_ocr_tokens_skip_the_row_with_a_warning(tmp_path, tail, reason):
    """Attack: OCR noise after the last number of vss-2020-12 line 155 (`-476`)."""
    facts, warnings = extract_edited(tmp_path, "vss-2020-12", 155, "Ekonomiservice -423 0 -423 -476" + tail)
    assert cell(facts, "Ekonomiservice", "utfall", 2019) == []
    assert any(w.startswith("vss-2020-12.txt:155: skipped OCR row") and reason in w for w in warnings)


def test_an_ocr_row_readable_two_ways_is_skipped(tmp_path):
    """Attack: a stray `123` after a positive number: `476 123` could be one number or two."""
    facts, warnings = extract_edited(tmp_path, "vss-2020-12", 155, "Ekonomiservice -423 0 -423 476 123")
    assert cell(facts, "Ekonomiservice", "utfall", 2020) == []
    assert any("vss-2020-12.txt:155" in w and "more than one way" in w for w in warnings)


def indicator(facts, item_start: str) -> list[float]:
    return [f["value"] for f in facts if f["table"] == "indikatorer" and f["item"].startswith(item_start)]


def test_a_footnote_wrapped_over_two_lines_does_not_end_its_table(tmp_path):
    """ks-2018-08 l. 227: footnote 1 wrapped as a PDF prints it; the rows under it (l. 231, 54,5) still count."""
    wrapped = (
        "<sup>1</sup> Regeringens kortsiktiga mål är att 95 % av alla hushåll ska ha\ntillgång till 100 Mbit/s 2020."
    )
    facts, _ = extract_edited(tmp_path, "ks-2018-08", 227, wrapped)
    assert 54.5 in indicator(facts, "Invånare 25-64 år med eftergymnasial utbildning")


def test_prose_after_a_table_still_ends_it(tmp_path):
    """Control: a line of prose (not under a footnote mark) in place of footnote 1 ends the table there."""
    facts, _ = extract_edited(tmp_path, "ks-2018-08", 227, "Kommunstyrelsen har fattat beslut om start.")
    assert indicator(facts, "Invånare 25-64 år med eftergymnasial utbildning") == []


def test_a_stray_digit_group_glued_onto_a_number_is_found_and_marked(tmp_path):
    """Attack (issue 23, class 8): vss-2020-12 l. 155 `-476` (Ekonomiservice's 2019 result) with a stray `123`.

    The row still has its four numbers, so it reads as −476 123; the value is a finding ('avvikande värde')
    on the data-quality page and marked (⚠, title, caption) on every table that shows it.
    """
    import pandas as pd

    from vsslib.analysis import quality
    from vsslib.facts import load
    from vsslib.pages.tables import styled

    edited, _ = extract_edited(tmp_path, "vss-2020-12", 155, "Ekonomiservice -423 0 -423 -476 123")
    kept = load.load_facts()
    facts = pd.concat([kept[kept.report_id != "vss-2020-12"], pd.DataFrame(edited)], ignore_index=True)
    facts = facts.assign(printed_value=facts.value, decision="")
    _, between = quality.findings(facts)
    outliers = between[between.check == "outlier"]
    assert outliers[["report_id", "source_line", "printed"]].to_numpy().tolist() == [["vss-2020-12", 155, -476123.0]]

    shown = pd.DataFrame(
        {"report_id": ["vss-2020-12", "vss-2020-12"], "source_line": [155, 155], "value": [-423.0, -476123.0]}
    )
    html = styled(shown, ["value"], facts=facts, cited={"value": ("report_id", "source_line")}).to_html()
    cells = [c for c in html.split("<td")[1:]]
    assert "suspect" not in cells[0] and "suspect" in cells[1]
    assert "Misstänkt läsfel" in html and "misstänkt läsfel (avvikande värde" in html


@pytest.mark.parametrize(
    ("printed", "reason"),
    [
        ("l 425", "a letter read as a digit"),  # OCR's l for 1: once the budget fact vanished without a word
        ("1 42O", "a letter read as a digit"),
        ("6,113", "a comma before three digits"),  # 6,113 tkr or 6 113 tkr: cannot be told
    ],
)
def test_a_cell_that_is_a_number_only_if_misread_is_an_error(tmp_path, printed, reason):
    """Attack: vss-2021-08 l. 158 (`LKDATA 6 113 1 425 4 688 7 190`) with its budget cell made ambiguous."""
    with pytest.raises(ReportError, match=reason) as raised:
        extract_edited(tmp_path, "vss-2021-08", 158, f"LKDATA\t6 113\t{printed}\t4 688\t7 190")
    assert (raised.value.file, raised.value.line) == ("vss-2021-08.txt", 158)
