"""Grade one student in a private course directory: ``python -m autograder.worker COURSE ID STUDENT``.

Run by ``course autograde`` (one process per student, several at a time with ``--jobs``): it
runs nbgrader's autograde (whose executor is ``execute.TrustedExecute``) and generate_feedback
in this one process, in COURSE, whose gradebook is a fresh copy made for this student alone.
It prints one JSON line: {"autograde": bool, "feedback": bool, "error": str}.
"""
from __future__ import annotations

import json
import os
import sys


def main(argv: list[str]) -> int:
    course, assignment, student = argv
    os.chdir(course)
    from nbgrader.apps import NbGraderAPI
    from nbgrader.apps.nbgraderapp import NbGraderApp
    from nbgrader.coursedir import CourseDirectory

    app = NbGraderApp()
    app.load_config_file()
    coursedir = CourseDirectory(config=app.config)
    api = NbGraderAPI(coursedir=coursedir, config=app.config)
    result = {"autograde": False, "feedback": False, "error": ""}
    graded = api.autograde(assignment, student, force=True, create=True)
    result["autograde"] = bool(graded.get("success"))
    if not result["autograde"]:
        lines = (graded.get("error") or graded.get("log") or "?").strip().splitlines()
        result["error"] = (lines or ["?"])[-1][:300]
    else:
        fed = api.generate_feedback(assignment, student, force=True)
        result["feedback"] = bool(fed.get("success"))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
