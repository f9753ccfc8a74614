"""One build, one snapshot: the data every notebook of a build reads, copied once and verified.

A notebook declares the data it reads in its metadata (`vss.reads`, paths such as data/raw). The
build copies the union of those paths under the facts' lock (so no `vss extract` can interleave),
verifies the copied facts against their recorded hash and the raw reports, and runs every kernel
with `VSS_DATA_DIR` pointing at the copy. A notebook that reads an undeclared file finds nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from vsslib import paths
from vsslib.errors import WriteError
from vsslib.facts.store import read_facts
from vsslib.locking import exclusive
from vsslib.publish.plan import BuildError, read_notebook

log = logging.getLogger("vsslib")


@dataclass(frozen=True)
class Snapshot:
    """A copied data folder, the sha256 of every file in it (by path relative to the project) and of the facts."""

    data_dir: Path
    hashes: dict[str, str]
    facts_sha256: str

    def digest(self, reads: Iterable[str]) -> str:
        """One hash of every file under the given declared paths."""
        digest = hashlib.sha256()
        for rel, value in sorted(self.hashes.items()):
            if any(rel == r or rel.startswith(r.rstrip("/") + "/") for r in reads):
                digest.update(f"{rel}\0{value}\n".encode())
        return digest.hexdigest()


def declared_reads(notebook: Path) -> list[str]:
    """The data paths (relative to the project, under data/) a notebook reads; BuildError if undeclared."""
    reads = read_notebook(notebook).get("metadata", {}).get("vss", {}).get("reads")
    if not isinstance(reads, list) or not reads or not all(isinstance(r, str) for r in reads):
        raise BuildError(
            f"{notebook.name}: no list of the data it reads in its metadata (vss.reads: paths "
            "under data/ such as data/raw)"
        )
    for rel in reads:
        if not rel.startswith("data/") or ".." in Path(rel).parts:
            raise BuildError(f"{notebook.name}: declared read {rel!r} is not a path under data/")
    return reads


def manifest_files(manifest: Path) -> set[Path]:
    """The files of data/raw the manifest accounts for: itself, each report's text, an original and its checksum."""
    import csv

    listed = {manifest}
    if manifest.is_file():
        with manifest.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                listed.add(manifest.parent / f"{row.get('report_id', '')}.txt")
                seed = row.get("seed_file") or ""
                listed |= {manifest.parent / seed, manifest.parent / f"{seed}.sha256"}
    return listed


def _wanted(file: Path, listed: set[Path]) -> bool:
    """Whether the build reads the file.

    A stray file in data/raw, or one whose name is no text, is passed over with a warning: no odd file can
    stop a build.
    """
    try:
        file.name.encode("utf-8")
    except UnicodeEncodeError:
        log.warning("warning: ignored a file whose name is not UTF-8 text: %s", ascii(str(file)))
        return False
    if not file.is_file():
        log.warning("warning: ignored %s: not a regular file (a FIFO, socket or device is never read)", file)
        return False
    if file.is_relative_to(paths.layout().raw) and file not in listed:
        log.warning("warning: ignored %s: data/raw holds only the manifest's reports (see data/raw/manifest.csv)", file)
        return False
    return True


def take_snapshot(dest: Path, reads: Iterable[str]) -> Snapshot:
    """Copy the declared paths into dest/data under the facts' lock and verify them; StaleDataError if stale."""
    data_dir = dest / "data"
    hashes: dict[str, str] = {}
    with exclusive(paths.layout().extracted / ".vss.lock", "vss build (reading the facts)"):
        listed = manifest_files(paths.layout().manifest)
        for rel in sorted(set(reads)):
            source = paths.layout().data / Path(rel).relative_to("data")
            files = sorted(p for p in source.rglob("*") if not p.is_dir()) if source.is_dir() else [source]
            for file in files:
                if file.name.startswith(".vss.lock") or not file.exists() or not _wanted(file, listed):
                    continue
                target = data_dir / file.relative_to(paths.layout().data)
                content = file.read_bytes()
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(content)
                except OSError as exc:  # a full disk under the reports folder: name the file
                    raise WriteError(target, exc) from exc
                hashes[target.relative_to(dest).as_posix()] = hashlib.sha256(content).hexdigest()
    copy = paths.with_data(data_dir)
    snapshot = read_facts(copy.facts, manifest_path=copy.manifest)
    return Snapshot(data_dir, hashes, snapshot.sha256)
