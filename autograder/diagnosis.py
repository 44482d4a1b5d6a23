"""Name the known mistake a failing function behaves like (issue 16, parts 2 and 3).

A test cell's inputs are fixed (seeded), so each mistake of the assignment's catalogue
(``autograder/mistakes.py``) gives the same wrong values on them for every student.
``course fingerprints ID`` (and ``course release ID``, when they are stale) runs the solution
notebook in a kernel, installs each mistake in turn, judges the test cells that follow its
solution cell, and writes two tables of *keys*: a hash of everything the failing test cell had
received from the student's side until it failed, every number rounded to 5 significant digits
(``utils.testing.canonical``; the checks' default tolerance is ``rtol=1e-5``):

* ``solutions/<id>/known_mistakes.json``, released next to the notebook: the keys of failures
  in the *visible* part (made by ``utils.testing`` from what :func:`utils.testing.call` returned
  and the failing value), each with the mistakes that give it (function, name, the sentence
  for the student, hint).  Wrong answers only, hashed; nothing of the solution's code.  The
  visible checks of ``utils.testing`` look their failure up in it, in the notebook and, with
  the same table, in the grader's process: both messages say the same.
* ``solutions/<id>/fingerprints.json``, the instructor's (never released): the keys of failures
  in the *hidden* part (every value the judge received from the kernel in the cell, and the
  failure's first line).  The judge appends the diagnosis to a hidden failure's message.

A mistake is named only when the student's key is exactly one of these: the same values (to
5 digits) on every input the cell gave before it failed, and the same failing check.  A crash
is never diagnosed; a passing cell has no failure to look up.  Mistakes that give the same key
are all named.  Both files carry a ``stamp``, a hash of the solution notebook's code cells and
of the catalogue: ``course check`` fails when it no longer matches (stale fingerprints).
"""
from __future__ import annotations

import hashlib
import itertools

import numpy as np
import json
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import utils.testing as _testing

from .course import SOLUTIONS, Assignment, graded_cells, nbgrader_meta, read_notebook
from autograder import CELL_TIMEOUT

FORMAT = 1
VISIBLE_FILE = _testing.KNOWN_MISTAKES_FILE        # released with the notebook
HIDDEN_FILE = "fingerprints.json"                  # the instructor's, never released


# --- the catalogue ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    cell: str
    name: str
    says: str
    hint: str | None
    source: str


def catalogue(aid: str) -> list[Entry]:
    """The assignment's known mistakes (``autograder.mistakes.load``)."""
    from . import mistakes
    return [Entry(m.cell, m.name, m.says, m.hint, m.source) for m in mistakes.load(aid)]


def structure(nb) -> dict[str, list[str]]:
    """Each solution cell's grade_id -> the graded test cells that follow it."""
    from .selftest import structure as _structure
    return _structure(nb)


def function_cells(aid: str) -> dict[str, str]:
    """Each graded test cell's grade_id -> the solution cell it tests."""
    nb = read_notebook(Assignment(aid).notebook)
    return {t: fn for fn, tests in structure(nb).items() for t in tests}


def stamp(aid: str) -> str:
    """What the fingerprints are computed from: the solution notebook's code cells, the
    catalogue, and this format."""
    a = Assignment(aid)
    nb = read_notebook(a.notebook)
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for cell in nb.cells:
        if cell.cell_type == "code":
            h.update(b"\0cell\0" + cell.source.encode())
    for m in catalogue(aid):
        h.update(json.dumps([m.cell, m.name, m.says, m.hint, m.source]).encode())
    return h.hexdigest()[:24]


# --- the keys -----------------------------------------------------------------------------------

def received(label: str, resp) -> str:
    """One answer of the kernel, as the judge records it for the hidden keys."""
    if type(resp) is not dict:
        return f"{label}=?"
    if resp.get("ok") is not True:
        return f"raised:{label}:{str(resp.get('type'))[:100]}"
    try:
        text = _testing.canonical(resp.get("value"))
        if "args_after" in resp:               # what a call left in its arguments
            text += "|" + _testing.canonical(resp.get("args_after"), exact=True)
            text += "|" + _testing.canonical(resp.get("kwargs_after"), exact=True)
    except Exception:                          # noqa: BLE001  (unreadable: no key then)
        text = "?"
    return f"{label}={text}"


def hidden_key(seq: list[str], evalue: str) -> str:
    first = (evalue.splitlines() or [""])[0]
    text = "\n".join([*seq, f"failed: {first}"])
    return hashlib.sha256(text.encode()).hexdigest()[:20]


# --- the tables ---------------------------------------------------------------------------------

def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == FORMAT else {}


class Diagnoser:
    """An assignment's two tables, for the judge (grading, self-test)."""

    def __init__(self, aid: str):
        self.aid = aid
        self.visible = _read(SOLUTIONS / aid / VISIBLE_FILE)
        self.hidden = _read(SOLUTIONS / aid / HIDDEN_FILE)

    def hidden_mistakes(self, key: str) -> list[dict]:
        table = self.hidden
        return [table["mistakes"][i] for i in table.get("keys", {}).get(key, [])]


_cells = itertools.count(1)


def start_cell(judge) -> None:
    """Before a test cell runs: an empty record, and the table of the assignment (none for a
    judge without a diagnoser) for the visible checks of this process."""
    judge.received = []
    judge.last_diagnosis = {}
    diag = judge.diagnoser
    _testing._KNOWN["table"] = diag.visible if diag is not None else {}
    _testing._KNOWN["cell"] = ("judge", next(_cells))
    _testing._this_cell()


def end_cell(judge, outcome):
    """A failed test cell (not a crash the test did not catch): its keys, and the mistakes
    they name.  A failure in the hidden part gets the diagnosis appended to its message."""
    info = judge.last_diagnosis
    seq = judge.received or []
    crashed = _crashed(seq)
    info["crash"] = crashed
    calls = _testing._calls
    in_hidden = bool(info.get("in_hidden"))
    info["visible_key"] = None if in_hidden else calls.get("first")
    info["hidden_key"] = hidden_key(seq, outcome.evalue) if in_hidden else None
    found: list[dict] = []
    if not crashed:
        if in_hidden and judge.diagnoser is not None:
            found = judge.diagnoser.hidden_mistakes(info["hidden_key"])
            lines = _testing.mistake_lines(found[0]["function"], found) if found else []
            if lines:
                outcome.evalue = outcome.evalue + "\n" + "\n".join(lines)
        elif not in_hidden:
            found = list(calls.get("matched") or [])
    info["mistakes"] = [{"name": m.get("name"), "says": m.get("says"), "hint": m.get("hint")}
                        for m in found]
    return outcome


def _crashed(seq: list[str]) -> bool:
    """Whether the student's code raised during the cell (then nothing is diagnosed, even if
    the test caught it: a crash is not a known mistake's behaviour)."""
    return any(s.startswith("raised:") for s in seq)


def stop_cell(judge) -> None:
    seq = judge.received or []
    judge.last_diagnosis.setdefault("crash", _crashed(seq))
    judge.received = None
    _testing._KNOWN["cell"] = None
    _testing._KNOWN["table"] = None


def cell_report(gid: str, status: str, info: dict, function_cell: str | None) -> dict:
    """One test cell's entry of the per-student JSON (ISSUE16_INTERFACES.md)."""
    entry = {"passed": status == "passed", "function_cell": function_cell,
             "mistakes": [] if status == "passed" else list(info.get("mistakes") or [])}
    if status == "timeout":
        entry["error"] = "timeout"
    elif status in ("dead", "memory", "lost") or (status == "failed" and info.get("crash")):
        entry["error"] = "crash"
    return entry


# --- building the fingerprints ------------------------------------------------------------------

@dataclass
class Built:
    assignment: str
    mistakes: int = 0
    diagnosable: int = 0         # failed a test cell other than by a crash: has a key
    named_alone: int = 0         # its key names it alone
    seconds: float = 0.0
    skipped: tuple = ()          # (label, why) of mistakes that have no key


def run_mistakes(a: Assignment, workdir: Path, timeout: int = CELL_TIMEOUT,
                 mpl_cache: Path | None = None,
                 entries: list[Entry] | None = None, diagnose: bool = False,
                 notebook: bool = False, passes: int = 2):
    """Run the solution notebook in a kernel, then each mistake: {index: [(test gid, info)]}.

    ``diagnose``: look the keys up in the committed tables, as grading does (``info`` then
    holds the grader's message and the mistakes named); ``notebook``: also run each failing
    cell's visible part in the kernel as the student's notebook does (``info["notebook"]``, its
    message).  Each mistake's cells run ``passes`` times, the grader's random state seeded
    differently each time (the judge hands it to the student's calls): a key that changes is
    dropped (``info["unstable"]``), as it depends on randomness that the test does not seed
    and would not be found again in grading or in the notebook."""
    from .kernel import KernelSession
    from .testcells import allowed_kernel_names
    nb = read_notebook(a.notebook)
    targets = structure(nb)
    entries = catalogue(a.id) if entries is None else entries
    shutil.copytree(a.source_dir, workdir / "box" / "home", ignore=shutil.ignore_patterns(
        "mutants", "alternates", "__pycache__", ".ipynb*", "*.ipynb", "mistakes.py",
        HIDDEN_FILE), dirs_exist_ok=True)
    by_id = {nbgrader_meta(c).get("grade_id"): c for c in nb.cells if nbgrader_meta(c)}
    tests = {nbgrader_meta(c)["grade_id"] for c in graded_cells(nb)}
    allowed = allowed_kernel_names(nb)
    results: dict[int, list] = {}
    with KernelSession(workdir, a.id, timeout=timeout, mpl_cache=mpl_cache) as kernel:
        if not diagnose:
            kernel._judge.diagnoser = None     # keys are computed, nothing looked up
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            gid = nbgrader_meta(cell).get("grade_id")
            if gid in tests:
                kernel.test(cell.source, allowed[gid])
            else:
                kernel.run(cell.source)
        for i, m in enumerate(entries):
            if m.cell not in targets:
                continue
            out = []
            for p in range(passes):
                np.random.seed(1_000_003 * (p + 1) % 2**32)
                kernel.run(m.source)
                for n, t in enumerate(targets[m.cell]):
                    result = kernel.test(by_id[t].source, allowed[t])
                    info = dict(kernel._judge.last_diagnosis)
                    info["passed"], info["message"] = result.passed, result.message
                    if p == 0:
                        if notebook and not result.passed:
                            from .testcells import visible_part
                            info["notebook"] = kernel.run(visible_part(by_id[t].source)).message
                        out.append((t, info))
                        continue
                    first = out[n][1]
                    if any(first.get(k) != info.get(k)
                           for k in ("passed", "visible_key", "hidden_key", "crash")):
                        first.update(unstable=True, visible_key=None, hidden_key=None)
                kernel.run(by_id[m.cell].source)
            results[i] = out
    return results


def tables(aid: str, entries: list[Entry], results: dict) -> tuple[dict, dict]:
    """The released table and the instructor's, from :func:`run_mistakes`."""
    listed = [{"function": m.cell, "name": m.name, "says": m.says, "hint": m.hint}
              for m in entries]
    visible: dict[str, list[int]] = {}
    hidden: dict[str, list[int]] = {}
    for i, out in results.items():
        for _, info in out:
            if info["passed"] or info.get("crash"):
                continue
            if info.get("visible_key"):
                visible.setdefault(info["visible_key"], []).append(i)
            elif info.get("hidden_key"):
                hidden.setdefault(info["hidden_key"], []).append(i)
    s = stamp(aid)

    def table(keys: dict) -> dict:
        used = sorted({i for v in keys.values() for i in v})
        index = {i: n for n, i in enumerate(used)}
        return {"format": FORMAT, "assignment": aid, "stamp": s,
                "mistakes": [listed[i] for i in used],
                "keys": {k: sorted({index[i] for i in v}) for k, v in sorted(keys.items())}}

    return table(visible), table(hidden)


def build(aid: str, timeout: int = CELL_TIMEOUT, log=print) -> Built:
    """Compute and write both tables of one assignment."""
    start = time.time()
    a = Assignment(aid)
    entries = catalogue(aid)
    tmp = Path(tempfile.mkdtemp(prefix=f"fingerprints-{aid}-"))
    try:
        from .selftest import _mpl_cache
        results = run_mistakes(a, tmp / "kernel", timeout, _mpl_cache(tmp / "mpl"), entries)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    visible, hidden = tables(aid, entries, results)
    _write(a.source_dir / VISIBLE_FILE, visible)
    _write(a.source_dir / HIDDEN_FILE, hidden)
    built = Built(aid, mistakes=len(entries), seconds=time.time() - start)
    skipped = []
    for i, m in enumerate(entries):
        names = named(i, results.get(i, []), visible, hidden)
        if names is None:
            skipped.append((f"{m.cell}__{m.name}", "crashes or fails no test cell"))
            continue
        built.diagnosable += 1
        if names == [m.name]:
            built.named_alone += 1
    built.skipped = tuple(skipped)
    log(f"{aid}: {len(entries)} mistakes, {built.diagnosable} diagnosable, "
        f"{built.named_alone} named alone ({built.seconds:.0f} s)")
    return built


def named(i: int, out: list, visible: dict, hidden: dict) -> list[str] | None:
    """The names the tables give for mistake ``i``'s first failing cell (None: no key)."""
    for _, info in out:
        if info["passed"] or info.get("crash"):
            continue
        key, table = ((info["visible_key"], visible) if info.get("visible_key") else
                      (info.get("hidden_key"), hidden))
        if not key:
            continue
        return [table["mistakes"][j]["name"] for j in table["keys"].get(key, [])]
    return None


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")


def stale(ids: list[str] | None = None) -> list[str]:
    """Assignments whose fingerprints no longer match their solution and catalogue."""
    from .course import assignments
    problems = []
    for a in assignments(ids or []):
        path = a.source_dir / VISIBLE_FILE
        if not path.exists():
            continue
        try:
            current = stamp(a.id)
        except Exception as exc:               # noqa: BLE001  (a broken catalogue)
            problems.append(f"{a.id}: fingerprints cannot be checked ({exc})")
            continue
        for name in (VISIBLE_FILE, HIDDEN_FILE):
            if _read(a.source_dir / name).get("stamp") != current:
                problems.append(f"{a.id}: {name} is stale: run `course fingerprints {a.id}`")
    return problems


def needs_build(aid: str) -> bool:
    """Whether ``course release ID`` must recompute the fingerprints: they are stale, or
    missing while the assignment has a catalogue."""
    try:
        current = stamp(aid)
        if not catalogue(aid):
            return False
    except Exception:                          # noqa: BLE001  (no catalogue yet)
        return False
    return any(_read(SOLUTIONS / aid / name).get("stamp") != current
               for name in (VISIBLE_FILE, HIDDEN_FILE))
