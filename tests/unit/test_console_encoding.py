"""Every command prints in a console without UTF-8 (issue 27): a Windows code page, reproduced with
PYTHONIOENCODING=cp1252. What the code page has (å, ä, ö) prints as itself, the rest as a look-alike; never a
UnicodeEncodeError, never a traceback. `python -m vsslib` is the `vss` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def vss_cp1252(project: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "VSS_PROJECT_ROOT": str(project), "PYTHONIOENCODING": "cp1252"}
    return subprocess.run([sys.executable, "-m", "vsslib", *args], env=env, capture_output=True, cwd=project)


def test_vss_check_in_cp1252_prints_every_finding_with_a_plain_minus(project):
    """The finding on ks-2018-08 l. 739 says 'intäkter − kostnader' (U+2212): in cp1252, 'intäkter - kostnader'."""
    done = vss_cp1252(project, "check")
    out, err = done.stdout.decode("cp1252"), done.stderr.decode("cp1252")
    assert done.returncode == 0 and "Traceback" not in err and "UnicodeEncodeError" not in err
    assert "ks-2018-08 line 739: driftsammandraget (prognos): resultat (budget) mot intäkter - kostnader" in out
    utf8 = subprocess.run(
        [sys.executable, "-m", "vsslib", "check"],
        capture_output=True,
        cwd=project,
        env={**os.environ, "VSS_PROJECT_ROOT": str(project), "PYTHONIOENCODING": "utf-8"},
    )
    assert len(out.splitlines()) == len(utf8.stdout.decode("utf-8").splitlines())  # nothing lost, line for line


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["build", "--help"],
        ["extract"],
        ["export", "--period", "2021-08", "--out", "export"],
        ["add", "data/raw/vss-2021-08.txt", "--dry-run"],  # a copy of a filed report: an error, printed
        ["export", "--period", "2030-01"],  # an unknown period: an error listing the valid ones
    ],
    ids=["help", "build help", "extract", "export", "add refused", "bad period"],
)
def test_every_command_prints_in_cp1252(project, args):
    done = vss_cp1252(project, *args)
    err = done.stderr.decode("cp1252")
    assert done.returncode in (0, 2), err[-2000:]
    assert "Traceback" not in err and "UnicodeEncodeError" not in err
    done.stdout.decode("cp1252")  # the bytes are the code page's own


@pytest.mark.slow
def test_a_build_prints_in_cp1252(project):
    shutil.copytree(ROOT / "notebooks", project / "notebooks")
    args = ["build", "--period", "2019-04", "--only", "data_quality", "--reports-dir", str(project / "reports")]
    done = vss_cp1252(project, *args)
    err = done.stderr.decode("cp1252")
    assert done.returncode == 0 and "Traceback" not in err, err[-2000:]
    assert "1 of 1 ok" in done.stdout.decode("cp1252")


def test_python_m_vsslib_is_the_vss_command():
    done = subprocess.run([sys.executable, "-m", "vsslib", "--version"], capture_output=True, text=True)
    from vsslib import __version__

    assert (done.returncode, done.stdout.strip()) == (0, f"vss {__version__}")


@pytest.mark.parametrize("module", ["papermill", "statsmodels"])
@pytest.mark.parametrize("command", [["build"], ["export", "--out", "export"]])
def test_a_missing_notebooks_extra_is_a_message_not_a_traceback(project, module, command):
    """`vss build` or `vss export` where a package of the notebooks extra is not installed: how to install it,
    before any work (once statsmodels gave a kernel's traceback and exit 1); in a project copy, nothing written."""
    shadow = project / "shadow"
    shadow.mkdir()
    (shadow / f"{module}.py").write_text("raise ImportError('shadowed')", encoding="utf-8")
    finder = shadow / "sitecustomize.py"  # find_spec must say 'not installed': a meta path finder that hides it
    finder.write_text(
        "import sys\n"
        "class Hide:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name == {module!r}: raise ModuleNotFoundError('No module named {module}', name={module!r})\n"
        "sys.meta_path.insert(0, Hide())\n",
        encoding="utf-8",
    )
    env = {**os.environ, "VSS_PROJECT_ROOT": str(project), "PYTHONPATH": str(shadow)}
    done = subprocess.run(
        [sys.executable, "-m", "vsslib", *command], capture_output=True, text=True, env=env, cwd=project
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert f"missing {module}; install with `pip install -e .[notebooks]`" in done.stderr
    assert not (project / "reports").exists() and not (project / "export").exists()
