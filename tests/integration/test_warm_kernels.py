"""Warm kernels are isolated (issue 15): a build on the fork server gives what a fresh kernel per run gives,
even after a notebook that changes everything it can reach has run on the same server first."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from vsslib.publish import warm
from vsslib.publish.builder import build

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not warm.available(), reason="the fork server needs fork and Unix sockets"),
]
ROOT = Path(__file__).resolve().parents[2]
PERIODS = ["2019-08", "2021-08"]
DIRTY = """
import os, sys, random, warnings
import matplotlib as mpl, matplotlib.pyplot as plt, numpy as np
import vsslib.formatting as formatting
import vsslib.pages.tables as tables
import vsslib.analysis.forecasts as forecasts
mpl.rcParams.update({"figure.dpi": 17, "font.size": 31, "axes.prop_cycle": mpl.cycler(color=["#ff00ff"])})
plt.figure(); plt.plot([1, 2, 3]); plt.close("all")  # drawn, its figure would be an image with no description
formatting.number = lambda *a, **k: "PATCHED"
forecasts.HORIZONS = ("augusti",)
tables.PAGE.sources.shown[("dirty", 1)] = "left behind"
display = print
facts = None
warnings.simplefilter("error")
sys.path.insert(0, "/nonexistent")
random.seed(1); np.random.seed(1)
os.chdir("/")
"""


def _dirty_notebook(folder: Path) -> None:
    nb = json.loads((ROOT / "notebooks" / "data_quality.ipynb").read_text(encoding="utf-8"))
    params = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell = {"cell_type": "code", "execution_count": None, "id": "dirty", "metadata": {}, "outputs": [], "source": DIRTY}
    nb["cells"] = [nb["cells"][0], params, cell]
    nb["metadata"]["title"] = "Smutsig"
    (folder / "aaa_dirty.ipynb").write_text(json.dumps(nb), encoding="utf-8")


def _body(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    html = html[html.index("<body>") : html.index("<footer>")]
    return html  # all of it: cell ids and the downloads' Excel files are the same for the same inputs


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("warm")
    notebooks = base / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    _dirty_notebook(notebooks)
    warm_reports, fresh_reports = base / "warm", base / "fresh"
    warm_out = build(periods=PERIODS, jobs=1, reports_dir=warm_reports, notebooks_dir=notebooks, echo=lambda *_: None)
    fresh_out = build(periods=PERIODS, jobs=2, reports_dir=fresh_reports, fresh_kernels=True, echo=lambda *_: None)
    return warm_reports, fresh_reports, warm_out, fresh_out


def test_the_dirty_notebook_ran_first_on_the_same_server(two_builds):
    _, _, warm_out, _ = two_builds
    assert {o.status for o in warm_out} == {"built"}, [(o.name, o.period, o.error) for o in warm_out if o.error]
    assert len(warm_out) == 2 * 6  # 2 periods x (5 notebooks and the dirty one)


@pytest.mark.parametrize(
    "name", ["forecast_accuracy", "lkdata_surplus", "kontakt_volumes", "goals_indicators", "data_quality"]
)
def test_warm_and_fresh_kernels_give_the_same_summaries_and_pages(two_builds, name):
    warm_reports, fresh_reports, _, fresh_out = two_builds
    assert {o.status for o in fresh_out} == {"built"}
    for period in PERIODS:
        warm_json = (warm_reports / period / f"{name}.json").read_bytes()
        assert warm_json == (fresh_reports / period / f"{name}.json").read_bytes()
        assert b"PATCHED" not in warm_json
        warm_page, fresh_page = (
            _body(warm_reports / period / f"{name}.html"),
            _body(fresh_reports / period / f"{name}.html"),
        )
        assert warm_page == fresh_page
        assert "left behind" not in warm_page and "PATCHED" not in warm_page


@pytest.mark.parametrize(
    ("planted", "error"),
    [("import os\nos._exit(3)", "DeadKernelError|died|Kernel"), ("import time\ntime.sleep(60)", "Timeout|timed out")],
    ids=["kernel dies", "cell hangs"],
)
def test_a_dead_or_hung_kernel_fails_only_its_run(tmp_path, planted, error):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "forecast_accuracy.ipynb", notebooks)
    _dirty_notebook(notebooks)
    nb = json.loads((notebooks / "aaa_dirty.ipynb").read_text(encoding="utf-8"))
    nb["cells"][-1]["source"] = planted
    (notebooks / "aaa_dirty.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    outcomes = build(
        periods=["2021-08"], jobs=1, reports_dir=tmp_path / "r", notebooks_dir=notebooks, cell_timeout=3,
        echo=lambda *_: None,
    )  # fmt: skip
    status = {o.name: o for o in outcomes}
    assert status["aaa_dirty"].status == "failed" and re.search(error, status["aaa_dirty"].error)
    assert status["forecast_accuracy"].status == "built"
