"""Grade a folder of student submissions into grades.csv and per-student feedback HTML.

Accepted layouts of SUBMISSIONS:

* one notebook per student: ``SUBMISSIONS/<student>.ipynb``;
* nbgrader's: ``SUBMISSIONS/<student>/<assignment>/<anything>.ipynb``.

Each student is graded by a separate ``nbgrader autograde`` run, so one broken submission never
stops the batch, and grades.csv is rewritten after every student, so nothing already graded is
lost.  Problems are scored 0 on the cells they affect, with the reason in the ``notes`` column:
a missing submission or one that is not a valid notebook (every cell), a deleted or edited test
cell (that cell; with ``edited="restore"`` an edited cell is put back and graded instead), a
cell that ran past the time limit (that cell, via nbgrader's interrupt), or an autograder
failure (every cell).  Rows of students graded by an earlier batch into the same folder are
kept.
"""
from __future__ import annotations

import csv
import html
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from .course import (SOLUTIONS, Assignment, CourseError, graded_cells, make_course_dir,
                     nbgrader_meta, read_notebook, run_nbgrader)


@dataclass
class StudentResult:
    student: str
    scores: dict[str, float]
    notes: list[str] = field(default_factory=list)
    graded: bool = False          # nbgrader produced an autograded notebook for this run
    feedback: Path | None = None

    @property
    def total(self) -> float:
        return sum(self.scores.values())


def find_submissions(folder: Path, assignment: str) -> dict[str, Path | None]:
    """Map student id -> their notebook (None when their folder holds no notebook)."""
    found: dict[str, Path | None] = {}
    for entry in sorted(folder.iterdir()):
        if entry.is_file() and entry.suffix == ".ipynb":
            found[entry.stem] = entry
        elif entry.is_dir() and not entry.name.startswith("."):
            notebooks = sorted((entry / assignment).glob("*.ipynb")) if (entry / assignment).is_dir() \
                else sorted(entry.glob("*.ipynb"))
            found[entry.name] = notebooks[0] if notebooks else None
    return found


def _normalise(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def inspect_submission(path: Path | None, release_nb, edited: str = "zero"
                       ) -> tuple[object | None, dict[str, str], list[str]]:
    """Read a submission and find problems nbgrader would not score as we want.

    Returns the notebook (None when unreadable), ``{grade_id: reason}`` for the test cells that
    must be scored 0 (``{"*": reason}`` when the whole submission is unusable), and notes about
    edited test cells that nbgrader restores and grades (when ``edited == "restore"``).
    """
    if path is None:
        return None, {"*": "no submission"}, []
    try:
        nb = nbformat.read(str(path), as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # not JSON, not a notebook, wrong schema
        return None, {"*": f"not a valid notebook ({type(exc).__name__}: {str(exc)[:120]})"}, []
    submitted = {nbgrader_meta(c).get("grade_id"): c for c in nb.cells if nbgrader_meta(c)}
    zeroed, restored = {}, []
    for cell in graded_cells(release_nb):
        gid = nbgrader_meta(cell)["grade_id"]
        if gid not in submitted:
            zeroed[gid] = f"test cell {gid} was deleted"
        elif _normalise(submitted[gid].source) != _normalise(cell.source):
            if edited == "zero":
                zeroed[gid] = f"test cell {gid} was edited"
            else:
                restored.append(f"test cell {gid} was edited: graded with the original tests")
    return nb, zeroed, restored


def _header(test_ids: list[str]) -> list[str]:
    return ["student", "score", "max_score", *test_ids, "notes"]


def _earlier_rows(path: Path, test_ids: list[str]) -> dict[str, list[str]]:
    """Rows of an earlier grades.csv for the same assignment, so a later batch keeps them."""
    if not path.exists():
        return {}
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows or rows[0] != _header(test_ids):
        return {}
    return {row[0]: row for row in rows[1:] if row}


def _write_csv(out: Path, test_ids: list[str], results: dict[str, StudentResult],
               max_total: float, earlier: dict[str, list[str]]) -> None:
    rows = dict(earlier)
    for r in results.values():
        rows[r.student] = [r.student, f"{r.total:g}", f"{max_total:g}",
                           *[f"{r.scores.get(t, 0):g}" for t in test_ids], "; ".join(r.notes)]
    tmp = out.with_suffix(".tmp")
    with open(tmp, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_header(test_ids))
        writer.writerows(rows[k] for k in sorted(rows))
    tmp.replace(out)


def _notice_html(student: str, assignment: str, notes: list[str], body: str = "") -> str:
    items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    return (f'<div style="border:2px solid #c33;padding:8px;margin:8px;font-family:sans-serif">'
            f"<b>Autograder notes for {html.escape(student)} on {html.escape(assignment)}</b>"
            f"<ul>{items}</ul></div>{body}")


def autograde(folder: Path, assignment: Assignment, out: Path, roster: list[str] | None = None,
              student_timeout: float = 1800, edited: str = "zero",
              log=print) -> dict[str, StudentResult]:
    """Grade every submission in ``folder``; write ``out/grades.csv`` and ``out/feedback/``.

    ``edited``: "zero" scores an edited test cell 0; "restore" lets nbgrader put the original
    cell back and grade it (a note still says it was edited).
    """
    if edited not in ("zero", "restore"):
        raise CourseError(f"edited must be 'zero' or 'restore', not {edited!r}")
    if not folder.is_dir():
        raise CourseError(f"{folder} is not a folder of submissions")
    out = out.resolve()
    course = out / "course"
    make_course_dir(course)
    (out / "feedback").mkdir(parents=True, exist_ok=True)
    run_nbgrader(course, "generate_assignment", assignment.id, "--force")
    release_nb = read_notebook(course / "release" / assignment.id / assignment.notebook.name)
    test_ids = [nbgrader_meta(c)["grade_id"] for c in graded_cells(release_nb)]
    max_total = sum(float(nbgrader_meta(c)["points"]) for c in graded_cells(release_nb))

    submissions = find_submissions(folder, assignment.id)
    for student in roster or []:
        submissions.setdefault(student, None)
    results: dict[str, StudentResult] = {}
    csv_path = out / "grades.csv"
    earlier = _earlier_rows(csv_path, test_ids)     # students graded by an earlier batch
    for student, path in sorted(submissions.items()):
        nb, zeroed, restored = inspect_submission(path, release_nb, edited)
        result = StudentResult(student, {t: 0.0 for t in test_ids}, notes=list(restored))
        if "*" in zeroed:
            result.notes.append(f"{zeroed['*']}: every cell scored 0")
        else:
            dest = course / "submitted" / student / assignment.id
            shutil.rmtree(dest, ignore_errors=True)
            dest.mkdir(parents=True)
            nbformat.write(nb, str(dest / assignment.notebook.name))
            try:
                proc = run_nbgrader(course, "autograde", assignment.id, "--student", student,
                                    "--create", "--force", timeout=student_timeout, check=False)
                failure = None if proc.returncode == 0 else \
                    ((proc.stdout + proc.stderr).strip().splitlines() or ["?"])[-1][:150]
            except CourseError as exc:      # the whole run overstayed student_timeout
                failure = str(exc)
            if failure:
                result.notes.append(f"autograder failed ({failure}): every cell scored 0")
            else:
                result.graded = True
                with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
                    sub = gb.find_submission_notebook(assignment.notebook.stem, assignment.id,
                                                      student)
                    for grade in sub.grades:
                        if grade.name in result.scores:
                            result.scores[grade.name] = float(grade.score or 0)
                for gid, reason in zeroed.items():
                    result.scores[gid] = 0.0
                    result.notes.append(f"{reason}: scored 0")
                timeouts = _timed_out_cells(course, student, assignment)
                result.notes.extend(f"{gid}: interrupted after the time limit"
                                    for gid in timeouts)
        results[student] = result
        _write_csv(csv_path, test_ids, results, max_total, earlier)
        result.feedback = _feedback(course, out, student, assignment, result)
        log(f"  {student:<24} {result.total:g}/{max_total:g}"
            + (f"   ({'; '.join(result.notes)})" if result.notes else ""))
    return results


def _timed_out_cells(course: Path, student: str, assignment: Assignment) -> list[str]:
    path = course / "autograded" / student / assignment.id / assignment.notebook.name
    if not path.exists():
        return []
    nb = read_notebook(path)
    return [nbgrader_meta(c).get("grade_id", "?") for c in nb.cells
            if any(o.get("ename") in ("CellTimeoutError", "KeyboardInterrupt")
                   for o in c.get("outputs", [])) and nbgrader_meta(c).get("grade")]


def _feedback(course: Path, out: Path, student: str, assignment: Assignment,
              result: StudentResult) -> Path:
    target = out / "feedback" / f"{student}.html"
    autograded = course / "autograded" / student / assignment.id
    body = ""
    if result.graded and autograded.exists():
        proc = run_nbgrader(course, "generate_feedback", assignment.id, "--student", student,
                            "--force", check=False)
        made = course / "feedback" / student / assignment.id / f"{assignment.notebook.stem}.html"
        if proc.returncode == 0 and made.exists():
            body = made.read_text()
    if result.notes:
        notice = _notice_html(student, assignment.id, result.notes)
        body = body.replace("<body>", "<body>" + notice, 1) if "<body>" in body else \
            f"<html><body>{notice}{body}</body></html>"
    target.write_text(body or "<html><body>No feedback.</body></html>")
    return target
