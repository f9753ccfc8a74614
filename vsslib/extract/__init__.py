"""Extraction: raw report text -> printed tables -> rows of the facts table (see `pipeline`)."""
