"""The facts and targets tables' pandera schemas, built from the contract's one declaration (`vsslib.contract`)."""

from __future__ import annotations

import pandera.pandas as pa

from vsslib.contract import FACT_FIELDS, TARGET_FIELDS, Field


def _column(field: Field) -> pa.Column:
    """A field as a pandera column: its type, its rule as checks, its Swedish header as title."""
    checks = []
    if field.values:
        checks.append(pa.Check.isin(list(field.values)))
    if field.pattern:
        checks.append(pa.Check.str_matches(field.pattern))
    if field.low is not None:
        checks.append(pa.Check.ge(field.low))
    if field.high is not None:
        checks.append(pa.Check.le(field.high))
    if field.positive:
        checks.append(pa.Check.gt(0))
    if field.filled:
        checks.append(pa.Check.str_length(min_value=1))
    kind = {"str": str, "int64": "int64", "float64": "float64"}[field.dtype]
    return pa.Column(kind, checks, nullable=field.nullable, title=field.header, description=field.meaning)


def _full_year_measures_end_in_december(df):
    """Prognos and målvärde always refer to the full year."""
    return ~df.measure.isin(["prognos", "målvärde"]) | (df.ref_month == 12)


def _a_direction_has_no_number(df):
    """'Ska öka' and 'Minska' print no number; an inequality always does."""
    words = df.comparator.isin(["increase", "decrease"])
    inequality = df.comparator.isin([">", ">=", "<", "<=", "="])
    return (~words | df.target_value.isna()) & (~inequality | df.target_value.notna())


def _schema(fields: tuple[Field, ...], name: str, check) -> pa.DataFrameSchema:
    """A table's schema: every field a column, the table's own check, nothing else allowed, values coerced."""
    return pa.DataFrameSchema(
        {f.name: _column(f) for f in fields},
        checks=[pa.Check(check, name=check.__name__.lstrip("_"))],
        strict=True,
        coerce=True,
        name=name,
    )


FactsSchema = _schema(FACT_FIELDS, "facts", _full_year_measures_end_in_december)
TargetsSchema = _schema(TARGET_FIELDS, "targets", _a_direction_has_no_number)
