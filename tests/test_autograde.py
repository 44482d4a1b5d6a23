"""An instructor's batch: good, blank and broken submissions are all graded, none stops the rest."""
import csv
import shutil

import nbformat
import pytest

from autograder import sandbox
from autograder.course import Assignment, CourseError, graded_cells, nbgrader_meta, read_notebook
from autograder.grading import autograde, merge

UNSAFE = sandbox.unavailable() is not None     # no sandbox here: grade unconfined (own code)

A = Assignment("c1w2a1_numpy_basics")


def solved_copy():
    """The student notebook with every solution cell filled in, as a good student hands it in."""
    nb = read_notebook(A.release_notebook)
    answers = {nbgrader_meta(c).get("grade_id"): c.source for c in read_notebook(A.notebook).cells
               if nbgrader_meta(c).get("solution")}
    for c in nb.cells:
        if nbgrader_meta(c).get("solution"):
            c.source = answers[nbgrader_meta(c)["grade_id"]]
    return nb


@pytest.fixture(scope="module")
def batch(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("COURSE_CELL_TIMEOUT", "20")
    subs = tmp_path_factory.mktemp("submissions")
    release = read_notebook(A.release_notebook)
    solved = solved_copy()
    # alice: a correct submission (the solutions, as a student would have written them)
    nbformat.write(solved, str(subs / "alice.ipynb"))
    # bob: the untouched student notebook
    shutil.copy(A.release_notebook, subs / "bob.ipynb")
    # carol: not JSON at all
    (subs / "carol.ipynb").write_text('{"cells": [ this is not json')
    # dave: solved, but deleted the L1 test cell
    dave = solved_copy()
    dave.cells = [c for c in dave.cells if nbgrader_meta(c).get("grade_id") != "test_L1"]
    nbformat.write(dave, str(subs / "dave.ipynb"))
    # erin: solved, but weakened the sigmoid test cell
    nbformat.write(_weakened_sigmoid_test(), str(subs / "erin.ipynb"))
    # frank (nbgrader layout): an infinite loop in softmax
    frank = solved_copy()
    for c in frank.cells:
        if nbgrader_meta(c).get("grade_id") == "softmax":
            c.source = "def softmax(x):\n    while True:\n        pass"
    (subs / "frank" / A.id).mkdir(parents=True)
    nbformat.write(frank, str(subs / "frank" / A.id / "whatever.ipynb"))
    out = tmp_path_factory.mktemp("out")
    results = autograde(subs, A, out, roster=["alice", "gina"], log=lambda *a: None,
                        unsafe=UNSAFE)
    rows = {r["student"]: r for r in csv.DictReader(open(out / "grades.csv"))}
    return results, rows, out, release, solved, subs


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _total(release):
    return sum(float(nbgrader_meta(c)["points"]) for c in graded_cells(release))


def test_every_student_has_a_row(batch):
    _, rows, *_ = batch
    assert set(rows) == {"alice", "bob", "carol", "dave", "erin", "frank", "gina"}


def test_correct_and_blank(batch):
    _, rows, _, release, *_ = batch
    assert float(rows["alice"]["score"]) == _total(release) == float(rows["alice"]["max_score"])
    assert float(rows["bob"]["score"]) == 0


def test_invalid_and_missing_score_zero_with_reason(batch):
    _, rows, *_ = batch
    assert float(rows["carol"]["score"]) == 0 and "not a valid notebook" in rows["carol"]["notes"]
    assert float(rows["gina"]["score"]) == 0 and "no submission" in rows["gina"]["notes"]


def test_deleted_and_edited_test_cells_score_zero_there_only(batch):
    _, rows, _, release, *_ = batch
    total = _total(release)
    assert float(rows["dave"]["test_L1"]) == 0 and "test_L1 was deleted" in rows["dave"]["notes"]
    assert float(rows["dave"]["score"]) == total - 1
    assert float(rows["erin"]["test_sigmoid"]) == 0 and "edited" in rows["erin"]["notes"]
    assert float(rows["erin"]["score"]) == total - 1


def test_infinite_loop_is_interrupted_and_the_rest_graded(batch):
    _, rows, _, release, *_ = batch
    assert float(rows["frank"]["test_softmax"]) == 0
    assert "test_softmax: interrupted" in rows["frank"]["notes"]
    assert float(rows["frank"]["score"]) == _total(release) - 1


def test_feedback_hides_hidden_tests(batch):
    _, _, out, _, solved, _ = batch
    for student in ("alice", "bob", "dave", "erin", "frank"):
        html = (out / "feedback" / f"{student}.html").read_text()
        assert "BEGIN HIDDEN TESTS" not in html and "_ref_softmax" not in html, student
    assert "deleted" in (out / "feedback" / "dave.html").read_text()
    assert "not a valid notebook" in (out / "feedback" / "carol.html").read_text()
    bob = (out / "feedback" / "bob.html").read_text()
    assert "NotImplementedError" in bob


@pytest.fixture(scope="module")
def later_batch(batch, tmp_path_factory):
    """A second batch graded into the first one's folder, with edited test cells restored:
    hana hands in erin's notebook (solved, the sigmoid test weakened).  One batch for two
    checks that cannot hide each other: the earlier rows stay as they were, and the edited
    cell is graded with the original tests."""
    _, rows, out, *_ = batch
    late = tmp_path_factory.mktemp("late")
    nbformat.write(_weakened_sigmoid_test(), str(late / "hana.ipynb"))
    results = autograde(late, A, out, edited="restore", log=lambda *a: None, unsafe=UNSAFE)
    after = {r["student"]: r for r in csv.DictReader(open(out / "grades.csv"))}
    return results, rows, after


def _weakened_sigmoid_test():
    nb = solved_copy()
    for c in nb.cells:
        if nbgrader_meta(c).get("grade_id") == "test_sigmoid":
            c.source = "passed('sigmoid')"
    return nb


def test_a_later_batch_keeps_earlier_rows(later_batch):
    _, rows, after = later_batch
    assert set(after) == set(rows) | {"hana"}
    assert all(after[s] == rows[s] for s in rows)


def test_edited_test_cells_can_be_restored_instead(later_batch):
    results, *_ = later_batch
    assert results["hana"].scores["test_sigmoid"] == 1
    assert any("graded with the original tests" in n for n in results["hana"].notes)


def test_shards_in_parallel_merge_to_the_serial_result(batch, tmp_path):
    """--jobs 2 on two shards, then merge: the same grades.csv rows as one serial batch.
    (frank's 20-second loop is left out: it is graded by the serial batch, and sharding and
    merging treat his row as any other.)"""
    _, rows, *_, subs = batch
    some = tmp_path / "subs"
    shutil.copytree(subs, some, ignore=lambda d, names: ["frank"] if d == str(subs) else [])
    for k in (1, 2):
        autograde(some, A, tmp_path / f"part{k}", roster=["alice", "gina"], jobs=2,
                  shard=(k, 2), log=lambda *a: None, unsafe=UNSAFE)
    merge(A, [tmp_path / "part1", tmp_path / "part2"], tmp_path / "all", log=lambda *a: None)
    merged = {r["student"]: r for r in csv.DictReader(open(tmp_path / "all" / "grades.csv"))}
    assert merged == {s: row for s, row in rows.items() if s != "frank"}
    assert len(list((tmp_path / "all" / "feedback").glob("*.html"))) == len(merged)


def test_refuses_to_grade_without_a_sandbox(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "unavailable", lambda: "bubblewrap is not installed")
    with pytest.raises(CourseError, match="--unsafe-no-sandbox"):
        autograde(tmp_path, A, tmp_path / "out", log=lambda *a: None)


def test_autograded_notebooks_keep_every_cell_of_the_submission(batch):
    """The judge's calls into the kernel leave no trace in the notebook nbgrader stores."""
    _, _, out, release, *_ = batch
    graded = read_notebook(out / "course" / "autograded" / "alice" / A.id / A.notebook.name)
    assert len(graded.cells) == len(release.cells)
    assert [c.cell_type for c in graded.cells] == [c.cell_type for c in release.cells]
    assert graded.cells[0].source == release.cells[0].source
    assert not any("autograder.bridge" in c.source for c in graded.cells)


def test_grading_log_and_class_report(batch):
    """grading-log.jsonl says how each student's grading ended and how long it took; the class
    report (autograder/report.py) reads it with the gradebook."""
    import json
    from autograder.report import report
    _, rows, out, release, *_ = batch
    log = {e["student"]: e for e in map(json.loads, (out / "grading-log.jsonl").open())}
    assert set(rows) <= set(log)      # and hana, when test_a_later_batch_keeps_earlier_rows ran
    assert {s: log[s]["outcome"] for s in ("alice", "carol", "gina")} == \
        {"alice": "graded", "carol": "invalid", "gina": "missing"}
    assert log["frank"]["cells"]["test_softmax"] == "timeout"
    assert log["alice"]["seconds"] > 0 and log["gina"]["seconds"] == 0
    counts = report(A, out)
    assert (counts["students"], counts["missing"], counts["refused"], counts["timed_out"]) == \
        (len(log), 1, 1, 1)
    # alice, dave, erin (bob blank, frank loops), and hana when the later batch ran before this
    passed = {s for s, e in log.items() if e.get("cells", {}).get("test_softmax") == "passed"}
    assert {"alice", "dave", "erin"} <= passed and not passed & {"bob", "frank"}
    assert counts["pass"]["test_softmax"] == len(passed)
    # the grader writes each graded student's diagnosis file (issue 16), and the report reads them
    files = list((out / "course" / "diagnosis").glob(f"*/{A.id}.json"))
    assert counts["diagnosed"] == len(files) > 0
    assert f"Diagnoses recorded for {len(files)} students" in counts["html"].read_text()
