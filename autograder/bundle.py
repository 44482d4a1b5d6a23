"""The student edition: ``course bundle [ID ...] --out DIR`` writes a tree a class can hand out.

The repository holds the answers (``solutions/``, and the reference modules of ``utils/`` that
name the notebook that teaches them in ``TAUGHT_IN``): fine for self-study, not for a class.
A bundle holds, for the assignments named (all of them when none is)::

    DIR/README.md              how to install and run it, and the data's licences
    DIR/requirements.txt       the packages a student needs (and `-e .`: utils/ from DIR)
    DIR/pyproject.toml         makes utils/ importable from DIR (pip install -e .)
    DIR/notebooks/<id>/        the released notebooks (notebooks/<id>/ of the repository)
    DIR/datasets/              the data files they use (MANIFEST.json's used_by) and a MANIFEST
    DIR/utils/                 the utils modules their cells import, and nothing else

``utils/`` is chosen with the grading sandbox's own machinery (``autograder/allowlist.py``): the
modules each notebook's code cells import, with what those modules import in turn.  Each
assignment's allow-list (``solutions/<id>/sandbox.json``) is those of its kernel cells; the
visible test cells, which run in the student's kernel here, may import more.  A module that
answers a bundled assignment is never written: one whose ``TAUGHT_IN`` names it, one with a
function named like one of its graded functions, or (for modules that are not already in the
assignment's allow-list, which ``course check`` vets) one whose function computes what a graded
function computes (``allowlist.answer_problems``).  When a notebook's own cells need such a
module (c1w4a2 uses ``utils.dnn``, the answer to c1w4a1) the bundle is refused: hand those
assignments out in separate bundles.  A visible test that needs one is named in the README and
in the result: it cannot run in the bundle (the grader still runs it).

Nothing of ``solutions/`` or ``autograder/`` is written, and the notebooks lose the cells tagged
``self-study`` (the note that the answers are in the repository).
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import allowlist
from .course import ROOT, CourseError, assignments, nbgrader_meta, read_notebook

SELF_STUDY_TAG = "self-study"       # cells only for readers of the repository
DATASETS = ROOT / "datasets"
# What a student needs of the course's runtime packages: nbgrader grades, it is not needed to
# work on the notebooks.
INSTRUCTOR_ONLY = ("nbgrader",)


@dataclass
class Bundle:
    root: Path
    notebooks: list[Path] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)      # imported, but answers
    blocked_tests: list[str] = field(default_factory=list)  # "<id>: <test> needs <module>"


def _cell_uses(nb, kernel_only: bool) -> list[allowlist.Use]:
    cells = allowlist.kernel_cells(nb) if kernel_only else \
        [c for c in nb.cells if c.cell_type == "code"]
    uses = []
    for cell in cells:
        uses += allowlist.source_uses(cell.source)
    return uses


def answers(module: str, ids: list[str], graded: dict[str, list[str]]) -> str | None:
    """Why ``module`` answers one of the assignments ``ids`` (None if it does not, as far as its
    name and declaration tell)."""
    path = allowlist.module_file(module)
    taught = set(allowlist.taught_in(path)) & set(ids)
    if taught:
        return f"its TAUGHT_IN names {', '.join(sorted(taught))}"
    import ast
    defined = {n.name for n in ast.parse(path.read_text()).body
               if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    for a in ids:
        same = sorted(defined & set(graded[a]))
        if same:
            return f"it defines {', '.join(same)}, a graded function of {a}"
    return None


def plan(ids: list[str], behaviour: bool = True) -> tuple[list, list[str], list[str], list[str]]:
    """(assignments, utils modules to write, modules withheld, visible tests that cannot run)."""
    chosen = assignments(ids)
    names = [a.id for a in chosen]
    graded = {a.id: allowlist.graded_functions(read_notebook(a.notebook)) for a in chosen}
    kernel, visible = {}, {}
    for a in chosen:
        if not a.release_notebook.exists():
            raise CourseError(f"{a.release_notebook.relative_to(ROOT)} is missing: run "
                              f"`course release {a.id}`")
        nb = read_notebook(a.release_notebook)
        kernel[a.id] = set(allowlist.allowed(a.id))
        visible[a.id] = allowlist.closure(_cell_uses(nb, kernel_only=False))
    wanted = sorted(set().union(*kernel.values(), *(set(v) for v in visible.values())))
    refused = {m: why for m in wanted if (why := answers(m, names, graded))}
    conflicts = [f"{a}'s notebook needs {m}, which answers a bundled assignment ({refused[m]})"
                 for a in names for m in sorted(kernel[a] & set(refused))]
    if conflicts:
        raise CourseError("; ".join(conflicts) + ": bundle these assignments separately (hand "
                          "out the later one once the earlier one is due)")
    blocked = []
    for a in names:
        if not set(visible[a]) & set(refused):
            continue
        for cell in read_notebook(chosen[names.index(a)].release_notebook).cells:
            if cell.cell_type != "code" or not nbgrader_meta(cell).get("grade"):
                continue
            for m in sorted(set(allowlist.closure(allowlist.source_uses(cell.source)))
                            & set(refused)):
                blocked.append(f"{a}: the test cell {nbgrader_meta(cell).get('grade_id')} "
                               f"imports {m}, which answers a bundled assignment "
                               f"({refused[m]})")
    keep = [m for m in wanted if m not in refused]
    # What course check has not vetted: modules in the bundle beyond an assignment's own
    # allow-list, checked against its graded functions' behaviour like the sandbox's.
    if behaviour:
        problems = []
        for a in chosen:
            extra = sorted(set(keep) - kernel[a.id])
            if extra:
                problems += allowlist.answer_problems(a, modules=extra)
        if problems:
            raise CourseError("a module of the bundle answers a bundled assignment: "
                              + "; ".join(problems))
    return chosen, keep, sorted(refused), blocked


def _data_files(ids: list[str]) -> dict[str, dict]:
    files = json.loads((DATASETS / "MANIFEST.json").read_text())["files"]
    return {name: entry for name, entry in sorted(files.items())
            if set(entry.get("used_by", [])) & set(ids)}


def _requirements() -> list[str]:
    import tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [d for d in project["dependencies"]
            if not d.split(">")[0].split("=")[0].split("<")[0].strip() in INSTRUCTOR_ONLY]


def _strip_self_study(path: Path) -> None:
    import nbformat
    nb = read_notebook(path)
    kept = [c for c in nb.cells if SELF_STUDY_TAG not in c.get("metadata", {}).get("tags", [])]
    if len(kept) != len(nb.cells):
        nb.cells = kept
        nbformat.write(nb, str(path))


def bundle(ids: list[str], out: Path, behaviour: bool = True) -> Bundle:
    """Write the student edition of ``ids`` (every assignment when empty) into ``out``."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise CourseError(f"{out} exists and is not an empty folder: choose a new one")
    chosen, modules, withheld, blocked = plan(ids, behaviour)
    names = [a.id for a in chosen]
    out.mkdir(parents=True, exist_ok=True)
    made = Bundle(out, modules=modules, withheld=withheld, blocked_tests=blocked)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc")
    for a in chosen:
        dest = out / "notebooks" / a.id
        shutil.copytree(a.release_notebook.parent, dest, ignore=ignore)
        for nb in sorted(dest.glob("*.ipynb")):
            _strip_self_study(nb)
            made.notebooks.append(nb)
    data = _data_files(names)
    (out / "datasets").mkdir()
    for name in data:
        shutil.copyfile(DATASETS / name, out / "datasets" / name)
    (out / "datasets" / "MANIFEST.json").write_text(json.dumps({"files": data}, indent=2) + "\n")
    made.datasets = list(data)
    (out / "utils").mkdir()
    shutil.copyfile(ROOT / "utils" / "__init__.py", out / "utils" / "__init__.py")
    packages = {"utils"}
    for m in modules:
        src = allowlist.module_file(m)
        dest = out / src.relative_to(ROOT)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        if src.name == "__init__.py":
            packages.add(m)
    for folder in sorted({p.parent for p in (out / "utils").rglob("*.py")}):
        package = ".".join(folder.relative_to(out).parts)
        if not (folder / "__init__.py").exists():
            raise CourseError(f"{package} would be written without its __init__.py")
        packages.add(package)
    _write_project(out, sorted(packages))
    _write_readme(out, chosen, data, made)
    for path in [out, *out.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return made


def _write_project(out: Path, packages: list[str]) -> None:
    (out / "requirements.txt").write_text(
        "# The packages the notebooks need; the last line installs this folder's utils/ in place\n"
        "# (run `pip install -r requirements.txt` from this folder).\n"
        + "".join(f"{r}\n" for r in _requirements()) + "-e .\n")
    (out / "pyproject.toml").write_text(
        "# Makes this folder's utils/ importable from the notebooks (pip install -e .).\n"
        "[build-system]\nrequires = [\"setuptools>=64\"]\n"
        "build-backend = \"setuptools.build_meta\"\n\n"
        "[project]\nname = \"dl-course-student\"\nversion = \"0.1.0\"\n"
        "requires-python = \">=3.10\"\n\n"
        f"[tool.setuptools]\npackages = {json.dumps(packages)}\n")


def _first_notebook(out: Path, a) -> str:
    return f"notebooks/{a.id}/{a.notebook.name}"


def _write_readme(out: Path, chosen, data: dict[str, dict], made: Bundle) -> None:
    lines = ["# Deep learning from scratch, in NumPy: student edition", "",
             "Interactive Jupyter notebooks in which you implement the core of each "
             "deep-learning algorithm yourself, in NumPy. Everything runs offline on a laptop "
             "CPU.", "",
             "## Install and run", "",
             "You need Python 3.10 or newer. From this folder:", "", "```bash",
             "python3 -m venv .venv",
             "source .venv/bin/activate          # Windows: .venv\\Scripts\\activate",
             "pip install -r requirements.txt    # the packages, and utils/ from this folder",
             "jupyter lab", "```", "",
             "JupyterLab prints an address (`http://127.0.0.1:8888/lab?token=...`); open it and "
             "then the assignment's notebook:", ""]
    lines += [f"* `{_first_notebook(out, a)}`" for a in chosen]
    lines += ["",
              "Run the cells from the top. Each exercise is a cell that says "
              "`# YOUR CODE HERE` and `raise NotImplementedError()`: replace that line with "
              "your code. The test cell after it checks your function on a few inputs and "
              "tells you what is wrong; when you hand in the notebook, the grader runs more "
              "tests than those you see. Do not edit or delete the test cells (an edited test "
              "cell scores 0), and hand in the `.ipynb` file as your instructor asks.", "",
              "To build a JupyterHub image instead, copy this folder into the image and run "
              "`pip install -r requirements.txt` there.", ""]
    if made.blocked_tests:
        lines += ["## Tests that run only in the grader", "",
                  "These visible tests compare your work with code this edition leaves out "
                  "(it would give an answer away); they fail here with an ImportError, and the "
                  "grader runs them when you hand in your notebook:", ""]
        lines += [f"* {b}" for b in made.blocked_tests] + [""]
    lines += ["## What is here", "",
              "* `notebooks/`: one folder per assignment;",
              "* `utils/`: the helpers the notebooks import (checks, data loading, plots, and "
              "the course's own framework where a notebook uses it);",
              "* `datasets/`: the data, with each file's checksum in `MANIFEST.json`.", ""]
    if data:
        lines += ["## Data and licences", "", "| file | licence | source |", "|---|---|---|"]
        lines += [f"| `{name}` | {e.get('license', '?')} | {e.get('attribution') or e.get('source', '')} |"
                  for name, e in data.items()] + [""]
    lines += ["The course's code and notebooks are under the MIT licence.", ""]
    (out / "README.md").write_text("\n".join(lines))
    shutil.copyfile(ROOT / "LICENSE", out / "LICENSE")
