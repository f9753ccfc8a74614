"""No file name, type or size stops a command (issue 23, class 4): odd files in data/raw are passed over with
a warning and left as they are; `vss add` refuses what it should not read before reading it."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import run_vss as vss

ROOT = Path(__file__).resolve().parents[2]


def plant_odd_files(raw: Path) -> None:
    (raw / os.fsdecode(b"stray-\xff\xfe.txt")).write_bytes(b"not a report")  # a name that is no UTF-8
    os.mkfifo(raw / "pipe.txt")  # reading it would wait forever
    (raw / "kopia").mkdir()
    (raw / "kopia" / "ks-2018-08.txt").write_text("an old copy", encoding="utf-8")
    (raw / "anteckning.txt").write_text("min anteckning", encoding="utf-8")


@pytest.mark.slow
def test_odd_files_in_data_raw_stop_no_command_and_are_left_alone(project):
    shutil.copytree(ROOT / "notebooks", project / "notebooks")
    raw = project / "data/raw"
    plant_odd_files(raw)
    for command in (
        ["extract"],
        ["check"],
        ["build", "--period", "2019-04", "--only", "data_quality", "--reports-dir", str(project / "reports")],
    ):
        done = vss(project, *command)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (command, done.stderr[-2000:])
    assert "not UTF-8" in done.stderr and "anteckning.txt" in done.stderr and "pipe.txt" not in done.stdout
    assert re.search(r"ignored \S*pipe\.txt: not a regular file", done.stderr)  # named, not skipped in silence
    assert (project / "reports/2019-04/data_quality.html").exists()
    assert (raw / "anteckning.txt").read_text(encoding="utf-8") == "min anteckning"  # left as it was
    assert (raw / "pipe.txt").is_fifo()


def test_vss_add_refuses_a_fifo_a_folder_and_an_oversized_file_before_reading(project, tmp_path):
    said = ["--organ", "VSS", "--vintage", "2022-08", "--kind", "delårsrapport"]
    fifo = tmp_path / "rapport.txt"
    os.mkfifo(fifo)
    refused = vss(project, "add", str(fifo), *said)
    assert refused.returncode == 2 and "rapport.txt: not a regular file" in refused.stderr
    folder = tmp_path / "mapp.pdf"
    folder.mkdir()
    refused = vss(project, "add", str(folder), *said)
    assert refused.returncode == 2 and "mapp.pdf: not a regular file" in refused.stderr
    big = tmp_path / "stor.pdf"
    with big.open("wb") as f:  # sparse: 200 MB on paper, nothing on disk or in memory
        f.truncate(200 * 2**20)
    refused = vss(project, "add", str(big), *said)
    assert refused.returncode == 2 and "stor.pdf: the file is 200 MB, more than the 50 MB" in refused.stderr
    assert not (project / "data/raw/vss-2022-08.txt").exists()


@pytest.mark.slow
def test_an_input_changed_while_the_build_runs_makes_its_page_inaktuell(project):
    """Attack (issue 23, class 6): an annotation edited while `vss build` runs; the index must not call the
    page current. The edit is made right after the notebooks ran, before the index is written."""
    import subprocess
    import sys

    shutil.copytree(ROOT / "notebooks", project / "notebooks")
    reports = project / "reports"
    script = f"""
from pathlib import Path
import vsslib.publish.builder as b
original = b.run_parallel
def run_then_edit(*args, **kwargs):
    done = original(*args, **kwargs)
    drivers = Path({str(project / "data/annotations/drivers.csv")!r})
    drivers.write_text(drivers.read_text(encoding="utf-8") + "\\n", encoding="utf-8")  # still valid, other bytes
    return done
b.run_parallel = run_then_edit
said = []
outcomes = b.build(periods=["2019-04"], only=["lkdata_surplus"], reports_dir=Path({str(reports)!r}), echo=said.append)
print("\\n".join(said))
print([o.status for o in outcomes])
"""
    env = {**os.environ, "VSS_PROJECT_ROOT": str(project)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "['built']" in done.stdout
    assert re.search(r"were made from other data.*\(.*2019-04 lkdata_surplus.*'inaktuell'", done.stdout), done.stdout
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "inaktuell" in index
