"""The papermill engine of `vss build`: nbclient, with the executed notebook written once, when it is complete.

papermill's own manager rewrites the whole output notebook (figures included) at the start and the end of
every cell, about fifty times per notebook; the build reads the notebook only when the run is over.
"""

from __future__ import annotations

import time
from queue import Empty

from jupyter_client import AsyncKernelClient, AsyncKernelManager, protocol_version_info
from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines
from traitlets import DottedObjectName, Type

ENGINE_NAME = "vss"


class BuildKernelClient(AsyncKernelClient):
    """jupyter_client's kernel client, ready as soon as the kernel has answered on the shell and IOPub channels.

    jupyter_client's own `wait_for_ready` then waits for 0,2 s of silence on IOPub to flush it: a fifth of a
    second per run, measured as about half of a warm kernel's start. Nothing needs that flush here: nbclient
    reads IOPub by the request a message answers, so the start's status messages are passed over anyway.
    Only the client's public interface is used (`kernel_info`, the channels' `get_msg`, `is_alive`, the
    session's `adapt_version`); the handshake is jupyter_client's own, as of 8.x.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Return once the kernel has replied to `kernel_info` and IOPub has delivered a message."""
        deadline = time.time() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                pass
            else:
                if reply["msg_type"] == "kernel_info_reply":
                    try:
                        await self.iopub_channel.get_msg(timeout=0.2)  # IOPub is connected: something came
                    except Empty:
                        pass
                    else:
                        self._adapt_to(reply)
                        return
            if not await self.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.time() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")

    def _adapt_to(self, reply: dict) -> None:
        """Speak the kernel's protocol version if its major version is not ours (as jupyter_client does)."""
        major = int(reply["content"]["protocol_version"].split(".")[0])
        if major != protocol_version_info[0]:
            self.session.adapt_version = major


class BuildKernelManager(AsyncKernelManager):
    """jupyter_client's kernel manager, whose clients are `BuildKernelClient`s (its public `client_class`)."""

    client_class = DottedObjectName("vsslib.publish.engine.BuildKernelClient")
    client_factory = Type(BuildKernelClient, klass=AsyncKernelClient)


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
