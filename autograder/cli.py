"""The instructor's command line: ``course release|check|selftest|autograde``.

    course release [ID ...]            regenerate notebooks/ from solutions/ (with ID: first
                                       recompute stale fingerprints of known mistakes)
    course fingerprints [ID ...]       recompute the fingerprints of known mistakes (diagnosis.py)
    course check                       fail when notebooks/ is stale, a test cell reads a kernel
                                       name it may not or binds one a later cell reads, or a
                                       sandbox's allow-list is wrong or holds an answer
    course allowlist [ID ...] [--write] the utils modules each notebook needs in its sandbox
    course selftest [ID ...]           prove each grader sound (see autograder/selftest.py)
    course autograde SUBMISSIONS ID    grade a folder of submissions into grades.csv + feedback
    course merge ID PART... --out DIR  combine the output folders of several shards
    course report ID [--out DIR]       a class report of a graded batch: DIR/report/index.html
                                       and report.csv
    course bundle [ID ...] --out DIR   a student edition: released notebooks, data, utils/
                                       without answers, README and requirements.txt
    course mistakes convert [ID ...]   turn mutants/*.py into entries of solutions/ID/mistakes.py
    course mistakes remove ID CELL__NAME  take an entry out of it
"""
from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .course import NOTEBOOKS, SOLUTIONS, CourseError, assignments, make_course_dir, run_nbgrader
from autograder import CELL_TIMEOUT


def release(ids: list[str], target: Path = NOTEBOOKS) -> list[Path]:
    """Generate the student version of each assignment into ``target/<id>/``."""
    written = []
    with tempfile.TemporaryDirectory(prefix="course-release-") as tmp:
        course = Path(tmp)
        make_course_dir(course)
        if not ids:     # the whole course in one nbgrader process (its start-up is most of it)
            run_nbgrader(course, "generate_assignment", "*", "--force", "--no-db")
        for a in assignments(ids):
            if ids:
                run_nbgrader(course, "generate_assignment", a.id, "--force", "--no-db")
            dest = target / a.id
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(course / "release" / a.id, dest)
            written.append(dest)
    return written


def _same_notebook(a: Path, b: Path) -> bool:
    if a.suffix != ".ipynb":
        return filecmp.cmp(a, b, shallow=False)
    return json.loads(a.read_text()) == json.loads(b.read_text())


def stale() -> list[str]:
    """What in notebooks/ differs from a fresh release of solutions/."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="course-check-") as tmp:
        fresh = Path(tmp) / "notebooks"
        release([], fresh)
        expected = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
        actual = {p.relative_to(NOTEBOOKS) for p in NOTEBOOKS.rglob("*") if p.is_file()
                  and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts} \
            if NOTEBOOKS.exists() else set()
        problems += [f"missing from notebooks/: {p}" for p in sorted(expected - actual)]
        problems += [f"not generated from solutions/: notebooks/{p}"
                     for p in sorted(actual - expected)]
        problems += [f"stale: notebooks/{p}" for p in sorted(expected & actual)
                     if not _same_notebook(fresh / p, NOTEBOOKS / p)]
    return problems


def test_cell_problems(ids: list[str] | None = None) -> list[str]:
    """Every test cell, of every assignment, that breaks the rules of ``testcells``."""
    from .course import read_notebook
    from .testcells import notebook_violations
    return [f"{a.id}: {v}" for a in assignments(ids)
            for v in notebook_violations(read_notebook(a.notebook))]


def _shard(text: str) -> tuple[int, int]:
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError("write the shard as K/N, e.g. 2/8") from None
    if not 1 <= k <= n:
        raise argparse.ArgumentTypeError("a shard K/N needs 1 <= K <= N")
    return k, n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("release", help="regenerate notebooks/ from solutions/")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--no-fingerprints", action="store_true",
                   help="do not recompute the stale fingerprints of the IDs' known mistakes")
    p = sub.add_parser("fingerprints", help="run each known mistake through its test cells "
                       "and write solutions/ID/known_mistakes.json and fingerprints.json")
    p.add_argument("ids", nargs="*", metavar="ID")
    sub.add_parser("check", help="fail when notebooks/ is stale, a test cell breaks the "
                   "rules of README's \"Writing tests\", or a sandbox's allow-list is wrong or "
                   "holds an answer to a graded function")
    p = sub.add_parser("allowlist", help="print the utils modules each notebook needs in its "
                       "sandbox (--write: into solutions/ID/sandbox.json)")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--write", action="store_true")
    p = sub.add_parser("selftest", help="autograde solutions, blanks, mutants and alternates")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--timeout", type=int, default=CELL_TIMEOUT,
                   help=f"seconds per cell (default {CELL_TIMEOUT})")
    p = sub.add_parser("autograde", help="grade a folder of submissions")
    p.add_argument("submissions", type=Path)
    p.add_argument("id", metavar="ID")
    p.add_argument("--out", type=Path, help="output folder (default: grading/ID)")
    p.add_argument("--roster", type=Path,
                   help="file with one student id a line; absent students score 0")
    p.add_argument("--edited-tests", choices=("zero", "restore"), default="zero",
                   help="an edited test cell scores 0 (default), or is restored and graded")
    p.add_argument("--student-timeout", type=float, default=1800,
                   help="seconds one student's whole autograde may take (default 1800)")
    p.add_argument("--jobs", type=int, default=1, help="students graded at a time (default 1)")
    p.add_argument("--shard", type=_shard, metavar="K/N",
                   help="grade only every N-th student, starting with the K-th (1 <= K <= N); "
                        "combine the shards' folders with `course merge`")
    p.add_argument("--memory-mb", type=int, help="address-space limit of each student kernel "
                   "(default 4096)")
    p.add_argument("--grader-memory-mb", type=int, default=2048,
                   help="data limit of the grader's own worker for each student (default 2048): "
                        "a student whose grading needs more scores 0 with a note")
    p.add_argument("--unsafe-no-sandbox", action="store_true",
                   help="grade even where no sandbox is available: student code then runs with "
                        "your permissions and can read and change your files")
    p = sub.add_parser("merge", help="combine the output folders of several shards")
    p.add_argument("id", metavar="ID")
    p.add_argument("parts", nargs="+", type=Path, metavar="PART")
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("report", help="a class report of a graded batch (HTML and CSV)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--out", type=Path, metavar="DIR", help="the folder `course autograde` wrote (default: "
                   "grading/ID); the report goes into DIR/report/")
    p.add_argument("--to", type=Path, metavar="DIR2", help="write the report into DIR2 instead of DIR/report/")
    p = sub.add_parser("bundle", help="a student edition of some assignments: no answers")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--out", type=Path, required=True, help="the folder to write (must not "
                   "exist, or be empty)")
    p = sub.add_parser("mistakes", help="the catalogue of known mistakes: `convert` appends "
                       "each mutants/*.py file of the assignments (all when none is named) to "
                       "solutions/ID/mistakes.py, checks it rebuilds the file, and deletes it")
    p.add_argument("action", choices=("convert", "remove"))
    p.add_argument("ids", nargs="*", metavar="ID",
                   help="convert: assignment ids; remove: ID CELL__NAME ...")
    p.add_argument("--keep", action="store_true", help="keep the mutant files")
    p.add_argument("--replace", action="store_true", help="a mutant file replaces the entry "
                   "of the same cell and name (a newer version of that mistake)")
    args = parser.parse_args(argv)
    try:
        if args.command == "release":
            from . import diagnosis
            if args.ids and not args.no_fingerprints:      # issue 16: before the copy
                for a in assignments(args.ids):
                    if diagnosis.needs_build(a.id):
                        diagnosis.build(a.id)
            for path in release(args.ids):
                print(f"released {path.relative_to(NOTEBOOKS.parent)}")
        elif args.command == "check":
            from . import allowlist
            problems = stale()
            for line in problems:
                print(line)
            if problems:
                print("notebooks/ is stale: run `course release` (never edit notebooks/ by hand)")
            else:
                print("notebooks/ matches solutions/")
            broken = test_cell_problems()
            for line in broken:
                print(line)
            if broken:
                print(f"{len(broken)} test-cell problem(s): a test cell may look up only the "
                      "function it grades (and earlier graded functions inside needs(...)), and "
                      "never bind a name that a later cell reads (README, \"Writing tests\")")
            else:
                print("test cells look up only what they grade and leave the kernel's names alone")
            start = time.monotonic()
            sandbox_problems = []
            for a in assignments([]):
                sandbox_problems += allowlist.problems(a)
            for line in sandbox_problems:
                print(line)
            print(f"sandboxes: {len(sandbox_problems)} problems "
                  f"({time.monotonic() - start:.0f} s)" if sandbox_problems else
                  f"sandboxes: every allow-list is what its notebook needs and holds no answer "
                  f"to a graded function ({time.monotonic() - start:.0f} s)")
            from . import mistakes
            stale_mistakes = [line for a in assignments([]) for line in mistakes.problems(a.id)]
            for line in stale_mistakes:
                print(line)
            print(f"mistakes: {len(stale_mistakes)} catalogue entries do not apply" if
                  stale_mistakes else "mistakes: every catalogued patch applies")
            from . import diagnosis
            stale_fingerprints = diagnosis.stale()
            for line in stale_fingerprints:
                print(line)
            if not stale_fingerprints:
                print("fingerprints of known mistakes match their solutions and catalogues")
            if problems or broken or sandbox_problems or stale_mistakes or stale_fingerprints:
                return 1
        elif args.command == "fingerprints":
            from . import diagnosis
            for a in assignments(args.ids):
                diagnosis.build(a.id)
        elif args.command == "allowlist":
            from . import allowlist
            for a in assignments(args.ids):
                modules = (allowlist.write_declaration(a) if args.write
                           else sorted(allowlist.needed(a)))
                print(f"{a.id}: {', '.join(modules)}")
        elif args.command == "selftest":
            from .selftest import selftest
            reports = []
            for a in assignments(args.ids):
                report = selftest(a, timeout=args.timeout)
                print(report.table(), flush=True)
                reports.append(report)
            bad = [r.assignment for r in reports if not r.ok]
            print(f"\nselftest: {len(reports) - len(bad)} of {len(reports)} assignments sound"
                  + (f"; failing: {', '.join(bad)}" if bad else ""))
            return 1 if bad else 0
        elif args.command == "autograde":
            from .grading import autograde
            [a] = assignments([args.id])
            out = args.out or Path("grading") / a.id
            roster = args.roster.read_text().split() if args.roster else None
            print(f"grading {args.submissions} as {a.id} into {out}/")
            start = time.monotonic()
            results = autograde(args.submissions, a, out, roster=roster,
                                edited=args.edited_tests, student_timeout=args.student_timeout,
                                jobs=args.jobs, shard=args.shard, unsafe=args.unsafe_no_sandbox,
                                memory_mb=args.memory_mb,
                                grader_memory_mb=args.grader_memory_mb)
            took = time.monotonic() - start
            print(f"graded {len(results)} students in {took:.0f} s; wrote "
                  f"{out / 'grades.csv'} and {out / 'feedback'}/")
        elif args.command == "merge":
            from .grading import merge
            [a] = assignments([args.id])
            n = merge(a, args.parts, args.out)
            print(f"{n} students in {args.out / 'grades.csv'}")
        elif args.command == "report":
            from .report import report
            [a] = assignments([args.id])
            start = time.monotonic()
            counts = report(a, args.out or Path("grading") / a.id, args.to)
            print(f"{counts['students']} students ({counts['submitted']} submissions, "
                  f"{counts['missing']} missing, {counts['crashed']} crashed, "
                  f"{counts['timed_out']} timed out, {counts['diagnosed']} diagnosed); wrote "
                  f"{counts['html']} and {counts['csv']} in {time.monotonic() - start:.0f} s")
        elif args.command == "bundle":
            from .bundle import bundle
            start = time.monotonic()
            made = bundle(args.ids, args.out)
            print(f"wrote {args.out}/: {len(made.notebooks)} notebooks, {len(made.datasets)} data "
                  f"files, {len(made.modules)} utils modules (withheld: "
                  f"{', '.join(made.withheld) or 'none'}) in {time.monotonic() - start:.0f} s")
        elif args.command == "mistakes" and args.action == "remove":
            from . import mistakes
            if len(args.ids) < 2:
                raise CourseError("write: course mistakes remove ID CELL__NAME ...")
            [a] = assignments(args.ids[:1])
            for label in args.ids[1:]:
                mistakes.remove(a.id, label)
                print(f"{a.id}: {label} taken out of "
                      f"{mistakes.catalogue_path(a.id).relative_to(SOLUTIONS.parent)}")
        elif args.command == "mistakes":
            from . import mistakes
            for a in assignments(args.ids):
                added = mistakes.convert(a.id, delete=not args.keep, replace=args.replace)
                total = len(mistakes.load(a.id))
                print(f"{a.id}: {len(added)} mutant file(s) converted; {total} mistakes in "
                      f"{mistakes.catalogue_path(a.id).relative_to(SOLUTIONS.parent)}")
    except CourseError as exc:
        print(f"course {args.command}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
