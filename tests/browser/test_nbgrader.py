"""nbgrader's JupyterLab extensions with the course's configuration: a student's Validate button,
an instructor's formgrader on a batch graded by `course autograde`."""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
import time

import nbformat
import pytest

from autograder import sandbox
from autograder.course import Assignment, nbgrader_meta, read_notebook

from . import jlab
from .conftest import ROOT, Lab, save_screenshot

A = Assignment("c1w2a1_numpy_basics")


def solved_copy(leave_unsolved=()):
    """The student notebook with the solution cells filled in, as a student hands it in."""
    nb = read_notebook(A.release_notebook)
    answers = {nbgrader_meta(c).get("grade_id"): c.source for c in read_notebook(A.notebook).cells
               if nbgrader_meta(c).get("solution")}
    for c in nb.cells:
        gid = nbgrader_meta(c).get("grade_id")
        if nbgrader_meta(c).get("solution") and gid not in leave_unsolved:
            c.source = answers[gid]
    return nb


def _validate(page, lab, path) -> str:
    jlab.open_notebook(page, lab, path)
    panel = page.evaluate(f"() => {jlab.NOTEBOOK}.id")
    page.locator(f"[id='{panel}'] .jp-NotebookPanel-toolbar").get_by_text("Validate").click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=180_000)
    page.wait_for_function("() => !document.querySelector('.jp-Dialog').innerText"
                           ".includes('Validating')", timeout=180_000)
    time.sleep(0.5)
    return dialog.inner_text()


def _close_dialog(page):
    page.locator(".jp-Dialog").get_by_role("button", name="Ok").click()
    page.locator(".jp-Dialog").wait_for(state="detached")


def test_validate_button_reports_the_visible_tests(page, lab):
    folder = lab.notebook_dir / "validate"
    folder.mkdir(exist_ok=True)
    nbformat.write(solved_copy(leave_unsolved={"softmax"}), str(folder / "softmax_missing.ipynb"))
    nbformat.write(solved_copy(), str(folder / "all_solved.ipynb"))

    text = _validate(page, lab, "validate/softmax_missing.ipynb")
    save_screenshot(page, "validate", docs=True)
    assert "The following cell failed" in text, text
    assert 'passed("softmax")' in text and "NotImplementedError" in text, text
    assert 'passed("sigmoid")' not in text, "a solved exercise was reported as failing"
    _close_dialog(page)

    text = _validate(page, lab, "validate/all_solved.ipynb")
    assert "Success! Your notebook passes all the tests." in text, text


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory, browser_available):
    """`course autograde` on a class of two: alice solved everything, bob handed in the
    untouched notebook."""
    tmp = tmp_path_factory.mktemp("formgrader")
    subs, out = tmp / "submissions", tmp / "out"
    subs.mkdir()
    nbformat.write(solved_copy(), str(subs / "alice.ipynb"))
    shutil.copy(A.release_notebook, subs / "bob.ipynb")
    cmd = [sys.executable, "-m", "autograder.cli", "autograde", str(subs), A.id,
           "--out", str(out), "--jobs", "2"]
    if sandbox.unavailable() is not None:               # as tests/test_autograde.py does
        cmd.append("--unsafe-no-sandbox")
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = {r["student"]: r for r in csv.DictReader(open(out / "grades.csv"))}
    assert set(rows) == {"alice", "bob"}
    home = tmp / "lab-home"
    server = Lab(out / "course", cwd=out / "course", home=home)
    yield server, rows
    server.stop()


def _formgrader(page, server):
    page.goto(server.lab_url())
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell")
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Formgrader$")).click()
    frame = page.frame_locator("iframe").first
    frame.get_by_role("link", name="Manage Students").wait_for(timeout=60_000)
    return frame


def test_formgrader_shows_the_graded_batch(page, graded_course):
    server, rows = graded_course
    frame = _formgrader(page, server)
    frame.get_by_role("link", name="Manage Students").click()
    table = frame.locator("table")
    table.get_by_text("alice", exact=True).wait_for()
    students = table.inner_text()
    assert "alice" in students and "bob" in students, students
    assert "8 / 8" in students and "0 / 8" in students, students
    save_screenshot(page, "formgrader-students")

    frame.get_by_role("link", name="Manual Grading").click()
    frame.get_by_role("link", name=A.id).first.click()
    frame.get_by_role("link", name=A.id).last.click()
    frame.get_by_role("link", name="Submission #1").wait_for()
    save_screenshot(page, "formgrader", docs=True)
    frame.get_by_role("link", name="Submission #1").click()
    frame.get_by_text("Student's answer").first.wait_for(timeout=60_000)
    submission = frame.locator("body").inner_text()
    assert "def basic_sigmoid" in submission and "test_basic_sigmoid" in submission
    save_screenshot(page, "formgrader-submission")


def test_graded_submission_keeps_its_first_cell(page, graded_course):
    server, _ = graded_course
    frame = _formgrader(page, server)
    frame.get_by_role("link", name="Manual Grading").click()
    frame.get_by_role("link", name=A.id).first.click()
    frame.get_by_role("link", name=A.id).last.click()
    frame.get_by_role("link", name="Submission #1").click()
    frame.get_by_text("Student's answer").first.wait_for(timeout=60_000)
    submission = frame.locator("body").inner_text()
    title = read_notebook(A.release_notebook).cells[0].source.splitlines()[0].lstrip("# ")
    assert "autograder.bridge" not in submission
    assert title in submission
