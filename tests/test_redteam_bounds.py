"""The grader under attack (issue 21, sections 5 and 7): floods, deep trees and name collisions.

Students of the c1w2a1 class graded once with ``--jobs 2`` in the sandbox (``c1w2a1_class`` in
conftest.py, shared with the other red-team files): each hostile student
floods the grader (a huge answer from a judged call, a print flood from an ordinary cell and
from a judged call, thousands of display outputs) or leaves 3,000 nested folders in its home;
some inputs collide on a student's row.  The batch must finish, every input must have its row,
honest students (graded after the attackers) must get their due, no attacker earns anything, and
each student's worker must stay under a fixed memory bound (the worker reports its own peak).
"""
from __future__ import annotations

import csv
import os
import stat

import nbformat
import pytest

from autograder import grading, sandbox
from autograder.grading import autograde, remove_tree
from test_redteam import A, notebook

pytestmark = pytest.mark.skipif(sandbox.unavailable() is not None,
                                reason=f"no sandbox here: {sandbox.unavailable()}")

# The worker's peak resident memory while grading one c1w2a1 student: about 150 MB for an
# honest one, up to 1.3 GB under these floods before the grader bounded what it reads.
PEAK_MB = 600

FLOODS = {
    # 32 MB of float64 (43 MB encoded) from one judged call, past the kernel's own size check
    "huge_response": notebook(A, "import autograder.plaindata as _p\n_p.MAX_BYTES = 2**40",
                              replace={
        "sigmoid": "def sigmoid(x):\n    import numpy\n    return numpy.zeros(4_000_000)"}),
    # a list answer decodes into many objects: 2 M floats
    "huge_list": notebook(A, "import autograder.plaindata as _p\n_p.MAX_BYTES = 2**40",
                          replace={
        "sigmoid": "def sigmoid(x):\n    return [0.123456789] * 2_000_000"}),
    # 200 MB printed by an ordinary cell, and 20 MB in one print
    "flood_cell": notebook(A, "for _ in range(200):\n    print('x' * 1_000_000)\n"
                              "print('y' * 20_000_000)"),
    # 200 MB printed by a graded function while the grader waits for its answer
    "flood_judged": notebook(A, replace={
        "sigmoid": "def sigmoid(x):\n    for _ in range(200):\n        print('x' * 1_000_000)\n"
                   "    return x"}),
    # 3 MB printed in small pieces: kept to the first 100,000 characters as it arrives
    "print_loop": notebook(A, "for _ in range(3000):\n    print('x' * 1000)\n"),
    "many_displays": notebook(A, "from IPython.display import display, HTML\n"
                                 "for i in range(20000):\n    display(HTML('<b>x</b>' * 500))\n"),
    # section 7: a tree deeper than any recursion or path limit, left for the grader to remove
    "deep_tree": notebook(A, "import os\nos.chdir(os.path.expanduser('~'))\n"
                             "for _ in range(3000):\n    os.mkdir('d' * 20)\n    os.chdir('d' * 20)\n"
                             "os.symlink('/', 'root')\nopen('f', 'w').write('x')\n"),
}


def _write(path, nb) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def c1w2a1_students(subs, handed_in, out, tmp_path_factory):
    """This file's students of the shared c1w2a1 class (see conftest.py)."""
    for name, nb in FLOODS.items():
        _write(subs / f"{name}.ipynb", nb)
    solved = notebook(A, solved=True)
    # collisions: a folder named like the victim's notebook next to its nbgrader folder ...
    _write(subs / "victim" / A.id / A.notebook.name, solved)
    (subs / "victim.ipynb").mkdir()
    (subs / "victim.ipynb" / "x.txt").write_text("not a notebook")
    # ... an empty nbgrader folder next to a notebook file ...
    _write(subs / "bert.ipynb", solved)
    (subs / "bert").mkdir()
    # ... two real notebooks for one student, and two names that are one row in grades.csv
    _write(subs / "cleo.ipynb", solved)
    _write(subs / "cleo" / A.id / A.notebook.name, notebook(A))
    _write(subs / "=x.ipynb", solved)
    _write(subs / "'=x.ipynb", notebook(A))
    # honest students graded after all of them
    _write(subs / "zz_honest2.ipynb", solved)
    _write(subs / "zz_honest3.ipynb", solved)
    batch = yield
    return dict(batch, total=float(batch["rows"]["zz_honest2"]["max_score"]))


@pytest.fixture(scope="module")
def flood_batch(c1w2a1_class):
    return c1w2a1_class["test_redteam_bounds"]


def test_batch_finishes_and_honest_students_get_their_due(flood_batch):
    rows = flood_batch["rows"]
    assert set(FLOODS) | {"zz_honest2", "zz_honest3"} <= set(rows)
    for student in ("zz_honest2", "zz_honest3"):
        assert float(rows[student]["score"]) == flood_batch["total"], rows[student]
        assert rows[student]["notes"] == ""
        page = (flood_batch["out"] / "feedback" / f"{student}.html").read_text()
        assert len(page) > 5000 and "No feedback" not in page


@pytest.mark.parametrize("student", sorted(FLOODS))
def test_flood_earns_nothing(flood_batch, student):
    assert float(flood_batch["rows"][student]["score"]) == 0, flood_batch["rows"][student]


@pytest.mark.parametrize("student", sorted(FLOODS) + ["zz_honest2"])
def test_grader_memory_per_student_is_bounded(flood_batch, student):
    peak = flood_batch["results"][student].peak_rss_mb
    assert peak is not None, f"{student}: the worker did not report its peak memory"
    assert peak < PEAK_MB, f"{student}: the grader's worker peaked at {peak} MB"


def test_floods_are_cut_with_a_note(flood_batch):
    results = flood_batch["results"]
    page = (flood_batch["out"] / "feedback" / f"{results['print_loop'].sid}.html").read_text()
    assert "output cut by the grader" in page and len(page) < 2_000_000
    for student in ("flood_cell", "flood_judged"):    # one message over 8 MB: refused, unread
        page = (flood_batch["out"] / "feedback" / f"{results[student].sid}.html").read_text()
        assert "larger than it accepts" in page and len(page) < 2_000_000
        assert "message larger than it accepts" in flood_batch["rows"][student]["notes"]
    page = (flood_batch["out"] / "feedback" / f"{results['many_displays'].sid}.html").read_text()
    assert "the rest was cut by the grader" in page and len(page) < 2_000_000
    # the grader refuses the answer unread, and says why
    page = (flood_batch["out"] / "feedback" / f"{results['huge_response'].sid}.html").read_text()
    assert "larger than 16 MB, which the grader does not accept" in page


def test_deep_tree_is_removed_and_the_batch_goes_on(flood_batch):
    assert "deep_tree" in flood_batch["rows"]
    assert not (flood_batch["out"] / ".work").exists()


def test_folder_named_like_a_notebook_does_not_displace_the_victim(flood_batch):
    row = flood_batch["rows"]["victim"]
    assert float(row["score"]) == flood_batch["total"], row
    assert "conflicting submissions" in row["notes"] and "victim.ipynb/" in row["notes"]
    row = flood_batch["rows"]["bert"]
    assert float(row["score"]) == flood_batch["total"], row
    assert "conflicting submissions" in row["notes"]


def test_two_notebooks_for_one_student_are_a_conflict(flood_batch):
    row = flood_batch["rows"]["cleo"]
    assert float(row["score"]) == 0
    assert "conflicting submissions" in row["notes"]
    assert "cleo.ipynb" in row["notes"] and f"cleo/{A.id}/" in row["notes"]
    row = flood_batch["rows"]["'=x"]
    assert float(row["score"]) == 0 and "conflicting submissions" in row["notes"]


# --- clean-up, without a kernel -----------------------------------------------------------------

def test_remove_tree_any_depth_never_follows_links(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep").write_text("x")
    top = tmp_path / "job"
    top.mkdir()
    fd = os.open(top, os.O_RDONLY)
    try:                                    # 3,000 levels: a path of 63,000 characters
        for _ in range(3000):
            os.mkdir("d" * 20, dir_fd=fd)
            child = os.open("d" * 20, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        os.symlink(str(outside), "link", dir_fd=fd)
        os.close(os.open("file", os.O_CREAT | os.O_WRONLY, 0o644, dir_fd=fd))
        os.mkdir("locked", 0o700, dir_fd=fd)
        os.close(os.open("locked/inner", os.O_CREAT | os.O_WRONLY, 0o644, dir_fd=fd))
        os.chmod("locked", 0o000, dir_fd=fd)
    finally:
        os.close(fd)
    os.symlink(str(outside), top / "link")
    os.chmod(top, stat.S_IRUSR | stat.S_IXUSR)          # read-only folder
    assert remove_tree(top) == ""
    assert not top.exists()
    assert (outside / "keep").read_text() == "x"


def test_a_failure_on_one_student_is_a_note_on_its_row(tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    real = grading._merge_one

    def broken(batch, result):
        if result.student == "a":
            raise RecursionError("maximum recursion depth exceeded")
        return real(batch, result)

    monkeypatch.setattr(grading, "_merge_one", broken)
    autograde(subs, A, tmp_path / "out", roster=["a", "b"], log=lambda *a: None)
    rows = {r["student"]: r for r in csv.DictReader(open(tmp_path / "out" / "grades.csv"))}
    assert set(rows) == {"a", "b"}
    assert "RecursionError" in rows["a"]["notes"]


def test_a_student_over_the_grader_budget_gets_a_note_and_the_batch_goes_on(tmp_path):
    """With a budget too small for any grading, every student's row says so: none is lost."""
    subs = tmp_path / "subs"
    _write(subs / "a.ipynb", notebook(A, solved=True))
    _write(subs / "b.ipynb", notebook(A, solved=True))
    autograde(subs, A, tmp_path / "out", grader_memory_mb=120, log=lambda *a: None)
    rows = {r["student"]: r for r in csv.DictReader(open(tmp_path / "out" / "grades.csv"))}
    assert set(rows) == {"a", "b"}
    for row in rows.values():
        assert float(row["score"]) == 0
        assert "exceeded the grader's memory budget (120 MB)" in row["notes"], row["notes"]
