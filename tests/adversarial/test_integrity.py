"""Attacks on the way from the inputs to a published page; each test states its attack in one line.

Numbers refer to the cases of issue 12. Builds are left to tests/integration; these run in seconds.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vsslib.errors import ManifestError, NotOwnedError, StaleDataError
from vsslib.extract.manifest import read_manifest
from vsslib.facts.load import load_facts
from vsslib.facts.store import ExtractionLossError, facts_csv, read_facts, write_facts
from vsslib.locking import LockedError, exclusive
from vsslib.pages.published import refuse_published
from vsslib.publish.ownership import claim_reports_dir, remove_leftovers
from vsslib.publish.plan import Job
from vsslib.publish.render import PageError, check_page, render_index
from vsslib.publish.snapshot import Snapshot
from vsslib.publish.state import Outcome, index_cells, up_to_date, write_state

ROOT = Path(__file__).resolve().parents[2]
HEADER = "report_id,organ,vintage,kind,title,sha256,seed_file\n"


@pytest.fixture
def data(tmp_path):
    """A copy of data/raw and data/extracted."""
    for sub in ("raw", "extracted"):
        shutil.copytree(ROOT / "data" / sub, tmp_path / sub, ignore=shutil.ignore_patterns(".vss.lock*"))
    for f in tmp_path.rglob("*"):
        f.chmod(0o644 if f.is_file() else 0o755)
    return tmp_path


def manifest_rows(data: Path) -> list[str]:
    return (data / "raw" / "manifest.csv").read_text(encoding="utf-8").splitlines(keepends=True)[1:]


# -- 2. the facts are verified on every load ----------------------------------------------------------
@pytest.mark.parametrize("damage", ["value", "deleted row", "duplicated row", "header only", "empty"])
def test_hand_edited_facts_are_refused(data, damage):
    """Attack: edit data/extracted/facts.csv by hand (a value, a row, everything) and load it."""
    path = data / "extracted" / "facts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    edited = {
        "value": [lines[0], lines[1].replace(",tkr,", ",tkr,", 1).replace(",", ",X", 1), *lines[2:]],
        "deleted row": [lines[0], *lines[2:]],
        "duplicated row": [*lines, lines[-1]],
        "header only": lines[:1],
        "empty": [],
    }[damage]
    path.write_text("".join(edited), encoding="utf-8")
    with pytest.raises(StaleDataError, match="changed after extraction|run `vss extract`"):
        load_facts(facts_path=path, check_fresh=False)


def test_corrupt_meta_is_a_project_error(data):
    """Attack: overwrite facts.meta.json with garbage."""
    (data / "extracted" / "facts.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StaleDataError, match="facts.meta.json"):
        read_facts(data / "extracted" / "facts.csv", check_raw=False)


# -- 3. a failed build stays failed -------------------------------------------------------------------
def _job(tmp_path: Path, key: str = "k1") -> Job:
    return Job(ROOT / "notebooks" / "forecast_accuracy.ipynb", "2021-08", {}, tmp_path / "2021-08", key)


def test_a_failure_is_never_taken_for_an_unchanged_page(tmp_path):
    """Attack: a good build, then a failing one with the same inputs; the next build must not skip it."""
    job = _job(tmp_path)
    job.out_dir.mkdir()
    (job.out_dir / "forecast_accuracy.html").write_text("good page", encoding="utf-8")
    write_state(job, Outcome(job.name, job.period, "built", key_figures=[{"label": "a", "value": 1}]))
    assert up_to_date(job)
    write_state(job, Outcome(job.name, job.period, "failed", error="RuntimeError: x"))
    assert not up_to_date(job)
    cell = index_cells(tmp_path, ["2021-08"], ["forecast_accuracy"], [])[("2021-08", "forecast_accuracy")]
    assert cell.outcome.status == "failed" and cell.page  # index says failed and links the last good page


# -- 4. one snapshot per build: the key follows the content ---------------------------------------------
def test_changed_annotation_changes_the_key():
    """Attack: edit drivers.csv (or any declared input) and rebuild: the key must change."""
    a = Snapshot(Path("x"), {"data/annotations/drivers.csv": "1", "data/raw/a.txt": "2"}, "f")
    b = Snapshot(Path("x"), {"data/annotations/drivers.csv": "9", "data/raw/a.txt": "2"}, "f")
    assert a.digest(["data/annotations/drivers.csv"]) != b.digest(["data/annotations/drivers.csv"])
    assert a.digest(["data/raw"]) == b.digest(["data/raw"])  # an undeclared change does not rebuild others


# -- 5. locks ---------------------------------------------------------------------------------------------
def test_a_second_holder_is_refused_with_the_first_ones_pid(tmp_path):
    """Attack: two `vss build` (or `vss extract`) at once."""
    with exclusive(tmp_path / ".lock", "vss build"):
        with pytest.raises(LockedError, match=f"pid {os.getpid()}") as refused, exclusive(tmp_path / ".lock", "x"):
            pass
    assert str(refused.value).startswith("another vss build has been running since ")
    with exclusive(tmp_path / ".lock", "vss build"):  # released afterwards
        pass


# -- 7. the index is whole ---------------------------------------------------------------------------------
def test_index_keeps_notebooks_not_built_now(tmp_path):
    """Attack: `vss build --only forecast_accuracy` after a full build."""
    for name in ("forecast_accuracy", "lkdata_surplus"):
        job = Job(ROOT / "notebooks" / f"{name}.ipynb", "2021-08", {}, tmp_path / "2021-08", "k")
        job.out_dir.mkdir(exist_ok=True)
        (job.out_dir / f"{name}.html").write_text("page", encoding="utf-8")
        write_state(job, Outcome(name, "2021-08", "built"))
    now = [Outcome("forecast_accuracy", "2021-08", "built")]
    cells = index_cells(tmp_path, ["2021-08"], ["forecast_accuracy", "lkdata_surplus"], now)
    assert set(cells) == {("2021-08", "forecast_accuracy"), ("2021-08", "lkdata_surplus")}


def test_a_page_from_other_inputs_is_called_stale_not_unchanged(tmp_path):
    """Attack: `vss build --period 2021-08` after the library, a notebook or the data changed: the pages of the
    other periods were made from the old ones and must not be shown as unchanged."""
    for period, key in (("2020-12", "old"), ("2021-08", "new")):
        job = Job(ROOT / "notebooks" / "forecast_accuracy.ipynb", period, {}, tmp_path / period, key)
        job.out_dir.mkdir()
        (job.out_dir / "forecast_accuracy.html").write_text("page", encoding="utf-8")
        write_state(job, Outcome("forecast_accuracy", period, "built"))
    current = {("2020-12", "forecast_accuracy"): {"new", "new+code"}, ("2021-08", "forecast_accuracy"): {"new"}}
    cells = index_cells(tmp_path, ["2020-12", "2021-08"], ["forecast_accuracy"], [], current)
    assert cells[("2020-12", "forecast_accuracy")].outcome.status == "stale"
    assert cells[("2021-08", "forecast_accuracy")].outcome.status == "skipped"
    assert render_index(cells, ["2020-12", "2021-08"], ["forecast_accuracy"], {}).count(">inaktuell<") == 1
    failed = Job(ROOT / "notebooks" / "forecast_accuracy.ipynb", "2020-12", {}, tmp_path / "2020-12", "old")
    write_state(failed, Outcome("forecast_accuracy", "2020-12", "failed", error="RuntimeError: x"))
    cells = index_cells(tmp_path, ["2020-12"], ["forecast_accuracy"], [], current)
    assert cells[("2020-12", "forecast_accuracy")].outcome.status == "failed"  # a failure stays a failure


# -- 8. only vss build publishes ------------------------------------------------------------------------------
def test_an_ad_hoc_run_cannot_write_into_published_reports(tmp_path):
    """Attack: papermill/JupyterLab with output_dir pointing into reports/<period>."""
    claim_reports_dir(tmp_path / "reports")
    with pytest.raises(NotOwnedError, match="only `vss build`"):
        refuse_published(tmp_path / "reports" / "2021-08")
    refuse_published(tmp_path / "elsewhere")  # any other folder is fine


# -- 9. a build removes only what it made ----------------------------------------------------------------------
def test_a_foreign_folder_is_refused_and_untouched(tmp_path):
    """Attack: `vss build --reports-dir ~` on a folder with a .mozilla-profile and a .git-rewrite."""
    (tmp_path / "2021-08" / ".mozilla-profile").mkdir(parents=True)
    (tmp_path / "notes.tmp").write_text("mine", encoding="utf-8")
    with pytest.raises(NotOwnedError, match="not a vss reports folder"):
        claim_reports_dir(tmp_path)
    assert (tmp_path / "2021-08" / ".mozilla-profile").exists() and (tmp_path / "notes.tmp").exists()


def test_leftover_cleaning_spares_unmarked_folders(tmp_path):
    """Attack: a hidden folder of the user's own inside an owned reports folder."""
    claim_reports_dir(tmp_path)
    (tmp_path / "2021-08" / ".git-rewrite").mkdir(parents=True)
    (tmp_path / "2021-08" / ".x-1").mkdir()
    (tmp_path / "2021-08" / ".x-1" / ".vss-staging").write_text("", encoding="utf-8")
    remove_leftovers(tmp_path, ["forecast_accuracy"])
    assert (tmp_path / "2021-08" / ".git-rewrite").exists() and not (tmp_path / "2021-08" / ".x-1").exists()


def test_leftover_cleaning_removes_only_the_temporary_files_of_names_a_build_writes(tmp_path):
    """Attack (issue 23, class 3): a user's hidden file that looks like a temporary file."""
    claim_reports_dir(tmp_path)
    period = tmp_path / "2021-08"
    period.mkdir()
    ours = [".forecast_accuracy.html.vss-k2j_9xq1.tmp", ".vss-2021-08.xlsx.vss-a1b2c3d4.tmp"]
    theirs = [
        ".mina-anteckningar.html.x.tmp",
        ".forecast_accuracy.html.backup.tmp",
        ".forecast_accuracy.html.my_notes.tmp",  # eight characters, as a temporary file's random part (review)
        ".vss-fakta-2021-08.csv.backup_1.tmp",
        ".budget.json.lokal.tmp",
    ]
    for name in ours + theirs:
        (period / name).write_text("x", encoding="utf-8")
    remove_leftovers(tmp_path, ["forecast_accuracy"])
    assert sorted(p.name for p in period.iterdir()) == sorted(theirs)


@pytest.mark.parametrize("where", ["2021-08", "2021-08/forecast_accuracy.html", ".vss-build"])
def test_a_link_in_the_reports_folder_is_refused_and_nothing_behind_it_touched(tmp_path, where):
    """Attack (issue 23, class 3): reports/2021-08 (or a page, or the build's area) a link to the user's folder."""
    reports, outside = tmp_path / "reports", tmp_path / "mina-filer"
    claim_reports_dir(reports)
    outside.mkdir()
    (outside / ".forecast_accuracy.html.vss-k2j_9xq1.tmp").write_text("mine", encoding="utf-8")
    link = reports / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside, target_is_directory=True)
    with pytest.raises(NotOwnedError, match=f"{re.escape(str(link))} is a link"):
        remove_leftovers(reports, ["forecast_accuracy"])
    assert (outside / ".forecast_accuracy.html.vss-k2j_9xq1.tmp").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_files_written_together_are_refused_together_when_one_is_no_file(tmp_path, kind):
    """Attack: the second of two files written together (a workbook and its CSV, a page's JSON and HTML) is a
    folder or a FIFO; once the first was replaced and the second failed. Now neither is touched."""
    from vsslib.errors import WriteError
    from vsslib.fileio import atomic_write_all

    first, second = tmp_path / "vss-2021-08.xlsx", tmp_path / "vss-fakta-2021-08.csv"
    first.write_bytes(b"old workbook")
    second.mkdir() if kind == "folder" else os.mkfifo(second)
    with pytest.raises(WriteError, match=f"cannot write {re.escape(str(second))}: not a file"):
        atomic_write_all({first: b"new workbook", second: b"new csv"})
    assert first.read_bytes() == b"old workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.name, second.name]  # no temporary file left


# -- 10. no silent loss -------------------------------------------------------------------------------------------
def test_an_empty_manifest_is_refused(data):
    """Attack: a manifest with its header and no rows."""
    (data / "raw" / "manifest.csv").write_text(HEADER, encoding="utf-8")
    with pytest.raises(ManifestError, match="no reports"):
        read_manifest(data / "raw" / "manifest.csv")


def test_an_extraction_losing_a_report_is_refused(data):
    """Attack: drop a report from the manifest and re-extract without saying so."""
    from vsslib.extract.pipeline import Extraction

    before = (data / "extracted" / "facts.csv").read_bytes()
    facts = list(csv.DictReader(io.StringIO((data / "extracted" / "facts.csv").read_text(encoding="utf-8"))))
    kept = [f for f in facts if f["report_id"] != "vss-2019-08"]
    for f in kept:
        f["value"] = float(f["value"])
    with pytest.raises(ExtractionLossError, match="vss-2019-08"):
        write_facts(Extraction(kept), data / "extracted" / "facts.csv", data / "raw" / "manifest.csv")
    assert (data / "extracted" / "facts.csv").read_bytes() == before
    write_facts(Extraction(kept), data / "extracted" / "facts.csv", data / "raw" / "manifest.csv", allow_loss=True)
    assert (data / "extracted" / "facts.csv").read_text(encoding="utf-8") == facts_csv(kept)


# -- 11. the manifest is checked line by line ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda rows: [rows[0], rows[4].replace(",VSS,2021-08,", ",VSS,2017-01,")], "does not match"),
        (
            lambda rows: [rows[3], rows[4].replace("vss-2021-08,VSS,2021-08", "vss-2020-13,VSS,2020-12")],
            "bad report_id|does not match",
        ),
        (lambda rows: [rows[0], rows[1][:30] + "\n"], "too few"),
        (lambda rows: [rows[0], rows[1].replace(",VSS,", ",XX,")], "bad organ"),
    ],
    ids=["vintage contradicts id", "second report for one period", "row cut short", "unknown organ"],
)
def test_bad_manifest_rows_are_named(data, edit, message):
    """Attack: a manifest row that lies about its report, repeats a period, or is cut short."""
    (data / "raw" / "manifest.csv").write_text(HEADER + "".join(edit(manifest_rows(data))), encoding="utf-8")
    with pytest.raises(ManifestError, match=message) as raised:
        read_manifest(data / "raw" / "manifest.csv", verify=False)
    assert raised.value.line is not None


def test_two_reports_for_one_period_are_refused(data):
    """Attack: a copy of a report under a new id for an existing organ and vintage."""
    rows = manifest_rows(data)
    (data / "raw" / "vss-2021-09.txt").write_bytes((data / "raw" / "vss-2021-08.txt").read_bytes())
    twin = rows[4].replace("vss-2021-08", "vss-2021-09").replace(",2021-08,", ",2021-08,")
    (data / "raw" / "manifest.csv").write_text(HEADER + "".join(rows) + twin, encoding="utf-8")
    with pytest.raises(ManifestError, match="does not match|already report"):
        read_manifest(data / "raw" / "manifest.csv", verify=False)


def test_a_bom_is_accepted_and_a_directory_is_not_a_report(data):
    """Attack: a manifest saved with a BOM by Excel; a raw path that is a directory."""
    path = data / "raw" / "manifest.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(read_manifest(path)) == 5
    (data / "raw" / "vss-2021-08.txt").unlink()
    (data / "raw" / "vss-2021-08.txt").mkdir()
    with pytest.raises(ManifestError, match="is not a file"):
        read_manifest(path, verify=False)


# -- 13. bad arguments -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("jobs", ["-1", "0", "two"])
def test_bad_jobs_exit_2_without_traceback(jobs):
    """Attack: `vss build --jobs -1` (or 0, or a word)."""
    result = subprocess.run(
        [sys.executable, "-m", "vsslib.cli", "build", "--jobs", jobs], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr and "--jobs" in result.stderr


# -- 14. nothing live on a page ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "fragment",
    [
        '<a href="javascript:alert(1)">x</a>',
        '<img src="http://evil.example/t.png">',
        '<a href="//evil.example/">',
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="data:text/html;base64,PGI+">x</a>',
        '<iframe src="about:blank"></iframe>',
        '<div style="background:url(https://evil.example/x)">',
    ],
)
def test_a_page_with_a_live_link_or_remote_resource_is_not_published(fragment):
    """Attack: report or annotation text that a renderer turned into a link, image or script."""
    with pytest.raises(PageError):
        check_page(f"<html><body><p>ok</p>{fragment}</body></html>", "2021-08/x")


def test_embedded_figures_and_local_links_are_allowed():
    check_page('<a href="2021-08/x.html">x</a><img alt="Diagram" src="data:image/png;base64,iVBOR">', "index")


def test_report_text_in_sentences_is_text_not_markdown():
    """Attack: a quote in drivers.csv with [x](javascript:alert(1)) and ![](http://evil.example/t.png)."""
    from vsslib.pages.present import bullets

    html = bullets(["Citat: [x](javascript:alert(1)) ![](http://evil.example/t.png)"]).data
    assert "<a " not in html and "<img" not in html and "[x](javascript:alert(1))" in html


def test_a_curated_row_split_by_an_unquoted_comma_is_refused_naming_the_row(tmp_path):
    """Attack (found writing unit_facts.csv): a quote holding '1,2 mnkr' written without double quotes gives the
    row one field too many; csv put the rest aside and the quote was silently cut at the comma."""
    from vsslib.errors import ReportError
    from vsslib.facts.annotations import load_unit_facts

    bad = tmp_path / "unit_facts.csv"
    bad.write_text(
        "unit,fact,value,ref_year,report_id,line,quote\n"
        "VSS,result_excluding,1200,2021,vss-2021-08,189,ett överskott om cirka 1,2 mnkr\n",
        encoding="utf-8",
    )
    with pytest.raises(ReportError, match=r"unit_facts.csv:2: 8 fields where the header has 7"):
        load_unit_facts(bad)
    bad.write_text("unit,fact,value,ref_year,report_id,line,quote\nVSS,formed,2019\n", encoding="utf-8")
    with pytest.raises(ReportError, match=r"unit_facts.csv:2: 3 fields where the header has 7"):
        load_unit_facts(bad)
