"""Loading the facts: dtypes, organ and as-of filters, as-of values, staleness."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from vsslib.errors import ParameterError, StaleDataError
from vsslib.facts.load import LatestPrintings, history, latest_value, load_facts, one_printing_per_report, value_as_of
from vsslib.facts.store import assert_fresh

ROOT = Path(__file__).resolve().parents[2]


def test_load_filters_by_organ_and_vintage():
    facts = load_facts(organ="VSS", as_of="2019-08")
    assert set(facts.organ) == {"VSS"}
    assert facts.vintage.max() == "2019-08"
    assert str(facts.ref_year.dtype) == "int64" and str(facts.value.dtype) == "float64"


def test_unknown_organ_lists_valid_ones():
    with pytest.raises(ParameterError, match="valid: KS, VSS"):
        load_facts(organ="MoS")


def test_value_as_of_takes_the_latest_printing_known_then():
    facts = load_facts(organ="VSS")
    key = dict(unit="Ekonomiservice", item="resultat", measure="utfall", ref_year=2020, ref_month=12)
    # vss-2020-12 line 155 prints -423; vss-2021-08 line 168 prints -424, decided as -423 (b2020-ekonomiservice)
    assert value_as_of(facts, "2020-12", **key) == -423
    assert value_as_of(facts, "2021-08", **key) == -423
    later = history(facts, **key).iloc[-1]
    assert (later.printed_value, later.decision) == (-424, "b2020-ekonomiservice")
    assert value_as_of(facts, "2019-08", **key) is None
    assert history(facts, **key).report_id.tolist() == ["vss-2020-12", "vss-2021-08"]


def test_bad_period_is_refused():
    with pytest.raises(ParameterError):
        value_as_of(load_facts(), "2021-13", unit="VSS")


def test_stale_or_missing_facts_are_refused(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    facts_path = tmp_path / "data" / "extracted" / "facts.csv"
    meta_path = facts_path.with_name("facts.meta.json")
    manifest = tmp_path / "data" / "raw" / "manifest.csv"
    assert_fresh(facts_path, manifest)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["raw"]["vss-2019-04"] = "0" * 64
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(StaleDataError, match="stale.*vss-2019-04"):
        assert_fresh(facts_path, manifest)
    facts_path.unlink()
    with pytest.raises(StaleDataError, match="missing"):
        assert_fresh(facts_path, manifest)


def test_facts_loaded_twice_are_equal_and_each_caller_s_own():
    """The parsed facts are remembered by their checksum; a caller that changes its frame changes no other."""
    from vsslib.facts.load import load_facts

    first = load_facts()
    first.loc[:, "value"] = -1.0
    second = load_facts()
    assert (second.value != -1.0).any()
    assert second.equals(load_facts())


def test_latest_printings_answer_as_latest_value_does_for_every_series():
    """The one-pass lookup the analyses loop with gives, for every key of every series, the latest printing."""
    facts = load_facts()
    plain = facts[facts.detail == ""]
    checked = 0
    for (unit, item), rows in plain.groupby(["unit", "item"]):
        series = one_printing_per_report(rows, ["measure", "ref_year", "ref_month"])
        printed = LatestPrintings(series)
        for measure, year, month in (
            series[["measure", "ref_year", "ref_month"]].drop_duplicates().itertuples(index=False)
        ):
            expected = latest_value(series, measure=measure, ref_year=year, ref_month=month)
            assert printed.get(measure, year, month) == expected, (unit, item, measure, year, month)
            checked += 1
        assert printed.get("utfall", 1999, 12) is None
    assert checked > 500


def test_latest_printings_take_the_last_vintage():
    # Ekonomiservice's 2020 outcome as printed: vss-2020-12 l. 155 "-423", vss-2021-08 l. 168 "-424" (given newest first)
    rows = pd.DataFrame(
        {
            "measure": ["utfall", "utfall"],
            "ref_year": [2020, 2020],
            "ref_month": [12, 12],
            "vintage": ["2021-08", "2020-12"],
            "report_id": ["vss-2021-08", "vss-2020-12"],
            "source_line": [168, 155],
            "value": [-424.0, -423.0],
        }
    )
    printed = LatestPrintings(rows)
    assert printed.get("utfall", 2020, 12) == -424
    assert LatestPrintings(rows.iloc[::-1]).get("utfall", 2020, 12) == -424  # the order given does not matter
    assert printed.get("utfall", 2020, 8) is None and printed.get("prognos", 2020, 12) is None
