"""The grader under attack: hostile submissions must score nothing they did not earn and harm no one.

The c1w2a1 class graded once with ``--jobs 2`` in the sandbox (``c1w2a1_class`` in conftest.py,
shared with the other red-team files): each hostile student tries the attacks from issue 6 of
one kind (with the graded functions unsolved or wrong), and honest students graded after them
(names sorting last) must get exactly their due.  One student per distinct path: attacks that
reach the grader the same way, or that cannot hide one another, are one student, each tried on
its own in turn (every read and write outside its home; the in-kernel patches; the processes
meant to outlive the kernel), while an attack that ends or neuters the kernel (run_cell,
kill_grader, memory_hog, os_exit) has a student to itself.  Patching NumPy,
``utils.testing``, the check functions or builtins inside the kernel is also tried on every
assignment by the self-test's attacked blank notebook (``autograder/selftest.py``, ATTACK).  A second, small batch tries
to reach c1w4a1's reference answers.  Every test asserts the trusted score and, where the attack
aims at them, the untouched files, the other students' rows and the batch's completion.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import socket
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import nbformat
import pytest

from autograder import identity, sandbox
from autograder.course import ROOT, Assignment, graded_cells, nbgrader_meta, read_notebook
from autograder.grading import autograde
from autograder.selftest import with_attack

pytestmark = pytest.mark.skipif(sandbox.unavailable() is not None,
                                reason=f"no sandbox here: {sandbox.unavailable()}")

A = Assignment("c1w2a1_numpy_basics")
DEEP = Assignment("c1w4a1_deep_nn_step_by_step")
HTML_FORMULA = "=1+1 <b>html<b> ünï côde"


def _answers(a: Assignment) -> dict[str, str]:
    return {nbgrader_meta(c)["grade_id"]: c.source for c in read_notebook(a.notebook).cells
            if nbgrader_meta(c).get("solution")}


def notebook(a: Assignment, attack: str = "", solved: bool = False,
             replace: dict[str, str] | None = None):
    """The student notebook, optionally solved, with ``attack`` as a cell after the imports
    and some solution cells replaced."""
    nb = read_notebook(a.release_notebook)
    answers = _answers(a)
    for cell in nb.cells:
        gid = nbgrader_meta(cell).get("grade_id")
        if nbgrader_meta(cell).get("solution"):
            if replace and gid in replace:
                cell.source = replace[gid]
            elif solved:
                cell.source = answers[gid]
    return with_attack(nb, attack, after_imports=True) if attack else nb


def _tree_digest() -> str:
    h = hashlib.sha256()
    for top in ("utils", "autograder", "solutions", "notebooks", "datasets"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path).encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def _venv_digest() -> str:
    import sys
    site = Path(sys.prefix) / "lib"
    return hashlib.sha256("\n".join(sorted(
        str(p) for p in site.rglob("*.pth"))).encode()).hexdigest()


class Listener:
    """A TCP server on 127.0.0.1 that counts connections (none may arrive from a sandbox)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                pass


def _each(*attacks: str) -> str:
    """One cell that tries every attack on its own: an exception in one (a name the notebook
    lacks, a refused open) is printed and the next is tried."""
    return "\n".join("try:\n" + "".join(f"    {line}\n" for line in attack.splitlines())
                     + "except Exception as e:\n    print('no', e)" for attack in attacks)


def c1w2a1_students(subs, handed_in, out, tmp_path_factory):
    """This file's students of the shared c1w2a1 class (see conftest.py)."""
    listener = Listener()
    gradebook = out / "course" / "gradebook.db"
    marker = tmp_path_factory.mktemp("marker")

    def add(name: str, nb) -> None:
        nbformat.write(nb, str(subs / f"{name}.ipynb"))

    # --- patching the checks inside the kernel ---
    # In-kernel patches of NumPy, utils.testing, check and builtins: the self-test tries them
    # all at once on every assignment (ATTACK), graded as a student is.  Here, in one student
    # (each tried on its own, none undoing another, all aimed at a grader that trusts the
    # kernel): NumPy's comparisons, the check functions' code objects, and every cell's error
    # cleared after it runs.
    add("patched_checks", notebook(A, _each(
        "np.allclose = lambda *a, **k: True\n"
        "np.isclose = lambda a, b, *x, **k: np.ones(np.shape(a), bool)\n"
        "np.array_equal = lambda *a, **k: True",
        "check.__code__ = (lambda *a, **k: None).__code__\n"
        "check_function.__code__ = (lambda *a, **k: None).__code__",
        "def _clear(result):\n    result.error_in_exec = None\n"
        "get_ipython().events.register('post_run_cell', _clear)")))
    # The kernel runs 'pass' for whatever it is sent (input and AST transformers do the same
    # through other hooks: one path in the grader, a bridge call that never answers).
    add("run_cell", notebook(A, "ip = get_ipython()\n_orig = ip.run_cell\n"
                                "ip.run_cell = lambda raw_cell, *a, **k: _orig('pass', *a, **k)"))
    spoof = ("class Fake(np.ndarray):\n    def __eq__(self, other): return np.ones(np.shape(other), bool)\n"
             "    __class__ = property(lambda self: np.ndarray)\n"
             "def _fake(*a, **k):\n    return np.zeros(3).view(Fake)\n")
    add("spoof_metaclass", notebook(A, spoof, replace={
        g: f"def {g}(*a, **k):\n    return _fake()" for g in _answers(A)}))
    # --- reading the grader's code or answers ---
    stack = ("import sys\ndef _steal(x):\n    f = sys._getframe(1)\n    while f:\n"
             "        for k, v in f.f_globals.items():\n"
             "            if k.startswith('_ref_'):\n                print('STOLEN', k)\n"
             "                return v(x)\n        f = f.f_back\n    raise ValueError('nothing')\n")
    add("stack_frames", notebook(A, stack, replace={
        g: f"def {g}(*a):\n    return _steal(*a)" for g in ("sigmoid", "softmax", "normalize_rows")}))
    add("read_history", notebook(A, "def _peek():\n    for src in get_ipython().user_ns.get('_ih', []):\n"
                                    "        if 'HIDDEN' in src or '_ref_' in src:\n"
                                    "            print('LEAK', src)\n",
                                 replace={"sigmoid": "def sigmoid(x):\n    _peek()\n    return x"}))
    os.symlink(A.notebook, subs / "symlinked.ipynb")
    # --- reading and writing outside its home ---
    # One student tries every file attack in turn (each on its own, reads first, so that a
    # write cannot change what a read would show): reading the answers, the gradebook and
    # another student's notebook among them (what it reads would show in its feedback; copying
    # and running that notebook goes through the same read); then every write outside its
    # home: the gradebook, site-packages, a config file where nbgrader might read one, the
    # grader's sources; then a startup file in its own home that would patch NumPy in any
    # kernel started there later.
    paths = [str(ROOT / "solutions"), str(ROOT / "solutions" / A.id / A.notebook.name),
             str(gradebook), str(handed_in / "zz_honest.ipynb"), "/course/../solutions"]
    reads = [f"for p in {paths!r}:\n    try:\n"
             "        print('READ', p, open(p, 'rb').read(200))\n"
             "    except Exception as e:\n        print('no', p, type(e).__name__)"]
    # Last, a search of everything it can see for a solutions folder's notebooks, through any
    # directory it holds open too, and not into /proc, /sys or /dev (/proc/*/root loops back to
    # /: a recursive glob of / ran into the cell's time limit, which would have cut the attacks
    # after it short).
    search = ("import glob, os\nfound = []\n"
              "for top in ['/'] + [p for p in glob.glob('/proc/self/fd/*') if os.path.isdir(p)]:\n"
              "    for d, dirs, files in os.walk(top):\n"
              "        if d == '/':\n"
              "            dirs[:] = [x for x in dirs if x not in ('proc', 'sys', 'dev')]\n"
              "        if 'solutions' in d.split('/'):\n"
              "            found += [d + '/' + f for f in files if f.endswith('.ipynb')]\n"
              "print('FOUND', found[:3])")
    writes = [
        f"import sqlite3\ndb = sqlite3.connect({str(gradebook)!r})\n"
        "db.execute('update grade set auto_score = 16')\ndb.commit()",
        "import site, sys\nfor d in site.getsitepackages() + [sys.prefix]:\n"
        "    try:\n        open(d + '/evil.pth', 'w').write('import os\\n')\n"
        "        print('WROTE', d)\n    except Exception as e:\n        print('no', e)",
        "for d in ['.', '..', '/course', '/home/student', '/tmp']:\n"
        "    try:\n        open(d + '/nbgrader_config.py', 'w').write("
        "'c.Execute.timeout = 1')\n    except Exception as e:\n"
        "        print('no', d, e)",
        f"for p in ['/course/utils/testing.py', "
        f"{str(ROOT / 'utils' / 'testing.py')!r}, "
        f"{str(ROOT / 'autograder' / 'judge.py')!r}]:\n"
        "    try:\n        open(p, 'a').write('# pwned')\n"
        "    except Exception as e:\n        print('no', p, e)"]
    startup = ("import os\nd = os.path.expanduser('~/.ipython/profile_default/startup')\n"
               "os.makedirs(d, exist_ok=True)\n"
               "open(d + '/00-win.py', 'w').write('import numpy\\nnumpy.allclose = lambda *a, **k: True\\n')")
    add("files_elsewhere", notebook(A, _each(*reads, *writes, startup, search)))
    # Processes meant to outlive the student's grading: one that, from half a second on and
    # for ten minutes, keeps writing over grades.csv and a marker (a survivor would have done so
    # long before the batch ends, and would still be running when the uids are checked), and
    # one that holds the kernel's stdout open.  Then, in another student, a kill of the grader.
    child = ("import time\nfor _ in range(1200):\n    time.sleep(0.5)\n"
             f"    for p, text in (({str(out / 'grades.csv')!r}, 'pwned'), "
             f"({str(marker / 'alive')!r}, 'x')):\n"
             "        try:\n            open(p, 'w').write(text)\n"
             "        except OSError:\n            pass\n")
    add("background", notebook(A, _each(
        f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', {child!r}], "
        "start_new_session=True)",
        "import subprocess, sys\n"
        "subprocess.Popen(['sleep', '600'], stdout=sys.__stdout__, "
        "stderr=sys.__stderr__, start_new_session=True)")))
    add("kill_grader", notebook(A, "import os, signal\nfor pid in (os.getppid(), 1, -1):\n"
                                   "    try:\n        os.kill(pid, signal.SIGKILL)\n"
                                   "    except Exception as e:\n        print('no', pid, e)"))
    add("memory_hog", notebook(A, "blocks = []\nfor i in range(64):\n"
                                  "    blocks.append(bytearray(256 * 2**20))\n"))
    # a connection to the host first (the flood after it cannot hide it), then 100 MB printed
    add("network_big_output", notebook(A, _each(
        f"import socket\nsocket.create_connection(('127.0.0.1', {listener.port}), timeout=3)",
        "print('x' * 100_000_000)")))
    # --- awkward names and endings ---
    add("--help", notebook(A, solved=True))
    add(HTML_FORMULA, notebook(A))        # a formula for grades.csv, HTML for the feedback page
    (subs / "folder.ipynb").mkdir()
    add("keyboard_interrupt", notebook(A, replace={
        "sigmoid": "def sigmoid(x):\n    raise KeyboardInterrupt('mine')"}))
    add("os_exit", notebook(A, replace={"softmax": "def softmax(x):\n    import os\n    os._exit(3)"},
                            solved=True))
    # --- honest students graded after all of them ---
    add("zz_honest", notebook(A, solved=True))
    add("zz_blank", notebook(A))
    before = (_tree_digest(), _venv_digest())
    batch = yield
    time.sleep(2)                       # a survivor writes every half second
    listener.stop = True
    total = sum(float(nbgrader_meta(c)["points"])
                for c in graded_cells(read_notebook(A.release_notebook)))
    return dict(batch, total=total, before=before, marker=marker, listener=listener)


@pytest.fixture(scope="module")
def attack_batch(c1w2a1_class):
    return c1w2a1_class["test_redteam"]


def _score(batch, student):
    return float(batch["rows"][student]["score"])


def _feedback(batch, student):
    return (batch["out"] / "feedback" / f"{batch['results'][student].sid}.html").read_text()


@pytest.mark.parametrize("student", [
    "patched_checks", "run_cell", "spoof_metaclass", "stack_frames", "read_history",
    "files_elsewhere", "background", "kill_grader", "memory_hog", "network_big_output",
    HTML_FORMULA, "keyboard_interrupt"])
def test_attack_earns_nothing(attack_batch, student):
    key = "'" + student if student[:1] in "=+-@" else student
    assert _score(attack_batch, key) == 0, attack_batch["rows"][key]


def test_honest_students_after_the_attacks_get_their_due(attack_batch):
    assert _score(attack_batch, "zz_honest") == attack_batch["total"]
    assert _score(attack_batch, "zz_blank") == 0
    assert _score(attack_batch, "'--help") == attack_batch["total"]


def test_every_submission_has_a_row_and_the_batch_completed(attack_batch):
    # every entry of the class (this file's and the other red-team files'), a notebook file or
    # a student's nbgrader folder, has its row, and there is no other row
    names = {p.name[:-6] if p.name.endswith(".ipynb") else p.name
             for p in attack_batch["subs"].iterdir()}
    expected = {("'" + n if n[:1] in "=+-@" else n) for n in names}
    assert set(attack_batch["rows"]) == expected
    # what the batch had to finish in when it was this file's 37 students alone: 900 s
    assert attack_batch["took"] < 900 / 37 * len(attack_batch["rows"])


def test_nothing_leaks_into_feedback(attack_batch):
    """The attack code itself is the student's and shows; what it tried to print must not."""
    for student in ("stack_frames", "read_history", "files_elsewhere"):
        page = _feedback(attack_batch, student)
        for secret in ("### BEGIN HIDDEN TESTS", "def _ref_", "STOLEN _ref_", "LEAK check",
                       "### BEGIN SOLUTION", "SQLite format", "READ /", "FOUND ['/"):
            assert secret not in page, (student, secret)


def test_files_and_packages_untouched(attack_batch):
    assert (_tree_digest(), _venv_digest()) == attack_batch["before"]
    assert not (attack_batch["marker"] / "alive").exists()


def test_gradebook_holds_the_trusted_scores(attack_batch):
    db = sqlite3.connect(attack_batch["out"] / "course" / "gradebook.db")
    top = db.execute("select max(auto_score) from grade").fetchone()[0]
    assert top <= 3
    sids = {r.sid: s for s, r in attack_batch["results"].items()}
    for sid, total in db.execute(
            "select student.id, sum(grade.auto_score) from grade "
            "join submitted_notebook on grade.notebook_id = submitted_notebook.id "
            "join submitted_assignment on submitted_notebook.assignment_id = submitted_assignment.id "
            "join student on submitted_assignment.student_id = student.id group by student.id"):
        assert total == attack_batch["results"][sids[sid]].total, sid


def test_no_process_survives_and_grades_csv_intact(attack_batch):
    # this batch's own uids (each student's, lent to it alone): other batches may be running
    uids = {r.uid for r in attack_batch["results"].values() if r.uid is not None}
    assert len(uids) >= 20
    assert not {u: identity.processes_of(u) for u in uids if identity.processes_of(u)}
    text = (attack_batch["out"] / "grades.csv").read_text()
    assert text.startswith("student,score")


def test_no_network(attack_batch):
    assert attack_batch["listener"].connections == 0


def test_feedback_is_bounded_and_escaped(attack_batch):
    assert len(_feedback(attack_batch, "network_big_output")) < 2_000_000
    page = _feedback(attack_batch, HTML_FORMULA)
    assert "<b>html<b>" not in page and "&lt;b&gt;html&lt;b&gt;" in page


def test_refused_entries_have_reasons(attack_batch):
    rows = attack_batch["rows"]
    assert "symbolic link" in rows["symlinked"]["notes"]
    assert "folder named like a notebook" in rows["folder"]["notes"]


def test_endings_are_told_apart(attack_batch):
    rows = attack_batch["rows"]
    assert "time limit" not in rows["keyboard_interrupt"]["notes"]
    assert "kernel" in rows["os_exit"]["notes"] and "died" in rows["os_exit"]["notes"]
    assert "time limit" not in rows["os_exit"]["notes"]
    assert "out of memory" in rows["memory_hog"]["notes"]
    # everything before softmax was solved and graded before the kernel died
    assert float(rows["os_exit"]["test_sigmoid"]) == 1


def test_csv_cells_are_not_formulas(attack_batch):
    with open(attack_batch["out"] / "grades.csv", newline="") as handle:
        for row in csv.reader(handle):
            assert all(not cell or cell[0] not in "=+@" for cell in row), row


def test_reference_answers_are_out_of_reach(tmp_path):
    """c1w4a1: every way into utils.dnn (the answers) fails, because it is not in the sandbox."""
    attempts = """
import importlib, sys, gc, types
got = []
for how in ("import", "reload", "source", "file"):
    try:
        if how == "import":
            import utils.dnn as d
        elif how == "reload":
            d = importlib.reload(importlib.import_module("utils.dnn"))
        elif how == "source":
            import utils, os
            d = types.ModuleType("x")
            exec(open(os.path.join(os.path.dirname(utils.__file__), "dnn.py")).read(), d.__dict__)
        else:
            d = types.ModuleType("x")
            exec(open("/course/utils/dnn.py").read(), d.__dict__)
        got.append(d.initialize_parameters_deep)
    except BaseException as e:
        print("no", how, type(e).__name__)
for o in gc.get_objects():
    if getattr(o, "__name__", "") == "L_model_forward" and getattr(o, "__module__", "") == "utils.dnn":
        got.append(o)
print("GOT", len(got))
"""
    replace = {g: (f"def {g}(*a, **k):\n    return got[0](*a, **k) if got else None")
               for g in _answers(DEEP)}
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(notebook(DEEP, attempts, replace=replace), str(subs / "thief.ipynb"))
    results = autograde(subs, DEEP, tmp_path / "out", log=lambda *a: None)
    assert results["thief"].total == 0
