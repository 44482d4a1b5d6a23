"""A student's path through every released notebook, in JupyterLab in headless Chromium."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from . import jlab
from .checks import errors, figures_not_drawn, unexpected_errors, widget_cells
from .conftest import ROOT, save_screenshot

STUDENT_NOTEBOOKS = sorted(p.relative_to(ROOT).as_posix()
                           for p in (ROOT / "notebooks").glob("*/*.ipynb"))


# What the browser shows in notebooks of other branches, to be fixed there: name -> reason
# (each becomes an expected failure)
KNOWN: dict[str, str] = {}


def _param(path):
    name = Path(path).stem
    marks = [pytest.mark.xfail(reason=f"{name}: {KNOWN[name]}", raises=AssertionError,
                               strict=False)] if name in KNOWN else []
    return pytest.param(path, id=name, marks=marks)


def _nbgrader(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _solution_blocks(name: str, grade_id: str) -> list[str]:
    """The code between ### BEGIN SOLUTION and ### END SOLUTION in the solved notebook's cell."""
    solved = json.loads((ROOT / "solutions" / name / f"{name}.ipynb").read_text())
    [cell] = [c for c in solved["cells"] if _nbgrader(c).get("grade_id") == grade_id]
    blocks, block = [], None
    for line in "".join(cell["source"]).splitlines():
        if line.strip() == "### BEGIN SOLUTION":
            block = []
        elif line.strip() == "### END SOLUTION":
            blocks.append("\n".join(block))
            block = None
        elif block is not None:
            block.append(line)
    return blocks


def solve_first_exercise(page, name: str):
    """Type the solution of the notebook's first exercise where its stub is, run it (Shift+Enter)
    and its test cell; the test must pass. The kernel is the one the notebook already ran in."""
    cells = jlab.cells_json(page)
    i = next(k for k, c in enumerate(cells)
             if c["cell_type"] == "code" and _nbgrader(c).get("solution"))
    gid = _nbgrader(cells[i])["grade_id"]
    test = next(k for k, c in enumerate(cells) if k > i and _nbgrader(c).get("grade")
                and not _nbgrader(c).get("solution"))
    cell = jlab.scroll_to_cell(page, i)
    for block in _solution_blocks(name, gid):
        stub = cell.locator(".cm-line", has_text="raise NotImplementedError()").first
        stub.click()
        page.keyboard.press("End")
        page.keyboard.press("Shift+Home")              # the stub, not its indentation
        page.keyboard.insert_text(block.lstrip())      # the first line is indented already
    source = "".join(jlab.cell_json(page, i)["source"])
    assert "raise NotImplementedError()" not in source, source
    for block in _solution_blocks(name, gid):
        assert block in source, f"{name}: typed {gid} reads\n{source}"
    before = jlab.execution_count(page, i), jlab.execution_count(page, test)
    page.keyboard.press("Shift+Enter")                 # run the solution
    jlab.wait_executed(page, i, before[0])
    jlab.run_cell(page, test)
    jlab.wait_executed(page, test, before[1])
    outputs = jlab.cell_json(page, test)["outputs"]
    assert not [o for o in outputs if o["output_type"] == "error"], \
        f"{name}: the test of {gid}, solved, fails: {outputs}"
    text = "".join(o.get("text", "") for o in outputs)
    assert "All tests passed" in text, f"{name}: {gid}'s test cell printed {text!r}"
    save_screenshot(jlab.scroll_to_cell(page, test), f"{name}-solved-{gid}")


@pytest.mark.parametrize("path", [_param(p) for p in STUDENT_NOTEBOOKS])
def test_untouched_notebook_runs_cell_by_cell(shared_page, lab, path):
    """Every cell run in order: only unsolved exercises (and what follows from them) fail,
    figures are images and every widget renders, with at most one figure. Then, in Courses 2-5
    (c1w2a1's is typed key by key below), the first exercise is solved in the same kernel: its
    solution typed in, run, and its test cell passes."""
    page = shared_page
    jlab.open_notebook(page, lab, path)
    seconds = jlab.run_all_one_by_one(page)
    cells = jlab.cells_json(page)
    name = Path(path).stem
    save_screenshot(page, f"{name}-student-end")
    assert errors(cells), f"{name}: an untouched notebook should fail at its first exercise"
    assert not unexpected_errors(cells), (
        f"{name}: errors that no unsolved exercise explains (cell, grade_id, error, message): "
        f"{unexpected_errors(cells)}")
    assert not figures_not_drawn(cells), f"{name}: figures shown as text in cells " \
                                         f"{figures_not_drawn(cells)}"
    for i in widget_cells(cells):
        cell = jlab.scroll_to_cell(page, i)
        cell.locator(".jupyter-widgets").first.wait_for()
        time.sleep(0.2)
        outputs = cell.locator(".jp-Cell-outputArea")
        text = outputs.inner_text()
        assert "Error displaying widget" not in text and "Loading widget" not in text, \
            f"{name}: the widget of cell {i} does not render: {text[:200]!r}"
        doubled = [line for line in set(text.splitlines()) if len(line) > 20
                   and text.count(line) > 1]
        assert outputs.locator("img").count() <= 1 and not doubled, (
            f"{name}: cell {i} shows its figure twice ({outputs.locator('img').count()} images, "
            f"repeated text {doubled}): use utils.widgets.explore")
        assert not jlab.truncated_labels(page, i), (
            f"{name}: cell {i}'s widget labels are cut short at 1366 px: "
            f"{jlab.truncated_labels(page, i)} (style={{'description_width': 'initial'}})")
        save_screenshot(outputs, f"{name}-student-cell{i}")
    print(f"{name}: {len(cells)} cells run one by one in {seconds:.0f} s")
    if not name.startswith("c1"):
        solve_first_exercise(page, name)


def test_a_solved_exercise_passes_its_test(page, lab):
    """Type a solution into c1w2a1's basic_sigmoid, run it and its test cell with Shift+Enter."""
    path = "notebooks/c1w2a1_numpy_basics/c1w2a1_numpy_basics.ipynb"
    jlab.open_notebook(page, lab, path)
    first_code = next(i for i, c in enumerate(jlab.cells_json(page)) if c["cell_type"] == "code")
    jlab.run_cell(page, first_code)                       # the imports
    cells = jlab.cells_json(page)
    i = next(k for k, c in enumerate(cells)
             if c["metadata"].get("nbgrader", {}).get("grade_id") == "basic_sigmoid")
    test = next(k for k, c in enumerate(cells)
                if c["metadata"].get("nbgrader", {}).get("grade_id") == "test_basic_sigmoid")
    assert test == i + 1
    cell = jlab.scroll_to_cell(page, i)
    stub = cell.locator(".cm-line", has_text="raise NotImplementedError()")
    stub.click()
    page.keyboard.press("End")
    page.keyboard.press("Shift+Home")                    # the stub, not its indentation
    page.keyboard.type("s = 1 / (1 + math.exp(-x))")
    source = "".join(jlab.cell_json(page, i)["source"])
    assert "    s = 1 / (1 + math.exp(-x))\n    return s" in source, source
    before = jlab.execution_count(page, i), jlab.execution_count(page, test)
    page.keyboard.press("Shift+Enter")                   # run the solution, select the test
    jlab.wait_executed(page, i, before[0])
    page.keyboard.press("Shift+Enter")                   # run the test cell
    jlab.wait_executed(page, test, before[1])
    outputs = jlab.cell_json(page, test)["outputs"]
    text = "".join(o.get("text", "") for o in outputs)
    assert not [o for o in outputs if o["output_type"] == "error"], outputs
    assert "basic_sigmoid" in text and "pass" in text.lower(), text
    save_screenshot(jlab.scroll_to_cell(page, test), "c1w2a1-solved-basic_sigmoid")
