"""Where the project's files live. The only module that knows the data layout."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("VSS_PROJECT_ROOT", Path(__file__).resolve().parent.parent))
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
MANIFEST_PATH = RAW_DIR / "manifest.csv"
EXTRACTED_DIR = DATA_DIR / "extracted"
FACTS_PATH = EXTRACTED_DIR / "facts.csv"
FACTS_META_PATH = EXTRACTED_DIR / "facts.meta.json"
REPORTS_DIR = PROJECT_ROOT / "reports"
