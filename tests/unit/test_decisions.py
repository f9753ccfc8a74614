"""The controller's decisions (issue 16): validated against the raw text, applied with the printed value kept,
shown as decided on the checks. The seeded decisions cite their reports' lines."""

from __future__ import annotations

import pytest

from vsslib import paths
from vsslib.analysis import quality
from vsslib.errors import ReportError
from vsslib.facts import decisions
from vsslib.facts.load import load_facts


def test_the_seeded_decisions_are_applied_and_keep_what_was_printed():
    """vss-2021-08 l. 168/169 print 2020 as −424/525, vss-2020-12 l. 155/156 as −423/524; vss-2019-08 l. 201
    prints Stadsarkivet's 2018 as 0 where vss-2019-04 l. 132 printed 398 (and l. 204's total needs 398)."""
    facts = load_facts()

    def outcome(report: str, line: int, unit: str, year: int) -> tuple:
        row = facts[
            (facts.report_id == report)
            & (facts.source_line == line)
            & (facts.unit == unit)
            & (facts.measure == "utfall")
            & (facts.ref_year == year)
        ]
        assert len(row) == 1
        return tuple(row.iloc[0][["value", "printed_value", "decision"]])

    assert outcome("vss-2021-08", 168, "Ekonomiservice", 2020) == (-423, -424, "b2020-ekonomiservice")
    assert outcome("vss-2021-08", 169, "HR-service", 2020) == (524, 525, "b2020-hr-service")
    assert outcome("vss-2019-08", 201, "Stadsarkivet", 2018) == (398, 0, "b2018-stadsarkivet")
    assert outcome("vss-2020-12", 155, "Ekonomiservice", 2020) == (-423, -423, "")


def test_a_decided_finding_is_shown_as_decided_with_its_reason():
    facts = load_facts(as_of="2021-08")
    _, between = quality.findings(facts, None, decisions.load())
    decided = between[between.status.str.startswith("beslutad")]
    assert set(decided.source_line) == {168, 169, 201} and decided.status.str.contains("Bokslutet").any()
    assert (between.status == "öppen").sum() > 0


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda row: row.replace(",155,Ekonomiservice -423", ",156,Ekonomiservice -423"), "quote not found"),
        (
            lambda row: row.replace("vss-2021-08,168,Ekonomiservice", "vss-2021-08,170,Ekonomiservice"),
            "matches 0 facts",
        ),
        (lambda row: row.replace(",-423,", ",minus,"), "'minus' is no finite number"),
        (lambda row: row.replace(",-423,", ",nan,"), "'nan' is no finite number"),
        (lambda row: row.replace(",-423,", ",inf,"), "'inf' is no finite number"),
        (lambda row: row.replace("Ekonomiservice -423 0 -423 -476", ""), "too short"),
        (lambda row: row.replace("Ekonomiservice -423 0 -423 -476", "E"), "too short"),
        (lambda row: row.replace("Ekonomiservice -423 0 -423 -476", "Ekonomiservice"), "too short"),
        (lambda row: row.replace(",2026-11-26", ",i går"), "decided_on 'i går' is no date"),
        (lambda row: row.replace(",controller VSS,", ", ,"), "no reason or decider"),
    ],
    ids=[
        "quote not at its line",
        "no longer matches a fact",
        "value not a number",
        "nan",
        "inf",
        "empty quote",
        "one-character quote",
        "one-word quote",
        "no date",
        "no decider",
    ],
)
def test_a_bad_decision_row_stops_the_load_naming_the_row(tmp_path, edit, message):
    lines = paths.DECISIONS_PATH.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = tmp_path / "decisions.csv"
    bad.write_text(lines[0] + edit(lines[1]), encoding="utf-8")
    with pytest.raises(ReportError, match=f"decisions.csv:2: .*{message}"):
        decisions.apply(load_facts(), decisions.load(bad))


def test_two_decisions_for_one_fact_stop_the_load_naming_both_rows(tmp_path):
    """Two ids deciding vss-2021-08 l. 168 (Ekonomiservice 2020) differently: which one wins would be chance."""
    lines = paths.DECISIONS_PATH.read_text(encoding="utf-8").splitlines(keepends=True)
    other = lines[1].replace("b2020-ekonomiservice", "b2020-ekonomiservice-igen").replace(",-423,", ",-424,")
    bad = tmp_path / "decisions.csv"
    bad.write_text(lines[0] + lines[1] + other, encoding="utf-8")
    with pytest.raises(ReportError, match=r"decisions.csv:3: a decision on vss-2021-08 168 .* also on row 2"):
        decisions.load(bad)


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        ("drivers.csv", lambda row: row.replace(",2000,", ",inf,"), "'inf' is no finite number"),
        ("drivers.csv", lambda row: row.split(",154,")[0] + ",154,Orsakerna\n", "too short"),
        ("text_amounts.csv", lambda row: row.replace(",2246,", ",nan,"), "'nan' is no finite number"),
        ("unit_facts.csv", lambda row: row.split(",88,")[0] + ",88,Kontakt\n", "too short"),
        ("drivers.csv", lambda row: row.replace("LKDATA,2019,4,", "LKDATA,2019,13,"), "ref_month '13' is no whole"),
        ("drivers.csv", lambda row: row.replace(",154,", ",x154,"), "line 'x154' is no whole number"),
        ("drivers.csv", lambda row: row.replace(",LKDATA,", ",LKDATA ,"), "unknown unit 'LKDATA '"),
        ("text_amounts.csv", lambda row: row.replace(",12,,2246,", ",12,april,2246,"), "from_month 'april'"),
        ("unit_facts.csv", lambda row: row.replace(",start,2019-04,", ",start,1e999,"), "'1e999' is no finite"),
    ],
    ids=[
        "driver infinite",
        "driver one-word quote",
        "text amount nan",
        "unit fact one-word quote",
        "driver month 13",
        "driver line not a number",
        "driver unknown unit",
        "text amount from_month as a word",
        "unit fact value infinite",
    ],
)
def test_every_curated_file_is_as_strict(tmp_path, name, edit, message):
    from vsslib.facts import annotations

    lines = (paths.ANNOTATIONS_DIR / name).read_text(encoding="utf-8").splitlines(keepends=True)
    bad = tmp_path / name
    bad.write_text(lines[0] + edit(lines[1]), encoding="utf-8")
    load = {
        "drivers.csv": annotations.load_drivers,
        "text_amounts.csv": annotations.load_text_amounts,
        "unit_facts.csv": annotations.load_unit_facts,
    }[name]
    with pytest.raises(ReportError, match=f"{name}:2: .*{message}"):
        load(bad, paths.RAW_DIR)


def test_a_repeated_curated_row_stops_the_load(tmp_path):
    from vsslib.facts import annotations

    lines = (paths.ANNOTATIONS_DIR / "unit_facts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    bad = tmp_path / "unit_facts.csv"
    bad.write_text(lines[0] + lines[1] + lines[1], encoding="utf-8")
    with pytest.raises(ReportError, match="unit_facts.csv:3: the unit fact Kontakt Linköping start is also on row 2"):
        annotations.load_unit_facts(bad, paths.RAW_DIR)
