"""How long grading takes: the overhead per submission, and the speed-up of --jobs.

    python benchmarks/bench_grading.py [ID] [--students N]

For one assignment (default c1w2a1_numpy_basics) it times (a) running the solved notebook top to
bottom with nbconvert, the work any grader must do; (b) ``course autograde`` of N solved
submissions with ``--jobs 1`` and (c) with ``--jobs 2``, each after a warm-up batch.  It prints
the time per submission, the overhead beyond (a) and the speed-up of (c) over (b).  A script,
not a test: run it on a quiet machine.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder import sandbox  # noqa: E402
from autograder.course import Assignment, nbgrader_meta, read_notebook  # noqa: E402
from autograder.grading import autograde  # noqa: E402


def solved(a: Assignment):
    nb = read_notebook(a.release_notebook)
    answers = {nbgrader_meta(c)["grade_id"]: c.source for c in read_notebook(a.notebook).cells
               if nbgrader_meta(c).get("solution")}
    for cell in nb.cells:
        if nbgrader_meta(cell).get("solution"):
            cell.source = answers[nbgrader_meta(cell)["grade_id"]]
    return nb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("id", nargs="?", default="c1w2a1_numpy_basics")
    parser.add_argument("--students", type=int, default=8)
    args = parser.parse_args()
    a = Assignment(args.id)
    unsafe = sandbox.unavailable() is not None
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        tmp = Path(tmp)
        nb = solved(a)
        one = tmp / "one.ipynb"
        nbformat.write(nb, str(one))
        runs = []
        for _ in range(3):
            start = time.monotonic()
            subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook",
                            "--execute", "--output", str(tmp / "out.ipynb"), str(one)],
                           check=True, capture_output=True, cwd=a.release_notebook.parent)
            runs.append(time.monotonic() - start)
        notebook_s = min(runs)
        subs = tmp / "subs"
        subs.mkdir()
        for i in range(args.students):
            nbformat.write(nb, str(subs / f"student{i:03d}.ipynb"))
        autograde(subs, a, tmp / "warm", jobs=2, unsafe=unsafe, log=lambda *x: None)
        timings = {}
        for jobs in (1, 2):
            start = time.monotonic()
            results = autograde(subs, a, tmp / f"jobs{jobs}", jobs=jobs, unsafe=unsafe,
                                log=lambda *x: None)
            timings[jobs] = time.monotonic() - start
            assert all(r.total == max(r.total for r in results.values())
                       for r in results.values())
    per = timings[1] / args.students
    print(f"assignment {a.id}, {args.students} solved submissions, sandbox "
          f"{'off (unavailable)' if unsafe else 'on'}")
    print(f"  notebook alone (nbconvert, best of 3):  {notebook_s:6.1f} s")
    print(f"  --jobs 1: {timings[1]:6.1f} s in all, {per:5.1f} s per submission, "
          f"overhead {per - notebook_s:+5.1f} s per submission (batch set-up included)")
    print(f"  --jobs 2: {timings[2]:6.1f} s in all, speed-up {timings[1] / timings[2]:.2f}x")


if __name__ == "__main__":
    main()
