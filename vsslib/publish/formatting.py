"""Numbers as Swedish reports print them ('12 976', '-1 050', '4,6 %', '12 976 tkr'), via babel."""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent

LOCALE = "sv_SE"


def _plain(text: str) -> str:
    # babel uses a no-break space and the Unicode minus; the reports print a space and a hyphen
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2212", "-")


def number(value: float | None, decimals: int = 0) -> str:
    """'12 976', '4,6'; an empty string for a missing value."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return _plain(format_decimal(value, format=pattern, locale=LOCALE))


def tkr(value: float | None) -> str:
    """'12 976 tkr'."""
    return "" if value is None else f"{number(value)} tkr"


def percent(share: float | None, decimals: int = 1) -> str:
    """A share (0.046) as '4,6 %'."""
    if share is None:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
    return _plain(format_percent(share, format=pattern, locale=LOCALE))


def signed_tkr(value: float) -> str:
    """'+472 tkr', '-13 226 tkr'."""
    return ("+" if value > 0 else "") + tkr(value)
