"""Project exceptions: every one names the place (file and line) and what was expected."""

from __future__ import annotations

from collections.abc import Sequence


class VssError(Exception):
    """Base class of all vsslib errors."""


class ReportError(VssError):
    """Bad input in a report or data file, located by file and (1-based) line."""

    def __init__(self, file: str, line: int | None, message: str, expected: str = ""):
        self.file, self.line, self.message, self.expected = file, line, message, expected
        where = f"{file}:{line}" if line else file
        text = f"{where}: {message}"
        if expected:
            text += f" (expected {expected})"
        super().__init__(text)


class ManifestError(ReportError):
    """The manifest is malformed or disagrees with the raw files."""


class StaleDataError(VssError):
    """The extracted facts are missing or were made from other raw files than those present."""


class ParameterError(VssError, ValueError):
    """A bad parameter, with the valid choices in the message."""

    def __init__(self, name: str, value: object, valid: Sequence[object]):
        self.name, self.value, self.valid = name, value, list(valid)
        shown = ", ".join(map(str, valid)) or "(none)"
        super().__init__(f"unknown {name} {value!r}; valid: {shown}")


class AmbiguousQueryError(VssError, ValueError):
    """A query for one fact that matches several; the message lists them and the keys that would choose."""
