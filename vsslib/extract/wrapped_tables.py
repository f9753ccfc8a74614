"""Tables in the wrapped-text shape of PDF and OCR text: headers and labels wrap over lines, numbers end a row."""

from __future__ import annotations

import re

from vsslib.errors import ReportError
from vsslib.extract.columns import classify, merge_fragment, parse_wrapped_header
from vsslib.extract.layout import (
    PROSE_WORDS,
    Row,
    ShapeReader,
    Table,
    header_words,
    is_header_line,
    is_known_word,
    join_wrapped,
    title_kind,
)
from vsslib.extract.numbers import NumberError, Token, split_values
from vsslib.extract.text import clean_label, strip_markup

_MAX_FRAGMENTS = 4  # a label wraps over at most this many lines


class WrappedTableReader(ShapeReader):
    """Reads a table of space-separated text; `ocr` relaxes the rule that a blank line ends a wrapped label."""

    def read(self, i: int, kind: str) -> Table | None:
        """The table titled on line i (0-based), or None when no value column is found."""
        return self._read_wrapped_table(i, kind)

    def _read_wrapped_table(self, i: int, kind: str) -> Table | None:
        words = header_words(self.lines[i])
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
            if (
                k is None
                or title_kind(self.lines[k])
                and not is_header_line(self.lines[k])
                and title_kind(self.lines[k]) != kind
            ):
                break
            text = strip_markup(self.lines[k]).replace("|", " ")
            parts = text.split()
            if title_kind(self.lines[k]) == kind and k != i:
                if "\t" in self.lines[k]:
                    break  # the real (tab-separated) title follows a heading of the same name
                parts = header_words(self.lines[k])
                if not parts or not all(is_known_word(w) for w in parts):
                    break
            elif not (all(is_known_word(w) for w in parts) or self._wrapped_fragment(parts, fragment, k)):
                break
            fragment = parts[0] if len(parts) == 1 and not is_known_word(parts[0]) else None
            words += parts
            j = k + 1
        unread: list[str] = []
        columns = [c for c in parse_wrapped_header(words, unread) if c.is_value]
        if not columns:
            return None
        table = self._new_table(kind, i, columns, " ".join(words) + " " + self.lines[i], unread)
        table.packed = True
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
        while k >= self.source.consumed_until and not self.lines[k].strip():
            k -= 1
        if k < self.source.consumed_until or "\t" in self.lines[k]:
            return None
        words = strip_markup(self.lines[k]).replace("|", " ").split()
        if not words:
            return None
        if all(is_known_word(w) for w in words) and any(classify(w)[0] == "starter" for w in words):
            return k
        title_words = strip_markup(self.lines[i]).split()
        if len(words) == 1 and title_words and merge_fragment(words[0], title_words[-1]) is not None:
            return k
        return None

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
            label_words, tokens = self._row_parts(table, text, j)
            if not tokens and self.ocr and not fragments and _tail_of(table, text, last_row_end, j, self.lines):
                _extend_label(table.rows[-1], text, self.lines, j)
                last_row_end = j + 1
            elif not tokens:
                if len(label_words) > PROSE_WORDS or len(fragments) >= _MAX_FRAGMENTS:
                    break
                if fragments and text[:1].isupper():  # a capital starts a new label: the old one stood alone
                    _label_only_row(table, fragments, self.lines)
                    fragments = []
                fragments.append((j, text))
            elif self._value_row(table, j, label_words, tokens, fragments):
                fragments = []
                last_row_end = j + 1
            j += 1
        while table.rows and not table.rows[-1].printed_cells:
            table.rows.pop()  # headings after the last row belong to the text, not the table
        table.end_line = last_row_end

    def _row_parts(self, table: Table, text: str, j: int) -> tuple[list[str], list[Token]]:
        """Label words and value tokens of line j; an OCR number inside a wrapped label stays label."""
        label_words, tokens = self._split_row(text)
        following = self._next_nonblank(j + 1) if self.ocr and len(tokens) == 1 else None
        if following is not None and number_in_label(tokens, table, self.lines[following]):
            return text.split(), []  # 'Andel (%) inom 120' / 'sekunder.': the label goes on
        return label_words, tokens

    def _value_row(
        self, table: Table, j: int, label_words: list[str], tokens: list[Token], fragments: list[tuple[int, str]]
    ) -> bool:
        """Add the row whose numbers stand on line j; False when the line is skipped."""
        n = len(table.columns)
        if self.ocr and (restored := restore_lost_comma(tokens)) != tokens:
            self.warnings.append(
                f"{self.file}:{j + 1}: read OCR {' '.join(t.text for t in tokens)!r} as "
                f"{' '.join(t.text for t in restored)!r}: the row's other numbers have one decimal"
            )
            tokens = restored
        try:
            values = self._align(split_values(tokens, n, ambiguous_ok=not self.ocr), n, table.kind)
        except NumberError as exc:
            if not self.ocr:
                raise ReportError(self.file, j + 1, str(exc), f"{n} numbers") from exc
            self.warnings.append(f"{self.file}:{j + 1}: skipped OCR row: {exc}")
            fragments.clear()
            return False
        if fragments and label_words and label_words[0][:1].isupper():
            _label_only_row(table, fragments, self.lines)  # 'Kundnöjdhet' above 'Stadsarkivet 1 2 3'
            fragments.clear()
        if not label_words and not fragments:
            return False
        start = fragments[0][0] if fragments else j
        label = join_wrapped([f for _, f in fragments] + [" ".join(label_words)])
        table.rows.append(
            Row(label=clean_label(label), values=values, line=start + 1, text="\n".join(self.lines[start : j + 1]))
        )
        return True


def number_in_label(tokens: list[Token], table: Table, next_line: str) -> bool:
    """Whether an OCR row's one bare number is part of its label, which goes on in lower case below.

    'Andel (%) inom 120' / 'sekunder.' (vss-2020-12 l. 582) in a table of three or more columns: a label.
    """
    if len(tokens) != 1 or len(table.columns) < 3 or not re.fullmatch(r"\d+", tokens[0].text):
        return False
    words = strip_markup(next_line).split()
    return bool(words) and words[0][:1].islower()


def restore_lost_comma(tokens: list[Token]) -> list[Token]:
    """OCR's lost decimal comma: '53' among numbers printed with one decimal is read as 5,3.

    Only when it is the row's one bare two-digit number and 5,3 lies among the others while 53 does not
    (vss-2020-12 l. 730: '2,1 53 8,6 6,0'); the caller says the reading in a warning naming the line.
    """
    texts = [t.text for t in tokens if not t.missing]
    decimals = [t for t in texts if re.fullmatch(r"-?\d+,\d", t)]
    bare = [k for k, t in enumerate(tokens) if not t.missing and not t.percent and re.fullmatch(r"\d\d", t.text)]
    if len(bare) != 1 or len(decimals) < 2 or len(decimals) != len(texts) - 1:
        return tokens
    k = bare[0]
    restored = f"{tokens[k].text[0]},{tokens[k].text[1]}"
    others = [float(t.replace(",", ".")) for t in decimals]
    if not (min(others) / 2 <= float(restored.replace(",", ".")) <= max(others) * 2 < float(tokens[k].text)):
        return tokens
    return [*tokens[:k], Token(restored, tokens[k].missing, tokens[k].percent), *tokens[k + 1 :]]


def _tail_of(table: Table, text: str, last_row_end: int, j: int, lines: list[str]) -> bool:
    """Whether an OCR line in lower case, right under a row with numbers, is the end of that row's label."""
    if not table.rows or not table.rows[-1].printed_cells or not text[:1].islower():
        return False
    return all(not lines[k].strip() for k in range(last_row_end, j))


def _extend_label(row: Row, text: str, lines: list[str], j: int) -> None:
    """'HR Service LU. LU. 193 220' / 'rekryteringar': the row's label goes on under its numbers (OCR)."""
    tail = " ".join(w for w in text.split() if w not in ("tkr", "mnkr", "kr"))  # OCR's unit cells
    row.label = clean_label(join_wrapped([row.label, tail]))
    row.text = "\n".join(lines[row.line - 1 : j + 1])


def _label_only_row(table: Table, fragments: list[tuple[int, str]], lines: list[str]) -> None:
    """A label printed without numbers (a heading of the rows below), kept as a row without cells."""
    start, end = fragments[0][0], fragments[-1][0]
    table.rows.append(
        Row(
            label=clean_label(join_wrapped([f for _, f in fragments])),
            values=[],
            line=start + 1,
            text="\n".join(lines[start : end + 1]),
            printed_cells=False,
        )
    )
