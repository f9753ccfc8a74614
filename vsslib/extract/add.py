"""`vss add FILE`: a new report into data/raw and the manifest, after showing what would be extracted.

Text (`.txt`), Markdown (`.md`), HTML (`.html`, tables become tab-separated rows) and PDF (`.pdf`, see
`vsslib.extract.pdf`: ruled tables become tab-separated rows) are read; the organ,
period and kind come from the report's own title page where it says them ('Delårsrapport per den 31
augusti 2021', 'Verksamhetsstöd och service'), or from `--organ`, `--vintage`, `--kind`. Nothing is
written before the extraction has been shown; then the text, the original file (`data/raw/original/`,
with its own checksum) and the manifest line are written, each atomically. Refused: a period the organ
already has, and a text the manifest already lists (same sha256).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from vsslib.contract import ORGANS
from vsslib.errors import ReportError
from vsslib.extract.columns import MONTHS as COLUMN_MONTHS
from vsslib.extract.layout import Table
from vsslib.extract.manifest import KINDS, ManifestEntry, read_manifest
from vsslib.extract.rows import compared_period, table_name
from vsslib.extract.text import fold, normalise
from vsslib.fileio import atomic_write, atomic_write_bytes

READABLE = (".txt", ".md", ".html", ".htm", ".pdf")
MAX_REPORT_BYTES = 50 * 2**20  # refused before it is read: a report is a few MB at most
MONTHS = {name: f"{number:02d}" for name, number in COLUMN_MONTHS.items()}  # the header vocabulary's months
ORGAN_NAMES = {"VSS": ("verksamhetsstod och service", "vss"), "KS": ("kommunstyrelsen",)}


@dataclass
class Found:
    """What `vss add` found in a file: its text, the report it is, and what the extraction gives."""

    text: str
    organ: str
    vintage: str
    kind: str
    title: str
    tables: dict[str, int]
    warnings: list[str]
    columns: list[str] = field(default_factory=list)  # how each table's columns were read, for the reader
    unread: list[str] = field(default_factory=list)  # printed numbers that gave no fact: refused unless accepted

    @property
    def report_id(self) -> str:
        """'vss-2022-08'."""
        return f"{self.organ.lower()}-{self.vintage}"


class _HtmlText(HTMLParser):
    """HTML as the workbook's text shapes: a table row as tab-separated cells, other blocks as lines."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "li", "br", "tr", "table", "section"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.cells: list[str] | None = None
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "tr":
            self._flush()
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append("")
        elif tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        elif tag == "tr" and self.cells is not None:
            self.lines.append("\t".join(" ".join(c.split()) for c in self.cells))
            self.cells = None
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cells:
            self.cells[-1] += data
        elif self.cells is None:
            self.line.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.line).split())
        if text:
            self.lines.append(text)
        self.line = []


def read_text(path: Path) -> str:
    """The report's text in one of the shapes the extractor reads; ReportError for a format it cannot read."""
    return read_text_and_warnings(path)[0]


def read_text_and_warnings(path: Path) -> tuple[str, list[str]]:
    """`read_text`, and what reading the format left undecided (a PDF: words perhaps broken in cells)."""
    from vsslib.extract.reader import read_lines

    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise ReportError(path.name, None, f"cannot read {suffix or 'a file without suffix'}", f"one of {READABLE}")
    if not path.is_file():  # a folder, a FIFO or a device: never read (a FIFO would wait forever)
        raise ReportError(path.name, None, "not a regular file", "a report file")
    size = path.stat().st_size
    if size > MAX_REPORT_BYTES:
        raise ReportError(
            path.name,
            None,
            f"the file is {size / 2**20:.0f} MB, more than the {MAX_REPORT_BYTES // 2**20} MB a report can be",
            f"a report of at most {MAX_REPORT_BYTES // 2**20} MB (the five reports are 0,1–0,6 MB as PDF)",
        )
    if suffix == ".pdf":
        from vsslib.extract.pdf import pdf_text_and_warnings

        return pdf_text_and_warnings(path)
    if suffix in (".html", ".htm"):
        parser = _HtmlText()
        parser.feed(path.read_bytes().decode("utf-8", errors="replace"))
        parser._flush()
        return normalise("\n".join(parser.lines) + "\n"), []
    return normalise("\n".join(read_lines(path)) + "\n"), []


def detect(text: str) -> dict[str, str]:
    """Organ, vintage and kind as the title page (the first lines) says them; what it does not say is left out."""
    head = fold(" ".join([line for line in text.splitlines() if line.strip()][:15]))
    found: dict[str, str] = {}
    organs = [o for o, names in ORGAN_NAMES.items() if any(re.search(rf"\b{n}\b", head) for n in names)]
    if len(organs) == 1:
        found["organ"] = organs[0]
    if re.search(r"delarsrapport", head):
        found["kind"] = "delårsrapport"
        period = re.search(rf"(\d{{1,2}}) ({'|'.join(MONTHS)}) (20\d\d)", head)
        if period:
            found["vintage"] = f"{period.group(3)}-{MONTHS[period.group(2)]}"
    elif re.search(r"verksamhetsberattelse|arsredovisning", head):
        found["kind"] = "verksamhetsberättelse" if "verksamhetsberattelse" in head else "årsredovisning"
        year = re.search(r"\b(20\d\d)\b", head)
        if year:
            found["vintage"] = f"{year.group(1)}-12"
    return found


def inspect(path: Path, organ: str | None, vintage: str | None, kind: str | None, title: str | None) -> Found:
    """Read and detect, check what is given, and extract the text in a scratch copy: nothing is written."""
    import tempfile

    from vsslib.extract.pipeline import read_report

    text, read_warnings = read_text_and_warnings(path)
    said = detect(text)
    for name, given in (("organ", organ), ("vintage", vintage), ("kind", kind)):
        if given and said.get(name) and said[name] != given:
            raise ReportError(
                path.name,
                None,
                f"the title page says {name} {said[name]}, --{name} says {given}",
                f"--{name} {said[name]}, or the title page of the report you mean",
            )
    organ, vintage, kind = organ or said.get("organ"), vintage or said.get("vintage"), kind or said.get("kind")
    missing = [
        f"--{name} ({allowed})"
        for name, value, allowed in (
            ("organ", organ, ", ".join(ORGANS)),
            ("vintage", vintage, "YYYY-MM"),
            ("kind", kind, ", ".join(KINDS)),
        )
        if not value
    ]
    if missing:
        raise ReportError(path.name, None, "the title page does not say " + ", ".join(missing), "these options")
    assert organ and vintage and kind
    if organ not in ORGANS or kind not in KINDS or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", vintage):
        raise ReportError(path.name, None, f"{organ} {vintage} {kind}", f"organ in {ORGANS}, YYYY-MM, kind in {KINDS}")
    title = title or f"{organ}, {kind} {vintage}"
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / f"{organ.lower()}-{vintage}.txt"
        raw.write_text(text, encoding="utf-8")
        entry = ManifestEntry(raw.stem, organ, vintage, kind, title, "", raw, 0)
        try:
            reading = read_report(entry)
        except ReportError as exc:
            if exc.file != raw.name or not exc.line or path.suffix.lower() == ".txt":
                raise
            printed = text.split("\n")[exc.line - 1].strip()[:100]
            raise ReportError(
                path.name,
                None,
                f"{exc.message} — line {exc.line} of the text read from it: {printed!r}",
                exc.expected,
            ) from exc
    _refuse_a_copy(path, reading.facts, organ, vintage)
    tables: dict[str, int] = {}
    for fact in reading.facts:
        tables[fact["table"]] = tables.get(fact["table"], 0) + 1
    columns = [describe_columns(table) for table in reading.tables]
    warnings = read_warnings + reading.warnings
    return Found(text, organ, vintage, kind, title, tables, warnings, columns, reading.unread)


SAME_CONTENT = 0.9  # a report whose facts are this share of another report's is a copy of it


def _refuse_a_copy(path: Path, facts: list[dict], organ: str, vintage: str) -> None:
    """ReportError when the report's tables print what another report of the project prints.

    Compared on content (table, unit, item, detail, measure, period and value of every fact), not bytes, so
    a copy with a changed character or title is known for what it is.
    """
    import pandas as pd

    from vsslib import paths

    if not facts or not paths.layout().facts.is_file():
        return
    key = ["table", "unit", "item", "detail", "measure", "ref_year", "ref_month", "value"]
    known = pd.read_csv(paths.layout().facts, keep_default_na=False, usecols=["report_id", *key])
    new = {tuple(f[k] for k in key) for f in facts}
    for report_id, rows in known.groupby("report_id"):
        shared = len(new & set(rows[key].itertuples(index=False, name=None)))
        if report_id != f"{organ.lower()}-{vintage}" and shared >= SAME_CONTENT * len(new):
            raise ReportError(
                path.name,
                None,
                f"its tables print what {report_id} prints ({shared} of its {len(new)} facts)",
                "a new report, not a copy of one already added",
            )


def describe_columns(table: Table) -> str:
    """How a table's columns were read: 'line 158 drift_utfall: 'Redovisat jan-aug 2021' → utfall 2021-08, …'."""
    read = []
    compared = compared_period(table.columns)
    for col in table.columns:
        if col.is_value:
            kind = f" {col.kind}" if col.kind else ""
            year, month = compared if col.measure in ("avvikelse", "förändring") and compared else (col.year, col.month)
            period = f"{year}-{month:02d}" if table.makes_fact(col) else "not a fact (cumulative)"
            read.append(f"{col.header!r} → {col.measure}{kind} {period}")
        else:
            read.append(f"{col.header!r} → text, no facts")
    return f"line {table.line} {table_name(table)}: " + "; ".join(read)


def refuse_known(path: Path, found: Found, manifest_path: Path) -> None:
    """ReportError if the manifest has the report's period already, or its very text (what `add` refuses).

    `vss add --dry-run` asks this too: a dry run never looks clean for a report the real add refuses.
    """
    digest = hashlib.sha256(found.text.encode("utf-8")).hexdigest()
    for e in read_manifest(manifest_path, verify=False):
        if (e.organ, e.vintage) == (found.organ, found.vintage):
            raise ReportError(
                path.name, None, f"{found.organ} {found.vintage} is already {e.report_id}", "a new period"
            )
        if digest in (e.sha256, hashlib.sha256(read_text(e.path).encode("utf-8")).hexdigest()):
            raise ReportError(path.name, None, f"this text is already {e.report_id} in the manifest", "a new report")


def add(path: Path, found: Found, manifest_path: Path) -> list[Path]:
    """Write the text, the original and the manifest line; refuse a period or a text already there."""
    raw_dir = manifest_path.parent
    refuse_known(path, found, manifest_path)
    data = found.text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    original = raw_dir / "original" / f"{found.report_id}{path.suffix.lower()}"
    text_path = raw_dir / f"{found.report_id}.txt"
    checksum = original.with_name(original.name + ".sha256")
    written: list[Path] = []
    try:  # all or nothing: a write that fails (a full disk) takes back the files written before it
        for target, content in ((original, path.read_bytes()), (checksum, _checksum_line(path, original.name))):
            atomic_write_bytes(target, content)
            written.append(target)
        atomic_write_bytes(text_path, data)
        written.append(text_path)
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        raise
    row = {
        "report_id": found.report_id,
        "organ": found.organ,
        "vintage": found.vintage,
        "kind": found.kind,
        "title": found.title,
        "sha256": digest,
        "seed_file": f"original/{original.name}",
    }
    manifest = manifest_path.read_text(encoding="utf-8-sig")
    header = next(csv.reader(io.StringIO(manifest)))
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore").writerow(row)
    try:
        atomic_write(manifest_path, manifest.rstrip("\n") + "\n" + buffer.getvalue())
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        raise
    return [text_path, original, manifest_path]


def _checksum_line(path: Path, name: str) -> bytes:
    return f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}\n".encode()
