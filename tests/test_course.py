"""The course as a whole: notebooks/ is fresh, and every assignment's grader is sound."""
import pytest

from autograder.cli import stale
from autograder.course import assignments
from autograder.selftest import selftest

IDS = [a.id for a in assignments()]


def test_there_are_assignments():
    assert "c1w2a1_numpy_basics" in IDS


def test_notebooks_are_released_from_solutions():
    problems = stale()
    assert not problems, "\n".join(problems + ["run `course release`"])


@pytest.mark.parametrize("assignment", assignments(), ids=IDS)
def test_selftest(assignment):
    report = selftest(assignment)
    print(report.table())
    assert report.ok, "\n" + report.table()


def test_student_notebooks_hold_no_solutions_or_hidden_tests():
    from autograder.course import NOTEBOOKS
    for path in NOTEBOOKS.rglob("*.ipynb"):
        text = path.read_text()
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "_ref_"):
            assert marker not in text, f"{path} contains {marker!r}"
