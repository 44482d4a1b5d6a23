"""Fixtures shared by the test files.

``c1w2a1_class``: one class of c1w2a1_numpy_basics submissions, graded once per session with
``--jobs 2`` in the sandbox, for the red-team files that each used to grade a class of their
own (test_redteam's attacks, test_redteam_bounds' floods and collisions, the first round of
test_redteam_feedback).  Grading a class costs a fixed set-up (nbgrader's generate_assignment,
the sandbox tree, a font cache) and, per student, a worker, a sandboxed kernel and a feedback
page; one class spends the set-up once and keeps both job slots busy to the end.

A file takes part by naming itself in ``CLASS_MEMBERS`` and defining
``c1w2a1_students(subs, handed_in, out, tmp_path_factory)``: a generator that writes its
students into ``subs`` (its own folder, whose entries are then moved into the class's folder
``handed_in``; a name two files use is an error), yields, and, after the batch, receives the batch (``results``, ``rows``, ``out``, ``took``,
``subs``) and returns what its tests read.  Each file then reads
``c1w2a1_class[<its module name>]``.  Student names sort as before: the honest students
(``zz_...``) are graded after every attacker.
"""
from __future__ import annotations

import csv
import importlib
import time

import pytest

CLASS_MEMBERS = ("test_redteam", "test_redteam_bounds", "test_redteam_feedback",
                 "test_diagnosis")


@pytest.fixture(scope="session")
def c1w2a1_class(tmp_path_factory):
    from autograder import sandbox
    from autograder.course import Assignment
    from autograder.grading import autograde
    if sandbox.unavailable() is not None:
        pytest.skip(f"no sandbox here: {sandbox.unavailable()}")
    a = Assignment("c1w2a1_numpy_basics")
    subs = tmp_path_factory.mktemp("class_subs")
    out = tmp_path_factory.mktemp("class_out")
    members, owner = {}, {}
    for name in CLASS_MEMBERS:
        own = tmp_path_factory.mktemp(f"subs_{name}")
        gen = importlib.import_module(name).c1w2a1_students(own, subs, out,
                                                            tmp_path_factory)
        next(gen)
        for entry in sorted(own.iterdir()):
            assert entry.name not in owner, (f"{name} and {owner[entry.name]} both hand in "
                                             f"{entry.name!r}: give one another name")
            owner[entry.name] = name
            entry.rename(subs / entry.name)
        members[name] = gen
    start = time.monotonic()
    results = autograde(subs, a, out, jobs=2, log=lambda *x: None)
    took = time.monotonic() - start
    rows = {r["student"]: r for r in csv.DictReader(open(out / "grades.csv"))}
    batch = dict(results=results, rows=rows, out=out, took=took, subs=subs,
                 entries={n: sorted(e for e, o in owner.items() if o == n) for n in members})
    views = {}
    for name, gen in members.items():
        try:
            gen.send(batch)
        except StopIteration as done:
            views[name] = done.value
        else:
            raise AssertionError(f"{name}.c1w2a1_students must return after one yield")
    return views


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """After a run of the whole suite (over 10 minutes of tests), the time per group and its
    projection to 26 assignments (benchmarks/ci_time.py), for CI's log."""
    import importlib.util
    from collections import defaultdict
    from pathlib import Path
    times: dict[str, float] = defaultdict(float)
    for reports in terminalreporter.stats.values():
        for r in reports:
            if getattr(r, "when", None) in ("setup", "call", "teardown"):
                times[r.nodeid] += getattr(r, "duration", 0.0)
    if sum(times.values()) < 600:
        return
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "ci_time.py"
    spec = importlib.util.spec_from_file_location("ci_time", path)
    ci_time = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ci_time)
    terminalreporter.write_sep("=", "CI time by group (benchmarks/ci_time.py)")
    terminalreporter.write_line(ci_time.table(dict(times)))
