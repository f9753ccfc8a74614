"""Shared fixtures: the facts extracted from the committed raw reports (once per test session)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import settings

from vsslib.extract import extract_all

settings.register_profile("vss", derandomize=True, database=None, deadline=None)
settings.load_profile("vss")


@pytest.fixture(scope="session")
def extraction():
    return extract_all()


@pytest.fixture(scope="session")
def facts(extraction) -> pd.DataFrame:
    return pd.DataFrame(extraction.facts)
