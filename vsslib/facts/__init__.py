"""The facts table: its contract and schema, storage, validated loading, checks, curated annotations."""
