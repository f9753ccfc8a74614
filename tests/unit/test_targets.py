"""Targets as printed (issue 26): every Målvärde cell, its comparator and number, checked by hand against the
reports' lines; forms the contract does not know are kept as printed and warned about."""

from __future__ import annotations

import pytest

from vsslib.extract.targets import parse_target
from vsslib.facts import load


@pytest.mark.parametrize(
    ("printed", "parsed"),
    [
        (">92", (">", 92.0)),
        ("<3,5", ("<", 3.5)),
        ("≥ 90", (">=", 90.0)),
        (">=90", (">=", 90.0)),
        ("minst 90 %", (">=", 90.0)),
        ("högst 3,5", ("<=", 3.5)),
        ("under 5", ("<", 5.0)),
        ("<5%", ("<", 5.0)),
        ("Ska öka", ("increase", None)),
        ("Öka", ("increase", None)),
        ("Minska", ("decrease", None)),
        ("Andele n ska minska <sup>4</sup>", ("decrease", None)),  # ks-2018-08 l. 249, a word broken by the PDF
        ("6,0", ("", 6.0)),
        ("220 000", ("", 220000.0)),
        ("95 <sup>1</sup>", ("", 95.0)),
        ("ca 90", None),
        ("90-95", None),
        ("Not. 1", None),
    ],
)
def test_a_target_as_printed_gives_its_comparator_and_number(printed, parsed):
    assert parse_target(printed) == parsed


@pytest.fixture(scope="module")
def targets():
    return load.load_targets()


def target_at(targets, report: str, line: int) -> list[tuple]:
    rows = targets[(targets.report_id == report) & (targets.source_line == line)]
    return [
        (t.unit, t.target_text, t.comparator, None if t.target_value != t.target_value else t.target_value)
        for t in rows.itertuples()
    ]


@pytest.mark.parametrize(
    ("report", "line", "expected"),
    [
        # vss-2021-08 l. 383: 'Svarsservice Kontakt Linköping (andel inom 120 sekunder %) 90 93 96 >92'
        ("vss-2021-08", 383, [("Kontakt Linköping", ">92", ">", 92.0)]),
        # l. 384: 'Tappade samtal … 6,5 6,0 3,1 <5'
        ("vss-2021-08", 384, [("Kontakt Linköping", "<5", "<", 5.0)]),
        # l. 414: 'Intäkter från försäljning av tjänster (…) 28 22 24 Ska öka'
        ("vss-2021-08", 414, [("VSS", "Ska öka", "increase", None)]),
        # l. 427: 'Total sjukfrånvaro 3,8 4,7 4,6 <3,5'
        ("vss-2021-08", 427, [("VSS", "<3,5", "<", 3.5)]),
        # l. 443: 'Andel avgångar (externt) 8,7 6,7 8,6 6,0'
        ("vss-2021-08", 443, [("VSS", "6,0", "", 6.0)]),
        # l. 380: '-Kontakt Linköping (0-5) 4,0 4,1 4,4 IU': a missing target makes no row
        ("vss-2021-08", 380, []),
        # ks-2018-08 l. 198: 'Personalomsättning (inkl. Leanlink) 7,3 7,3 5,5 Minska'
        ("ks-2018-08", 198, [("KS", "Minska", "decrease", None)]),
        # vss-2019-04 l. 276: 'Goda arbetsplatser Total sjukfrånvaro 4,3 4,0 3,9 3,5'
        ("vss-2019-04", 276, [("VSS", "3,5", "", 3.5)]),
        # vss-2020-12 l. 580 (OCR): 'Svarsservice 1.U. 90 % | 92,8 % 92 %'
        ("vss-2020-12", 580, [("VSS", "92", "", 92.0)]),
        # vss-2019-08 l. 106-109 (PDF text, space-separated): 'Total sjukfrånvaro 2,5 2,3 3,5'
    ],
)
def test_the_reports_targets_are_read_as_printed(targets, report, line, expected):
    assert target_at(targets, report, line) == expected


def test_a_target_of_no_known_form_is_kept_as_printed_and_warned_about(targets, extraction):
    """ks-2018-08 l. 206: 'Antal anbudsgivare per upphandling … 4,7 Not. 1': the target cell is a note mark."""
    assert target_at(targets, "ks-2018-08", 206) == [("KS", "Not. 1", "", None)]
    assert any(w.startswith("ks-2018-08.txt:206: target 'Not. 1'") for w in extraction.warnings)


def test_every_bare_number_target_is_also_a_målvärde_fact(targets):
    """The facts keep the bare-number targets (measure målvärde); the targets table holds those and the rest."""
    facts = load.load_facts()
    bare = targets[(targets.comparator == "") & targets.target_value.notna()]
    goals = facts[facts.measure == "målvärde"]
    keys = ["report_id", "source_line", "unit", "item", "detail"]
    assert set(map(tuple, bare[keys].to_numpy())) == set(map(tuple, goals[keys].to_numpy()))


def test_targets_are_as_fresh_as_the_facts(tmp_path):
    """targets.csv edited after extraction is refused, as facts.csv is."""
    import shutil

    from vsslib import paths
    from vsslib.errors import StaleDataError

    shutil.copytree(paths.layout().data, tmp_path / "data")
    edited = tmp_path / "data" / "extracted" / "targets.csv"
    edited.write_text(edited.read_text(encoding="utf-8").replace(">92", ">90"), encoding="utf-8")
    with pytest.raises(StaleDataError, match="targets.csv"):
        load.load_targets(facts_path=tmp_path / "data" / "extracted" / "facts.csv")
