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
_CELL_NUMBER = re.compile(r"^-?\d{1,3}(?: \d{3})*(?:,\d+)?$|^-?\d+(?:[,.]\d+)?$")
_LOOKS_NUMERIC = re.compile(r"^[-–\d\s,.%]+$")
_TOKEN_HEAD = re.compile(r"^-?\d{1,3}$")
_TOKEN_GROUP = re.compile(r"^\d{3}$")
_TOKEN_GROUP_LAST = re.compile(r"^\d{3}(?:,\d+)?$")
_TOKEN_ALONE = re.compile(r"^-?\d+(?:,\d+)?$|^-?\d+\.\d{1,2}$")


def is_missing(text: str) -> bool:
    """True for a printed missing-value marker ('I.U.', 'IU', '-', 'N/A', OCR's 'LU.', '1L.U', ...)."""
    return _TAGS.sub("", text).strip().strip("|").strip().casefold() in MISSING_MARKERS


def _to_float(text: str) -> float:
    text = text.replace(" ", "").replace(",", ".").replace("–", "-")
    if re.fullmatch(r"-?0\d+", text):  # OCR lost the comma: '03' is 0,3
        text = text.replace("0", "0.", 1)
    return float(text)


def parse_cell(text: str) -> tuple[float | None, bool]:
    """Parse one table cell; returns (value, is_percent). Value None: no number printed.

    Raises NumberError for a cell made only of digits and separators that is no valid number.
    """
    cell = _TAGS.sub("", _FOOTNOTE.sub("", text.strip())).strip()
    cell = _FOOTNOTE.sub("", cell).strip()
    if is_missing(cell):
        return None, False
    percent = cell.endswith("%")
    core = cell.rstrip("%").strip().rstrip(".").strip()
    if _CELL_NUMBER.match(core):
        return _to_float(core), percent
    if _LOOKS_NUMERIC.match(core) and any(ch.isdigit() for ch in core):
        raise NumberError(f"malformed number {text.strip()!r}")
    return None, False  # text such as 'Minska', '<3,5', 'Not. 1'


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
    t = tok.text
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


def _best_grouping(kinds: list[tuple[bool, bool, bool, bool]], count: int) -> tuple[int, ...] | None:
    """Value ends for reading all tokens as exactly `count` values: fewest millions, longest first values."""

    @cache
    def best(i: int, k: int) -> tuple[int, tuple[int, ...]] | None:
        if i == len(kinds) or k == 0:
            return (0, ()) if i == len(kinds) and k == 0 else None
        options = [
            (rest[0] + millions, (end, *rest[1]))
            for end, millions in _value_spans(kinds, i)
            if (rest := best(end, k - 1)) is not None
        ]
        return min(options, key=lambda o: (o[0], tuple(-e for e in o[1])), default=None)

    found = best(0, count)
    return found[1] if found else None


def split_values(tokens: list[Token], columns: int) -> list[tuple[float | None, bool]]:
    """Group space-separated number tokens into at most `columns` values.

    A value is a lone token, or a head of 1-3 digits followed by groups of exactly three digits
    ('47 960'). The grouping with the most values not above `columns` wins (fewer values than
    columns means cells were left empty); ties go to the grouping with fewest values of a million
    or more (the reports rarely print those), then to the one whose first values are longest.
    Raises NumberError when no grouping fits.
    """
    kinds = [_piece_kinds(t) for t in tokens]
    ends = next((e for k in range(min(columns, len(tokens)), 0, -1) if (e := _best_grouping(kinds, k))), None)
    if ends is None:
        raise NumberError(f"cannot read {' '.join(t.text for t in tokens)!r} as {columns} numbers")
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
