"""Each check fires on a deliberately broken table and stays quiet on a correct one."""

from __future__ import annotations

import pandas as pd
import pytest

from vsslib.facts.checks import (
    check_changes,
    check_conflicts,
    check_deviations,
    check_income_minus_costs,
    check_outliers,
    check_scales,
    check_sub_row_layout,
    check_summary_against_drift,
    check_sums,
)


def fact(**kw):
    base = dict(
        report_id="vss-2099-08",
        organ="VSS",
        vintage="2099-08",
        table="drift_prognos",
        unit="VSS",
        item="resultat",
        detail="",
        measure="prognos",
        ref_year=2099,
        ref_month=12,
        value=0.0,
        uom="tkr",
        source_file="vss-2099-08.txt",
        source_line=1,
        source_text="row",
        precision=1.0,
    )
    base.update(kw)
    return base


def drift(total=10.0, lk=7.0, ks=3.0, dev=7.0):
    return pd.DataFrame(
        [
            fact(unit="LKDATA", value=lk, source_line=2),
            fact(unit="LKDATA", measure="budget", value=0.0, source_line=2),
            fact(unit="LKDATA", measure="avvikelse", value=dev, source_line=2),
            fact(unit="Kontakt Linköping", value=ks, source_line=3),
            fact(unit="VSS", value=total, source_line=4),
        ]
    )


def test_sum_quiet_on_correct_table():
    assert check_sums(drift()) == []


def test_sum_fires_on_broken_total():
    found = check_sums(drift(total=110.0))
    assert len(found) == 1 and found[0].source_line == 4 and found[0].difference == pytest.approx(100.0)


def test_deviation_quiet_and_fires():
    assert check_deviations(drift()) == []
    found = check_deviations(drift(dev=70.0))
    assert [(f.source_line, f.expected, f.severity) for f in found] == [(2, 7.0, "error")]


def test_deviation_other_convention_for_costs_is_reported_once():
    rows = []
    for line, table in ((5, "ekonomi"), (6, "drift_prognos")):
        rows += [
            fact(table=table, item="kostnader", value=110.0, source_line=line),
            fact(table=table, item="kostnader", measure="budget", value=100.0, source_line=line),
            fact(table=table, item="kostnader", measure="avvikelse", value=10.0, source_line=line),
        ]
    found = check_deviations(pd.DataFrame(rows))
    assert [f.severity for f in found] == ["convention"]


def test_change_quiet_and_fires():
    rows = [
        fact(table="drift_utfall", measure="utfall", ref_month=8, value=50.0),
        fact(table="drift_utfall", measure="utfall", ref_year=2098, ref_month=8, value=20.0),
    ]
    good = pd.DataFrame(rows + [fact(table="drift_utfall", measure="förändring", ref_month=8, value=30.0)])
    bad = pd.DataFrame(rows + [fact(table="drift_utfall", measure="förändring", ref_month=8, value=-30.0)])
    assert check_changes(good) == []
    assert [f.expected for f in check_changes(bad)] == [30.0]


def test_income_minus_costs():
    rows = [fact(item="kostnader", value=90.0), fact(item="intäkter", value=100.0)]
    assert check_income_minus_costs(pd.DataFrame(rows + [fact(value=10.0)])) == []
    assert len(check_income_minus_costs(pd.DataFrame(rows + [fact(value=50.0)]))) == 1


def test_summary_against_drift():
    rows = [fact(value=10.0, source_line=9)]
    assert check_summary_against_drift(pd.DataFrame(rows + [fact(table="ekonomi", value=10.0)])) == []
    assert len(check_summary_against_drift(pd.DataFrame(rows + [fact(table="ekonomi", value=-10.0)]))) == 1


def test_conflicts_between_vintages():
    a = fact(table="drift_utfall", measure="utfall", ref_year=2098, value=-423.0)
    b = fact(
        report_id="vss-2099-12", vintage="2099-12", table="drift_utfall", measure="utfall", ref_year=2098, value=-424.0
    )
    found = check_conflicts(pd.DataFrame([a, b]))
    assert [(f.check, f.report_id, f.difference) for f in found] == [("conflict", "vss-2099-12", -1.0)]
    b["value"] = -423.0
    assert check_conflicts(pd.DataFrame([a, b])) == []


def test_conflicts_compare_at_the_coarser_printing():
    # 36,6 mnkr (precision 100 tkr) and 36 630 tkr agree; 3,82 and 3,8 agree
    a = fact(measure="utfall", value=36600.0, precision=100.0)
    b = fact(report_id="vss-2099-12", vintage="2099-12", measure="utfall", value=36630.0)
    assert check_conflicts(pd.DataFrame([a, b])) == []
    c = fact(item="sjukfrånvaro", uom="procent", measure="utfall", value=3.82, precision=0.01)
    d = fact(
        report_id="vss-2099-12",
        vintage="2099-12",
        item="sjukfrånvaro",
        uom="procent",
        measure="utfall",
        value=3.8,
        precision=0.1,
    )
    assert check_conflicts(pd.DataFrame([c, d])) == []


def test_budget_difference_is_a_revision():
    a = fact(measure="budget", value=254271.0, item="kostnader")
    b = fact(report_id="vss-2099-12", vintage="2099-12", measure="budget", value=263577.0, item="kostnader")
    assert [f.check for f in check_conflicts(pd.DataFrame([a, b]))] == ["revision"]


def test_text_amounts_are_quoted_and_stated(tmp_path):
    """A curated prose amount whose quote is not at its line, or does not print the amount, names its row."""
    from vsslib import paths
    from vsslib.errors import ReportError
    from vsslib.facts.annotations import load_text_amounts

    TEXT_AMOUNTS_PATH = paths.layout().annotations / "text_amounts.csv"

    good = TEXT_AMOUNTS_PATH.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(load_text_amounts()) == len(good) - 1
    bad = tmp_path / "text_amounts.csv"
    bad.write_text(good[0] + good[1].replace(",2246,", ",2247,"), encoding="utf-8")
    with pytest.raises(ReportError, match="text_amounts.csv:2: .*2247.* not stated"):
        load_text_amounts(bad)
    bad.write_text(good[0] + good[1].replace(",154,", ",155,"), encoding="utf-8")
    with pytest.raises(ReportError, match="text_amounts.csv:2: .*quote not found"):
        load_text_amounts(bad)


def _one_by_one(facts):
    from vsslib.facts import checks

    found = [f for check in checks.ARITHMETIC for f in check(facts)] + checks.check_conflicts(facts)
    return sorted(found, key=lambda f: (f.check in checks.BETWEEN, f.report_id, f.source_line, f.check, f.what))


def test_findings_remembered_from_all_reports_equal_each_period_s_own():
    """The fork server checks every report once; each period's page must get exactly its own findings."""
    from vsslib.extract.manifest import valid_periods
    from vsslib.facts import checks, decisions
    from vsslib.facts.load import load_facts

    checks.run_checks(decisions.printed(load_facts()))
    for period in valid_periods():
        facts = decisions.printed(load_facts(as_of=period))
        assert checks.run_checks(facts) == _one_by_one(facts), period


def test_a_set_of_reports_that_is_not_every_report_up_to_a_period_is_checked_afresh():
    """VSS's reports alone leave out ks-2018-08: the remembered conflicts do not apply, the result is its own."""
    from vsslib.facts import checks, decisions
    from vsslib.facts.load import load_facts

    checks.run_checks(decisions.printed(load_facts()))
    vss = decisions.printed(load_facts(organ="VSS"))
    assert checks.run_checks(vss) == _one_by_one(vss)


def test_an_indicators_numbers_printed_on_its_kvinnor_line_are_named():
    # vss-2020-12 l. 742-746: 'Balanstal chefer' bare, 'Min' bare, 'Kvinnor 0,82 1,08 0,96 1,0' carries the target
    target = dict(table="indikatorer", item="Balanstal chefer", measure="målvärde", uom="kvot", value=1.0)
    facts = pd.DataFrame(
        [fact(**target, source_line=746, source_text="Kvinnor 0,82 1,08 0,96 1,0")]
        + [fact(**{**target, "detail": "kvinnor", "measure": "utfall"}, source_line=747, source_text="Kvinnor 3,1")]
    )
    (finding,) = check_sub_row_layout(facts)
    assert (finding.check, finding.source_line, finding.severity) == ("layout", 746, "error")
    assert "står på raden ”Kvinnor”" in finding.what
    own_line = facts.assign(source_text="Balanstal chefer 0,82 1,08 0,96 1,0")
    assert check_sub_row_layout(own_line) == []


def _series(*values, line=10):
    """One unit's utfall over years, each year printed on its own line (the last on `line`)."""
    return [
        fact(measure="utfall", table="drift_utfall", ref_year=2090 + n, value=v, source_line=line - len(values) + n + 1)
        for n, v in enumerate(values)
    ]


@pytest.mark.parametrize(
    ("values", "suspect"),
    [
        ((-401.0, -476.0, -476123.0), -476123.0),  # a stray digit group read into the number
        ((96.0, 94.0, 9600.0), 9600.0),  # a percentage with its decimal comma and a digit duplicated
        ((1200.0, 1500.0, 1300.0), None),  # an ordinary series
        ((-476123.0,), None),  # alone: nothing to compare with
        ((0.0, 0.0, 2500.0), None),  # the others are all zero: no scale to judge by
        ((1.0, 2.0, 40.0), None),  # under the floor: 40 beside 2 says little
    ],
    ids=["glued group", "percent", "ordinary", "alone", "zeros", "small"],
)
def test_a_value_far_outside_its_row_and_series_is_a_suspect_finding(values, suspect):
    found = check_outliers(pd.DataFrame(_series(*values)))
    assert [f.printed for f in found] == ([suspect] if suspect is not None else [])
    assert all(f.check == "outlier" and f.severity == "suspect" and f.source_line == 10 for f in found)


def test_an_outlier_is_judged_by_its_own_line_too():
    """A value first in its series is still judged against the other numbers printed on its line."""
    row = [
        fact(measure="budget", value=1000.0, source_line=5),
        fact(measure="prognos", value=524.0, source_line=5),
        fact(measure="avvikelse", value=-476123.0, source_line=5, unit="LKDATA"),
    ]
    assert [f.printed for f in check_outliers(pd.DataFrame(row))] == [-476123.0]


def test_the_reports_own_values_are_never_outliers():
    """Control: no value of the five reports stands 20 times above its line's and series' others."""
    from vsslib.facts import load

    assert check_outliers(load.load_facts()) == []


def test_a_value_outside_its_printed_scale_is_a_finding():
    """vss-2021-08 l. 380 prints Kundnöjdhet on a scale 0-5 (4,0, 4,1, 4,4); read as 44 it is outside it."""
    rows = [
        fact(table="indikatorer", item="Kundnöjdhet", measure="utfall", uom="skala 0-5", value=v, source_line=380)
        for v in (4.0, 4.1, 44.0)
    ]
    found = check_scales(pd.DataFrame(rows))
    assert [(f.check, f.printed, f.expected) for f in found] == [("scale", 44.0, 5.0)]


def test_the_reports_own_scaled_values_are_within_their_scales():
    from vsslib.facts import load

    assert check_scales(load.load_facts()) == []


def test_a_text_amount_is_cited_at_the_line_that_prints_it():
    """Issue 25 §2: LKDATA's '40 miljoner' is on vss-2020-12 l. 277; its quote starts on l. 276."""
    from vsslib.facts.annotations import load_text_amounts

    amounts = load_text_amounts()
    forty = amounts[(amounts.report_id == "vss-2020-12") & (amounts.value == 40000)].iloc[0]
    assert (forty.line, forty.amount_line) == (276, 277)


def test_open_conflicts_name_both_printings_and_leave_out_decided_ones():
    """Review of issue 25. Hand-checked: vss-2020-12 l. 95 prints LKDATA's 2019 support cases 61 500, l. 624
    prints 59187; vss-2019-04 l. 133 prints LKDATA's forecast 5 220, its text l. 154 says 2 246. vss-2019-08
    l. 201 prints Stadsarkivet's 2018 result 0 against 398 (vss-2019-04 l. 132), settled by decision
    b2018-stadsarkivet: no longer open."""
    from vsslib.facts.annotations import load_text_amounts
    from vsslib.facts.checks import contested_printings
    from vsslib.facts.load import load_facts

    contested = contested_printings(load_facts(organ="VSS", as_of="2021-08"), load_text_amounts())
    [support] = contested[("vss-2020-12", 624, 59187.0)]
    assert (support.value, support.report_id, support.line, support.in_text) == (61500.0, "vss-2020-12", 95, False)
    assert [c.value for c in contested[("vss-2020-12", 95, 61500.0)]] == [59187.0]  # both sides
    [text] = contested[("vss-2019-04", 133, 5220.0)]
    assert (text.value, text.line, text.where) == (2246.0, 154, "vss-2019-04, rad 154 (texten)")
    assert ("vss-2019-08", 201, 0.0) not in contested and ("vss-2019-04", 132, 398.0) not in contested
    assert ("vss-2019-04", 133, 3346.0) not in contested  # the budget on the same line agrees everywhere


def test_a_deviation_signed_as_the_result_is_signed_is_one_convention():
    """Review of issue 25: vss-2019-04's summary signs every deviation new − budget: l. 40 'varav kostnader
    265 163 254 271 10 893', l. 42 'Investeringar, netto* 37 940 37 900 40'. Line 135 (kostnader) was a
    convention and line 42 (investments, the same convention) an error, and again an error against the
    investment table's −40 (l. 164, which signs budget − prognos)."""
    from vsslib.facts.checks import run_checks
    from vsslib.facts.load import load_facts

    facts = load_facts(organ="VSS", as_of="2019-04")
    found = [f for f in run_checks(facts) if f.report_id == "vss-2019-04" and f.source_line == 42]
    assert [(f.check, f.severity) for f in found] == [("avvikelse", "convention")]


def test_a_finding_the_decided_values_settle_says_by_which_decision():
    """Review of issue 25: vss-2019-08 l. 204 totals 8 198 for 2018, while its units (l. 197–202: 78, −1 050,
    −39, 8 811, 0, 0) sum to 7 800; decision b2018-stadsarkivet sets Stadsarkivet's 0 on l. 201 to 398 (as
    vss-2019-04 l. 132 prints it), and 7 800 + 398 = 8 198. The sum finding stayed 'öppen'."""
    from vsslib.analysis import quality
    from vsslib.facts import decisions
    from vsslib.facts.annotations import load_text_amounts
    from vsslib.facts.load import load_facts

    within, _ = quality.findings(load_facts(as_of="2019-08"), load_text_amounts(), decisions.load())
    total = within[(within.report_id == "vss-2019-08") & (within.source_line == 204)]
    assert (total.printed.tolist(), total.expected.tolist()) == ([8198.0], [7800.0])
    assert total.status.tolist() == ["beslutad (b2018-stadsarkivet): går ihop med de beslutade värdena"]
    still_open = within[(within.report_id == "vss-2019-04") & (within.source_line == 135)]
    assert still_open.status.tolist() == ["öppen"]  # no decision in that report: nothing settles it


def test_a_value_printed_with_a_trailing_zero_keeps_its_decimal():
    """Second review of issue 25: vss-2019-04 l. 53 prints 'Total sjukfrånvaro 4,0 3,9 3,5'; the conflict said
    'tryckte 4', and the fact's precision was 1 (a 4,3 elsewhere would have agreed with it at that precision)."""
    from vsslib.facts.checks import check_conflicts
    from vsslib.facts.load import load_facts

    facts = load_facts()
    fact = facts[(facts.report_id == "vss-2019-04") & (facts.source_line == 53) & (facts.ref_year == 2018)].iloc[0]
    assert (fact.value, fact.precision) == (4.0, 0.1)
    said = [f.what for f in check_conflicts(facts) if f.report_id == "vss-2020-12" and f.source_line == 680]
    assert said == ["VSS sjukfrånvaro utfall 2018-12: vss-2019-04 rad 53 tryckte 4,0"]


def test_an_open_conflict_about_a_year_the_report_calls_not_comparable_says_so():
    """Third review of issue 25: 13 of vss-2020-12's 15 conflicting rows are 2018 personnel figures (l. 680–746)
    that vss-2019-04 printed otherwise; vss-2019-04 l. 56 itself says: 'På grund av organisationsförändring är det
    svårt att göra en direkt jämförelse mellan respektive år och målvärden.' A decided conflict (vss-2019-08 l. 201,
    Stadsarkivet 2018) keeps its decision alone."""
    from vsslib.analysis import quality
    from vsslib.facts import decisions
    from vsslib.facts.annotations import load_text_amounts, load_unit_facts
    from vsslib.facts.load import load_facts

    restated = load_unit_facts()[("VSS", "not_comparable_before")]
    _, between = quality.findings(load_facts(as_of="2021-08"), load_text_amounts(), decisions.load(), restated)
    sick = between[(between.report_id == "vss-2020-12") & (between.source_line == 680)].iloc[0]
    assert sick.status.startswith("öppen; år före 2019: rapporten varnar själv för jämförelser (”På grund av")
    decided = between[(between.report_id == "vss-2019-08") & (between.source_line == 201)].iloc[0]
    assert decided.status.startswith("beslutad (b2018-stadsarkivet)") and "varnar" not in decided.status
    later = between[(between.report_id == "vss-2021-08") & (between.source_line == 443)]
    assert (later.restated == "").all()  # 2019 and 2020 turnover: comparable years, a conflict as printed
    assert quality.counts(between.iloc[0:0], between)["restated_lines"] == 13  # l. 680–746: 13 printed lines
