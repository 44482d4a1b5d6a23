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


def _points_tables(nb) -> dict[str, str]:
    """{function: points} from the markdown tables whose header has a "points" column."""
    import re
    found = {}
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        for i, line in enumerate(lines):
            header = [h.strip().lower() for h in line.strip().strip("|").split("|")]
            if not line.startswith("|") or "points" not in header:
                continue
            col = header.index("points")
            for row in lines[i + 2:]:
                if not row.startswith("|"):
                    break
                cells = [c.strip() for c in row.strip().strip("|").split("|")]
                for fn in re.findall(r"`(\w+)`", " ".join(cells[:col])):
                    found[fn] = cells[col]
    return found


@pytest.mark.parametrize("assignment", assignments(), ids=IDS)
def test_points_tables_say_what_the_grader_gives(assignment):
    """A notebook's table of exercises and points is a number in the prose: it must be what
    the grader gives (c2w1a2's once said 6 points for a notebook worth 4)."""
    from autograder.course import graded_cells, nbgrader_meta, read_notebook
    from autograder.selftest import structure
    nb = read_notebook(assignment.notebook)
    points = {nbgrader_meta(c)["grade_id"]: nbgrader_meta(c).get("points", 0)
              for c in graded_cells(nb)}
    given = {fn: sum(points[t] for t in tests) for fn, tests in structure(nb).items()}
    for fn, said in _points_tables(nb).items():
        assert fn in given, f"{assignment.id}: the points table names {fn}, not graded"
        assert said == f"{given[fn]:g}", (f"{assignment.id}: the points table gives {fn} {said} "
                                          f"points, the grader {given[fn]:g}")
