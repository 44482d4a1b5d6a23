"""`course report`: the class report on a small synthetic batch.

The batch is made as the grader makes one (nbgrader's gradebook from generate_assignment, scores
written with ``grading.record_scores``, grades.csv, the grading log, feedback pages) without
running any student's code; diagnosis files are written in the format the grader writes
(``course/diagnosis/<id>/<assignment>.json``).  One student is called ``<script>alert(1)</script>``.
"""
import csv
import json
import re
import shutil

import pytest

from autograder.course import Assignment, graded_cells, nbgrader_meta
from autograder.grading import (GRADING_LOG, _generate, _header, _row, StudentResult,
                                record_scores, safe_id)
from autograder.report import report

A = Assignment("c1w2a1_numpy_basics")
HOSTILE = "<script>alert(1)</script>"


def _batch(out, tmp):
    release = _generate(A, tmp / "template", out / "course")
    tests = [nbgrader_meta(c)["grade_id"] for c in graded_cells(release)]
    points = {nbgrader_meta(c)["grade_id"]: float(nbgrader_meta(c)["points"])
              for c in graded_cells(release)}
    first, second = tests[0], tests[1]
    full = dict(points)
    # name -> (scores, outcome, seconds, judge statuses, notes)
    plan = {
        "alice": (full, "graded", 12.0, {t: "passed" for t in tests}, []),
        "bob": ({**full, first: 0.0}, "graded", 30.5,
                {**{t: "passed" for t in tests}, first: "failed"}, []),
        "carol": ({**full, first: 0.0, second: 0.0}, "graded", 8.0,
                  {**{t: "passed" for t in tests}, first: "failed", second: "timeout"},
                  [f"{second}: interrupted after the time limit"]),
        HOSTILE: ({t: 0.0 for t in tests}, "graded", 95.0,
                  {**{t: "dead" for t in tests}, "_kernel": "died"},
                  ["the kernel died (os._exit, a crash or too much memory): later cells not run"]),
        "gina": ({t: 0.0 for t in tests}, "missing", 0.0, {},
                 ["no submission: every cell scored 0"]),
    }
    rows = {}
    with open(out / GRADING_LOG, "w") as log:
        for name, (scores, outcome, seconds, cells, notes) in plan.items():
            sid = safe_id(name)
            record_scores(out / "course" / "gradebook.db", A, sid, name, scores)
            result = StudentResult(name, scores, list(notes), sid=sid)
            rows[name] = _row(result, tests, sum(points.values()))
            log.write(json.dumps({"student": name, "sid": sid, "outcome": outcome,
                                  "seconds": seconds, "cells": cells}) + "\n")
            (out / "feedback").mkdir(exist_ok=True)
            (out / "feedback" / f"{sid}.html").write_text("<html><body>feedback</body></html>")
            if outcome == "graded":
                mistakes = {"bob": {first: [{"name": "no_exp", "says": "e is not raised",
                                             "hint": "use np.exp"}]},
                            "carol": {first: [{"name": "no_exp", "says": "e is not raised",
                                               "hint": None},
                                              {"name": "sign", "says": "the sign is flipped",
                                               "hint": None}]}}.get(name, {})
                cells_json = {t: {"passed": scores[t] == points[t], "function_cell": "basic_sigmoid",
                                  "mistakes": mistakes.get(t, [])} for t in tests}
                if name == HOSTILE:
                    cells_json[first]["error"] = "crash"
                path = out / "course" / "diagnosis" / sid / f"{A.id}.json"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps({"assignment": A.id, "student": name,
                                            "cells": cells_json}))
    with open(out / "grades.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_header(tests))
        writer.writerows(rows.values())
    return tests, first, second


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch")
    tests, first, second = _batch(out, tmp_path_factory.mktemp("tmp"))
    counts = report(A, out)
    return out, counts, tests, first, second


def test_counts(made):
    out, counts, tests, first, second = made
    assert (counts["students"], counts["submitted"], counts["graded"]) == (5, 4, 4)
    assert (counts["missing"], counts["crashed"], counts["timed_out"]) == (1, 1, 1)
    assert counts["pass"][first] == 1            # alice only
    assert counts["pass"][second] == 2           # alice, bob
    assert all(counts["pass"][t] == 3 for t in tests[2:])
    assert counts["mistakes"] == {("basic_sigmoid", "no_exp"): ["bob", "carol"],
                                  ("basic_sigmoid", "sign"): ["carol"]}
    assert counts["slowest"][:3] == [safe_id(HOSTILE), "bob", "alice"]
    assert "gina" not in counts["slowest"]


def test_page_is_self_contained_and_escaped(made):
    out, counts, *_ = made
    page = counts["html"].read_text()
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert len(re.findall(r'<img alt="[^"]*" src="data:image/png;base64,', page)) == 3
    assert not re.search(r'(src|href)="(https?:|//)', page)
    for section in ("Score distribution", "Pass rate of each test cell",
                    "Commonest diagnosed mistakes", "No submission, crashes and time-outs",
                    "Slowest submissions"):
        assert f"<h2>{section}</h2>" in page
    assert "e is not raised" in page and "use np.exp" in page
    # every student's name links to their feedback page, relative to the report
    assert '<a href="../feedback/bob.html">bob</a>' in page
    assert f'href="../feedback/{safe_id(HOSTILE)}.html"' in page


def test_csv_has_one_row_per_student(made):
    out, counts, tests, first, second = made
    rows = list(csv.DictReader(open(counts["csv"])))
    assert [r["student"] for r in rows] == sorted(r["student"] for r in rows)
    by = {r["id"]: r for r in rows}
    assert set(by) == {"alice", "bob", "carol", "gina", safe_id(HOSTILE)}
    assert by["carol"]["failed_cells"].split() == [first, second]
    assert by["carol"]["diagnosed_mistakes"] == "basic_sigmoid:no_exp; basic_sigmoid:sign"
    assert by["gina"]["outcome"] == "missing" and by["gina"]["seconds"] == ""
    assert by[safe_id(HOSTILE)]["student"] == HOSTILE
    assert by["bob"]["feedback"] == "../feedback/bob.html"


def test_without_diagnoses_or_log(made, tmp_path):
    """A batch graded without diagnosis (or before the grading log): the report still renders,
    says that no diagnoses were recorded, and reads time-outs and crashes from the notes."""
    out = tmp_path / "batch"
    shutil.copytree(made[0], out)
    shutil.rmtree(out / "course" / "diagnosis")
    (out / GRADING_LOG).unlink()
    counts = report(A, out, tmp_path / "elsewhere")
    page = counts["html"].read_text()
    assert "No diagnoses recorded" in page
    assert "No durations recorded" in page
    assert (counts["missing"], counts["crashed"], counts["timed_out"]) == (1, 1, 1)
    assert counts["mistakes"] == {} and counts["diagnosed"] == 0
    assert 'href="../batch/feedback/bob.html"' in page
