"""What a build leaves per (period, notebook): its outcome, recorded beside the page, read back for the index."""

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
    status: str  # 'built', 'skipped', 'failed'
    seconds: float = 0.0
    error: str = ""
    cell: int | None = None
    started: str = ""
    key_figures: list = field(default_factory=list)


def state_path(job: Job) -> Path:
    """The hidden file beside a job's page recording its last good build."""
    return job.out_dir / f".{job.name}.build.json"


def write_state(job: Job, outcome: Outcome) -> None:
    """Record a good build: its inputs' hash and its outcome."""
    atomic_write(
        state_path(job),
        json.dumps({"inputs_hash": job.inputs_hash, **asdict(outcome)}, indent=2, ensure_ascii=False) + "\n",
    )


def up_to_date(job: Job) -> bool:
    """Whether the last good build of this job had the same inputs and its outputs are in place."""
    state = state_path(job)
    if not state.exists() or not (job.out_dir / f"{job.name}.html").exists():
        return False
    return json.loads(state.read_text(encoding="utf-8")).get("inputs_hash") == job.inputs_hash


def as_skipped(state: dict) -> Outcome:
    """The Outcome of a last good build, read back from its state file, as skipped this time."""
    fields = {k: state[k] for k in Outcome.__dataclass_fields__ if k in state}
    return Outcome(**{**fields, "status": "skipped", "seconds": 0.0})


def read_skipped(job: Job) -> Outcome:
    """The last good build of a job that is up to date."""
    return as_skipped(json.loads(state_path(job).read_text(encoding="utf-8")))


def merge_with_disk(reports_dir: Path, outcomes: list[Outcome]) -> list[Outcome]:
    """Outcomes of this build plus the last good build of (period, notebook) pairs not built now."""
    seen = {(o.period, o.name) for o in outcomes}
    merged = list(outcomes)
    for state in sorted(reports_dir.glob("*/.*.build.json")):
        data = json.loads(state.read_text(encoding="utf-8"))
        if (data.get("period"), data.get("name")) not in seen:
            merged.append(as_skipped(data))
    return merged
