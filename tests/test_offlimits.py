"""Framework names kept off limits for an exercise (autograder/offlimits.py): what counts as a
use, and what ``course check`` says about the declarations.  The graded attack is in
tests/test_redteam_allowlist.py (GLUE, c5w4a1)."""
import nbformat
import pytest

from autograder import offlimits
from autograder.course import Assignment, read_notebook

DECLARED = {"attend": {"dot_product_attention": "utils.nn.attention"}}


def _nb(*sources, test=None):
    cells = [nbformat.v4.new_code_cell(s) for s in sources]
    if test is not None:
        cell = nbformat.v4.new_code_cell(test)
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": "test_attend", "points": 1,
                                     "locked": True, "solution": False}
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells)


@pytest.mark.parametrize("source", [
    "from utils.nn.attention import dot_product_attention",
    "import utils.nn.attention as A\nout = A.dot_product_attention(q, k, v)",
    "f = getattr(A, 'dot_product_attention')",
    "f = getattr(A, f'dot_product_attention')",
    "f = vars(A)[\"x_dot_product_attention_y\"[2:-2]]",
    "%time out = dot_product_attention(q, k, v)",
    "def attend(q, k, v:\n    return dot_product_attention(q, k, v)",      # does not parse
])
def test_a_use_is_found(source):
    nb = _nb("import numpy as np", source)
    assert offlimits.uses(nb, nb, DECLARED) == {"attend": ["dot_product_attention"]}


@pytest.mark.parametrize("source", [
    "# not dot_product_attention: softmax(q k^T / sqrt(d)) v by hand",
    "def attend(q, k, v):\n    '''Like the framework's attention.'''\n    return q @ k.T @ v",
    "my_dot_product_attention_notes = 1",        # a longer name is another name
])
def test_comments_and_other_names_are_not_uses(source):
    nb = _nb(source)
    assert offlimits.uses(nb, nb, DECLARED) == {}


def test_the_release_test_cells_are_not_read():
    release = _nb("x = 1", test="from utils.nn.attention import dot_product_attention")
    assert offlimits.uses(release, release, DECLARED) == {}


def test_the_note_names_module_and_function():
    nb = _nb("y = dot_product_attention(q, k, v)")
    note = offlimits.notes(DECLARED, offlimits.uses(nb, nb, DECLARED))["attend"]
    assert "utils.nn.attention.dot_product_attention" in note and note.startswith("attend ")


def test_c5w4a1_declares_the_framework_attention_and_its_solution_is_clean():
    found = offlimits.off_limits("c5w4a1_transformer")
    assert set(found["scaled_dot_product_attention"]) >= {
        "dot_product_attention", "scaled_dot_product_attention_forward"}
    assert offlimits.problems(Assignment("c5w4a1_transformer")) == []


def test_check_reports_a_declaration_of_no_graded_function(monkeypatch):
    real = offlimits._declared

    def declared(path):
        value = dict(real(path))
        if path.name == "attention.py":
            value["c5w4a1_transformer"] = {"no_such_exercise": ("dot_product_attention",),
                                           "scaled_dot_product_attention": ("not_defined",)}
        return value
    monkeypatch.setattr(offlimits, "_declared", declared)
    problems = "\n".join(offlimits.problems(Assignment("c5w4a1_transformer")))
    assert "no_such_exercise, which is not one of its graded functions" in problems
    assert "not_defined, which utils.nn.attention does not define" in problems
