"""Numbers as the Swedish reports print them."""

from __future__ import annotations

import pytest

from vsslib import formatting as fmt
from vsslib.errors import ParameterError
from vsslib.pages.notebook import check_choice, resolve_period

NB, MINUS = "\u00a0", "\u2212"


# as printed in vss-2021-08 line 158 (LKDATA 6 113) and line 157 (eLärandeCenter -1 030), with page typography
@pytest.mark.parametrize(
    ("value", "text"),
    [(6113, f"6{NB}113"), (-1030, f"{MINUS}1{NB}030"), (0, "0"), (280000, f"280{NB}000"), (-0.4, "0")],
)
def test_number_uses_no_break_space_and_minus_sign(value, text):
    assert fmt.number(value) == text


def test_decimals_percent_tkr():
    assert fmt.number(4.6, 1) == "4,6"
    assert fmt.percent(0.046) == f"4,6{NB}%"
    assert fmt.percent(-0.00001) == f"0,0{NB}%"
    assert fmt.tkr(12976) == f"12{NB}976{NB}tkr"
    assert fmt.signed_tkr(472) == f"+472{NB}tkr"
    assert fmt.signed_tkr(-13226) == f"{MINUS}13{NB}226{NB}tkr"


@pytest.mark.parametrize(
    ("name", "genitive"),
    [
        ("VSS", "VSS:s"),
        ("LKDATA", "LKDATA:s"),
        ("Kontakt Linköping", "Kontakt Linköpings"),
        ("Stadsarkivet", "Stadsarkivets"),
        ("HR-service", "HR-services"),
    ],
)
def test_genitive(name, genitive):
    assert fmt.genitive(name) == genitive


def test_unknown_period_lists_valid_ones():
    with pytest.raises(ParameterError, match="2018-08, 2019-04, 2019-08, 2020-12, 2021-08"):
        resolve_period("2022-04")
    assert resolve_period(None) == "2021-08"


def test_unknown_choice():
    with pytest.raises(ParameterError, match="valid: KS, VSS"):
        check_choice("organ", "MoS", ["VSS", "KS"])


def test_curated_prose_is_typeset_like_numbers():
    assert fmt.typeset("totalen 8 198 för 2018; -424/525") == f"totalen 8{NB}198 för 2018; {MINUS}424/525"
    assert fmt.typeset("vss-2019-08 rad 204, 2019-04") == "vss-2019-08 rad 204, 2019-04"


def test_times_for_readers_are_swedish_time_named():
    """Issue 25: the index's times are Swedish local time (Europe/Stockholm), whatever the machine's zone."""
    import os
    import subprocess
    import sys

    shown = subprocess.run(
        [sys.executable, "-c", "from vsslib.formatting import local_time; print(local_time())"],
        env={**os.environ, "TZ": "America/New_York"},
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert shown.endswith((" CET", " CEST")), shown
