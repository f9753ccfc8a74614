"""vsslib: the facts of VSS's reports, extracted, checked and loaded for analysis.

Stages, one module each: `reader` (raw text) -> `tables` (printed tables) -> `facts` (contract rows)
-> `extract` (all reports, written atomically) -> `checks` (arithmetic, conflicts) -> `load`
(validated facts, as-of helpers). `import vsslib` stays light: no plotting or modelling libraries.
"""

from vsslib.errors import ParameterError, ReportError, StaleDataError, VssError
from vsslib.load import history, load_facts, value_as_of

__all__ = ["ParameterError", "ReportError", "StaleDataError", "VssError", "history", "load_facts", "value_as_of"]
__version__ = "0.1.0"
