"""Atomic file writes: a reader sees the old file or the whole new one, never half."""

from __future__ import annotations

import errno
import math
import os
import tempfile
from pathlib import Path

from vsslib.errors import WriteError

TEMPORARY_MARK = "vss-"  # '.page.html.vss-k2j_9xq1.tmp': a temporary file a write left, known by name and mark


def json_ready(value: object) -> object:
    """A value as JSON holds it: numpy scalars as numbers, NaN, NaT and pandas' NA as None; containers recursively."""
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    return None if isinstance(value, float) and math.isnan(value) else value


def atomic_write(path: Path, text: str) -> None:
    """Write text (UTF-8, line ends as given) to path through a temporary file and a rename."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write bytes to path through a temporary file in the same folder, fsynced, then renamed over it.

    A failure (a full disk, a file held open by another program) is a WriteError naming `path`; the old file
    is left as it was and the temporary one removed.
    """
    atomic_write_all({path: data})


def atomic_write_all(files: dict[Path, bytes]) -> None:
    """Write several files all or none: every one to its temporary file first, then each put in place.

    A file that cannot be written (a full disk) is a WriteError naming it, and no file is replaced. With more than
    one file, each old file is first moved aside: a file that cannot be moved (open in Excel, on Windows) stops it
    all before any is replaced, and a failure while placing the new ones puts every old file back.
    """
    refuse_non_files(list(files))
    written: dict[Path, Path] = {}
    aside: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            written[path] = _temporary(path, data)
        if len(files) > 1:
            for path in (p for p in files if p.exists()):
                aside[path] = _move_aside(path)
        for path, tmp in written.items():
            _move(tmp, path, named=path)
    except BaseException:
        _put_back(aside, next(iter(files)))
        raise
    finally:
        for tmp in [*written.values(), *aside.values()]:
            tmp.unlink(missing_ok=True)


def _move_aside(path: Path) -> Path:
    """The old file moved to a temporary name of its own beside it (a WriteError naming it if it cannot move)."""
    reserved = _temporary(path, b"")
    try:
        return _move(path, reserved)
    except BaseException:
        reserved.unlink(missing_ok=True)
        raise


def _put_back(aside: dict[Path, Path], first: Path) -> None:
    """Every old file back in its place; one that cannot go back is kept under its temporary name and named."""
    for path, old in list(aside.items()):
        try:
            old.replace(path)  # over any new one already placed
        except OSError:
            continue  # never removed: the old file is not lost
        del aside[path]
    if aside:
        kept = ", ".join(str(old) for old in aside.values())
        aside.clear()
        raise WriteError(first, OSError(errno.EIO, f"the old files are kept as {kept}"))


def _move(source: Path, target: Path, named: Path | None = None) -> Path:
    """Rename source over target; a WriteError naming the file written (or the one moved aside) if it fails."""
    try:
        source.replace(target)
    except OSError as exc:
        raise WriteError(named or source, exc) from exc
    return target


def refuse_non_files(targets: list[Path]) -> None:
    """WriteError naming the first target that exists and is no plain file (a folder, a FIFO), before any write.

    Files published together must all be replaceable, or none is replaced: found at the last one, it is too late.
    """
    for target in targets:
        if target.exists() and not target.is_file():
            raise WriteError(target, OSError(errno.EISDIR, "not a file (a folder or device is in its place)"))


def _temporary(path: Path, data: bytes) -> Path:
    """`data` in a fsynced temporary file beside `path` (a WriteError naming `path` if it cannot be written)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{TEMPORARY_MARK}", suffix=".tmp")
    except OSError as exc:
        raise WriteError(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).chmod(0o644)  # mkstemp makes 0600; outputs are shared
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WriteError(path, exc) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)
