"""Small helpers for writing an nbgrader source notebook from a Python script.

``solutions/<id>/<id>.ipynb`` is the source of truth: edit it in JupyterLab (nbgrader's
"Create Assignment" toolbar shows the cell roles) or build it with these helpers, then run
``course release <id>``.  The helpers only set the cell metadata nbgrader expects:

    cells = [
        md("# Title ..."),
        code("import numpy as np"),
        solution("sigmoid", "def sigmoid(x):\\n    ### BEGIN SOLUTION\\n    ...\\n    ### END SOLUTION"),
        tests("test_sigmoid", "check(...)\\n### BEGIN HIDDEN TESTS\\n...\\n### END HIDDEN TESTS"),
    ]
    write_notebook(path, cells)
"""
from __future__ import annotations

from pathlib import Path

import nbformat

_SCHEMA = 3


def _strip(text: str) -> str:
    return text.strip("\n")


def md(text: str) -> nbformat.NotebookNode:
    """A markdown cell (explanations, math in $...$)."""
    return nbformat.v4.new_markdown_cell(_strip(text))


def code(source: str) -> nbformat.NotebookNode:
    """An ordinary code cell the student runs as is."""
    return nbformat.v4.new_code_cell(_strip(source))


def solution(grade_id: str, source: str) -> nbformat.NotebookNode:
    """The cell a student completes; ``grade_id`` is the graded function's name."""
    cell = nbformat.v4.new_code_cell(_strip(source))
    cell.metadata["nbgrader"] = {"grade": False, "grade_id": grade_id, "locked": False,
                                 "schema_version": _SCHEMA, "solution": True, "task": False}
    return cell


def tests(grade_id: str, source: str, points: float = 1) -> nbformat.NotebookNode:
    """A locked, autograded test cell (visible tests, then a hidden-tests block)."""
    cell = nbformat.v4.new_code_cell(_strip(source))
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": grade_id, "locked": True,
                                 "points": points, "schema_version": _SCHEMA, "solution": False,
                                 "task": False}
    return cell


def write_notebook(path: Path, cells: list) -> None:
    """Write ``cells`` as a Python 3 notebook with stable cell ids (``cell-0``, ...)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                 "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i}"
    nb.cells = cells
    nbformat.validate(nb)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
