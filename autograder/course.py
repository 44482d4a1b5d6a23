"""Where things are, and how to call nbgrader on them.

Every nbgrader call runs in a course directory of its own (a temporary one, except for the
instructor's persistent grading folder) whose ``nbgrader_config.py`` loads
``autograder/nbgrader_config.py``; paths that must point into the repository are passed as
absolute paths.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
NOTEBOOKS = ROOT / "notebooks"
CONFIG = Path(__file__).resolve().parent / "nbgrader_config.py"
BIN = Path(sys.executable).parent

# Kernels started from here (nbgrader, the self-test) use one BLAS thread each: the course's
# matrices are small, and several kernels no longer fight over the cores (see the Makefile).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


class CourseError(RuntimeError):
    """A problem the CLI reports to its user in one line."""


@dataclass(frozen=True)
class Assignment:
    """One assignment: ``solutions/<id>/<notebook>.ipynb`` with its mutants and alternates."""

    id: str

    @property
    def source_dir(self) -> Path:
        return SOLUTIONS / self.id

    @property
    def notebook(self) -> Path:
        found = sorted(self.source_dir.glob("*.ipynb"))
        if len(found) != 1:
            raise CourseError(f"{self.source_dir} must hold exactly one notebook, found {len(found)}")
        return found[0]

    @property
    def release_notebook(self) -> Path:
        return NOTEBOOKS / self.id / self.notebook.name

    def variants(self, kind: str) -> list[Path]:
        """The mutant or alternate files: ``<kind>/<grade_id>__<slug>.py``."""
        return sorted((self.source_dir / kind).glob("*__*.py"))


def assignments(ids: list[str] | None = None) -> list[Assignment]:
    """The assignments named (all of them when ``ids`` is empty), in course order."""
    every = sorted(p.name for p in SOLUTIONS.iterdir()
                   if p.is_dir() and any(p.glob("*.ipynb")))
    if not ids:
        return [Assignment(i) for i in every]
    unknown = [i for i in ids if i not in every]
    if unknown:
        raise CourseError(f"unknown assignment(s) {', '.join(unknown)}; "
                          f"the course has: {', '.join(every)}")
    return [Assignment(i) for i in ids]


def nbgrader_env() -> dict:
    env = dict(os.environ)
    # nbgrader shells out to alembic, which lives beside this Python.
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def make_course_dir(course: Path) -> None:
    """Prepare ``course`` so that nbgrader run inside it uses the course configuration."""
    course.mkdir(parents=True, exist_ok=True)
    (course / "nbgrader_config.py").write_text(
        "import os\n"
        f"os.environ['COURSE_ROOT'] = {str(course)!r}\n"
        f"exec(compile(open({str(CONFIG)!r}).read(), {str(CONFIG)!r}, 'exec'))\n"
        f"c.CourseDirectory.source_directory = {str(SOLUTIONS)!r}\n"
        "c.CourseDirectory.release_directory = 'release'\n")


def run_nbgrader(course: Path, *args: str, timeout: float | None = None,
                 check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` in the course directory; raise CourseError when it fails."""
    cmd = [sys.executable, "-m", "nbgrader", *args]
    try:
        proc = subprocess.run(cmd, cwd=course, env={**nbgrader_env(), **(env or {})},
                              capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise CourseError(f"nbgrader {args[0]} did not finish within {timeout:.0f} s") from exc
    if check and proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise CourseError(f"nbgrader {' '.join(args)} failed:\n{tail}")
    return proc


def read_notebook(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def graded_cells(nb) -> list:
    """The autograded test cells of a notebook (code cells with points, not solutions)."""
    return [c for c in nb.cells if c.cell_type == "code" and nbgrader_meta(c).get("grade")
            and not nbgrader_meta(c).get("solution")]
