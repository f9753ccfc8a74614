"""A report's text written back to a PDF as a word processor would print it (test helper, not a test).

Prose is wrapped to the page; a run of tab-separated lines is a ruled table whose cells wrap inside their
column; `<b>`, `<i>`, `<sup>`, `<sub>` and markdown headings and `**…**` become fonts, sizes and raised or
lowered text; other HTML tags (`<p>`, `<li>`, …) are structure and are not printed. A blank line is a line
of vertical space. The fonts are matplotlib's DejaVu Sans (every character of the reports, `■` included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import matplotlib
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

SIZE, LEADING, PAD = 7.0, 9.0, 2.5
MARGIN = 36.0
FONTS = {
    (False, False): "DejaVuSans",
    (True, False): "DejaVuSans-Bold",
    (False, True): "DejaVuSans-Oblique",
    (True, True): "DejaVuSans-BoldOblique",
}
_TAG = re.compile(r"(</?(?:b|i|sup|sub)>|\*\*)")


@dataclass(frozen=True)
class Run:
    """A piece of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    shift: int = 0  # +1 superscript, -1 subscript

    @property
    def font(self) -> str:
        return FONTS[(self.bold, self.italic)]

    @property
    def size(self) -> float:
        return SIZE * 0.65 if self.shift else SIZE

    def width(self, text: str | None = None) -> float:
        return pdfmetrics.stringWidth(self.text if text is None else text, self.font, self.size)


def _register_fonts() -> None:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name in FONTS.values():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))


def styled(text: str) -> list[Run]:
    """A line's text as styled runs: markup becomes style, structural tags and heading marks are dropped."""
    bold = text.startswith("#")
    text = re.sub(r"^#+\s*", "", text)
    text = re.sub(r"</?(?!(?:b|i|sup|sub)>)[a-zA-Z][^>]*>", "", text)
    state = {"b": bold, "i": False, "sup": False, "sub": False}
    runs = []
    for piece in _TAG.split(text):
        if piece == "**":
            state["b"] = not state["b"]
        elif _TAG.fullmatch(piece):
            state[piece.strip("</>")] = not piece.startswith("</")
        elif piece:
            runs.append(Run(piece, state["b"], state["i"], 1 if state["sup"] else -1 if state["sub"] else 0))
    return runs


def wrap(runs: list[Run], width: float) -> list[list[Run]]:
    """Runs broken into lines no wider than `width`, at spaces (a longer word stays whole)."""
    lines: list[list[Run]] = [[]]
    used = 0.0
    for run in runs:
        for word in re.split(r"(?<= )", run.text):
            w = run.width(word)
            if used + run.width(word.rstrip()) > width and used > 0:
                lines.append([])
                used = 0.0
            lines[-1].append(Run(word, run.bold, run.italic, run.shift))
            used += w
    return [_strip_end(line) for line in lines]


def _strip_end(line: list[Run]) -> list[Run]:
    if line and line[-1].text.endswith(" "):
        last = line[-1]
        line = [*line[:-1], Run(last.text.rstrip(" "), last.bold, last.italic, last.shift)]
    return line


class ReportPdf:
    """Draws lines top to bottom, starting new pages as needed."""

    def __init__(self, path: Path):
        _register_fonts()
        self.canvas = Canvas(str(path), pagesize=A4, invariant=True)
        self.width = A4[0] - 2 * MARGIN
        self.y = A4[1] - MARGIN

    def _room(self, height: float) -> None:
        if self.y - height < MARGIN:
            self.canvas.showPage()
            self.y = A4[1] - MARGIN

    def _draw(self, runs: list[Run], x: float, baseline: float) -> None:
        for run in runs:
            self.canvas.setFont(run.font, run.size)
            self.canvas.drawString(x, baseline + run.shift * SIZE * 0.35, run.text)
            x += run.width()

    def text_line(self, text: str) -> None:
        """A line of prose (wrapped), or a blank line's space."""
        for line in wrap(styled(text), self.width) if text.strip() else [[]]:
            self._room(LEADING)
            self._draw(line, MARGIN, self.y - SIZE)
            self.y -= LEADING

    def table(self, rows: list[list[str]]) -> None:
        """Tab-separated lines as a ruled table: one row per line, every cell boxed, long cells wrapped."""
        n = max(len(r) for r in rows)
        cells = [[styled(c) for c in r] + [[] for _ in range(n - len(r))] for r in rows]
        widths = _column_widths(cells, self.width)
        for row in cells:
            wrapped = [wrap(c, w - 2 * PAD) for c, w in zip(row, widths, strict=True)]
            height = max(len(w) for w in wrapped) * LEADING + 2 * PAD
            self._room(height)
            x = MARGIN
            for lines, w in zip(wrapped, widths, strict=True):
                self.canvas.rect(x, self.y - height, w, height, stroke=1, fill=0)
                for k, line in enumerate(lines):
                    self._draw(line, x + PAD, self.y - PAD - SIZE - k * LEADING)
                x += w
            self.y -= height

    def save(self) -> None:
        self.canvas.save()


def _column_widths(cells: list[list[list[Run]]], width: float) -> list[float]:
    """Each column as wide as its widest cell, the widest shrunk until the table fits the page."""
    n = len(cells[0])
    natural = [max(sum(r.width() for r in row[k]) for row in cells) + 2 * PAD + 1 for k in range(n)]
    least = [
        max([r.width(w) for row in cells for r in row[k] for w in r.text.split()] + [0]) + 2 * PAD + 1 for k in range(n)
    ]
    widths, left = [0.0] * n, width
    for count, k in enumerate(sorted(range(n), key=lambda k: natural[k])):
        widths[k] = max(least[k], min(natural[k], left / (n - count)))
        left -= widths[k]
    return widths


def write_pdf(text: str, path: Path) -> None:
    """The report text as a PDF at `path`: consecutive tab-separated lines form one table."""
    pdf = ReportPdf(path)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            j = i
            while j < len(lines) and "\t" in lines[j]:
                j += 1
            pdf.table([line.split("\t") for line in lines[i:j]])
            i = j
        else:
            pdf.text_line(lines[i])
            i += 1
    pdf.save()
