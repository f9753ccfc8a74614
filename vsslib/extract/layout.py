"""What every table reader shares: printed rows and tables, table titles, header words, the report's lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from vsslib.errors import ReportError
from vsslib.extract.columns import Column, classify
from vsslib.extract.numbers import Token, is_missing
from vsslib.extract.text import fold, strip_markup

TITLES: tuple[tuple[str, str], ...] = (
    ("drift", r"^driftsammandrag netto"),
    ("ekonomi", r"^ekonomi belopp"),
    ("investeringar", r"^investeringar( belopp|$)"),
    ("volymer", r"^basuppdrag"),
    ("personal", r"^personal( (19|20)\d\d| [a-z]+ (19|20)\d\d|$)"),
    ("indikatorer", r"^(namndmal|forvaltningsmal|indikator)( |$)"),
)
RIGHT_ALIGNED = {"investeringar"}  # rows with empty cells print their numbers against the right edge
_VALUE_TOKEN = re.compile(r"^(-?\d+(?:[,.]\d+)?%?\*{0,2}\.?|%|\|)$")
PROSE_WORDS = 8  # a line with more words is prose, not a table row or label


@dataclass
class Row:
    """One printed table row: its label and one (value, printed as percent) per value column."""

    label: str
    values: list[tuple[float | None, bool]]
    line: int
    text: str
    italic: bool = False
    printed_cells: bool = True  # False for a label-only row (a group or parent heading)
    columns: list[Column] | None = None  # set where a relabel ('Helår 2019:') changed the columns above
    cells: list[str] | None = None  # the value cells as printed, where the text has cells (tab-separated)


@dataclass
class Table:
    """A table as printed: where it starts, its value columns, its rows."""

    kind: str
    line: int
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    scale: float = 1.0  # 1000 for amounts printed in mnkr
    end_line: int = 0
    packed: bool = False  # values read from space-separated tokens, packed to one side: positions are guessed

    def makes_fact(self, column: Column) -> bool:
        """Whether a number printed in the column is a fact.

        It is in a measure's column, but not a cumulative one ('Ack. utfall') nor a deviation from one.
        """
        if column.measure in (None, "cumulative"):
            return False
        return not (column.measure == "avvikelse" and any(c.measure == "cumulative" for c in self.columns))


@dataclass
class Source:
    """A report's lines and the state its readers share: where the last table ended, warnings so far."""

    file: str
    lines: list[str]
    vintage: tuple[int, int]
    ocr: bool
    group_label: Callable[[str], bool] = lambda _label: False  # a label heading a group (an owner unit), not a row
    consumed_until: int = 0
    warnings: list[str] = field(default_factory=list)


def title_kind(text: str) -> str | None:
    """The table kind a line's first cell announces, or None."""
    first = strip_markup(text.split("\t")[0])
    if "....." in first:
        return None  # a table of contents
    key = fold(first)
    return next((kind for kind, pattern in TITLES if re.search(pattern, key)), None)


def header_words(text: str) -> list[str]:
    """The words of a header line with the table title's own words ('Driftsammandrag, netto tkr') dropped."""
    words = strip_markup(text).replace("|", " ").split()
    if title_kind(text):
        lowered = [fold(w) for w in words]
        cut = max((i + 1 for i, w in enumerate(lowered) if w in ("tkr", "mnkr")), default=1)
        words = words[cut:]
    return words


def join_wrapped(parts: list[str]) -> str:
    """A label wrapped over lines, re-joined ('Investeringar IT-' + 'utrustning' -> 'IT-utrustning')."""
    text = ""
    for part in (p.strip() for p in parts if p.strip()):
        text = text + part if text.endswith("-") and part[:1].islower() else f"{text} {part}".strip()
    return text


def is_known_word(word: str) -> bool:
    """Whether a word is a known header word (measure, period, month, …)."""
    return classify(word)[0] != "unknown"


def is_header_line(text: str) -> bool:
    """Whether every word of a line is a header word (a day number before a month counts)."""
    words = strip_markup(text).replace("|", " ").split()
    day_before_month = {
        i for i, w in enumerate(words[:-1]) if re.fullmatch(r"\d{1,2}", w) and classify(words[i + 1])[0] == "month"
    }
    return bool(words) and all(is_known_word(w) or i in day_before_month for i, w in enumerate(words))


class ShapeReader:
    """Base of the readers of one text shape: the report's lines and what they share while reading."""

    def __init__(self, source: Source):
        self.source = source

    @property
    def lines(self) -> list[str]:
        """The report's lines."""
        return self.source.lines

    @property
    def file(self) -> str:
        """The report's file name, for errors."""
        return self.source.file

    @property
    def ocr(self) -> bool:
        """Whether the text is OCR output (blank lines do not end a wrapped label; decimal points are commas)."""
        return self.source.ocr

    @property
    def vintage(self) -> tuple[int, int]:
        """The report's (year, month)."""
        return self.source.vintage

    @property
    def warnings(self) -> list[str]:
        """Warnings naming lines, shared by all readers of the report."""
        return self.source.warnings

    def _next_nonblank(self, j: int) -> int | None:
        while j < len(self.lines) and not self.lines[j].strip():
            j += 1
        return j if j < len(self.lines) else None

    def _new_table(
        self, kind: str, line: int, columns: list[Column], header_text: str, unread: Sequence[str] = ()
    ) -> Table:
        """A table with its value columns read whole and dated, or a ReportError naming the header.

        Refused: a header word that is no measure, period or month (`unread`: 'Redovisat janaug 2022' is
        never a full year by default), and an outcome dated after the report's own period, but for the
        report's own date printed a year on (a printing slip, read as the report's date with a warning).
        """
        year, month = self.vintage
        words = list(unread) + [w for c in columns if c.is_value for w in c.unread]
        if words:
            shown = ", ".join(repr(w) for w in words)
            raise ReportError(
                self.file,
                line + 1,
                f"table header {header_text.strip()[:120]!r}: {shown} is no measure, period or month this "
                "extractor reads, so the column cannot be dated",
                "headers such as 'Redovisat jan-aug 2021', 'Prognos helår', 'Budget 2021' or 'Bokslut 2020'",
            )
        beside = any(  # the report's own date printed right in another outcome column: a slip is recognisable
            c.measure == "utfall" and (r.year, r.month) == (year, month)
            for c in columns
            for r in [c.resolved(year, month)]
        )
        resolved = [self._dated(column, line, beside) for column in columns]
        scale = 1000.0 if "mnkr" in fold(header_text).split() else 1.0
        return Table(kind=kind, line=line + 1, columns=resolved, scale=scale)

    def _dated(self, column: Column, line: int, own_date_beside: bool = False) -> Column:
        """The column with its year and month (`Column.resolved`); an outcome after the report refused.

        The report's own date printed a year on is read as the report's date only where another outcome
        column of the same header prints that date right (ks-2018-08 l. 770: '313/8 2018 Utgifter' beside
        '313/8 2019 Inkomster'); alone it is refused like any other outcome after the report.
        """
        year, month = self.vintage
        col = column.resolved(year, month)
        if col.measure == "utfall" and (col.year, col.month) > (year, month):
            if not (own_date_beside and column.dated_a_year_on(year, month)):
                raise ReportError(
                    self.file,
                    line + 1,
                    f"column {column.header!r} gives an outcome for {col.year}-{col.month:02d}, after the "
                    f"report's own period {year}-{month:02d}",
                    "outcomes up to the report's period (a part year printed as a range, 'jan-aug 2021')",
                )
            self.warnings.append(
                f"{self.file}:{line + 1}: column {column.header!r} dates an outcome a year after the report; "
                f"read as {year}-{month:02d}, the report's own date (a printing slip)"
            )
            col = replace(col, year=year)
        return col

    def _split_row(self, text: str) -> tuple[list[str], list[Token]]:
        """Split a wrapped-text line into label words and its trailing value tokens."""
        words = text.replace("|", " | ").split()
        if self.ocr:
            while words and words[-1] in ("tkr", "st", "kr"):
                words.pop()  # OCR prints the unit in the value cell ('0 tkr')
        k = len(words)
        while k > 0 and (_VALUE_TOKEN.match(words[k - 1]) or is_missing(words[k - 1])):
            k -= 1
        label, tail = words[:k], words[k:]
        tokens: list[Token] = []
        for w in tail:
            if w == "|":
                continue
            if w == "%" and tokens:
                tokens[-1] = Token(tokens[-1].text, tokens[-1].missing, True)
                continue
            if is_missing(w):
                tokens.append(Token(w, missing=True))
                continue
            clean = w.rstrip("*").rstrip(".")
            percent = clean.endswith("%")
            clean = clean.rstrip("%")
            if self.ocr and re.fullmatch(r"-?\d+\.\d{1,2}", clean):
                clean = clean.replace(".", ",")  # OCR read the decimal comma as a point
            tokens.append(Token(clean, percent=percent))
        return label, tokens

    @staticmethod
    def _align(values: list[tuple[float | None, bool]], n: int, kind: str) -> list[tuple[float | None, bool]]:
        pad: list[tuple[float | None, bool]] = [(None, False)] * (n - len(values))
        return pad + values if kind in RIGHT_ALIGNED else values + pad
