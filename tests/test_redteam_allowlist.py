"""Another module answers the assignment (issue 21, section 1): the sandbox is an allow-list.

A student's kernel holds only the ``utils`` modules its assignment's notebook imports
(``solutions/<id>/sandbox.json``, computed and checked by ``autograder/allowlist.py``), and none
of them may answer one of the assignment's graded functions, by name or by behaviour.

* For every assignment, ``course check``'s own sandbox check finds nothing.
* Attacks that call another visible module instead of writing the function (they scored on the
  deny-list sandbox, where every module without the assignment in its ``TAUGHT_IN`` was
  visible) are graded through ``course autograde`` and score nothing.
* The allow-list computation itself, and the check failing on the old deny-list's view.
"""
from __future__ import annotations

import ast
from pathlib import Path
import subprocess
import sys

import nbformat
import pytest

from autograder import allowlist as al
from autograder import sandbox
from autograder.course import Assignment, assignments
from autograder.grading import autograde
from test_redteam import notebook          # the red-team suite's student notebooks

IDS = [a.id for a in assignments()]


# --- (a) for every assignment, no visible module answers a graded function --------------------

@pytest.mark.parametrize("assignment", assignments(), ids=IDS)
def test_no_visible_module_answers_a_graded_function(assignment):
    problems = al.problems(assignment)
    assert not problems, "\n".join(problems)


def test_every_graded_function_with_plain_results_is_probed():
    """The behaviour check has inputs for the functions it can compare (not for the ones that
    build models or layers, which only the name check covers)."""
    for aid in ("c1w2a1_numpy_basics", "c1w3a1_planar_classification", "c2w1a1_initialization",
                "c2w2a1_optimization", "c5w1a1_rnn_step_by_step"):
        coverage = al.probe_coverage(Assignment(aid))
        assert all(n >= 3 for n in coverage.values()), (aid, coverage)


# --- (c) the allow-list computation ---------------------------------------------------------------

def _uses(code: str):
    return al.source_uses(code)


def test_closure_follows_module_imports_and_only_the_lazy_imports_of_used_functions():
    # numerical_gradient needs nothing lazy; gradient_check_n's default cost imports utils.dnn
    assert set(al.closure(_uses("from utils.gradcheck import numerical_gradient"))) == {
        "utils.gradcheck", "utils.paramvec", "utils.testing"}
    whole = al.closure(_uses("import utils.gradcheck"))
    assert "utils.dnn" in whole and whole["utils.dnn"] == "utils.gradcheck._network_cost"
    assert "utils.activations" in whole                     # utils.dnn's own import
    via = al.closure(_uses("from utils.gradcheck import gradient_check_n"))
    assert "utils.dnn" in via


def test_closure_of_a_package_member_runs_the_package():
    got = al.closure(_uses("from utils.nn import conv"))
    assert {"utils.nn", "utils.nn.conv", "utils.nn.layers", "utils.nn.recurrent"} <= set(got)
    assert "utils" not in got


def test_guarded_imports_are_optional_and_hidden_tests_do_not_count():
    uses = _uses("def f():\n    try:\n        from utils.nn import conv\n"
                 "    except ImportError:\n        return None\n")
    assert uses and all(u.optional for u in uses)
    assert al.closure(uses) == {}
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("from utils.testing import check\n%matplotlib inline"),
        nbformat.v4.new_code_cell("from utils.dnn import predict\n### BEGIN HIDDEN TESTS\n"
                                  "from utils.resnet import ResNetSmall\n"
                                  "### END HIDDEN TESTS",
                                  metadata={"nbgrader": {"grade": True, "solution": False,
                                                         "grade_id": "t", "points": 1}})])
    # the visible part of a test cell runs in the student's kernel; the hidden tests do not
    assert {u.module for u in al.notebook_uses(nb)} == {"utils.testing", "utils.dnn"}
    assert {u.module for u in al.notebook_uses(nb, tests=False)} == {"utils.testing"}


def test_check_refuses_a_visible_test_import_the_list_does_not_allow(monkeypatch):
    a = Assignment("c4w1a2_conv_application")
    allow = [m for m in al.allowed(a.id) if m != "utils.architecture"]
    monkeypatch.setattr(al, "allowed", lambda aid: allow)
    problems = al.import_problems(a)
    assert any("imports utils.architecture" in p for p in problems), problems


def test_check_refuses_a_visible_test_that_imports_the_reference(monkeypatch):
    a = Assignment("c2w3a1_framework_intro")
    nb = nbformat.read(a.notebook, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")
                == "test_one_hot_matrix")
    cell.source = "from utils.softmax_net import one_hot_matrix as _r\n" + cell.source
    read = al.read_notebook
    monkeypatch.setattr(al, "read_notebook", lambda path: nb if path == a.notebook else read(path))
    problems = al.import_problems(a)
    assert any("a visible test imports utils.softmax_net" in p for p in problems), problems
    assert any("sandbox does not allow" in p and "utils.softmax_net" in p for p in problems)


def test_declarations_are_what_the_notebooks_need():
    for a in assignments():
        assert al.allowed(a.id) == sorted(al.needed(a)), a.id
        # TAUGHT_IN is information now, and still agrees
        for m in al.allowed(a.id):
            assert a.id not in al.taught_in(al.module_file(m)), (a.id, m)


def test_check_fails_on_an_import_the_list_does_not_allow(monkeypatch):
    a = Assignment("c1w3a1_planar_classification")
    monkeypatch.setattr(al, "allowed", lambda aid: ["utils.testing", "utils.widgets"])
    problems = al.import_problems(a)
    assert any("imports utils.data" in p for p in problems), problems
    assert any("imports utils.plot" in p for p in problems), problems
    monkeypatch.setattr(al, "allowed", lambda aid: ["utils.data", "utils.dnn", "utils.plot",
                                                    "utils.testing", "utils.widgets"])
    assert any("allows utils.dnn" in p for p in al.import_problems(a))


@pytest.mark.parametrize("aid, modules, expected", [
    # the deny list's view: every module whose TAUGHT_IN does not name the assignment
    ("c1w2a1_numpy_basics", ["utils.activations", "utils.rnn_utils"],
     ["utils.rnn_utils.sigmoid", "utils.activations.sigmoid"]),
    ("c1w3a1_planar_classification", ["utils.dnn", "utils.dnn_update", "utils.threelayer"],
     ["utils.dnn.compute_cost", "utils.dnn_update.update_parameters",
      "utils.threelayer.compute_cost"]),
    ("c2w2a1_optimization", ["utils.dnn_update"], ["utils.dnn_update.update_parameters"]),
    ("c5w1a1_rnn_step_by_step", ["utils.nn.recurrent"], ["utils.nn.recurrent.lstm_forward"]),
])
def test_check_finds_modules_that_answer(aid, modules, expected):
    """The check's own function, run on the modules the old deny list left visible."""
    problems = "\n".join(al.answer_problems(Assignment(aid), modules=modules))
    for label in expected:
        assert label in problems, problems


def test_behaviour_check_compares_results_not_names():
    """A visible function under another name that returns the answer is found by behaviour."""
    problems = al.answer_problems(Assignment("c1w2a1_numpy_basics"), modules=["utils.rnn_utils"])
    assert any("utils.rnn_utils.sigmoid computes what the graded function sigmoid" in p
               for p in problems), problems
    assert al._answers((1.0, 2.0), (1.0, 2.0))
    assert not al._answers({"W1": [1.0]}, {"W1": [1.5]})


def test_sandbox_tree_holds_only_the_allow_list(tmp_path):
    withheld = sandbox.build_course_tree(tmp_path, "c1w3a1_planar_classification")
    assert "utils.dnn" in withheld and "utils.nn" in withheld and "utils.testing" not in withheld
    for m in al.allowed("c1w3a1_planar_classification"):
        assert (tmp_path / al.module_file(m).relative_to(al.ROOT)).read_text() == \
            al.module_file(m).read_text()
    assert (tmp_path / "autograder" / "bridge.py").is_file()
    assert (tmp_path / "autograder" / "plaindata.py").is_file()
    for code in ("import utils.dnn", "from utils.nn import recurrent", "import utils.activations"):
        proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                              text=True, env={"PYTHONPATH": str(tmp_path)})
        assert proc.returncode != 0
        assert "is not part of c1w3a1_planar_classification" in proc.stderr, proc.stderr
    proc = subprocess.run([sys.executable, "-c", "import utils.data, utils.plot, utils.testing"],
                          cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(tmp_path), "MPLBACKEND": "Agg"})
    assert proc.returncode == 0, proc.stderr


# --- (b) attacks through other modules, graded ----------------------------------------------------

GLUE = {
    "c1w2a1_numpy_basics": {
        "sigmoid": "def sigmoid(x):\n    from utils.rnn_utils import sigmoid as s\n"
                   "    return s(x)\n",
        "sigmoid_derivative": "def sigmoid_derivative(x):\n"
                              "    from utils.activations import sigmoid_backward\n"
                              "    x = np.asarray(x, dtype=float)\n"
                              "    return sigmoid_backward(np.ones_like(x), x)\n",
        "softmax": "def softmax(x):\n    from utils.rnn_utils import softmax as s\n"
                   "    return s(np.asarray(x, dtype=float).T).T\n"},
    "c1w3a1_planar_classification": {
        "compute_cost": "def compute_cost(A2, Y):\n    from utils.dnn import compute_cost as c\n"
                        "    return c(A2, Y)\n",
        "update_parameters": "def update_parameters(parameters, grads, learning_rate=1.2):\n"
                             "    try:\n        from utils.dnn_update import update_parameters as u\n"
                             "    except ImportError:\n"
                             "        from utils.dnn import update_parameters as u\n"
                             "    return u(parameters, grads, learning_rate)\n"},
    "c2w1a1_initialization": {
        "initialize_parameters_zeros":
            "def initialize_parameters_zeros(layers_dims):\n"
            "    from utils.threelayer import initialize_parameters as i\n"
            "    return {k: v * 0 for k, v in i(layers_dims).items()}\n",
        "initialize_parameters_random":
            "def initialize_parameters_random(layers_dims):\n"
            "    from utils.threelayer import initialize_parameters as i\n"
            "    p = i(layers_dims)\n    for l in range(1, len(layers_dims)):\n"
            "        p[f'W{l}'] = p[f'W{l}'] * np.sqrt(layers_dims[l - 1]) * 10\n    return p\n",
        "initialize_parameters_he":
            "def initialize_parameters_he(layers_dims):\n"
            "    from utils.threelayer import initialize_parameters as i\n"
            "    p = i(layers_dims)\n    for l in range(1, len(layers_dims)):\n"
            "        p[f'W{l}'] = p[f'W{l}'] * np.sqrt(2)\n    return p\n"},
    "c5w1a1_rnn_step_by_step": {
        "rnn_cell_forward":
            "def rnn_cell_forward(xt, a_prev, parameters):\n"
            "    from utils.nn import recurrent as R\n    p = parameters\n"
            "    out, _ = R.simple_rnn_forward(xt.T[:, None, :], p['Wax'].T, p['Waa'].T,\n"
            "                                  p['ba'][:, 0], a_prev.T)\n"
            "    a_next = out[:, 0, :].T\n    yt_pred = softmax(p['Wya'] @ a_next + p['by'])\n"
            "    return a_next, yt_pred, (a_next, a_prev, xt, parameters)\n",
        "rnn_cell_backward":
            "def rnn_cell_backward(da_next, cache):\n    from utils.nn import recurrent as R\n"
            "    a_next, a_prev, xt, p = cache\n"
            "    out, c = R.simple_rnn_forward(xt.T[:, None, :], p['Wax'].T, p['Waa'].T,\n"
            "                                  p['ba'][:, 0], a_prev.T)\n"
            "    dx, dk, drk, db, dh0 = R.simple_rnn_backward(da_next.T[:, None, :], c)\n"
            "    return {'dxt': dx[:, 0, :].T, 'da_prev': dh0.T, 'dWax': dk.T, 'dWaa': drk.T,\n"
            "            'dba': db[:, None]}\n"},
    # the framework's own attention, which the kernel needs for the Transformer: kept off
    # limits by name (autograder/offlimits.py), here reached through a string
    "c5w4a1_transformer": {
        "scaled_dot_product_attention":
            "def scaled_dot_product_attention(q, k, v, mask):\n"
            "    import utils.nn.attention as A\n"
            "    out, w = getattr(A, 'dot_product_attention')(q, k, v, mask, return_weights=True)\n"
            "    return np.asarray(out.data), np.asarray(w.data)\n"},
}


def test_glue_computes_the_answers():
    """The attacks are real: run here against the full utils/, each one returns what the
    solution returns on its test inputs (so only the sandbox stands between them and points)."""
    from autograder.course import read_notebook
    for aid, replace in GLUE.items():
        a = Assignment(aid)
        refs = al.references(read_notebook(a.notebook))
        inputs, _ = al.probe_inputs(a)
        ns = dict(refs)
        for g, source in replace.items():
            exec(source, ns)
            assert inputs[g], (aid, g)
            for args, kwargs in inputs[g]:
                ok, want = al._call(refs[g], args, kwargs, 10)
                ok2, got = al._call(ns[g], args, kwargs, 10)
                assert ok and ok2 and al._same(want, got), (aid, g)


needs_sandbox = pytest.mark.skipif(sandbox.unavailable() is not None,
                                   reason=f"no sandbox here: {sandbox.unavailable()}")


@needs_sandbox
@pytest.mark.parametrize("aid", list(GLUE))
def test_glue_through_another_module_scores_nothing(aid, tmp_path):
    a = Assignment(aid)
    subs = tmp_path / "subs"
    subs.mkdir()
    # everything else solved: only the glued functions are at stake
    nbformat.write(notebook(a, solved=True, replace=GLUE[aid]), str(subs / "glue.ipynb"))
    results = autograde(subs, a, tmp_path / "out", log=lambda *x: None)
    scores = results["glue"].scores
    for g in GLUE[aid]:
        assert scores[f"test_{g}"] == 0, (g, scores)
    if len(scores) > len(GLUE[aid]):           # the honest part of the notebook still counts
        assert results["glue"].total > 0, scores


def test_the_behaviour_check_writes_nothing_into_the_checkout(monkeypatch):
    """A module function called with a test's inputs may write a file named after one of them
    (c5w3a2's write_wav took a tuple as its path): the check runs in a scratch folder."""
    here = Path.cwd()

    def writes(a, seconds, modules):
        Path("(950, 1430)").write_text("a file named after an input")
        return [str(Path.cwd())]
    monkeypatch.setattr(al, "_answer_problems", writes)
    [where] = al.answer_problems(Assignment("c1w2a1_numpy_basics"), modules=[])
    assert Path(where) != here and not (here / "(950, 1430)").exists()
    assert not Path(where).exists()
