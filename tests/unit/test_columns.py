"""Column headers to measures and periods, as the contract's 'Columns to measures' lists them."""

from __future__ import annotations

import pytest

from vsslib.extract.columns import parse_cell_header, parse_wrapped_header


@pytest.mark.parametrize(
    ("header", "vintage", "expected"),
    [
        pytest.param("Redovisning 30/4 2019", (2019, 4), ("utfall", 2019, 4, None), id="redovisning"),
        pytest.param("Redovisat jan-aug 2021", (2021, 8), ("utfall", 2021, 8, None), id="redovisat-span"),
        pytest.param("Bokslut 2020", (2020, 12), ("utfall", 2020, 12, None), id="bokslut"),
        pytest.param("Prognos helår", (2019, 8), ("prognos", 2019, 12, None), id="prognos-helar"),
        pytest.param("Budget jan-aug 2021", (2021, 8), ("budget", 2021, 8, None), id="budget-to-date"),
        pytest.param("Investerings- ram 2019", (2019, 4), ("budget", 2019, 12, None), id="investeringsram"),
        pytest.param("Redovisat samma period föregående år", (2021, 8), ("utfall", 2020, 8, None), id="previous-year"),
        pytest.param("Augusti 2020", (2021, 8), ("utfall", 2020, 8, None), id="month-year"),
        pytest.param("Utfall aug. 2021", (2021, 8), ("utfall", 2021, 8, None), id="utfall-aug"),
        pytest.param("2019", (2021, 8), ("utfall", 2019, 12, None), id="bare-year"),
        pytest.param("Målvärde helår", (2021, 8), ("målvärde", 2021, 12, None), id="malvarde"),
        pytest.param("Målvä rde", (2021, 8), ("målvärde", 2021, 12, None), id="broken-word"),
        pytest.param(
            "Redovisning 30/4 2019 Utgifter", (2019, 4), ("utfall", 2019, 4, "utgifter"), id="investment-kind"
        ),
        pytest.param("Helår 2019:", (2021, 8), ("utfall", 2019, 12, None), id="relabel"),
        # issue 22: 'Redovisat jan-' / 'aug 2022' wrapped inside one cell is a month range, not a full year
        pytest.param("Redovisat jan- aug 2022", (2022, 8), ("utfall", 2022, 8, None), id="wrapped-range"),
        # ks-2018-08 l. 195-196: '2018' over 'Utfall per 31 aug.'; the day is read with its month
        pytest.param("2018 Utfall per 31 aug.", (2018, 8), ("utfall", 2018, 8, None), id="day-of-date"),
    ],
)
def test_cell_header(header, vintage, expected):
    col = parse_cell_header(header).resolved(*vintage)
    assert (col.measure, col.year, col.month, col.kind) == expected


def test_wrapped_header_row_layout():
    # vss-2019-08 lines 249-252: words of seven columns stacked over three lines
    words = (
        "Redovisning Redovisning Prognos Prognos Prognos Investerings- Avvikelse "
        "Belopp tkr 31/8 2019 31/8 2019 2019 2019 2019 ram Utgifter Inkomster Utgifter Inkomster Netto 2019"
    ).split()
    cols = [c.resolved(2019, 8) for c in parse_wrapped_header(words)]
    assert [(c.measure, c.year, c.month, c.kind) for c in cols] == [
        ("utfall", 2019, 8, "utgifter"),
        ("utfall", 2019, 8, "inkomster"),
        ("prognos", 2019, 12, "utgifter"),
        ("prognos", 2019, 12, "inkomster"),
        ("prognos", 2019, 12, "netto"),
        ("budget", 2019, 12, None),
        ("avvikelse", 2019, 12, None),
    ]


def test_wrapped_header_one_word_per_line():
    # vss-2019-08 lines 185-195: 'Prognos / helår / Budget / 2019 / Avvikelse Bokslut / 2018'
    cols = [
        c.resolved(2019, 8) for c in parse_wrapped_header("Prognos helår Budget 2019 Avvikelse Bokslut 2018".split())
    ]
    assert [(c.measure, c.year, c.month) for c in cols] == [
        ("prognos", 2019, 12),
        ("budget", 2019, 12),
        ("avvikelse", 2019, 12),
        ("utfall", 2018, 12),
    ]


def test_ocr_header_above_title():
    # vss-2020-12 lines 569-570: 'Malvi' above '... 2018 2019 2020 rde'
    cols = parse_wrapped_header("Indikator 2018 2019 2020 Malvirde".split())
    assert [c.measure for c in cols] == ["utfall", "utfall", "utfall", "målvärde"]
