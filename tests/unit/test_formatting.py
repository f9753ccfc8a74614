"""Numbers as the Swedish reports print them."""

from __future__ import annotations

import pytest

from vsslib.errors import ParameterError
from vsslib.publish import formatting as fmt
from vsslib.publish.notebook import check_choice, resolve_period


@pytest.mark.parametrize(("value", "text"), [(12976, "12 976"), (-1050, "-1 050"), (0, "0"), (280000, "280 000")])
def test_number(value, text):
    assert fmt.number(value) == text


def test_decimals_percent_tkr():
    assert fmt.number(4.6, 1) == "4,6"
    assert fmt.percent(0.046) == "4,6 %"
    assert fmt.tkr(12976) == "12 976 tkr"
    assert fmt.signed_tkr(472) == "+472 tkr"


def test_unknown_period_lists_valid_ones():
    with pytest.raises(ParameterError, match="2018-08, 2019-04, 2019-08, 2020-12, 2021-08"):
        resolve_period("2022-04")
    assert resolve_period(None) == "2021-08"


def test_unknown_choice():
    with pytest.raises(ParameterError, match="valid: KS, VSS"):
        check_choice("organ", "MoS", ["VSS", "KS"])
