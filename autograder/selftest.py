"""Prove that an assignment's grader is sound.

For one assignment, in a temporary course directory:

(a) nbgrader autogrades the solution notebook: every graded cell must get full marks;
(b) nbgrader autogrades the student notebook with a first cell that patches NumPy,
    ``utils.testing`` and builtins in its kernel (ATTACK): every graded cell must get zero
    (so the untouched notebook too: the patches only weaken checks inside the kernel, which
    the grader never uses), and nbgrader must not crash;
(c) every catalogued mistake (``mistakes.py``: a patch of one solution cell, read with
    ``autograder.mistakes.load``; see CONTRIBUTING.md, "Mistakes") must fail at least one of the
    test cells that follow that solution cell; a patch that no longer applies is a failing row
    naming the mistake.  (A ``mutants/<grade_id>__<slug>.py`` file not yet converted with
    ``course mistakes convert`` is run the same way, for assignments written before the
    catalogue and merged since);
(d) every alternate (``alternates/<grade_id>__<slug>.py``, a correct version written
    differently) must pass all of them.

(c) and (d) run in one kernel: the solution notebook runs once, then each variant replaces its
cell, only its target test cells are judged, and the solution cell is put back.  Test cells
are judged as in grading: in this process, against a kernel in the assignment's sandbox
(``judge.py``, ``sandbox.py``).  The structure is checked too: every solution cell is followed
by a graded test cell with hidden tests, and every graded function has at least two mistakes.

nbgrader's run of (a) and (b) (a process of its own) and the kernel run of (c) and (d)
are independent: they run at the same time, so that a self-test takes about as long as the
longer of the two on a machine with two cores (CI's).  Every kernel's home is seeded with one
prebuilt matplotlib font cache, as in a graded batch.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from .course import (SOLUTIONS, Assignment, graded_cells, make_course_dir, nbgrader_env,
                     nbgrader_meta, read_notebook)
from . import CELL_TIMEOUT
from . import mistakes as catalogue
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
    phases: dict[str, float] = field(default_factory=dict)    # seconds of each part
    steps: dict[str, float] = field(default_factory=dict)     # seconds of nbgrader's steps

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows)

    def add(self, check: str, outcome: str, ok: bool, detail: str = "") -> None:
        self.rows.append(Row(check, outcome, ok, detail))

    def table(self) -> str:
        width = max([len(r.check) for r in self.rows] + [10])
        parts = ", ".join(f"{k} {v:.0f} s" for k, v in self.phases.items())
        lines = [f"{self.assignment}  ({self.seconds:.0f} s" + (f"; {parts} at once)" if parts
                                                                 else ")"),
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


def _mutants(a: Assignment, report: Report) -> list[tuple[str, str, str]]:
    """(label, solution cell, source) of each mistake to prove: the catalogue's (a row for
    each entry that no longer applies) and any mutant file not yet converted."""
    found, errors = catalogue.load_all(a.id)
    for label, message in errors:
        report.add(f"mistake {label}", "patch does not apply", False, message)
    out = [(m.label, m.cell, m.source) for m in found]
    out += [(p.stem, p.name.split("__")[0], p.read_text()) for p in a.variants("mutants")]
    return out


def _check_structure(a: Assignment, nb, report: Report,
                     mutants: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    targets = structure(nb)
    tests = {nbgrader_meta(c)["grade_id"]: c for c in graded_cells(nb)}
    for fn, cells in targets.items():
        if not cells:
            report.add(f"structure {fn}", "no graded test cell follows", False)
        for t in cells:
            if HIDDEN_MARK not in tests[t].source:
                report.add(f"structure {t}", "has no hidden tests", False)
        n = sum(1 for _, cell, _ in mutants if cell == fn)
        if n < MIN_MUTANTS:
            report.add(f"mistakes for {fn}", f"{n} (at least {MIN_MUTANTS} needed)", False)
    for v in notebook_violations(nb):
        report.add(f"rules {v.cell}", f"{v.name}: reads or binds what it may not", False, str(v))
    for kind in ("mutants", "alternates"):
        for p in a.variants(kind):
            if p.name.split("__")[0] not in targets:
                report.add(f"{kind} {p.stem}", "names no solution cell", False)
    return targets


def with_attack(nb, attack: str | None = None, after_imports: bool = False):
    """``nb`` with ``attack`` (by default ATTACK) as a code cell of its own: the first code cell, or (with
    ``after_imports``) the one right after the notebook's first code cell, its imports.  The
    self-test's attacked blank and the red-team suite's student notebooks (tests/test_redteam.py)
    are made here."""
    first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    nb.cells.insert(first + 1 if after_imports else first,
                    nbformat.v4.new_code_cell(ATTACK if attack is None else attack))
    return nb


def _attacked_blank(release: Path, dest: Path) -> None:
    """The released folder with ATTACK as the notebook's first code cell."""
    shutil.copytree(release, dest)
    for path in dest.glob("*.ipynb"):
        nbformat.write(with_attack(read_notebook(path)), str(path))


STUDENTS = ("solution", "attack")

# nbgrader in one process of its own, run in the course directory: generate the assignment,
# hand in the two students (``_hand_in``), autograde each; prints {step: [ok, message,
# seconds]}.
# (Two `nbgrader` commands would pay for nbgrader's start-up twice.)
_NBGRADER = """
import json, sys, time
from nbgrader.apps import NbGraderAPI
from nbgrader.apps.nbgraderapp import NbGraderApp
from nbgrader.coursedir import CourseDirectory
from autograder.selftest import STUDENTS, _hand_in
app = NbGraderApp()
app.load_config_file()
api = NbGraderAPI(coursedir=CourseDirectory(config=app.config), config=app.config)
aid = sys.argv[1]
done = {}
def step(name, run):
    start = time.time()
    result = run()
    text = (result.get("error") or "") + (result.get("log") or "")
    done[name] = [bool(result.get("success")), " | ".join(text.strip().splitlines()[-5:]),
                  time.time() - start]
    return done[name][0]
if step("generate_assignment", lambda: api.generate_assignment(aid, force=True, create=True)):
    _hand_in(aid)
    for student in STUDENTS:
        step(f"autograde {student}", lambda: api.autograde(aid, student, force=True, create=True))
import resource
use = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
done["cpu"] = [True, "", sum(u.ru_utime + u.ru_stime for u in use)]     # this process's CPU
print(json.dumps(done))
"""


def _hand_in(aid: str) -> None:
    """In the course directory (the current one): the two students' submissions."""
    a = Assignment(aid)
    course = Path.cwd()
    release = course / "release" / a.id
    shutil.copytree(a.source_dir, course / "submitted" / "solution" / a.id,
                    ignore=shutil.ignore_patterns("mutants", "alternates", "mistakes.py",
                                                  "__pycache__", ".ipynb*"))
    _attacked_blank(release, course / "submitted" / "attack" / a.id)


def _autograde_solution_and_blank(a: Assignment, course: Path, report: Report,
                                  mpl_cache: Path | None = None) -> None:
    """nbgrader autogrades two students: the solution (full marks) and the blank notebook
    with ATTACK first (no marks)."""
    make_course_dir(course)
    # The course's own notebooks need no sandbox; where none exists they are graded unconfined.
    env = {"COURSE_SANDBOX": "off", "COURSE_UNSAFE": "1"} if sandbox.unavailable() else {}
    if mpl_cache is not None:
        env["COURSE_MPL_CACHE"] = str(mpl_cache)
    proc = subprocess.run([sys.executable, "-c", _NBGRADER, a.id], cwd=course,
                          env={**nbgrader_env(), **env}, capture_output=True, text=True)
    try:
        done = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        done = {"nbgrader": [False, f"exit {proc.returncode}: " + " | ".join(
            (proc.stdout + proc.stderr).strip().splitlines()[-5:]), 0.0]}
    report.steps.update({k: took for k, (_, _, took) in done.items()})
    failed = [(k, msg) for k, (ok, msg, _) in done.items() if not ok]
    if failed or len(done) < 2 + len(STUDENTS):
        for k, msg in failed or [("nbgrader", "did not finish")]:
            report.add(f"nbgrader {k}", "failed", False, msg)
        return
    db = course / "gradebook.db"
    nb_name = a.notebook.stem
    for student in STUDENTS:
        scores = _scores(db, a.id, nb_name, student)
        got = sum(s for s, _ in scores.values())
        total = sum(m for _, m in scores.values())
        if student == "solution":
            bad = [k for k, (s, m) in scores.items() if s != m]
            report.add("solution (nbgrader)", f"{got:g}/{total:g}", not bad and total > 0,
                       f"not full: {', '.join(bad)}" if bad else "")
        else:           # contract item 8: patching its own kernel earns a student nothing
            bad = [k for k, (s, m) in scores.items() if s != 0]
            report.add("blank + in-kernel patching (nbgrader)", f"{got:g}/{total:g}",
                       not bad and total > 0, f"scored on: {', '.join(bad)}" if bad else "")


def _mpl_cache(where: Path) -> Path:
    """A matplotlib font cache built once, to seed each kernel's empty home (as a graded
    batch does): without it every kernel that imports pyplot builds its own."""
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"],
                   env={**os.environ, "MPLCONFIGDIR": str(where)}, capture_output=True)
    return where


# A notebook that tries to fool the grader from inside its kernel: everything a check in the
# student's own process could be beaten with.  The judge runs tests in its own process, so
# with this cell first every test of the blank notebook must still fail (and the blank
# notebook is graded only so: the cell weakens nothing the grader uses).  (The red team's
# c1w2a1 class tries some of these one by one: tests/test_redteam.py.)
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
isinstance = lambda *a: True
_np.random.seed = lambda *a, **k: None
passed = print
"""


def _run_variants(a: Assignment, nb, targets: dict[str, list[str]], workdir: Path,
                  report: Report, timeout: int, mpl_cache: Path | None = None,
                  mutants: list[tuple[str, str, str]] = ()) -> None:
    shutil.copytree(a.source_dir, workdir / "box" / "home", ignore=shutil.ignore_patterns(
        "mutants", "alternates", "mistakes.py", "__pycache__", ".ipynb*", "*.ipynb"),
        dirs_exist_ok=True)
    by_id = {nbgrader_meta(c).get("grade_id"): c for c in nb.cells if nbgrader_meta(c)}
    tests = {nbgrader_meta(c)["grade_id"] for c in graded_cells(nb)}
    allowed = allowed_kernel_names(nb)

    def run(kernel, cell):
        gid = nbgrader_meta(cell).get("grade_id")
        return kernel.test(cell.source, allowed[gid]) if gid in tests else kernel.run(cell.source)

    with KernelSession(workdir, a.id, timeout=timeout, mpl_cache=mpl_cache) as kernel:
        failed, crashed = [], []
        for number, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            result = run(kernel, cell)
            gid = nbgrader_meta(cell).get("grade_id")
            if gid in tests and not result.passed:
                failed.append(f"{gid}: {result.message}")
            elif not result.passed and not result.message.startswith("wrote to stderr"):
                # any other cell that raises (what nbval's lax mode checked: this run is the
                # notebook's top-to-bottom run in CI, in the grading sandbox)
                crashed.append(f"cell {number} ({gid or cell.source.strip()[:40]!r}): "
                               f"{result.message[:300]}")
        report.add("solution (kernel run)", "all test cells pass" if not failed else
                   f"{len(failed)} test cell(s) fail", not failed, "; ".join(failed))
        report.add("solution (every cell runs)", "no cell raises" if not crashed else
                   f"{len(crashed)} cell(s) raise", not crashed, "; ".join(crashed))
        variants = [("mutants", label, fn, source) for label, fn, source in mutants]
        variants += [("alternates", p.stem, p.name.split("__")[0], p.read_text())
                     for p in a.variants("alternates")]
        for kind, label, fn, source in variants:
            if fn not in targets:
                continue
            kernel.run(source)
            results = {t: kernel.test(by_id[t].source, allowed[t]) for t in targets[fn]}
            if kind == "mutants":                 # the notebook must say what the grader says
                for t in (t for t, r in results.items() if not r.passed):
                    differs = message_difference(kernel.run(visible_part(by_id[t].source)),
                                                 results[t])
                    if differs:
                        report.add(f"same message {label}", f"{t} differs", False,
                                   differs)
            kernel.run(by_id[fn].source)          # put the solution back
            lost = [t for t, r in results.items() if not r.passed]
            if kind == "mutants":
                msg = _headline(results[lost[0]].message) if lost else ""
                report.add(f"mutant {label}",
                           f"loses {', '.join(lost)}" if lost else "passes every test",
                           bool(lost), msg)
            else:
                msgs = "; ".join(results[t].message for t in lost)
                report.add(f"alternate {label}",
                           "full marks" if not lost else f"fails {', '.join(lost)}",
                           not lost, msgs)


def _headline(message: str) -> str:
    """The first line of a failure message and its hint, for the table."""
    lines = message.splitlines()
    hints = [ln.strip() for ln in lines[1:] if ln.strip().startswith("hint:")]
    return " | ".join(lines[:1] + hints[:1])


def selftest(a: Assignment, timeout: int = CELL_TIMEOUT, keep: Path | None = None) -> Report:
    """Run the whole self-test of one assignment and return its report.

    nbgrader's autograde (a process of its own) runs while this process runs the variants in
    its kernel; the report lists nbgrader's rows first, as it always has."""
    start = time.time()
    report = Report(a.id)
    nb = read_notebook(a.notebook)
    mutants = _mutants(a, report)
    targets = _check_structure(a, nb, report, mutants)
    tmp = Path(tempfile.mkdtemp(prefix=f"selftest-{a.id}-")) if keep is None else keep
    graded, variants = Report(a.id), Report(a.id)
    try:
        mpl = _mpl_cache(tmp / "mpl")
        with ThreadPoolExecutor(max_workers=1) as pool:
            autograding = pool.submit(_timed, _autograde_solution_and_blank, a, tmp / "course",
                                      graded, mpl)
            variants_took = _timed(_run_variants, a, nb, targets, tmp / "kernel", variants,
                                   timeout, mpl, mutants)
            autograde_took = autograding.result()
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    report.rows += graded.rows + variants.rows
    report.seconds = time.time() - start
    report.phases = {"nbgrader": autograde_took, "kernel": variants_took}
    report.steps = graded.steps
    return report


def _timed(fn, *args) -> float:
    start = time.time()
    fn(*args)
    return time.time() - start
