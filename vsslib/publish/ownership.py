"""Which folders a build owns: a reports folder carries a marker, a staging folder another.

A build writes only into a reports folder it owns and removes only what it can prove it made; a
notebook run outside `vss build` never writes into a published folder.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from vsslib.errors import NotOwnedError
from vsslib.pages.published import REPORTS_MARKER, STAGING_MARKER

BUILD_DIR = ".vss-build"  # the build's private area in a reports folder (input snapshots)
_HARMLESS = {".gitkeep", "README.md", "_scratch", REPORTS_MARKER}
_PERIOD = re.compile(r"^\d{4}-\d{2}$")


def claim_reports_dir(reports_dir: Path) -> None:
    """Make reports_dir a vss reports folder, or refuse one that holds anything else."""
    if reports_dir.exists() and not reports_dir.is_dir():
        raise NotOwnedError(f"{reports_dir} is a file, not a folder for reports")
    if (reports_dir / REPORTS_MARKER).exists():
        return
    foreign = sorted(p.name for p in reports_dir.iterdir() if p.name not in _HARMLESS) if reports_dir.exists() else []
    if foreign:
        shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
        raise NotOwnedError(
            f"{reports_dir} is not empty ({shown}) and is not a vss reports folder (no "
            f"{REPORTS_MARKER}); choose a new or empty folder with --reports-dir"
        )
    reports_dir.mkdir(parents=True, exist_ok=True)
    (reports_dir / REPORTS_MARKER).write_text("This folder is written by `vss build`.\n", encoding="utf-8")


def new_staging_dir(out_dir: Path, name: str) -> Path:
    """A hidden folder beside the published files, marked as the build's own."""
    import tempfile

    staging = Path(tempfile.mkdtemp(dir=out_dir, prefix=f".{name}-"))
    (staging / STAGING_MARKER).write_text("", encoding="utf-8")
    return staging


def refuse_links(reports_dir: Path) -> None:
    """NotOwnedError naming the first link in the reports folder or in a period's folder.

    A build never writes, nor removes anything, through a link out of a folder it owns.
    """
    folders = [reports_dir] + [p for p in reports_dir.iterdir() if _PERIOD.match(p.name) or p.name == BUILD_DIR]
    for folder in folders:
        entries = [folder] if folder is not reports_dir else []
        entries += list(folder.iterdir()) if folder.is_dir() and not folder.is_symlink() else []
        for entry in entries:
            if entry.is_symlink():
                raise NotOwnedError(
                    f"{entry} is a link (to {entry.readlink()}); vss build writes only into folders it owns, "
                    "never through a link: replace the link with a folder or choose another --reports-dir"
                )


def written_names(notebooks: list[str], period: str) -> set[str]:
    """Every file name a build writes into a period's folder (its temporary files are named after them)."""
    from vsslib.publish.state import WORKBOOK, state_path  # here, not at the top: state imports the plan

    names = {f"vss-{period}.xlsx", f"vss-fakta-{period}.csv"}
    for name in [*notebooks, WORKBOOK]:
        names.add(state_path(Path(period), name).name)
    for name in notebooks:
        names |= {f"{name}.html", f"{name}.json", f"{name}.sheets.json", f"{name}.ipynb", f"{name}.failed.ipynb"}
    return names


_TEMPORARY = r"\.{name}\.vss-[a-z0-9_]{{8}}\.tmp"  # fileio.atomic_write_bytes' temporary file (TEMPORARY_MARK)


def remove_leftovers(reports_dir: Path, notebooks: list[str]) -> None:
    """Remove what a killed build left behind, and only that.

    Marked staging folders and the temporary files of the exact names a build writes (`written_names`),
    never a file matched by a looser pattern; nothing at all through a link (`refuse_links`).
    """
    refuse_links(reports_dir)
    for period_dir in (p for p in reports_dir.iterdir() if p.is_dir() and _PERIOD.match(p.name)):
        for leftover in period_dir.glob(".*-*"):
            if leftover.is_dir() and not leftover.is_symlink() and (leftover / STAGING_MARKER).is_file():
                shutil.rmtree(leftover, ignore_errors=True)
        ours = "|".join(_TEMPORARY.format(name=re.escape(n)) for n in written_names(notebooks, period_dir.name))
        for leftover in period_dir.glob(".*.tmp"):
            if re.fullmatch(ours, leftover.name) and leftover.is_file():
                leftover.unlink(missing_ok=True)
    for leftover in reports_dir.glob(".index.html.*.tmp"):
        if re.fullmatch(_TEMPORARY.format(name=re.escape("index.html")), leftover.name):
            leftover.unlink(missing_ok=True)
    shutil.rmtree(reports_dir / BUILD_DIR, ignore_errors=True)
