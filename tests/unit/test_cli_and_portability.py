"""The command line follows conventions, and the main paths use nothing that only POSIX has (issue 14)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import pages_without_tables

from vsslib import __version__
from vsslib.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
VSS = [sys.executable, "-m", "vsslib.cli"]


def test_version_and_the_commands(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"vss {__version__}"
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"run", "extract", "check", "build", "export"} <= set(commands)


@pytest.mark.parametrize("argv", [["-q", "check"], ["check", "-q"]])
def test_quiet_before_or_after_the_command(argv):
    assert build_parser().parse_args(argv).quiet is True


def test_results_on_stdout_and_a_closed_pipe_is_no_error():
    """`vss check | head -1`: the first line, exit 0, no traceback."""
    shell = subprocess.run(
        f"{sys.executable} -m vsslib.cli check | head -1", shell=True, capture_output=True, text=True, check=False
    )
    assert re.match(r"\d+ findings: ", shell.stdout) and "Traceback" not in shell.stderr
    done = subprocess.run([*VSS, "-q", "extract"], capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.startswith("Extracted ") and "warning" in done.stderr


def test_export_writes_the_period_and_refuses_an_unknown_one(tmp_path, capsys):
    reports = pages_without_tables(tmp_path / "reports", "2019-08")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", "--period", "2019-08", "--out", str(out), "--reports-dir", str(reports)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["vss-2019-08.xlsx", "vss-fakta-2019-08.csv"]
    assert main(["export", "--period", "2030-01", "--out", str(out)]) == 2
    assert "valid: 2018-08" in capsys.readouterr().err


def test_export_of_a_period_never_built_names_the_page_and_says_to_build(tmp_path, capsys):
    """Issue 24: the workbook's sheets are the built pages' tables; without a build there are none to export."""
    reports = pages_without_tables(tmp_path / "reports", "2019-08")
    (reports / "2019-08" / "lkdata_surplus.sheets.json").unlink()
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", "--period", "2019-08", "--out", str(out), "--reports-dir", str(reports)]) == 2
    err = capsys.readouterr().err
    assert f"{reports / '2019-08' / 'lkdata_surplus.sheets.json'} is missing" in err
    assert "vss build --period 2019-08" in err and list(out.iterdir()) == []


def test_no_posix_only_calls_on_the_main_paths():
    """Windows has no fork, fchmod or `id -u`: the package and the route without make use none of them.

    The one exception is the warm-kernel fork server, used only where `warm.available()` says it can be.
    """
    modules = [p for p in (ROOT / "vsslib").rglob("*.py") if p.name != "warm.py"]
    source = "\n".join(p.read_text(encoding="utf-8") for p in modules)
    assert not re.search(r"os\.fork|fchmod|get_context\(\"fork\"\)|os\.getuid|os\.geteuid|AF_UNIX|setsid", source)
    assert "warm.available()" in (ROOT / "vsslib" / "publish" / "run.py").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    route = readme[readme.index("Without make") :].split("\n## ")[0]
    assert "conda env create -f environment.yml" in route and "vss run" in route and "id -u" not in route


def test_workers_start_with_spawn():
    """The start method every platform has; the kernels' tests build with it on Linux."""
    source = (ROOT / "vsslib" / "publish" / "run.py").read_text(encoding="utf-8")
    assert 'get_context("spawn")' in source
