"""The facts table declared once (pandera), for loading and for the tests."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from vsslib.facts.contract import MEASURES, ORGANS, TABLES


class FactsSchema(pa.DataFrameModel):
    """One row per printed number; see DATA_CONTRACT.md."""

    report_id: Series[str] = pa.Field(str_matches=r"^[a-z]+-\d{4}-\d{2}$")
    organ: Series[str] = pa.Field(isin=ORGANS)
    vintage: Series[str] = pa.Field(str_matches=r"^\d{4}-(0[1-9]|1[0-2])$")
    table: Series[str] = pa.Field(isin=TABLES)
    unit: Series[str] = pa.Field(str_length={"min_value": 1})
    item: Series[str] = pa.Field(str_length={"min_value": 1})
    detail: Series[str]
    measure: Series[str] = pa.Field(isin=MEASURES)
    ref_year: Series[int] = pa.Field(ge=1990, le=2100)
    ref_month: Series[int] = pa.Field(ge=1, le=12)
    value: Series[float]
    uom: Series[str] = pa.Field(str_length={"min_value": 1})
    source_file: Series[str] = pa.Field(str_matches=r"^[a-z0-9-]+\.txt$")
    source_line: Series[int] = pa.Field(ge=1)
    source_text: Series[str] = pa.Field(str_length={"min_value": 1})
    precision: Series[float] = pa.Field(gt=0)

    @pa.dataframe_check
    def full_year_measures_end_in_december(cls, df):  # type: ignore[misc]  # noqa: N805
        """Prognos and målvärde always refer to the full year."""
        return ~df.measure.isin(["prognos", "målvärde"]) | (df.ref_month == 12)

    class Config:
        strict = True
        coerce = True


class TargetsSchema(pa.DataFrameModel):
    """One row per printed target cell (Målvärde); see DATA_CONTRACT.md, "Targets and goal assessments"."""

    report_id: Series[str] = pa.Field(str_matches=r"^[a-z]+-\d{4}-\d{2}$")
    organ: Series[str] = pa.Field(isin=ORGANS)
    vintage: Series[str] = pa.Field(str_matches=r"^\d{4}-(0[1-9]|1[0-2])$")
    table: Series[str] = pa.Field(isin=TABLES)
    unit: Series[str] = pa.Field(str_length={"min_value": 1})
    item: Series[str] = pa.Field(str_length={"min_value": 1})
    detail: Series[str]
    ref_year: Series[int] = pa.Field(ge=1990, le=2100)
    target_text: Series[str] = pa.Field(str_length={"min_value": 1})
    comparator: Series[str] = pa.Field(isin=[">", ">=", "<", "<=", "=", "increase", "decrease", ""])
    target_value: Series[float] = pa.Field(nullable=True)
    uom: Series[str] = pa.Field(str_length={"min_value": 1})
    source_file: Series[str] = pa.Field(str_matches=r"^[a-z0-9-]+\.txt$")
    source_line: Series[int] = pa.Field(ge=1)
    source_text: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check
    def a_direction_has_no_number(cls, df):  # type: ignore[misc]  # noqa: N805
        """'Ska öka' and 'Minska' print no number; an inequality always does."""
        words = df.comparator.isin(["increase", "decrease"])
        inequality = df.comparator.isin([">", ">=", "<", "<=", "="])
        return (~words | df.target_value.isna()) & (~inequality | df.target_value.notna())

    class Config:
        strict = True
        coerce = True
