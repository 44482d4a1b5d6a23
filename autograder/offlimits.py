"""Framework functions a submission may not use: the ones that compute a graded function.

Some assignments need a framework module in the student's kernel that also holds the answer
to one of their exercises: c5w4a1's Transformer runs on ``utils.nn.attention``, whose
``dot_product_attention`` is exactly the ``scaled_dot_product_attention`` the student writes.
The sandbox cannot leave the module out, so the module declares the names, next to the code::

    OFF_LIMITS = {"c5w4a1_transformer": {"scaled_dot_product_attention": ("dot_product_attention",)}}

(assignment -> graded function -> names of this module), a literal read here without importing
the module.  When a class is graded, :func:`uses` reads every code cell of a submission that is
not one of the release's test cells, as Python tokens: a name, an attribute or an import of a
declared name, or a string that contains one (``getattr(module, "dot_product_attention")``),
scores 0 on the tests of the function it answers, with a note that says why.  Comments do not
count.  This is a check of what the code names, run by the grader on the submitted file (never
in the student's kernel); code that builds the name from pieces escapes it, as copying the
framework's source by hand would: both are left to the instructor's review.

``course check`` runs :func:`problems`: every declared assignment and function exists, the
module is in that assignment's sandbox, and the solution notebook itself uses none of the names.
"""
from __future__ import annotations

import ast
import io
import re
import tokenize

from .course import Assignment, nbgrader_meta, read_notebook

DECLARATION = "OFF_LIMITS"
# string tokens (the text of an f-string is its own token from Python 3.12 on)
_STRINGS = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}


def _declared(path) -> dict:
    try:
        tree = ast.parse(path.read_text())
    except (OSError, SyntaxError, UnicodeDecodeError):
        return {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == DECLARATION for t in node.targets):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                return {}
            return value if isinstance(value, dict) else {}
    return {}


def off_limits(assignment: str, modules=None) -> dict[str, dict[str, str]]:
    """``{graded function: {name: module}}`` declared for ``assignment`` by the modules of its
    sandbox (``modules``: those modules, default the assignment's ``sandbox.json``)."""
    from .allowlist import allowed, module_file
    found: dict[str, dict[str, str]] = {}
    for module in (allowed(assignment) if modules is None else modules):
        path = module_file(module)
        if path is None:
            continue
        for function, names in _declared(path).get(assignment, {}).items():
            for name in ([names] if isinstance(names, str) else names):
                found.setdefault(function, {})[name] = module
    return found


def _words(text: str) -> list[tuple[int, str]]:
    """Every word and every quoted run of text that is not Python."""
    return ([(tokenize.NAME, w) for w in re.findall(r"[A-Za-z_]\w*", text)]
            + [(tokenize.STRING, m.group(0)) for m in re.finditer(r"(['\"]).*?\1", text)])


def _tokens(source: str) -> list[tuple[int, str]]:
    """(token type, text) of a cell; IPython's ``%``/``!`` lines, and a cell that is not
    Python, count word by word."""
    magic = [line for line in source.splitlines() if line.lstrip().startswith(("%", "!"))]
    python = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                       for line in source.splitlines())
    try:
        tokens = [(t.type, t.string) for t in
                  tokenize.generate_tokens(io.StringIO(python + "\n").readline)]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return _words(source)
    return tokens + [w for line in magic for w in _words(line)]


def uses(nb, release_nb, declared: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """``{graded function: [declared names the submission uses]}`` (see the module docstring).

    ``release_nb`` gives the test cells, which are not read (they are graded as released)."""
    if not declared:
        return {}
    tests = {nbgrader_meta(c).get("grade_id") for c in release_nb.cells
             if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")}
    words: set[str] = set()
    strings: list[str] = []
    for cell in nb.cells:
        if cell.get("cell_type") != "code" or nbgrader_meta(cell).get("grade_id") in tests:
            continue
        for kind, text in _tokens(cell.get("source", "")):
            if kind == tokenize.NAME:
                words.add(text)
            elif kind in _STRINGS:
                strings.append(text)
    found = {}
    for function, names in declared.items():
        hits = sorted(n for n in names if n in words or any(n in s for s in strings))
        if hits:
            found[function] = hits
    return found


def notes(found: dict[str, dict[str, str]], hits: dict[str, list[str]]) -> dict[str, str]:
    """``{graded function: the reason its tests score 0}``."""
    return {function: (f"{function} must be written by the student, and the notebook uses "
                       + ", ".join(f"{found[function][n]}.{n}" for n in names)
                       + ", which computes it")
            for function, names in hits.items()}


def problems(a: Assignment) -> list[str]:
    """What ``course check`` reports about the declarations that name ``a``."""
    from .allowlist import all_modules, allowed, graded_functions, module_file
    from .course import CourseError
    nb = read_notebook(a.notebook)
    graded = set(graded_functions(nb))
    try:
        sandbox = set(allowed(a.id))
    except CourseError:
        return []                      # allowlist.problems says so
    declared = off_limits(a.id, all_modules())
    found = []
    for function, names in declared.items():
        if function not in graded:
            found += [f"{a.id}: {m}.{DECLARATION} names {function}, which is not one of its "
                      "graded functions" for m in sorted(set(names.values()))]
        for name, module in names.items():
            if name not in _module_names(module_file(module)):
                found.append(f"{a.id}: {module}.{DECLARATION} names {name}, which {module} "
                             "does not define")
    for module in sorted({m for names in declared.values() for m in names.values()} - sandbox):
        found.append(f"{a.id}: {module}.{DECLARATION} names it, but its sandbox does not hold "
                     "that module (nothing to keep off limits)")
    for function, names in uses(nb, nb, declared).items():
        found.append(f"{a.id}: the solution notebook uses {', '.join(names)}, which "
                     f"{DECLARATION} keeps off limits for {function}")
    return found


def _module_names(path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {n.name for n in tree.body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))} | {
        t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
        if isinstance(t, ast.Name)}
