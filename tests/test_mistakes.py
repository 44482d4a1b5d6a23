"""The catalogue of known mistakes (autograder/mistakes.py): every catalogue loads, a stale
patch is reported by the mistake's name, and the converter rebuilds each mutant file."""
from __future__ import annotations

import re

import nbformat
import pytest

from autograder import course, mistakes
from autograder.course import assignments
from autograder.mistakes import PatchError, _code

SOLUTION = '''def cost(A, Y):
    """Cross-entropy cost.

    A -- probabilities, shape (1, m)
    """
    m = Y.shape[1]
    ### BEGIN SOLUTION
    losses = -(Y * np.log(A) + (1 - Y) * np.log(1 - A))   # (1, m)
    total = np.sum(losses) / m
    ### END SOLUTION
    return float(total)'''


@pytest.fixture
def toy(tmp_path, monkeypatch):
    """A course of one assignment, ``toy``, with one solution cell ``cost``."""
    root = tmp_path / "solutions"
    (root / "toy").mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("%matplotlib inline\nimport numpy as np"))
    cell = nbformat.v4.new_code_cell(SOLUTION)
    cell.metadata["nbgrader"] = {"grade": False, "grade_id": "cost", "locked": False,
                                 "schema_version": 3, "solution": True, "task": False}
    nb.cells.append(cell)
    nbformat.write(nb, str(root / "toy" / "toy.ipynb"))
    monkeypatch.setattr(course, "SOLUTIONS", root)
    monkeypatch.setattr(mistakes, "SOLUTIONS", root)
    return root / "toy"


def _mutant(toy, name, text):
    (toy / "mutants").mkdir(exist_ok=True)
    (toy / "mutants" / f"cost__{name}.py").write_text(text)


NOT_AVERAGED = '''# Mistake: the cost is the sum of the losses,
# not their mean.
def cost(A, Y):
    m = Y.shape[1]
    losses = -(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    total = np.sum(losses)
    return float(total)
'''

NO_MINUS = '''# Mistake (sign): the cost lacks its minus sign.
# Hint: the log of a probability is negative.
import numpy as np
import math
def cost(A, Y):
    m = Y.shape[1]
    losses = Y * np.log(A) + (1 - Y) * np.log(1 - A)
    total = np.sum(losses) / m
    return float(total)
'''


def test_convert_round_trip_and_append(toy):
    _mutant(toy, "not_averaged", NOT_AVERAGED)
    assert mistakes.convert("toy") == ["cost__not_averaged"]
    assert not (toy / "mutants").exists()                  # the files are gone
    [m] = mistakes.load("toy")
    assert (m.cell, m.name, m.hint) == ("cost", "not_averaged", None)
    assert m.says == "the cost is the sum of the losses, not their mean"
    assert _code(m.source) == _code(NOT_AVERAGED)          # the mutant, rebuilt
    assert '"""Cross-entropy cost.' in m.source            # on the solution cell's text
    [(old, new)] = mistakes.read_entries(toy / "mistakes.py")[0]["patch"]
    assert old.count("\n") == 1                            # one line, no context needed
    first = (toy / "mistakes.py").read_text()

    _mutant(toy, "no_minus", NO_MINUS)                     # a mutant written later: appended
    assert mistakes.convert("toy") == ["cost__no_minus"]
    text = (toy / "mistakes.py").read_text()
    assert text.startswith(first[:first.rindex("]")].rstrip())
    a, b = mistakes.load("toy")
    assert (a.name, b.name) == ("not_averaged", "no_minus")
    assert b.hint == "the log of a probability is negative"
    assert _code(b.source) == _code(NO_MINUS.replace("import numpy as np\n", ""))
    assert "import math" in b.source and "import numpy" not in b.source   # the notebook's
                                                                          # own import is left out
    assert mistakes.for_cell("toy", "cost") == [a, b]
    assert mistakes.for_cell("toy", "other") == []


def test_a_stale_patch_is_reported_by_name(toy):
    (toy / "mistakes.py").write_text('''MISTAKES = [
    {"cell": "cost", "name": "not_averaged", "says": "the cost is not divided by m",
     "hint": None, "patch": [("    total = np.sum(losses) / m\\n", "    total = np.sum(losses)\\n")]},
    {"cell": "cost", "name": "gone", "says": "a line the solution no longer has",
     "hint": None, "patch": [("    cost = np.mean(losses)\\n", "    cost = np.sum(losses)\\n")]},
]
''')
    with pytest.raises(PatchError, match=r"toy: mistake gone of cost: the patch no longer "
                                         r"applies: change 1 of 1 looks for 'cost = np.mean"):
        mistakes.load("toy")
    found, errors = mistakes.load_all("toy")
    assert [m.name for m in found] == ["not_averaged"]
    assert [label for label, _ in errors] == ["cost__gone"]
    assert mistakes.problems("toy") == [errors[0][1]]

    from autograder.selftest import Report, _mutants              # the self-test's row
    report = Report("toy")
    built = _mutants(course.Assignment("toy"), report)
    assert [label for label, _, _ in built] == ["cost__not_averaged"]
    [row] = report.rows
    assert (row.check, row.ok) == ("mistake cost__gone", False)
    assert "no longer applies" in row.detail


@pytest.mark.parametrize("patch, says", [
    ([("np.log", "np.log10")], "occurs 2 times"),              # not unique
    ([("    ### END SOLUTION\n", "    ### END\n")], "changes no code"),
])
def test_ambiguous_or_empty_patches_are_refused(toy, patch, says):
    entry = {"cell": "cost", "name": "bad", "says": "x", "hint": None, "patch": patch}
    (toy / "mistakes.py").write_text(f"MISTAKES = [{entry!r}]\n")
    with pytest.raises(PatchError, match=says):
        mistakes.load("toy")


def test_a_catalogue_is_data_not_code(toy):
    (toy / "mistakes.py").write_text("import os\nMISTAKES = [os.getcwd()]\n")
    with pytest.raises(PatchError, match="plain data"):
        mistakes.load("toy")


@pytest.mark.parametrize("a", assignments([]), ids=lambda a: a.id)
def test_every_catalogue_loads(a):
    found, errors = mistakes.load_all(a.id)
    assert not errors, "\n".join(message for _, message in errors)
    assert found or a.variants("mutants"), f"{a.id} has no catalogued mistakes"
    from autograder.course import read_notebook
    from autograder.selftest import MIN_MUTANTS, structure
    for cell in structure(read_notebook(a.notebook)):        # >= 2 per graded function
        n = sum(m.cell == cell for m in found) + sum(
            p.name.split("__")[0] == cell for p in a.variants("mutants"))
        assert n >= MIN_MUTANTS, f"{a.id}: {cell} has {n} mistakes"
    for m in found:
        assert m.says.strip(), m.label                     # no full stop (unless "1.")
        assert not m.says.endswith(".") or re.search(r"\b\d+\. and \d+\.$", m.says), m.label


def test_the_patch_holds_the_mistake_not_the_files_other_liberties():
    solution = ('def fit(X, print_cost=False):\n    """Doc."""\n    cost = X.sum()\n'
                '    m = len(X)\n    if print_cost:\n        print(f"cost: {cost:.6f}")\n'
                '    m = m + 1\n    d = {"cost": cost,\n         "n": m}\n    return d')
    mutant = ('def fit(X, print_cost=False):\n    cost = X.sum() / 2\n    m = len(X)\n'
              '    if print_cost:\n        print("cost", cost)\n'
              '    m = m + 1\n    d = {"cost": cost, "n": m}\n    return d\n')
    patch = mistakes.diff_patch(solution, mutant)     # the print and the layout are left out
    assert patch == [("    cost = X.sum()\n", "    cost = X.sum() / 2\n")]


def test_a_newer_mutant_file_replaces_its_entry_and_remove_takes_one_out(toy):
    _mutant(toy, "not_averaged", NOT_AVERAGED)
    _mutant(toy, "no_minus", NO_MINUS)
    mistakes.convert("toy")
    _mutant(toy, "not_averaged", NOT_AVERAGED.replace("np.sum(losses)", "np.sum(losses) * 2"))
    with pytest.raises(PatchError, match="already has cost__not_averaged"):
        mistakes.convert("toy")
    assert mistakes.convert("toy", replace=True) == ["cost__not_averaged"]
    no_minus, not_averaged = mistakes.load("toy")                 # replaced: now last
    assert "np.sum(losses) * 2" in not_averaged.source
    mistakes.remove("toy", "cost__no_minus")
    assert [m.name for m in mistakes.load("toy")] == ["not_averaged"]
    with pytest.raises(PatchError, match="0 entries cost__no_minus"):
        mistakes.remove("toy", "cost__no_minus")
