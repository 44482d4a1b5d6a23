"""Grade a folder of student submissions into grades.csv, feedback and an nbgrader gradebook.

Accepted layouts of SUBMISSIONS:

* one notebook per student: ``SUBMISSIONS/<student>.ipynb``;
* nbgrader's: ``SUBMISSIONS/<student>/<assignment>/<anything>.ipynb``.

Every student is graded from a clean state, in a private course directory with a fresh copy of
the gradebook, by a separate worker process (``worker.py``) whose kernel runs in a sandbox and
whose test cells are judged in the worker itself (``execute.py``, ``judge.py``).  Only this
(trusted) process writes the batch's gradebook, grades.csv (atomically, after every student) and
the feedback.  ``jobs`` students are graded at a time; ``shard=(k, n)`` grades every n-th student
(from the k-th) so that a batch system can spread a class over machines, and :func:`merge`
combines the shards' output folders.

Problems are scored 0 on the cells they affect, with the reason in ``notes``: a missing
submission, a file that is not a valid notebook, a symlink or a folder named like a notebook
(every cell); a deleted or edited test cell (that cell; with ``edited="restore"`` an edited cell
is graded with the original tests instead); a cell that ran past the time limit, a kernel that
died (that cell and, for a dead kernel, the cells after it).  Rows of students graded by an
earlier batch into the same folder are kept.

Each worker runs on a budget (``grader_memory_mb`` of data, ``grader_cpu_seconds`` of CPU, and
``student_timeout`` of wall time): a student whose grading exceeds it scores 0 with a note, and
the batch goes on.  Whatever goes wrong while one student is graded or cleaned up (a bug, a tree
of 3,000 nested folders left in the kernel's home) becomes a note on that student's row.

Two inputs that claim the same row (``alice.ipynb`` and ``alice/<assignment>/...``, or a folder
named ``alice.ipynb`` next to the file) are a conflict: a single real notebook among them is
graded and the others are named in its notes (a folder, a symbolic link or an empty folder never
displaces a notebook); two or more real notebooks score 0 with a note naming them all, so that
neither silently takes the other's place.
"""
from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
import unicodedata
import warnings
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry

from . import offlimits
from .selftest import structure
from . import sandbox as sb
from .sanitize import harden_page, is_hardened
from .course import (Assignment, CourseError, graded_cells, make_course_dir, nbgrader_meta,
                     nbgrader_env, read_notebook, run_nbgrader)

MAX_NOTEBOOK_BYTES = 64 * 2**20
GRADER_MEMORY_MB = 2048          # data budget of one student's worker (trusted judge included)
GRADER_CPU_SECONDS = 1200        # CPU budget of one student's worker


@dataclass
class Submission:
    student: str                   # as found: the file's stem or the folder's name
    path: Path | None
    problem: str | None = None     # why it cannot be graded (then every cell scores 0)
    sid: str = ""                  # the id used with nbgrader: safe in paths and commands
    index: int = 0                 # its place in the batch
    entry: str = ""                # the entry of SUBMISSIONS it came from (for conflicts)
    notes: list[str] = field(default_factory=list)


@dataclass
class StudentResult:
    student: str
    scores: dict[str, float]
    notes: list[str] = field(default_factory=list)
    sid: str = ""
    graded: bool = False           # nbgrader produced an autograded notebook for this student
    feedback: Path | None = None
    seconds: float = 0.0
    workdir: Path | None = None
    uid: int | None = None         # the uid its sandboxed kernel ran as (lent to it alone)
    peak_rss_mb: int | None = None  # the worker's peak memory, as it reported it
    outcome: str = "graded"        # how its grading ended (see GRADING_LOG)
    cells: dict = field(default_factory=dict)   # {test grade_id: the judge's status}
    diagnosis: dict | None = None  # issue 16: per test cell, the known mistakes it names

    @property
    def total(self) -> float:
        return sum(self.scores.values())


# --- finding submissions ------------------------------------------------------------------------

def _regular_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def find_submissions(folder: Path, assignment: str, notebook_name: str = "") -> list[Submission]:
    """Every submission in ``folder``, including those that cannot be graded (with the reason).

    Symlinks are never followed; a folder named ``*.ipynb`` is refused; hidden entries are
    skipped; in nbgrader's layout the notebook named like the assignment's is preferred.
    """
    found: list[Submission] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        name = entry.name
        if name.startswith("."):
            continue
        if entry.is_symlink():
            if name.endswith(".ipynb") or entry.is_dir():
                found.append(Submission(_stem(name), None,
                                        "the submission is a symbolic link, which is not followed",
                                        entry=name + " (a symbolic link)"))
            continue
        if entry.is_file() and name.endswith(".ipynb"):
            found.append(Submission(_stem(name), entry, entry=name))
        elif entry.is_dir() and name.endswith(".ipynb"):
            found.append(Submission(_stem(name), None,
                                    "the submission is a folder named like a notebook",
                                    entry=name + "/ (a folder named like a notebook)"))
        elif entry.is_dir():
            inner = entry / assignment
            where = inner if inner.is_dir() and not inner.is_symlink() else entry
            candidates = sorted(where.glob("*.ipynb"), key=lambda p: p.name)
            notebooks = [p for p in candidates if _regular_file(p)]
            if not notebooks:
                why = ("its notebook is a symbolic link, which is not followed" if candidates
                       else "no notebook in the student's folder")
                found.append(Submission(name, None, why, entry=name + "/ (" + why + ")"))
                continue
            preferred = [p for p in notebooks if p.name == notebook_name]
            chosen = (preferred or notebooks)[0]
            found.append(Submission(name, chosen, entry=str(chosen.relative_to(folder))))
    return found


def resolve_conflicts(subs: list[Submission]) -> list[Submission]:
    """One submission per row of grades.csv (see the module docstring for the rule).

    Inputs whose rows would be the same (the same student name, or names that are the same
    once quoted for a spreadsheet) are merged into one submission whose notes name them all.
    """
    groups: dict[str, list[Submission]] = {}
    for sub in subs:
        groups.setdefault(csv_safe(sub.student), []).append(sub)
    out = []
    for group in groups.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        real = [s for s in group if s.path is not None]
        entries = ", ".join(s.entry or s.student for s in group)
        if len(real) == 1:
            chosen = real[0]
            others = ", ".join(s.entry or s.student for s in group if s is not chosen)
            chosen.notes.append(f"conflicting submissions for this student: graded "
                                f"{chosen.entry}; ignored {others}")
        else:
            chosen = Submission(group[0].student, None,
                                f"conflicting submissions for this student ({entries}): "
                                "none was graded, so that neither replaces the other; remove "
                                "all but one and grade again", entry=entries)
        out.append(chosen)
    return out


def _stem(name: str) -> str:
    return name[:-len(".ipynb")] if name.endswith(".ipynb") else name


def safe_id(student: str) -> str:
    """The id a student is graded under: their name when it is already safe for nbgrader, paths
    and command lines; otherwise a safe spelling plus a hash of the name, so that two names with
    one spelling ('uni', 'ünï') never share an id, in one batch or across batches."""
    base = unicodedata.normalize("NFKD", student).encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9_.-]+", "_", base).lstrip("-.")[:60] or "student"
    if base == student:
        return base
    return f"{base[:51]}-{hashlib.sha256(student.encode()).hexdigest()[:8]}"


def assign_ids(subs: list[Submission]) -> None:
    """Give each submission a unique id safe for nbgrader, paths and command lines (names that
    differ only in case get a hash too, for case-insensitive file systems)."""
    taken: set[str] = set()
    for sub in subs:
        sid = safe_id(sub.student)
        if sid.lower() in taken:
            sid = f"{sid[:51]}-{hashlib.sha256(sub.student.encode()).hexdigest()[:8]}"
        n = 2
        while sid.lower() in taken:         # only if two hashes collide
            sid, n = f"{sid}-{n}", n + 1
        taken.add(sid.lower())
        sub.sid = sid


# --- checking a submission before it is run -----------------------------------------------------

def _normalise(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def inspect_submission(path: Path | None, release_nb, edited: str = "zero"
                       ) -> tuple[object | None, dict[str, str], list[str]]:
    """Read a submission and find problems nbgrader would not score as we want.

    Returns the notebook (None when unreadable), ``{grade_id: reason}`` for the test cells that
    must be scored 0 (``{"*": reason}`` when the whole submission is unusable), and notes about
    edited test cells that are graded with the original tests (when ``edited == "restore"``).
    """
    if path is None:
        return None, {"*": "no submission"}, []
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return None, {"*": f"the notebook is larger than {MAX_NOTEBOOK_BYTES >> 20} MB"}, []
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


# --- grades.csv ---------------------------------------------------------------------------------

def _header(test_ids: list[str]) -> list[str]:
    return ["student", "score", "max_score", *test_ids, "notes"]


def csv_safe(text: str) -> str:
    """Text a spreadsheet will not evaluate: a leading = + - @ (or tab, CR) gets a quote."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _row(r: StudentResult, test_ids: list[str], max_total: float) -> list[str]:
    return [csv_safe(r.student), f"{r.total:g}", f"{max_total:g}",
            *[f"{r.scores.get(t, 0):g}" for t in test_ids], csv_safe("; ".join(r.notes))]


def _read_rows(path: Path, test_ids: list[str]) -> dict[str, list[str]]:
    """Rows of a grades.csv for the same assignment (empty if absent or of another layout)."""
    if not path.exists():
        return {}
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows or rows[0] != _header(test_ids):
        return {}
    return {row[0]: row for row in rows[1:] if row}


def _write_rows(out: Path, test_ids: list[str], rows: dict[str, list[str]]) -> None:
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_header(test_ids))
        writer.writerows(rows[k] for k in sorted(rows))
    tmp.replace(out)


# --- the gradebook ------------------------------------------------------------------------------

def record_scores(db: Path, assignment: Assignment, sid: str, student: str,
                  scores: dict[str, float]) -> None:
    """Write one student's scores into an nbgrader gradebook (the display name as last name)."""
    with warnings.catch_warnings(), Gradebook(f"sqlite:///{db}") as gb:
        # nbgrader's own API trips SQLAlchemy's autoflush warnings when it adds a submission
        warnings.simplefilter("ignore")
        try:
            known = gb.find_student(sid).last_name
        except MissingEntry:
            known = None
        if known and known != student[:200]:
            raise CourseError(f"the gradebook's {sid!r} is {known!r}, not {student[:200]!r}: "
                              "not overwritten")
        gb.update_or_create_student(sid, last_name=student[:200], first_name="")
        gb.update_or_create_submission(assignment.id, sid)
        nb = gb.find_submission_notebook(assignment.notebook.stem, assignment.id, sid)
        for grade in nb.grades:
            if grade.name in scores:
                grade.auto_score = float(scores[grade.name])
                grade.manual_score = None
                grade.needs_manual_grade = False
        gb.db.commit()


def _private_scores(db: Path, assignment: Assignment, sid: str) -> dict[str, float]:
    with Gradebook(f"sqlite:///{db}") as gb:
        sub = gb.find_submission_notebook(assignment.notebook.stem, assignment.id, sid)
        return {g.name: float(g.score or 0) for g in sub.grades}


# --- one batch ----------------------------------------------------------------------------------

@dataclass
class Batch:
    """What every student's grading shares: read-only templates made once per batch."""

    assignment: Assignment
    out: Path
    release_nb: object
    test_ids: list[str]
    max_total: float
    template_db: Path
    tree: Path
    mpl_cache: Path
    sandboxed: bool
    student_timeout: float
    edited: str
    memory_mb: int | None
    grader_memory_mb: int = GRADER_MEMORY_MB
    grader_cpu_seconds: int = GRADER_CPU_SECONDS
    # {graded function: {framework name: module}} the submission may not use, and
    # {graded function: its test cells} (autograder/offlimits.py)
    off_limits: dict = field(default_factory=dict)
    tests_of: dict = field(default_factory=dict)


def _prepare(assignment: Assignment, out: Path, sandboxed: bool, student_timeout: float,
             edited: str, memory_mb: int | None) -> Batch:
    out.mkdir(parents=True, exist_ok=True)
    work = out / ".work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    os.chmod(work, 0o711)
    template, master = work / "template", out / "course"
    release_nb = _generate(assignment, template, master)
    shutil.rmtree(master / "release", ignore_errors=True)
    shutil.copytree(template / "release", master / "release")
    tree = work / "tree"
    sb.build_course_tree(tree, assignment.id)
    mpl = work / "mpl"
    mpl.mkdir()
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"],
                   env={**os.environ, "MPLCONFIGDIR": str(mpl)}, capture_output=True)
    return Batch(assignment, out, release_nb,
                 [nbgrader_meta(c)["grade_id"] for c in graded_cells(release_nb)],
                 sum(float(nbgrader_meta(c)["points"]) for c in graded_cells(release_nb)),
                 template / "gradebook.db", tree, mpl, sandboxed, student_timeout, edited,
                 memory_mb, off_limits=offlimits.off_limits(assignment.id),
                 tests_of=structure(release_nb))


def _grade_one(batch: Batch, sub: Submission) -> StudentResult:
    """Grade one submission in a private course directory (runs in a worker thread)."""
    start = time.monotonic()
    a = batch.assignment
    result = StudentResult(sub.student, {t: 0.0 for t in batch.test_ids}, sid=sub.sid)
    result.notes += sub.notes
    if sub.problem:
        result.notes.append(f"{sub.problem}: every cell scored 0")
        result.outcome = "missing" if sub.problem in MISSING else "refused"
        return result
    nb, zeroed, restored = inspect_submission(sub.path, batch.release_nb, batch.edited)
    result.notes += restored
    if "*" in zeroed:
        result.notes.append(f"{zeroed['*']}: every cell scored 0")
        result.outcome = "invalid"
        return result
    hits = offlimits.uses(nb, batch.release_nb, batch.off_limits)
    for function, reason in offlimits.notes(batch.off_limits, hits).items():
        for gid in batch.tests_of.get(function, []):
            zeroed.setdefault(gid, reason)
    private = batch.out / ".work" / f"s{sub.index:05d}"       # short: paths stay short
    result.workdir = private          # removed by _merge_one, whatever happens here
    remove_tree(private)
    make_course_dir(private)
    shutil.copy(batch.template_db, private / "gradebook.db")
    dest = private / "submitted" / sub.sid / a.id
    dest.mkdir(parents=True)
    nbformat.write(nb, str(dest / a.notebook.name))
    job = private / "job"
    job.mkdir()
    notes_path = private / "judge.json"
    env = {**nbgrader_env(), "COURSE_SANDBOX": "on" if batch.sandboxed else "off",
           "COURSE_UNSAFE": "0" if batch.sandboxed else "1",
           "COURSE_SANDBOX_TREE": str(batch.tree),
           "COURSE_JOB_DIR": str(job), "COURSE_MPL_CACHE": str(batch.mpl_cache),
           "COURSE_JUDGE_NOTES": str(notes_path),
           "COURSE_WORKER_MEMORY_MB": str(batch.grader_memory_mb),
           "COURSE_WORKER_CPU_SECONDS": str(batch.grader_cpu_seconds)}
    if batch.memory_mb:
        env["COURSE_MEMORY_MB"] = str(batch.memory_mb)
    log = open(private / "worker.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "autograder.worker", str(private), a.id,
                             sub.sid], cwd=private, env=env, stdout=subprocess.PIPE,
                            stderr=log, stdin=subprocess.DEVNULL, start_new_session=True)
    _RUNNING.add(proc)
    try:
        stdout, _ = proc.communicate(timeout=batch.student_timeout)
        status = _last_json(stdout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        status = {"autograde": False, "error": f"grading this notebook took longer than "
                                                f"{batch.student_timeout:.0f} s"}
        result.outcome = "timeout"
    finally:
        log.close()
        _RUNNING.discard(proc)
    result.uid = _judge_uid(notes_path)
    if isinstance(status.get("peak_rss_mb"), int):
        result.peak_rss_mb = status["peak_rss_mb"]
    budget = _over_budget(batch, status, proc.returncode, private / "worker.log")
    if budget:
        result.outcome = "budget"
        result.notes.append(f"grading this submission exceeded the grader's {budget} (what its "
                            "kernel sent or printed was too large, or its tests too costly): "
                            "every cell scored 0")
    elif not status.get("autograde"):
        result.outcome = "timeout" if result.outcome == "timeout" else "failed"
        result.notes.append(f"autograder failed ({status.get('error') or 'no result'}): "
                            "every cell scored 0")
    else:
        result.graded = True
        result.scores.update({k: v for k, v in _private_scores(
            private / "gradebook.db", a, sub.sid).items() if k in result.scores})
        for gid, reason in zeroed.items():
            result.scores[gid] = 0.0
            result.notes.append(f"{reason}: scored 0")
        result.notes += _judge_notes(notes_path)
        result.cells = _judge_statuses(notes_path)
        result.diagnosis = _diagnosis(notes_path, batch.test_ids, zeroed)
    result.seconds = time.monotonic() - start
    return result


def _over_budget(batch: Batch, status: dict, returncode: int | None, log: Path) -> str:
    """Which of the worker's budgets it exceeded ("" if none)."""
    memory = f"memory budget ({batch.grader_memory_mb} MB)"
    if status.get("error") == "memory":
        return memory
    if status:
        return ""
    if returncode == -signal.SIGXCPU:
        return f"CPU budget ({batch.grader_cpu_seconds} s)"
    try:
        with open(log, "rb") as handle:          # its last words, if it died of it
            handle.seek(max(0, os.fstat(handle.fileno()).st_size - 20_000))
            tail = handle.read()
    except OSError:
        tail = b""
    tail = tail.lower()          # Python's, C++'s, the C library's and OpenBLAS's words for it
    if any(word in tail for word in (b"memoryerror", b"bad_alloc", b"cannot allocate memory",
                                     b"out of memory", b"memory allocation",
                                     b"can't start new thread")):
        return memory
    return ""


def remove_tree(path: Path) -> str:
    """Remove ``path`` and everything in it, like ``rm -rf``; return "" or what was left.

    Made for trees a student's kernel wrote: no recursion (any depth), no long paths (each
    step is relative to an open folder), symbolic links are removed, never followed, and
    folders without permissions are opened up first.  Never raises.
    """
    path = Path(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"
    if not stat.S_ISDIR(info.st_mode):
        try:
            os.unlink(path)
        except OSError as exc:
            return f"{type(exc).__name__}: {exc}"
        return ""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW

    def open_dir(name: str, parent: int | None) -> int:
        try:
            return os.open(name, flags, dir_fd=parent)
        except PermissionError:            # not root (unsafe mode): open it up, then retry
            os.chmod(name, 0o700, dir_fd=parent)
            return os.open(name, flags, dir_fd=parent)

    problems: list[str] = []

    def problem(exc: OSError, name: str) -> None:
        if len(problems) < 5:
            problems.append(f"{type(exc).__name__}: {exc.strerror} ({name[:80]})")

    try:
        fd = open_dir(str(path), None)
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"
    names: list[str] = []                  # the folders entered below ``path``
    skip: set[tuple[int, int]] = set()     # folders that could not be removed
    try:
        while True:
            below = None
            with os.scandir(fd) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            st = entry.stat(follow_symlinks=False)
                            if (st.st_dev, st.st_ino) not in skip:
                                below = entry.name
                                break
                            continue
                        try:
                            os.unlink(entry.name, dir_fd=fd)
                        except PermissionError:
                            os.chmod(fd, 0o700)
                            os.unlink(entry.name, dir_fd=fd)
                    except FileNotFoundError:
                        pass
                    except OSError as exc:
                        problem(exc, entry.name)
            if below is not None:
                try:
                    child = open_dir(below, fd)
                except OSError as exc:
                    st = os.stat(below, dir_fd=fd, follow_symlinks=False)
                    skip.add((st.st_dev, st.st_ino))
                    problem(exc, below)
                    continue
                os.close(fd)
                fd = child
                names.append(below)
                continue
            if not names:                  # back at the top, and it is empty now
                break
            parent = os.open("..", flags, dir_fd=fd)
            own = os.fstat(fd)
            os.close(fd)
            fd = parent
            name = names.pop()
            try:
                os.rmdir(name, dir_fd=fd)
            except OSError as exc:
                skip.add((own.st_dev, own.st_ino))
                problem(exc, name)
    except OSError as exc:
        problem(exc, "?")
    finally:
        os.close(fd)
    try:
        os.rmdir(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        problem(exc, path.name)
    return "; ".join(problems)


# Workers still running: killed (with their sandboxes) if the batch itself is interrupted.
_RUNNING: set[subprocess.Popen] = set()


def _last_json(stdout: bytes) -> dict:
    for line in reversed(stdout.decode("utf-8", "replace").splitlines()):
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return {}


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    proc.wait()


def _judge_uid(path: Path) -> int | None:
    """The uid the student's kernel ran as (written by the worker as soon as it had one)."""
    try:
        uid = json.loads(path.read_text()).get("uid")
    except (OSError, ValueError, AttributeError):
        return None
    return uid if isinstance(uid, int) else None


def _judge_notes(path: Path) -> list[str]:
    """Notes for the instructor from what the judge saw (written by the trusted worker)."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return []
    notes = []
    for gid, info in data.get("cells", {}).items():
        if info.get("status") == "timeout":
            notes.append(f"{gid}: interrupted after the time limit")
        elif info.get("status") == "dead":
            notes.append(f"{gid}: the kernel had died (os._exit, a crash or too much memory)")
        elif info.get("status") == "lost":
            notes.append(f"{gid}: not graded: the notebook had sent the grader a message larger "
                         "than it accepts")
        elif info.get("status") == "memory":
            notes.append(f"{gid}: the student's code ran out of memory (the sandbox's limit)")
        elif info.get("status") == "refused":
            notes.append(f"{gid}: the test cell itself is wrong (it reads a kernel name it may "
                         "not; `course check` names it): fix the test and grade again")
    for index in data.get("timeouts", []):
        notes.append(f"cell {index}: interrupted after the time limit")
    for index in data.get("memory", []):
        notes.append(f"cell {index}: ran out of memory (the sandbox's limit)")
    if data.get("kernel") == "stuck":
        notes.append("a cell ran past the time limit and ignored the interrupt: later cells not run")
    if data.get("kernel") == "lost":
        notes.append("the notebook sent the grader a message larger than it accepts (a huge "
                     "print or output): later cells not run")
    if data.get("kernel") == "died" and not any("kernel had died" in n for n in notes):
        notes.append("the kernel died (os._exit, a crash or too much memory): later cells not run")
    return notes


def _generate(assignment: Assignment, template: Path, master: Path):
    """Generate the assignment in ``template`` (a fresh gradebook), give the batch's course
    folder ``master`` a gradebook if it has none, and return the released notebook."""
    make_course_dir(template)
    run_nbgrader(template, "generate_assignment", assignment.id, "--force")
    make_course_dir(master)
    if not (master / "gradebook.db").exists():
        shutil.copy(template / "gradebook.db", master / "gradebook.db")
    return read_notebook(template / "release" / assignment.id / assignment.notebook.name)


def _copy_student(source: Path, master: Path, sid: str) -> None:
    """One student's submitted, autograded and feedback folders from a course folder into
    ``master`` (replacing what was there)."""
    for kind in ("submitted", "autograded", "feedback", "diagnosis"):
        src, dst = source / kind / sid, master / kind / sid
        remove_tree(dst)
        if src.exists():
            shutil.copytree(src, dst, symlinks=True)


def _merge_one(batch: Batch, result: StudentResult) -> None:
    """Record one graded student in the batch's gradebook, course folder and feedback."""
    a, out = batch.assignment, batch.out
    master = out / "course"
    record_scores(master / "gradebook.db", a, result.sid, result.student, result.scores)
    try:
        if result.workdir is not None and result.workdir.is_dir():
            _copy_student(result.workdir, master, result.sid)
    except Exception as exc:                 # noqa: BLE001  (one student's problem, noted)
        result.notes.append(f"the grader could not copy this student's graded files "
                            f"({type(exc).__name__}: {str(exc)[:200]})")
    if result.workdir is not None:
        left = remove_tree(result.workdir / "job")      # what the kernel wrote, first
        if left:
            result.notes.append(f"the grader could not remove all of this student's files "
                                f"({left[:300]})")
    try:
        result.feedback = _feedback(out, result, a)
    finally:
        if result.workdir is not None:
            remove_tree(result.workdir)
    _write_diagnosis(master, result, a)


def _feedback(out: Path, result: StudentResult, a: Assignment) -> Path:
    (out / "feedback").mkdir(exist_ok=True)
    target = out / "feedback" / f"{result.sid}.html"
    made = (result.workdir / "feedback" / result.sid / a.id / f"{a.notebook.stem}.html"
            if result.workdir else None)
    body = made.read_text() if result.graded and made and made.exists() else ""
    if result.notes or result.student != result.sid:
        notes = ([f"graded as {result.sid}"] if result.student != result.sid else []) + \
            result.notes
        notice = _notice_html(result.student, a.id, notes)
        body = body.replace("<body>", "<body>" + notice, 1) if "<body>" in body else \
            f"<html><body>{notice}{body}</body></html>"
    # The worker's exporter hardened its page already, and the notice is our own escaped HTML:
    # a page that does not open with the policy (or none at all) is hardened here.
    page = body or "<html><body>No feedback.</body></html>"
    target.write_text(page if is_hardened(page) else harden_page(page))
    return target


def _notice_html(student: str, assignment: str, notes: list[str]) -> str:
    items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    return (f'<div style="border:2px solid #c33;padding:8px;margin:8px;font-family:sans-serif">'
            f"<b>Autograder notes for {html.escape(student)} on {html.escape(assignment)}</b>"
            f"<ul>{items}</ul></div>")


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def autograde(folder: Path, assignment: Assignment, out: Path, roster: list[str] | None = None,
              student_timeout: float = 1800, edited: str = "zero", jobs: int = 1,
              shard: tuple[int, int] | None = None, unsafe: bool = False,
              memory_mb: int | None = None, grader_memory_mb: int = GRADER_MEMORY_MB,
              grader_cpu_seconds: int = GRADER_CPU_SECONDS,
              log=print) -> dict[str, StudentResult]:
    """Grade every submission in ``folder``; write ``out/grades.csv``, ``out/feedback/`` and
    ``out/course/gradebook.db``.  Returns ``{student: result}``.

    ``edited``: "zero" scores an edited test cell 0; "restore" grades it with the original
    tests (a note still says it was edited).  ``unsafe=True`` runs kernels without a sandbox.
    ``grader_memory_mb`` and ``grader_cpu_seconds`` are each student's budget in the grader
    (see the module docstring).
    """
    if edited not in ("zero", "restore"):
        raise CourseError(f"edited must be 'zero' or 'restore', not {edited!r}")
    if not folder.is_dir():
        raise CourseError(f"{folder} is not a folder of submissions")
    if jobs < 1:
        raise CourseError("--jobs must be at least 1")
    reason = sb.unavailable()
    if reason and not unsafe:
        raise CourseError(f"refusing to run students' code without a sandbox: {reason}. "
                          "Pass --unsafe-no-sandbox to grade anyway (student code then runs "
                          "with your permissions).")
    batch = _prepare(assignment, out.resolve(), not unsafe and reason is None, student_timeout,
                     edited, memory_mb)
    batch.grader_memory_mb, batch.grader_cpu_seconds = grader_memory_mb, grader_cpu_seconds
    subs = resolve_conflicts(find_submissions(folder, assignment.id, assignment.notebook.name))
    present = {s.student for s in subs}
    subs += [Submission(s, None, "no submission") for s in roster or [] if s not in present]
    subs.sort(key=lambda s: s.student)
    assign_ids(subs)
    for i, sub in enumerate(subs):
        sub.index = i
    if shard:
        k, n = shard
        subs = subs[k - 1::n]
    csv_path = batch.out / "grades.csv"
    rows = _read_rows(csv_path, batch.test_ids)      # students graded by an earlier batch
    results: dict[str, StudentResult] = {}
    def run(sub: Submission) -> StudentResult:
        try:
            return _grade_one(batch, sub)
        except Exception as exc:            # noqa: BLE001  (a bug or an odd input: one row)
            result = StudentResult(sub.student, {t: 0.0 for t in batch.test_ids}, sid=sub.sid,
                                   workdir=batch.out / ".work" / f"s{sub.index:05d}")
            result.notes.append(f"the grader failed on this submission ({type(exc).__name__}: "
                                f"{str(exc)[:200]}): every cell scored 0")
            result.outcome = "grader-error"
            return result

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run, sub) for sub in subs]
        try:
            _collect(futures, batch, results, rows, csv_path, log)
        except BaseException:               # Ctrl-C, or a bug: leave nothing running
            for future in futures:
                future.cancel()
            for proc in list(_RUNNING):
                _kill_group(proc)
            raise
    remove_tree(batch.out / ".work")
    return results


def _collect(futures, batch: Batch, results: dict, rows: dict, csv_path: Path, log) -> None:
    """Record each student as their grading finishes (only this thread writes)."""
    for future in as_completed(futures):
        result = future.result()
        try:
            _merge_one(batch, result)
        except Exception as exc:            # noqa: BLE001  (the row is still written)
            result.notes.append(f"the grader could not record this student's feedback or "
                                f"gradebook entry ({type(exc).__name__}: {str(exc)[:200]})")
        results[result.student] = result
        rows[csv_safe(result.student)] = _row(result, batch.test_ids, batch.max_total)
        _write_rows(csv_path, batch.test_ids, rows)
        if result.uid is not None:          # which uid ran whom, for the instructor's audit
            with open(batch.out / "sandbox-uids.log", "a") as handle:
                handle.write(f"{result.sid}\t{result.uid}\n")
        _log_result(batch, result)
        log(f"  {_printable(result.student)[:40]:<24} {result.total:g}/{batch.max_total:g}"
            f"  ({result.seconds:.1f} s)"
            + (f"   ({_printable('; '.join(result.notes))[:300]})" if result.notes else ""))


def merge(assignment: Assignment, parts: list[Path], out: Path, log=print) -> int:
    """Combine the output folders of several shards (or batches) into ``out``; return students.

    grades.csv rows, feedback files, the course folder's submissions and the gradebook entries
    are copied; a student found in two parts is an error.
    """
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    master = out / "course"
    template = out / ".merge-template"
    shutil.rmtree(template, ignore_errors=True)
    release_nb = _generate(assignment, template, master)
    shutil.rmtree(template, ignore_errors=True)
    test_ids = [nbgrader_meta(c)["grade_id"] for c in graded_cells(release_nb)]
    rows = _read_rows(out / "grades.csv", test_ids)
    seen: dict[str, Path] = {}
    for part in parts:
        part_rows = _read_rows(part / "grades.csv", test_ids)
        if not part_rows:
            raise CourseError(f"{part} has no grades.csv for {assignment.id}")
        for key, row in part_rows.items():
            if key in seen:
                raise CourseError(f"student {key!r} is in both {seen[key]} and {part}")
            seen[key] = part
            rows[key] = row
        db = part / "course" / "gradebook.db"
        with Gradebook(f"sqlite:///{db}") as gb:
            subs = [(s.student.id, s.student.last_name or s.student.id,
                     {g.name: float(g.score or 0) for nbk in s.notebooks for g in nbk.grades})
                    for s in gb.assignment_submissions(assignment.id)]
        for sid, student, scores in subs:
            record_scores(master / "gradebook.db", assignment, sid, student, scores)
            _copy_student(part / "course", master, sid)
        (out / "feedback").mkdir(exist_ok=True)
        for page in (part / "feedback").glob("*.html"):
            shutil.copy(page, out / "feedback" / page.name)
        if (part / GRADING_LOG).is_file():
            with open(out / GRADING_LOG, "a") as handle:
                handle.write((part / GRADING_LOG).read_text())
        log(f"  merged {part}: {len(part_rows)} students")
    _write_rows(out / "grades.csv", test_ids, rows)
    return len(rows)



# --- the grading log (read by `course report`) ---------------------------------------------------

# One JSON line per graded student, appended as each finishes (a student graded again gets a later
# line, which wins): {"student", "sid", "outcome", "seconds", "score", "max_score", "cells",
# "peak_rss_mb", "finished"}.  ``outcome`` is "graded", "missing" (no notebook), "refused" (a
# symbolic link, a folder named like a notebook, conflicting submissions), "invalid" (not a
# notebook, too large), "timeout" (the whole grading ran past --student-timeout), "budget" (the
# grader's memory or CPU budget), "failed" (nbgrader failed) or "grader-error" (a bug, noted);
# ``cells`` is the judge's status of each test cell ("passed", "failed", "timeout", "dead",
# "memory", "lost", "refused") plus "_kernel" when the kernel died, got stuck or was lost.
GRADING_LOG = "grading-log.jsonl"
MISSING = ("no submission", "no notebook in the student's folder")


def _judge_statuses(path: Path) -> dict:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    cells = {gid: info.get("status") for gid, info in data.get("cells", {}).items()
             if isinstance(info, dict)}
    if data.get("kernel"):
        cells["_kernel"] = data["kernel"]
    if data.get("timeouts"):
        cells["_timeouts"] = len(data["timeouts"])
    return cells


def _log_result(batch: Batch, result: StudentResult) -> None:
    entry = {"student": result.student, "sid": result.sid, "outcome": result.outcome,
             "seconds": round(result.seconds, 2), "score": result.total,
             "max_score": batch.max_total, "cells": result.cells,
             "peak_rss_mb": result.peak_rss_mb,
             "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    with open(batch.out / GRADING_LOG, "a") as handle:
        handle.write(json.dumps(entry) + "\n")
# --- issue 16: the known mistakes each student's failing cells behave like ----------------------

def _diagnosis(notes_path: Path, test_ids: list[str], zeroed: dict[str, str]) -> dict:
    """{test cell: entry} (ISSUE16_INTERFACES.md) from what the trusted worker noted."""
    try:
        cells = json.loads(notes_path.read_text()).get("cells", {})
    except (OSError, ValueError, AttributeError):
        cells = {}
    out = {}
    for gid in test_ids:
        info = cells.get(gid) if isinstance(cells, dict) else None
        entry = info.get("diagnosis") if isinstance(info, dict) else None
        if not isinstance(entry, dict):
            status = info.get("status") if isinstance(info, dict) else None
            entry = {"passed": False, "function_cell": None, "mistakes": []}
            if status == "timeout":
                entry["error"] = "timeout"
            elif status in ("dead", "lost", "memory"):
                entry["error"] = "crash"
        if gid in zeroed:                    # deleted or edited: scored 0 whatever it did
            entry = {**entry, "passed": False}
        out[gid] = entry
    return out


def _write_diagnosis(master: Path, result: StudentResult, a: Assignment) -> None:
    """``<course>/diagnosis/<student id>/<assignment>.json`` for the class report."""
    if result.diagnosis is None:
        return
    folder = master / "diagnosis" / result.sid
    folder.mkdir(parents=True, exist_ok=True)
    data = {"assignment": a.id, "student": result.sid, "display_name": result.student,
            "cells": result.diagnosis}
    tmp = folder / f"{a.id}.json.tmp"
    tmp.write_text(json.dumps(data, indent=1))
    tmp.replace(folder / f"{a.id}.json")
