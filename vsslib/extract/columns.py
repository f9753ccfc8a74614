"""Column headers to measures: 'Redovisning 30/4 2019' -> utfall 2019-04, 'Prognos helår' -> prognos.

The vocabulary is the table below (knowledge about the reports as data). Headers come either one
cell per column (tab-separated shapes: :func:`parse_cell_header`) or as words wrapped over several
lines (PDF and OCR text: :func:`parse_wrapped_header`), where each word fills the first column still
waiting for that kind of word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from vsslib.extract.text import fold

# starter word (folded) -> (measure, needs): a starter opens a column.
STARTERS: dict[str, str] = {
    "redovisning": "utfall",
    "redovisat": "utfall",
    "utfall": "utfall",
    "bokslut": "utfall",
    "prognos": "prognos",
    "budget": "budget",
    "beslutad": "budget",
    "investeringsram": "budget",
    "investerings": "budget",
    "investering": "budget",
    "avvikelse": "avvikelse",
    "avvik": "avvikelse",
    "budgetavvikelse": "avvikelse",
    "forandring": "förändring",
    "malvarde": "målvärde",
    "ack": "cumulative",
    "helar": "utfall",
}
# the period a header cell names: a date ('8/31'), a year ('2021'), a span of months ('jan-aug')
_DATE = re.compile(r"^(\d{1,3})/(\d{1,2})$")
_YEAR = re.compile(r"^(19|20)\d\d:?$")
_SPAN = re.compile(r"^jan-([a-z]+)$")

MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "mars": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augusti": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
KINDS = {"utgifter": "utgifter", "inkomster": "inkomster", "netto": "netto", "nettoinvesteringar": "netto"}
# words that head the label column or qualify nothing
IGNORED = {
    "driftsammandrag",
    "netto tkr",
    "tkr",
    "mnkr",
    "verksamhet",
    "belopp",
    "andamal",
    "ekonomi",
    "basuppdrag",
    "volymmatt",
    "personal",
    "investeringar",
    "namndmal",
    "namndindikator",
    "forvaltningsmal",
    "indikator",
    "per",
    "ram",
    "samma",
    "period",
    "foregaende",
    "ar",
    "of",
    "nettokostnader",
    "periodiserad",
    "mot",
    "i",
    "tkr:",
    "mal",
}


@dataclass
class Column:
    """One value column of a table, as printed and as the contract reads it."""

    header: str
    measure: str | None = None  # utfall, budget, prognos, avvikelse, förändring, målvärde, cumulative
    year: int | None = None
    month: int | None = None
    kind: str | None = None  # investeringar: utgifter, inkomster or netto
    previous_year: bool = False  # 'samma period föregående år'
    words: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # header words that are no measure, period or month

    @property
    def is_value(self) -> bool:
        """Whether the column holds values (not the label column)."""
        return self.measure is not None

    def resolved(self, vintage_year: int, vintage_month: int) -> Column:
        """Fill what the header leaves to the report: the year, the month of a full-year column."""
        year, month = self.year, self.month
        if self.previous_year:
            year, month = vintage_year - 1, vintage_month
        if year is None:
            year = vintage_year
        if self.measure in ("prognos", "målvärde") or month is None:
            month = 12  # a forecast or target is for the year; a year without a month is the whole year
        return replace(self, year=year, month=month)

    def dated_a_year_on(self, vintage_year: int, vintage_month: int) -> bool:
        """Whether the header prints the report's own date a year on: a printing slip.

        '31/8 2019' in the report of 31 August 2018 (ks-2018-08 l. 770) is the only outcome dated after
        its report that is read at all.
        """
        return self.measure == "utfall" and self.year == vintage_year + 1 and self.month == vintage_month


def _classify_time(raw: str, folded: str) -> tuple[str, object] | None:
    if _YEAR.match(raw):
        return "year", int(raw[:4])
    if m := _DATE.match(raw):
        return "date", int(m.group(2))
    if (m := _SPAN.match(raw.lower())) and m.group(1)[:3] in MONTHS:
        return "span", MONTHS[m.group(1)[:3]]
    if folded in MONTHS:
        return "month", MONTHS[folded]
    if folded == "helar" or (len(folded) >= 5 and fuzz.ratio(folded, "helar") >= 80):
        return "helar", None
    return None


def _classify_fuzzy(key: str) -> tuple[str, object] | None:
    """OCR-damaged starters and label words ('Malvirde', 'Nimndindikator')."""
    if len(key) < 6:
        return None
    best = max(STARTERS, key=lambda s: fuzz.ratio(key, s))
    if fuzz.ratio(key, best) >= 80:
        return "starter", STARTERS[best]
    if max(fuzz.ratio(key, s) for s in IGNORED) >= 85:
        return "ignored", None
    return None


def classify(word: str) -> tuple[str, object]:
    """What a header word is.

    One of ('starter', measure), ('year', y), ('date', month), ('span', month), ('month', n),
    ('helar', None), ('kind', kind), ('ram', None), ('ignored', None), ('unknown', word).
    """
    raw = word.strip("|()*:,.")
    folded = fold(word).replace(" ", "")
    key = folded.rstrip("-")
    if not folded:
        return "ignored", None
    found = _classify_time(raw, folded)
    if found:
        return found
    if folded == "ram":
        return "ram", None
    if key in KINDS or key.startswith("nettoinvest"):
        return "kind", KINDS.get(key, "netto")
    if key in STARTERS:
        return "starter", STARTERS[key]
    if key in IGNORED or folded in IGNORED:
        return "ignored", None
    return _classify_fuzzy(key) or ("unknown", word)


def _accepts(col: Column, kind: str) -> bool:
    """Whether a column still waits for a word of this kind."""
    if kind in ("year", "helar"):
        return (
            col.year is None
            and "helar" not in col.words
            and not col.previous_year
            and col.measure not in ("avvikelse", "förändring")
        )
    if kind in ("date", "span", "month"):
        return (
            col.month is None
            and col.measure in ("utfall", "budget")
            and "bokslut" not in col.words
            and "helar" not in col.words
        )
    if kind == "kind":
        return col.kind is None and col.measure not in ("avvikelse", "förändring", "målvärde")
    if kind == "ram":
        return col.words[-1:] in (["investerings"], ["investering"])
    return False


def _apply(col: Column, kind: str, value: object, word: str) -> None:
    col.words.append(fold(word).replace(" ", "").rstrip("-"))
    if kind == "year":
        col.year = value  # type: ignore[assignment]
    elif kind in ("date", "span", "month"):
        col.month = value  # type: ignore[assignment]
    elif kind == "helar":
        col.month = 12
        col.words.append("helar")
    elif kind == "kind":
        col.kind = value  # type: ignore[assignment]
    col.header = f"{col.header} {word}".strip()


def merge_fragment(a: str, b: str) -> tuple[str, object] | None:
    """The classification of two broken header pieces that make a known word ('Målvä' + 'rde'), or None."""
    kind, value = classify(a + b)
    return (kind, value) if kind not in ("unknown", "ignored") else None


def _continues(cols: list[Column], measure: str, word: str) -> bool:
    """Attach a starter word to the open column it completes; True when it did.

    'Beslutad' + 'budget', 'Ack.' + 'utfall', 'Budget-' + 'avvikelse'.
    """
    key = fold(word).replace(" ", "")
    if word.endswith("-"):
        return False  # a broken word opens its own column and waits for its end
    for col in cols:
        if measure == "budget" and "beslutad" in col.words and "budget" not in col.words:
            col.words.append("budget")
        elif measure == "utfall" and col.measure == "cumulative" and len(col.words) == 1:
            col.words.append("utfall")
        elif col.header.endswith("-") and classify(col.header.rstrip("-") + key)[0] == "starter":
            col.measure = classify(col.header.rstrip("-") + key)[1]  # type: ignore[assignment]
            col.words.append(key)
        else:
            continue
        col.header = f"{col.header} {word}".replace("- ", "-")
        return True
    return False


def _new_column(word: str, measure: str) -> Column:
    col = Column(header=word, measure=measure, words=[fold(word).replace(" ", "").rstrip("-")])
    if col.words[0] == "bokslut":
        col.month = 12
    return col


def parse_wrapped_header(words: list[str], unread: list[str] | None = None) -> list[Column]:
    """Columns from header words in reading order, wrapped over any number of lines.

    A starter word opens a column; a qualifier (year, date, 'helår', 'Utgifter', 'ram') goes to the
    first column still waiting for one. A year or month that no column waits for opens a column of
    its own. Pieces of a broken word ('Målvä' + 'rde') are joined. Words that are none of these, nor
    pieces of one, are added to `unread`: the caller decides (a value column's header must be read
    whole, never given a default meaning).
    """
    cols: list[Column] = []
    pending: str | None = None
    lost = unread if unread is not None else []
    for n, word in enumerate(words):
        kind, value = classify(word)
        if kind == "unknown" and _is_day(words, n):
            continue  # the day of a date ('per 31 aug.'): the month says the period
        if kind == "unknown":
            merged = merge_fragment(pending, word) if pending is not None else None
            if merged is None:
                if pending is not None:
                    lost.append(pending)
                pending = word
                continue
            (kind, value), word, pending = merged, f"{pending}{word}", None
        if kind == "starter":
            if not _continues(cols, value, word):  # type: ignore[arg-type]
                cols.append(_new_column(word, value))  # type: ignore[arg-type]
        elif kind != "ignored" and not _place(cols, kind, value, word):
            lost.append(word)  # a qualifier no column waits for ('Utgifter' under 'Avvikelse')
    if pending is not None:
        lost.append(pending)
    return cols


def _is_day(words: list[str], n: int) -> bool:
    return bool(re.fullmatch(r"\d{1,2}", words[n])) and n + 1 < len(words) and classify(words[n + 1])[0] == "month"


def _place(cols: list[Column], kind: str, value: object, word: str) -> bool:
    """Give a qualifier to the first column waiting for it, or open the column of a lone year or month.

    False when nothing takes it ('helår' alone is taken: it says what a year column means anyway).
    """
    target = next((c for c in cols if _accepts(c, kind)), None)
    if target is not None:
        _apply(target, kind, value, word)
    elif kind == "month":
        cols.append(Column(header=word, measure="utfall", month=value, words=["month"]))  # type: ignore[arg-type]
    elif kind == "year":
        cols.append(Column(header=word, measure="utfall", year=value, month=12, words=["year"]))  # type: ignore[arg-type]
    else:
        return kind == "helar"
    return True


def parse_cell_header(text: str) -> Column:
    """One column from the stacked text of its header cells ('Redovisning 30/4 2019 Utgifter')."""
    text = re.sub(r"(?i)\b(jan|januari)- (?=[a-zåäö])", r"\1-", text)  # 'jan- aug' wrapped in its cell: a range
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)  # 'Investerings- ram' -> 'Investeringsram'
    text = re.sub(r"Målvä rde", "Målvärde", text)
    low = fold(text)
    if "samma period foregaende ar" in low:
        return Column(header=text, measure="utfall", previous_year=True)
    if re.search(r"\bsedan\b|\back\b", low):
        return Column(header=text, measure="cumulative")
    unread: list[str] = []
    cols = parse_wrapped_header(text.replace("/", "/ ").replace("/ ", "/").split(), unread)
    if not cols:
        return Column(header=text, unread=unread)
    # one cell is one column: a bare year only dates the starter printed with it
    named = [c for c in cols if "year" not in c.words] or cols
    col = named[0]
    col.year = next((c.year for c in named if c.year), None) or next((c.year for c in cols if c.year), None)
    col.month = next((c.month for c in named if c.month), None) or col.month
    col.kind = next((c.kind for c in cols if c.kind), None)
    col.header = text.strip()
    col.unread = unread
    if not (col.measure == "avvikelse" and "mot" in low.split()):  # 'Avvik. mot periodiserad budget': its basis
        col.unread += [c.header for c in named if c is not col]  # a second measure in one cell: 'Budget Prognos'
    return col
