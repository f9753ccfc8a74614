"""vsslib: the facts of VSS's reports, extracted, checked and loaded for analysis.

Stages, one module each: `reader` (raw text) -> `tables` (printed tables) -> `facts` (contract rows)
-> `extract` (all reports, written atomically) -> `checks` (arithmetic, conflicts) -> `load`
(validated facts, as-of helpers) -> `build` (notebooks to HTML). `import vsslib` is light: pandas
loads on first use of the loading helpers, and no plotting or modelling library is imported.
"""

from vsslib.errors import ParameterError, ReportError, StaleDataError, VssError

__version__ = "0.1.0"
__all__ = ["ParameterError", "ReportError", "StaleDataError", "VssError", "history", "load_facts", "value_as_of"]


def __getattr__(name: str):
    if name in ("history", "load_facts", "value_as_of"):
        from vsslib import load

        return getattr(load, name)
    raise AttributeError(f"module 'vsslib' has no attribute {name!r}")
