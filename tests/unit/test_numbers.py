"""Swedish number parsing, cell by cell and for space-separated PDF/OCR value runs."""

from __future__ import annotations

import pytest

from vsslib.extract.numbers import NumberError, Token, is_missing, parse_cell, split_values


@pytest.mark.parametrize(
    ("text", "value", "percent"),
    [
        pytest.param("12 976", 12976, False, id="thousands-space"),
        pytest.param("-1 050", -1050, False, id="negative"),
        pytest.param("4,6", 4.6, False, id="decimal-comma"),
        pytest.param("7 %", 7, True, id="percent"),
        pytest.param("<b>6 616</b>", 6616, False, id="bold-markup"),
        pytest.param("82*", 82, False, id="footnote-star"),
        pytest.param("95 <sup>1</sup>", 95, False, id="sup-footnote"),
        pytest.param("7244", 7244, False, id="ocr-no-separator"),
    ],
)
def test_parse_cell_numbers(text, value, percent):
    assert parse_cell(text) == (pytest.approx(value), percent)


@pytest.mark.parametrize("text", ["I.U.", "IU", "<i>i.u.</i>", "LU.", "L.U.", "1.U.", "1L.U", "IU-", "-", "N/A", ""])
def test_missing_markers(text):
    assert is_missing(text)
    assert parse_cell(text) == (None, False)


@pytest.mark.parametrize("text", ["Minska", "<3,5", ">90", "Not. 1", "Ska öka"])
def test_text_cells_are_no_number(text):
    assert parse_cell(text) == (None, False)


@pytest.mark.parametrize("text", ["12 34", "1,2,3", "1 2345"])
def test_malformed_numbers_raise(text):
    with pytest.raises(NumberError):
        parse_cell(text)


def tokens(text):
    return [Token(t, missing=is_missing(t)) for t in text.split()]


@pytest.mark.parametrize(
    ("text", "columns", "expected"),
    [
        # vss-2019-08 line 255: 'utrustning 33 100 0 47 960 0 47 960 37 900 -10 060'
        pytest.param(
            "33 100 0 47 960 0 47 960 37 900 -10 060",
            7,
            [33100, 0, 47960, 0, 47960, 37900, -10060],
            id="pdf-investment",
        ),
        # vss-2019-08 line 258: 'brukare 848 808 40 0 -40' (two cells empty)
        pytest.param("848 808 40 0 -40", 7, [848, 808, 40, 0, -40], id="fewer-than-columns"),
        # vss-2019-08 line 205: 'varav kostnader 252 928 263 577 10 648 219 200'
        pytest.param("252 928 263 577 10 648 219 200", 4, [252928, 263577, 10648, 219200], id="no-millions"),
        # vss-2020-12 line 162: 'Summa 6773 0 6773 17 301' (OCR dropped some separators)
        pytest.param("6773 0 6773 17 301", 4, [6773, 0, 6773, 17301], id="ocr-mixed"),
        pytest.param("I.U. 7 - 8,0", 4, [None, 7, None, 8.0], id="missing-markers"),
        pytest.param("0 03 -0,3", 3, [0, 0.3, -0.3], id="ocr-lost-comma"),
    ],
)
def test_split_values(text, columns, expected):
    got = [v for v, _ in split_values(tokens(text), columns)]
    assert got == [pytest.approx(e) if e is not None else None for e in expected]


def test_split_values_without_any_grouping_raises():
    with pytest.raises(NumberError):
        split_values([Token("abc")], 3)


@pytest.mark.parametrize(
    ("label", "uom"),
    [
        # ks-2018-08 lines 222, 240, 264, 289, 297 and vss-2021-08 line 380
        ("Antal nyföretagsamma människor per 1 000 invånare (16-74 år).", "antal"),
        ("Tillgänglighet, e-post Andel som får svar på e-post inom två dagar, (%)", "procent"),
        ("Återstående medellivslängd vid födseln (män) kommun, år", "år"),
        ("Slutanvändning av energi totalt inom den geografiska kommunen, MWh/inv", "MWh/inv"),
        ("Resultat före extraordinära poster kommunkoncern, kr/inv", "kr"),
        ("-Kontakt Linköping (0-5)", "skala 0-5"),
    ],
)
def test_units_of_measure_of_indicators(label, uom):
    from vsslib.extract.vocabulary import guess_uom

    assert guess_uom(label, False) == uom
