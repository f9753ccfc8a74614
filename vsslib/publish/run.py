"""Running jobs: each notebook executed with papermill in its own kernel, rendered, published atomically.

Workers are tied to the build: each watches its parent and, when the build process is gone (killed by
any signal), kills its kernels and exits without publishing anything more.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from vsslib import paths
from vsslib.errors import VssError, WriteError
from vsslib.fileio import refuse_non_files
from vsslib.formatting import local_time
from vsslib.publish.ownership import new_staging_dir
from vsslib.publish.plan import Job, read_notebook
from vsslib.publish.render import PageError, render_page
from vsslib.publish.state import WORKBOOK, Outcome, read_state, write_state, write_workbook_state

_PARENT_PID: int | None = None
# The kernels are local and short-lived: their start-up notice about unencrypted local TCP is not the reader's
# concern, so it is not repeated for every notebook; a kernel's errors still show.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


_KERNEL = "python3"
_CELL_TIMEOUT: int | None = None


def run_job(job: Job, provenance: dict) -> Outcome:
    """Execute, render and publish one notebook for one period; never raises for a notebook error."""
    started = time.perf_counter()
    outcome = Outcome(job.name, job.period, "built", started=local_time())
    staging = None
    try:
        job.out_dir.mkdir(parents=True, exist_ok=True)
        staging = new_staging_dir(job.out_dir, job.name)
        _execute_and_publish(job, provenance, staging, outcome)
    except OSError as exc:  # an unwritable folder, a full disk: this job fails, the others go on
        outcome.status, outcome.error = "failed", f"{exc.filename or job.out_dir}: {exc.strerror or exc}"
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    outcome.seconds = time.perf_counter() - started
    if outcome.status == "failed":
        try:
            write_state(job, outcome)
        except OSError:
            pass  # the folder is unwritable: the summary and the exit status still say it failed
    return outcome


def _execute_and_publish(job: Job, provenance: dict, staging: Path, outcome: Outcome) -> None:
    import papermill

    from vsslib.publish.engine import ENGINE_NAME, BuildKernelManager

    executed = staging / f"{job.name}.ipynb"
    params = {**job.parameters, **({"output_dir": str(staging)} if "output_dir" in job.parameters else {})}
    try:
        papermill.execute_notebook(
            str(job.notebook),
            str(executed),
            parameters=params,
            progress_bar=False,
            cwd=str(paths.layout().root),
            kernel_name=_KERNEL,
            engine_name=ENGINE_NAME,
            extra_arguments=KERNEL_ARGUMENTS,
            shutdown_kernel="immediate",  # the run is over and its outputs saved: nothing to wait for
            execution_timeout=_CELL_TIMEOUT,
            kernel_manager_class=BuildKernelManager,
        )
        page = render_page(executed, job, {**provenance, "parameters": job.parameters, "built": outcome.started})
    except papermill.PapermillExecutionError as exc:
        outcome.status, outcome.error = "failed", f"{exc.ename}: {exc.evalue}"
        outcome.cell = source_cell_number(executed, exc.cell_index)
    except PageError as exc:
        outcome.status, outcome.error = "failed", str(exc)
    except OSError as exc:  # a full disk while the run saves its notebook or summary: say where
        where = exc.filename or staging
        outcome.status, outcome.error = "failed", f"cannot write {where}: {exc.strerror or exc}"
    except Exception as exc:  # noqa: BLE001 - a kernel that dies is reported like a failing cell
        outcome.status, outcome.error = "failed", f"{type(exc).__name__}: {exc}"
    if outcome.status == "failed":
        if _whole_notebook(executed) and _parent_alive():
            executed.replace(job.out_dir / f"{job.name}.failed.ipynb")
        return
    _finish(job, staging, page, outcome)
    if not _parent_alive():
        raise OSError("the build was stopped; nothing is published")
    published = [
        suffix for suffix in (".json", ".sheets.json", ".ipynb", ".html") if (staging / f"{job.name}{suffix}").exists()
    ]
    try:
        refuse_non_files([job.out_dir / f"{job.name}{suffix}" for suffix in published])
    except WriteError as exc:
        outcome.status, outcome.error = "failed", str(exc)
        return
    for suffix in published:  # the HTML last: it is what readers open
        (staging / f"{job.name}{suffix}").replace(job.out_dir / f"{job.name}{suffix}")
    (job.out_dir / f"{job.name}.failed.ipynb").unlink(missing_ok=True)
    write_state(job, outcome)


def _finish(job: Job, staging: Path, page: str, outcome: Outcome) -> None:
    """The run's key figures from its summary; its page and its sheets beside them in the staging folder.

    A page that wrote no summary registered no table: its sheets file is empty, so it has no sheet.
    """
    summary_path = staging / f"{job.name}.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else {}
    outcome.key_figures = summary.get("key_figures", [])
    (staging / f"{job.name}.html").write_text(page, encoding="utf-8")
    sheets = staging / f"{job.name}.sheets.json"
    if not sheets.exists():
        from vsslib.pages.tables import sheets_file

        facts = hashlib.sha256(paths.layout().facts.read_bytes()).hexdigest()
        sheets.write_text(sheets_file(facts, sheets=[]), encoding="utf-8")


def _whole_notebook(path: Path) -> bool:
    """Whether the executed notebook was saved whole (a full disk leaves half a file: never published)."""
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return True


def source_cell_number(executed: Path, index: int) -> int:
    """1-based position of a failing cell in the source notebook (papermill inserts one cell of its own)."""
    cells = read_notebook(executed).get("cells", []) if executed.exists() else []
    injected = next(
        (i for i, c in enumerate(cells) if "injected-parameters" in c.get("metadata", {}).get("tags", [])), None
    )
    return index + (0 if injected is None or index < injected else -1) + 1


def _parent_alive() -> bool:
    return _PARENT_PID is None or os.getppid() == _PARENT_PID


def _start_worker(data_dir: str, parent_pid: int, kernel: str, cell_timeout: int | None) -> None:
    """Pool initializer: kernels read the build's snapshot; the worker dies with the build."""
    global _PARENT_PID, _KERNEL, _CELL_TIMEOUT
    _PARENT_PID, _KERNEL, _CELL_TIMEOUT = parent_pid, kernel, cell_timeout
    # jsonschema (under nbformat) imports rfc3987_syntax for its optional 'iri' format check, which builds a
    # grammar at import: 0.66 s per worker. Notebook validation checks no formats, so the worker goes without.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    os.environ["VSS_DATA_DIR"] = data_dir  # the kernels' layout (`paths.Layout.from_environment`)
    paths.configure(paths.Layout.of(paths.layout().root, Path(data_dir)))  # and this worker's own
    threading.Thread(target=_watch_parent, daemon=True).start()


def _watch_parent() -> None:
    """When the build process is gone (we were re-parented), kill our kernels and exit at once."""
    while _parent_alive():
        time.sleep(0.1)
    import psutil

    for child in psutil.Process().children(recursive=True):
        child.kill()
    os._exit(1)


def run_parallel(
    pending: list[Job],
    workers: int,
    provenance: dict,
    data_dir: Path,
    echo: Callable[[str], object],
    fresh_kernels: bool = False,
    cell_timeout: int | None = None,
    workbooks: dict[str, str] | None = None,
    reports_dir: Path | None = None,
    pages: dict[str, str] | None = None,
) -> list[Outcome]:
    """Run the jobs on `workers` processes, each notebook on a kernel of its own, reading data_dir.

    The `workbooks` periods' Excel workbooks are written into `reports_dir` by the same workers, beside the
    pages, from the sheets of the `pages` (notebook name → title), each as soon as every page of its period is in
    place, and recorded with its key (period → `plan.workbook_key`). A period with a failed page keeps its
    old workbook.

    Kernels come warm from a fork server (`warm`) unless `fresh_kernels` or the platform cannot fork; a
    cell running longer than `cell_timeout` seconds fails its run only.
    """
    from vsslib.publish import warm

    use_warm = not fresh_kernels and warm.available()
    env = {**os.environ, "VSS_DATA_DIR": str(data_dir)}
    with warm.WarmPool(env) if use_warm else _no_pool() as pool:
        previous = os.environ.get("JUPYTER_PATH")
        if pool is not None:  # spawned workers inherit it, and find the `vss-warm` kernelspec
            os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [pool.jupyter_path, previous]))
        try:
            kernel = warm.KERNEL_NAME if pool is not None else "python3"
            exports = [(p, reports_dir / p, key) for p, key in (workbooks or {}).items()] if reports_dir else []
            return _run_on_workers(
                pending, workers, provenance, data_dir, echo, kernel, cell_timeout, exports, pages or {}
            )
        finally:
            if pool is not None:
                os.environ.pop("JUPYTER_PATH") if previous is None else os.environ.update(JUPYTER_PATH=previous)


@contextmanager
def _no_pool():
    yield None


def _run_on_workers(
    pending: list[Job],
    workers: int,
    provenance: dict,
    data_dir: Path,
    echo: Callable[[str], object],
    kernel: str,
    cell_timeout: int | None,
    exports: list[tuple[str, Path, str]],
    pages: dict[str, str],
) -> list[Outcome]:
    started = time.perf_counter()
    results = []
    # 'spawn' is the start method every platform has (Windows has no fork): a worker imports what it needs once
    context = multiprocessing.get_context("spawn")
    count = max(1, min(workers, len(pending) + len(exports)))
    books = {period: (out, key) for period, out, key in exports}
    waiting = {period: sum(job.period == period for job in pending) for period in books}
    failed: dict[str, list[str]] = {}
    with ProcessPoolExecutor(
        count,
        mp_context=context,
        initializer=_start_worker,
        initargs=(str(data_dir), os.getpid(), kernel, cell_timeout),
    ) as executor:

        def assemble(period: str) -> Future:
            out, key = books[period]
            return executor.submit(write_workbook, str(data_dir), period, str(out), key, pages)

        # a period's workbook is made from its pages' sheets: once every page of the period is in place
        written = [assemble(period) for period, count_left in waiting.items() if count_left == 0]
        futures = {executor.submit(run_job, job, provenance): job for job in pending}
        echo(f"  {len(pending)} runs on {count} processes, {'warm' if kernel != 'python3' else 'fresh'} kernels …")
        for n, future in enumerate(as_completed(futures), start=1):
            outcome = future.result()
            results.append(outcome)
            mark = "done" if outcome.status == "built" else f"FAILED ({outcome.error})"
            echo(
                f"  [{n}/{len(pending)}] {outcome.period} {outcome.name}: {mark} in {outcome.seconds:.1f} s "
                f"(total {time.perf_counter() - started:.1f} s)"
            )
            if outcome.status == "failed":
                failed.setdefault(outcome.period, []).append(outcome.name)
            if outcome.period in waiting:
                waiting[outcome.period] -= 1
                if waiting[outcome.period] == 0 and outcome.period not in failed:
                    written.append(assemble(outcome.period))
        for book in written:
            period, files, error = book.result()
            echo(f"  {period} arbetsbok: " + (f"wrote {files}" if error is None else f"FAILED: {error}"))
            if error is not None:
                results.append(Outcome("arbetsbok", period, "failed", error=error))
    for period, names in sorted(failed.items()):
        if period in books:
            error = f"not written: the page {', '.join(sorted(names))} failed; the workbook is kept as it was"
            echo(f"  {period} arbetsbok: {error}")
            results.append(Outcome("arbetsbok", period, "failed", error=error))
    return results


def write_workbook(
    data_dir: str, period: str, out: str, key: str, pages: dict[str, str]
) -> tuple[str, str | None, str | None]:
    """A worker's task: the period's workbook and facts CSV from its pages' sheets (`workbook.export`), recorded.

    (period, files written, None) or (period, None, why not): a workbook held open in Excel, or changed since
    the build wrote it (an analyst's notes saved into it), fails alone, naming the file.
    """
    from vsslib.publish.workbook import export

    recorded: dict[str, str] = (read_state(Path(out), WORKBOOK) or {}).get("sha256", {})
    try:
        written = export(
            Path(data_dir),
            period,
            Path(out),
            pages,
            Path(out),
            replaceable=partial(_as_written, recorded=recorded),
            kept=CHANGED,
        )
    except (OSError, VssError) as exc:  # a WriteError names the file and what to do
        return period, None, str(exc)
    except Exception as exc:  # noqa: BLE001 - a workbook that cannot be made fails alone; the pages are published
        return period, None, f"{type(exc).__name__}: {exc}"
    write_workbook_state(Path(out), key, {p.name: digest for p, digest in written.items()})
    return period, ", ".join(str(p) for p in written), None


CHANGED = "it was changed since vss build wrote it, saved from Excel? Save your copy elsewhere, remove it, build again"


def _as_written(path: Path, recorded: dict[str, str]) -> bool:
    """Whether a published file is still the one the build wrote (its recorded sha256; none recorded: yes)."""
    import hashlib

    return path.name not in recorded or hashlib.sha256(path.read_bytes()).hexdigest() == recorded[path.name]
