"""The page toolkit the notebooks import: Swedish tables, prose, charts, windows, parameters, proofreading."""
