"""Bad input raises the project's own error naming file and line, and leaves data/extracted as it was.

Each case copies the project's data into a temporary root, damages it, and runs `vss extract`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import replace_raw_report

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    for f in (tmp_path / "data" / "raw").iterdir():
        f.chmod(0o644)
    (tmp_path / "data" / "extracted").mkdir(parents=True)
    (tmp_path / "data" / "extracted" / "facts.csv").write_text("previous good facts\n", encoding="utf-8")
    return tmp_path


def set_raw(project: Path, report_id: str, data: bytes) -> None:
    replace_raw_report(project / "data" / "raw", report_id, data)


def run_extract(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "VSS_PROJECT_ROOT": str(project)}
    return subprocess.run(
        [sys.executable, "-m", "vsslib.cli", "extract"], capture_output=True, text=True, env=env, check=False
    )


def original(report_id: str) -> bytes:
    return (ROOT / "data" / "raw" / f"{report_id}.txt").read_bytes()


def replace_line(report_id: str, line: int, text: str) -> bytes:
    lines = original(report_id).decode("utf-8").split("\n")
    lines[line - 1] = text
    return "\n".join(lines).encode("utf-8")


CASES = [
    pytest.param("vss-2019-04", b"", "vss-2019-04.txt: the file is empty", id="empty-file"),
    pytest.param("vss-2019-04", b"%PDF-1.4\n\x00\x01\x02binary", "vss-2019-04.txt:2: binary content", id="binary"),
    pytest.param(
        "vss-2021-08",
        original("vss-2021-08")[: original("vss-2021-08").index(b"LKDATA\t6 113") + 12],
        "vss-2021-08.txt:158: the file ends inside a table",
        id="cut-off-mid-row",
    ),
    # vss-2019-04 line 116: 'Ekonomiservice\t-145\t-38\t-107' with the unit renamed
    pytest.param(
        "vss-2019-04",
        replace_line("vss-2019-04", 116, "Fritidsservice\t-145\t-38\t-107"),
        "vss-2019-04.txt:116: unknown unit label 'Fritidsservice'",
        id="unknown-unit",
    ),
    pytest.param(
        "vss-2019-04",
        replace_line("vss-2019-04", 116, "Ekonomiservice\t-14 5\t-38\t-107"),
        "vss-2019-04.txt:116: malformed number",
        id="number-does-not-parse",
    ),
    pytest.param("vss-2019-04", "ingen tabell här\n".encode(), "vss-2019-04.txt: no table found", id="unknown-shape"),
    pytest.param(
        "vss-2019-04",
        original("vss-2019-04").replace("Linköping".encode(), b"Link\x81ping"),
        "vss-2019-04.txt:26: not valid UTF-8 (nor Windows-1252)",
        id="not-text",
    ),
]


@pytest.mark.parametrize(("report_id", "data", "message"), CASES)
def test_bad_report_names_file_and_line_and_keeps_previous_facts(project, report_id, data, message):
    set_raw(project, report_id, data)
    result = run_extract(project)
    assert result.returncode == 2
    assert message in result.stderr
    assert (project / "data" / "extracted" / "facts.csv").read_text(encoding="utf-8") == "previous good facts\n"
    assert not list((project / "data" / "extracted").glob(".*.tmp"))


def test_manifest_entry_without_file(project):
    (project / "data" / "raw" / "vss-2019-08.txt").unlink()
    result = run_extract(project)
    assert result.returncode == 2
    assert "manifest.csv:4: the raw text vss-2019-08.txt is missing" in result.stderr
    assert (project / "data" / "extracted" / "facts.csv").read_text(encoding="utf-8") == "previous good facts\n"


def test_edited_raw_file_is_refused(project):
    raw = project / "data" / "raw" / "vss-2019-04.txt"
    raw.write_bytes(raw.read_bytes() + b"\n")
    result = run_extract(project)
    assert result.returncode == 2 and "manifest.csv:3: vss-2019-04.txt has sha256" in result.stderr


def test_good_extraction_replaces_facts(project):
    result = run_extract(project)
    assert result.returncode == 0, result.stderr
    text = (project / "data" / "extracted" / "facts.csv").read_text(encoding="utf-8")
    assert text == (ROOT / "data" / "extracted" / "facts.csv").read_text(encoding="utf-8")
