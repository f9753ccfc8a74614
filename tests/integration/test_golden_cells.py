"""Hand-verified cells of every report, transcribed from data/raw/<report_id>.txt at the cited line.

Each case: (report_id, line, table, unit, item, detail, measure, ref_year, ref_month, value).
The values were read off the report text by eye, not from the extractor's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CELLS = [
    # vss-2019-04 (markdown-like, tab-separated)
    ("vss-2019-04", 39, "ekonomi", "VSS", "resultat", "", "prognos", 2019, 12, 4075),
    ("vss-2019-04", 39, "ekonomi", "VSS", "resultat", "", "avvikelse", 2019, 12, 729),
    ("vss-2019-04", 40, "ekonomi", "VSS", "kostnader", "", "prognos", 2019, 12, 265163),
    ("vss-2019-04", 41, "ekonomi", "VSS", "intäkter", "", "budget", 2019, 12, 257616),
    ("vss-2019-04", 42, "ekonomi", "VSS", "investeringar netto", "", "avvikelse", 2019, 12, 40),
    ("vss-2019-04", 52, "personal", "VSS", "årsarbetare", "", "utfall", 2019, 4, 170),
    ("vss-2019-04", 52, "personal", "VSS", "årsarbetare", "", "utfall", 2018, 12, 141),
    ("vss-2019-04", 53, "personal", "VSS", "sjukfrånvaro", "", "målvärde", 2019, 12, 3.5),
    ("vss-2019-04", 117, "drift_utfall", "HR-service", "resultat", "", "utfall", 2019, 4, -745),
    ("vss-2019-04", 117, "drift_utfall", "HR-service", "resultat", "", "förändring", 2019, 4, 346),
    ("vss-2019-04", 118, "drift_utfall", "Kontakt Linköping", "resultat", "", "utfall", 2018, 4, 334),
    ("vss-2019-04", 121, "drift_utfall", "VSS", "resultat", "", "utfall", 2019, 4, 6616),
    ("vss-2019-04", 128, "drift_prognos", "VSS ledning och stab", "resultat", "", "prognos", 2019, 12, -945),
    ("vss-2019-04", 130, "drift_prognos", "HR-service", "resultat", "", "utfall", 2018, 12, -1050),
    ("vss-2019-04", 133, "drift_prognos", "LKDATA", "resultat", "", "avvikelse", 2019, 12, 1874),
    (
        "vss-2019-04",
        162,
        "investeringar",
        "LKDATA",
        "investeringar utgifter",
        "IT-utrustning",
        "utfall",
        2019,
        4,
        14900,
    ),
    ("vss-2019-04", 162, "investeringar", "LKDATA", "investeringar netto", "IT-utrustning", "budget", 2019, 12, 37900),
    (
        "vss-2019-04",
        163,
        "investeringar",
        "LKDATA",
        "investeringar inkomster",
        "Pekplattor omsorg 2018, brukare",
        "utfall",
        2019,
        4,
        202,
    ),
    ("vss-2019-04", 276, "indikatorer", "VSS", "sjukfrånvaro", "", "utfall", 2017, 12, 4.3),
    ("vss-2019-04", 277, "indikatorer", "VSS", "sjukfrånvaro", "män", "målvärde", 2019, 12, 3.0),
    ("vss-2019-04", 283, "indikatorer", "VSS", "Hållbart medarbetarengagemang (HME)", "", "utfall", 2019, 4, 78),
    ("vss-2019-04", 288, "indikatorer", "VSS", "Chefers sjukfrånvaro", "män", "utfall", 2019, 4, 2.05),
    ("vss-2019-04", 294, "indikatorer", "VSS", "personalomsättning", "", "utfall", 2019, 4, 6),
    # vss-2019-08 (PDF text: single spaces, headers broken over lines)
    ("vss-2019-08", 45, "ekonomi", "VSS", "resultat", "", "prognos", 2019, 12, 16889),
    ("vss-2019-08", 45, "ekonomi", "VSS", "resultat", "", "budget", 2019, 12, 3346),
    ("vss-2019-08", 45, "ekonomi", "VSS", "resultat", "", "avvikelse", 2019, 12, 13543),
    ("vss-2019-08", 46, "ekonomi", "VSS", "kostnader", "", "prognos", 2019, 12, 252928),
    ("vss-2019-08", 48, "ekonomi", "VSS", "investeringar netto", "", "avvikelse", 2019, 12, -10100),
    ("vss-2019-08", 69, "volymer", "Kontakt Linköping", "ärenden", "", "prognos", 2019, 12, 197000),
    ("vss-2019-08", 69, "volymer", "Kontakt Linköping", "ärenden", "", "utfall", 2019, 8, 100000),
    ("vss-2019-08", 109, "personal", "VSS", "tillsvidareanställda", "", "utfall", 2019, 8, 175),
    ("vss-2019-08", 111, "personal", "VSS", "personalomsättning", "", "målvärde", 2019, 12, 5.5),
    ("vss-2019-08", 174, "drift_utfall", "HR-service", "resultat", "", "förändring", 2019, 8, 1086),
    ("vss-2019-08", 176, "drift_utfall", "LKDATA", "resultat", "", "utfall", 2019, 8, 12976),
    ("vss-2019-08", 176, "drift_utfall", "LKDATA", "resultat", "", "utfall", 2018, 8, 5916),
    ("vss-2019-08", 180, "drift_utfall", "VSS", "resultat", "", "utfall", 2019, 8, 16015),
    ("vss-2019-08", 200, "drift_prognos", "LKDATA", "resultat", "", "prognos", 2019, 12, 15834),
    ("vss-2019-08", 200, "drift_prognos", "LKDATA", "resultat", "", "utfall", 2018, 12, 8811),
    (
        "vss-2019-08",
        254,
        "investeringar",
        "LKDATA",
        "investeringar utgifter",
        "IT-utrustning",
        "utfall",
        2019,
        8,
        33100,
    ),
    (
        "vss-2019-08",
        254,
        "investeringar",
        "LKDATA",
        "investeringar netto",
        "IT-utrustning",
        "avvikelse",
        2019,
        12,
        -10060,
    ),
    (
        "vss-2019-08",
        257,
        "investeringar",
        "LKDATA",
        "investeringar utgifter",
        "Pekplattor omsorg 2018, brukare",
        "prognos",
        2019,
        12,
        848,
    ),
    ("vss-2019-08", 260, "investeringar", "VSS", "investeringar netto", "", "prognos", 2019, 12, 48000),
    ("vss-2019-08", 510, "indikatorer", "VSS", "sjukfrånvaro", "", "utfall", 2019, 8, 2.5),
    # vss-2020-12 (OCR)
    ("vss-2020-12", 63, "ekonomi", "VSS", "resultat", "", "utfall", 2020, 12, 6773),
    ("vss-2020-12", 65, "ekonomi", "VSS", "investeringar netto", "", "utfall", 2020, 12, 36630),
    ("vss-2020-12", 65, "ekonomi", "VSS", "investeringar netto", "", "avvikelse", 2020, 12, 23370),
    ("vss-2020-12", 93, "volymer", "Kontakt Linköping", "ärenden", "", "utfall", 2020, 12, 259248),
    ("vss-2020-12", 93, "volymer", "Kontakt Linköping", "ärenden", "", "utfall", 2019, 12, 206583),
    ("vss-2020-12", 94, "volymer", "Kontakt Linköping", "ärenden chatt", "", "utfall", 2020, 12, 5162),
    ("vss-2020-12", 95, "volymer", "LKDATA", "ärenden", "", "utfall", 2019, 12, 61500),
    ("vss-2020-12", 100, "personal", "VSS", "tillsvidareanställda", "", "utfall", 2020, 12, 212),
    ("vss-2020-12", 101, "personal", "VSS", "sjukfrånvaro", "", "utfall", 2019, 12, 3.82),
    ("vss-2020-12", 154, "drift_utfall", "Upphandling och inköp", "resultat", "", "utfall", 2020, 12, 391),
    ("vss-2020-12", 155, "drift_utfall", "Ekonomiservice", "resultat", "", "utfall", 2020, 12, -423),
    ("vss-2020-12", 157, "drift_utfall", "Kontakt Linköping", "resultat", "", "utfall", 2019, 12, 5027),
    ("vss-2020-12", 159, "drift_utfall", "eLärandeCenter", "resultat", "", "utfall", 2020, 12, -635),
    ("vss-2020-12", 160, "drift_utfall", "LKDATA", "resultat", "", "utfall", 2020, 12, 7244),
    ("vss-2020-12", 161, "drift_utfall", "Löneservice", "resultat", "", "utfall", 2020, 12, -2),
    ("vss-2020-12", 162, "drift_utfall", "VSS", "resultat", "", "utfall", 2019, 12, 17301),
    # vss-2020-12 lines 218-249: 'Belopp mnkr', labels first, then 'Budget 2020 / Utfall 2020 netto-investeringar'
    ("vss-2020-12", 243, "investeringar", "LKDATA", "investeringar netto", "IT-utrustning", "utfall", 2020, 12, 36100),
    (
        "vss-2020-12",
        243,
        "investeringar",
        "LKDATA",
        "investeringar netto",
        "IT-utrustning",
        "avvikelse",
        2020,
        12,
        23900,
    ),
    (
        "vss-2020-12",
        245,
        "investeringar",
        "Kontakt Linköping",
        "investeringar netto",
        "Inventarier",
        "utfall",
        2020,
        12,
        300,
    ),
    ("vss-2020-12", 269, "investeringar", "VSS", "investeringar netto", "", "utfall", 2020, 12, 36600),
    ("vss-2020-12", 620, "indikatorer", "Stadsarkivet", "ärenden", "", "utfall", 2018, 12, 593),
    ("vss-2020-12", 624, "indikatorer", "LKDATA", "ärenden", "", "utfall", 2019, 12, 59187),
    # vss-2021-08 (plain text, tab-separated)
    ("vss-2021-08", 61, "ekonomi", "VSS", "resultat", "", "prognos", 2021, 12, 8245),
    ("vss-2021-08", 62, "ekonomi", "VSS", "investeringar netto", "", "budget", 2021, 12, 53500),
    ("vss-2021-08", 77, "volymer", "Kontakt Linköping", "ärenden", "", "prognos", 2021, 12, 280000),
    ("vss-2021-08", 77, "volymer", "Kontakt Linköping", "ärenden", "", "utfall", 2021, 8, 190721),
    ("vss-2021-08", 77, "volymer", "Kontakt Linköping", "ärenden", "", "utfall", 2020, 8, 166760),
    ("vss-2021-08", 78, "volymer", "Kontakt Linköping", "ärenden chatt", "", "utfall", 2021, 8, 6999),
    ("vss-2021-08", 82, "volymer", "HR-service", "rekryteringar", "", "prognos", 2021, 12, 360),
    ("vss-2021-08", 83, "volymer", "eLärandeCenter", "e-utbildningar", "", "utfall", 2021, 8, 22),
    ("vss-2021-08", 105, "personal", "VSS", "tillsvidareanställda", "", "målvärde", 2021, 12, 225),
    ("vss-2021-08", 150, "drift_utfall", "VSS ledning och stab", "resultat", "", "utfall", 2020, 8, -272),
    ("vss-2021-08", 151, "drift_utfall", "Upphandling och inköp", "resultat", "", "budget", 2021, 8, -41),
    ("vss-2021-08", 152, "drift_utfall", "Skyddslager Covid-19", "resultat", "", "utfall", 2021, 8, 1076),
    ("vss-2021-08", 160, "drift_utfall", "VSS", "resultat", "", "avvikelse", 2021, 8, 9601),
    ("vss-2021-08", 173, "drift_prognos", "LKDATA", "resultat", "", "prognos", 2021, 12, 9360),
    ("vss-2021-08", 176, "drift_prognos", "VSS", "kostnader", "", "avvikelse", 2021, 12, 354881),
    (
        "vss-2021-08",
        201,
        "investeringar",
        "LKDATA",
        "investeringar netto",
        "IT-utrustning",
        "avvikelse",
        2021,
        12,
        21000,
    ),
    (
        "vss-2021-08",
        203,
        "investeringar",
        "VSS ledning och stab",
        "investeringar netto",
        "Inventarier Ebbepark",
        "prognos",
        2021,
        12,
        6500,
    ),
    ("vss-2021-08", 427, "indikatorer", "VSS", "sjukfrånvaro", "", "utfall", 2021, 8, 4.6),
    ("vss-2021-08", 443, "indikatorer", "VSS", "personalomsättning", "", "utfall", 2019, 12, 8.7),
    # ks-2018-08 (markdown-like; KS prints net cost, so resultat is the printed number negated)
    ("ks-2018-08", 705, "drift_utfall", "Kommunövergripande", "resultat", "", "utfall", 2018, 8, -28491),
    ("ks-2018-08", 705, "drift_utfall", "Kommunövergripande", "resultat", "", "förändring", 2018, 8, 1546),
    ("ks-2018-08", 710, "drift_utfall", "Ekonomi", "resultat", "", "avvikelse", 2018, 8, -16000),
    ("ks-2018-08", 718, "drift_utfall", "KS", "resultat", "", "utfall", 2018, 8, -228983),
    ("ks-2018-08", 726, "drift_prognos", "Kommunövergripande", "resultat", "", "prognos", 2018, 12, -54706),
    ("ks-2018-08", 726, "drift_prognos", "Kommunövergripande", "resultat", "", "avvikelse", 2018, 12, -2542),
    ("ks-2018-08", 726, "drift_prognos", "Kommunövergripande", "resultat", "", "utfall", 2017, 12, -60535),
    ("ks-2018-08", 738, "drift_prognos", "Nämndens verksamhet", "resultat", "", "prognos", 2018, 12, 615),
    ("ks-2018-08", 739, "drift_prognos", "KS", "resultat", "", "avvikelse", 2018, 12, 13630),
    ("ks-2018-08", 740, "drift_prognos", "KS", "kostnader", "", "prognos", 2018, 12, 445053),
    ("ks-2018-08", 741, "drift_prognos", "KS", "intäkter", "", "avvikelse", 2018, 12, -15707),
    ("ks-2018-08", 771, "investeringar", "KS", "investeringar utgifter", "Mark o byggnader", "utfall", 2018, 8, 7637),
    ("ks-2018-08", 771, "investeringar", "KS", "investeringar netto", "Mark o byggnader", "budget", 2018, 12, 8300),
    ("ks-2018-08", 776, "investeringar", "KS", "investeringar netto", "", "prognos", 2018, 12, 49101),
    ("ks-2018-08", 198, "indikatorer", "KS", "personalomsättning", "", "utfall", 2018, 8, 5.5),
    ("ks-2018-08", 199, "indikatorer", "KS", "sjukfrånvaro", "", "utfall", 2016, 12, 6.1),
    ("ks-2018-08", 200, "indikatorer", "KS", "sjukfrånvaro", "kvinnor", "utfall", 2018, 8, 7.1),
    (
        "ks-2018-08",
        247,
        "indikatorer",
        "KS",
        "Antal lägenheter i gällande översiktsplan",
        "",
        "prognos",
        2018,
        12,
        38400,
    ),
]


def _id(case):
    return f"{case[0]}:{case[1]}:{case[4]}:{case[6]}:{case[7]}-{case[8]:02d}"


@pytest.mark.parametrize("case", CELLS, ids=[_id(c) for c in CELLS])
def test_cell_extracted_as_printed(facts, case):
    rid, line, table, unit, item, detail, measure, year, month, value = case
    hit = facts[
        (facts.report_id == rid)
        & (facts.source_line == line)
        & (facts.table == table)
        & (facts.unit == unit)
        & (facts["item"] == item)
        & (facts.detail == detail)
        & (facts.measure == measure)
        & (facts.ref_year == year)
        & (facts.ref_month == month)
    ]
    assert len(hit) == 1, f"expected one fact, found {len(hit)}"
    assert hit.iloc[0].value == pytest.approx(value)


def test_at_least_fifteen_cells_per_report():
    per_report = {}
    for case in CELLS:
        per_report[case[0]] = per_report.get(case[0], 0) + 1
    assert len(per_report) == 5 and min(per_report.values()) >= 15, per_report


@pytest.mark.parametrize(
    ("rid", "line", "unit"),
    [
        ("vss-2019-04", 82, None),  # 'Ärenden' does not appear before 2019-08: no volymer table in vss-2019-04
    ],
)
def test_no_volume_table_in_first_report(facts, rid, line, unit):
    assert facts[(facts.report_id == rid) & (facts.table == "volymer")].empty


def test_missing_markers_make_no_rows(facts):
    # vss-2021-08 line 84: 'Antal upphandlingar 80 40 IU' -> no utfall 2020-08
    rows = facts[(facts.report_id == "vss-2021-08") & (facts.source_line == 84)]
    assert set(zip(rows.measure, rows.ref_year, rows.ref_month, strict=True)) == {
        ("prognos", 2021, 12),
        ("utfall", 2021, 8),
    }
    # vss-2021-08 line 427: target '<3,5' is an inequality, not a number
    target = facts[(facts.report_id == "vss-2021-08") & (facts.source_line == 427) & (facts.measure == "målvärde")]
    assert target.empty


def test_relabelled_column_takes_its_new_meaning(facts):
    # vss-2021-08 lines 85-86: 'Helår 2019:' relabels the last column; 'Mikro - 29 % 16 %'
    rows = facts[(facts.report_id == "vss-2021-08") & (facts.source_line == 86)]
    assert set(zip(rows.measure, rows.ref_year, rows.ref_month, rows.value, strict=True)) == {
        ("utfall", 2021, 8, 29.0),
        ("utfall", 2019, 12, 16.0),
    }
    assert set(rows.uom) == {"procent"}


def test_source_text_is_the_printed_row(facts):
    lines = {}
    for rid in facts.report_id.unique():
        lines[rid] = (ROOT / "data" / "raw" / f"{rid}.txt").read_text(encoding="utf-8").split("\n")
    for row in facts.itertuples():
        first = row.source_text.split("\n")[0]
        assert lines[row.report_id][row.source_line - 1] == first


def test_mnkr_is_converted_and_compared_at_its_precision(facts):
    # vss-2020-12 line 243 prints '60 36,1 23,9' under 'Belopp mnkr'; line 237 prints '0 03 -0,3' (OCR lost the comma)
    row = facts[(facts.report_id == "vss-2020-12") & (facts.source_line == 243) & (facts.measure == "utfall")]
    assert row.value.tolist() == [36100.0] and row.precision.tolist() == [100.0]
    ocr = facts[(facts.report_id == "vss-2020-12") & (facts.source_line == 237) & (facts.measure == "budget")]
    assert ocr.value.tolist() == [0.0]
