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
        (lambda row: row.replace(",-423,", ",minus,"), "'minus' is no plain number"),
        (lambda row: row.replace(",-423,", ",nan,"), "'nan' is no plain number"),
        (lambda row: row.replace(",-423,", ",inf,"), "'inf' is no plain number"),
        (lambda row: row.replace(",-423,", ",-1.320,"), "'-1.320' is no plain number"),  # −1 320 the English way?
        (lambda row: row.replace(",-423,", ",1_000,"), "'1_000' is no plain number"),
        (lambda row: row.replace(",-423,", ",5e2,"), "'5e2' is no plain number"),
        (lambda row: row.replace("b2020-ekonomiservice,", ","), "no id"),
        (
            lambda row: row.replace("b2020-ekonomiservice,vss-2021-08,", "b2020-ekonomiservice,vss-2021-8,"),
            "is no report",
        ),
        (lambda row: row.replace(",2026-11-26", ",2999-01-01"), "is no day a decision was made"),
        (lambda row: row.replace(",2026-11-26", ",1900-01-01"), "is no day a decision was made"),
        (lambda row: row.replace(",2026-11-26", ",20261126"), "is no day a decision was made"),
        (lambda row: row.replace(",2026-11-26", ",2026-W48-4"), "is no day a decision was made"),
        (lambda row: row.replace(",controller VSS,", ",?,"), "no reason or decider"),
        (lambda row: row.replace("Ekonomiservice -423 0 -423 -476", ""), "too short"),
        (lambda row: row.replace("Ekonomiservice -423 0 -423 -476", "E"), "too short"),
        (lambda row: row.replace("Ekonomiservice -423 0 -423 -476", "Ekonomiservice"), "too short"),
        (lambda row: row.replace(",2026-11-26", ",i går"), "decided_on 'i går' is no day"),
        (lambda row: row.replace(",controller VSS,", ", ,"), "no reason or decider"),
    ],
    ids=[
        "quote not at its line",
        "no longer matches a fact",
        "value not a number",
        "nan",
        "inf",
        "a point before three digits",
        "underscores",
        "exponent",
        "empty id",
        "unknown report",
        "a date to come",
        "a date before the reports",
        "basic ISO date",
        "week date",
        "a question mark as decider",
        "empty quote",
        "one-character quote",
        "one-word quote",
        "no date",
        "no decider",
    ],
)
def test_a_bad_decision_row_stops_the_load_naming_the_row(tmp_path, edit, message):
    lines = paths.layout().decisions.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = tmp_path / "decisions.csv"
    bad.write_text(lines[0] + edit(lines[1]), encoding="utf-8")
    with pytest.raises(ReportError, match=f"decisions.csv:2: .*{message}"):
        decisions.apply(load_facts(), decisions.load(bad))


def test_two_decisions_for_one_fact_stop_the_load_naming_both_rows(tmp_path):
    """Two ids deciding vss-2021-08 l. 168 (Ekonomiservice 2020) differently: which one wins would be chance."""
    lines = paths.layout().decisions.read_text(encoding="utf-8").splitlines(keepends=True)
    other = lines[1].replace("b2020-ekonomiservice", "b2020-ekonomiservice-igen").replace(",-423,", ",-424,")
    bad = tmp_path / "decisions.csv"
    bad.write_text(lines[0] + lines[1] + other, encoding="utf-8")
    with pytest.raises(ReportError, match=r"decisions.csv:3: a decision on vss-2021-08 168 .* also on row 2"):
        decisions.load(bad)


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        ("drivers.csv", lambda row: row.replace(",2000,", ",inf,"), "'inf' is no plain number"),
        ("drivers.csv", lambda row: row.replace(",2000,", ",2019,"), "2019 tkr is not stated"),  # 'inför 2018 och 2019'
        ("text_amounts.csv", lambda row: row.replace(",prognos,", ",prognoss,"), "unknown measure 'prognoss'"),
        ("text_amounts.csv", lambda row: row.replace(",resultat,", ",resultaat,"), "unknown item 'resultaat'"),
        ("text_amounts.csv", lambda row: row.replace(",tkr,", ",mnkr,"), "resultat in 'mnkr'"),
        ("unit_facts.csv", lambda row: row.replace(",start,", ",startt,"), "unknown unit fact 'startt'"),
        ("unit_facts.csv", lambda row: row.replace(",2019-04,", ",2019-13,"), "start: '2019-13'"),
        ("unit_facts.csv", lambda row: row.replace(",2019-04,", ",april 2019,"), "start: 'april 2019'"),
        ("drivers.csv", lambda row: row.split(",154,")[0] + ",154,Orsakerna\n", "too short"),
        ("text_amounts.csv", lambda row: row.replace(",2246,", ",nan,"), "'nan' is no plain number"),
        ("unit_facts.csv", lambda row: row.split(",88,")[0] + ",88,Kontakt\n", "too short"),
        ("drivers.csv", lambda row: row.replace("LKDATA,2019,4,", "LKDATA,2019,13,"), "ref_month '13' is no whole"),
        ("drivers.csv", lambda row: row.replace(",154,", ",x154,"), "line 'x154' is no whole number"),
        ("drivers.csv", lambda row: row.replace(",LKDATA,", ",LKDATA ,"), "unknown unit 'LKDATA '"),
        ("text_amounts.csv", lambda row: row.replace(",12,,2246,", ",12,april,2246,"), "from_month 'april'"),
        ("unit_facts.csv", lambda row: row.replace(",start,2019-04,", ",start,1e999,"), "start: '1e999'"),
    ],
    ids=[
        "driver infinite",
        "driver amount a year in the quote",
        "text amount unknown measure",
        "text amount unknown item",
        "text amount wrong uom",
        "unit fact unknown name",
        "unit fact month 13",
        "unit fact month in words",
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

    lines = (paths.layout().annotations / name).read_text(encoding="utf-8").splitlines(keepends=True)
    bad = tmp_path / name
    bad.write_text(lines[0] + edit(lines[1]), encoding="utf-8")
    load = {
        "drivers.csv": annotations.load_drivers,
        "text_amounts.csv": annotations.load_text_amounts,
        "unit_facts.csv": annotations.load_unit_facts,
    }[name]
    with pytest.raises(ReportError, match=f"{name}:2: .*{message}"):
        load(bad, paths.layout().raw)


def test_a_repeated_curated_row_stops_the_load(tmp_path):
    from vsslib.facts import annotations

    lines = (paths.layout().annotations / "unit_facts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    bad = tmp_path / "unit_facts.csv"
    bad.write_text(lines[0] + lines[1] + lines[1], encoding="utf-8")
    with pytest.raises(ReportError, match="unit_facts.csv:3: the unit fact Kontakt Linköping start is also on row 2"):
        annotations.load_unit_facts(bad, paths.layout().raw)


def test_a_decisions_file_saved_by_excel_in_its_windows_encoding_is_refused_saying_how_to_save_it(tmp_path):
    """Attack: decisions.csv saved as cp1252 (Excel's 'CSV (semikolonavgränsad)' on Windows): once a traceback."""
    bad = tmp_path / "decisions.csv"
    bad.write_bytes(paths.layout().decisions.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    with pytest.raises(ReportError, match=r"decisions.csv: not UTF-8 text .*CSV UTF-8"):
        decisions.load(bad)


def test_a_reason_of_one_mark_is_refused(tmp_path):
    lines = paths.layout().decisions.read_text(encoding="utf-8").splitlines(keepends=True)
    head, rest = lines[1].split(',"Bokslutet', 1)
    row = head + ",.," + rest.split('",', 1)[1]
    bad = tmp_path / "decisions.csv"
    bad.write_text(lines[0] + row, encoding="utf-8")
    with pytest.raises(ReportError, match="decisions.csv:2: .*no reason or decider"):
        decisions.load(bad)


def test_one_text_amount_twice_with_january_spelt_two_ways_is_refused(tmp_path):
    """Attack: the LKDATA 2019 forecast row again with from_month '1' (empty means January too)."""
    from vsslib.facts import annotations

    lines = (paths.layout().annotations / "text_amounts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    bad = tmp_path / "text_amounts.csv"
    bad.write_text(lines[0] + lines[1] + lines[1].replace(",12,,2246,", ",12,1,2246,"), encoding="utf-8")
    with pytest.raises(ReportError, match="text_amounts.csv:3: the text amount .* also on row 2"):
        annotations.load_text_amounts(bad)


@pytest.mark.parametrize("value", ["5", "5%", "2"])
def test_a_chat_share_target_that_is_no_share_is_refused(tmp_path, value):
    from vsslib.facts import annotations

    lines = (paths.layout().annotations / "unit_facts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(line for line in lines if ",chat_share_target," in line)
    bad = tmp_path / "unit_facts.csv"
    bad.write_text(lines[0] + target.replace(",0.05,", f",{value},"), encoding="utf-8")
    with pytest.raises(ReportError, match="unit_facts.csv:2: .*chat_share_target.*a share from 0 to 1"):
        annotations.load_unit_facts(bad)


def test_a_fifo_in_place_of_a_curated_file_is_refused_without_waiting(tmp_path):
    import os

    from vsslib.facts import annotations

    fifo = tmp_path / "unit_facts.csv"
    os.mkfifo(fifo)
    with pytest.raises(ReportError, match="unit_facts.csv: .* is not a file"):
        annotations.load_unit_facts(fifo)


def test_the_decisions_follow_the_layout_in_use(tmp_path):
    """Review of issue 24: load_facts found the decisions beside facts.csv by its own arithmetic, so a project
    pointed elsewhere (`paths.use`) still had the checkout's decisions applied."""
    import shutil

    from vsslib import paths
    from vsslib.facts.load import load_facts

    shutil.copytree(paths.layout().data, tmp_path / "data", ignore=shutil.ignore_patterns(".vss.lock*"))
    here = load_facts()
    assert (here.decision != "").sum() >= 1  # the checkout's decisions.csv decides some facts
    header = (tmp_path / "data" / "decisions" / "decisions.csv").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "data" / "decisions" / "decisions.csv").write_text(header + "\n", encoding="utf-8")
    with paths.use(paths.Layout.of(tmp_path)):
        assert (load_facts().decision != "").sum() == 0
