"""Exclusive locks (filelock) on the facts and on a reports folder, naming who holds them."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from vsslib.errors import VssError


class LockedError(VssError):
    """Another vss process holds the lock."""


@contextmanager
def exclusive(lock_path: Path, what: str) -> Iterator[None]:
    """Hold lock_path for the block; LockedError at once, naming the holder, if another process has it.

    `what` says what the holder is doing ("vss build"); a refused process is shown it with pid and start.

    The lock is the operating system's (fcntl or msvcrt through filelock): a killed holder releases it.
    """
    from filelock import FileLock, Timeout

    lock_path.parent.mkdir(parents=True, exist_ok=True)
    holder = lock_path.with_name(lock_path.name + ".holder")
    lock = FileLock(str(lock_path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(f"{_holder_text(holder)}; try again when it has finished ({lock_path})") from None
    try:
        started = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
        info = {"pid": os.getpid(), "started": started, "what": what}
        holder.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        yield
    finally:
        holder.unlink(missing_ok=True)
        lock.release()


def _holder_text(holder: Path) -> str:
    try:
        info = json.loads(holder.read_text(encoding="utf-8"))
        return f"another {info['what']} has been running since {info['started']}, pid {info['pid']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "another vss process holds the lock"
