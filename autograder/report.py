"""The class report: ``course report ID [--out DIR]`` reads a graded batch and writes, into
``DIR/report/``, ``index.html`` (one self-contained page: figures embedded as PNG, no script)
and ``report.csv`` (one row per student).

DIR is the folder ``course autograde`` wrote (``grading/ID`` by default).  The report reads

* ``course/gradebook.db``: each student's score on each test cell (nbgrader's gradebook, which
  the formgrader also opens);
* ``grades.csv``: the notes the grader wrote for each student;
* ``grading-log.jsonl``: how each student's grading ended, how long it took, and the judge's
  status of each test cell (``grading.GRADING_LOG``; a batch graded before it existed has no
  durations, and its crashes and time-outs are read from the notes);
* ``course/diagnosis/<student id>/ID.json``: the known mistakes the grader diagnosed (absent when
  the grader does not diagnose: the report then says that no diagnoses were recorded).

The page has: the score distribution; each test cell's pass rate; the commonest diagnosed
mistakes, with the students who made them; students without a submission, whose grading crashed
or ran out of time; the slowest submissions; and, for every student, a link to their feedback
page (``DIR/feedback/<id>.html``).  Every name on it is escaped: a student may be called
``<script>``.
"""
from __future__ import annotations

import base64
import csv
import html
import io
import json
import os
import time
import urllib.parse
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .course import Assignment, CourseError
from .grading import GRADING_LOG, MISSING, csv_safe

SLOWEST = 10            # rows of the "slowest submissions" table
TOP_MISTAKES = 15       # rows of the "commonest mistakes" table and bars
CRASHES = ("budget", "failed", "grader-error")
DEAD = ("dead", "memory", "lost")


@dataclass
class Student:
    sid: str
    name: str
    score: float = 0.0
    max_score: float = 0.0
    cells: dict[str, float] = field(default_factory=dict)       # test grade_id -> score
    notes: str = ""
    outcome: str = ""              # from the grading log ("" when the batch has none)
    seconds: float | None = None
    statuses: dict = field(default_factory=dict)
    mistakes: list[dict] = field(default_factory=list)      # {"cell", "function", "name", ...}
    diagnosed: bool = False        # a diagnosis file was found for this student
    feedback: Path | None = None

    @property
    def missing(self) -> bool:
        if self.outcome:
            return self.outcome == "missing"
        return any(f"{m}: every cell scored 0" in self.notes for m in MISSING)

    @property
    def ungradable(self) -> bool:
        """No usable notebook: missing, refused or invalid (excluded from the pass rates)."""
        if self.outcome:
            return self.outcome in ("missing", "refused", "invalid")
        return self.missing or "not a valid notebook" in self.notes \
            or "symbolic link" in self.notes or "folder named like a notebook" in self.notes \
            or "conflicting submissions for this student (" in self.notes

    @property
    def timeouts(self) -> list[str]:
        """The test cells (or "whole notebook") that ran past their time limit."""
        found = [g for g, s in self.statuses.items() if s == "timeout" and not g.startswith("_")]
        if self.statuses.get("_kernel") == "stuck" or self.statuses.get("_timeouts"):
            found.append("a cell of the student's")
        if self.outcome == "timeout" or (not self.outcome and "took longer than" in self.notes):
            found.append("the whole notebook")
        if not self.outcome and not found and "interrupted after the time limit" in self.notes:
            found.append("a cell")
        return found

    @property
    def crashes(self) -> list[str]:
        words = {"dead": "the kernel died", "memory": "out of memory",
                 "lost": "output too large"}
        found, seen = [], set()
        for g, s in self.statuses.items():      # the first cell of each kind: the rest follow
            if s in DEAD and not g.startswith("_") and s not in seen:
                seen.add(s)
                found.append(f"{words[s]} at {g}")
        if self.statuses.get("_kernel") in ("died", "lost") and not found:
            found.append(f"the kernel {self.statuses['_kernel']}")
        if self.outcome in CRASHES:
            found.append({"budget": "over the grader's budget", "failed": "nbgrader failed",
                          "grader-error": "the grader failed"}[self.outcome])
        if not self.outcome and not found and any(
                w in self.notes for w in ("kernel died", "kernel had died", "exceeded the grader",
                                          "autograder failed", "the grader failed")):
            found.append("see notes")
        return found


# --- reading a batch ------------------------------------------------------------------------------

def _gradebook(db: Path, assignment: Assignment) -> tuple[list[str], dict[str, float],
                                                          dict[str, Student]]:
    from nbgrader.api import Gradebook, MissingEntry
    with warnings.catch_warnings(), Gradebook(f"sqlite:///{db}") as gb:
        warnings.simplefilter("ignore")
        try:
            nb = gb.find_notebook(assignment.notebook.stem, assignment.id)
        except MissingEntry:
            raise CourseError(f"{db} has no notebook {assignment.notebook.stem} of "
                              f"{assignment.id}") from None
        maxima = {g.name: float(g.max_score) for g in nb.grade_cells
                  if not getattr(g, "cell_type", "code") == "markdown"}
        students = {}
        for sub in gb.assignment_submissions(assignment.id):
            s = Student(sub.student.id, sub.student.last_name or sub.student.id)
            for snb in sub.notebooks:
                for g in snb.grades:
                    if g.name in maxima:
                        s.cells[g.name] = float(g.score or 0)
            s.score = sum(s.cells.values())
            s.max_score = sum(maxima.values())
            students[s.sid] = s
    return list(maxima), maxima, students


def _order(test_ids: list[str], out: Path) -> list[str]:
    """The test cells in the notebook's order (grades.csv's columns) when it is known."""
    try:
        with open(out / "grades.csv", newline="") as handle:
            header = next(csv.reader(handle))
    except (OSError, StopIteration):
        return sorted(test_ids)
    known = [h for h in header if h in test_ids]
    return known + sorted(set(test_ids) - set(known))


def _log(out: Path) -> dict[str, dict]:
    entries = {}
    try:
        lines = (out / GRADING_LOG).read_text().splitlines()
    except OSError:
        return {}
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("sid"), str):
            entries[entry["sid"]] = entry            # a later line (a re-grade) wins
    return entries


def _notes(out: Path) -> dict[str, str]:
    try:
        with open(out / "grades.csv", newline="") as handle:
            return {row.get("student", ""): row.get("notes", "") or ""
                    for row in csv.DictReader(handle)}
    except OSError:
        return {}


def _diagnosis(path: Path) -> list[dict] | None:
    """The diagnosed mistakes in one diagnosis file (None when it cannot be read)."""
    try:
        data = json.loads(path.read_text())
        cells = data["cells"]
        assert isinstance(cells, dict)
    except (OSError, ValueError, KeyError, TypeError, AssertionError):
        return None
    found = []
    for test, entry in cells.items():
        if not isinstance(entry, dict) or entry.get("passed") or entry.get("error"):
            continue
        mistakes = [m for m in entry.get("mistakes") or [] if isinstance(m, dict)
                    and isinstance(m.get("name"), str)]
        for m in mistakes:
            found.append({"test": str(test), "function": str(entry.get("function_cell") or "?"),
                          "name": m["name"], "says": str(m.get("says") or ""),
                          "hint": str(m.get("hint") or ""), "alike": len(mistakes)})
    return found


def read_batch(out: Path, assignment: Assignment) -> tuple[list[str], dict[str, float],
                                                           list[Student], list[str]]:
    """(test cell ids in order, their points, students by name, problems reading the batch)."""
    db = out / "course" / "gradebook.db"
    if not db.is_file():
        raise CourseError(f"{out} holds no graded batch (no course/gradebook.db): run "
                          f"`course autograde SUBMISSIONS {assignment.id} --out {out}` first")
    test_ids, maxima, students = _gradebook(db, assignment)
    test_ids = _order(test_ids, out)
    log, notes = _log(out), _notes(out)
    problems = []
    for sid, s in students.items():
        entry = log.get(sid)
        if entry:
            s.name = str(entry.get("student") or s.name)
            s.outcome = str(entry.get("outcome") or "")
            if isinstance(entry.get("seconds"), (int, float)) and s.outcome != "missing":
                s.seconds = float(entry["seconds"])
            s.statuses = entry.get("cells") if isinstance(entry.get("cells"), dict) else {}
        s.notes = notes.get(csv_safe(s.name), "")
        page = out / "feedback" / f"{sid}.html"
        s.feedback = page if page.is_file() else None
        path = out / "course" / "diagnosis" / sid / f"{assignment.id}.json"
        if path.is_file():
            found = _diagnosis(path)
            if found is None:
                problems.append(f"the diagnosis file of {sid} could not be read")
            else:
                s.diagnosed, s.mistakes = True, found
    if not log:
        problems.append(f"no {GRADING_LOG} in {out} (graded before the grader recorded it): "
                        "no durations; crashes and time-outs are read from the notes")
    return test_ids, maxima, sorted(students.values(), key=lambda s: (s.name, s.sid)), problems


# --- figures --------------------------------------------------------------------------------------

def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    import matplotlib.pyplot as plt
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


def _plain(text: str) -> str:
    """A label matplotlib draws as it is (no mathtext)."""
    return text.replace("$", r"\$")


def _score_figure(scores: list[float], max_score: float) -> str:
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    import math
    top = max(max_score, max(scores, default=0), 1)
    step = max(1, math.ceil(top / 25))          # one bar per point (or per few points)
    edges = [-0.5 * step + k * step for k in range(int(top // step) + 2)]
    ax.hist(scores, bins=edges, color="#4477aa", edgecolor="white")
    ax.set_xlabel(f"score (out of {max_score:g})")
    ax.set_ylabel("students")
    ax.set_title(f"Score distribution ({len(scores)} submissions)")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _png(fig)


def _bars(labels: list[str], values: list[float], xlabel: str, title: str,
          xmax: float | None = None) -> str:
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6.4, 0.8 + 0.28 * max(len(labels), 1)))
    ax.barh(range(len(labels)), values, color="#66aa55")
    ax.set_yticks(range(len(labels)), [_plain(label) for label in labels])
    ax.invert_yaxis()
    if xmax is not None:
        ax.set_xlim(0, xmax)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return _png(fig)


# --- the page -------------------------------------------------------------------------------------

STYLE = """body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;
text-align:left;vertical-align:top}th{background:#f2f2f2}td.n{text-align:right}
.quiet{color:#666}img{max-width:100%}"""
POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _link(s: Student, here: Path) -> str:
    """The student's name, linking to their feedback page when there is one."""
    if s.feedback is None:
        return _e(s.name)
    href = urllib.parse.quote(os.path.relpath(s.feedback, here).replace(os.sep, "/"))
    return f'<a href="{_e(href)}">{_e(s.name)}</a>'


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _passed(score: float, points: float) -> bool:
    return score >= points - 1e-9


def mistake_counts(students: list[Student]) -> list[dict]:
    """Each diagnosed mistake with the students who made it, commonest first."""
    by_key: dict[tuple, dict] = {}
    for s in students:
        for m in s.mistakes:
            key = (m["function"], m["name"])
            entry = by_key.setdefault(key, {"function": m["function"], "name": m["name"],
                                            "says": m["says"], "hint": m["hint"],
                                            "students": {}, "tests": set(), "alike": 0})
            if s.sid not in entry["students"]:
                entry["students"][s.sid] = s
                entry["alike"] += m["alike"] > 1
            entry["tests"].add(m["test"])
    return sorted(by_key.values(), key=lambda e: (-len(e["students"]), e["function"], e["name"]))


def render(assignment: Assignment, out: Path, here: Path) -> tuple[str, list[list[str]], dict]:
    """The page, the CSV rows and the counts shown (for the CLI and the tests)."""
    test_ids, maxima, students, problems = read_batch(out, assignment)
    max_total = sum(maxima.values())
    submitted = [s for s in students if not s.missing]
    graded = [s for s in students if not s.ungradable]
    parts = [f"<h1>Class report: {_e(assignment.id)}</h1>",
             f'<p class="quiet">Batch {_e(out)}; written {_e(time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))}. '
             f"{len(students)} students, {len(submitted)} submissions, {len(graded)} graded "
             f"notebooks; {len(test_ids)} test cells worth {max_total:g} points.</p>"]
    parts += [f'<p class="quiet">{_e(p)}</p>' for p in problems]

    # scores
    scores = [s.score for s in submitted]
    parts.append("<h2>Score distribution</h2>")
    if scores:
        mean = sum(scores) / len(scores)
        ordered = sorted(scores)
        median = (ordered[(len(ordered) - 1) // 2] + ordered[len(ordered) // 2]) / 2
        full = sum(_passed(x, max_total) for x in scores)
        parts.append(f"<p>Mean {mean:.1f}, median {median:g} of {max_total:g}; {full} of "
                     f"{len(scores)} submissions have full marks, "
                     f"{sum(x == 0 for x in scores)} score 0. Students without a submission "
                     f"({len(students) - len(submitted)}) are left out of the figure.</p>")
        parts.append(f'<img alt="histogram of scores" src="data:image/png;base64,'
                     f'{_score_figure(scores, max_total)}">')
    else:
        parts.append("<p>No submissions.</p>")

    # pass rates
    rates = {t: sum(_passed(s.cells.get(t, 0), maxima[t]) for s in graded) for t in test_ids}
    parts.append("<h2>Pass rate of each test cell</h2>")
    if graded:
        parts.append(f"<p>Out of the {len(graded)} graded notebooks (full points on the cell).</p>")
        parts.append(f'<img alt="pass rate of each test cell" src="data:image/png;base64,'
                     + _bars(test_ids, [100 * rates[t] / len(graded) for t in test_ids],
                             "% of graded notebooks passing", "Pass rate by test cell", 100)
                     + '">')
        parts.append(_table(["test cell", "points", "passed", "pass rate"],
                            [[_e(t), f"{maxima[t]:g}", f"{rates[t]} of {len(graded)}",
                              f"{100 * rates[t] / len(graded):.0f}%"] for t in test_ids],
                            {1, 2, 3}))
    else:
        parts.append("<p>No graded notebooks.</p>")

    # mistakes
    mistakes = mistake_counts(students)
    diagnosed = [s for s in students if s.diagnosed]
    parts.append("<h2>Commonest diagnosed mistakes</h2>")
    if not diagnosed:
        parts.append("<p>No diagnoses recorded: the grader wrote no diagnosis files for this "
                     "batch.</p>")
    elif not mistakes:
        parts.append(f"<p>Diagnoses recorded for {len(diagnosed)} students: none of their "
                     "failing functions behaved like a known mistake.</p>")
    else:
        shown = mistakes[:TOP_MISTAKES]
        parts.append(f"<p>Diagnoses recorded for {len(diagnosed)} students; {len(mistakes)} known "
                     f"mistakes were recognised. A student whose function behaved like two "
                     f"mistakes at once is counted under both (column 'alike').</p>")
        parts.append('<img alt="commonest mistakes" src="data:image/png;base64,'
                     + _bars([f"{m['function']}: {m['name']}" for m in shown],
                             [len(m["students"]) for m in shown], "students",
                             "Commonest diagnosed mistakes") + '">')
        parts.append(_table(
            ["function", "mistake", "what it does", "hint", "students", "alike", "who"],
            [[_e(m["function"]), _e(m["name"]), _e(m["says"]), _e(m["hint"]),
              str(len(m["students"])), str(m["alike"]),
              ", ".join(_link(s, here) for s in m["students"].values())] for m in shown],
            {4, 5}))

    # problems
    missing = [s for s in students if s.missing]
    refused = [s for s in students if s.ungradable and not s.missing]
    crashed = [s for s in students if s.crashes]
    timed_out = [s for s in students if s.timeouts]
    parts.append("<h2>No submission, crashes and time-outs</h2>")
    parts.append(f"<p>{len(missing)} without a submission, {len(refused)} not gradable, "
                 f"{len(crashed)} with a crash, {len(timed_out)} with a time-out.</p>")
    rows = ([[_link(s, here), "no submission", _e(s.notes)] for s in missing]
            + [[_link(s, here), "not gradable", _e(s.notes)] for s in refused]
            + [[_link(s, here), "crash: " + _e(", ".join(s.crashes)), _e(s.notes)]
               for s in crashed]
            + [[_link(s, here), "time-out: " + _e(", ".join(s.timeouts)), _e(s.notes)]
               for s in timed_out])
    if rows:
        parts.append(_table(["student", "what", "notes"], rows))

    # slowest
    timed = sorted((s for s in students if s.seconds is not None), key=lambda s: -s.seconds)
    parts.append("<h2>Slowest submissions</h2>")
    if timed:
        total = sum(s.seconds for s in timed)
        parts.append(f"<p>Grading took {total:.0f} s of worker time in all, "
                     f"{total / len(timed):.1f} s per student on average.</p>")
        parts.append(_table(["student", "seconds", "score"],
                            [[_link(s, here), f"{s.seconds:.1f}", f"{s.score:g}"]
                             for s in timed[:SLOWEST]], {1, 2}))
    else:
        parts.append("<p>No durations recorded for this batch.</p>")

    # everyone
    parts.append("<h2>Every student</h2>")
    parts.append(_table(["student", "score", "failed test cells", "diagnosed", "notes"],
                        [[_link(s, here), f"{s.score:g}",
                          "" if s.ungradable else _e(", ".join(
                              t for t in test_ids if not _passed(s.cells.get(t, 0), maxima[t]))),
                          _e("; ".join(f"{m['function']}: {m['says'] or m['name']}"
                                       for m in s.mistakes)),
                          _e(s.notes)] for s in students], {1}))
    page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
            f"<title>Class report: {_e(assignment.id)}</title><style>{STYLE}</style></head>"
            "<body>" + "\n".join(parts) + "</body></html>\n")

    header = ["student", "id", "score", "max_score", "outcome", "seconds", "failed_cells",
              "timeouts", "crashes", "diagnosed_mistakes", "feedback", "notes"]
    csv_rows = [header] + [[
        csv_safe(s.name), s.sid, f"{s.score:g}", f"{max_total:g}",
        s.outcome or ("missing" if s.missing else ""),
        "" if s.seconds is None else f"{s.seconds:.1f}",
        "" if s.ungradable else
        " ".join(t for t in test_ids if not _passed(s.cells.get(t, 0), maxima[t])),
        csv_safe("; ".join(s.timeouts)), csv_safe("; ".join(s.crashes)),
        csv_safe("; ".join(f"{m['function']}:{m['name']}" for m in s.mistakes)),
        "" if s.feedback is None else os.path.relpath(s.feedback, here),
        csv_safe(s.notes)] for s in students]
    counts = {"students": len(students), "submitted": len(submitted), "graded": len(graded),
              "missing": len(missing), "refused": len(refused), "crashed": len(crashed),
              "timed_out": len(timed_out), "pass": rates, "diagnosed": len(diagnosed),
              "mistakes": {(m["function"], m["name"]): sorted(m["students"]) for m in mistakes},
              "slowest": [s.sid for s in timed[:SLOWEST]]}
    return page, csv_rows, counts


def report(assignment: Assignment, out: Path, target: Path | None = None) -> dict:
    """Write ``target/index.html`` and ``target/report.csv`` (target: ``out/report``); return
    what it counted, with the paths written."""
    import matplotlib
    matplotlib.use("Agg")
    out = Path(out).resolve()
    target = Path(target).resolve() if target else out / "report"
    target.mkdir(parents=True, exist_ok=True)
    page, rows, counts = render(assignment, out, target)
    (target / "index.html").write_text(page)
    with open(target / "report.csv", "w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    counts["html"], counts["csv"] = target / "index.html", target / "report.csv"
    return counts
