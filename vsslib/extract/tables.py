"""Find the tables in a report's text and read each with the reader of its text shape.

Tables are found by their titles ('Driftsammandrag, netto tkr', 'Ekonomi, belopp tkr', 'Investeringar',
'Basuppdrag', 'Personal', an indicator header) followed by column headers. Three layouts exist:
tab-separated cells (`tab_tables`), space-separated text from PDF or OCR where labels and headers wrap
over lines (`wrapped_tables`), and OCR's block layout with labels and numbers printed apart
(`block_tables`). Nothing here knows a particular report.
"""

from __future__ import annotations

from collections.abc import Callable

from vsslib.extract.block_tables import BlockTableReader
from vsslib.extract.layout import Row, Source, Table, title_kind
from vsslib.extract.tab_tables import TabTableReader
from vsslib.extract.wrapped_tables import WrappedTableReader

__all__ = ["Row", "Table", "TableReader", "title_kind"]


class TableReader:
    """Reads all tables of one report. `ocr` relaxes the rule that a blank line ends a wrapped label."""

    def __init__(
        self,
        file: str,
        lines: list[str],
        vintage: tuple[int, int],
        ocr: bool,
        group_label: Callable[[str], bool] = lambda _label: False,
    ):
        self.source = Source(file, lines, vintage, ocr, group_label)
        self.lines = lines

    @property
    def warnings(self) -> list[str]:
        """Rows skipped with a reason, naming file and line."""
        return self.source.warnings

    def tables(self) -> list[Table]:
        """Every table of the report, in the order printed."""
        found, i = [], 0
        while i < len(self.lines):
            kind = title_kind(self.lines[i])
            read = self._read_table(i, kind) if kind else []
            for empty in (t for t in read if not t.rows):
                self.source.warnings.append(
                    f"{self.source.file}:{empty.line}: a {kind} table's heading with no rows under it: "
                    "rows deleted, or a heading the extractor cannot read"
                )
            tables = [t for t in read if t.rows]
            if tables:
                found += tables
                i = self.source.consumed_until = max(t.end_line for t in tables)
            else:
                i += 1
        return found

    def _read_table(self, i: int, kind: str) -> list[Table]:
        if "\t" in self.lines[i]:
            table = TabTableReader(self.source).read(i, kind)
        else:
            table = WrappedTableReader(self.source).read(i, kind)
        if table is None and self.source.ocr:
            return BlockTableReader(self.source).read(i, kind)
        return [table] if table is not None else []
