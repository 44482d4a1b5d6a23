"""`course bundle`: a student edition holds no answer and runs on its own.

One bundle of two assignments (c1w2a1: NumPy only; c1w2a2: a data file, plots and widgets) is
written once.  Its notebooks are run in the bundle alone: the kernel's working folder is the
notebook's folder in the bundle, PYTHONPATH is the bundle, and the repository's own install of
``utils`` (an editable finder on ``sys.meta_path``) is taken out of the kernel first, so that a
module the bundle lacks fails to import instead of coming from the repository.
"""
import json
import re
from pathlib import Path

import nbformat
import pytest

from autograder import allowlist
from autograder.bundle import SELF_STUDY_TAG, bundle
from autograder.course import Assignment, CourseError, nbgrader_meta, read_notebook

IDS = ["c1w2a1_numpy_basics", "c1w2a2_logistic_regression"]

ISOLATE = """\
import sys
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path[:] = [p for p in sys.path if not p.startswith({repo!r})
               or p.startswith(({root!r}, sys.prefix))]       # the repository, not its venv
for name in [m for m in sys.modules if m == "utils" or m.startswith("utils.")]:
    del sys.modules[name]
import utils
assert utils.__file__.startswith({root!r}), utils.__file__
"""
LEAKS = """\
import sys
_leaks = sorted(n for n, m in sys.modules.items()
                if (n == "utils" or n.startswith(("utils.", "autograder", "solutions")))
                and not (getattr(m, "__file__", None) or {root!r}).startswith({root!r}))
assert not _leaks, _leaks
"""


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle") / "edition"
    return bundle(IDS, out)


def _run(made, a: Assignment, nb, monkeypatch, timeout=120):
    """Run ``nb`` in the bundle alone; return it with its outputs (errors allowed)."""
    from nbclient import NotebookClient
    root = str(made.root.resolve())
    repo = str(Path(allowlist.ROOT).resolve())
    nb.cells.insert(0, nbformat.v4.new_code_cell(ISOLATE.format(repo=repo, root=root)))
    nb.cells.append(nbformat.v4.new_code_cell(LEAKS.format(root=root)))
    monkeypatch.setenv("PYTHONPATH", root)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(made.root / "notebooks" / a.id)}}
                   ).execute()
    return nb


def _errors(nb):
    return [(i, o["ename"], o["evalue"][:200]) for i, c in enumerate(nb.cells)
            if c.cell_type == "code" for o in c.get("outputs", [])
            if o.get("output_type") == "error"]


def test_holds_what_students_need_and_nothing_else(made):
    files = {p.relative_to(made.root).as_posix() for p in made.root.rglob("*") if p.is_file()}
    assert {"README.md", "requirements.txt", "pyproject.toml", "LICENSE",
            "datasets/MANIFEST.json", "datasets/fashion_pair.h5"} <= files
    assert {f"notebooks/{a}/{a}.ipynb" for a in IDS} <= files
    assert not any(f.startswith(("solutions/", "autograder/")) or "mutants" in f
                   or "alternates" in f or f.endswith(("mistakes.py", "sandbox.json"))
                   for f in files)
    # utils/: exactly the modules the notebooks import (the sandbox's allow-lists here)
    wanted = set().union(*(allowlist.allowed(a) for a in IDS))
    assert {f for f in files if f.startswith("utils/")} == \
        {"utils/__init__.py"} | {allowlist.module_file(m).relative_to(allowlist.ROOT).as_posix()
                                 for m in wanted}
    for path in made.root.joinpath("utils").rglob("*.py"):
        assert not set(allowlist.taught_in(path)) & set(IDS), path
    manifest = json.loads((made.root / "datasets" / "MANIFEST.json").read_text())["files"]
    assert set(manifest) == {"fashion_pair.h5"}
    requirements = (made.root / "requirements.txt").read_text()
    assert "numpy" in requirements and "nbgrader" not in requirements
    # the notebooks are the released ones, without the note that the answers are in reach
    for a in map(Assignment, IDS):
        mine = read_notebook(made.root / "notebooks" / a.id / a.notebook.name)
        released = read_notebook(a.release_notebook)
        assert [c for c in released.cells
                if SELF_STUDY_TAG not in c.metadata.get("tags", [])] == mine.cells
        assert any(SELF_STUDY_TAG in c.metadata.get("tags", []) for c in released.cells[:1])
    readme = (made.root / "README.md").read_text()
    assert "pip install -r requirements.txt" in readme and "jupyter lab" in readme


def test_no_solution_code(made):
    """No line of a solution region, a mutant or an alternate (but those the student notebook
    shows anyway, signatures and stubs, and the shared code of utils/ that the bundle holds,
    such as `num_iterations=num_iterations,`) is anywhere in the bundle."""
    text = "\n".join(p.read_text(errors="replace") for p in made.root.rglob("*")
                     if p.is_file() and p.suffix != ".h5")
    lines = {line.strip().rstrip('",').strip() for line in text.replace("\\n", "\n").splitlines()}
    for a in map(Assignment, IDS):
        answers = []
        for cell in read_notebook(a.notebook).cells:
            if nbgrader_meta(cell).get("solution"):
                region = re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source,
                                    re.S)
                answers += [line.strip() for part in region for line in part.splitlines()]
        for kind in ("mutants", "alternates"):
            for path in a.variants(kind):
                answers += [line.strip() for line in path.read_text().splitlines()
                            if "return" in line or "=" in line]
        given = {line.strip() for c in read_notebook(a.release_notebook).cells
                 for line in c.source.splitlines()}        # the signatures, the stubs
        given |= {line.strip() for m in made.modules                 # vetted by TAUGHT_IN
                  for line in allowlist.module_file(m).read_text().splitlines()}
        answers = {x for x in answers if len(x) > 25 and not x.startswith("#")} - given
        assert answers, a.id
        leaked = sorted(answers & lines)
        assert not leaked, (a.id, leaked[:3])


@pytest.mark.parametrize("aid", IDS)
def test_blank_notebook_fails_only_at_the_exercises(made, aid, monkeypatch):
    """The notebook as handed out runs from the bundle: no cell before the first exercise
    fails, and every failure after it comes from an exercise not written yet: a
    NotImplementedError, a test cell saying so (or that an earlier exercise is not right yet),
    or a name that a cell which failed that way would have bound."""
    a = Assignment(aid)
    nb = _run(made, a, read_notebook(made.root / "notebooks" / aid / a.notebook.name),
              monkeypatch)
    first = next(i for i, c in enumerate(nb.cells) if nbgrader_meta(c).get("solution"))
    errors = _errors(nb)
    assert errors and errors[0][0] > first, errors[:1]
    unbound = set()
    for index, ename, evalue in errors:
        if ename == "NameError":
            name = re.search(r"name '(\w+)' is not defined", evalue).group(1)
            assert name in unbound, (index, evalue)
            continue
        assert ename == "NotImplementedError" or (
            ename == "CheckFailure" and ("raised NotImplementedError" in evalue
                                         or "which is not right yet" in evalue)), \
            (index, ename, evalue)
        unbound |= set(re.findall(r"^(\w+)\s*=", nb.cells[index].source, re.M))
    assert errors[-1][0] != len(nb.cells) - 1, errors[-1]      # the leak check passed


@pytest.mark.parametrize("aid", IDS)
def test_solved_notebook_runs_from_the_bundle(made, aid, monkeypatch):
    """With the answers typed in, the whole notebook runs without an error from the bundle
    alone: it holds every module and data file the notebook needs."""
    a = Assignment(aid)
    nb = read_notebook(made.root / "notebooks" / aid / a.notebook.name)
    answers = {nbgrader_meta(c)["grade_id"]: c.source for c in read_notebook(a.notebook).cells
               if nbgrader_meta(c).get("solution")}
    for cell in nb.cells:
        if nbgrader_meta(cell).get("solution"):
            cell.source = answers[nbgrader_meta(cell)["grade_id"]]
    assert _errors(_run(made, a, nb, monkeypatch, timeout=300)) == []


def test_refuses_a_bundle_whose_notebook_needs_an_answer(tmp_path):
    """c1w4a2 builds on utils.dnn, the answer to c1w4a1: they cannot share a bundle."""
    with pytest.raises(CourseError, match="utils.dnn.*TAUGHT_IN.*bundle these assignments "
                                          "separately"):
        bundle(["c1w4a1_deep_nn_step_by_step", "c1w4a2_deep_nn_application"], tmp_path / "b")
    assert not (tmp_path / "b").exists()


def test_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "x").write_text("")
    with pytest.raises(CourseError, match="not an empty folder"):
        bundle(IDS[:1], tmp_path)
