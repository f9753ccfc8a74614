"""Reads a built page as a reader would and lists what a controller would not send on.

The rules are about the class of mistake, not one page: program words or English on the page (`nan`,
`None`, the project's own identifiers), markup shown as text, numbers that can break over a line or
use a hyphen for minus, absolute paths, amounts without a unit, an amount in a table without its source
(a cell title naming the report and line, or what it is computed from), a column empty in every row, images
without a description, and no way back to the index. Report text quoted as printed (class `printed`) keeps
its own characters, and code cells (shown with `--with-code`) are code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

PROGRAM_WORDS = (
    # what a Python program or this project's code says, never a reader's Swedish
    "nan",
    "NaN",
    "None",
    "True",
    "False",
    "Traceback",
    "conflict",
    "convention",
    "error",
    "warning",
    "skipped",
    "expected",
    "printed",
    "forecast",
    "outcome",
    "unit",
    "item",
    "measure",
    "ref_year",
    "ref_month",
    "report_id",
    "source_line",
    "drift_utfall",
    "drift_prognos",
    "chat_share",
    "share_of_organ",
    "VSSs",
)
NON_AMOUNT_HEADERS = {"År", "Rad", "Första rad", "Antal", "Per", "Månad", "Period", "Rapport", "Öppna månader"}
"""Columns of years, months, counts (n) and line numbers: numbers, but no amounts that need a source."""
UNIT_MARKS = ("tkr", "antal", "%", "Enhet", "Antal")
_NUMBER = re.compile(r"^[−-]?\d{1,3}(?:[\u00a0 ]\d{3})*(?:,\d+)?(?:[\u00a0 ]%)?$")
_SKIP = {"style", "script", "title"}
_QUIET_CLASSES = {"printed", "input_area", "highlight"}  # report text as printed; code shown by --with-code


@dataclass
class _Table:
    headers: list[str]
    rows: list[list[str]]
    titled: list[list[bool]]  # per cell: whether it has a (non-empty) title, its source


class _Reader(HTMLParser):
    """Collects the visible text (outside quoted report text), the tables, images and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tables: list[_Table] = []
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, printed or skipped)
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._titles: list[bool] = []
        self._title = False
        self._header_row = False

    @property
    def _quiet(self) -> bool:
        return any(quiet for _, quiet in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        quiet = tag in _SKIP or bool(_QUIET_CLASSES & set((found.get("class") or "").split()))
        if tag not in ("img", "br", "meta", "link", "hr", "input"):
            self._stack.append((tag, quiet))
        if tag == "img":
            self.images.append(found)
        elif tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        elif tag == "table":
            self.tables.append(_Table([], [], []))
        elif tag == "tr":
            self._row, self._titles = [], []
        elif tag in ("td", "th"):
            self._cell, self._title = [], bool((found.get("title") or "").strip())
            self._header_row = tag == "th" and not (self.tables and self.tables[-1].rows)

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._titles.append(self._title)
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            table = self.tables[-1]
            if self._header_row and not table.rows:
                table.headers += self._row
            else:
                table.rows.append(self._row)
                table.titled.append(self._titles)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if not self._quiet:
            self.text.append(data)


TEXT_RULES = (  # (pattern in the visible text, what is wrong)
    (r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^>]*)?>", "markup shown as text"),
    (r"\d \d{3}(?!\d)", "an ordinary space inside a number"),
    (r"(?<![\w\-–/.])-\d", "a hyphen as minus sign"),
    (r"(/home/|/tmp/|/work/|/Users/|[A-Z]:\\)", "an absolute path"),
)


def problems(html: str, name: str = "page", index_link: str | None = "../index.html") -> list[str]:
    """Everything on the page a careful reader would object to; an empty list for a page fit to send."""
    reader = _Reader()
    reader.feed(html)
    text = " ".join(reader.text)
    found = [
        f"{name}: the word {word!r} on the page"
        for word in PROGRAM_WORDS
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
    ]
    for pattern, wrong in TEXT_RULES:
        if hit := re.search(pattern, text):
            found.append(f"{name}: {wrong}: {text[max(hit.start() - 15, 0) : hit.end() + 15]!r}")
    found += [f"{name}: an image without a description" for image in reader.images if not _described(image)]
    for table in reader.tables:
        found += _unitless(table, name) + _unsourced(table, name) + _empty_columns(table, name)
    if index_link and index_link not in reader.links:
        found.append(f"{name}: no link back to the index")
    return found


def _described(image: dict[str, str | None]) -> bool:
    alt = (image.get("alt") or "").strip()
    return bool(alt) and alt not in ("Diagram", "No description has been provided for this image")


def _empty_columns(table: _Table, name: str) -> list[str]:
    """A column with a header and nothing under it, in a table with rows."""
    if not table.rows:
        return []
    return [
        f"{name}: the column {header!r} is empty in every row"
        for k, header in enumerate(table.headers)
        if not any(k < len(row) and row[k] for row in table.rows)
    ]


def _unsourced(table: _Table, name: str) -> list[str]:
    """Amounts in a table with no title: where they come from is not said (one finding per column)."""
    found = []
    for k, header in enumerate(table.headers):
        if header in NON_AMOUNT_HEADERS or header.startswith("Antal"):
            continue
        bare = [
            row[k]
            for row, titled in zip(table.rows, table.titled, strict=True)
            if k < len(row) and _NUMBER.match(row[k]) and not titled[k]
        ]
        if bare:
            found.append(f"{name}: {len(bare)} amount(s) in the column {header!r} without a source, e.g. {bare[0]!r}")
    return found


def _unitless(table: _Table, name: str) -> list[str]:
    """A table with amounts must say their unit: in a header or a unit column."""
    if any(mark in header for header in table.headers for mark in UNIT_MARKS):
        return []
    for k, header in enumerate(table.headers):
        if header in NON_AMOUNT_HEADERS:
            continue
        cells = [row[k] for row in table.rows if k < len(row) and row[k]]
        if cells and any(_NUMBER.match(c) for c in cells):
            return [f"{name}: the table with column {header!r} has amounts without a unit"]
    return []
