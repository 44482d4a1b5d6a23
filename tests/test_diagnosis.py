"""Issue 16: a failing function is named after the known mistake it behaves like.

The rules: a mistake is named only on an exact match (to 5 significant digits) of everything
the failing cell received before it failed; mistakes that match alike are all named; a crash
and a passing cell are never diagnosed; the notebook and the grader say the same; stale
fingerprints are refused by ``course check``.  The kernel tests run one assignment
(c1w2a2, about 15 s on a quiet machine): each catalogued mistake is installed in a kernel
and judged as grading judges it, with the committed tables.
"""
from __future__ import annotations

import json

import nbformat
import numpy as np
import pytest

import utils.testing as t
from autograder import diagnosis
from autograder.course import Assignment, nbgrader_meta, read_notebook

AID = "c1w2a2_logistic_regression"
COVERED = [AID, "c1w2a1_numpy_basics"]     # assignments whose fingerprints are committed


# --- the visible checks, in this process (as in a notebook, or in the grader) ------------------

class _Cell:
    """Run code as one test cell of a notebook (its own record of calls) with ``table``."""
    count = 0

    def __init__(self, table: dict):
        self.table = table

    def __enter__(self):
        _Cell.count += 1
        t._KNOWN["table"], t._KNOWN["cell"] = self.table, ("pytest", _Cell.count)
        return t._this_cell()

    def __exit__(self, *exc):
        t._KNOWN["table"] = t._KNOWN["cell"] = None


def _test_cell(fn):
    """A visible test: call the function on a fixed input, check the result."""
    x = np.array([[1.0, -2.0, 0.5, 3.0]])
    y = t.call("scale", fn, x)
    t.check("y", y, np.array([[0.25, -0.5, 0.125, 0.75]]), quiet=True)


def _mistake(x):                 # the catalogue's mistake: forgot to divide by m
    return x.sum(axis=0, keepdims=True) * 1.0


def _same_mistake_other_code(x):
    return np.add.reduce(x, axis=0, keepdims=True) + 1e-14


def _other_wrong(x):
    return x / 3


def _crashes(x):
    raise ValueError("boom")


def _key_of(fn) -> str:
    with _Cell({}) as cell:
        with pytest.raises(t.CheckFailure):
            _test_cell(fn)
        return cell["first"]


def _table(key: str, *names: str) -> dict:
    return {"format": diagnosis.FORMAT, "keys": {key: list(range(len(names)))},
            "mistakes": [{"function": "scale", "name": n, "says": f"the {n} mistake",
                          "hint": f"fix {n}"} for n in names]}


def _message(fn, table) -> str:
    with _Cell(table):
        try:
            _test_cell(fn)
        except t.CheckFailure as failure:
            return str(failure)
    return ""


def test_the_same_wrong_values_are_named_with_the_hint():
    table = _table(_key_of(_mistake), "not_averaged")
    message = _message(_same_mistake_other_code, table)
    assert "`scale` behaves exactly like a known mistake: the not_averaged mistake." in message
    assert "hint for this mistake: fix not_averaged" in message


def test_other_wrong_values_a_crash_and_a_pass_are_not_named():
    table = _table(_key_of(_mistake), "not_averaged")
    assert "known mistake" not in _message(_other_wrong, table)
    crash = _message(_crashes, table)
    assert "raised ValueError" in crash and "known mistake" not in crash
    assert _message(lambda x: x / 4, table) == ""           # passes: no message at all


def test_two_mistakes_that_match_alike_are_both_named():
    table = _table(_key_of(_mistake), "first", "second")
    message = _message(_mistake, table)
    assert "behaves exactly like 2 known mistakes" in message
    assert "- the first mistake." in message and "- the second mistake." in message


def test_hidden_checks_name_nothing_themselves():
    table = _table(_key_of(_mistake), "not_averaged")
    with _Cell(table), t.hidden_tests():
        with pytest.raises(t.CheckFailure) as failure:
            _test_cell(_mistake)
    assert "known mistake" not in str(failure.value)


def test_a_notebook_reads_the_released_table_next_to_it(tmp_path, monkeypatch):
    key = _key_of(_mistake)
    (tmp_path / t.KNOWN_MISTAKES_FILE).write_text(json.dumps(_table(key, "not_averaged")))
    monkeypatch.chdir(tmp_path)
    t._calls["cell"] = object()             # a new "cell" (no IPython here: key None)
    with pytest.raises(t.CheckFailure) as failure:
        _test_cell(_mistake)
    assert "the not_averaged mistake" in str(failure.value)


def test_canonical_forms_agree_across_the_grader_boundary():
    # the grader receives NumPy scalars as Python numbers: the same text either way
    assert t.canonical(np.float64(0.25)) == t.canonical(0.25)
    assert t.canonical(np.float32(0.1)) == t.canonical(float(np.float32(0.1)))
    assert t.canonical(np.int64(3)) == t.canonical(3)
    assert t.canonical({"b": 1.0, "a": np.zeros(2)}) == t.canonical({"a": np.zeros(2), "b": 1.0})
    assert t.canonical(1) != t.canonical(1.0)
    a = np.linspace(-3, 3, 50)
    assert t.canonical(a) == t.canonical(a * (1 + 1e-12))
    assert t.canonical(a) != t.canonical(a * (1 + 1e-3))
    assert t.canonical((a, 1.5)) != t.canonical([a, 1.5])


def _hidden_failure(received, table):
    """What the judge makes of a failure in a cell's hidden part, given what it received."""
    from types import SimpleNamespace
    from autograder.judge import TestOutcome
    diag = diagnosis.Diagnoser.__new__(diagnosis.Diagnoser)
    diag.visible, diag.hidden = {}, table
    judge = SimpleNamespace(received=list(received), last_diagnosis={"in_hidden": True},
                            diagnoser=diag)
    outcome = TestOutcome(False, "failed", "", "CheckFailure", "f(...): values differ from the "
                          "reference\n  got: ...")
    diagnosis.end_cell(judge, outcome)
    return outcome.evalue, judge.last_diagnosis


def test_a_hidden_failure_is_named_by_the_instructors_table_and_a_crash_is_not():
    seq = ["f=<function>", "f=" + t.canonical(np.arange(3.0)) + "|[]|{}"]
    key = diagnosis.hidden_key(seq, "f(...): values differ from the reference")
    table = _table(key, "off_by_one")
    evalue, info = _hidden_failure(seq, table)
    assert "`scale` behaves exactly like a known mistake: the off_by_one mistake." in evalue
    assert [m["name"] for m in info["mistakes"]] == ["off_by_one"]
    other = seq[:1] + ["f=" + t.canonical(np.arange(3.0) + 1e-3) + "|[]|{}"]
    assert "known mistake" not in _hidden_failure(other, table)[0]
    crashed = seq + ["raised:f:ValueError"]
    evalue, info = _hidden_failure(crashed, {**table, "keys": {
        diagnosis.hidden_key(crashed, "f(...): values differ from the reference"): [0]}})
    assert "known mistake" not in evalue and info["crash"] and info["mistakes"] == []


# --- stale fingerprints ---------------------------------------------------------------------------

def test_committed_fingerprints_are_fresh():
    assert diagnosis.stale() == []                    # every assignment that has them
    for aid in COVERED:
        assert (Assignment(aid).source_dir / diagnosis.VISIBLE_FILE).exists()


def test_stale_fingerprints_are_refused(monkeypatch):
    monkeypatch.setattr(diagnosis, "stamp", lambda aid: "changed")
    problems = diagnosis.stale(COVERED)
    assert any("known_mistakes.json is stale" in p for p in problems)
    assert any("fingerprints.json is stale" in p for p in problems)


def test_released_table_holds_no_solution():
    data = json.loads((Assignment(AID).release_notebook.parent / t.KNOWN_MISTAKES_FILE)
                      .read_text())
    assert set(data) == {"format", "assignment", "stamp", "mistakes", "keys"}
    assert all(set(m) == {"function", "name", "says", "hint"} for m in data["mistakes"])
    solution = read_notebook(Assignment(AID).notebook)
    code = [c.source for c in solution.cells if nbgrader_meta(c).get("solution")]
    text = json.dumps(data)
    assert not any(line.strip() in text for src in code for line in src.splitlines()
                   if len(line.strip()) > 25)


# --- every catalogued mistake, installed in a kernel and judged as grading judges it -------------

@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    a = Assignment(AID)
    entries = diagnosis.catalogue(AID)
    results = diagnosis.run_mistakes(a, tmp_path_factory.mktemp("diag"), entries=entries,
                                     diagnose=True, notebook=True)
    return entries, results


def test_recomputed_fingerprints_equal_the_committed_ones(judged):
    entries, results = judged
    visible, hidden = diagnosis.tables(AID, entries, results)
    d = Assignment(AID).source_dir
    assert visible == json.loads((d / diagnosis.VISIBLE_FILE).read_text())
    assert hidden == json.loads((d / diagnosis.HIDDEN_FILE).read_text())


def test_each_mistake_submitted_alone_is_named(judged):
    entries, results = judged
    named = 0
    for i, m in enumerate(entries):
        for gid, info in results[i]:
            if info["passed"]:
                assert not info.get("mistakes"), (m.name, gid)     # never on a passing cell
                continue
            if info.get("crash") or not (info.get("visible_key") or info.get("hidden_key")):
                # never on a crash; a failure raised by the test itself (not by a check) has
                # no key: neither is diagnosed
                assert not info.get("mistakes"), (m.name, gid)
                break
            names = [x["name"] for x in info["mistakes"]]
            assert m.name in names, (m.name, gid, info["message"])
            line = "behaves exactly like"
            assert line in info["message"], (m.name, info["message"])
            assert m.says.rstrip(".") in info["message"]
            if "notebook" in info and not info.get("in_hidden"):
                # the student's notebook says the same (its visible part, in the kernel)
                assert line in info["notebook"] and m.says.rstrip(".") in info["notebook"]
            named += 1
            break
    assert named >= len(entries) * 3 // 4, f"only {named} of {len(entries)} named"


# --- through the real grader: per-student JSON and feedback ------------------------------------
# Two students of the shared c1w2a1 class (conftest.py): one hands in a known mistake, one a
# mistake that crashes.

CLASS_AID = "c1w2a1_numpy_basics"
CLASS_MISTAKE, CLASS_CRASH = "L2__square_of_sum", "sigmoid__math_exp"


def c1w2a1_students(subs, handed_in, out, tmp_path_factory):
    from test_redteam import notebook
    entries = {f"{m.cell}__{m.name}": m for m in diagnosis.catalogue(CLASS_AID)}
    for student, label in (("diag_mistake", CLASS_MISTAKE), ("diag_crash", CLASS_CRASH)):
        m = entries[label]
        nbformat.write(notebook(Assignment(CLASS_AID), solved=True, replace={m.cell: m.source}),
                       str(subs / f"{student}.ipynb"))
    batch = yield
    return batch


def test_grading_names_the_mistake_in_feedback_and_json(c1w2a1_class):
    batch = c1w2a1_class["test_diagnosis"]
    out, rows = batch["out"], batch["rows"]
    assert 0 < float(rows["diag_mistake"]["score"]) < float(rows["diag_mistake"]["max_score"])

    def report(student):
        return json.loads((out / "course" / "diagnosis" / student / f"{CLASS_AID}.json")
                          .read_text())

    data = report("diag_mistake")
    assert data["assignment"] == CLASS_AID and data["student"] == "diag_mistake"
    cells = data["cells"]
    passing = [c for c in cells.values() if c["passed"]]
    assert passing and all(c["mistakes"] == [] for c in passing)     # never on a passing cell
    failing = [c for c in cells.values() if not c["passed"]]
    cell, name = CLASS_MISTAKE.split("__")
    assert [c["function_cell"] for c in failing] == [cell]
    assert [m["name"] for m in failing[0]["mistakes"]] == [name]
    page = (out / "feedback" / "diag_mistake.html").read_text()
    assert f"`{cell}` behaves exactly like a known mistake" in page
    crashed = report("diag_crash")["cells"]
    errors = [c for c in crashed.values() if c.get("error") == "crash"]
    assert errors and all(c["mistakes"] == [] for c in errors)       # a crash is not diagnosed
    assert "known mistake" not in (out / "feedback" / "diag_crash.html").read_text()
