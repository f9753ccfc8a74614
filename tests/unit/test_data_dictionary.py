"""The data dictionary in the repository says what the contract declares now (issue 24)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_data_dictionary_is_current():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_data_dictionary.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_the_dictionary_names_every_column_with_its_swedish_header():
    from vsslib.contract import FACT_FIELDS, TARGET_FIELDS

    text = (ROOT / "data" / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    for field in (*FACT_FIELDS, *TARGET_FIELDS):
        assert f"| `{field.name}` | {field.dtype} | {field.header} |" in text
