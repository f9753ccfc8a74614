"""Reading a raw report file: bytes to lines, with the checks that name file and line."""

from __future__ import annotations

from pathlib import Path

from vsslib.errors import ReportError

MAX_TEXT_BYTES = 50 * 2**20  # no report's text is a hundredth of this: a larger file is refused unread
OCR_SWEDISH_LETTERS_PER_1000 = 5.0  # Swedish prose has ~45-50 å/ä/ö per 1000 letters; OCR text lost them


def read_lines(path: Path) -> list[str]:
    """The file's lines (without line ends); see `read_lines_with_warnings`."""
    return read_lines_with_warnings(path)[0]


def read_lines_with_warnings(path: Path) -> tuple[list[str], list[str]]:
    """The file's lines (without line ends).

    Text that is not UTF-8 but valid Windows-1252 (or Latin-1) is decoded as such, with a warning.
    Raises ReportError for a missing, empty or binary file, or one in neither encoding.
    """
    name = path.name
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise ReportError(
                name,
                None,
                f"the file is {path.stat().st_size / 2**20:.0f} MB",
                f"a report's text, under {MAX_TEXT_BYTES // 2**20} MB",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(name, None, f"cannot read file: {exc.strerror}", "a readable text file") from exc
    if not data.strip():
        raise ReportError(name, None, "the file is empty", "a report's text")
    if b"\x00" in data:
        raise ReportError(name, data[: data.index(b"\x00")].count(b"\n") + 1, "binary content (NUL byte)", "UTF-8 text")
    warnings = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ReportError(name, line, "not valid UTF-8 (nor Windows-1252)", "UTF-8 text") from exc
        warnings.append(f"{name}:{line}: not UTF-8; read as Windows-1252")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line.rstrip("\r") for line in lines]
    return lines, warnings


def is_ocr_text(lines: list[str]) -> bool:
    """OCR text has lost its Swedish letters (å, ä, ö): detect it from their density."""
    text = "\n".join(lines)
    letters = sum(ch.isalpha() for ch in text)
    swedish = sum(ch in "åäöÅÄÖ" for ch in text)
    return letters > 0 and 1000 * swedish / letters < OCR_SWEDISH_LETTERS_PER_1000


def ends_without_newline(path: Path) -> bool:
    """A file cut off mid-line ends without a newline."""
    data = path.read_bytes()
    return bool(data) and not data.endswith(b"\n")
