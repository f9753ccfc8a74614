"""`vss build`: HTML, index, incremental skip, failures that keep the good outputs, refusals."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("papermill")
from vsslib.errors import ParameterError  # noqa: E402
from vsslib.publish.builder import build
from vsslib.publish.plan import BuildError  # noqa: E402

pytestmark = pytest.mark.slow  # runs notebooks: left out of `make test-fast`

ROOT = Path(__file__).resolve().parents[2]
FAILING_CELL = "raise RuntimeError('planted failure')"


NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    reports = tmp_path_factory.mktemp("reports")
    outcomes = build(periods=["2021-08"], jobs=2, reports_dir=reports, echo=lambda *_: None)
    return reports, outcomes


def test_one_period_builds_html_json_and_index(built):
    reports, outcomes = built
    assert [(o.period, o.name, o.status) for o in outcomes] == [("2021-08", n, "built") for n in NOTEBOOKS]
    for name in NOTEBOOKS:
        page = (reports / "2021-08" / f"{name}.html").read_text(encoding="utf-8")
        title = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))["metadata"]["title"]
        assert f"<title>{title} – 2021-08</title>" in page
        images = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,', page)  # figures embedded
        assert images and all(len(alt) > 20 and alt != "Diagram" for alt in images)  # each described
        assert "import " not in page  # code hidden by default
        assert "<footer>" in page and "Underlagets kontrollsumma" in page and "Verktyg" in page
        assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing loaded from the network
        summary = json.loads((reports / "2021-08" / f"{name}.json").read_text(encoding="utf-8"))
        assert summary["period"] == "2021-08"
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="2021-08/forecast_accuracy.html"' in index and "Bedömda prognoser" in index
    assert not re.search(r'(src|href)="(https?:)?//', index)


def test_second_build_skips_and_force_gives_identical_summaries(built):
    reports, _ = built
    before = {n: (reports / "2021-08" / f"{n}.json").read_bytes() for n in NOTEBOOKS}
    again = build(periods=["2021-08"], jobs=2, reports_dir=reports, echo=lambda *_: None)
    assert {o.status for o in again} == {"skipped"}
    forced = build(periods=["2021-08"], jobs=2, reports_dir=reports, force=True, echo=lambda *_: None)
    assert {o.status for o in forced} == {"built"}
    assert {n: (reports / "2021-08" / f"{n}.json").read_bytes() for n in NOTEBOOKS} == before


def _notebooks_with(tmp_path: Path, extra_cell: str | None, tagged: bool = True) -> Path:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = json.loads((ROOT / "notebooks" / "forecast_accuracy.ipynb").read_text(encoding="utf-8"))
    if not tagged:
        for cell in nb["cells"]:
            cell.get("metadata", {}).pop("tags", None)
    if extra_cell:
        nb["cells"].insert(
            3,
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "planted",
                "metadata": {},
                "outputs": [],
                "source": extra_cell,
            },
        )
    (notebooks / "forecast_accuracy.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    return notebooks


def test_failing_notebook_keeps_good_html_and_reports_cell(built, tmp_path):
    reports, _ = built
    good = (reports / "2021-08" / "forecast_accuracy.html").read_bytes()
    outcomes = build(
        periods=["2021-08"],
        jobs=1,
        reports_dir=reports,
        force=True,
        notebooks_dir=_notebooks_with(tmp_path, FAILING_CELL),
        echo=lambda *_: None,
    )
    # planted as the notebook's 4th cell; the period's workbook, forced, is kept: its page failed
    assert [(o.name, o.status, o.cell) for o in outcomes] == [
        ("arbetsbok", "failed", None),
        ("forecast_accuracy", "failed", 4),
    ]
    assert "RuntimeError: planted failure" in outcomes[1].error
    assert (reports / "2021-08" / "forecast_accuracy.html").read_bytes() == good
    assert (reports / "2021-08" / "forecast_accuracy.failed.ipynb").exists()


def test_notebook_without_parameters_cell_is_refused(tmp_path):
    with pytest.raises(BuildError, match="no cell tagged 'parameters'"):
        build(
            periods=["2021-08"],
            reports_dir=tmp_path / "r",
            notebooks_dir=_notebooks_with(tmp_path, None, False),
            echo=lambda *_: None,
        )


def test_unknown_period_and_notebook(tmp_path):
    with pytest.raises(ParameterError, match="valid: 2018-08"):
        build(periods=["2030-01"], reports_dir=tmp_path, echo=lambda *_: None)
    with pytest.raises(
        ParameterError, match="valid: data_quality, forecast_accuracy, goals_indicators, kontakt_volumes"
    ):
        build(only=["nosuch"], reports_dir=tmp_path, echo=lambda *_: None)


def test_unwritable_reports_dir(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    with pytest.raises(BuildError, match="not writable"):
        build(periods=["2021-08"], reports_dir=blocker / "reports", echo=lambda *_: None)


@pytest.mark.slow
def test_a_workbook_that_cannot_be_written_fails_alone(tmp_path):
    """A folder where the workbook goes: the page is still published, the index written, the failure reported."""
    reports = tmp_path / "reports"
    one = _notebooks_with(tmp_path, None)  # the period's only page: its workbook is made from it
    once = {"periods": ["2021-08"], "jobs": 1, "reports_dir": reports, "notebooks_dir": one}
    build(**once, echo=lambda *_: None)
    (reports / "2021-08" / "vss-2021-08.xlsx").unlink()
    (reports / "2021-08" / "vss-2021-08.xlsx").mkdir()
    outcomes = build(**once, force=True, echo=lambda *_: None)
    status = {(o.name, o.period): o.status for o in outcomes}
    assert status == {("forecast_accuracy", "2021-08"): "built", ("arbetsbok", "2021-08"): "failed"}
    assert (reports / "2021-08" / "forecast_accuracy.html").exists() and (reports / "index.html").exists()


@pytest.mark.slow
def test_a_workbook_waits_for_its_pages_and_is_kept_when_one_fails(tmp_path):
    """Issue 24: a period's workbook is made from its pages' sheets. A build of one page (--only) of a period
    whose other page was never built writes no workbook and says why; a page that fails keeps the old one."""
    reports, notebooks = tmp_path / "reports", _notebooks_with(tmp_path, None)  # forecast_accuracy ...
    shutil.copy(ROOT / "notebooks" / "data_quality.ipynb", notebooks)  # ... and data_quality
    once = {"periods": ["2019-04"], "jobs": 2, "reports_dir": reports, "notebooks_dir": notebooks}
    said: list[str] = []
    build(**once, only=["forecast_accuracy"], echo=said.append)
    assert not (reports / "2019-04" / "vss-2019-04.xlsx").exists()
    assert any("2019-04 arbetsbok: waits for its pages data_quality (vss build --period 2019-04)" in s for s in said)
    build(**once, echo=lambda *_: None)
    book = reports / "2019-04" / "vss-2019-04.xlsx"
    old = book.read_bytes()
    (reports / "2019-04" / "data_quality.json").unlink()
    (reports / "2019-04" / "data_quality.json").mkdir()  # the page cannot be published: it fails
    outcomes = build(**once, force=True, echo=lambda *_: None)
    failed = {o.name: o.error for o in outcomes if o.status == "failed"}
    assert set(failed) == {"data_quality", "arbetsbok"} and "data_quality failed" in failed["arbetsbok"]
    assert book.read_bytes() == old


def test_a_folder_where_a_page_s_summary_goes_fails_that_page_and_keeps_its_old_files(tmp_path):
    """Attack: reports/2021-08/forecast_accuracy.json made a folder; once the JSON step failed after other files
    of the page were replaced. Now the page fails naming the folder, and its published HTML is the old one."""
    reports = tmp_path / "reports"
    once = {"periods": ["2021-08"], "only": ["forecast_accuracy"], "jobs": 1, "reports_dir": reports}
    build(**once, echo=lambda *_: None)
    page = reports / "2021-08" / "forecast_accuracy.html"
    old = page.read_bytes()
    (reports / "2021-08" / "forecast_accuracy.json").unlink()
    (reports / "2021-08" / "forecast_accuracy.json").mkdir()
    outcomes = build(**once, force=True, echo=lambda *_: None)
    failed = {o.name: o.error for o in outcomes if o.status == "failed"}
    assert list(failed) == ["forecast_accuracy"] and "forecast_accuracy.json: not a file" in failed["forecast_accuracy"]
    assert page.read_bytes() == old and (reports / "index.html").exists()


def _index_row(reports: Path, period: str) -> str:
    index = (reports / "index.html").read_text(encoding="utf-8")
    return re.search(rf"<tr><th>{period}.*?</tr>", index, re.S).group(0)


def test_a_page_left_from_an_older_notebook_is_marked_stale_until_rebuilt(tmp_path):
    """`vss build --period` after a notebook changed: the other period's page is 'inaktuell', never 'oförändrad'."""
    reports = tmp_path / "reports"
    for folder in ("old", "new"):
        (tmp_path / folder).mkdir()
    old, new = _notebooks_with(tmp_path / "old", None), _notebooks_with(tmp_path / "new", "changed = True")
    build(periods=["2020-12", "2021-08"], jobs=2, reports_dir=reports, notebooks_dir=old, echo=lambda *_: None)
    said: list[str] = []
    build(periods=["2021-08"], jobs=1, reports_dir=reports, notebooks_dir=new, echo=said.append)
    assert ">inaktuell<" in _index_row(reports, "2020-12") and ">byggd<" in _index_row(reports, "2021-08")
    assert any("2020-12 forecast_accuracy" in line and "inaktuell" in line for line in said)
    build(periods=["2020-12"], jobs=1, reports_dir=reports, notebooks_dir=new, echo=lambda *_: None)
    assert ">byggd<" in _index_row(reports, "2020-12") and ">oförändrad<" in _index_row(reports, "2021-08")
    assert ">inaktuell<" not in (reports / "index.html").read_text(encoding="utf-8")


def test_a_workbook_written_from_other_inputs_is_marked_stale_and_rewritten_only_then(tmp_path):
    """A period's workbook is keyed like a page: a key from other data or library is 'inaktuell' until rebuilt."""
    reports = tmp_path / "reports"
    once = {"jobs": 1, "reports_dir": reports, "notebooks_dir": _notebooks_with(tmp_path, None)}
    build(periods=["2020-12", "2021-08"], **once, echo=lambda *_: None)
    state = reports / "2020-12" / ".workbook.build.json"
    state.write_text(json.dumps({"inputs_hash": "written by an older library"}), encoding="utf-8")
    book = reports / "2021-08" / "vss-2021-08.xlsx"
    written = book.stat().st_mtime_ns
    said: list[str] = []
    outcomes = build(periods=["2021-08"], **once, echo=said.append)
    assert [o.status for o in outcomes] == ["skipped"] and book.stat().st_mtime_ns == written  # nothing to redo
    assert ">inaktuell<" in _index_row(reports, "2020-12") and ">inaktuell<" not in _index_row(reports, "2021-08")
    assert any("2020-12 arbetsbok" in line for line in said)
    build(periods=["2020-12"], **once, echo=lambda *_: None)
    assert json.loads(state.read_text(encoding="utf-8"))["inputs_hash"] != "written by an older library"
    assert ">inaktuell<" not in (reports / "index.html").read_text(encoding="utf-8")


def test_the_index_says_when_and_how_long_in_swedish_time_and_fills_every_cell(tmp_path):
    """Issue 25: the index's time is Swedish (CET/CEST) with the build's duration; a cell never built says so
    ('inte byggd': its data exist, only its page was not made here)."""
    reports = tmp_path / "reports"
    build(periods=["2019-04"], only=["data_quality"], jobs=1, reports_dir=reports, echo=lambda *_: None)
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Index uppdaterat.{0,40}\d{4}-\d{2}-\d{2} \d{2}:\d{2} CES?T", index, re.S)
    assert re.search(r"Byggtid.{0,40}\d+ s", index, re.S)
    assert "<td>inte byggd</td>" in index  # 2019-04's other notebooks were not built
