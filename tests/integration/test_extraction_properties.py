"""Properties of the whole extraction: determinism, the committed file is current, schema, vocabularies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from vsslib.contract import COLUMNS
from vsslib.extract.pipeline import extract_all
from vsslib.extract.vocabulary import UNIT_ALIASES
from vsslib.facts.schema import FactsSchema
from vsslib.facts.store import facts_csv

ROOT = Path(__file__).resolve().parents[2]


def test_extraction_is_deterministic_and_committed_file_is_current(extraction):
    again = extract_all()
    assert facts_csv(again.facts) == facts_csv(extraction.facts)
    assert (ROOT / "data" / "extracted" / "facts.csv").read_text(encoding="utf-8") == facts_csv(extraction.facts)


def test_schema_valid_and_every_declared_column_filled(facts):
    FactsSchema.validate(facts)
    assert list(facts.columns) == list(COLUMNS)
    for column in COLUMNS:
        assert (facts[column].astype(str) != "").any(), f"{column} is never filled"


def test_all_seven_tables_found(facts):
    assert set(facts.table) == {
        "drift_utfall",
        "drift_prognos",
        "ekonomi",
        "investeringar",
        "volymer",
        "personal",
        "indikatorer",
    }


def test_drift_units_are_canonical(facts):
    drift = facts[facts.table.str.startswith("drift")]
    for organ, units in drift.groupby("organ").unit:
        assert set(units) <= set(UNIT_ALIASES[organ]) | {organ}


def test_sign_rule(facts):
    # vss-2019-08 line 45 prints 'Verksamhetens nettokostnader -16 889 -3 346 13 543': a surplus
    row = facts[(facts.report_id == "vss-2019-08") & (facts.source_line == 45) & (facts.measure == "prognos")]
    assert row.value.tolist() == [16889.0]
    # KS line 707 prints Säkerhet net cost 82 985: resultat −82 985
    ks = facts[
        (facts.report_id == "ks-2018-08")
        & (facts.source_line == 707)
        & (facts.measure == "utfall")
        & (facts.ref_year == 2018)
    ]
    assert ks.value.tolist() == [-82985.0]


def test_ocr_spellings_map_to_canonical_units(facts):
    # vss-2020-12 lines 154-161 print 'Upphandling & inkop', 'Kontakt Linkdping', 'eLarandeCenter', 'Loneservice'
    units = set(facts[(facts.report_id == "vss-2020-12") & (facts.table == "drift_utfall")].unit)
    assert {"Upphandling och inköp", "Kontakt Linköping", "eLärandeCenter", "Löneservice"} <= units


def test_import_stays_lean():
    code = (
        "import sys, vsslib; heavy = [m for m in ('seaborn', 'statsmodels', 'matplotlib') if m in sys.modules];"
        "sys.exit(1 if heavy else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
