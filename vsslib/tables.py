"""Find the tables in a report's text and read them into header columns and rows.

Tables are found by their titles ('Driftsammandrag, netto tkr', 'Ekonomi, belopp tkr', 'Investeringar',
'Basuppdrag', 'Personal', an indicator header) followed by column headers. Two row layouts exist:
tab-separated cells (markdown-like and plain text), and space-separated text from PDF or OCR where
labels and headers wrap over several lines. Nothing here knows a particular report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from vsslib.columns import Column, classify, merge_fragment, parse_cell_header, parse_wrapped_header
from vsslib.errors import ReportError
from vsslib.numbers import NumberError, Token, is_missing, parse_cell, split_values
from vsslib.text import clean_label, fold, is_italic, strip_markup

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
_PROSE_WORDS = 8
_MAX_FRAGMENTS = 4


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


@dataclass
class Table:
    """A table as printed: where it starts, its value columns, its rows."""

    kind: str
    line: int
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    scale: float = 1.0  # 1000 for amounts printed in mnkr
    end_line: int = 0


def title_kind(text: str) -> str | None:
    """The table kind a line's first cell announces, or None."""
    first = strip_markup(text.split("\t")[0])
    if "....." in first:
        return None  # a table of contents
    key = fold(first)
    return next((kind for kind, pattern in TITLES if re.search(pattern, key)), None)


def _header_words(text: str) -> list[str]:
    """The words of a header line with the table title's own words ('Driftsammandrag, netto tkr') dropped."""
    words = strip_markup(text).replace("|", " ").split()
    if title_kind(text):
        lowered = [fold(w) for w in words]
        cut = max((i + 1 for i, w in enumerate(lowered) if w in ("tkr", "mnkr")), default=1)
        words = words[cut:]
    return words


def _join_wrapped(parts: list[str]) -> str:
    """A label wrapped over lines, re-joined ('Investeringar IT-' + 'utrustning' -> 'IT-utrustning')."""
    text = ""
    for part in (p.strip() for p in parts if p.strip()):
        text = text + part if text.endswith("-") and part[:1].islower() else f"{text} {part}".strip()
    return text


def _known(word: str) -> bool:
    return classify(word)[0] != "unknown"


def _is_header_line(text: str) -> bool:
    words = strip_markup(text).replace("|", " ").split()
    day_before_month = {i for i, w in enumerate(words[:-1])
                        if re.fullmatch(r"\d{1,2}", w) and classify(words[i + 1])[0] == "month"}
    return bool(words) and all(_known(w) or i in day_before_month for i, w in enumerate(words))


class TableReader:
    """Reads all tables of one report. `ocr` relaxes the rule that a blank line ends a wrapped label."""

    def __init__(self, file: str, lines: list[str], vintage: tuple[int, int], ocr: bool,
                 group_label: Callable[[str], bool] = lambda label: False):
        self.file, self.lines, self.vintage, self.ocr = file, lines, vintage, ocr
        self.group_label = group_label  # a label that heads a group (an owner unit), not a data row
        self.consumed_until = 0
        self.warnings: list[str] = []

    def tables(self) -> list[Table]:
        """Every table of the report, in the order printed."""
        found, i = [], 0
        while i < len(self.lines):
            kind = title_kind(self.lines[i])
            tables = [t for t in self._read_table(i, kind) if t.rows] if kind else []
            if tables:
                found += tables
                i = self.consumed_until = max(t.end_line for t in tables)
            else:
                i += 1
        return found

    # -- headers -------------------------------------------------------------------------------
    def _read_table(self, i: int, kind: str) -> list[Table]:
        if "\t" in self.lines[i]:
            table = self._read_tab_table(i, kind)
        else:
            table = self._read_wrapped_table(i, kind)
        if table is None and self.ocr:
            return self._read_block_tables(i, kind)
        return [table] if table is not None else []

    # -- OCR block layout: all labels first, then blocks of header lines and number lines ------------
    def _read_block_tables(self, i: int, kind: str) -> list[Table]:
        """Tables whose labels are printed in one block and their numbers in blocks below ('Belopp mnkr')."""
        tables: list[Table] = []
        labels: list[tuple[int, str]] | None = None
        j = i + 1
        while j < len(self.lines):
            text = strip_markup(self.lines[j]).replace("|", " ")
            words = text.split()
            if not words:
                j += 1
                continue
            if len(words) > _PROSE_WORDS or (title_kind(self.lines[j]) and title_kind(self.lines[j]) != kind):
                break
            if re.fullmatch(r"belopp (mnkr|tkr)", fold(text)):
                labels, scale = [], 1000.0 if "mnkr" in fold(text) else 1.0
            elif labels is not None and _is_header_line(text):
                table, j = self._read_block(j, kind, labels, scale)
                if table is not None:
                    tables.append(table)
                continue
            elif labels is not None and not self._split_row(text)[1]:
                labels.append((j, text))
            j += 1
        return tables

    def _read_block(self, j: int, kind: str, labels: list[tuple[int, str]], scale: float) -> tuple[Table | None, int]:
        words: list[str] = []
        while j < len(self.lines) and (not self.lines[j].strip() or _is_header_line(strip_markup(self.lines[j]))):
            words += strip_markup(self.lines[j]).replace("|", " ").split()
            j += 1
        numbers: list[tuple[int, list[Token]]] = []
        while j < len(self.lines):
            text = strip_markup(self.lines[j])
            label_words, tokens = self._split_row(text)
            if text.strip() and (label_words or not tokens):
                break
            if tokens:
                numbers.append((j, tokens))
            j += 1
        columns = [c for c in parse_wrapped_header(words) if c.is_value]
        if not columns or not numbers:
            return None, j
        table = self._new_table(kind, labels[0][0] if labels else j, columns, "")
        table.scale, table.end_line = scale, j
        data = [lab for lab in labels if not self.group_label(lab[1])]
        paired = dict(zip(reversed(data), reversed(numbers), strict=False))  # totals are printed last
        for label in labels:
            if label in paired:
                line, tokens = paired[label]
                values = self._align(split_values(tokens, len(columns)), len(columns), "left")
                table.rows.append(Row(label=clean_label(label[1]), values=values, line=line + 1,
                                      text=self.lines[line]))
            elif label not in data:
                table.rows.append(Row(label=clean_label(label[1]), values=[], line=label[0] + 1,
                                      text=self.lines[label[0]], printed_cells=False))
        return table, j

    def _next_nonblank(self, j: int) -> int | None:
        while j < len(self.lines) and not self.lines[j].strip():
            j += 1
        return j if j < len(self.lines) else None

    def _read_tab_table(self, i: int, kind: str) -> Table | None:
        header_cells = [self.lines[i].split("\t")]
        j = i + 1
        while j < len(self.lines) and "\t" in self.lines[j] and self._is_tab_header(self.lines[j]):
            header_cells.append(self.lines[j].split("\t"))
            j += 1
        width = max(len(c) for c in header_cells)
        texts = [" ".join(strip_markup(c[k]) for c in header_cells if k < len(c)).strip() for k in range(width)]
        columns = [parse_cell_header(t) for t in texts[1:]]
        while columns and not columns[-1].is_value:
            columns.pop()
        first_value = next((k for k, c in enumerate(columns) if c.is_value), None)
        if first_value is None:
            return None
        columns = columns[first_value:]
        table = self._new_table(kind, i, columns, " ".join(texts))
        self._read_tab_rows(table, j)
        return table

    @staticmethod
    def _is_tab_header(line: str) -> bool:
        cells = [strip_markup(c) for c in line.split("\t")[1:]]
        return any(cells) and all(_is_header_line(c) for c in cells if c)

    def _read_wrapped_table(self, i: int, kind: str) -> Table | None:
        words = _header_words(self.lines[i])
        before = self._previous_header_line(i)
        if before is not None:
            above = strip_markup(self.lines[before]).replace("|", " ").split()
            if len(above) == 1 and words and merge_fragment(above[0], words[-1]) is not None:
                words[-1] = above[0] + words[-1]  # 'Malvi' above + 'rde' at the title's end
            else:
                words = above + words
        j, fragment = i + 1, None
        while True:
            k = self._next_nonblank(j)
            if k is None or title_kind(self.lines[k]) and not _is_header_line(self.lines[k]) and \
                    title_kind(self.lines[k]) != kind:
                break
            text = strip_markup(self.lines[k]).replace("|", " ")
            parts = text.split()
            if title_kind(self.lines[k]) == kind and k != i:
                if "\t" in self.lines[k]:
                    break  # the real (tab-separated) title follows a heading of the same name
                parts = _header_words(self.lines[k])
                if not parts or not all(_known(w) for w in parts):
                    break
            elif not (all(_known(w) for w in parts) or self._wrapped_fragment(parts, fragment, k)):
                break
            fragment = parts[0] if len(parts) == 1 and not _known(parts[0]) else None
            words += parts
            j = k + 1
        columns = [c for c in parse_wrapped_header(words) if c.is_value]
        if not columns:
            return None
        table = self._new_table(kind, i, columns, " ".join(words) + " " + self.lines[i])
        self._read_wrapped_rows(table, j)
        return table

    def _wrapped_fragment(self, parts: list[str], fragment: str | None, k: int) -> bool:
        if len(parts) != 1 or any(ch.isdigit() for ch in parts[0]):
            return False
        if fragment is not None and merge_fragment(fragment, parts[0]) is not None:
            return True
        nxt = self._next_nonblank(k + 1)
        if nxt is None:
            return False
        following = strip_markup(self.lines[nxt]).split()
        return bool(following) and merge_fragment(parts[0], following[0]) is not None

    def _previous_header_line(self, i: int) -> int | None:
        """OCR prints column heads above the title: take the line before if it is all header words."""
        k = i - 1
        while k >= self.consumed_until and not self.lines[k].strip():
            k -= 1
        if k < self.consumed_until or "\t" in self.lines[k]:
            return None
        words = strip_markup(self.lines[k]).replace("|", " ").split()
        if not words:
            return None
        if all(_known(w) for w in words) and any(classify(w)[0] == "starter" for w in words):
            return k
        title_words = strip_markup(self.lines[i]).split()
        if len(words) == 1 and title_words and merge_fragment(words[0], title_words[-1]) is not None:
            return k
        return None

    def _new_table(self, kind: str, line: int, columns: list[Column], header_text: str) -> Table:
        year, month = self.vintage
        columns = [c.resolved(year, month) for c in columns]
        scale = 1000.0 if "mnkr" in fold(header_text).split() else 1.0
        return Table(kind=kind, line=line + 1, columns=columns, scale=scale)

    # -- rows ----------------------------------------------------------------------------------
    def _parse_tab_values(self, cells: list[str], line_no: int, table: Table) -> list[tuple[float | None, bool]]:
        out = []
        for k, cell in enumerate(cells):
            text = strip_markup(cell)
            if text.endswith(":") and k < len(table.columns):  # 'Helår 2019:' relabels the column below
                self.row_columns = list(self.row_columns or table.columns)
                self.row_columns[k] = parse_cell_header(text).resolved(*self.vintage)
                out.append((None, False))
                continue
            try:
                out.append(parse_cell(cell))
            except NumberError as exc:
                raise ReportError(self.file, line_no, str(exc), "a number such as '12 976', '-1 050' or '4,6'") from exc
        return out

    def _read_tab_rows(self, table: Table, j: int) -> None:
        n = len(table.columns)
        self.row_columns: list[Column] | None = None
        while j < len(self.lines):
            if "\t" not in self.lines[j]:
                resume = self._after_footnotes(j)
                if resume is None:
                    break
                j = resume
            raw = self.lines[j]
            cells = raw.split("\t")
            kinds = [self._cell_kind(c) for c in cells]
            first_value = next((k for k, kd in enumerate(kinds) if kd in ("value", "missing")), len(cells))
            label_idx = max((k for k in range(first_value) if kinds[k] == "text"), default=None)
            if label_idx is None:
                j += 1
                continue
            value_cells = cells[label_idx + 1: label_idx + 1 + n]
            values = self._parse_tab_values(value_cells, j + 1, table)
            values += [(None, False)] * (n - len(values))
            printed = any(kinds[k] in ("value", "missing") for k in range(label_idx + 1, len(cells)))
            table.rows.append(Row(label=clean_label(cells[label_idx]), values=values, line=j + 1, text=raw,
                                  italic=is_italic(cells[label_idx]), printed_cells=printed, columns=self.row_columns))
            j += 1
        table.end_line = j

    def _after_footnotes(self, j: int) -> int | None:
        """Where a tab table goes on after blank and footnote lines ('<sup>1</sup> …', '* …'), if it does."""
        while j < len(self.lines) and "\t" not in self.lines[j]:
            line = self.lines[j].strip()
            if line and not re.match(r"^(<sup>|\\?\*)", line):
                return None
            j += 1
        if j >= len(self.lines) or title_kind(self.lines[j]):
            return None
        return j

    @staticmethod
    def _cell_kind(cell: str) -> str:
        text = strip_markup(cell)
        if not text:
            return "empty"
        if text.endswith(":") and parse_cell_header(text).is_value:
            return "relabel"
        if is_missing(text):
            return "missing"
        try:
            value, _ = parse_cell(cell)
        except NumberError:
            return "value"  # malformed: reported when the row is parsed
        return "value" if value is not None else "text"

    def _read_wrapped_rows(self, table: Table, j: int) -> None:
        """Rows of a wrapped-text table: a label may run over several lines before its numbers."""
        fragments: list[tuple[int, str]] = []
        last_row_end = j
        while j < len(self.lines):
            raw = self.lines[j]
            if not raw.strip():
                fragments = fragments if self.ocr else []  # OCR double-spaces lines; PDF text does not
                j += 1
                continue
            text = strip_markup(raw)
            if text.startswith("*") or title_kind(raw):
                break
            label_words, tokens = self._split_row(text)
            if not tokens:
                if len(label_words) > _PROSE_WORDS or len(fragments) >= _MAX_FRAGMENTS:
                    break
                if fragments and text[:1].isupper():  # a capital starts a new label: the old one stood alone
                    self._label_only_row(table, fragments)
                    fragments = []
                fragments.append((j, text))
            elif self._value_row(table, j, label_words, tokens, fragments):
                fragments = []
                last_row_end = j + 1
            j += 1
        while table.rows and not table.rows[-1].printed_cells:
            table.rows.pop()  # headings after the last row belong to the text, not the table
        table.end_line = last_row_end

    def _value_row(self, table: Table, j: int, label_words: list[str], tokens: list[Token],
                   fragments: list[tuple[int, str]]) -> bool:
        """Add the row whose numbers stand on line j; False when the line is skipped."""
        n = len(table.columns)
        try:
            values = self._align(split_values(tokens, n), n, table.kind)
        except NumberError as exc:
            if not self.ocr:
                raise ReportError(self.file, j + 1, str(exc), f"{n} numbers") from exc
            self.warnings.append(f"{self.file}:{j + 1}: skipped OCR row: {exc}")
            fragments.clear()
            return False
        if fragments and label_words and label_words[0][:1].isupper():
            self._label_only_row(table, fragments)  # 'Kundnöjdhet' above 'Stadsarkivet 1 2 3'
            fragments.clear()
        if not label_words and not fragments:
            return False
        start = fragments[0][0] if fragments else j
        label = _join_wrapped([f for _, f in fragments] + [" ".join(label_words)])
        table.rows.append(Row(label=clean_label(label), values=values, line=start + 1,
                              text="\n".join(self.lines[start: j + 1])))
        return True

    def _label_only_row(self, table: Table, fragments: list[tuple[int, str]]) -> None:
        start, end = fragments[0][0], fragments[-1][0]
        table.rows.append(Row(label=clean_label(_join_wrapped([f for _, f in fragments])), values=[],
                              line=start + 1, text="\n".join(self.lines[start: end + 1]), printed_cells=False))

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
        pad = [(None, False)] * (n - len(values))
        return pad + values if kind in RIGHT_ALIGNED else values + pad
