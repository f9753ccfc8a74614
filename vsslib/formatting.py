"""Numbers and names as Swedish typography prints them on a page: '12 976', '−1 050', '4,6 %', 'VSS:s'.

The spaces inside a number and before its unit are no-break spaces (U+00A0) and the minus sign is
U+2212, so that '280 000' or '−1 050 tkr' never wraps over two lines. Report text quoted on a page keeps
its own characters; only numbers this module formats follow these rules.
"""

from __future__ import annotations

import math
from datetime import datetime

from babel.numbers import format_decimal, format_percent

LOCALE = "sv_SE"
NBSP = "\u00a0"
MINUS = "\u2212"


def shown_decimals(value: float) -> int:
    """The decimals a page shows an amount with: '2 326', '−68,7', '0,91' (a small value keeps its digits)."""
    if float(value).is_integer() or abs(value) >= 100:
        return 0
    return 1 if abs(value) >= 10 or round(value, 1) == round(value, 6) else 2


def as_printed(value: float, precision: float) -> str:
    """A value with the decimals its printed precision gives it: '254 271' (precision 1), '0,39' (0.01)."""
    decimals = max(0, -round(math.log10(precision))) if precision < 1 else 0
    return number(value, decimals)


def lines(line: int, printed: str) -> str:
    """'rad 254', or 'rad 254–255' for a row printed over two lines (its label on the first, numbers below)."""
    extra = str(printed).strip().count("\n")
    return f"rad {line}" + (f"–{line + extra}" if extra else "")


def month_name(month: object, otherwise: str = "") -> str:
    """The Swedish name of a month 1–12 ('augusti', from babel's calendar); `otherwise` for anything else."""
    from babel.dates import get_month_names

    names = get_month_names("wide", locale=LOCALE)
    return str(names[month]) if isinstance(month, int) and month in names else otherwise


def _typeset(text: str) -> str:
    return text.replace(" ", NBSP).replace("\u202f", NBSP).replace("-", MINUS)


def number(value: float | None, decimals: int = 0) -> str:
    """'12 976', '−1 050', '4,6'; an empty string for a missing value."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    if round(value, decimals) == 0:
        value = 0.0  # never '−0'
    return _typeset(format_decimal(value, format=pattern, locale=LOCALE))


def tkr(value: float | None) -> str:
    """'12 976 tkr'."""
    return "" if value is None else f"{number(value)}{NBSP}tkr"


def percent(share: float | None, decimals: int = 1) -> str:
    """A share (0.046) as '4,6 %'."""
    if share is None:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
    if round(share * 100, decimals) == 0:
        share = 0.0
    return _typeset(format_percent(share, format=pattern, locale=LOCALE))


def signed_tkr(value: float) -> str:
    """'+472 tkr', '−13 226 tkr'."""
    return ("+" if round(value) > 0 else "") + tkr(value)


def typeset(text: str) -> str:
    """Curated prose for a page: thousands kept together ('8 198') and minus signs ('−424'), as in numbers."""
    import re

    text = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", NBSP, text)
    return re.sub(r"(?<![\w\-–/.])-(?=\d)", MINUS, text)


def genitive(name: str) -> str:
    """Swedish genitive: an abbreviation takes a colon ('VSS:s', 'LKDATA:s'), a name in s, x or z nothing."""
    if name.isupper():
        return f"{name}:s"
    return name if name[-1:].lower() in "sxz" else f"{name}s"


def local_time() -> str:
    """Now in Swedish time, named: '2026-11-26 09:42 CET' (the machine's own zone where no tz database exists)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone = ZoneInfo("Europe/Stockholm")
    except ZoneInfoNotFoundError:  # Windows without the tzdata package
        return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return datetime.now(zone).strftime("%Y-%m-%d %H:%M %Z")
