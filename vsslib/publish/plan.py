"""Planning a build: which (period, notebook) jobs, their parameters, and the hash of every input."""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from vsslib.errors import VssError
from vsslib.pages.notebook import check_choice

PACKAGE_DIR = Path(__file__).resolve().parents[1]


class BuildError(VssError):
    """The build cannot start: bad notebook, bad period, unwritable output."""


@dataclass(frozen=True)
class Job:
    """One notebook for one period."""

    notebook: Path
    period: str
    parameters: dict
    out_dir: Path
    inputs_hash: str
    with_code: bool = False

    @property
    def name(self) -> str:
        """The notebook's name (file stem)."""
        return self.notebook.stem


def read_notebook(path: Path) -> dict:
    """A notebook's JSON (plain json: planning must stay fast; papermill validates when it runs)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"{path.name}: not a readable notebook ({exc})") from exc


def notebook_parameters(path: Path) -> list[str]:
    """Names assigned in the notebook's cell tagged 'parameters'; BuildError if it has none."""
    cells = read_notebook(path).get("cells", [])
    cell = next((c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        raise BuildError(f"{path.name}: no cell tagged 'parameters'; a notebook declares its parameters there")
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    return re.findall(r"^(\w+)\s*=", source, flags=re.MULTILINE)


def notebook_title(path: Path) -> str:
    """The notebook's Swedish title (metadata 'title'), else its file name."""
    return read_notebook(path).get("metadata", {}).get("title") or path.stem


def discover(notebooks_dir: Path, only: list[str] | None) -> list[Path]:
    """The notebooks to build, by name; ParameterError for an unknown name."""
    found = sorted(p for p in notebooks_dir.glob("*.ipynb") if not p.name.startswith("."))
    names = [p.stem for p in found]
    for name in only or []:
        check_choice("notebook", name, names)
    return [p for p in found if not only or p.stem in only]


def check_writable(directory: Path) -> None:
    """BuildError unless files can be created in directory."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".write-check-"):
            pass
    except OSError as exc:
        raise BuildError(f"{directory} is not writable: {exc.strerror}") from exc


def source_hash() -> str:
    """Hash of the package's source: a change to the library rebuilds every notebook."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".tpl", ".css"):
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def plan(
    notebooks: list[Path],
    periods: list[str],
    reports_dir: Path,
    with_code: bool,
    inputs: dict[Path, str],
    source: str,
) -> list[Job]:
    """One job per (period, notebook), keyed by everything its output depends on.

    The key: the notebook, the library's source and templates (`source`, from `source_hash`, once per build),
    the parameters, and `inputs[notebook]`, the hash of every data file the notebook declares it reads (from
    the build's snapshot).
    """
    jobs = []
    for notebook in notebooks:
        declared = notebook_parameters(notebook)
        nb_hash = hashlib.sha256(notebook.read_bytes()).hexdigest()
        for period in periods:
            out_dir = reports_dir / period
            params = {k: v for k, v in {"period": period, "output_dir": str(out_dir)}.items() if k in declared}
            key = {
                "source": source,
                "with_code": with_code,
                "notebook": nb_hash,
                "inputs": inputs[notebook],
                "parameters": {k: v for k, v in params.items() if k != "output_dir"},
            }
            digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()
            jobs.append(Job(notebook, period, params, out_dir, digest, with_code))
    return jobs


def workbook_key(period: str, inputs: str, source: str) -> str:
    """The key of a period's workbook and facts CSV: the library's source, what they read, the period.

    `inputs` (`book_inputs`) covers the facts and every page the sheets come from: a page rebuilt from other
    data or another notebook makes its workbook out of date too.
    """
    key = {"workbook": period, "source": source, "inputs": inputs}
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()


def book_inputs(facts_digest: str, notebooks: list[Path], inputs: dict[Path, str]) -> str:
    """The hash of what a workbook reads: the facts (`paths.WORKBOOK_READS`) and each page's notebook and inputs."""
    pages = {nb.stem: [hashlib.sha256(nb.read_bytes()).hexdigest(), inputs[nb]] for nb in notebooks}
    return hashlib.sha256(json.dumps({"facts": facts_digest, "pages": pages}, sort_keys=True).encode()).hexdigest()


def current_keys(
    notebooks: list[Path], periods: list[str], reports_dir: Path, inputs: dict[Path, str], source: str
) -> dict[tuple[str, str], set[str]]:
    """(period, notebook) → the keys a build would give it now, with code shown or not.

    A page recorded under another key was made from other data, another notebook or another library than
    today's: it is out of date (a build of other periods leaves it so), and the index says it.
    """
    keys: dict[tuple[str, str], set[str]] = {}
    for with_code in (False, True):
        for job in plan(notebooks, periods, reports_dir, with_code, inputs, source):
            keys.setdefault((job.period, job.name), set()).add(job.inputs_hash)
    return keys
