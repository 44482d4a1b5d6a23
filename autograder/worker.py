"""Grade one student in a private course directory: ``python -m autograder.worker COURSE ID STUDENT``.

Run by ``course autograde`` (one process per student, several at a time with ``--jobs``): it
runs nbgrader's autograde (whose executor is ``execute.TrustedExecute``) and generate_feedback
in this one process, in COURSE, whose gradebook is a fresh copy made for this student alone.
It prints one JSON line: {"autograde": bool, "feedback": bool, "error": str, "peak_rss_mb": int}
(``error`` is "memory" when it ran out of its memory budget).

This process is trusted but reads what the student's kernel sends, so it runs on a budget set
by its parent: ``COURSE_WORKER_MEMORY_MB`` (its data segment, ``RLIMIT_DATA``: a student whose
grading needs more gets a MemoryError here, reported as "memory") and
``COURSE_WORKER_CPU_SECONDS`` (``RLIMIT_CPU``: past it the kernel sends SIGXCPU and the parent
reports the budget).  The student's kernel has its own limits (``sandbox.Limits``), set inside
the sandbox.
"""
from __future__ import annotations

import json
import os
import resource
import sys


def apply_budget() -> None:
    """Limit this process (and what it starts, unless the child sets its own limits)."""
    memory = os.environ.get("COURSE_WORKER_MEMORY_MB")
    if memory:
        limit = int(memory) * 2**20
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        # The soft limit only: the sandbox's prlimit sets the kernel's own limits.
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    cpu = os.environ.get("COURSE_WORKER_CPU_SECONDS")
    if cpu:
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (int(cpu), hard))


def peak_rss_mb() -> int:
    """This process's peak resident memory (not its children's), in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main(argv: list[str]) -> int:
    course, assignment, student = argv
    apply_budget()
    os.chdir(course)
    result = {"autograde": False, "feedback": False, "error": ""}
    try:
        from nbgrader.apps import NbGraderAPI
        from nbgrader.apps.nbgraderapp import NbGraderApp
        from nbgrader.coursedir import CourseDirectory

        app = NbGraderApp()
        app.load_config_file()
        coursedir = CourseDirectory(config=app.config)
        api = NbGraderAPI(coursedir=coursedir, config=app.config)
        graded = api.autograde(assignment, student, force=True, create=True)
        result["autograde"] = bool(graded.get("success"))
        if not result["autograde"]:
            text = (graded.get("error") or "") + (graded.get("log") or "")
            lines = text.strip().splitlines() or ["?"]
            result["error"] = "memory" if "MemoryError" in text else lines[-1][:300]
        else:
            fed = api.generate_feedback(assignment, student, force=True)
            result["feedback"] = bool(fed.get("success"))
    except MemoryError:
        result = {"autograde": False, "feedback": False, "error": "memory"}
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
