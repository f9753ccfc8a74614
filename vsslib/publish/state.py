"""What a build leaves per (period, notebook): its last attempt, recorded beside the page, read back for the index.

A failed attempt is recorded too, so a (period, notebook) stays failed, and says so in the index,
until a build with its inputs succeeds; the last good page stays and is linked.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from vsslib.fileio import atomic_write
from vsslib.publish.plan import Job


@dataclass
class Outcome:
    """What happened to a job."""

    name: str
    period: str
    status: str  # 'built', 'skipped', 'failed'; in the index also 'stale' (see `index_cells`)
    seconds: float = 0.0
    error: str = ""
    cell: int | None = None
    started: str = ""
    key_figures: list = field(default_factory=list)


def state_path(out_dir: Path, name: str) -> Path:
    """The hidden file beside a job's page recording its last attempt."""
    return out_dir / f".{name}.build.json"


def write_state(job: Job, outcome: Outcome) -> None:
    """Record an attempt: its inputs' hash and its outcome (a failure keeps the last good key figures)."""
    record = {"inputs_hash": job.inputs_hash, **asdict(outcome)}
    if outcome.status == "failed":
        previous = read_state(job.out_dir, job.name)
        record["key_figures"] = previous.get("key_figures", []) if previous else []
    atomic_write(state_path(job.out_dir, job.name), json.dumps(record, indent=2, ensure_ascii=False) + "\n")


def read_state(out_dir: Path, name: str) -> dict | None:
    """The recorded last attempt, or None when there is none or it cannot be read."""
    try:
        state = json.loads(state_path(out_dir, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


WORKBOOK = "workbook"
"""The name a period's workbook and facts CSV are recorded under, beside its pages (`state_path`)."""


def write_workbook_state(out_dir: Path, key: str, sha256: dict[str, str]) -> None:
    """Record that the period's workbook and facts CSV were written: the key and the files' sha256.

    The key is `plan.workbook_key`; the sha256 by file name, so that a file changed since is never replaced
    without a word.
    """
    atomic_write(state_path(out_dir, WORKBOOK), json.dumps({"inputs_hash": key, "sha256": sha256}) + "\n")


def up_to_date(job: Job) -> bool:
    """Whether the last attempt of this job succeeded with the same inputs and its page is in place."""
    state = read_state(job.out_dir, job.name)
    return bool(
        state
        and state.get("status") != "failed"
        and state.get("inputs_hash") == job.inputs_hash
        and (job.out_dir / f"{job.name}.html").exists()
    )


def as_outcome(state: dict, status: str | None = None) -> Outcome:
    """An Outcome read back from a state file (status overridden when given)."""
    fields = {k: state[k] for k in Outcome.__dataclass_fields__ if k in state}
    fields.setdefault("name", "")
    fields.setdefault("period", "")
    fields.setdefault("status", "failed")
    if status:
        fields["status"], fields["seconds"] = status, 0.0
    return Outcome(**fields)


@dataclass
class IndexCell:
    """One (period, notebook) in the index: its status and the files a reader can open."""

    outcome: Outcome
    page: bool  # the last good page exists
    failed_notebook: bool  # the kept failed execution exists


def index_cells(
    reports_dir: Path,
    periods: list[str],
    names: list[str],
    now: list[Outcome],
    current: dict[tuple[str, str], set[str]] | None = None,
) -> dict:
    """{(period, name): IndexCell} for every pair with a record on disk or in this build: the whole index.

    A good page left from an earlier build is 'skipped' (unchanged) when its recorded key is one of
    `current[(period, name)]` (`plan.current_keys`), else 'stale': built from other inputs than today's. So
    is a page of this build whose inputs changed while it ran (`current` is taken after the run).
    """
    this_build = {(o.period, o.name): o for o in now}
    cells = {}
    for period in periods:
        for name in names:
            outcome = this_build.get((period, name))
            if outcome is not None and outcome.status in ("built", "skipped") and current is not None:
                state = read_state(reports_dir / period, name)  # inputs changed while this build ran: stale
                if state is not None and state.get("inputs_hash") not in current.get((period, name), set()):
                    outcome = as_outcome(state, "stale")
            if outcome is None:
                state = read_state(reports_dir / period, name)
                if state is None:
                    continue
                if state.get("status") == "failed":
                    outcome = as_outcome(state)
                else:
                    fresh = current is None or state.get("inputs_hash") in current.get((period, name), set())
                    outcome = as_outcome(state, "skipped" if fresh else "stale")
            cells[(period, name)] = IndexCell(
                outcome,
                (reports_dir / period / f"{name}.html").exists(),
                (reports_dir / period / f"{name}.failed.ipynb").exists(),
            )
    return cells
