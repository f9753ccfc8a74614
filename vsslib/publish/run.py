"""Running one job: execute the notebook with papermill, render its page, publish atomically."""

from __future__ import annotations

import json
import multiprocessing
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import UTC, datetime
from pathlib import Path

from vsslib import paths
from vsslib.publish.plan import Job, read_notebook
from vsslib.publish.render import render_page
from vsslib.publish.state import Outcome, write_state


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
            papermill.execute_notebook(
                str(job.notebook),
                str(executed),
                parameters=params,
                progress_bar=False,
                cwd=str(paths.PROJECT_ROOT),
                kernel_name="python3",
            )
        except papermill.PapermillExecutionError as exc:
            outcome.status, outcome.error = "failed", f"{exc.ename}: {exc.evalue}"
            outcome.cell = source_cell_number(executed, exc.cell_index)
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
        page = render_page(executed, job, {**provenance, "parameters": job.parameters, "built": outcome.started})
        (staging_dir / f"{job.name}.html").write_text(page, encoding="utf-8")
        for suffix in (".json", ".ipynb", ".html"):  # the HTML last: it is what readers open
            if (staging_dir / f"{job.name}{suffix}").exists():
                (staging_dir / f"{job.name}{suffix}").replace(job.out_dir / f"{job.name}{suffix}")
        (job.out_dir / f"{job.name}.failed.ipynb").unlink(missing_ok=True)
        write_state(job, outcome)
    return outcome


def source_cell_number(executed: Path, index: int) -> int:
    """1-based position of a failing cell in the source notebook (papermill inserts one cell of its own)."""
    cells = read_notebook(executed).get("cells", []) if executed.exists() else []
    injected = next(
        (i for i, c in enumerate(cells) if "injected-parameters" in c.get("metadata", {}).get("tags", [])), None
    )
    return index + (0 if injected is None or index < injected else -1) + 1


def run_parallel(pending: list[Job], workers: int, provenance: dict, echo: Callable[[str], object]) -> list[Outcome]:
    """Run the jobs on `workers` processes, one kernel each; report each as it finishes."""
    import nbconvert  # noqa: F401 - imported once here, inherited by the forked workers
    import papermill  # noqa: F401

    started = time.perf_counter()
    results = []
    context = multiprocessing.get_context("fork")  # the parent holds no kernel, thread or socket yet
    with ProcessPoolExecutor(max_workers=min(workers, len(pending)), mp_context=context) as pool:
        futures = {pool.submit(run_job, job, provenance): job for job in pending}
        echo(f"  {len(pending)} körningar på {min(workers, len(pending))} processer …")
        for n, future in enumerate(as_completed(futures), start=1):
            outcome = future.result()
            results.append(outcome)
            mark = "klar" if outcome.status == "built" else f"MISSLYCKADES ({outcome.error})"
            echo(
                f"  [{n}/{len(pending)}] {outcome.period} {outcome.name}: {mark} på {outcome.seconds:.1f} s "
                f"(totalt {time.perf_counter() - started:.1f} s)"
            )
    return results
