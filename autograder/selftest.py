"""Prove that an assignment's grader is sound.

For one assignment, in a temporary course directory:

(a) nbgrader autogrades the solution notebook: every graded cell must get full marks;
(b) nbgrader autogrades the untouched student notebook: every graded cell must get zero, and
    nbgrader must not crash;
(c) every mutant (``mutants/<grade_id>__<slug>.py``, a wrong version of one solution cell) must
    fail at least one of the test cells that follow that solution cell;
(d) every alternate (``alternates/<grade_id>__<slug>.py``, a correct version written
    differently) must pass all of them.

(c) and (d) run in one kernel: the solution notebook runs once, then each variant replaces its
cell, only its target test cells are judged, and the solution cell is put back; (e) the blank
notebook, with a cell that patches NumPy, ``utils.testing`` and builtins in its kernel, must
still fail every test cell.  Test cells are judged as in grading: in this process, against a
kernel in the assignment's sandbox (``judge.py``, ``sandbox.py``).  The structure is
checked too: every solution cell is followed by a graded test cell with hidden tests, and every
graded function has at least two mutants.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook

from .course import (SOLUTIONS, Assignment, graded_cells, make_course_dir, nbgrader_meta,
                     read_notebook, run_nbgrader)
from . import sandbox
from .kernel import KernelSession
from .testcells import (allowed_kernel_names, message_difference, notebook_violations,
                        visible_part)

MIN_MUTANTS = 2
HIDDEN_MARK = "### BEGIN HIDDEN TESTS"


@dataclass
class Row:
    check: str
    outcome: str
    ok: bool
    detail: str = ""


@dataclass
class Report:
    assignment: str
    rows: list[Row] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows)

    def add(self, check: str, outcome: str, ok: bool, detail: str = "") -> None:
        self.rows.append(Row(check, outcome, ok, detail))

    def table(self) -> str:
        width = max([len(r.check) for r in self.rows] + [10])
        lines = [f"{self.assignment}  ({self.seconds:.0f} s)",
                 f"  {'check':<{width}}  {'outcome':<28}  result"]
        for r in self.rows:
            lines.append(f"  {r.check:<{width}}  {r.outcome:<28}  {'ok' if r.ok else 'FAIL'}")
            if r.detail and (not r.ok or r.check.startswith("mutant")):
                lines.append(f"  {'':<{width}}    {r.detail[:200]}")
        return "\n".join(lines)


def structure(nb) -> dict[str, list[str]]:
    """Map each solution cell's grade_id to the graded test cells that follow it."""
    targets: dict[str, list[str]] = {}
    current = None
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code":
            continue
        if meta.get("solution") and not meta.get("grade"):
            current = meta["grade_id"]
            targets[current] = []
        elif meta.get("grade") and current is not None:
            targets[current].append(meta["grade_id"])
    return targets


def _scores(db: Path, assignment: str, notebook: str, student: str) -> dict[str, tuple]:
    with Gradebook(f"sqlite:///{db}") as gb:
        sub = gb.find_submission_notebook(notebook, assignment, student)
        return {g.name: (g.score, g.max_score) for g in sub.grades}


def _check_structure(a: Assignment, nb, report: Report) -> dict[str, list[str]]:
    targets = structure(nb)
    tests = {nbgrader_meta(c)["grade_id"]: c for c in graded_cells(nb)}
    for fn, cells in targets.items():
        if not cells:
            report.add(f"structure {fn}", "no graded test cell follows", False)
        for t in cells:
            if HIDDEN_MARK not in tests[t].source:
                report.add(f"structure {t}", "has no hidden tests", False)
        n = sum(1 for p in a.variants("mutants") if p.name.split("__")[0] == fn)
        if n < MIN_MUTANTS:
            report.add(f"mutants for {fn}", f"{n} (at least {MIN_MUTANTS} needed)", False)
    for v in notebook_violations(nb):
        report.add(f"rules {v.cell}", f"{v.name}: reads or binds what it may not", False, str(v))
    for kind in ("mutants", "alternates"):
        for p in a.variants(kind):
            if p.name.split("__")[0] not in targets:
                report.add(f"{kind} {p.stem}", "names no solution cell", False)
    return targets


def _autograde_solution_and_blank(a: Assignment, course: Path, report: Report) -> None:
    make_course_dir(course)
    run_nbgrader(course, "generate_assignment", a.id, "--force")
    release = course / "release" / a.id
    nb_name = a.notebook.stem
    for student, src in (("solution", a.source_dir), ("blank", release)):
        dest = course / "submitted" / student / a.id
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns("mutants", "alternates",
                                                                  "__pycache__", ".ipynb*"))
    # The course's own notebooks need no sandbox; where none exists they are graded unconfined.
    unconfined = {"COURSE_SANDBOX": "off", "COURSE_UNSAFE": "1"} if sandbox.unavailable() else {}
    proc = run_nbgrader(course, "autograde", a.id, "--create", "--force", check=False,
                        env=unconfined)
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-5:]
        report.add("nbgrader autograde", f"exit {proc.returncode}", False, " | ".join(tail))
        return
    db = course / "gradebook.db"
    for student, want_full in (("solution", True), ("blank", False)):
        scores = _scores(db, a.id, nb_name, student)
        got = sum(s for s, _ in scores.values())
        total = sum(m for _, m in scores.values())
        if want_full:
            bad = [k for k, (s, m) in scores.items() if s != m]
            report.add("solution (nbgrader)", f"{got:g}/{total:g}", not bad and total > 0,
                       f"not full: {', '.join(bad)}" if bad else "")
        else:
            bad = [k for k, (s, m) in scores.items() if s != 0]
            report.add("blank notebook (nbgrader)", f"{got:g}/{total:g}", not bad,
                       f"scored on: {', '.join(bad)}" if bad else "")


# A notebook that tries to fool the grader from inside its kernel: everything a check in the
# student's own process could be beaten with.  The judge runs tests in its own process, so
# after this cell every test of the blank notebook must still fail.
ATTACK = """
import numpy as _np
_np.allclose = lambda *a, **k: True
_np.isclose = lambda *a, **k: _np.ones(_np.shape(a[0]), bool) if a else True
_np.array_equal = lambda *a, **k: True
try:
    import utils.testing as _t
    _t.check = _t.check_function = _t.check_type = _t.check_shape = lambda *a, **k: None
    _t._compare = lambda *a, **k: None
except Exception:
    pass
check = check_function = check_type = check_shape = lambda *a, **k: None
type = lambda x: _np.ndarray
passed = print
"""


def _run_variants(a: Assignment, nb, targets: dict[str, list[str]], workdir: Path,
                  report: Report, timeout: int) -> None:
    shutil.copytree(a.source_dir, workdir / "box" / "home", ignore=shutil.ignore_patterns(
        "mutants", "alternates", "__pycache__", ".ipynb*", "*.ipynb"), dirs_exist_ok=True)
    by_id = {nbgrader_meta(c).get("grade_id"): c for c in nb.cells if nbgrader_meta(c)}
    tests = {nbgrader_meta(c)["grade_id"] for c in graded_cells(nb)}
    allowed = allowed_kernel_names(nb)

    def run(kernel, cell):
        gid = nbgrader_meta(cell).get("grade_id")
        return kernel.test(cell.source, allowed[gid]) if gid in tests else kernel.run(cell.source)

    with KernelSession(workdir, a.id, timeout=timeout) as kernel:
        failed = []
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            result = run(kernel, cell)
            gid = nbgrader_meta(cell).get("grade_id")
            if gid in tests and not result.passed:
                failed.append(f"{gid}: {result.message}")
        report.add("solution (kernel run)", "all test cells pass" if not failed else
                   f"{len(failed)} test cell(s) fail", not failed, "; ".join(failed))
        for kind in ("mutants", "alternates"):
            for path in a.variants(kind):
                fn = path.name.split("__")[0]
                if fn not in targets:
                    continue
                kernel.run(path.read_text())
                results = {t: kernel.test(by_id[t].source, allowed[t]) for t in targets[fn]}
                if kind == "mutants":                 # the notebook must say what the grader says
                    for t in (t for t, r in results.items() if not r.passed):
                        differs = message_difference(kernel.run(visible_part(by_id[t].source)),
                                                     results[t])
                        if differs:
                            report.add(f"same message {path.stem}", f"{t} differs", False,
                                       differs)
                kernel.run(by_id[fn].source)          # put the solution back
                lost = [t for t, r in results.items() if not r.passed]
                if kind == "mutants":
                    msg = _headline(results[lost[0]].message) if lost else ""
                    report.add(f"mutant {path.stem}",
                               f"loses {', '.join(lost)}" if lost else "passes every test",
                               bool(lost), msg)
                else:
                    msgs = "; ".join(results[t].message for t in lost)
                    report.add(f"alternate {path.stem}",
                               "full marks" if not lost else f"fails {', '.join(lost)}",
                               not lost, msgs)
    _run_attack(a, workdir / "attack", report, timeout)


def _run_attack(a: Assignment, workdir: Path, report: Report, timeout: int) -> None:
    """The blank notebook plus ATTACK: every test cell must still fail (contract item 8)."""
    release = read_notebook(a.release_notebook)
    tests = {nbgrader_meta(c)["grade_id"] for c in graded_cells(release)}
    solution = read_notebook(a.notebook)
    originals = {nbgrader_meta(c)["grade_id"]: c.source for c in graded_cells(solution)}
    allowed = allowed_kernel_names(solution)
    passed = []
    with KernelSession(workdir, a.id, timeout=timeout) as kernel:
        kernel.run(ATTACK)
        for cell in release.cells:
            if cell.cell_type != "code":
                continue
            gid = nbgrader_meta(cell).get("grade_id")
            if gid in tests:
                if kernel.test(originals[gid], allowed[gid]).passed:
                    passed.append(gid)
            else:
                kernel.run(cell.source)
        kernel.run(ATTACK)
    report.add("blank + in-kernel patching", "no test cell passes" if not passed else
               f"passes {', '.join(passed)}", not passed)


def _headline(message: str) -> str:
    """The first line of a failure message and its hint, for the table."""
    lines = message.splitlines()
    hints = [ln.strip() for ln in lines[1:] if ln.strip().startswith("hint:")]
    return " | ".join(lines[:1] + hints[:1])


def selftest(a: Assignment, timeout: int = 120, keep: Path | None = None) -> Report:
    """Run the whole self-test of one assignment and return its report."""
    start = time.time()
    report = Report(a.id)
    nb = read_notebook(a.notebook)
    targets = _check_structure(a, nb, report)
    tmp = Path(tempfile.mkdtemp(prefix=f"selftest-{a.id}-")) if keep is None else keep
    try:
        _autograde_solution_and_blank(a, tmp / "course", report)
        _run_variants(a, nb, targets, tmp / "kernel", report, timeout)
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    report.seconds = time.time() - start
    return report
