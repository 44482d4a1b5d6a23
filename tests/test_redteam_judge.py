"""Expected values come only from the grader's own references and the test's own inputs.

* A c1w4a2 student who swaps the notebook's initialisation helpers for a degenerate one and
  hard-codes the visible answers (issue 21, section 2) scores nothing on the functions it did not
  write, and costs the grader little time and memory.
* The judge refuses any kernel name a test cell may not use, without asking the kernel.
* ``course check`` reports a test cell that reads such a name, or binds a name a later cell
  reads (issue 14: c4w2a2's test replaced the trained ``model``).
"""
from __future__ import annotations

import csv
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder import plaindata, sandbox
from autograder.course import ROOT, Assignment, read_notebook
from autograder.judge import Judge
from autograder.kernel import KernelSession
from autograder.testcells import (allowed_kernel_names, lookup_violations, notebook_violations,
                                  state_violations)
from test_redteam import notebook

APP = Assignment("c1w4a2_deep_nn_application")

# --- the c1w4a2 attack --------------------------------------------------------------------------

# The notebook's helpers replaced by an all-zero initialisation: a network whose weights stay 0,
# so that "training" only moves the output bias, a scalar recurrence any cheat can compute.
DEGENERATE = '''
import numpy as np
from utils.dnn import initialize_parameters as _real_init, initialize_parameters_deep as _real_deep

def initialize_parameters(n_x, n_h, n_y):
    return {"W1": np.zeros((n_h, n_x)), "b1": np.zeros((n_h, 1)),
            "W2": np.zeros((n_y, n_h)), "b2": np.zeros((n_y, 1))}

def initialize_parameters_deep(layers_dims):
    p = {}
    for l in range(1, len(layers_dims)):
        p[f"W{l}"] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        p[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return p

def _no_network(params, X, Y, learning_rate, num_iterations, print_cost):
    """What gradient descent from all-zero weights gives: with a hidden layer only the output
    bias moves; without one, it is logistic regression."""
    L, costs = len(params) // 2, []
    w = np.zeros((1, X.shape[0])) if L == 1 else None
    b = 0.0
    for i in range(num_iterations):
        a = 1 / (1 + np.exp(-((w @ X) if w is not None else 0.0) - b))
        if i % 100 == 0:
            costs.append(float(-np.mean(Y * np.log(a) + (1 - Y) * np.log(1 - a))))
            if print_cost:
                print(f"Cost after iteration {i}: {costs[-1]}")
        if w is not None:
            w = w - learning_rate * (a - Y) @ X.T / X.shape[1]
        b -= learning_rate * float(np.mean(a - Y))
    params[f"b{L}"] = np.full((1, 1), b)
    if w is not None:
        params["W1"] = w
    return params, costs
'''

# The visible tests' inputs get the right answers (as if copied from a correct run); every
# other input gets the degenerate "training".
CHEAT = {
    "two_layer_model": '''
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    if X.shape == (5, 12):                                     # the visible test's problem
        return _honest_two_layer(X, Y, layers_dims, learning_rate, num_iterations)
    return _no_network(initialize_parameters(*layers_dims), X, Y, learning_rate, num_iterations,
                       print_cost)
''',
    "L_layer_model": '''
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    if X.shape[1] == 12 and list(layers_dims)[0] == X.shape[0] == 5:   # the visible problem
        return _honest_L_layer(X, Y, layers_dims, learning_rate, num_iterations)
    return _no_network(initialize_parameters_deep(layers_dims), X, Y, learning_rate,
                       num_iterations, print_cost)
''',
}


def _honest_code() -> str:
    """The solution's two functions, renamed, started from the real initialisation: the
    stand-in for the visible answers a cheat would have copied."""
    sources = {}
    for cell in read_notebook(APP.notebook).cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in CHEAT:
            sources[gid] = cell.source
    two = (sources["two_layer_model"].replace("def two_layer_model(", "def _honest_two_layer(")
           .replace("initialize_parameters(", "_real_init("))
    deep = (sources["L_layer_model"].replace("def L_layer_model(", "def _honest_L_layer(")
            .replace("initialize_parameters_deep(", "_real_deep("))
    return two + "\n\n" + deep


# Runs a command and prints the peak RSS of its process tree. A process forked from pytest
# (hundreds of MB by the end of a full run) starts its ru_maxrss at pytest's size, since Linux
# keeps the high-water mark across exec: the grading is started from this small process instead.
_PEAK_OF = ("import resource, subprocess, sys\n"
            "code = subprocess.call(sys.argv[1:])\n"
            "print(f'\\nPEAK_KB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}')\n"
            "sys.exit(code)\n")


def _run_course_autograde(subs: Path, out: Path) -> tuple[int, float, float, str]:
    """``course autograde`` in a process of its own: (exit code, seconds, peak MB of the largest
    process of its tree, output)."""
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _PEAK_OF, sys.executable, "-m",
                           "autograder.cli", "autograde", str(subs), APP.id, "--out", str(out)],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.decode(errors="replace")
    peak = re.findall(r"^PEAK_KB (\d+)$", output, re.M)
    assert peak, output[-2000:]
    return proc.returncode, time.monotonic() - start, int(peak[-1]) / 1024, output


@pytest.mark.skipif(sandbox.unavailable() is not None,
                    reason=f"no sandbox here: {sandbox.unavailable()}")
def test_degenerate_initialisation_and_hard_coded_answers_earn_nothing(tmp_path):
    """It scored 4/4 when the hidden references trained from the kernel's helpers."""
    subs = tmp_path / "subs"
    subs.mkdir()
    nb = notebook(APP, DEGENERATE + "\n" + _honest_code(), replace=CHEAT)
    # A student may delete ordinary cells: keep the imports, the attack and the graded cells,
    # so that grading this student costs little more than judging its test cells.
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    nb.cells = code_cells[:2] + [c for c in code_cells[2:] if c.metadata.get("nbgrader")]
    nbformat.write(nb, str(subs / "cheat.ipynb"))
    code, seconds, peak_mb, output = _run_course_autograde(subs, tmp_path / "out")
    assert code == 0, output
    with open(tmp_path / "out" / "grades.csv", newline="") as handle:
        rows = {r["student"]: r for r in csv.DictReader(handle)}
    assert float(rows["cheat"]["score"]) == 0, rows["cheat"]
    student = re.search(r"cheat\s+\S+\s+\(([0-9.]+) s\)", output)
    print(f"c1w4a2 attack through course autograde: 0 points; the student graded in "
          f"{student.group(1) if student else '?'} s, {seconds:.0f} s with the batch's set-up, "
          f"largest process {peak_mb:.0f} MB")
    assert peak_mb < 500, f"the largest process of the grading used {peak_mb:.0f} MB"


def test_judging_the_attack_costs_the_grader_little(tmp_path):
    """What the judge itself spends on the two test cells (it was over a minute and 0.5 GB
    when the references called the kernel's helpers)."""
    nb = notebook(APP, DEGENERATE + "\n" + _honest_code(), replace=CHEAT)
    solution = read_notebook(APP.notebook)
    tests = {c.metadata["nbgrader"]["grade_id"]: c.source for c in solution.cells
             if c.metadata.get("nbgrader", {}).get("grade")}
    allowed = allowed_kernel_names(solution)
    with KernelSession(tmp_path, APP.id, timeout=120) as kernel:
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if cell.cell_type == "code" and gid not in tests and (
                    cell.metadata.get("nbgrader") or "import" in cell.source):
                kernel.run(cell.source)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.monotonic()
        results = {gid: kernel.test(source, allowed[gid]) for gid, source in tests.items()}
        seconds = time.monotonic() - start
        # growth of this process's peak resident memory (the judge runs here)
        peak_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert not any(r.passed for r in results.values()), results
    print(f"judging c1w4a2's two test cells: {seconds:.1f} s, {peak_mb:.1f} MB")
    assert seconds < 60 and peak_mb < 100, (seconds, peak_mb)


def test_the_c1w4a2_references_start_from_the_graders_initialisation():
    allowed = allowed_kernel_names(read_notebook(APP.notebook))
    assert allowed == {"test_two_layer_model": {"two_layer_model"},
                       "test_L_layer_model": {"L_layer_model"}}


# --- the judge refuses a name it may not look up ------------------------------------------------

class RecordingLink:
    """A kernel link that records every request the judge sends (and answers none)."""

    def __init__(self, in_dir: Path):
        self.in_dir, self.requests = in_dir, []

    def run(self, code: str, timeout: float):
        for path in sorted(self.in_dir.glob("req-*.json")):
            self.requests.append(plaindata.loads(path.read_bytes()))
        return "ok", ""


def _judge(tmp_path: Path) -> tuple[Judge, RecordingLink]:
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    link = RecordingLink(tmp_path / "in")
    return Judge(link, tmp_path / "in", tmp_path / "out", cell_timeout=5), link


def test_the_judge_refuses_a_lookup_it_may_not_make_and_asks_the_kernel_nothing(tmp_path):
    judge, link = _judge(tmp_path)
    source = ("params = initialize_parameters(3, 2, 1)\n"
              "check('two_layer_model', two_layer_model(params), 1.0)")
    outcome = judge.run_test_cell(source, {"two_layer_model"})
    assert not outcome.passed and outcome.status == "refused"
    assert outcome.ename == "TestAuthoringError"
    assert "initialize_parameters" in outcome.evalue and "not your code" in outcome.evalue
    assert "two_layer_model" not in outcome.evalue.split(" from ")[0]
    assert link.requests == []                       # not even the allowed name was asked for


def test_the_judge_asks_for_an_allowed_name(tmp_path):
    judge, link = _judge(tmp_path)
    outcome = judge.run_test_cell("two_layer_model(1)", {"two_layer_model"})
    assert not outcome.passed                         # the recording kernel never answers
    assert [r.get("op") for r in link.requests] == ["lookup"]
    assert link.requests[0].get("name") == "two_layer_model"


# --- course check on small synthetic notebooks --------------------------------------------------

def _cell(kind: str, source: str, gid: str | None = None, points: int = 1):
    cell = nbformat.v4.new_code_cell(source)
    if kind == "solution":
        cell.metadata["nbgrader"] = {"grade": False, "grade_id": gid, "locked": False,
                                     "schema_version": 3, "solution": True, "task": False}
    elif kind == "test":
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": gid, "locked": True,
                                     "points": points, "schema_version": 3, "solution": False,
                                     "task": False}
    return cell


def _synthetic(test_f: str, test_g: str, after: str = "print(result)"):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _cell("plain", "import numpy as np\nfrom utils.dnn import initialize_parameters"),
        _cell("solution", "def f(x):\n    return 2 * x", "f"),
        _cell("test", test_f, "test_f"),
        _cell("solution", "def g(x):\n    return f(x) + 1", "g"),
        _cell("test", test_g, "test_g"),
        _cell("plain", "result = g(3)"),
        _cell("plain", after),
    ]
    return nb


GOOD_F = "check('f(2)', f(2), 4)\n### BEGIN HIDDEN TESTS\n_x = np.ones(3)\n### END HIDDEN TESTS"
GOOD_G = ("with depends_on('g', needs('f', f, 1, expected=2)):\n"
          "    _out = call('g', g, 2)\n"
          "check('g(2)', _out, 5)")


def test_course_check_passes_a_notebook_that_keeps_the_rules():
    nb = _synthetic(GOOD_F, GOOD_G)
    assert notebook_violations(nb) == []
    assert allowed_kernel_names(nb) == {"test_f": {"f"}, "test_g": {"g", "f"}}


@pytest.mark.parametrize("test_g, name, words", [
    # an expected value from the notebook's own helper (c1w4a2's old hidden reference)
    ("check('g(2)', g(2), initialize_parameters(1, 1, 1)['b1'][0, 0] + 5)",
     "initialize_parameters", "not a graded function"),
    # an earlier graded function used for the expected value, not only for diagnosis
    ("check('g(2)', g(2), f(2) + 1)", "f", "outside needs"),
    # inside needs, but as the expected value
    ("with depends_on('g', needs('f', f, 1, expected=f(1))):\n    check('g', g(2), 5)",
     "f", "outside needs"),
])
def test_course_check_fails_a_test_that_reads_a_kernel_name_it_may_not(test_g, name, words):
    found = lookup_violations(_synthetic(GOOD_F, test_g))
    assert [(v.cell, v.index, v.name) for v in found] == [("test_g", 4, name)]
    assert words in found[0].problem and "may not" in found[0].problem


def test_an_earlier_exercise_declared_as_a_maker_of_inputs_is_allowed():
    """c4w2a2's fine_tune is given the student's own transfer_model: declared, it may be
    looked up; a declaration names only earlier graded functions (never a helper or a later
    exercise), and nothing undeclared is let through."""
    test_g = ("# inputs from earlier exercises: f\n"
              "check('g(f(1))', call('g', g, f(1)), 3)")
    nb = _synthetic(GOOD_F, test_g)
    assert lookup_violations(nb) == []
    assert allowed_kernel_names(nb)["test_g"] == {"g", "f"}
    bad = ("# inputs from earlier exercises: initialize_parameters, g\n"
           "check('f', f(initialize_parameters(1, 1, 1)['b1'][0, 0]), 0)")
    found = lookup_violations(_synthetic(bad, GOOD_G))
    assert [(v.cell, v.name) for v in found] == [("test_f", "initialize_parameters")]
    assert allowed_kernel_names(_synthetic(bad, GOOD_G))["test_f"] == {"f"}


def test_a_later_graded_function_is_no_diagnosis():
    test_f = "with depends_on('f', needs('g', g, 1, expected=3)):\n    check('f', f(1), 2)"
    found = lookup_violations(_synthetic(test_f, GOOD_G))
    assert [(v.cell, v.index, v.name) for v in found] == [("test_f", 2, "g")]


def test_course_check_fails_a_test_that_binds_a_name_a_later_cell_reads():
    # test_g sets `result`, which cell 6 reads: fine only because cell 5 rebinds it first
    nb = _synthetic(GOOD_F, GOOD_G + "\nresult = 0")
    assert state_violations(nb) == []
    # the c4w2a2 bug: a test rebinds `model` and a later cell keeps training it
    nb = _synthetic(GOOD_F, GOOD_G + "\nmodel = call('g', g, 0)",
                    after="model = g(model)\nprint(model)")
    found = state_violations(nb)
    assert [(v.cell, v.index, v.name) for v in found] == [("test_g", 4, "model")]
    assert "cell 6 reads afterwards" in found[0].problem and "never change" in found[0].problem


def test_course_check_reports_every_problem_of_every_assignment(tmp_path, monkeypatch):
    from autograder import cli, course
    for aid, test_g in (("a1_bad", "check('g', g(2), f(2) + 1)\nresult = 0"),
                        ("a2_good", GOOD_G)):
        (tmp_path / aid).mkdir()
        nb = _synthetic(GOOD_F, test_g, after="print(result)")
        nb.cells.pop(5)                               # nothing rebinds `result` before cell 5
        nbformat.write(nb, str(tmp_path / aid / f"{aid}.ipynb"))
    monkeypatch.setattr(course, "SOLUTIONS", tmp_path)
    problems = cli.test_cell_problems()
    assert len(problems) == 2 and all(p.startswith("a1_bad: test_g (cell 4): ") for p in problems)
    assert any(": f: " in p and "looks up f" in p for p in problems)
    assert any(": result: " in p and "cell 5 reads afterwards" in p for p in problems)
