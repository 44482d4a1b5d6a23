"""Where CI's time goes, and whether the course stays within its budget.

The developers' guide: a fresh ``make test`` must stay within 40 minutes on a quiet 2-core
machine with all 26 assignments.  This reads the times of one pytest run and prints them by
group, with the projection to 26 assignments (groups that grow with the course are scaled by
26 / the assignments run; the others stay as they are):

    python benchmarks/ci_time.py .venv/pytest-junit.xml     # what `make test` writes
    python benchmarks/ci_time.py ci.log                     # a log with --durations=0 output
    python benchmarks/ci_time.py full.xml rerun.xml ...     # a full run, some files run again

With several reports, each later one replaces, for every test file (or notebook) it holds, all
of that file's tests in the ones before it (tests it no longer has included): the full run's
table with the new times of the files a change touched, each run alone (the machine as loaded
as it was then: say so when you quote it).

A junit XML report holds every test's time; a log holds only what ``--durations`` printed
(``make test`` prints the slowest 25 and, from tests/conftest.py, this same table).  The
figures are only as quiet as the machine was: compare runs on the same machine.
"""
from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

BUDGET_S = 40 * 60                   # the guide's budget for a fresh `make test`
ASSIGNMENTS_PLANNED = 26
# group: (test ids it holds, grows with the number of assignments)
GROUPS = {
    "selftests": (r"tests/test_course\.py::test_selftest\[", True),
    "nbval": (r"solutions/.*\.ipynb::", True),
    "browser": (r"tests/browser/", True),
    "red team": (r"tests/test_redteam", False),
    "autograde": (r"tests/test_autograde\.py", False),
    "framework": (r"tests/test_(nn_|dnn|rnn|resnet|char_rnn|optimizers|gradcheck|"
                  r"regularization|emojify|glove|weights|architecture)", False),
}
OTHER = ("other", False)


def group_of(nodeid: str) -> str:
    for name, (pattern, _) in GROUPS.items():
        if re.match(pattern, nodeid):
            return name
    return OTHER[0]


def _grows(group: str) -> bool:
    return GROUPS.get(group, OTHER)[1]


def from_junit(path: Path) -> dict[str, float]:
    """{test id: seconds (setup + call + teardown)} from a junit XML report."""
    times: dict[str, float] = defaultdict(float)
    for case in ET.parse(path).getroot().iter("testcase"):
        cls, name = case.get("classname", ""), case.get("name", "")
        # pytest writes "tests.test_x" (or "solutions.id.id.ipynb") as the class name
        if ".ipynb" in cls:
            path_part = cls.replace(".", "/").replace("/ipynb", ".ipynb")
        else:
            parts = cls.split(".")
            mods = [i for i, p in enumerate(parts) if p.startswith("test_")]
            cut = mods[-1] + 1 if mods else len(parts)
            path_part = "/".join(parts[:cut]) + ".py" + "".join(f"::{p}" for p in parts[cut:])
        times[f"{path_part}::{name}"] += float(case.get("time", 0) or 0)
    return dict(times)


_DURATION = re.compile(r"^\s*([0-9.]+)s\s+(setup|call|teardown)\s+(\S.*?)\s*$")


def from_log(text: str) -> dict[str, float]:
    """{test id: seconds} from the lines ``--durations`` prints."""
    times: dict[str, float] = defaultdict(float)
    for line in text.splitlines():
        m = _DURATION.match(line)
        if m:
            times[m.group(3)] += float(m.group(1))
    return dict(times)


def assignments_now() -> int:
    """The assignments of this checkout (solutions/<id>/ with a notebook)."""
    solutions = Path(__file__).resolve().parent.parent / "solutions"
    return sum(1 for d in solutions.iterdir() if d.is_dir() and any(d.glob("*.ipynb")))


def table(times: dict[str, float], assignments: int | None = None) -> str:
    """The time per group and the projection for ASSIGNMENTS_PLANNED assignments."""
    n = assignments or assignments_now()
    by_group: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for test, seconds in times.items():
        by_group[group_of(test)] += seconds
        count[group_of(test)] += 1
    total = sum(by_group.values())
    scale = ASSIGNMENTS_PLANNED / n if n else 1.0
    lines = [f"{'group':<11} {'tests':>6} {'now':>9} {'at 26':>9}"]
    projected = 0.0
    for name in list(GROUPS) + [OTHER[0]]:
        if name not in by_group:
            continue
        later = by_group[name] * (scale if _grows(name) else 1.0)
        projected += later
        lines.append(f"{name:<11} {count[name]:>6} {by_group[name] / 60:>7.1f} m "
                     f"{later / 60:>7.1f} m")
    lines.append(f"{'total':<11} {sum(count.values()):>6} {total / 60:>7.1f} m "
                 f"{projected / 60:>7.1f} m")
    verdict = "within" if projected <= BUDGET_S else "OVER"
    lines.append(f"{n or '?'} assignments now; projected for {ASSIGNMENTS_PLANNED}: "
                 f"{projected / 60:.1f} min, {verdict} the {BUDGET_S // 60}-minute budget "
                 "(the tests' own time, on this machine as loaded as it was)")
    return "\n".join(lines)


def _file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def overlay(base: dict[str, float], later: dict[str, float]) -> dict[str, float]:
    """``base`` with every test file that ``later`` holds replaced by ``later``'s tests."""
    files = {_file_of(t) for t in later}
    return {**{t: s for t, s in base.items() if _file_of(t) not in files}, **later}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    times: dict[str, float] = {}
    for arg in argv:
        path = Path(arg)
        found = from_junit(path) if path.suffix == ".xml" else from_log(path.read_text())
        if not found:
            print(f"{path}: no test times found (run pytest with --junitxml or --durations=0)")
            return 1
        if len(argv) > 1:
            print(f"{path}: {len(found)} tests in {len({_file_of(t) for t in found})} files")
        times = overlay(times, found)
    print(table(times))
    if any(Path(arg).suffix != ".xml" for arg in argv):
        print(f"(from the {len(times)} tests whose times the log shows; a junit report has all)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
