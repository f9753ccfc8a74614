"""Where the project's files live. The only module that knows the data layout.

`VSS_PROJECT_ROOT` moves the whole project; `VSS_DATA_DIR` points the data folder elsewhere, which is
how `vss build` gives every kernel of one build the same snapshot of its inputs.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("VSS_PROJECT_ROOT", Path(__file__).resolve().parent.parent))
DATA_DIR = Path(os.environ.get("VSS_DATA_DIR", PROJECT_ROOT / "data"))
RAW_DIR = DATA_DIR / "raw"
MANIFEST_PATH = RAW_DIR / "manifest.csv"
EXTRACTED_DIR = DATA_DIR / "extracted"
FACTS_PATH = EXTRACTED_DIR / "facts.csv"
FACTS_META_PATH = EXTRACTED_DIR / "facts.meta.json"
ANNOTATIONS_DIR = DATA_DIR / "annotations"
DECISIONS_PATH = DATA_DIR / "decisions" / "decisions.csv"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
SCRATCH_DIR = REPORTS_DIR / "_scratch"  # summaries of runs outside `vss build`; never published

# What `vss build`'s period workbook reads, in the form of a notebook's `vss.reads` (relative to the project).
WORKBOOK_READS = (
    "data/raw",
    "data/extracted",
    "data/decisions",
    "data/annotations/text_amounts.csv",
    "data/annotations/unit_facts.csv",
    "data/annotations/drivers.csv",
    "data/annotations/indicator_directions.csv",
    "data/annotations/indicator_series.csv",
)
