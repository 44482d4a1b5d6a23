"""The catalogue of known mistakes: ``solutions/<id>/mistakes.py``.

Each assignment lists the mistakes students make in its graded functions as plain data (no
imports, read with ``ast.literal_eval``, never executed)::

    MISTAKES = [
        {"cell": "propagate",                 # grade_id of the solution cell it changes
         "name": "cost_not_averaged",         # a slug, unique within the cell
         "says": "the cost is the sum of the losses, not their mean",   # for the student
         "hint": None,                        # optional advice shown with it
         "patch": [("    cost = ... / m\\n",
                    "    cost = ...\\n")]},    # (old, new) replacements, applied in order
    ]

A mistake's source is its solution cell's source with the patch applied: each ``old`` must
occur exactly once in the source at that point, otherwise ``load`` raises ``PatchError``
naming the assignment, the cell and the mistake (the solution changed under the patch).

``load`` / ``for_cell`` are the only readers (the self-test, diagnosis, the class report).
``convert`` turns the old form, whole copies of a solution cell in
``mutants/<grade_id>__<slug>.py`` whose first lines say ``# Mistake: ...``, into catalogue
entries (``course mistakes convert ID``): it appends to an existing catalogue, so a mutant
file written later is converted the same way.
"""
from __future__ import annotations

import ast
import difflib
import functools
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from .course import SOLUTIONS, Assignment, CourseError, nbgrader_meta, read_notebook

CATALOGUE = "mistakes.py"
KEYS = ("cell", "name", "says", "hint", "patch")


class PatchError(CourseError):
    """A catalogue entry that cannot be read or whose patch no longer applies."""


@dataclass(frozen=True)
class Mistake:
    assignment: str
    cell: str          # grade_id of the solution cell
    name: str
    says: str
    hint: str | None
    source: str        # the whole mutant cell: the solution cell's source with the patch applied

    @property
    def label(self) -> str:
        """``<cell>__<name>``, the old mutant file's stem (the self-test's row names)."""
        return f"{self.cell}__{self.name}"


def catalogue_path(assignment_id: str) -> Path:
    return SOLUTIONS / assignment_id / CATALOGUE


def solution_cells(assignment_id: str) -> dict[str, str]:
    """grade_id -> source of each solution cell (not graded) of the solution notebook."""
    path = Assignment(assignment_id).notebook
    return dict(_solution_cells(path, path.stat().st_mtime_ns))


def default_argument(source: str, function: str, argument: str):
    """The default value of ``argument`` in the ``def`` of ``function`` in ``source``, read (not
    run) with ``ast.literal_eval``: a notebook's defaults, or a guarded reference's, whose
    wrapper hides its signature."""
    tree = ast.parse(source)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function)
    names = [a.arg for a in node.args.args]
    defaults = dict(zip(names[len(names) - len(node.args.defaults):], node.args.defaults))
    return ast.literal_eval(defaults[argument])


@functools.lru_cache(maxsize=32)
def _solution_cells(path: Path, mtime_ns: int) -> tuple[tuple[str, str], ...]:
    nb = read_notebook(path)
    return tuple({nbgrader_meta(c)["grade_id"]: c.source for c in nb.cells
            if c.cell_type == "code" and nbgrader_meta(c).get("solution")
            and not nbgrader_meta(c).get("grade")}.items())


def read_entries(path: Path) -> list[dict]:
    """The ``MISTAKES`` list of a catalogue file, as data (the file is never executed)."""
    tree = ast.parse(path.read_text(), str(path))
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "MISTAKES"):
            try:
                entries = ast.literal_eval(node.value)
            except ValueError as exc:
                raise PatchError(f"{path}: MISTAKES must be plain data ({exc})") from None
            if not isinstance(entries, list):
                raise PatchError(f"{path}: MISTAKES must be a list")
            return entries
    raise PatchError(f"{path}: defines no MISTAKES list")


def apply_patch(source: str, patch, where: str = "") -> str:
    """``source`` with each (old, new) of ``patch`` replaced in order; each ``old`` must occur
    exactly once at that point."""
    for i, pair in enumerate(patch, 1):
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2
                and all(isinstance(s, str) for s in pair)):
            raise PatchError(f"{where}: change {i} of {len(patch)} is not an (old, new) pair "
                             "of strings")
        old, new = pair
        found = source.count(old) if old else 0
        if found != 1:
            first = old.strip().splitlines()[0] if old.strip() else repr(old)
            raise PatchError(f"{where}: the patch no longer applies: change {i} of "
                             f"{len(patch)} looks for {first!r}"
                             + (" (and more)" if len(old.strip().splitlines()) > 1 else "")
                             + (" which the solution cell no longer holds" if found == 0 else
                                f" which occurs {found} times (must be once)"))
        source = source.replace(old, new)
    return source


def _check_entry(e, i: int, where: str, cells: dict[str, str]) -> None:
    name = e.get("name") if isinstance(e, dict) else None
    here = f"{where}: mistake {name or f'#{i}'}"
    if not isinstance(e, dict) or set(e) != set(KEYS):
        raise PatchError(f"{here}: an entry has exactly the keys {', '.join(KEYS)}")
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise PatchError(f"{here}: name must be a slug (letters, digits, _)")
    if e["cell"] not in cells:
        raise PatchError(f"{here}: cell {e['cell']!r} is no solution cell of the notebook")
    if not isinstance(e["says"], str) or not e["says"].strip():
        raise PatchError(f"{here}: says must be a sentence for the student")
    if e["hint"] is not None and not (isinstance(e["hint"], str) and e["hint"].strip()):
        raise PatchError(f"{here}: hint is a sentence or None")
    if not isinstance(e["patch"], (list, tuple)) or not e["patch"]:
        raise PatchError(f"{here}: patch must be a non-empty list of (old, new) pairs")


def load_all(assignment_id: str) -> tuple[list[Mistake], list[tuple[str, str]]]:
    """The mistakes that load, and (label, message) of each entry that does not (the
    self-test reports every one); a file that cannot be read at all is one error."""
    path = catalogue_path(assignment_id)
    if not path.exists():
        return [], []
    try:
        entries = read_entries(path)
    except (PatchError, SyntaxError) as exc:
        return [], [(CATALOGUE, f"{assignment_id}: {exc}")]
    cells = solution_cells(assignment_id)
    where = f"{assignment_id}/{CATALOGUE}"
    out, errors, seen = [], [], set()
    for i, e in enumerate(entries, 1):
        label = (f"{e.get('cell')}__{e.get('name')}" if isinstance(e, dict) else f"#{i}")
        try:
            _check_entry(e, i, where, cells)
            here = f"{assignment_id}: mistake {e['name']} of {e['cell']}"
            if (e["cell"], e["name"]) in seen:
                raise PatchError(f"{here}: the name is used twice for this cell")
            seen.add((e["cell"], e["name"]))
            source = apply_patch(cells[e["cell"]], e["patch"], here)
            try:
                changed = _code(source) != _code(cells[e["cell"]])
            except SyntaxError as exc:
                raise PatchError(f"{here}: the patched cell is not Python ({exc})") from None
            if not changed:
                raise PatchError(f"{here}: the patch changes no code (only comments or "
                                 "docstrings)")
        except PatchError as exc:
            errors.append((label, str(exc)))
            continue
        out.append(Mistake(assignment_id, e["cell"], e["name"], e["says"].strip(),
                           e["hint"].strip() if e["hint"] else None, source))
    return out, errors


def load(assignment_id: str) -> list[Mistake]:
    """Every catalogued mistake of an assignment, in the catalogue's order ([] when it has
    no catalogue).  Raises PatchError naming the entry when one is malformed, repeats a name
    or its patch no longer applies (or leaves the cell's code unchanged)."""
    found, errors = load_all(assignment_id)
    if errors:
        raise PatchError(errors[0][1] + (f" (and {len(errors) - 1} more)" if len(errors) > 1
                                         else ""))
    return found


def problems(assignment_id: str) -> list[str]:
    """One line per catalogue entry that does not load (for ``course check``)."""
    return [message for _, message in load_all(assignment_id)[1]]


def for_cell(assignment_id: str, cell: str) -> list[Mistake]:
    """The catalogued mistakes of one solution cell (grade_id)."""
    return [m for m in load(assignment_id) if m.cell == cell]


# ---------------------------------------------------------------- the converter (mutants/ ->)

def _without_docstrings(source: str) -> ast.Module:
    """The parsed cell with every module, function and class docstring taken out."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return tree


def _code(source: str) -> str:
    """The code of a cell without comments, docstrings or layout (for comparing sources)."""
    return ast.dump(_without_docstrings(source))


class _Quiet(ast.NodeTransformer):
    """Leaves out print(...) statements, and the ifs that held nothing else."""

    def visit_Expr(self, node):
        call = node.value
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                and call.func.id == "print"):
            return None
        return node

    def visit_If(self, node):
        self.generic_visit(node)
        if not node.body and not node.orelse:
            return None
        if not node.body:
            node.body = [ast.Pass()]
        return node

    def generic_visit(self, node):
        super().generic_visit(node)
        for name in ("body", "orelse", "finalbody"):      # a block left empty
            if isinstance(getattr(node, name, None), list) and not getattr(node, name) \
                    and name == "body" and not isinstance(node, (ast.If, ast.Module)):
                setattr(node, name, [ast.Pass()])
        return node


def _quiet_code(source: str) -> str:
    """``_code`` of a cell, its printing aside (what a mistake prints is not what it gets
    wrong)."""
    return ast.dump(_Quiet().visit(ast.parse(_unparse_code(source))))


def _unparse_code(source: str) -> str:
    return ast.unparse(ast.parse(_strip_docstrings(source)))


def _strip_docstrings(source: str) -> str:
    return ast.unparse(_without_docstrings(source))


def _code_lines(source: str) -> list[tuple[int, str]]:
    """(index, key) of each line that holds code: not blank, not a comment alone, not part of
    a docstring; the key is the line without its trailing comment or trailing spaces."""
    lines = source.splitlines()
    skip = set()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            skip.update(range(body[0].lineno - 1, body[0].end_lineno))
    cut = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            cut[tok.start[0] - 1] = tok.start[1]
    out = []
    for i, line in enumerate(lines):
        key = line[:cut.get(i, len(line))].rstrip()
        if i not in skip and key.strip():
            out.append((i, key))
    return out


def _unique_hunk(lines: list[str], i1: int, i2: int, new: list[str], text: str):
    """The smallest (old, new) around lines[i1:i2] (replaced by ``new``) whose old occurs once
    in ``text``: one more line of context on either side until it does."""
    lo, hi = i1, i2
    if lo == hi:                     # a pure insertion: anchor on the line below (or above)
        if hi < len(lines):
            hi += 1
        else:
            lo -= 1
    grow_above = True
    while True:
        old = "".join(lines[lo:hi])
        if old and text.count(old) == 1:
            return old, _join(lines[lo:i1] + new + lines[i2:hi], old.endswith("\n"))
        if lo == 0 and hi == len(lines):
            raise PatchError("no unique context for a change")
        if (grow_above and lo > 0) or hi == len(lines):
            lo -= 1
        else:
            hi += 1
        grow_above = not grow_above


def _join(lines: list[str], newline_at_end: bool) -> str:
    """Lines joined as a text whose last line ends with a newline or not (the last line of a
    cell has none)."""
    text = "".join(ln if ln.endswith("\n") else ln + "\n" for ln in lines)
    return text if newline_at_end or not text else text[:-1]


def diff_patch(solution: str, mutant: str) -> list[tuple[str, str]]:
    """Small (old, new) replacements that turn ``solution`` into ``mutant`` up to comments,
    docstrings and blank lines (a mutant file holds the cell without them)."""
    sol = solution.splitlines(keepends=True)
    mut = mutant.splitlines(keepends=True)
    if mut and not mut[-1].endswith("\n"):
        mut[-1] += "\n"
    a, b = _code_lines(solution), _code_lines(mutant)
    ops = difflib.SequenceMatcher(None, [k for _, k in a], [k for _, k in b],
                                  autojunk=False).get_opcodes()
    hunks = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        new = [mut[b[j][0]] for j in range(j1, j2)]
        if i1 < i2:
            s1, s2 = a[i1][0], a[i2 - 1][0] + 1        # solution lines replaced (with the
        else:                                          # comments between them); an
            s1 = s2 = a[i1][0] if i1 < len(a) else a[-1][0] + 1   # insertion goes right
                                                                  # above the next code line
        hunks.append((s1, s2, new))
    # a hunk that only lays code out differently (a dict on fewer lines), or only changes what
    # is printed, is left out: the patch holds the mistake, not the file's other liberties
    for same in (_code, _quiet_code):
        for k in reversed(range(len(hunks))):
            fewer = hunks[:k] + hunks[k + 1:]
            try:
                if fewer and same(apply_patch(solution, _build(solution, fewer))) == same(mutant):
                    hunks = fewer
            except (PatchError, SyntaxError):
                pass
    return _build(solution, hunks)


def _build(solution: str, hunks: list) -> list[tuple[str, str]]:
    """The (old, new) pairs of hunks (solution line ranges and their new lines), in order."""
    patch = []
    offset = 0                        # lines added so far (hunks are applied top to bottom)
    text = solution
    for s1, s2, new in hunks:
        s1, s2 = s1 + offset, s2 + offset
        cur = text.splitlines(keepends=True)
        old, rep = _unique_hunk(cur, s1, s2, new, text)
        patch.append((old, rep))
        text = text.replace(old, rep)
        offset += len(new) - (s2 - s1)
    return patch


def _bindings(node) -> set[tuple[str, str, str]]:
    """(name bound, module, attribute or '') of an import statement."""
    if isinstance(node, ast.Import):
        return {(al.asname or al.name.split(".")[0], al.name if al.asname else
                 al.name.split(".")[0], "") for al in node.names}
    return {(al.asname or al.name, "." * node.level + (node.module or ""), al.name)
            for al in node.names}


def notebook_imports(assignment_id: str) -> set[tuple[str, str, str]]:
    """What the notebook's own cells (not its test cells) import at their top level."""
    nb = read_notebook(Assignment(assignment_id).notebook)
    found = set()
    for c in nb.cells:
        if c.cell_type != "code" or nbgrader_meta(c).get("grade"):
            continue
        source = re.sub(r"(?m)^\s*[%!].*$", "", c.source)        # IPython magics
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found |= _bindings(node)
    return found


def without_known_imports(code: str, known: set) -> str:
    """A mutant file's code without the top-level imports the notebook makes anyway (a mutant
    cell runs in the notebook's kernel, as a student's cell does)."""
    lines = code.splitlines(keepends=True)
    drop = set()
    for node in ast.parse(code).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and _bindings(node) <= known:
            drop.update(range(node.lineno - 1, node.end_lineno))
    return "".join(ln for i, ln in enumerate(lines) if i not in drop)


HEADER = re.compile(r"#\s*Mistake\s*(\(([^)]*)\))?\s*:\s*(.*)")


def read_mutant(path: Path) -> tuple[str, str | None, str | None, str]:
    """(says, note, hint, code) of a mutant file: its leading comment block states the mistake
    (``# Mistake: ...`` or ``# Mistake (note): ...``, continued on further comment lines; a
    line ``# Hint: ...`` starts the hint)."""
    lines = path.read_text().splitlines(keepends=True)
    head = []
    while lines and lines[0].lstrip().startswith("#"):
        head.append(lines.pop(0).strip().lstrip("#").strip())
    m = HEADER.match("# " + head[0]) if head else None
    if not m:
        raise PatchError(f"{path}: the first line must say '# Mistake: ...'")
    says, hint, into = [m.group(3)], [], None
    for line in head[1:]:
        if line.lower().startswith("hint:"):
            into = hint
            line = line[5:].strip()
        (into if into is not None else says).append(line)
    def sentence(words):
        text = " ".join(w for w in words if w).strip()
        # the full stop goes (the sentence is quoted after a colon), a number's stays ("1.")
        floats = re.search(r"\b\d+\. and \d+\.$", text)      # "floats 0. and 1."
        return text[:-1] if text.endswith(".") and not floats else text
    return sentence(says), m.group(2), (sentence(hint) or None) if hint else None, "".join(lines)


def _quote(text: str) -> str:
    """repr(text), in double quotes where that needs no escape."""
    r = repr(text)
    if r.startswith("'") and '"' not in text:
        r = '"' + r[1:-1].replace("\\'", "'") + '"'
    return r


def _literal(text: str, indent: str) -> str:
    """``text`` as Python string literals, one per line, joined by implicit concatenation."""
    parts = text.splitlines(keepends=True) or [""]
    return f"\n{indent}".join(_quote(p) for p in parts)


def format_entry(e: dict, note: str | None = None) -> str:
    """One catalogue entry as Python source: a dict over a few lines, each patch string a
    literal per line."""
    pad = " " * 5
    out = [f"    # a mistake ({note})"] if note else []
    out.append(f'    {{"cell": {_quote(e["cell"])}, "name": {_quote(e["name"])},')
    says = f'{pad}"says": {_quote(e["says"])},'
    hint = f'"hint": {_quote(e["hint"]) if e["hint"] else None},'
    if len(says) + 1 + len(hint) <= 100:
        out.append(f"{says} {hint}")
    else:
        out += [says, pad + hint]
    inner = pad + " " * len('"patch": [(')
    pairs = [f"{_literal(old, inner)},\n{inner}{_literal(new, inner)})" for old, new in e["patch"]]
    out.append(f'{pad}"patch": [(' + f",\n{pad}{' ' * len(chr(34) + 'patch' + chr(34) + ': [')}(".join(pairs) + "]},")
    return "\n".join(out) + "\n"


FILE_HEAD = '''"""Known mistakes in {id}: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
'''


def remove(assignment_id: str, label: str) -> None:
    """Take the entry ``<cell>__<name>`` out of a catalogue written by ``convert`` (its lines,
    from ``{"cell": ...`` and the comment above it to the line that closes it)."""
    cell, _, name = label.partition("__")
    path = catalogue_path(assignment_id)
    lines = path.read_text().splitlines(keepends=True)
    head = re.compile(r'\s*\{"cell": "' + re.escape(cell) + r'", "name": "' + re.escape(name)
                      + r'",')
    starts = [i for i, ln in enumerate(lines) if head.match(ln)]
    if len(starts) != 1:
        raise PatchError(f"{assignment_id}/{CATALOGUE}: {len(starts)} entries {label} "
                         "(edit the file by hand)")
    i = j = starts[0]
    while not lines[j].rstrip().endswith("]},"):
        j += 1
    if i > 0 and lines[i - 1].strip().startswith("# a mistake ("):
        i -= 1
    before = "".join(lines)
    path.write_text("".join(lines[:i] + lines[j + 1:]))
    if label in {m.label for m in load_all(assignment_id)[0]} or len(
            read_entries(path)) != len(ast.literal_eval(_mistakes_value(before))) - 1:
        path.write_text(before)
        raise PatchError(f"{assignment_id}/{CATALOGUE}: could not take {label} out by its lines "
                         "(edit the file by hand)")


def _mistakes_value(text: str) -> str:
    tree = ast.parse(text)
    node = next(n for n in tree.body if isinstance(n, ast.Assign)
                and getattr(n.targets[0], "id", None) == "MISTAKES")
    return ast.get_source_segment(text, node.value)


def convert(assignment_id: str, delete: bool = True, replace: bool = False) -> list[str]:
    """Append each ``mutants/*.py`` of an assignment to its catalogue, check that each entry
    rebuilds its mutant (same code up to comments and docstrings), and delete the files.
    An entry of the same cell and name is an error, or (``replace``) taken out first: the
    file is a newer version of that mistake.  Returns the names of the entries added."""
    a = Assignment(assignment_id)
    files = a.variants("mutants")
    if not files:
        return []
    path = catalogue_path(assignment_id)
    if replace and path.exists():
        have = {(e["cell"], e["name"]) for e in read_entries(path)}
        for f in files:
            if tuple(f.stem.split("__", 1)) in have:
                remove(assignment_id, f.stem)
    cells = solution_cells(assignment_id)
    known = notebook_imports(assignment_id)
    path = catalogue_path(assignment_id)
    existing = read_entries(path) if path.exists() else []
    seen = {(e["cell"], e["name"]) for e in existing}
    blocks, added = [], []
    for f in files:
        cell, name = f.stem.split("__", 1)
        if cell not in cells:
            raise PatchError(f"{f}: {cell!r} is no solution cell of {assignment_id}")
        if (cell, name) in seen:
            raise PatchError(f"{f}: {assignment_id}/{CATALOGUE} already has {cell}__{name}")
        says, note, hint, code = read_mutant(f)
        code = without_known_imports(code, known)
        patch = diff_patch(cells[cell], code)
        here = f"{assignment_id}: mistake {name} of {cell}"
        rebuilt = apply_patch(cells[cell], patch, here)
        if _quiet_code(rebuilt) != _quiet_code(code):
            raise PatchError(f"{here}: the patch does not rebuild {f.name}")
        entry = {"cell": cell, "name": name, "says": says, "hint": hint, "patch": patch}
        blocks.append(format_entry(entry, note))
        seen.add((cell, name))
        added.append(f"{cell}__{name}")
    if path.exists():
        text = path.read_text()
        end = text.rstrip().rfind("]")
        if end < 0:
            raise PatchError(f"{path}: cannot find the end of MISTAKES")
        text = text[:end].rstrip() + "\n" + "".join(blocks) + text[end:]
        if not text.endswith("\n"):
            text += "\n"
    else:
        text = FILE_HEAD.format(id=assignment_id) + "".join(blocks) + "]\n"
    before = path.read_text() if path.exists() else None
    path.write_text(text)
    try:
        loaded = {m.label: m for m in load(assignment_id)}
    except (PatchError, SyntaxError):
        if before is None:
            path.unlink()
        else:
            path.write_text(before)
        raise
    for f in files:
        if f.stem not in loaded:
            raise PatchError(f"{path}: {f.stem} did not load back")
    if delete:
        for f in files:
            f.unlink()
        try:
            (a.source_dir / "mutants").rmdir()
        except OSError:
            pass
    return added
