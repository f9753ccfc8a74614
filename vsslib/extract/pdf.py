"""A PDF report as text in the tab-separated shape: tables become tab rows, the rest lines of text.

Whatever program printed the PDF (a word processor, a browser, a report generator), the text comes out
the same:

- **Ruled tables** (cells boxed by lines or thin filled rectangles): pdfplumber finds the cells; shading
  (filled areas) is never taken for a rule, so zebra-striped rows do not make a table of their own.
- **Borderless tables** (a shaded or bold header, zebra rows, no rules): found from the words' positions.
  Lines whose words stand in columns separated by wide gaps, with numbers in them, make a table; its
  columns are the gaps no word of the table's body crosses, its rows the shaded bands (or, without
  shading, the lines, a line with nothing but a cell's continuation joined to the row above).
- **A cell's text wrapped over lines is one cell again**: 'Redovisat jan-' + 'aug 2021' is 'Redovisat
  jan-aug 2021', a word broken at the cell's edge ('Redovisnin' + 'g') is joined, a number broken at
  its thousands space ('1' + '791') is '1 791'.
- **A table continued on the next page** keeps its columns, and a repeated header row is dropped; page
  headers and footers (what repeats at the top or bottom of most pages, page numbers aside) are dropped.
- Text outside the tables is one line per printed line, in reading order; a bold or italic font gives
  `<b>`/`<i>`, smaller raised or lowered characters `<sup>`/`<sub>` (a footnote mark is never glued onto
  a number), vertical space of one line or more gives blank lines. Text is normalised
  (`text.normalise`: ligatures, soft hyphens, the dash family, spaces).

Refused, naming the file: an encrypted PDF, a truncated one, one that is no PDF, and scanned pages
(no characters: OCR them first).
"""

from __future__ import annotations

import bisect
import re
import statistics
import struct
from collections import Counter
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vsslib.errors import ReportError
from vsslib.extract.columns import classify
from vsslib.extract.layout import is_header_line
from vsslib.extract.numbers import is_missing
from vsslib.extract.text import normalise

Char = dict[str, Any]
Box = tuple[float, float, float, float]
BOLD = re.compile(r"bold|black|heavy|semibold", re.IGNORECASE)
ITALIC = re.compile(r"italic|oblique", re.IGNORECASE)
SMALLER = 0.85  # a character this much smaller than its line's text, raised or lowered, is a super/subscript
WORD_GAP = 0.2  # a gap this wide (share of the font size) between two characters is a space
COLUMN_GAP = 0.7  # a gap this wide (share of the font size) between words of a table line separates cells
RULE = 2.0  # a filled rectangle no thicker than this (points) is a rule; a larger one is shading
PROSE_WORDS = 8  # a line of more words is prose, not a table's label
MARGIN_BAND = 0.09  # page headers and footers stand in the top or bottom 9 % of the page
_NUMERIC = re.compile(r"^[-−–]?\d[\d ]*(?:,\d+)?\s*%?\**$")


@dataclass
class _Line:
    """One printed line: its characters left to right, and where it stands."""

    chars: list[Char]

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars)

    @property
    def size(self) -> float:
        return max(c["size"] for c in self.chars)

    def words(self, gap: float = WORD_GAP) -> list[list[Char]]:
        """The line's characters split where the gap is wider than `gap` × the font size."""
        out: list[list[Char]] = []
        for char in self.chars:
            if char["text"] == " ":
                if out and out[-1]:
                    out.append([])
                continue
            previous = out[-1][-1] if out and out[-1] else None
            if previous is None or char["x0"] - previous["x1"] > gap * min(char["size"], previous["size"]):
                if not out or out[-1]:
                    out.append([])
            out[-1].append(char)
        return [w for w in out if w]


@dataclass
class _Columns:
    """A borderless table's columns: the x-range each covers, and where one ends and the next begins."""

    extents: list[tuple[float, float]]
    starts: list[float]  # the x from which each column after the first begins
    header: str  # the header's text, to know it when a page prints it again
    flush_right: list[bool]  # whether a column's cells end where it ends (numbers), by column


@dataclass
class _Block:
    """Lines printed together (a line of text, or a table's rows) and where on the page they stand."""

    top: float
    bottom: float
    lines: list[str]
    size: float = 0.0  # a line of text's font size (0 for a table)
    columns: _Columns | None = None  # a borderless table's columns


class ProseWords(set[str]):
    """The words of the document's prose, and the cell lines whose join it could not decide (`doubtful`)."""

    def __init__(self, words: set[str]):
        super().__init__(words)
        self.doubtful: list[str] = []


def pdf_text(path: Path) -> str:
    """The PDF's text: its tables as tab-separated rows, blank lines where the page leaves a line empty."""
    return pdf_text_and_warnings(path)[0]


def pdf_text_and_warnings(path: Path) -> tuple[str, list[str]]:
    """`pdf_text`, and a warning for each pair of cell lines that may be one word broken at a cell's edge."""
    pages, known = _read_pages(path)
    if not any(pages):
        raise ReportError(path.name, None, "the PDF has no text layer (scanned pages)", "a PDF with text: OCR it first")
    _mend_page_breaks(pages, known)
    text_lines = [b for blocks in pages for b in blocks if b.size] or [_Block(0.0, 10.0, [], 10.0)]  # or tables only
    height = statistics.median(b.bottom - b.top for b in text_lines)
    leading = _leading(pages, statistics.median(b.size for b in text_lines))
    page_top = min(blocks[0].top for blocks in pages if blocks)
    out: list[str] = []
    for blocks in pages:
        previous_bottom = page_top - (leading - height)
        for block in blocks:
            out += [""] * max(0, round((block.top - previous_bottom + height) / leading) - 1)
            out += block.lines
            previous_bottom = block.bottom
    warnings = [
        f"{path.name}: {pair!r} may be one word broken at a table cell's edge, read as two (an item's name "
        "then differs from the same item elsewhere)"
        for pair in sorted(set(known.doubtful))
    ]
    return normalise("\n".join(out) + "\n"), warnings


def _read_pages(path: Path) -> tuple[list[list[_Block]], ProseWords]:
    """The blocks of every page, and the words of the document's prose."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(path.name, None, f"cannot read file: {exc.strerror}", "a readable PDF") from exc
    if not data.startswith(b"%PDF"):
        raise ReportError(path.name, None, "not a readable PDF (no %PDF header)", "a PDF with a text layer")
    if b"%%EOF" not in data[-2048:]:
        raise ReportError(path.name, None, "the PDF is truncated (it does not end with %%EOF)", "the whole file")
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                for char in page.chars:
                    char["text"] = normalise(char["text"])
            furniture = _page_furniture(pdf.pages)
            layouts = [_layout(page, furniture) for page in pdf.pages]
            known = ProseWords(_prose_words(layouts))
            pages: list[list[_Block]] = []
            carried: _Columns | None = None
            for layout in layouts:
                blocks = _page_blocks(layout, carried, known)
                pages.append(blocks)
                carried = blocks[-1].columns if blocks else None
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) or b"/Encrypt" in data:
            raise ReportError(path.name, None, "the PDF is encrypted", "a PDF without a password") from exc
        raise ReportError(path.name, None, f"not a readable PDF ({cause})", "a PDF with a text layer") from exc
    except (PDFException, PSException, ValueError, KeyError, TypeError, struct.error) as exc:
        said = "the PDF is encrypted and cannot be read" if b"/Encrypt" in data else f"not a readable PDF ({exc})"
        raise ReportError(path.name, None, said, "a PDF with a text layer and no password") from exc
    return pages, known


def _leading(pages: list[list[_Block]], size: float) -> float:
    """The distance from one line of a paragraph to the next: the unit of vertical space.

    Measured between adjacent lines of text (closer than 1.6 × the text's size); a page without two adjacent
    lines is taken to be single-spaced (1.2 × size, a word processor's default).
    """
    steps = [
        b.top - a.top
        for blocks in pages
        for a, b in zip(blocks, blocks[1:], strict=False)
        if len(a.lines) == len(b.lines) == 1 and 0.9 * size <= b.top - a.top <= 1.6 * size
    ]
    return statistics.median(steps) if steps else 1.2 * size


# -- page furniture --------------------------------------------------------------------------------


def _furniture_key(line: _Line) -> str:
    return re.sub(r"\d+", "#", "".join(c["text"] for c in line.chars)).strip()


def _in_margin(line: _Line, height: float) -> bool:
    return line.bottom < MARGIN_BAND * height or line.top > (1 - MARGIN_BAND) * height


def _page_furniture(pages: list[Any]) -> set[str]:
    """What a page header or footer prints: a line in the top or bottom band of at least half the pages."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        keys = {_furniture_key(line) for line in _lines(page.chars) if _in_margin(line, page.height)}
        seen.update(keys)
    return {key for key, n in seen.items() if n >= max(2, len(pages) / 2)}


# -- one page --------------------------------------------------------------------------------------


def _is_shading(obj: dict) -> bool:
    """A filled rectangle wider and taller than a rule, drawn without a stroke: a background, not a border."""
    if obj.get("object_type") != "rect" or obj.get("stroke"):
        return False
    return obj["x1"] - obj["x0"] > RULE and obj["bottom"] - obj["top"] > RULE


@dataclass
class _Layout:
    """A page: its ruled tables, its other lines (page header and footer dropped), its shaded areas."""

    page: Any
    tables: list[Any]
    lines: list[_Line]
    shading: list[dict]
    regions: list[tuple[int, int]]  # the borderless tables among the lines


def _layout(page: Any, furniture: set[str]) -> _Layout:
    ruled = page.filter(lambda obj: not _is_shading(obj))
    tables = [t for t in ruled.find_tables() if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]
    free = [c for c in page.chars if not any(_inside(c, t.bbox) for t in tables)]  # a box around prose is no table
    lines = [
        line
        for line in _lines(free)
        if not (_in_margin(line, page.height) and _furniture_key(line) in furniture) and _text(line.chars)
    ]
    shading = [obj for obj in page.rects if _is_shading(obj)]
    return _Layout(page, tables, lines, shading, _borderless_regions(lines))


def _prose_words(layouts: list[_Layout]) -> set[str]:
    """Every word the document's prose prints (lower case, letters only): what a word broken in a cell may be."""
    words: set[str] = set()
    for layout in layouts:
        in_table = {k for start, end in layout.regions for k in range(start, end)}
        for k, line in enumerate(layout.lines):
            if k not in in_table:
                words.update(re.findall(r"[^\W\d_]+", " ".join(_text(w) for w in line.words()).lower()))
    return words


def _page_blocks(layout: _Layout, carried: _Columns | None, known: set[str]) -> list[_Block]:
    """The page's tables and lines of text, top to bottom."""
    blocks = [_Block(t.bbox[1], t.bbox[3], _ruled_rows(layout.page, t, known)) for t in layout.tables]
    first_ruled = min((b.top for b in blocks), default=float("inf"))
    lines = layout.lines
    blocks += _free_blocks(layout, carried if lines and lines[0].top < first_ruled else None, known)
    return sorted(blocks, key=lambda b: b.top)


def _free_blocks(layout: _Layout, carried: _Columns | None, known: set[str]) -> list[_Block]:
    """Lines outside ruled tables: borderless tables found from word positions, the rest lines of text."""
    blocks: list[_Block] = []
    lines = layout.lines
    i = 0
    for start, end in layout.regions:
        blocks += [_Block(line.top, line.bottom, [_styled(line.chars)], line.size) for line in lines[i:start]]
        at_top = start == 0 and carried is not None
        blocks.append(_borderless_table(lines[start:end], layout.shading, carried if at_top else None, known))
        i = end
    blocks += [_Block(line.top, line.bottom, [_styled(line.chars)], line.size) for line in lines[i:]]
    return blocks


def _cells_of(line: _Line) -> list[list[list[Char]]]:
    """A line's words grouped into cells: a gap wider than COLUMN_GAP × the font size separates two cells."""
    cells: list[list[list[Char]]] = []
    for word in line.words():
        if cells and word[0]["x0"] - cells[-1][-1][-1]["x1"] <= COLUMN_GAP * line.size:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _text(chars: list[Char]) -> str:
    return "".join(c["text"] for c in chars).strip()


def _is_value_cell(cell: list[list[Char]]) -> bool:
    text = " ".join(_text(w) for w in cell)
    return bool(_NUMERIC.match(text)) or is_missing(text)


def _is_table_row(line: _Line) -> bool:
    """A line of label and values in columns: two cells or more, one after the first a number or missing mark."""
    cells = _cells_of(line)
    return len(cells) >= 2 and any(_is_value_cell(c) for c in cells[1:])


def _borderless_regions(lines: list[_Line]) -> list[tuple[int, int]]:
    """(start, end) of each run of lines that forms a borderless table: its header lines and rows.

    A table is two rows or more (lines with values in columns) printed close together, with the lines
    between them (a group heading, a wrapped cell), and above the first row the header lines printed
    close to it.
    """
    regions: list[tuple[int, int]] = []
    rows = [k for k, line in enumerate(lines) if _is_table_row(line)]
    k = 0
    while k < len(rows):
        first = last = rows[k]
        k += 1
        while k < len(rows) and all(_close(lines[j], lines[j + 1]) for j in range(last, rows[k])):
            last = rows[k]
            k += 1
        if last == first:
            continue
        start = first
        while start > 0 and _close(lines[start - 1], lines[start]) and (not regions or start > regions[-1][1]):
            start -= 1
        end = last + 1
        left = min(line.chars[0]["x0"] for line in lines[start:end])
        wraps = _continuation_rule(lines[start:end], first - start)
        while end < len(lines) and _close(lines[end - 1], lines[end]):
            line = lines[end]
            in_cells = len(_cells_of(line)) >= 2  # a row of text in columns ('Statistik ej publicerad')
            if not (in_cells or _continues(line, lines[last], left) or wraps(end - start, lines[end - 1], line)):
                break
            end += 1
        foot = lines[end:]
        chained = all(_close(a, b) for a, b in zip(lines[end - 1 :], foot, strict=False))
        if foot and chained and all(_heading_row(x) for x in foot):
            end = len(lines)  # group headings at the foot of the page: the table goes on over the page
        regions.append((start, end))
    return regions


def _heading_row(line: _Line) -> bool:
    """A row with a label alone, short enough to be a group's heading."""
    cells = _cells_of(line)
    return len(cells) == 1 and len(cells[0]) <= PROSE_WORDS and not _is_value_cell(cells[0])


def _continues(line: _Line, row: _Line, left: float) -> bool:
    """Whether a line under a table's last row goes on with one of its cells (a label wrapped over lines).

    It does when it starts in lower case, or right of the table's left edge where the row's first cell starts.
    """
    text = _text(line.chars)
    if _is_table_row(line) or not text or text[0] in "*¹²³" or text[0].isdigit():
        return False
    x0 = line.chars[0]["x0"]
    return text[0].islower() or (x0 > left + line.size and x0 >= row.chars[0]["x0"] - 1)


def _close(upper: _Line, lower: _Line) -> bool:
    """Two lines of one table: the gap between them is less than a line of text."""
    return 0 <= lower.top - upper.bottom < 0.9 * max(upper.size, lower.size)


def _borderless_table(lines: list[_Line], shading: list[dict], carried: _Columns | None, known: set[str]) -> _Block:
    """A borderless table's lines as tab rows, its header (the lines above the first row) as one row.

    A table at the top of a page that goes on from the page before keeps that table's columns: it has no
    header, or the same header printed again.
    """
    bands = _bands(lines, shading)
    first_row = _header_end(lines, _fills(lines, shading))
    header = " ".join(_text(line.chars) for line in lines[:first_row])
    if carried is not None and header in ("", carried.header):
        columns = carried
    else:
        columns = _with_header_columns(_columns(lines[first_row:], header), lines[:first_row])
    same_row = _continuation_rule(lines, first_row)
    rows: list[list[list[tuple[str, list[Char]]]]] = []  # row -> column -> its lines
    row_bands: list[object] = []
    for k, line in enumerate(lines):
        cells = _assign(line, columns, body=k >= first_row)
        band = "header" if k < first_row else bands.get(k)
        if rows and ((band is not None and band == row_bands[-1]) or (band is None and same_row(k))):
            for col, pieces in enumerate(cells):
                rows[-1][col] += pieces
        else:
            rows.append([list(p) for p in cells])
            row_bands.append(band)
    text_rows = [
        "\t".join(
            join_cell_lines(
                [text for text, _ in pieces], known, [b - ch[-1]["x1"] < 0.6 * ch[-1]["size"] for _, ch in pieces]
            )
            for pieces, (_, b) in zip(row, columns.extents, strict=True)
        )
        for row in rows
    ]
    return _Block(lines[0].top, lines[-1].bottom, text_rows, columns=columns)


def _continuation_rule(lines: list[_Line], first_row: int) -> Callable[..., bool]:
    """Whether line k of an unshaded table goes on with the row above it (a cell wrapped over lines).

    Rows are spaced wider than the lines of one cell where the table pads its cells: then a line closer
    to the one above than halfway between the two spacings goes on with it. Without padding, a line with
    no number in it that starts in lower case does. (`above` and `line` may be given for a line after
    the table's last.)
    """
    gaps = [lines[k].top - lines[k - 1].bottom for k in range(1, len(lines))]
    row_gaps = [gaps[k - 1] for k in range(max(1, first_row), len(lines)) if _is_table_row(lines[k])]
    least, row_gap = (min(gaps), statistics.median(row_gaps)) if gaps and row_gaps else (0.0, 0.0)

    def same_row(k: int, above: _Line | None = None, line: _Line | None = None) -> bool:
        above, line = above or lines[k - 1], line or lines[k]
        if k <= first_row:
            return 0 < k < first_row
        if row_gap - least > 1.0:
            return line.top - above.bottom < (least + row_gap) / 2
        return not _is_table_row(line) and _text(line.chars)[:1].islower()

    return same_row


def _header_end(lines: list[_Line], fills: list[object]) -> int:
    """Where a borderless table's header ends.

    At its first row of values, or before, at the first line above it shaded otherwise than the header's
    first line, or (no shading) not bold under a bold one.
    """
    first_row = next(k for k, line in enumerate(lines) if _is_table_row(line) and not _is_header_row(line))
    for k in range(1, first_row):
        if fills[0] is not None and fills[k] != fills[0]:
            return k
        if fills[0] is None and _bold(lines[k - 1]) and not _bold(lines[k]):
            return k
    return first_row


def _is_header_row(line: _Line) -> bool:
    """A header line whose cells look like values: years ('2016', '2017'), set in bold."""
    cells = [" ".join(_text(w) for w in cell) for cell in _cells_of(line)[1:]]
    return _bold(line) and bool(cells) and all(is_header_line(c) for c in cells)


def _fills(lines: list[_Line], shading: list[dict]) -> list[object]:
    """The colour of the shading each line stands on (None: unshaded)."""
    out: list[object] = []
    for line in lines:
        x, y = line.chars[0]["x0"] + 0.5, (line.top + line.bottom) / 2
        under = [r for r in shading if r["x0"] <= x <= r["x1"] and r["top"] <= y <= r["bottom"]]
        out.append(str(under[-1].get("non_stroking_color")) if under else None)
    return out


def _bold(line: _Line) -> bool:
    return all(BOLD.search(c["fontname"]) for c in line.chars if c["text"].strip())


def _columns(lines: list[_Line], header: str) -> _Columns:
    """The columns of a table body: the x-ranges its cells cover.

    A relabel cell ('Helår 2019:', over the numbers below it) counts only where it stands clear of every
    other cell. They are split where no cell crosses a wide gap, and between two cells of one line whatever the gap
    (text run over its cell's edge). Two neighbouring ranges never filled on the same line are one column
    (its text and its numbers aligned apart). A column of numbers printed flush right begins just after
    the column before it ends; one printed flush left just before its own cells begin, so a header over
    it (left-aligned, centred or right-aligned) falls in it.
    """
    placed: list[tuple[float, float, float, int]] = []
    relabels: list[
        tuple[float, float, float, int]
    ] = []  # a relabel ('Helår 2019:') stands over a column of numbers: it places nothing
    for n, line in enumerate(lines):
        for k, words in enumerate(_cells_of(line)):
            chars = [c for w in words for c in w]
            item = (chars[0]["x0"], chars[-1]["x1"], line.size, n)
            text = " ".join(_text(w) for w in words)
            (relabels if k and text.endswith(":") and is_header_line(text.rstrip(":")) else placed).append(item)
    cells = sorted(placed + [c for c in relabels if _apart(c, placed)])
    groups: list[list[tuple[float, float, float, int]]] = []
    for cell in cells:
        near = groups and cell[0] - max(c[1] for c in groups[-1]) <= COLUMN_GAP * cell[2]
        if near and cell[3] not in {c[3] for c in groups[-1]}:  # two cells of a line are two columns
            groups[-1].append(cell)
        else:
            groups.append([cell])
    k = 0
    while k < len(groups) - 1:  # a column's text and its numbers, aligned apart ('-' left, '3,5' right)
        if not {c[3] for c in groups[k]} & {c[3] for c in groups[k + 1]}:
            groups[k] += groups.pop(k + 1)
        else:
            k += 1
    extents = [(min(c[0] for c in g), max(c[1] for c in g)) for g in groups]
    starts = []
    right = [False]
    for k, group in enumerate(groups[1:], start=1):
        spread_right = max(c[1] for c in group) - min(c[1] for c in group)
        spread_left = max(c[0] for c in group) - min(c[0] for c in group)
        right.append(spread_right < spread_left)
        begins = extents[k - 1][1] + 0.5 if spread_right <= spread_left else extents[k][0]
        starts.append(min(begins, extents[k][0]) - 0.01)  # every cell of the column in it
    return _Columns(extents, starts, header, right)


def _with_header_columns(columns: _Columns, header: list[_Line]) -> _Columns:
    """The columns with those the header names after the body's last one, which the body leaves empty.

    A header cell that would share the last column with the header cell before it begins a column of its
    own. Between the body's columns nothing is added: a column there would move every value after it, so
    two header cells over one column stay one header (which the column reader reads whole, or refuses).
    """
    for line in header:
        cells = _cells_of(line)
        if len(cells) == len(columns.extents):
            continue  # one header cell for every column: `_assign` takes them in order
        taken: set[int] = set()
        for cell in cells:
            x0, x1 = cell[0][0]["x0"], cell[-1][-1]["x1"]
            k = bisect.bisect_right(columns.starts, x0)
            if k in taken and k == len(columns.extents) - 1 and x0 > columns.extents[-1][1]:
                columns.starts.append(x0 - 0.01)
                columns.extents.append((x0, x1))
                columns.flush_right.append(False)
                k += 1
            taken.add(k)
    return columns


def _apart(cell: tuple[float, float, float, int], placed: list[tuple[float, float, float, int]]) -> bool:
    """Whether a cell stands clear of every other: then it is a column of its own."""
    gap = COLUMN_GAP * cell[2]
    return all(cell[1] + gap < other[0] or other[1] + gap < cell[0] for other in placed)


def _assign(line: _Line, columns: _Columns, body: bool = False) -> list[list[tuple[str, list[Char]]]]:
    """The line's cells in the table's columns.

    One cell for every column: in order; else a body cell that ends where a flush-right column ends is in
    that column (a relabel such as 'Helår 2019:' over numbers), and any other cell in the column where it
    begins.
    """
    out: list[list[tuple[str, list[Char]]]] = [[] for _ in columns.extents]
    cells = _cells_of(line)
    for k, cell in enumerate(cells):
        chars = [c for w in cell for c in w]
        column = k if len(cells) == len(out) else bisect.bisect_right(columns.starts, chars[0]["x0"])
        if body and len(cells) != len(out):
            ends = [
                j for j, (_, b) in enumerate(columns.extents) if columns.flush_right[j] and abs(b - chars[-1]["x1"]) < 1
            ]
            column = ends[0] if ends else column
        out[column].append((_styled(_with_spaces(cell)), chars))
    return out


def _with_spaces(cell: list[list[Char]]) -> list[Char]:
    chars: list[Char] = []
    for word in cell:
        if chars:
            chars.append({**word[0], "text": " ", "x0": chars[-1]["x1"], "x1": word[0]["x0"]})
        chars += word
    return chars


def _bands(lines: list[_Line], shading: list[dict]) -> dict[int, object]:
    """Which shaded band (a zebra row, a shaded header) each line stands in.

    The rows between two bands are one band too. Lines of a table without shading are in no band.
    """
    if not lines:
        return {}
    left, right = min(c["x0"] for line in lines for c in line.chars), max(c["x1"] for line in lines for c in line.chars)
    width = right - left
    rects = sorted(
        {
            (round(r["top"], 1), round(r["bottom"], 1))
            for r in shading
            if r["bottom"] > lines[0].top - 2 and r["top"] < lines[-1].bottom + 2
        }
    )
    covered = [
        (top, bottom)
        for top, bottom in rects
        if sum(r["x1"] - r["x0"] for r in shading if (round(r["top"], 1), round(r["bottom"], 1)) == (top, bottom))
        >= 0.5 * width
    ]
    if not covered:
        return {}
    edges = sorted({e for band in covered for e in band})
    out: dict[int, object] = {}
    for k, line in enumerate(lines):
        middle = (line.top + line.bottom) / 2
        out[k] = sum(1 for e in edges if e <= middle)
    return out


def join_cell_lines(pieces: list[str], known: AbstractSet[str] = frozenset(), full: list[bool] | None = None) -> str:
    """One cell's lines as printed joined into the cell's text.

    'jan-' + 'aug 2021' is 'jan-aug 2021' (a month range); a word broken at the cell's edge
    ('leveranss' + 'äkerhet') is joined when its end is no word of the document's prose (`known`) nor a
    header word, and either the whole word is one (and its start is not, or the line before reaches the
    cell's edge: `full`) or a full line is followed by one or two letters; 'Kvalitet/' + 'leveranssäkerhet'
    is joined at the slash; a number broken inside its digits ('17' + '91') is joined without a space, one
    broken at its thousands space ('1' + '791') with one; other lines are joined with one space. Emphasis
    wrapped over lines is one emphasis.
    """
    text = ""
    full = full or [False] * len(pieces)
    for k, piece in enumerate(p.strip() for p in pieces):
        if not piece:
            continue
        head = re.sub(r"^(<[^>]+>)+", "", piece)
        tail = re.sub(r"(<[^>]+>)+$", "", text)
        if not text:
            text = piece
        elif tail.endswith("-") and classify(head.split()[0])[0] == "month" and re.search(r"\b[a-zA-Z]{3,}-$", tail):
            text += piece
        elif tail.endswith("/") or _broken_word(tail, head, known, k > 0 and full[k - 1]):
            text += piece
        elif re.fullmatch(r"-?\d[\d ]*", tail) and re.match(r"\d+(,\d+)?%?$", head) and not re.match(r"\d{3}\b", head):
            text += piece
        else:
            if isinstance(known, ProseWords) and _undecided(tail, head, known):
                known.doubtful.append(f"{re.sub(r'<[^>]+>', '', tail).split()[-1]} {head.split()[0]}")
            text += " " + piece
    text = re.sub(r"</(b|i)>(\s*)<\1>", r"\2", re.sub(r"\s+", " ", text))
    return text.strip()


def _undecided(tail: str, head: str, known: AbstractSet[str]) -> bool:
    """Whether two cell lines joined with a space may be one word broken where the cell ended.

    So when neither the end of the one nor the start of the next is a word of the prose or a header word.
    """
    end, start = re.search(r"[^\W\d_]{2,}$", tail), re.match(r"[^\W\d_]{2,}\b", head)
    if not end or not start or not head[:1].islower():
        return False
    a, b = end.group().lower(), start.group().lower()
    return a not in known and b not in known and classify(b)[0] == "unknown" and classify(a)[0] == "unknown"


def _broken_word(tail: str, head: str, known: AbstractSet[str], full: bool) -> bool:
    end = re.search(r"[^\W\d_]+$", tail)
    start = re.match(r"[^\W\d_]+", head)
    if not end or not start or not head[:1].islower():
        return False
    a, b = end.group().lower(), start.group().lower()
    if (b in known and len(b) > 2) or classify(b)[0] != "unknown":
        return False
    return (a + b in known and (a not in known or full)) or (full and len(b) <= 2 and a not in known)


def _ruled_rows(page: Any, table: Any, known: set[str]) -> list[str]:
    """A ruled table's rows as tab rows.

    A word belongs to the cell its first letter stands in, so text running over a cell's edge stays in its cell.
    """
    x0, top, x1, bottom = table.bbox
    chars = [c for c in page.chars if _inside(c, (x0 - 1, top - 1, x1 + 1, bottom + 1))]
    cells = [cell for row in table.rows for cell in row.cells if cell is not None]
    owned: dict[Box, list[Char]] = {cell: [] for cell in cells}
    for line in _lines(chars):
        for word in line.words():
            cell = next((c for c in cells if _inside(word[0], c)), None)
            if cell is not None:
                owned[cell] += word
    rows = [row.cells for row in table.rows]
    merged_in_run = _merged_positions(rows)
    out = []
    for k, cells in enumerate(rows):
        texts = [_cell_text(owned[cell], cell, known) if cell else None for cell in cells]
        if not any(t and _NUMERIC.match(re.sub(r"<[^>]+>", "", t)) for t in texts):
            for j in range(1, len(texts)):  # a header cell spanning columns heads each of them
                if texts[j] is None and j not in merged_in_run[k]:
                    texts[j] = texts[j - 1]
        out.append("\t".join(t or "" for j, t in enumerate(texts) if j not in merged_in_run[k]))
    return out


def _merged_positions(rows: list[list[Box | None]]) -> list[set[int]]:
    """Per row, the grid positions that are no column of it.

    A position merged into a neighbour (None) in every row of its run of rows with the same pattern: two
    tables printed one under the other are one grid to pdfplumber, with the columns of both.
    """
    out: list[set[int]] = []
    for cells in rows:
        out.append({j for j, cell in enumerate(cells) if cell is None})
    k = 0
    while k < len(rows):
        end = k
        while end + 1 < len(rows) and out[end + 1] == out[k]:
            end += 1
        if end == k and len(rows) > 1:
            out[k] = set()  # a row of its own (a header cell spanning columns): its positions kept
        k = end + 1
    return out


def _cell_text(chars: list[Char], cell: Box, known: set[str]) -> str:
    """A ruled cell's text; a line is full when it reaches as near the right rule as the text starts from the left."""
    lines = _lines(chars)
    if not lines:
        return ""
    right = cell[2] - (min(line.chars[0]["x0"] for line in lines) - cell[0])
    full = [right - line.chars[-1]["x1"] < 0.6 * line.size for line in lines]
    return join_cell_lines([_styled(line.chars) for line in lines], known, full)


def _inside(char: Char, box: Box) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines(chars: list[Char]) -> list[_Line]:
    """Characters grouped into printed lines by their baselines (a raised footnote mark stays on its line)."""
    for c in chars:
        c["_baseline"] = c["top"] + c["y1"] - c["matrix"][5]  # the text matrix's y, from the page top
    lines: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: c["_baseline"]):
        size = max(char["size"], *(c["size"] for c in lines[-1])) if lines else 0
        if lines and char["_baseline"] - lines[-1][0]["_baseline"] <= 0.45 * size:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [_Line(sorted(line, key=lambda c: c["x0"])) for line in lines]


def _mend_page_breaks(pages: list[list[_Block]], known: set[str]) -> None:
    """A table continued at the top of the next page: repeated header rows dropped, a split row joined."""
    heads: dict[int, list[str]] = {}  # a continued table's block -> the rows its table began with
    for before, after in zip(pages, pages[1:], strict=False):
        if not before or not after or before[-1].size or after[0].size or not after[0].lines:
            continue
        head = heads.get(id(before[-1]), before[-1].lines)
        heads[id(after[0])] = head
        rows = after[0].lines
        start = head.index(rows[0]) if rows[0] in head else len(head)  # a header row, printed again
        k = 0
        while k < len(rows) - 1 and start + k < len(head) and rows[k] == head[start + k]:
            k += 1
        after[0].lines = rows[k:]
        if before[-1].lines:
            _join_split_row(before[-1], after[0], known)


def _join_split_row(end: _Block, start: _Block, known: set[str]) -> None:
    """A row broken by the page (a word processor lets a row run over the break), joined again.

    The next page's first row, with no number in it and a label that is empty or goes on in lower case or
    digits, is the rest of the last row's cells.
    """
    first = start.lines[0].split("\t")
    last = end.lines[-1].split("\t")
    label = re.sub(r"<[^>]+>", "", first[0]).strip()
    values = [re.sub(r"<[^>]+>", "", c).strip() for c in first[1:]]
    if len(first) != len(last) or (label and not (label[0].islower() or label[0].isdigit())):
        return
    if any(v and (_NUMERIC.match(v) or is_missing(v)) for v in values):
        return
    end.lines[-1] = "\t".join(join_cell_lines([a, b], known) for a, b in zip(last, first, strict=True))
    start.lines = start.lines[1:]


def _styled(line: list[Char]) -> str:
    """A line's characters as text with the reports' markup for bold, italic, super- and subscript."""
    size = max(c["size"] for c in line)
    base = statistics.median(c["_baseline"] for c in line if c["size"] >= SMALLER * size)
    text, previous = "", None
    open_tags: list[str] = []
    for char in line:
        if previous is not None and char["text"] != " " and not text.endswith(" "):
            if char["x0"] - previous["x1"] > WORD_GAP * min(char["size"], previous["size"]):
                text += " "
        tags = _tags(char, size, base) if char["text"].strip() else list(open_tags)
        while open_tags and open_tags != tags[: len(open_tags)]:
            text += f"</{open_tags.pop()}>"
        for tag in tags[len(open_tags) :]:
            text += f"<{tag}>"
            open_tags.append(tag)
        text += char["text"]
        previous = char
    for tag in reversed(open_tags):
        text += f"</{tag}>"
    return _spaces_outside_tags(text)


def _tags(char: Char, size: float, base: float) -> list[str]:
    tags = [tag for tag, style in (("b", BOLD), ("i", ITALIC)) if style.search(char["fontname"])]
    if char["size"] < SMALLER * size:
        if char["_baseline"] < base - 0.15 * size:
            tags.append("sup")
        elif char["_baseline"] > base + 0.15 * size:
            tags.append("sub")
    return tags


def _spaces_outside_tags(text: str) -> str:
    """'<b>Summa </b>x' as '<b>Summa</b> x': a space is not part of the emphasis."""
    return re.sub(r"( +)((?:</[a-z]+>)+)", r"\2\1", text)
