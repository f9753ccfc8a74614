"""A notebook run by hand after a build (issue 25, the interactive path): it runs to its end with its defaults,
from any folder, writes only to the scratch folder and leaves every published file as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vsslib.errors import NotOwnedError
from vsslib.pages import notebook as nb
from vsslib.publish.ownership import claim_reports_dir

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


def test_a_summary_goes_to_scratch_after_a_build_and_never_into_a_published_period(tmp_path):
    from vsslib import paths

    reports = tmp_path / "reports"
    claim_reports_dir(reports)  # what any build leaves: a published reports folder
    with paths.use(paths.Layout.of(tmp_path, paths.layout().data)):
        written = nb.write_summary(nb.output_path(None, "2021-08", "forecast_accuracy"), {"period": "2021-08"})
        assert written == reports / "_scratch" / "2021-08" / "forecast_accuracy.json"
        with pytest.raises(NotOwnedError, match="only `vss build`"):
            nb.write_summary(reports / "2021-08" / "forecast_accuracy.json", {"period": "2021-08"})


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "_scratch" not in p.parts
    }


@pytest.mark.slow
def test_every_notebook_runs_by_hand_with_its_defaults_after_a_build(project):
    """papermill from notebooks/ (as JupyterLab runs them), defaults only, in a project whose reports are built."""
    shutil.copytree(ROOT / "notebooks", project / "notebooks")
    built = subprocess.run(
        [sys.executable, "-m", "vsslib", "build", "--period", "2021-08", "--only", "data_quality"],
        env={**os.environ, "VSS_PROJECT_ROOT": str(project)},
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    before = _tree(project / "reports")
    for name in NOTEBOOKS:
        ran = subprocess.run(
            [sys.executable, "-c", f"import papermill; papermill.execute_notebook('{name}.ipynb', None, cwd='.')"],
            env={**os.environ, "VSS_PROJECT_ROOT": str(project)},
            capture_output=True,
            text=True,
            cwd=project / "notebooks",
        )
        assert ran.returncode == 0, (name, ran.stderr[-3000:])
        assert list((project / "reports" / "_scratch").glob(f"*/{name}.json")), name
    assert _tree(project / "reports") == before  # not one published file touched
