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


class NotOwnedError(VssError):
    """A folder that is not this writer's: a published reports folder, or one a build does not own."""


class WriteError(VssError, OSError):
    """A file the project writes could not be written: names the file and what the system said."""

    def __init__(self, path: object, cause: OSError):
        super().__init__(cause.errno, cause.strerror or str(cause), str(path))
        self.path = str(path)

    def __reduce__(self) -> tuple:
        return _write_error, (self.path, self.errno, self.strerror)  # a worker's error crosses to the build

    def __str__(self) -> str:
        hint = {
            "ENOSPC": "the disk is full",
            "EFBIG": "the file is larger than the disk allows",
            "EACCES": "close it where it is open (Excel holds its workbooks) or make it writable, and run again",
            "EPERM": "close it where it is open (Excel holds its workbooks) or make it writable, and run again",
            "EROFS": "the disk is read-only",
        }
        import errno

        reason = hint.get(errno.errorcode.get(self.errno or 0, ""), "")
        return f"cannot write {self.path}: {self.strerror}" + (f" ({reason})" if reason else "")


def _write_error(path: str, number: int | None, reason: str | None) -> WriteError:
    return WriteError(path, OSError(number, reason))
