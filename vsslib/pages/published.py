"""Which folders are published: the markers a build leaves there, and the refusal to write into them by hand."""

from __future__ import annotations

from pathlib import Path

from vsslib import paths
from vsslib.errors import NotOwnedError

REPORTS_MARKER = ".vss-reports"  # a reports folder `vss build` owns
STAGING_MARKER = ".vss-staging"  # a run's private folder inside it, published only when complete


def refuse_published(directory: Path) -> None:
    """NotOwnedError if directory is a published reports folder (only `vss build` writes there).

    The scratch folder (`paths.layout().scratch`, reports/_scratch) is not published: a notebook run by hand writes
    its summary there after any build, and no build reads, lists or removes it.
    """
    directory = directory.resolve()
    if (directory / STAGING_MARKER).exists() or directory.is_relative_to(paths.layout().scratch.resolve()):
        return
    for folder in (directory, *directory.parents):
        if (folder / REPORTS_MARKER).exists():
            raise NotOwnedError(
                f"{directory} is inside the published reports ({folder}); only `vss build` "
                "writes there. Leave output_dir empty (a scratch folder) or choose another folder"
            )
