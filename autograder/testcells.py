"""What a test cell may take from the student's kernel, and what it may leave there.

The rule (README, "Writing tests"): expected values come only from the grader's own references
and the test's own inputs.  So a test cell may look up in the student's kernel only

* the function(s) it grades: those defined in the solution cell it follows (its grade_id is
  usually ``test_<fn>``; several test cells may follow one solution cell), and
* graded functions of earlier solution cells, used only for diagnosis: inside ``needs(...)``
  (outside its ``expected=``), which ``depends_on`` tries only to blame the right exercise.

:func:`allowed_kernel_names` computes that set for every test cell of a solution notebook; the
judge refuses any other lookup (``Judge.run_test_cell``), and ``course check`` reports every
test cell whose free names reach further (:func:`lookup_violations`).

And a locked cell never changes the student's state: a test cell, run in the student's kernel
as students run it, binds no name that a later cell reads (:func:`state_violations`).
"""
from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass

from .course import nbgrader_meta
from .judge import free_names, trusted_namespace

DIAGNOSIS_CALL = "needs"
# A test may also give the function it grades an input made by an earlier exercise (a model
# built by transfer_model for fine_tune, say), declared on a line of its own:
#     # inputs from earlier exercises: data_augmenter, transfer_model
# Only earlier graded functions may be declared, and their results may only be passed to the
# student's functions: expected values still come from the grader's references alone.
INPUTS_DECLARATION = re.compile(r"^[ \t]*#[ \t]*inputs from earlier exercises:(.*)$", re.M)


@dataclass(frozen=True)
class Violation:
    cell: str             # grade_id (or "cell <index>") of the test cell at fault
    index: int            # its index in the notebook
    name: str
    problem: str

    def __str__(self) -> str:
        return f"{self.cell} (cell {self.index}): {self.name}: {self.problem}"


def _is_test(cell) -> bool:
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def _is_solution(cell) -> bool:
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and bool(meta.get("solution")) and not meta.get("grade")


def _defined(source: str) -> set[str]:
    """Functions and classes a solution cell defines at module level (its graded functions)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {n.name for n in tree.body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def kernel_reads(source: str) -> set[str]:
    """The names a test cell would look up in the student's kernel (its free names that are
    neither builtins nor in the judge's trusted namespace)."""
    return free_names(source) - set(trusted_namespace()) - set(dir(builtins))


def _diagnosis_only(source: str, names: set[str]) -> set[str]:
    """Those of ``names`` that the cell reads only inside ``needs(...)`` (not in ``expected=``)."""
    tree = ast.parse(source)
    inside: set[int] = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == DIAGNOSIS_CALL):
            parts = list(node.args) + [k.value for k in node.keywords if k.arg != "expected"]
            for part in parts:
                inside.update(id(n) for n in ast.walk(part))
    outside = {n.id for n in ast.walk(tree)
               if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and id(n) not in inside}
    return {name for name in names if name not in outside}


def declared_inputs(source: str) -> set[str]:
    """The earlier graded functions a test cell declares as makers of its inputs."""
    return {name.strip() for line in INPUTS_DECLARATION.findall(source)
            for name in line.split(",") if name.strip()}


def allowed_kernel_names(nb) -> dict[str, frozenset[str]]:
    """{grade_id: the kernel names that test cell may look up}, from the SOLUTION notebook."""
    allowed: dict[str, frozenset[str]] = {}
    graded_before: set[str] = set()
    own: set[str] = set()
    for cell in nb.cells:
        if _is_solution(cell):
            own = _defined(cell.source) or {nbgrader_meta(cell).get("grade_id", "")}
            graded_before |= own
        elif _is_test(cell):
            gid = nbgrader_meta(cell)["grade_id"]
            reads = kernel_reads(cell.source)
            diagnosis = _diagnosis_only(cell.source, (reads & graded_before) - own)
            inputs = declared_inputs(cell.source) & graded_before
            allowed[gid] = frozenset(own | diagnosis | inputs)
    return allowed


def lookup_violations(nb) -> list[Violation]:
    """Every kernel name a test cell reads outside its allowed set."""
    allowed = allowed_kernel_names(nb)
    graded = set().union(*[_defined(c.source) for c in nb.cells if _is_solution(c)])
    found = []
    for index, cell in enumerate(nb.cells):
        if not _is_test(cell):
            continue
        gid = nbgrader_meta(cell)["grade_id"]
        for name in sorted(kernel_reads(cell.source) - allowed[gid]):
            why = ("a graded function used outside needs(...): a test may call only the "
                   "function it grades; use a reference from utils, or the test's own inputs, "
                   "or declare it as a maker of inputs: '# inputs from earlier exercises: "
                   f"{name}'"
                   if name in graded else
                   "not a graded function of this cell: take it from utils or define it in "
                   "the test")
            found.append(Violation(gid, index, name, f"test cell looks up {name} in the "
                                   f"student's kernel, which it may not ({why})"))
    return found


def module_bindings(source: str) -> set[str]:
    """Names a cell binds at module level when run in a kernel (not inside defs or lambdas)."""
    tree = ast.parse(source)
    bound: set[str] = set()

    def visit(node):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
            for d in node.decorator_list:
                visit(d)
            return
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
                             ast.GeneratorExp)):
            if isinstance(node, ast.Lambda):
                return
            for gen in node.generators:          # only the first iterable runs at module level;
                visit(gen.iter)                   # a walrus inside binds at module level
            for sub in ast.walk(node):
                if isinstance(sub, ast.NamedExpr) and isinstance(sub.target, ast.Name):
                    bound.add(sub.target.id)
            return
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name != "*":
                    bound.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return bound


def _module_loads(node) -> set[str]:
    """Names a statement loads at module level (not inside defs, lambdas or comprehensions'
    own scopes)."""
    found = set()

    def visit(n):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for d in n.decorator_list:
                visit(d)
            return
        if isinstance(n, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
            found.add(n.id)
        for child in ast.iter_child_nodes(n):
            visit(child)

    visit(node)
    return found


def _stored(target) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


def cell_reads(source: str) -> set[str]:
    """Names a cell reads from the kernel's state: read before the cell itself binds them
    (``model = fine_tune(model)`` reads ``model``; ``x = 1; print(x)`` does not read ``x``)."""
    reads: set[str] = set()

    def expr(node, bound):
        if node is not None:
            reads.update((free_names(ast.unparse(node)) | _module_loads(node)) - bound)

    def block(stmts, bound):
        for s in stmts:
            if isinstance(s, (ast.For, ast.AsyncFor)):
                expr(s.iter, bound)
                bound |= _stored(s.target)
                block(s.body, bound)
                block(s.orelse, bound)
            elif isinstance(s, (ast.With, ast.AsyncWith)):
                for item in s.items:
                    expr(item.context_expr, bound)
                    if item.optional_vars is not None:
                        bound |= _stored(item.optional_vars)
                block(s.body, bound)
            elif isinstance(s, (ast.If, ast.While)):
                expr(s.test, bound)
                block(s.body, bound)
                block(s.orelse, bound)
            elif isinstance(s, ast.Try):
                block(s.body, bound)
                for h in s.handlers:
                    expr(h.type, bound)
                    block(h.body, bound | ({h.name} if h.name else set()))
                block(s.orelse, bound)
                block(s.finalbody, bound)
            else:
                reads.update((free_names(ast.unparse(s)) | _module_loads(s)) - bound)
                bound |= module_bindings(ast.unparse(s))

    block(ast.parse(source).body, set())
    return reads


def state_violations(nb) -> list[Violation]:
    """Every name a test cell binds in the kernel that a later non-test cell reads before any
    later cell binds it again."""
    cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    parsed = {}
    for i, c in cells:
        try:
            parsed[i] = (cell_reads(c.source), module_bindings(c.source))
        except SyntaxError:
            parsed[i] = (set(), set())
    found = []
    for pos, (index, cell) in enumerate(cells):
        if not _is_test(cell):
            continue
        gid = nbgrader_meta(cell)["grade_id"]
        for name in sorted(parsed[index][1]):
            for later, other in cells[pos + 1:]:
                reads, binds = parsed[later]
                if name in reads and not _is_test(other):
                    found.append(Violation(gid, index, name, (
                        f"test cell binds {name}, which cell {later} reads afterwards: a locked "
                        "cell must never change the student's state (rename it, e.g. "
                        f"_{name.lstrip('_')}_t)")))
                    break
                if name in binds:
                    break
    return found


def notebook_violations(nb) -> list[Violation]:
    return lookup_violations(nb) + state_violations(nb)


# --- the same message in the student's notebook and in the feedback ------------------------------

def visible_part(source: str) -> str:
    """A test cell as the student's notebook holds it: without its hidden tests."""
    kept, hidden = [], False
    for line in source.splitlines():
        if line.strip() == "### BEGIN HIDDEN TESTS":
            hidden = True
        elif line.strip() == "### END HIDDEN TESTS":
            hidden = False
        elif not hidden:
            kept.append(line)
    return "\n".join(kept)


_NUMBER = re.compile(r"-?\d+\.\d*(?:e[-+]?\d+)?|-?\d+e[-+]?\d+")


_LAYER_NAME = re.compile(r"\b([a-z][a-z0-9]*(?:_[a-z][a-z0-9]*)*)_\d+\b")


def _normalised(message: str) -> str:
    """A failure message as compared between the notebook and the grader: a CheckFailure's
    text (what the student reads), else the exception's type and first line (the notebook
    shows the rest as a traceback, the feedback as lines of its own).  Decimal numbers are
    masked and printed array values left out: a function that draws unseeded random numbers
    draws from the kernel's generator in the notebook and from the grader's when graded, so
    its values differ while the check, the shapes and the hint must not."""
    # layers are named with a counter of the layers made so far ('add_103'), which differs
    # between the two runs
    message = _LAYER_NAME.sub(r"\1_#", message)
    ename, _, evalue = message.partition(": ")
    if ename == "CheckFailure":
        lines = [ln for ln in message.strip().splitlines()
                 if not re.match(r"\s*\[|\s+-?\d", ln)]
        return _NUMBER.sub("#", "\n".join(lines))
    return f"{ename}: {evalue.strip().splitlines()[0] if evalue.strip() else ''}"


def message_difference(in_notebook, graded) -> str | None:
    """How the failure of a test cell run in the student's kernel as students run it (its
    visible part; ``kernel.KernelSession.run``) differs from the grader's (``test``), or None
    when they agree.  A cell that passes in the notebook may fail when graded (the hidden
    tests); one that fails in the notebook must fail with the same message.  (A visible test
    imports only modules of the assignment's allow-list, which ``course check`` enforces, so
    the sandboxed kernel runs it as the student's notebook does.)"""
    if in_notebook.passed or in_notebook.message.startswith("wrote to stderr"):
        return None
    if graded.passed:
        return f"passes when graded; in the notebook: {_normalised(in_notebook.message)}"
    mine, theirs = _normalised(in_notebook.message), _normalised(graded.message)
    if mine == theirs:
        return None
    a, b = mine.splitlines(), theirs.splitlines()
    i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
    return (f"notebook: {a[i] if i < len(a) else '(ends)'} | graded: "
            f"{b[i] if i < len(b) else '(ends)'} || notebook: {mine!r} || graded: {theirs!r}")
