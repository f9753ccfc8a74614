"""Tables in the tab-separated shape (markdown-like and plain text): one cell per column, header cells stacked."""

from __future__ import annotations

import re

from vsslib.errors import ReportError
from vsslib.extract.columns import Column, parse_cell_header
from vsslib.extract.layout import (
    Row,
    ShapeReader,
    Table,
    is_header_line,
    title_kind,
)
from vsslib.extract.numbers import NumberError, is_missing, misread_digits, parse_cell
from vsslib.extract.text import clean_label, is_italic, strip_markup


class TabTableReader(ShapeReader):
    """Reads a table whose title line has tabs: header cells, then one row per line until the table ends."""

    row_columns: list[Column] | None = None
    header_width = 0  # cells of the heading, label columns included: a row with fewer would shift its values
    text_headers: dict[int, str] = {}  # position after the first value column -> header of a text column

    def read(self, i: int, kind: str) -> Table | None:
        """The table titled on line i (0-based), or None when its header has no value column."""
        return self._read_tab_table(i, kind)

    def _read_tab_table(self, i: int, kind: str) -> Table | None:
        header_cells = [self.lines[i].split("\t")]
        j = i + 1
        while j < len(self.lines) and "\t" in self.lines[j] and self._is_tab_header(self.lines[j]):
            header_cells.append(self.lines[j].split("\t"))
            j += 1
        width = self.header_width = max(len(c) for c in header_cells)
        texts = [" ".join(strip_markup(c[k]) for c in header_cells if k < len(c)).strip() for k in range(width)]
        parsed = [parse_cell_header(t) for t in texts[1:]]
        printed = len(parsed)  # every header cell after the label, text columns ('Mål') included
        columns = list(parsed)
        while columns and not columns[-1].is_value:
            columns.pop()
        first_value = next((k for k, c in enumerate(columns) if c.is_value), None)
        if first_value is None:
            return None
        every = parsed[first_value:]  # the value columns and the text columns after the first of them
        self.text_headers = {k: c.header for k, c in enumerate(every) if not c.is_value}
        columns = columns[first_value:]
        table = self._new_table(kind, i, columns, " ".join(texts))
        self._read_tab_rows(table, j, printed - first_value)
        return table

    @staticmethod
    def _is_tab_header(line: str) -> bool:
        cells = [strip_markup(c) for c in line.split("\t")[1:]]
        return any(cells) and all(is_header_line(c) for c in cells if c)

    def _parse_tab_values(self, cells: list[str], line_no: int, table: Table) -> list[tuple[float | None, bool]]:
        out: list[tuple[float | None, bool]] = []
        for k, cell in enumerate(cells):
            text = strip_markup(cell)
            if text.endswith(":") and k < len(table.columns):  # 'Helår 2019:' relabels the column below
                self.row_columns = list(self.row_columns or table.columns)
                relabel = parse_cell_header(text)
                if relabel.unread:
                    raise ReportError(
                        self.file,
                        line_no,
                        f"the cell {text!r} relabels its column, but {', '.join(map(repr, relabel.unread))} is no "
                        "measure, period or month",
                        "a relabel such as 'Helår 2019:'",
                    )
                self.row_columns[k] = self._dated(relabel, line_no - 1)
                out.append((None, False))
                continue
            try:
                out.append(parse_cell(cell))
            except NumberError as exc:
                raise ReportError(self.file, line_no, str(exc), "a number such as '12 976', '-1 050' or '4,6'") from exc
            if out[-1][0] is None:
                refuse_misread(self.file, line_no, cell)
        return out

    def _read_tab_rows(self, table: Table, j: int, width: int) -> None:
        """Rows from line j on; a row with a filled cell beyond the header's `width` cells is an error."""
        n = len(table.columns)
        self.row_columns: list[Column] | None = None
        while j < len(self.lines):
            if "\t" not in self.lines[j]:
                resume = self._after_footnotes(j)
                if resume is None:
                    break
                j = resume
            raw = self.lines[j]
            if title_kind(raw) and self._is_tab_header(raw):
                break  # the next table's title and header, printed with no space before it (a PDF's tables)
            cells = raw.split("\t")
            kinds = [cell_kind(c) for c in cells]
            first_value = next((k for k, kd in enumerate(kinds) if kd in ("value", "missing")), len(cells))
            label_idx = max((k for k in range(first_value) if kinds[k] == "text"), default=None)
            if label_idx is None:
                if first_value < len(cells):  # numbers with no label: whose they are cannot be told
                    raise ReportError(
                        self.file, j + 1, "a row of numbers without a label", "a label in the row's first cell"
                    )
                j += 1
                continue
            extra = [c for c in cells[label_idx + 1 + width :] if strip_markup(c)]
            if extra:
                raise ReportError(
                    self.file,
                    j + 1,
                    f"a filled cell ({strip_markup(extra[0])!r}) beyond the {width} columns of the table's heading "
                    f"(line {table.line}): the row's values would shift columns",
                    f"at most {width} cells after the label, as in the heading",
                )
            value_cells = cells[label_idx + 1 : label_idx + 1 + n]
            if len(cells) < self.header_width and any(kinds[k] in ("value", "missing") for k in range(len(cells))):
                raise ReportError(
                    self.file,
                    j + 1,
                    f"the row has {len(cells)} cells where its heading (line {table.line}) has {self.header_width}: "
                    "which column lacks its value cannot be told",
                    f"{self.header_width} cells, an empty one where nothing is printed",
                )
            refuse_numbers_under_text(
                self.file, self.text_headers, cells[label_idx + 1 : label_idx + 1 + width], j + 1, table
            )
            values = self._parse_tab_values(value_cells, j + 1, table)
            values += [(None, False)] * (n - len(values))
            printed = any(kinds[k] in ("value", "missing") for k in range(label_idx + 1, len(cells)))
            table.rows.append(
                Row(
                    label=clean_label(cells[label_idx]),
                    values=values,
                    line=j + 1,
                    text=raw,
                    italic=is_italic(cells[label_idx]),
                    printed_cells=printed,
                    columns=self.row_columns,
                    cells=value_cells,
                )
            )
            j += 1
        table.end_line = j

    def _after_footnotes(self, j: int) -> int | None:
        """Where a tab table goes on after blank and footnote lines ('<sup>1</sup> …', '* …'), if it does.

        A footnote may wrap (text from a PDF): the lines right under a footnote mark, up to a blank line,
        are the footnote's too.
        """
        in_footnote = False
        while j < len(self.lines) and "\t" not in self.lines[j]:
            line = self.lines[j].strip()
            if re.match(r"^(<sup>|\\?\*)", line):
                in_footnote = True
            elif line and not in_footnote:
                return None
            elif not line:
                in_footnote = False
            j += 1
        if j >= len(self.lines) or title_kind(self.lines[j]):
            return None
        return j


def refuse_misread(file: str, line_no: int, cell: str) -> None:
    """ReportError for a text cell that is a number once a look-alike letter is a digit ('l 425'): never lost."""
    if fixed := misread_digits(cell):
        raise ReportError(
            file,
            line_no,
            f"the cell {strip_markup(cell)!r} is a number only with a letter read as a digit ({fixed!r}): misread?",
            "the number as printed, digits only",
        )


def cell_kind(cell: str) -> str:
    """What a tab cell holds: 'empty', 'relabel' ('Helår 2019:'), 'missing' ('I.U.'), 'value' or 'text'."""
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


def refuse_numbers_under_text(file: str, headers: dict[int, str], cells: list[str], line_no: int, table: Table) -> None:
    """Refuse a number in a column whose header names no measure ('Differens', 'Inkomster' alone).

    Read as text it would be lost without a word, and no measure may be given it by default.
    """
    for k, header in headers.items():
        if k < len(cells) and cell_kind(cells[k]) == "value":
            raise ReportError(
                file,
                line_no,
                f"the row prints {strip_markup(cells[k])!r} in the column headed {header or '(nothing)'!r} "
                f"(line {table.line}), which names no measure, period or month this extractor reads",
                "a value column's header such as 'Avvikelse', 'Budget 2021' or 'Redovisat jan-aug 2021'",
            )
