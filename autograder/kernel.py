"""Run code cells one at a time in a live kernel, and judge test cells as the grader does.

The self-test uses this to run a solution notebook once and then, in the same kernel, swap a
mutant (or alternate) into one solution cell and re-run only the test cells it targets.  Test
cells are judged by ``judge.Judge`` in this process (never run in the kernel), against a kernel
started like a graded one: in the assignment's sandbox (``sandbox.py``) when this machine has
one, else unconfined but with the same ``/course`` tree (the assignment's answers withheld).
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from autograder import CELL_TIMEOUT

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class CellResult:
    passed: bool
    message: str = ""


def judge(cell) -> CellResult:
    """nbgrader's rule: a test cell fails when it shows an error or writes to stderr.

    The message is the error's when there is one (the student's real problem), else the stderr
    text.
    """
    outputs = cell.get("outputs", [])
    for out in outputs:
        if out.output_type == "error":
            return CellResult(False, f"{out.ename}: {_ANSI.sub('', str(out.evalue))}")
    for out in outputs:
        if out.output_type == "stream" and out.name == "stderr":
            return CellResult(False, "wrote to stderr: " + out.text.strip()[:300])
    return CellResult(True)


def _record_timeout(cell, execute_reply, **kwargs) -> None:
    """Show a timed-out cell's error as nbgrader's executor does (its reply is not an output)."""
    content = execute_reply["content"]
    if content.get("status") == "error" and content.get("ename") == "CellTimeoutError":
        cell.outputs.append(nbformat.v4.new_output(
            "error", ename="CellTimeoutError", evalue="", traceback=content.get("traceback", [])))


class KernelSession:
    """A kernel for ``assignment``: ``run(source)`` executes a cell in it, ``test(source)``
    judges a test cell against it."""

    def __init__(self, workdir: Path, assignment: str, timeout: int = CELL_TIMEOUT,
                 sandboxed: bool | None = None, mpl_cache: Path | None = None):
        from . import sandbox as sb
        workdir.mkdir(parents=True, exist_ok=True)
        os.chmod(workdir, 0o755)
        if sandboxed is None:
            sandboxed = sb.unavailable() is None
        tree = workdir / "course"
        sb.build_course_tree(tree, assignment)
        # a uid of its own from the pool, apart from every student of every batch
        self.box = sb.Sandbox(workdir / "box", tree, enabled=sandboxed)
        self.box.seed_home(mpl_cache)       # a prebuilt font cache, as a graded kernel gets
        from .execute import BoundedOutputs

        class Client(BoundedOutputs, NotebookClient):
            pass

        self.client = Client(
            nbformat.v4.new_notebook(), km=self._kernel_manager(), timeout=timeout,
            kernel_name="python3",
            allow_errors=True, interrupt_on_timeout=True, iopub_timeout=30,
            error_on_timeout={"ename": "CellTimeoutError", "evalue": "",
                              "traceback": ["CellTimeoutError: no reply before the time limit"]},
            # the kernel's own start-up warnings (e.g. about TCP transport) are not test output
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
            on_cell_executed=_record_timeout,
            resources={"metadata": {"path": str(self.box.home)}})
        self.timeout = timeout
        self.assignment = assignment
        self._ctx = None
        self._judge = None

    def _kernel_manager(self):
        from .execute import SandboxedKernelManager
        km = SandboxedKernelManager(kernel_name="python3")
        km.setup_box(self.box)
        return km

    def __enter__(self) -> "KernelSession":
        from .judge import Judge, NbclientLink
        for attempt in (1, 2):         # a kernel that dies while starting gets one more try
            # the client does not own the manager we gave it: shut the kernel down on exit
            self._ctx = self.client.setup_kernel(cleanup_kc=True)
            try:
                self._ctx.__enter__()
                break
            except RuntimeError as exc:
                log = self.box.job_dir / "kernel.log"
                tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
                if attempt == 2:
                    raise RuntimeError(f"{exc}; the kernel's log ends:\n{tail}") from None
                print(f"kernel start failed ({exc}), trying once more; its log ends:\n{tail}",
                      file=sys.stderr)
                self.client.km = self._kernel_manager()     # the same sandbox, a new manager
        self._judge = Judge(NbclientLink(self.client), self.box.io_in, self.box.io_out,
                            self.box.in_kernel, self.box.out_kernel, cell_timeout=self.timeout)
        from .diagnosis import Diagnoser            # name known mistakes as grading does
        self._judge.diagnoser = Diagnoser(self.assignment)
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._ctx.__exit__(*exc)
        finally:
            self.box.cleanup()

    def run(self, source: str) -> CellResult:
        import zmq
        from nbclient.exceptions import CellTimeoutError, DeadKernelError
        from .execute import LOST, shell_lost
        lost = CellResult(False, "OutputTooLarge: " + LOST)
        if shell_lost(self.client):
            return lost
        cell = nbformat.v4.new_code_cell(source)
        self.client.nb.cells.append(cell)
        try:
            self.client.execute_cell(cell, len(self.client.nb.cells) - 1)
        except DeadKernelError:
            return lost if shell_lost(self.client) else CellResult(
                False, "DeadKernelError: the kernel died")
        except zmq.Again:
            return lost
        except CellTimeoutError:
            return lost if shell_lost(self.client) else CellResult(
                False, "CellTimeoutError: the cell ran past the time limit")
        return lost if shell_lost(self.client) else judge(cell)

    def test(self, source: str, allowed) -> CellResult:
        """Judge a test cell as the grader does (in this process, against the kernel);
        ``allowed``: the kernel names it may look up (``testcells.allowed_kernel_names``)."""
        outcome = self._judge.run_test_cell(source, allowed)
        if outcome.passed:
            return CellResult(True)
        return CellResult(False, f"{outcome.ename}: {outcome.evalue}")
