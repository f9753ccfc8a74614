"""The analyses behind the notebooks: forecast accuracy, a unit's surplus, case volumes, data quality."""
