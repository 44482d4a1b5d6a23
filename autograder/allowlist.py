"""What a student's kernel may import: each assignment's allow-list of ``utils`` modules.

``solutions/<id>/sandbox.json`` declares it::

    {"allow": ["utils.testing", "utils.widgets"]}

The list is exactly what the assignment's notebook imports in what runs in the student's
kernel (every code cell, and of the graded test cells their visible part: the student runs it,
while the hidden tests run in the grader only), with what those modules import in turn: their module-level imports, and the imports inside their
functions when those functions are used (imported by name, or called by a used function of the
same module).  An import inside ``try: ... except ImportError`` is optional: it need not be
allowed, and the notebook must work without it.  ``course allowlist ID`` prints the list that
the notebook needs; ``--write`` writes it into ``sandbox.json``.

The grading sandbox's ``/course/utils`` holds these modules and nothing else of ``utils``
(every other module is a stub whose import fails saying it is not part of the assignment; see
``autograder/sandbox.py``).  ``course check`` fails (see :func:`problems`) when

* a notebook (solution or release) or an alternate imports a module the list does not allow,
  or the list is not what the notebook needs;
* an allowed module names this assignment in its ``TAUGHT_IN``, or a visible test imports
  such a module (a reference answer belongs in the hidden tests);
* an allowed module has a function named like one of the assignment's graded functions;
* an allowed module has a function that *behaves* like a graded function: the graded
  function's reference (the solution cell's own function, run in this process) and every
  allowed module function that accepts the same arguments are called on the inputs the graded
  function receives when the solution notebook's test cells run (recorded here, in this
  process: up to six calls per function, each test cell cut off after a few seconds), and give
  the same result on all of them.  Results are compared when they are plain data (arrays,
  numbers, strings and containers of these); a function that returns a model or a layer is
  covered by the name check and by the allow-list itself.  Module functions run with a time
  bound, without output, on copies of the inputs.
"""
from __future__ import annotations

import ast
import contextlib
import copy
import io
import json
import os
import signal
import threading
import time
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np

from .course import SOLUTIONS, Assignment, CourseError, nbgrader_meta, read_notebook

ROOT = Path(__file__).resolve().parent.parent
UTILS = ROOT / "utils"
DECLARATION = "sandbox.json"
OPTIONAL_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


# --- modules and files ---------------------------------------------------------------------------

def module_file(name: str) -> Path | None:
    """``utils.nn.conv`` -> ``utils/nn/conv.py``; a package -> its ``__init__.py``; else None."""
    parts = name.split(".")
    if parts[0] != "utils":
        return None
    path = ROOT.joinpath(*parts)
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py")
    return None


def module_name(path: Path) -> str:
    rel = Path(path).resolve().relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def all_modules() -> list[str]:
    """Every module of ``utils`` (packages by their own name), ``utils`` itself excluded."""
    return sorted(module_name(p) for p in UTILS.rglob("*.py")
                  if "__pycache__" not in p.parts and module_name(p) != "utils")


def _package(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


# --- imports, read with ast ----------------------------------------------------------------------

@dataclass(frozen=True)
class Use:
    """An import of a utils module: of some of its names, or of the whole module (None)."""
    module: str
    names: frozenset | None
    optional: bool = False
    line: int = 0


def _catches_import_error(node: ast.Try) -> bool:
    for handler in node.handlers:
        if handler.type is None:
            return True
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        if any(isinstance(t, ast.Name) and t.id in OPTIONAL_ERRORS for t in types):
            return True
    return False


def _import_uses(node: ast.AST, package: str, optional: bool) -> list[Use]:
    """The utils modules one import statement uses."""
    uses = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name.split(".")[0] == "utils" and module_file(alias.name):
                uses.append(Use(alias.name, None, optional, node.lineno))
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = package.split(".")
            base = base[:len(base) - node.level + 1]
            name = ".".join(base + ([node.module] if node.module else []))
        else:
            name = node.module or ""
        if name.split(".")[0] != "utils" or not module_file(name):
            return []
        names = set()
        for alias in node.names:
            if alias.name == "*":
                names = None
                break
            sub = f"{name}.{alias.name}"
            if module_file(sub):
                uses.append(Use(sub, None, optional, node.lineno))
            else:
                names.add(alias.name)
        uses.append(Use(name, None if names is None else frozenset(names), optional,
                        node.lineno))
    return uses


def imports_in(nodes: Iterable[ast.AST], package: str = "utils", *,
               into_functions: bool = True, optional: bool = False) -> list[Use]:
    """Every utils import in ``nodes`` (into function bodies too unless told not to)."""
    uses = []
    for node in nodes:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            uses += _import_uses(node, package, optional)
        elif isinstance(node, ast.Try):
            guarded = optional or _catches_import_error(node)
            uses += imports_in(node.body, package, into_functions=into_functions,
                               optional=guarded)
            uses += imports_in(node.handlers + node.orelse + node.finalbody, package,
                               into_functions=into_functions, optional=optional)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) \
                and not into_functions:
            continue
        else:
            uses += imports_in(ast.iter_child_nodes(node), package,
                               into_functions=into_functions, optional=optional)
    return uses


def cell_source(source: str) -> str:
    """A notebook cell's code without IPython's magics and shell escapes (not Python)."""
    return "\n".join("pass" if line.lstrip().startswith(("%", "!")) else line
                     for line in source.splitlines())


def kernel_cells(nb) -> list:
    """The code cells that run in the student's kernel: all but the graded test cells."""
    return [c for c in nb.cells if c.cell_type == "code"
            and not (nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution"))]


def source_uses(source: str) -> list[Use]:
    return imports_in(ast.parse(cell_source(source)).body)


def visible_test_parts(nb) -> list[str]:
    """The visible part of each graded test cell (without its hidden tests): what a student's
    kernel runs when the student runs the notebook, and the self-test runs in the sandbox to
    compare its messages with the grader's."""
    from .testcells import visible_part
    return [visible_part(c.source) for c in nb.cells if c.cell_type == "code"
            and nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")]


def notebook_uses(nb, tests: bool = True) -> list[Use]:
    """The utils imports of what a notebook runs in the student's kernel (functions defined
    there included): its kernel cells and, with ``tests``, the visible part of its test cells
    (the hidden tests run in the grader only)."""
    uses = []
    sources = [c.source for c in kernel_cells(nb)] + (visible_test_parts(nb) if tests else [])
    for source in sources:
        try:
            uses += source_uses(source)
        except SyntaxError as exc:
            raise CourseError(f"a code cell does not parse: {exc}") from None
    return uses


# --- what a set of imports brings in, transitively -----------------------------------------------

@lru_cache(maxsize=None)
def _parsed(path: Path, mtime: float) -> ast.Module:
    return ast.parse(path.read_text(), str(path))


def _module_tree(name: str) -> tuple[ast.Module, str]:
    path = module_file(name)
    return _parsed(path, path.stat().st_mtime), _package(name, path)


def _loaded_names(nodes: Iterable[ast.AST]) -> set[str]:
    return {n.id for node in nodes for n in ast.walk(node)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def closure(uses: Iterable[Use], with_optional: bool = False) -> dict[str, str]:
    """The utils modules that ``uses`` need, each with why (the first module that needs it).

    A module's code at module level always runs; a top-level function or class counts when it
    is imported by name, when the whole module is imported, or when a counted part of the same
    module refers to it; the imports inside counted functions count.  Importing ``a.b.c`` runs
    the packages ``a.b`` and ``a`` first.
    """
    why: dict[str, str] = {}
    used_defs: dict[str, set[str]] = {}
    work = [(u, "the notebook") for u in uses if with_optional or not u.optional]

    def want(module: str, names, reason: str):
        work.append((Use(module, names), reason))

    while work:
        use, reason = work.pop()
        name = use.module
        tree, package = _module_tree(name)
        defs = {n.name: n for n in tree.body
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        if name not in why:
            why[name] = reason
            used_defs[name] = set()
            parts = name.split(".")
            for k in range(2, len(parts)):
                want(".".join(parts[:k]), frozenset(), f"{name} (its package)")
            top = [n for n in tree.body if n not in defs.values()]
            # what runs when the module is imported: its statements, decorators and defaults
            for node in defs.values():
                top += list(getattr(node, "decorator_list", []))
                if isinstance(node, ast.ClassDef):
                    top += node.bases
                else:
                    top += node.args.defaults + [d for d in node.args.kw_defaults if d]
            for u in imports_in(top, package, into_functions=False):
                if with_optional or not u.optional:
                    want(u.module, u.names, name)
            new = {n for n in _loaded_names(top) if n in defs}
        else:
            new = set()
        new |= set(defs) if use.names is None else {n for n in use.names if n in defs}
        queue = list(new - used_defs[name])
        while queue:
            d = queue.pop()
            if d in used_defs[name]:
                continue
            used_defs[name].add(d)
            for u in imports_in([defs[d]], package):
                if with_optional or not u.optional:
                    want(u.module, u.names, f"{name}.{d}")
            queue += [n for n in _loaded_names([defs[d]]) if n in defs
                      and n not in used_defs[name]]
    why.pop("utils", None)
    return why


# --- the declaration -----------------------------------------------------------------------------

def declaration_path(assignment: str) -> Path:
    return SOLUTIONS / assignment / DECLARATION


def allowed(assignment: str) -> list[str]:
    """The utils modules ``assignment``'s sandbox holds (its ``sandbox.json``)."""
    path = declaration_path(assignment)
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise CourseError(f"{path.relative_to(ROOT)} is missing: declare the utils modules "
                          f"the notebook imports (`course allowlist {assignment} --write`)") \
            from None
    except json.JSONDecodeError as exc:
        raise CourseError(f"{path.relative_to(ROOT)} is not valid JSON: {exc}") from None
    modules = data.get("allow") if isinstance(data, dict) else None
    if not isinstance(modules, list) or not all(isinstance(m, str) for m in modules):
        raise CourseError(f"{path.relative_to(ROOT)} must be {{\"allow\": [module, ...]}}")
    unknown = [m for m in modules if not module_file(m)]
    if unknown:
        raise CourseError(f"{path.relative_to(ROOT)} allows {', '.join(unknown)}, which "
                          "utils/ does not have")
    return sorted(modules)


def needed(a: Assignment) -> dict[str, str]:
    """What the assignment's notebook needs in its kernel (module -> why), from its imports."""
    return closure(notebook_uses(read_notebook(a.notebook)))


def write_declaration(a: Assignment) -> list[str]:
    modules = sorted(needed(a))
    declaration_path(a.id).write_text(json.dumps({"allow": modules}, indent=1) + "\n")
    return modules


def taught_in(path: Path) -> tuple[str, ...]:
    """The assignments a utils module says it answers (module-level ``TAUGHT_IN``), or ()."""
    try:
        tree = ast.parse(path.read_text())
    except (SyntaxError, UnicodeDecodeError):
        return ()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "TAUGHT_IN" for t in node.targets):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                return ()
            return tuple(value) if isinstance(value, (tuple, list)) else (value,)
    return ()


def graded_functions(nb) -> list[str]:
    return [nbgrader_meta(c)["grade_id"] for c in nb.cells
            if c.cell_type == "code" and nbgrader_meta(c).get("solution")
            and nbgrader_meta(c).get("grade_id")]


def import_problems(a: Assignment) -> list[str]:
    """Imports the declaration does not allow, and a declaration that is not what is needed."""
    problems = []
    allow = set(allowed(a.id))
    sources = [(a.notebook.relative_to(ROOT), notebook_uses(read_notebook(a.notebook)))]
    if a.release_notebook.exists():
        sources.append((a.release_notebook.relative_to(ROOT),
                        notebook_uses(read_notebook(a.release_notebook))))
    for alt in a.variants("alternates"):
        sources.append((alt.relative_to(ROOT), source_uses(alt.read_text())))
    for where, uses in sources:
        for use in uses:
            if not use.optional and use.module != "utils" and use.module not in allow:
                problems.append(
                    f"{a.id}: {where} imports {use.module} (line {use.line} of its cell), which "
                    f"its sandbox does not allow; if it holds no answer to this assignment, "
                    f"add it to {declaration_path(a.id).relative_to(ROOT)}")
    need = needed(a)
    for m in sorted(set(need) - allow):
        if not any(m in p for p in problems):
            problems.append(f"{a.id}: the notebook needs {m} (imported by {need[m]}), which "
                            f"{declaration_path(a.id).relative_to(ROOT)} does not allow")
    for m in sorted(allow - set(need)):
        problems.append(f"{a.id}: {declaration_path(a.id).relative_to(ROOT)} allows {m}, "
                        "which the notebook does not need: remove it (the sandbox holds only "
                        "what the notebook imports)")
    for m in sorted(allow):
        if a.id in taught_in(module_file(m)):
            problems.append(f"{a.id}: {m} answers this assignment (its TAUGHT_IN says so) and "
                            "must not be in its sandbox")
    for use in _visible_test_uses(a):
        if use.module != "utils" and a.id in taught_in(module_file(use.module)):
            problems.append(f"{a.id}: a visible test imports {use.module} (line {use.line} of "
                            "its cell), which answers this assignment (its TAUGHT_IN says so): "
                            "import it inside the hidden tests only, so that the student's "
                            "kernel never needs it")
    return problems


def _visible_test_uses(a: Assignment) -> list[Use]:
    uses = []
    for source in visible_test_parts(read_notebook(a.notebook)):
        try:
            uses += source_uses(source)
        except SyntaxError:
            continue
    return uses


# --- does a visible module answer a graded function? ---------------------------------------------

class _Stop(BaseException):
    """Enough inputs were recorded, or a time bound passed."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise _Stop in this (main) thread after ``seconds``; no bound elsewhere."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum, frame):
        raise _Stop("time")
    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@contextlib.contextmanager
def _quiet():
    """No output, no warnings, and the standard file descriptors as they were (a function
    that opens a number as a file closes that descriptor when it is done with it)."""
    saved = []
    for fd in (0, 1, 2):
        try:
            saved.append((fd, os.dup(fd)))
        except OSError:
            pass
    try:
        with contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                yield
    finally:
        for fd, copy_ in saved:
            os.dup2(copy_, fd)
            os.close(copy_)


def _definitions(source: str) -> str:
    """The imports, functions and classes of a cell (what the references need to run)."""
    tree = ast.parse(cell_source(source))
    keep = [n for n in tree.body if isinstance(
        n, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    return ast.unparse(ast.Module(body=keep, type_ignores=[]))


def references(nb) -> dict[str, Any]:
    """The solution notebook's namespace: its imports and definitions, solutions included
    (run here, in the grader's process; no cell that computes or trains is run)."""
    import matplotlib
    matplotlib.use("Agg")
    ns: dict[str, Any] = {"__name__": "__course_reference__"}
    with _quiet():
        for cell in kernel_cells(nb):
            try:
                exec(compile(_definitions(cell.source), "<solution cell>", "exec"), ns)
            except Exception:        # a cell needing data the check does not load: skip it
                pass
    return ns


def _size(value: Any) -> int:
    if isinstance(value, np.ndarray):
        return value.size
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(_size(v) for v in value)
    return 1


def probe_inputs(a: Assignment, per_function: int = 6, cell_seconds: float = 4,
                 max_size: int = 20_000) -> tuple[dict, dict]:
    """Record the arguments each graded function receives when the solution notebook's test
    cells run here against the solution's own functions.  Returns (inputs, references)."""
    from autograder.judge import free_names, trusted_namespace
    import utils.testing as testing
    nb = read_notebook(a.notebook)
    graded = graded_functions(nb)
    refs = references(nb)
    inputs: dict[str, list] = {g: [] for g in graded}
    opaque: set[str] = set()

    def recorder(name: str, fn: Callable) -> Callable:
        def record(*args, **kwargs):
            if name in opaque:
                raise _Stop("not plain data")
            if len(inputs[name]) < per_function and _size((args, kwargs)) <= max_size:
                try:
                    inputs[name].append(copy.deepcopy((args, kwargs)))
                except Exception:
                    pass
            if all(len(inputs[g]) >= per_function or g in opaque for g in cell_targets):
                raise _Stop("enough")
            blocked = testing._blocked["active"]
            testing._blocked["active"] = False       # the solution may call course references
            try:
                result = fn(*args, **kwargs)
            except _Stop:
                opaque.add(name)          # too slow to probe again within the time bound
                raise
            finally:
                testing._blocked["active"] = blocked
            if not _plain(result):
                # a model or a layer: its results are compared by name only (see _same), so
                # building more of them here would only cost time
                opaque.add(name)
                raise _Stop("not plain data")
            return result
        return record

    tests = [c for c in nb.cells if c.cell_type == "code" and nbgrader_meta(c).get("grade")
             and not nbgrader_meta(c).get("solution")]
    for cell in tests:
        source = cell_source(cell.source)
        ns = trusted_namespace()
        cell_targets = [g for g in graded if g in free_names(source)]
        if not cell_targets or all(len(inputs[g]) >= per_function or g in opaque
                                   for g in cell_targets):
            continue
        for name in free_names(source):
            if name in graded and callable(refs.get(name)):
                ns[name] = recorder(name, refs[name])
            elif name in refs and name not in ns:
                ns[name] = refs[name]
        state = np.random.get_state()
        try:
            with _quiet(), _time_limit(cell_seconds):
                exec(compile(source, "<test cell>", "exec"), ns)
        except _Stop:
            pass
        except Exception:
            pass
        finally:
            np.random.set_state(state)
    return inputs, refs


def _plain(value: Any) -> bool:
    """Data the behaviour check compares: numbers, strings, arrays and containers of them."""
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, np.ndarray):
        return value.dtype != object
    return value is None or isinstance(value, (str, bool, int, float, complex, np.generic))


def _same(a: Any, b: Any) -> bool:
    """Equal results: numbers and arrays within tolerance, containers item by item."""
    if isinstance(a, dict) or isinstance(b, dict):
        return (isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b)
                and all(_same(a[k], b[k]) for k in a))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    if a is None or b is None:
        return a is b
    try:
        x, y = np.asarray(a), np.asarray(b)
        if x.dtype == object or y.dtype == object:
            return False
        x, y = x.astype(float), y.astype(float)
    except (TypeError, ValueError):
        return False
    return x.shape == y.shape and bool(np.allclose(x, y, rtol=1e-5, atol=1e-7, equal_nan=True))


def _answers(expected: Any, actual: Any) -> bool:
    """``actual`` answers a function whose right result is ``expected``: the same result, or the
    same first value of the same kind when both return several (the rest being caches)."""
    if _same(expected, actual):
        return True
    return (isinstance(expected, tuple) and isinstance(actual, tuple) and expected
            and actual and not isinstance(expected[0], (tuple, dict, list))
            and np.size(expected[0]) > 1 and _same(expected[0], actual[0]))


def _accepts(fn: Callable, args: tuple, kwargs: dict) -> bool:
    import inspect
    try:
        inspect.signature(fn).bind(*args, **kwargs)
        return True
    except (TypeError, ValueError):
        return False


def _call(fn: Callable, args, kwargs, seconds: float) -> tuple[bool, Any]:
    args, kwargs = copy.deepcopy((args, kwargs))
    np.random.seed(1)
    try:
        with _quiet(), _time_limit(seconds):
            return True, fn(*args, **kwargs)
    except (Exception, _Stop):
        return False, None


def visible_functions(modules: Iterable[str]) -> dict[str, Callable]:
    """Every function of the given modules, by ``module.name`` (classes and builtins left out)."""
    import importlib
    import inspect
    found = {}
    for m in modules:
        module = importlib.import_module(m)
        for name, obj in vars(module).items():
            if inspect.isfunction(obj) and not inspect.isclass(obj):
                found[f"{m}.{name}"] = obj
    return found


def answer_problems(a: Assignment, seconds: float = 1.0,
                    modules: Iterable[str] | None = None) -> list[str]:
    """Functions of the modules in ``a``'s sandbox whose name or behaviour is one of its
    graded functions (see the module docstring).

    The functions run in a forked child of this process, so that whatever they do to it (close
    a file descriptor they were given as a number, change a global) ends with the child.
    """
    import fcntl
    import importlib
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401  (imported once here, not again in every child)
    for m in (allowed(a.id) if modules is None else modules):
        importlib.import_module(m)
    read, write = os.pipe()
    high = fcntl.fcntl(write, fcntl.F_DUPFD, 1000)    # out of reach of small numbers as inputs
    os.close(write)
    pid = os.fork()
    if pid == 0:                                      # the child
        os.close(read)
        # A module function called with a test's inputs may write a file named after one of
        # them (write_wav with a tuple as the path): in a scratch folder, never the checkout.
        import shutil
        import tempfile
        scratch = tempfile.mkdtemp(prefix="course-check-")
        os.chdir(scratch)
        try:
            found = _answer_problems(a, seconds, modules)
        except BaseException as exc:                  # noqa: B036 (reported, never raised)
            found = [f"{a.id}: the check of its sandbox's modules failed: {exc!r}"]
        try:
            data = memoryview(json.dumps(found).encode())
            while data:
                data = data[os.write(high, data):]
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
            os._exit(0)
    os.close(high)
    chunks = []
    while True:
        chunk = os.read(read, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    try:
        return json.loads(b"".join(chunks))
    except ValueError:
        return [f"{a.id}: the check of its sandbox's modules died before it could answer"]


def _answer_problems(a: Assignment, seconds: float, modules: Iterable[str] | None) -> list[str]:
    import importlib
    problems = []
    nb = read_notebook(a.notebook)
    graded = graded_functions(nb)
    modules = allowed(a.id) if modules is None else list(modules)
    for m in modules:
        module = importlib.import_module(m)
        for g in graded:
            if callable(getattr(module, g, None)):
                problems.append(f"{a.id}: {m}.{g} is named like the graded function {g}: split "
                                f"{m} so that the sandbox holds no answer")
    inputs, refs = probe_inputs(a)
    candidates = visible_functions(modules)
    for g in graded:
        ref = refs.get(g)
        if not callable(ref):
            continue
        cases = []
        import utils.testing as testing
        for args, kwargs in inputs[g]:
            testing._blocked["active"] = False
            ok, out = _call(ref, args, kwargs, seconds)
            if ok and out is not None and _plain(out):
                cases.append((args, kwargs, out))
        if not cases:
            continue
        for label, fn in candidates.items():
            if not all(_accepts(fn, args, kwargs) for args, kwargs, _ in cases):
                continue
            if all(_answers(out, got) for ok, got, out in
                   ((*_call(fn, args, kwargs, seconds), out) for args, kwargs, out in cases)):
                problems.append(
                    f"{a.id}: {label} computes what the graded function {g} must compute (same "
                    f"results on {len(cases)} of its test inputs): split its module so that "
                    "the sandbox holds no answer, or stop importing it")
    return problems


def probe_coverage(a: Assignment) -> dict[str, int]:
    """How many inputs were recorded for each graded function (for the tests)."""
    inputs, _ = probe_inputs(a)
    return {g: len(v) for g, v in inputs.items()}


def problems(a: Assignment, behaviour: bool = True) -> list[str]:
    """Everything ``course check`` reports about ``a``'s sandbox."""
    try:
        found = import_problems(a)
    except CourseError as exc:
        return [f"{a.id}: {exc}"]
    from . import offlimits
    found += offlimits.problems(a)
    if behaviour:
        found += answer_problems(a)
    return found


def timed_problems(ids: list[str] | None = None) -> tuple[list[str], float]:
    from .course import assignments
    start = time.monotonic()
    found = []
    for a in assignments(ids):
        found += problems(a)
    return found, time.monotonic() - start
