"""The reports' goal follow-up read from their text: each goal's own assessment, and the goal of each indicator.

An assessment is the report's sentence under a goal's heading ("Förvaltningsmålet bedöms delvis uppnås under
året", "Målet anses som delvis uppfyllt", OCR's "Malet uppnas helt"): `uppnås`, `delvis`, `uppnås inte` or
`ej bedömt`, with the sentence as quote and its line. The goal is the heading above it; the colour legend
("Färgsättningen indikerar: … kan ej bedömas") is no assessment. An indicator's goal is the Förvaltningsmål
cell of its table row or of the row above that prints one; its målområde the "Målområde" line above the
table; in KS's indicator table the bold group row above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from vsslib.extract.text import fold, strip_markup

ASSESSMENTS = ("uppnås", "delvis", "uppnås inte", "ej bedömt")

_SENTENCE = re.compile(r"\b(?:forvaltnings|namnd)?m[ae]let\b.{0,60}?\b(?:uppn\w*|uppfyl\w*|bedomas)\b(?:.{0,30})")
_LEGEND = re.compile(r"fargsattningen indikerar")
_AREA = re.compile(r"^\W*(?:malomrade|malomraade)\b\s*(.*)$")
_MARKS = re.compile(r"(\s+(■|C_D|€_D|€D|€|D|O|©|@|\(\)))+$|^[#*\s]+|[*\s]+$")  # colour marks as OCR read them


@dataclass(frozen=True)
class Assessment:
    """One goal's assessment as its report states it."""

    report_id: str
    area: str  # the målområde ('Medborgare/Kund'), '' where the report names none
    goal: str  # the förvaltningsmål (or nämndmål) as printed
    assessment: str  # one of ASSESSMENTS
    quote: str
    line: int


def classify(sentence: str) -> str:
    """The assessment a sentence states: 'delvis', 'uppnås inte', 'ej bedömt' or 'uppnås'."""
    folded = fold(sentence)
    if re.search(r"\bkan (ej|inte) bedomas\b", folded):
        return "ej bedömt"
    if re.search(r"\bdelvis\b|\b(inte|ej) helt\b|\b(inte|ej) \w+ helt\b", folded):  # 'inte uppfylls helt'
        return "delvis"
    if re.search(r"\b(inte|ej)\b", folded):
        return "uppnås inte"
    return "uppnås"


def heading_text(line: str) -> str:
    """A heading as a reader names it: markup, Markdown marks and OCR's colour-marker debris gone."""
    return _MARKS.sub("", strip_markup(line).strip()).strip()


def assessments(report_id: str, lines: list[str]) -> list[Assessment]:
    """Every goal's assessment in a report's text, in the order printed (the last sentence under a goal counts)."""
    found: dict[tuple[str, str], Assessment] = {}
    area, goal, in_legend = "", "", False
    semicolon_headings = sum(1 for line in lines if _semicolon_heading(line)) >= 2  # vss-2019-08's form
    for number, line in enumerate(lines, start=1):
        folded = fold(line)
        if _LEGEND.search(folded):
            in_legend, goal = True, ""  # the colour legend lists every assessment: none of them is one
            continue
        if in_legend or not folded:
            in_legend = in_legend and not _legend_ends(lines, number)
            continue
        if _AREA.match(folded):
            area, goal = _area_name(line), ""
            continue
        sentence = _assessment(folded, fold(lines[number]) if number < len(lines) else "", line)
        if sentence is not None:
            if goal:
                words = _quoted_sentence(line)
                found[(area, goal)] = Assessment(report_id, area, goal, classify(sentence), words, number)
            continue
        if semicolon_headings:
            if _semicolon_heading(line):
                area, goal = _semicolon_goal(line)
        elif _is_heading(lines, number):
            goal = "" if fold(line) in SECTION_WORDS else heading_text(line)
    return list(found.values())


SECTION_WORDS = {"kommentar", "analys och kommentar", "bedomning av maluppfyllelse", "sammanfattning"}


def _legend_ends(lines: list[str], number: int) -> bool:
    """Whether this line is the blank one after the legend's entries (it may start with a blank line)."""
    return (
        not lines[number - 1].strip() and number > 1 and bool(lines[number - 2].strip()) and _entry_seen(lines, number)
    )


def _entry_seen(lines: list[str], number: int) -> bool:
    """Whether the legend above this blank line has listed an entry yet (it may start with a blank line)."""
    back = number - 2
    while back >= 0 and not _LEGEND.search(fold(lines[back])):
        if lines[back].strip():
            return True
        back -= 1
    return False


def _assessment(folded: str, following: str, line: str) -> str | None:
    """The assessing words of a line, or None: a bullet, or a sentence on what 'bidrar till att målet …', is none."""
    if re.match(r"^\s*([-•]|e |visar )", line, re.IGNORECASE):  # a bullet, or a legend's entry ('Visar att …')
        return None
    found = _SENTENCE.search(f"{folded} {following}")
    if not found or found.start() >= len(folded):
        return None
    if re.search(r"bidrar till att\s*$", f"{folded} {following}"[: found.start()]):
        return None
    return found.group(0)


def _quoted_sentence(line: str) -> str:
    """The sentence of the line that assesses the goal, as printed (the whole line when none stands alone)."""
    for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
        if _SENTENCE.search(fold(sentence)):
            return sentence
    return line.strip()


def _semicolon_heading(line: str) -> bool:
    """'Ekonomi; Kostnadseffektiv verksamhet; Optimera …': area; goal (vss-2019-08's headings)."""
    return bool(re.match(r"^(Ekonomi|Verksamhet|Medarbetare|Medborgare[^;]*);", line.strip()))


def _semicolon_goal(line: str) -> tuple[str, str]:
    """(area, goal) of a semicolon heading: the last of three parts, or the second up to its first sentence."""
    parts = [p.strip() for p in heading_text(line).split(";")]
    goal = parts[-1] if len(parts) > 2 else parts[1].split(". ")[0].rstrip(".")
    return parts[0], goal


def _is_heading(lines: list[str], number: int) -> bool:
    """A line that stands alone (blank lines around it), not a sentence, a bullet or a table row."""
    line = lines[number - 1].strip()
    before = lines[number - 2].strip() if number > 1 else ""
    after = lines[number].strip() if number < len(lines) else ""
    long_ok = line.startswith(("#", "*"))  # a Markdown heading or an italic goal may be long (ks-2018-08 l. 369)
    return (
        bool(line)
        and not before
        and not after
        and "\t" not in lines[number - 1]
        and (len(line) <= 120 or long_ok)
        and not (line.endswith((".", ":", ",")) and not long_ok)
        and not re.match(r"^([-•] |e |\d)", line)
    )


def _area_name(line: str) -> str:
    """'Målområde: Medborgare/kund' (or OCR's 'Malomréde Medarbetare'): 'Medborgare/kund'."""
    words = heading_text(line).split(maxsplit=1)
    return words[1].strip(" :") if len(words) > 1 else ""


def report_goals(report_id: str, raw_dir: Path | None = None) -> tuple[list[Assessment], dict[int, tuple[str, str]]]:
    """A report's goal assessments and its indicator rows' goals, read from data/raw/<report_id>.txt."""
    from vsslib import paths
    from vsslib.extract.reader import read_lines

    lines = read_lines((raw_dir or paths.layout().raw) / f"{report_id}.txt")
    return assessments(report_id, lines), indicator_goals(lines, set(range(1, len(lines) + 1)))


def indicator_goals(lines: list[str], indicator_lines: set[int]) -> dict[int, tuple[str, str]]:
    """{line: (målområde or group, förvaltningsmål)} of indicator table rows in tab-separated text.

    A row whose first cells are a goal and an indicator names the goal; a row with one text cell (the
    indicator alone, or a 'Män' sub-row) belongs to the goal above it. OCR text, with no cells, is left out.
    """
    out: dict[int, tuple[str, str]] = {}
    area, group, goal = "", "", ""
    for number, line in enumerate(lines, start=1):
        if _AREA.match(fold(line)):
            area, goal = _area_name(line), ""
            continue
        if "\t" not in line:
            continue
        cells = [strip_markup(c).strip() for c in line.split("\t")]
        if re.match(r"^<b>.*</b>$", line.split("\t")[0].strip()) and not any(cells[1:]):
            group, goal = heading_text(cells[0]), ""  # KS: '<b>Personal</b>' heads the rows under it
            continue
        first_value = next((k for k, c in enumerate(cells) if c and _numeric(c)), len(cells))
        texts = [c for c in cells[:first_value] if c]
        if len(texts) >= 2 and cells[0] and not _numeric(cells[0]) and cells[0] not in ("Förvaltningsmål", "Nämndmål"):
            goal = cells[0]
        if number in indicator_lines:
            out[number] = (area or group, goal)
    return out


def _numeric(cell: str) -> bool:
    return bool(re.fullmatch(r"[-\d\s,.%*<>IUiu]+|I\.U\.|i\.u\.|IU-", cell))
