"""Run code cells one at a time in a live kernel and judge them as nbgrader would.

The self-test uses this to run a solution notebook once and then, in the same kernel, swap a
mutant (or alternate) into one solution cell and re-run only the test cells it targets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

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


class KernelSession:
    """A Python kernel started in ``workdir``; ``run(source)`` executes one cell."""

    def __init__(self, workdir: Path, timeout: int = 120):
        self.client = NotebookClient(
            nbformat.v4.new_notebook(), timeout=timeout, kernel_name="python3",
            allow_errors=True, interrupt_on_timeout=True,
            # the kernel's own start-up warnings (e.g. about TCP transport) are not test output
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
            resources={"metadata": {"path": str(workdir)}})
        self._ctx = None

    def __enter__(self) -> "KernelSession":
        self._ctx = self.client.setup_kernel()
        self._ctx.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._ctx.__exit__(*exc)

    def run(self, source: str) -> CellResult:
        cell = nbformat.v4.new_code_cell(source)
        self.client.nb.cells.append(cell)
        self.client.execute_cell(cell, len(self.client.nb.cells) - 1)
        return judge(cell)
