"""Ids students are graded under: safe, unique, and the same whichever batch a student is in."""
from __future__ import annotations

import pytest

from autograder.course import CourseError, assignments
from autograder.grading import Submission, assign_ids, record_scores, safe_id, _generate


def _ids(*names: str) -> list[str]:
    subs = [Submission(n, None, "") for n in names]
    assign_ids(subs)
    return [s.sid for s in subs]


def test_a_safe_name_is_its_own_id():
    assert _ids("alice", "bob_2", "c.d") == ["alice", "bob_2", "c.d"]


def test_names_with_one_spelling_get_different_ids_in_any_batch():
    alone_a, = _ids("uni")
    alone_b, = _ids("ünï")
    together = _ids("uni", "ünï")
    assert alone_a != alone_b
    assert together == [alone_a, alone_b]           # the same id whichever batch grades them
    assert all(c.isascii() and (c.isalnum() or c in "_.-") for c in alone_b)


def test_names_differing_in_case_stay_apart():
    first, second = _ids("Bob", "bob")
    assert first.lower() != second.lower()


def test_the_gradebook_refuses_to_give_one_students_id_to_another(tmp_path):
    a, = assignments(["c1w2a1_numpy_basics"])
    _generate(a, tmp_path / "template", tmp_path / "course")
    db = tmp_path / "course" / "gradebook.db"
    record_scores(db, a, "uni", "uni", {})
    record_scores(db, a, "uni", "uni", {})          # the same student again is fine
    with pytest.raises(CourseError, match="not overwritten"):
        record_scores(db, a, "uni", "someone else", {})
    assert safe_id("ünï") != "uni"
