"""Warm kernels: a fork server with the heavy imports done hands every notebook run a kernel of its own.

The server imports pandas, numpy, matplotlib, statsmodels, IPython and ipykernel once (what the notebooks
use; seaborn is not, see `charts`), does the notebooks' shared first work, then waits. For each run,
Jupyter starts the kernel command of the `vss-warm` kernelspec (`connect`): a small
client that asks the server to fork. The child — a copy of the pristine server, never of another run —
becomes an ordinary IPython kernel on the client's connection file, cwd and environment. Isolation is by
construction: no run's variables, rcParams, figures, caches, monkeypatches, warnings filters or working
directory can reach another run, because each run is a fresh process forked from a state no notebook has
touched. The client stands in for the kernel towards Jupyter: a signal to it goes to the child, and when
the client is killed the child is killed.

Where fork or Unix sockets do not exist (Windows), or with `vss build --fresh-kernels`, the build uses an
ordinary fresh kernel per run instead; if the server is unreachable the client becomes one itself.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KERNEL_NAME = "vss-warm"
PRELOAD = (
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "statsmodels.api",
    "statsmodels.tsa.exponential_smoothing.ets",
    "pandera.pandas",
    "babel.numbers",
    "IPython",
    "IPython.display",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",
    "vsslib.facts.load",
    "vsslib.facts.annotations",
    "vsslib.facts.checks",
    "vsslib.analysis.forecasts",
    "vsslib.analysis.surplus",
    "vsslib.analysis.volumes",
    "vsslib.analysis.monthly",
    "vsslib.analysis.quality",
    "vsslib.pages.charts",
    "vsslib.pages.present",
    "vsslib.pages.notebook",
)
"""Imported once by the server: every kernel starts with them in `sys.modules`. The server runs with the
build's environment (VSS_DATA_DIR: the build's snapshot), so vsslib's paths are the kernels' paths."""


def available() -> bool:
    """Whether this platform can fork a pre-imported process and reach it over a Unix socket."""
    return hasattr(os, "fork") and hasattr(socket, "AF_UNIX")


class WarmPool:
    """The fork server of one build and the kernelspec that reaches it; a context manager."""

    def __init__(self, env: dict[str, str]):
        self.dir = Path(tempfile.mkdtemp(prefix="vss-warm-"))
        self.socket = self.dir / "server.sock"
        spec = self.dir / "kernels" / KERNEL_NAME
        spec.mkdir(parents=True)
        argv = [sys.executable, "-m", "vsslib.publish.warm", "connect", str(self.socket), "{connection_file}"]
        spec.joinpath("kernel.json").write_text(
            json.dumps({"argv": argv, "display_name": "vss warm", "language": "python"}), encoding="utf-8"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "vsslib.publish.warm", "serve", str(self.socket), str(os.getpid())],
            env=env,
            stdin=subprocess.DEVNULL,
        )

    @property
    def jupyter_path(self) -> str:
        """The JUPYTER_PATH entry under which the `vss-warm` kernelspec is found."""
        return str(self.dir)

    def __enter__(self) -> WarmPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        for path in sorted(self.dir.rglob("*"), reverse=True):
            path.unlink() if not path.is_dir() else path.rmdir()
        self.dir.rmdir()


# -- the server ---------------------------------------------------------------------------------------
def serve(address: str, parent: int) -> None:
    """Import the heavy libraries, then fork a kernel for each client until the build (`parent`) is gone."""
    import importlib
    import warnings

    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # as a kernel sets it
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # ipykernel's debugger: no note on frozen modules
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for module in PRELOAD:
            importlib.import_module(module)
        _warm_up()
        _share_work()
    # Everything made so far to the permanent generation: a kernel's garbage collections then never walk (and so
    # never copy, page by page) the server's objects, whose number grows with the history loaded (Python's
    # gc.freeze docs: "call gc.freeze() right before fork()"). Measured: a page's cells 2,9 → 2,5 s at 20 periods.
    gc.freeze()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(16)
    listener.settimeout(0.2)
    children: dict[int, socket.socket] = {}
    signal.signal(signal.SIGTERM, lambda *_: _stop(children))
    while os.getppid() == parent:
        _reap(children)
        _forward(children)
        try:
            client, _ = listener.accept()
        except TimeoutError:
            continue
        request = json.loads(_read_line(client))
        server = os.getpid()
        pid = os.fork()
        if pid == 0:
            listener.close()
            client.close()
            _become_kernel(request, server)
        children[pid] = client
        client.sendall(f"{pid}\n".encode())
    _stop(children)


def _warm_up() -> None:
    """Do once, on made-up data, the first-use work every notebook would repeat.

    pandera's schema, babel's Swedish locale, matplotlib's fonts and a PNG, pandas' Styler templates. Nothing
    is read and no setting changed, so every kernel starts as a fresh one would, only with these caches
    filled (the pool and fresh-kernel builds give identical pages: tests/integration/test_warm_kernels.py).
    """
    import io

    import matplotlib.pyplot as plt
    import pandas as pd

    from vsslib import formatting
    from vsslib.facts import schema  # noqa: F401  # the schemas built once, here

    formatting.number(-1234.5, 1)
    formatting.percent(0.5)
    figure, axes = plt.subplots()
    axes.plot([0, 1], [0, 1], label="Å")
    axes.set_title("Å")
    axes.legend()
    figure.tight_layout()
    figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")
    plt.close(figure)
    pd.DataFrame({"a": [1.5]}).style.format("{:.1f}").to_html()


def _share_work() -> None:
    """Do once the work every period's pages repeat on the same data: each report's arithmetic checks.

    Kernels inherit the results (`checks.within_report`, keyed by the rows' content, so a page of any period
    finds its reports' findings there). Data that cannot be loaded is left to the notebooks to report.
    """
    from vsslib.facts import checks, decisions, load

    try:
        checks.run_checks(decisions.printed(load.load_facts()))
    except Exception:  # noqa: BLE001 - the notebooks load the same data and say what is wrong with it
        pass


def _become_kernel(request: dict, server: int) -> None:
    """In the forked child: take the client's directory and environment and run an IPython kernel."""
    try:
        _die_with(server)
        os.setsid()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        from vsslib import paths

        paths.configure(paths.Layout.from_environment())  # the layout is the run's, not the server's
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        quiet = os.open(os.devnull, os.O_WRONLY)  # the kernel talks over its sockets; its start-up notes go nowhere
        os.dup2(quiet, 1)
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(["-f", request["connection_file"], "--IPKernelApp.log_level=ERROR"])
        app.start()
    finally:
        os._exit(0)


def _die_with(server: int) -> None:
    """A kernel never outlives the server that forked it (Linux: the kernel's parent-death signal)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != server:  # the server was gone before the signal was set
        os._exit(1)
    import threading

    def watch() -> None:  # where there is no prctl (macOS), look every half second
        while os.getppid() == server:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _reap(children: dict[int, socket.socket]) -> None:
    """Tell each client whose kernel has ended how it ended."""
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        client = children.pop(pid, None)
        if client is not None:
            try:
                client.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
            except OSError:
                pass
            client.close()


def _forward(children: dict[int, socket.socket]) -> None:
    """Signals a client relays ('signal 2'); a client that is gone takes its kernel with it."""
    for pid, client in list(children.items()):
        client.setblocking(False)
        try:
            data = client.recv(64)
        except BlockingIOError:
            continue
        except OSError:
            data = b""
        finally:
            client.setblocking(True)
        try:
            if not data:
                os.kill(pid, signal.SIGKILL)
            for line in data.decode().split("\n"):
                if line.startswith("signal "):
                    os.kill(pid, int(line.split()[1]))
        except ProcessLookupError:
            pass


def _stop(children: dict[int, socket.socket]) -> None:
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    os._exit(0)


def _read_line(conn: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode()


# -- the client: what Jupyter starts as "the kernel" -------------------------------------------------------
def connect(address: str, connection_file: str) -> None:
    """Ask the server for a kernel; stand in for it until it ends. Without a server, become a plain kernel."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    for _ in range(100):  # the server may still be importing (a few seconds at the start of a build)
        try:
            conn.connect(address)
            break
        except (FileNotFoundError, ConnectionRefusedError):
            time.sleep(0.05)
    else:
        args = [sys.executable, "-m", "ipykernel_launcher", "-f", connection_file, "--IPKernelApp.log_level=ERROR"]
        os.execv(sys.executable, args)
    request = {"connection_file": connection_file, "cwd": str(Path.cwd()), "env": dict(os.environ)}
    conn.sendall((json.dumps(request) + "\n").encode())
    for relayed in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT):
        signal.signal(relayed, lambda number, _frame: conn.sendall(f"signal {number}\n".encode()))
    reply = ""
    while True:
        chunk = conn.recv(256)
        if not chunk:
            sys.exit(1)
        reply += chunk.decode()
        for line in reply.split("\n")[:-1]:
            if line.startswith("exit "):
                sys.exit(int(line.split()[1]) & 0xFF)
        reply = reply.split("\n")[-1]


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "serve":
        serve(rest[0], int(rest[1]))
    elif command == "connect":
        connect(rest[0], rest[1])
