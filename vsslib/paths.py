"""Where the project's files live: one `Layout`, the only place that knows the data layout.

Every reader asks `layout()` when it runs, never at import, so the whole project can be pointed elsewhere in
one process (`use`, as the tests do) or by the environment: `VSS_PROJECT_ROOT` moves the project,
`VSS_DATA_DIR` its data folder, which is how `vss build` gives every kernel of one build the same snapshot of
its inputs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Layout:
    """The project folder and its data folder, and every file and folder the project reads or writes in them."""

    root: Path
    data: Path
    raw: Path  # the source reports, one <report_id>.txt each, and the manifest
    manifest: Path  # data/raw/manifest.csv: which reports there are, with their checksums
    extracted: Path  # data/extracted: the facts and targets tables and their meta
    facts: Path  # data/extracted/facts.csv
    facts_meta: Path  # data/extracted/facts.meta.json: what the facts were extracted from, what readers said
    annotations: Path  # data/annotations: the curated files, each number with the report's words and line
    decisions: Path  # data/decisions/decisions.csv: values a controller decided where reports disagree
    reports: Path  # reports: the published pages and workbooks (only `vss build` writes there)
    notebooks: Path  # notebooks: the analyses
    scratch: Path  # reports/_scratch: summaries of notebook runs outside `vss build`; never published

    @classmethod
    def of(cls, root: Path, data: Path | None = None) -> Layout:
        """The layout of a project at `root`, its data in `root/data` unless `data` says otherwise."""
        root = Path(root)
        data = Path(data) if data is not None else root / "data"
        raw, extracted, reports = data / "raw", data / "extracted", root / "reports"
        return cls(
            root=root,
            data=data,
            raw=raw,
            manifest=raw / "manifest.csv",
            extracted=extracted,
            facts=extracted / "facts.csv",
            facts_meta=extracted / "facts.meta.json",
            annotations=data / "annotations",
            decisions=data / "decisions" / "decisions.csv",
            reports=reports,
            notebooks=root / "notebooks",
            scratch=reports / "_scratch",
        )

    @classmethod
    def from_environment(cls) -> Layout:
        """This checkout's layout, or the one `VSS_PROJECT_ROOT` and `VSS_DATA_DIR` name."""
        root = Path(os.environ.get("VSS_PROJECT_ROOT", Path(__file__).resolve().parent.parent))
        data = os.environ.get("VSS_DATA_DIR")
        return cls.of(root, Path(data) if data else None)


_current = Layout.from_environment()


def layout() -> Layout:
    """The layout in use."""
    return _current


@contextmanager
def use(other: Layout) -> Iterator[Layout]:
    """Point the whole project at another layout while the block runs (in this process), then back."""
    global _current
    previous, _current = _current, other
    try:
        yield other
    finally:
        _current = previous


def with_data(data: Path) -> Layout:
    """The layout in use with its data folder at `data` (a build's snapshot, `vss export`'s data folder)."""
    return Layout.of(_current.root, data)


def holding(facts: Path) -> Layout:
    """The layout whose data folder holds the facts file `facts` (<data>/extracted/facts.csv)."""
    return with_data(Path(facts).parent.parent)


def configure(other: Layout) -> None:
    """Point the whole project at another layout from now on (a build's worker, at its data snapshot)."""
    global _current
    _current = other


# What `vss build`'s period workbook reads besides its pages' sheets, in the form of a notebook's `vss.reads`
# (relative to the project): the facts, with the decisions applied to them, and the text amounts that make a
# value an open conflict (its note in the facts sheet).
WORKBOOK_READS = ("data/raw", "data/extracted", "data/decisions", "data/annotations/text_amounts.csv")
