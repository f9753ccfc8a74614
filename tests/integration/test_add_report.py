"""`vss add FILE` (issue 16): a new report in one command, with its refusals. Runs in a copy of the project."""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

from conftest import run_vss as vss

ROOT = Path(__file__).resolve().parents[2]
VSS = [sys.executable, "-m", "vsslib.cli"]


def year_on(text: str) -> str:
    """The report moved one year on: every year +1 (vss-2021-08 becomes a report of August 2022)."""
    return re.sub(r"\b(20[12]\d)\b", lambda m: str(int(m.group(1)) + 1), text)


def facts_of(project: Path, report_id: str) -> list[tuple]:
    import pandas as pd

    facts = pd.read_csv(project / "data" / "extracted" / "facts.csv")
    rows = facts[facts.report_id == report_id]
    return sorted(
        zip(
            rows.table,
            rows.unit,
            rows["item"],
            rows.detail.fillna(""),
            rows.measure,
            rows.ref_month,
            rows.value,
            strict=True,
        )
    )


def test_a_report_moved_one_year_on_is_added_and_extracts_like_its_original(project, tmp_path):
    source = tmp_path / "vss-aug-2022.txt"
    source.write_text(
        year_on((ROOT / "data" / "raw" / "vss-2021-08.txt").read_text(encoding="utf-8")), encoding="utf-8"
    )
    shown = vss(project, "add", str(source), "--dry-run")
    assert (
        shown.returncode == 0
        and "vss-2022-08 (delårsrapport" in shown.stdout
        and "271 facts in 7 tables" in shown.stdout
    )
    assert not (project / "data" / "raw" / "vss-2022-08.txt").exists()  # a dry run writes nothing
    added = vss(project, "add", str(source))
    assert added.returncode == 0, added.stderr
    raw = project / "data" / "raw"
    assert (raw / "vss-2022-08.txt").exists() and (raw / "original" / "vss-2022-08.txt").exists()
    assert (raw / "original" / "vss-2022-08.txt.sha256").read_text().endswith("  vss-2022-08.txt\n")
    assert "vss-2022-08,VSS,2022-08,delårsrapport" in (raw / "manifest.csv").read_text(encoding="utf-8")
    assert vss(project, "extract").returncode == 0
    assert facts_of(project, "vss-2022-08") == facts_of(project, "vss-2021-08")


def test_the_same_period_or_the_same_text_is_refused(project, tmp_path):
    copy = tmp_path / "again.txt"
    shutil.copy(ROOT / "data" / "raw" / "vss-2021-08.txt", copy)
    refused = vss(project, "add", str(copy))
    assert refused.returncode == 2 and "VSS 2021-08 is already vss-2021-08" in refused.stderr
    refused = vss(project, "add", str(copy), "--vintage", "2021-09")  # a flag against the title page
    assert refused.returncode == 2 and "the title page says vintage 2021-08, --vintage says 2021-09" in refused.stderr
    # the same report with another date on its title page and one character changed: the same tables
    text = copy.read_text(encoding="utf-8").replace("per den 31 augusti 2021", "per den 31 december 2021", 1)
    copy.write_text(text.replace("Analys", "Analys.", 1), encoding="utf-8")
    refused = vss(project, "add", str(copy), "--vintage", "2021-12")
    assert refused.returncode == 2 and "its tables print what vss-2021-08 prints" in refused.stderr
    before = (project / "data" / "raw" / "manifest.csv").read_bytes()
    assert (project / "data" / "raw" / "manifest.csv").read_bytes() == before


def test_what_the_title_page_does_not_say_is_asked_for(project, tmp_path):
    untitled = tmp_path / "untitled.txt"
    untitled.write_text("Driftsammandrag\n", encoding="utf-8")
    refused = vss(project, "add", str(untitled))
    assert (
        refused.returncode == 2 and "--organ (VSS, KS)" in refused.stderr and "--kind (delårsrapport" in refused.stderr
    )
    word = tmp_path / "report.docx"
    word.write_bytes(b"PK\x03\x04")
    refused = vss(project, "add", str(word))
    assert refused.returncode == 2 and "cannot read .docx" in refused.stderr and ".pdf" in refused.stderr


def test_an_html_report_gives_the_facts_of_its_text(project, tmp_path):
    """The municipality publishes HTML: tables as <table> rows, the rest as paragraphs."""
    text = year_on((ROOT / "data" / "raw" / "vss-2021-08.txt").read_text(encoding="utf-8"))
    parts, rows = [], []
    for line in text.splitlines():
        if "\t" in line:
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t")) + "</tr>")
            continue
        if rows:
            parts.append("<table>" + "".join(rows) + "</table>")
            rows = []
        parts.append(f"<p>{html.escape(line)}</p>" if line.strip() else "")
    page = tmp_path / "rapport.html"
    page.write_text("<html><body>" + "\n".join(parts) + "</body></html>", encoding="utf-8")
    shown = vss(project, "add", str(page), "--dry-run")
    assert shown.returncode == 0, shown.stderr
    assert "vss-2022-08" in shown.stdout and "271 facts in 7 tables" in shown.stdout
