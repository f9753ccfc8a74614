"""A PDF report as text in the tab-separated shape: ruled tables become tab rows, the rest lines of text.

pdfplumber finds the tables by their rules (a word processor's tables are boxed) and gives each cell's
characters, so columns survive and a cell wrapped over several lines is one cell again, empty cells
included. Text outside the tables becomes one line per printed line, in reading order. What the reports'
text shapes say with markup is read from the characters: a bold or italic font gives `<b>`/`<i>`, smaller
characters raised or lowered give `<sup>`/`<sub>` (a footnote mark is never glued onto a number), and
vertical space of one line or more gives blank lines. A table printed without rules comes out as lines of
space-separated text, the shape `wrapped_tables` reads (vss-2019-08 is such a text). Scanned pages (no
characters) are refused: OCR them first.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vsslib.errors import ReportError

Char = dict[str, Any]
BOLD = re.compile(r"bold|black|heavy|semibold", re.IGNORECASE)
ITALIC = re.compile(r"italic|oblique", re.IGNORECASE)
SMALLER = 0.85  # a character this much smaller than its line's text, raised or lowered, is a super/subscript
WORD_GAP = 0.2  # a gap this wide (share of the font size) between two characters is a space


@dataclass
class _Block:
    """Lines printed together (a line of text, or a table's rows) and where on the page they stand."""

    top: float
    bottom: float
    lines: list[str]
    size: float = 0.0  # a line of text's font size (0 for a table)


def pdf_text(path: Path) -> str:
    """The PDF's text: its tables as tab-separated rows, blank lines where the page leaves a line empty."""
    import pdfplumber
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(path) as pdf:
            pages = [_page_blocks(page) for page in pdf.pages]
    except (PdfminerException, PDFException, PSException) as exc:
        raise ReportError(path.name, None, f"not a readable PDF ({exc})", "a PDF with a text layer") from exc
    if not any(pages):
        raise ReportError(path.name, None, "the PDF has no text layer (scanned pages)", "a PDF with text: OCR it first")
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
    return "\n".join(out) + "\n"


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


def _page_blocks(page: Any) -> list[_Block]:
    """The page's tables and lines of text, top to bottom."""
    blocks = []
    boxes = []
    for table in page.find_tables():
        boxes.append(table.bbox)
        rows = ["\t".join(_cell_text(page, cell) for cell in row.cells) for row in table.rows]
        blocks.append(_Block(table.bbox[1], table.bbox[3], rows))
    free = [c for c in page.chars if not any(_inside(c, box) for box in boxes)]
    for line in _lines(free):
        top, bottom = min(c["top"] for c in line), max(c["bottom"] for c in line)
        blocks.append(_Block(top, bottom, [_styled(line)], max(c["size"] for c in line)))
    return sorted(blocks, key=lambda b: b.top)


def _cell_text(page: Any, cell: tuple[float, float, float, float] | None) -> str:
    if cell is None:  # a cell merged into its neighbour
        return ""
    chars = [c for c in page.chars if _inside(c, cell)]
    text = " ".join(_styled(line) for line in _lines(chars)).strip()
    return re.sub(r"</(b|i)> <\1>", " ", text)  # emphasis wrapped over lines is one emphasis


def _inside(char: Char, box: tuple[float, float, float, float]) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines(chars: list[Char]) -> list[list[Char]]:
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
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


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
