"""The extractor's own misreadings of the OCR report vss-2020-12 (issue 16), fixed by general rules; each test
cites the line. Values are read off data/raw/vss-2020-12.txt by hand."""

from __future__ import annotations

import pytest

from vsslib.extract.numbers import Token
from vsslib.extract.wrapped_tables import restore_lost_comma
from vsslib.facts.load import load_facts


@pytest.fixture(scope="module")
def ocr():
    facts = load_facts()
    return facts[facts.report_id == "vss-2020-12"]


def cells(facts, **key):
    mask = True
    for column, value in key.items():
        mask = mask & (facts[column] == value)
    return {(r.measure, r.ref_year): r.value for r in facts[mask].itertuples()}


def test_a_number_inside_a_wrapped_label_is_no_value(ocr):
    """l. 582–583: 'Andel (%) inom 120' / 'sekunder.' describes Svarsservice (l. 580: 90 %, 92,8 %, target 92 %)."""
    assert ocr[ocr.source_line == 582].empty
    assert cells(ocr, unit="VSS", item="Svarsservice") == {
        ("utfall", 2019): 90,
        ("utfall", 2020): 92.8,
        ("målvärde", 2020): 92,
    }


def test_a_lost_decimal_comma_is_restored_among_one_decimal_numbers(ocr):
    """l. 729–730: 'personalomséttning 2,1 53 8,6 6,0': the 2019 turnover is 5,3, not 53."""
    turnover = cells(ocr, item="personalomsättning", detail="", source_line=729)
    assert turnover == {("utfall", 2018): 2.1, ("utfall", 2019): 5.3, ("utfall", 2020): 8.6, ("målvärde", 2020): 6.0}


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["2,1", "53", "8,6", "6,0"], ["2,1", "5,3", "8,6", "6,0"]),
        (["0,9", "2,0", "5,1", "2,0"], ["0,9", "2,0", "5,1", "2,0"]),  # l. 719: nothing lost
        (["68", "78"], ["68", "78"]),  # l. 703: integers among integers
        (["30", "29", "28", "90"], ["30", "29", "28", "90"]),  # l. 594: visits, all whole numbers
        (["1,4", "4,0", "11,8"], ["1,4", "4,0", "11,8"]),  # l. 732: no bare number
    ],
)
def test_restore_lost_comma_only_where_the_row_says_so(tokens, expected):
    assert [t.text for t in restore_lost_comma([Token(t) for t in tokens])] == expected


def test_sub_rows_take_the_places_of_their_parents_numbers(ocr):
    """l. 711–717: managers' turnover 'I.U. I.U. 10,7 6,5', then 'Maén 12,0' and 'Kvinnor 9,6': both 2020."""
    item = "Chefsomsättning (andel tillsvidare chefer som har börjat eller slutat, %)"
    assert cells(ocr, item=item, detail="män") == {("utfall", 2020): 12.0}
    assert cells(ocr, item=item, detail="kvinnor") == {("utfall", 2020): 9.6}
    assert cells(ocr, item=item, detail="") == {("utfall", 2020): 10.7, ("målvärde", 2020): 6.5}


def test_a_sub_row_word_alone_is_no_indicator_and_a_sub_row_never_carries_the_target(ocr):
    """l. 742–746: 'Balanstal chefer', 'Min' (OCR for Män, without numbers), 'Kvinnor 0,82 1,08 0,96 1,0'.

    Four numbers, the last in the target column: the indicator's own, printed on the Kvinnor line (issue 22).
    """
    assert "Min" not in set(ocr["item"])
    expected = {("utfall", 2018): 0.82, ("utfall", 2019): 1.08, ("utfall", 2020): 0.96, ("målvärde", 2020): 1.0}
    assert cells(ocr, item="Balanstal chefer", detail="") == expected
    assert cells(ocr, item="Balanstal chefer", detail="kvinnor") == {}


def test_a_label_wrapped_under_its_numbers_names_the_row(ocr):
    """l. 621–623: 'HR Service LU. LU. 193 220' / 'rekryteringar' under 'Arendevolym': recruitments, not cases."""
    assert cells(ocr, unit="HR-service", item="rekryteringar") == {("utfall", 2020): 193, ("målvärde", 2020): 220}
    assert cells(ocr, unit="HR-service", item="ärenden", table="indikatorer") == {}


def test_the_organs_result_in_the_indicator_table_is_a_result_in_tkr(ocr):
    """l. 614–615: 'God ekonomisk kontroll Forvaltningens LU. | 17301 6773 0 tkr' / 'resultat tkr tkr': VSS's
    result 17 301 (2019) and 6 773 (2020) tkr against the goal 0 — the Driftsammandrag's totals (l. 162)."""
    row = ocr[ocr.source_line == 614]
    assert set(row["item"]) == {"resultat"} and set(row.uom) == {"tkr"} and set(row.unit) == {"VSS"}
    assert cells(row, unit="VSS") == {("utfall", 2019): 17301, ("utfall", 2020): 6773, ("målvärde", 2020): 0}
