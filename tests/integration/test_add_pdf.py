"""`vss add` of a PDF (issue 16): each of the five reports, printed to a PDF and re-added, gives its facts.

The PDFs are made here (tests/report_pdf.py: ruled tables, wrapped prose and cells, fonts for emphasis,
raised footnote marks) and never committed. A report is taken out of a copy of the project, its PDF added
with `vss add` alone, and the facts extracted from it compared with the committed facts of its text:
every table, unit, item, measure, month and value, the source lines aside (prose wraps differently).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_vss as vss
from report_pdf import write_pdf

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = list(csv.DictReader(io.StringIO((ROOT / "data/raw/manifest.csv").read_text(encoding="utf-8-sig"))))
KEY = ["table", "unit", "item", "detail", "measure", "ref_year", "ref_month", "value"]


def facts_of(facts_csv: Path, report_id: str) -> list[tuple]:
    facts = pd.read_csv(facts_csv, keep_default_na=False)
    return sorted(facts.loc[facts.report_id == report_id, KEY].itertuples(index=False, name=None))


def take_out(project: Path, report_id: str) -> None:
    """The report as if it had never been added: no manifest row, no text."""
    manifest = project / "data/raw/manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    manifest.write_text("".join(line for line in lines if not line.startswith(report_id + ",")), encoding="utf-8")
    (project / "data/raw" / f"{report_id}.txt").unlink()


@pytest.mark.slow
@pytest.mark.parametrize("entry", MANIFEST, ids=[e["report_id"] for e in MANIFEST])
def test_a_report_printed_to_pdf_and_added_gives_the_facts_of_its_text(project, tmp_path, entry):
    report_id = entry["report_id"]
    pdf = tmp_path / f"{report_id}-print.pdf"
    write_pdf((ROOT / "data/raw" / f"{report_id}.txt").read_text(encoding="utf-8"), pdf)
    take_out(project, report_id)
    said = ["--organ", entry["organ"], "--vintage", entry["vintage"], "--kind", entry["kind"]]
    if report_id == "vss-2020-12":  # its OCR text prints rows no reader places (l. 590, 594, 595): said, accepted
        said.append("--accept-unread")
    added = vss(project, "add", str(pdf), *said)
    assert added.returncode == 0, added.stderr
    assert (project / "data/raw/original" / f"{report_id}.pdf").read_bytes() == pdf.read_bytes()
    extracted = vss(project, "extract")
    assert extracted.returncode == 0, extracted.stderr
    assert facts_of(project / "data/extracted/facts.csv", report_id) == facts_of(
        ROOT / "data/extracted/facts.csv", report_id
    )


@pytest.mark.parametrize("report_id", ["ks-2018-08", "vss-2019-04", "vss-2021-08"])
def test_the_title_page_of_a_pdf_names_the_report(project, tmp_path, report_id):
    """The reports with a title page ('Delårsrapport per den 31 augusti 2018') need no options."""
    pdf = tmp_path / "rapport.pdf"
    write_pdf((ROOT / "data/raw" / f"{report_id}.txt").read_text(encoding="utf-8"), pdf)
    take_out(project, report_id)
    shown = vss(project, "add", str(pdf), "--dry-run")
    assert shown.returncode == 0 and shown.stdout.startswith(f"rapport.pdf: {report_id} (delårsrapport"), shown.stderr


def test_a_pdf_that_is_not_one_or_has_no_text_is_refused_naming_the_file(project, tmp_path):
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<\n%%EOF\n")
    refused = vss(project, "add", str(broken), "--organ", "VSS", "--vintage", "2022-04", "--kind", "delårsrapport")
    assert refused.returncode == 2 and "trasig.pdf" in refused.stderr and "not a readable PDF" in refused.stderr
    scanned = tmp_path / "skannad.pdf"
    write_pdf("\n", scanned)  # a page with nothing on it, as a scan without its text layer
    refused = vss(project, "add", str(scanned), "--organ", "VSS", "--vintage", "2022-04", "--kind", "delårsrapport")
    assert refused.returncode == 2 and "skannad.pdf" in refused.stderr and "no text layer" in refused.stderr
    assert not (project / "data/raw/vss-2022-04.txt").exists()
