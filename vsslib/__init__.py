"""vsslib: the facts of VSS's reports, extracted, checked, analysed and published.

The package reads as the pipeline: `extract` (raw text -> printed tables -> fact rows), `facts`
(the stored table, validated loading, checks, curated annotations), `analysis` (the notebooks'
computations), `pages` (the toolkit the notebooks import), `publish` (the build: notebooks run per period,
rendered to HTML, and each period's workbook). The public API
below is what the notebooks and the `vss` command use, so everything the CLI does can be done from
Python. `import vsslib` is light: each name is imported on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from vsslib.errors import AmbiguousQueryError, ParameterError, ReportError, StaleDataError, VssError

__version__ = "0.2.0"

_LAZY = {
    # facts: load and ask
    "load_facts": "vsslib.facts.load",
    "value_as_of": "vsslib.facts.load",
    "history": "vsslib.facts.load",
    "valid_periods": "vsslib.extract.manifest",
    # what `vss extract`, `vss check` and `vss build` do
    "extract_all": "vsslib.extract.pipeline",
    "write_facts": "vsslib.facts.store",
    "run_checks": "vsslib.facts.checks",
    "build": "vsslib.publish.builder",
}
__all__ = ["AmbiguousQueryError", "ParameterError", "ReportError", "StaleDataError", "VssError", "__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'vsslib' has no attribute {name!r}")
