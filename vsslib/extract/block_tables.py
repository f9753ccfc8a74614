"""Tables in OCR's block layout: all labels printed first, then blocks of header lines and number lines."""

from __future__ import annotations

import re

from vsslib.extract.columns import parse_wrapped_header
from vsslib.extract.layout import (
    PROSE_WORDS,
    Row,
    ShapeReader,
    Table,
    is_header_line,
    title_kind,
)
from vsslib.extract.numbers import NumberError, Token, split_values
from vsslib.extract.text import clean_label, fold, strip_markup


class BlockTableReader(ShapeReader):
    """Reads the tables under one title whose labels and numbers are printed apart ('Belopp mnkr')."""

    def read(self, i: int, kind: str) -> list[Table]:
        """Every block table under the title on line i (0-based)."""
        return self._read_block_tables(i, kind)

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
            if len(words) > PROSE_WORDS or (title_kind(self.lines[j]) and title_kind(self.lines[j]) != kind):
                break
            if re.fullmatch(r"belopp (mnkr|tkr)", fold(text)):
                labels, scale = [], 1000.0 if "mnkr" in fold(text) else 1.0
            elif labels is not None and is_header_line(text):
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
        while j < len(self.lines) and (not self.lines[j].strip() or is_header_line(strip_markup(self.lines[j]))):
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
        unread: list[str] = []
        columns = [c for c in parse_wrapped_header(words, unread) if c.is_value]
        if not columns or not numbers:
            return None, j
        table = self._new_table(kind, labels[0][0] if labels else j, columns, " ".join(words), unread)
        table.scale, table.end_line = scale, j
        data = [lab for lab in labels if not self.source.group_label(lab[1])]
        paired = dict(zip(reversed(data), reversed(numbers), strict=False))  # totals are printed last
        for label in labels:
            if label in paired:
                line, tokens = paired[label]
                try:
                    values = self._align(split_values(tokens, len(columns), ambiguous_ok=False), len(columns), "left")
                except NumberError as exc:
                    self.warnings.append(f"{self.file}:{line + 1}: skipped OCR row: {exc}")
                    continue
                table.rows.append(Row(label=clean_label(label[1]), values=values, line=line + 1, text=self.lines[line]))
            elif label not in data:
                table.rows.append(
                    Row(
                        label=clean_label(label[1]),
                        values=[],
                        line=label[0] + 1,
                        text=self.lines[label[0]],
                        printed_cells=False,
                    )
                )
        return table, j
