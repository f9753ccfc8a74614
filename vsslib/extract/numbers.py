"""Swedish number parsing: '12 976', '-1 050', '4,6', '7 %', OCR's '7244', '4.7', '03' (= 0,3).

Two entry points:

* :func:`parse_cell` for a whole table cell (tab-separated shapes): a number, a missing marker
  (None), text that is no number (a target like 'Minska' or '<3,5': None), or a malformed number
  (:class:`NumberError`).
* :func:`split_values` for the run of space-separated tokens that ends a PDF or OCR row, where a
  space is both the thousands separator and the column separator. It chooses the grouping with the
  expected number of columns; see its docstring for the rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vsslib.errors import VssError


class NumberError(VssError, ValueError):
    """A cell that looks like a number but is not one the reports could print."""


MISSING_MARKERS = frozenset(
    m.casefold()
    for m in (
        "I.U.",
        "IU",
        "i.u.",
        "I.U",
        "LU.",
        "LU",
        "L.U.",
        "L.U",
        "1.U.",
        "1.U",
        "1L.U",
        "IU-",
        "-",
        "–",
        "N/A",
        "ufm",
        "",
    )
)
_FOOTNOTE = re.compile(r"(\*+|\s*<sup>.*?</sup>)$")
_TAGS = re.compile(r"</?[a-zA-Z][^>]*>")
_CELL_NUMBER = re.compile(r"^-?\d{1,3}(?: \d{3})*(?:,\d+)?$|^-?\d+(?:,\d+|\.\d{1,2})?$")
_LOOKS_NUMERIC = re.compile(r"^[-–\d\s,.%]+$")
_TOKEN_HEAD = re.compile(r"^-?\d{1,3}$")
_TOKEN_GROUP = re.compile(r"^\d{3}$")
_TOKEN_GROUP_LAST = re.compile(r"^\d{3}(?:,\d+)?$")
_TOKEN_ALONE = re.compile(r"^-?\d+(?:,\d+)?$|^-?\d+\.\d{1,2}$")


_TYPOGRAPHY = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2212": "-"})


def _plain(text: str) -> str:
    """No-break spaces as spaces and the minus sign (U+2212) as a hyphen, as a page or HTML report prints them."""
    return text.translate(_TYPOGRAPHY)


def _shown(text: str, limit: int = 40) -> str:
    """The printed text for a message, cut to `limit` characters."""
    text = text.strip()
    return repr(text if len(text) <= limit else text[:limit] + "…")


def is_missing(text: str) -> bool:
    """True for a printed missing-value marker ('I.U.', 'IU', '-', 'N/A', OCR's 'LU.', '1L.U', ...)."""
    return _TAGS.sub("", text).strip().strip("|").strip().casefold() in MISSING_MARKERS


MAX_MAGNITUDE = 1e8
"""No table of these reports prints a number this large (the largest is KS's 529 212 tkr); a larger
one is digits glued together (a stray OCR token, a lost separator), not an amount."""


class Printed(float):
    """A number as printed, keeping how many decimals it was printed with ('4,0' has one: its precision is 0,1)."""

    decimals: int

    def __new__(cls, value: float, decimals: int) -> Printed:
        """The float `value`, printed with `decimals` decimals."""
        number = super().__new__(cls, value)
        number.decimals = decimals
        return number


def _to_float(text: str) -> float:
    text = _plain(text).replace(" ", "").replace(",", ".").replace("–", "-")
    if re.fullmatch(r"-?0\d", text):  # OCR lost the comma: '03' is 0,3
        text = text.replace("0", "0.", 1)
    elif re.fullmatch(r"-?0\d{2,}(?:\.\d+)?", text):
        raise NumberError(f"{_shown(text)} has a leading zero: no report prints an amount so")
    value = float(text)
    if abs(value) >= MAX_MAGNITUDE:
        raise NumberError(f"{_shown(text)} is larger than any figure these reports print (glued digits?)")
    return Printed(value, len(text.split(".")[1]) if "." in text else 0)


def parse_cell(text: str) -> tuple[float | None, bool]:
    """Parse one table cell; returns (value, is_percent). Value None: no number printed.

    Raises NumberError for a cell made only of digits and separators that is no valid number.
    """
    cell = _TAGS.sub("", _FOOTNOTE.sub("", _plain(text).strip())).strip()
    cell = _FOOTNOTE.sub("", cell).strip()
    if is_missing(cell):
        return None, False
    percent = cell.endswith("%")
    core = cell.rstrip("%").strip().rstrip(".").strip()
    if re.fullmatch(r"-?[1-9]\d{0,2},\d{3}", core):
        raise NumberError(f"{_shown(text)}: a comma before three digits is a decimal comma or a thousands separator")
    if _CELL_NUMBER.match(core):
        return _to_float(core), percent
    if re.search(r"\d\.\d{3}", core):
        raise NumberError(f"{_shown(text)}: a dot before three digits is a thousands separator or a decimal point")
    if _LOOKS_NUMERIC.match(core) and any(ch.isdigit() for ch in core):
        raise NumberError(f"malformed number {_shown(text)}")
    return None, False  # text such as 'Minska', '<3,5', 'Not. 1'


_OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})  # letters OCR reads for digits


def misread_digits(text: str) -> str | None:
    """The number a text cell would be with OCR's look-alike letters read as digits ('l 425': '1 425'), or None."""
    cell = _TAGS.sub("", _plain(text)).strip()
    fixed = cell.translate(_OCR_DIGITS)
    if fixed == cell or not any(ch.isdigit() for ch in cell) or not _CELL_NUMBER.match(fixed.rstrip("%").strip()):
        return None
    return fixed


@dataclass(frozen=True)
class Token:
    """One space-separated token of a value run: a number piece, or a missing marker."""

    text: str
    missing: bool = False
    percent: bool = False


def _piece_kinds(tok: Token) -> tuple[bool, bool, bool, bool]:
    """(can start a grouped number, can be a middle group, can be the last group, can stand alone)."""
    if tok.missing:
        return False, False, False, True
    t = _plain(tok.text)
    return (
        bool(_TOKEN_HEAD.match(t)) and not re.match(r"^-?0\d", t),
        bool(_TOKEN_GROUP.match(t)),
        bool(_TOKEN_GROUP_LAST.match(t)),
        bool(_TOKEN_ALONE.match(t)),
    )


def _value_spans(kinds: list[tuple[bool, bool, bool, bool]], i: int) -> list[tuple[int, int]]:
    """(end, is a million or more) of every value that can start at token i."""
    out = []
    if kinds[i][3]:
        out.append((i + 1, 0))
    if kinds[i][0]:
        j = i + 1
        while j < len(kinds) and kinds[j][2]:
            out.append((j + 1, 1 if j - i >= 2 else 0))
            if not kinds[j][1]:
                break
            j += 1
    return out


def _best_grouping(kinds: list[tuple[bool, bool, bool, bool]], count: int) -> tuple[tuple[int, ...], bool] | None:
    """Value ends for reading all tokens as exactly `count` values, and whether they are ambiguous.

    The reading with fewest millions wins, then the one with the longest first values; the tokens are
    ambiguous when another reading has as few millions.
    """

    @cache
    def best(i: int, k: int) -> tuple[int, tuple[int, ...], int] | None:
        """(millions, ends, number of readings with those millions) from token i with k values."""
        if i == len(kinds) or k == 0:
            return (0, (), 1) if i == len(kinds) and k == 0 else None
        options = [
            (rest[0] + millions, (end, *rest[1]), rest[2])
            for end, millions in _value_spans(kinds, i)
            if (rest := best(end, k - 1)) is not None
        ]
        if not options:
            return None
        fewest = min(o[0] for o in options)
        chosen = min((o for o in options if o[0] == fewest), key=lambda o: tuple(-e for e in o[1]))
        return fewest, chosen[1], sum(o[2] for o in options if o[0] == fewest)

    found = best(0, count)
    return (found[1], found[2] > 1) if found else None


def split_values(tokens: list[Token], columns: int, ambiguous_ok: bool = True) -> list[tuple[float | None, bool]]:
    """Group space-separated number tokens into at most `columns` values.

    A value is a lone token, or a head of 1-3 digits followed by groups of exactly three digits
    ('47 960'). The grouping with the most values not above `columns` wins (fewer values than
    columns means cells were left empty); ties go to the grouping with fewest values of a million
    or more (the reports rarely print those), then to the one whose first values are longest.
    Raises NumberError when no grouping fits, and, unless `ambiguous_ok`, when two groupings fit
    equally well (OCR text, whose stray tokens make such rows: '-423 476 123').
    """
    kinds = [_piece_kinds(t) for t in tokens]
    found = next((g for k in range(min(columns, len(tokens)), 0, -1) if (g := _best_grouping(kinds, k))), None)
    printed = _shown(" ".join(t.text for t in tokens))
    if found is None:
        raise NumberError(f"cannot read {printed} as {columns} numbers")
    ends, ambiguous = found
    if ambiguous and not ambiguous_ok:
        raise NumberError(f"{printed} can be read as {columns} numbers in more than one way")
    values: list[tuple[float | None, bool]] = []
    start = 0
    for end in ends:
        group = tokens[start:end]
        if group[0].missing:
            values.append((None, False))
        else:
            values.append((_to_float(" ".join(t.text for t in group)), any(t.percent for t in group)))
        start = end
    return values
