"""Property-based tests (hypothesis) of the number parser and the table-row parser."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vsslib import formatting as fmt
from vsslib.errors import VssError
from vsslib.extract.numbers import NumberError, Token, parse_cell, split_values
from vsslib.extract.tables import TableReader

integers = st.integers(min_value=-9_999_999, max_value=9_999_999)


@given(integers)
def test_integers_round_trip(n):
    assert parse_cell(fmt.number(n)) == (n, False)  # '12 976', '-1 050'


@given(st.integers(min_value=-999_999, max_value=999_999), st.integers(min_value=1, max_value=2))
def test_decimals_round_trip(k, places):
    value = k / 10**places  # exact at its printed precision: '4,6', '-1 050,25'
    parsed, _ = parse_cell(fmt.number(value, places))
    assert parsed == pytest.approx(value)


@given(st.integers(min_value=0, max_value=100))
def test_percent_cells(n):
    assert parse_cell(f"{n} %") == (n, True)


@given(integers)
def test_one_number_in_a_wrapped_row(n):
    tokens = [Token(t) for t in fmt.number(n).split()]
    assert split_values(tokens, 1) == [(n, False)]


@given(st.lists(st.integers(min_value=-999, max_value=999), min_size=1, max_size=7))
def test_small_numbers_in_a_wrapped_row(values):
    # numbers without thousands groups are never glued together
    tokens = [Token(str(v)) for v in values]
    assert [v for v, _ in split_values(tokens, len(values))] == values


@given(st.text(max_size=40))
def test_any_cell_text_returns_or_raises_number_error(text):
    try:
        parse_cell(text)
    except NumberError:
        pass


@given(
    st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60), max_size=12),
    st.sampled_from(["tab", "wrapped"]),
    st.booleans(),
)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_any_table_body_raises_only_project_errors(body, shape, ocr):
    header = (
        "Driftsammandrag, netto tkr Verksamhet\tPrognos helår\tBudget 2021\tAvvikelse"
        if shape == "tab"
        else "Driftsammandrag, netto tkr Prognos helår Budget 2021 Avvikelse"
    )
    lines = [header, *body]
    try:
        TableReader("random.txt", lines, (2021, 8), ocr=ocr).tables()
    except VssError:
        pass


@given(st.text(max_size=400))
@settings(max_examples=200)
def test_any_report_text_raises_only_project_errors(text):
    try:
        TableReader("random.txt", text.split("\n"), (2021, 8), ocr=False).tables()
    except VssError:
        pass
