"""Batch build: every notebook for every period, executed with papermill, rendered to HTML, one index.

Outline: find the notebooks and the periods; refuse bad input before any kernel starts; skip a
(period, notebook) whose inputs are unchanged since its last good build; run the others in parallel,
each in its own kernel, through papermill's and nbconvert's Python APIs; publish each result
atomically (a failure keeps the last good HTML and leaves the failed execution beside it); write
reports/index.html.
"""

from __future__ import annotations

import hashlib
import html
import json
import multiprocessing
import os
import re
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from vsslib import __version__, config
from vsslib.errors import VssError
from vsslib.extract import atomic_write
from vsslib.manifest import assert_fresh, valid_periods
from vsslib.notebook import check_choice

PACKAGE_DIR = Path(__file__).resolve().parent


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


@dataclass
class Outcome:
    """What happened to a job."""

    name: str
    period: str
    status: str  # 'built', 'skipped', 'failed'
    seconds: float = 0.0
    error: str = ""
    cell: int | None = None
    started: str = ""
    key_figures: list = field(default_factory=list)


# -- discovery and validation (before any kernel starts) ---------------------------------------------
def notebook_parameters(path: Path) -> list[str]:
    """Names assigned in the notebook's cell tagged 'parameters'; BuildError if it has none."""
    cells = _read_notebook(path).get("cells", [])
    cell = next((c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        raise BuildError(f"{path.name}: no cell tagged 'parameters'; a notebook declares its parameters there")
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    return re.findall(r"^(\w+)\s*=", source, flags=re.MULTILINE)


def _read_notebook(path: Path) -> dict:
    """A notebook's JSON (plain json: planning must stay fast; papermill validates when it runs)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"{path.name}: not a readable notebook ({exc})") from exc


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
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def facts_hash() -> str:
    """The facts' hash recorded at extraction."""
    meta = json.loads(config.FACTS_META_PATH.read_text(encoding="utf-8"))
    return meta["facts_sha256"]


def plan(notebooks: list[Path], periods: list[str], reports_dir: Path, with_code: bool) -> list[Job]:
    """One job per (period, notebook), with the hash of everything its output depends on."""
    common = {"facts": facts_hash(), "source": source_hash(), "with_code": with_code}
    jobs = []
    for notebook in notebooks:
        declared = notebook_parameters(notebook)
        nb_hash = hashlib.sha256(notebook.read_bytes()).hexdigest()
        for period in periods:
            out_dir = reports_dir / period
            params = {k: v for k, v in {"period": period, "output_dir": str(out_dir)}.items() if k in declared}
            key = json.dumps({**common, "notebook": nb_hash, "parameters": params}, sort_keys=True)
            jobs.append(Job(notebook, period, params, out_dir, hashlib.sha256(key.encode()).hexdigest(), with_code))
    return jobs


def _state_path(job: Job) -> Path:
    return job.out_dir / f".{job.name}.build.json"


def up_to_date(job: Job) -> bool:
    """Whether the last good build of this job had the same inputs and its outputs are in place."""
    state = _state_path(job)
    if not state.exists() or not (job.out_dir / f"{job.name}.html").exists():
        return False
    return json.loads(state.read_text(encoding="utf-8")).get("inputs_hash") == job.inputs_hash


# -- one job (runs in a worker process) ---------------------------------------------------------------
def run_job(job: Job, provenance: dict) -> Outcome:
    """Execute, render and publish one notebook for one period; never raises for a notebook error."""
    import papermill

    started = time.perf_counter()
    outcome = Outcome(job.name, job.period, "built", started=datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"))
    job.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=job.out_dir, prefix=f".{job.name}-") as staging:
        staging_dir = Path(staging)
        executed = staging_dir / f"{job.name}.ipynb"
        params = {**job.parameters, **({"output_dir": str(staging_dir)} if "output_dir" in job.parameters else {})}
        try:
            papermill.execute_notebook(str(job.notebook), str(executed), parameters=params, progress_bar=False,
                                       cwd=str(config.PROJECT_ROOT), kernel_name="python3")
        except papermill.PapermillExecutionError as exc:
            outcome.status, outcome.error = "failed", f"{exc.ename}: {exc.evalue}"
            outcome.cell = _source_cell_number(executed, exc.cell_index)
        except Exception as exc:  # noqa: BLE001 - a kernel that dies is reported like a failing cell
            outcome.status, outcome.error = "failed", f"{type(exc).__name__}: {exc}"
        outcome.seconds = time.perf_counter() - started
        if outcome.status == "failed":
            if executed.exists():
                executed.replace(job.out_dir / f"{job.name}.failed.ipynb")
            return outcome
        summary_path = staging_dir / f"{job.name}.json"
        summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else {}
        outcome.key_figures = summary.get("key_figures", [])
        page = render_html(executed, job, {**provenance, "parameters": job.parameters, "built": outcome.started})
        (staging_dir / f"{job.name}.html").write_text(page, encoding="utf-8")
        for suffix in (".json", ".ipynb", ".html"):  # the HTML last: it is what readers open
            if (staging_dir / f"{job.name}{suffix}").exists():
                (staging_dir / f"{job.name}{suffix}").replace(job.out_dir / f"{job.name}{suffix}")
        (job.out_dir / f"{job.name}.failed.ipynb").unlink(missing_ok=True)
        atomic_write(_state_path(job), json.dumps({"inputs_hash": job.inputs_hash, **asdict(outcome)}, indent=2,
                                                  ensure_ascii=False) + "\n")
    return outcome


def _source_cell_number(executed: Path, index: int) -> int:
    """1-based position of a failing cell in the source notebook (papermill inserts one cell of its own)."""
    cells = _read_notebook(executed).get("cells", []) if executed.exists() else []
    injected = next((i for i, c in enumerate(cells)
                     if "injected-parameters" in c.get("metadata", {}).get("tags", [])), None)
    return index + (0 if injected is None or index < injected else -1) + 1


# -- HTML -----------------------------------------------------------------------------------------------
STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2rem auto;
padding:0 1rem;color:#1b1b1b;line-height:1.5}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}
td{font-variant-numeric:tabular-nums}
img{max-width:100%}
.prompt{display:none}
footer{margin-top:3rem;padding-top:1rem;border-top:1px solid #ccc;font-size:.8rem;color:#555}
.failed{color:#a00}.skipped{color:#555}.built{color:#070}
"""


def page(title: str, body: str, footer: str = "") -> str:
    """A self-contained HTML page: inline style, no scripts, nothing loaded from elsewhere."""
    return (f'<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<style>{STYLE}</style>\n</head>\n'
            f"<body>\n{body}\n{footer}\n</body>\n</html>\n")


def render_html(executed: Path, job: Job, provenance: dict) -> str:
    """The executed notebook as a page: code hidden unless asked for, figures embedded, provenance footer."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    exporter = HTMLExporter(template_name="basic", exclude_input=not job.with_code, exclude_input_prompt=True,
                            exclude_output_prompt=True, anchor_link_text="")
    body, _ = exporter.from_notebook_node(nb)
    body = body.replace('alt="No description has been provided for this image"', 'alt="Diagram"')
    title = nb.metadata.get("title") or job.name
    rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(_text(v))}</dd>"
                   for k, v in (("Git-version", provenance["commit"]), ("Faktaunderlag (sha256)", provenance["facts"]),
                                ("vsslib", provenance["version"]), ("Parametrar", provenance["parameters"]),
                                ("Byggd", provenance["built"])))
    footer = f"<footer><dl>{rows}</dl></footer>"
    return page(f"{title} – {job.period}", body, footer)


def _text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, dict) else str(value)


def render_index(outcomes: list[Outcome], periods: list[str], names: list[str], titles: dict[str, str]) -> str:
    """reports/index.html: periods × notebooks with status, build time, link and key figures."""
    by_key = {(o.period, o.name): o for o in outcomes}
    head = "".join(f"<th>{html.escape(titles.get(n, n))}</th>" for n in names)
    rows = []
    for period in reversed(periods):
        cells = []
        for name in names:
            o = by_key.get((period, name))
            if o is None:
                cells.append("<td>–</td>")
                continue
            link = f'<a href="{html.escape(period)}/{html.escape(name)}.html">öppna</a>' if o.status != "failed" else ""
            figures = "".join(f"<li>{html.escape(str(f['label']))}: {html.escape(str(f['value']))}</li>"
                              for f in o.key_figures[:3])
            status = {"built": "byggd", "skipped": "oförändrad", "failed": "misslyckades"}[o.status]
            detail = f"<br><small>{html.escape(o.error)}</small>" if o.error else ""
            cells.append(f'<td><span class="{o.status}">{status}</span> {link}<br><small>{html.escape(o.started)}'
                         f"</small>{detail}<ul>{figures}</ul></td>")
        rows.append(f"<tr><th>{html.escape(period)}</th>{''.join(cells)}</tr>")
    body = (f"<h1>Verksamhetsstöd och service – analyser</h1>\n<table><thead><tr><th>Period</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
    return page("VSS – analyser per period", body)


# -- the build ----------------------------------------------------------------------------------------
def provenance() -> dict:
    """Git commit, facts hash and package version for the footers."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=config.PROJECT_ROOT, capture_output=True,
                                text=True, check=False).stdout.strip() or "okänd"
    except OSError:
        commit = "okänd"
    return {"commit": commit, "facts": facts_hash()[:16], "version": __version__}


def _skipped(state: dict) -> Outcome:
    """The Outcome of a last good build, read back from its state file, as skipped this time."""
    fields = {k: state[k] for k in Outcome.__dataclass_fields__ if k in state}
    return Outcome(**{**fields, "status": "skipped", "seconds": 0.0})


def build(periods: list[str] | None = None, only: list[str] | None = None, jobs: int | None = None,
          force: bool = False, with_code: bool = False, reports_dir: Path | None = None,
          notebooks_dir: Path | None = None, echo=print) -> list[Outcome]:
    """Build the notebooks for the periods; returns one Outcome per (period, notebook)."""
    reports_dir = reports_dir or config.REPORTS_DIR
    notebooks_dir = notebooks_dir or config.PROJECT_ROOT / "notebooks"
    all_periods = valid_periods()
    for period in periods or []:
        check_choice("period", period, all_periods)
    periods = periods or all_periods
    notebooks = discover(notebooks_dir, only)
    assert_fresh()
    check_writable(reports_dir)
    remove_leftovers(reports_dir)
    todo = plan(notebooks, periods, reports_dir, with_code)
    current = [] if force else [j for j in todo if up_to_date(j)]
    outcomes = [_skipped(json.loads(_state_path(j).read_text(encoding="utf-8"))) for j in current]
    pending = [j for j in todo if j not in current]
    for o in outcomes:
        echo(f"  {o.period} {o.name}: oförändrad, hoppar över")
    started = time.perf_counter()
    if pending:
        outcomes += _run_parallel(pending, jobs or os.cpu_count() or 1, started, echo)
    titles = {p.stem: _title(p) for p in notebooks}
    index = render_index(_merge_index(reports_dir, outcomes), all_periods, [p.stem for p in notebooks], titles)
    atomic_write(reports_dir / "index.html", index)
    return sorted(outcomes, key=lambda o: (o.period, o.name))


def remove_leftovers(reports_dir: Path) -> None:
    """Remove staging directories and temporary files that a killed build left behind."""
    import shutil

    for leftover in reports_dir.glob("*/.*-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in [*reports_dir.glob(".*.tmp"), *reports_dir.glob("*/.*.tmp")]:
        leftover.unlink(missing_ok=True)


def _run_parallel(pending: list[Job], workers: int, started: float, echo) -> list[Outcome]:
    info = provenance()
    results = []
    import nbconvert  # noqa: F401 - imported once here, inherited by the forked workers
    import papermill  # noqa: F401

    context = multiprocessing.get_context("fork")  # the parent holds no kernel, thread or socket yet
    with ProcessPoolExecutor(max_workers=min(workers, len(pending)), mp_context=context) as pool:
        futures = {pool.submit(run_job, job, info): job for job in pending}
        echo(f"  {len(pending)} körningar på {min(workers, len(pending))} processer …")
        for n, future in enumerate(as_completed(futures), start=1):
            outcome = future.result()
            results.append(outcome)
            mark = "klar" if outcome.status == "built" else f"MISSLYCKADES ({outcome.error})"
            echo(f"  [{n}/{len(pending)}] {outcome.period} {outcome.name}: {mark} på {outcome.seconds:.1f} s "
                 f"(totalt {time.perf_counter() - started:.1f} s)")
    return results


def _merge_index(reports_dir: Path, outcomes: list[Outcome]) -> list[Outcome]:
    """Outcomes of this build plus the last good build of (period, notebook) pairs not built now."""
    seen = {(o.period, o.name) for o in outcomes}
    merged = list(outcomes)
    for state in sorted(reports_dir.glob("*/.*.build.json")):
        data = json.loads(state.read_text(encoding="utf-8"))
        if (data.get("period"), data.get("name")) not in seen:
            merged.append(_skipped(data))
    return merged


def _title(path: Path) -> str:
    return _read_notebook(path).get("metadata", {}).get("title") or path.stem


def summary_table(outcomes: list[Outcome]) -> str:
    """The terminal summary: one line per (period, notebook), failures with cell and exception."""
    lines = [f"{'period':8} {'notebook':24} {'status':12} {'s':>6}"]
    for o in outcomes:
        lines.append(f"{o.period:8} {o.name:24} {o.status:12} {o.seconds:6.1f}")
        if o.status == "failed":
            lines.append(f"{'':8} cell {o.cell if o.cell is not None else '?'}: {o.error}")
    return "\n".join(lines)
