"""What a page rests on and which expected reports are missing (issue 25 §3, coverage)."""

from __future__ import annotations

from pathlib import Path

from vsslib.analysis import coverage, forecasts
from vsslib.extract.manifest import ManifestEntry
from vsslib.facts.annotations import load_text_amounts
from vsslib.facts.load import load_facts


def entry(report_id: str, vintage: str, organ: str = "VSS") -> ManifestEntry:
    return ManifestEntry(report_id, organ, vintage, "delårsrapport", report_id, "0" * 64, Path("x"), 2)


def test_the_missing_reports_are_the_expected_vintages_no_report_has():
    """data/raw/manifest.csv: VSS filed 2019-04, 2019-08, 2020-12 and 2021-08; every April, August and December
    from its first report on is expected, so the annual report 2019 and April/August 2020 and April 2021 are
    missing; KS's 2018 report is another organ's."""
    assert coverage.missing("2021-08", "VSS") == ["2019-12", "2020-04", "2020-08", "2021-04"]
    assert coverage.missing("2019-08", "VSS") == []
    said = coverage.sentence("2021-08", "VSS")
    assert said.startswith("Underlag för VSS: 4 rapporter till och med 2021-08 (vss-2019-04, vss-2019-08, vss-2020-12,")
    assert said.endswith("Saknas i underlaget: verksamhetsberättelsen 2019, delårsrapporten april 2020, "
                         "delårsrapporten augusti 2020, delårsrapporten april 2021.")  # fmt: skip
    only = [entry("a", "2022-04"), entry("b", "2022-12")]
    assert coverage.missing("2023-04", "VSS", only) == ["2022-08", "2023-04"]  # up to the period, not after


def test_the_forecast_page_says_what_a_missing_report_prevents():
    """Without the annual report 2019 the 2019 outcomes come from vss-2020-12 (l. 122: "bokslut 2020 jämfört med
    bokslut 2019"); without the interim reports of 2020 their forecasts for 2020 cannot be judged."""
    facts = load_facts(organ="VSS", as_of="2021-08")
    pairs, _ = forecasts.pair(facts, load_text_amounts())
    said = forecasts.coverage_sentences(pairs, coverage.missing("2021-08", "VSS"))
    assert said[0] == (
        "Verksamhetsberättelsen 2019 saknas; utfallet 2019 kommer från vss-2020-12, som trycker det som föregående år."
    )
    assert said[1].startswith("Delårsrapporten april 2020 och delårsrapporten augusti 2020 saknas: de prognoser för")
    none = forecasts.coverage_sentences(pairs.iloc[0:0], ["2019-12"])
    assert none == ["Verksamhetsberättelsen 2019 saknas; utfallet 2019 är därför inte känt och årets prognoser kan "
                    "inte bedömas."]  # fmt: skip
