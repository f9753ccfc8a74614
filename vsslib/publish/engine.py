"""The papermill engine of `vss build`: nbclient, with the executed notebook written once, when it is complete.

papermill's own manager rewrites the whole output notebook (figures included) at the start and the end of
every cell, about fifty times per notebook; the build reads the notebook only when the run is over.
"""

from __future__ import annotations

from jupyter_client import AsyncKernelManager
from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

ENGINE_NAME = "vss"


class BuildKernelManager(AsyncKernelManager):
    """jupyter_client's kernel manager, looking every 10 ms (not 100 ms) whether a killed kernel is gone.

    The build shuts each kernel down at once when its notebook is done ('immediate'); the manager then polls
    until the process has ended, and its default interval alone cost a tenth of a second per run.
    """

    async def _async_wait(self, pollinterval: float = 0.01) -> None:
        await super()._async_wait(pollinterval=min(pollinterval, 0.01))


class SavedWhenComplete(NotebookExecutionManager):
    """A notebook execution manager that writes the output notebook only when the notebook is complete."""

    complete = False

    def save(self, **kwargs):
        """Write the notebook, but only once it is complete (papermill calls this around every cell)."""
        if self.complete:
            super().save(**kwargs)

    def notebook_complete(self, **kwargs):
        """Mark the notebook complete, then let papermill finalise and write it.

        papermill gives the cell it injects a random id; it gets a fixed one, so that the same inputs give the
        same executed notebook and page.
        """
        self.complete = True
        for cell in self.nb.cells:
            if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
                cell["id"] = "injected-parameters"
        super().notebook_complete(**kwargs)


class BuildEngine(NBClientEngine):
    """NBClientEngine on a `SavedWhenComplete` manager."""

    @classmethod
    def execute_notebook(
        cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False, autosave_cell_every=30, **kwargs
    ):
        """As `papermill.engines.Engine.execute_notebook`, with the manager that saves once."""
        manager = SavedWhenComplete(
            nb,
            output_path=output_path,
            progress_bar=progress_bar,
            log_output=log_output,
            autosave_cell_every=autosave_cell_every,
        )
        manager.notebook_start()
        try:
            cls.execute_managed_notebook(manager, kernel_name, log_output=log_output, **kwargs)
        finally:
            manager.cleanup_pbar()
            manager.notebook_complete()
        return manager.nb


papermill_engines.register(ENGINE_NAME, BuildEngine)
