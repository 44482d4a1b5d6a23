"""The self-test's comparison of a test cell's failure in the student's notebook and in the
feedback (autograder/testcells.message_difference; issue 14: "the student's notebook and the
feedback must give the same message for the same mistake")."""
from autograder.kernel import CellResult
from autograder.testcells import message_difference, visible_part


def _failure(first: str, values: str = "0.25", hint: str = "dA2 = W3^T dZ3") -> CellResult:
    return CellResult(False, f"CheckFailure: {first}\n  expected: array of shape (2, 2), dtype "
                             f"float64:\n    [[{values} 0.  ]\n     [1.   0.5 ]]\n  got: ...\n"
                             f"  hint: {hint}")


def test_the_same_check_and_hint_agree_whatever_the_random_values():
    assert message_difference(_failure("dA2: values differ (largest difference 0.763)"),
                              _failure("dA2: values differ (largest difference 0.5)", "0.75")) \
        is None


def test_another_check_or_hint_is_a_difference():
    assert message_difference(_failure("D1 with seed=2: values differ"),
                              _failure("D1 (cache[1]): values differ"))
    assert "keepdims" in message_difference(_failure("x", hint="use keepdims=True"),
                                            _failure("x", hint="masks have A's shape"))


def test_a_crash_compares_its_type_and_first_line():
    mine = CellResult(False, "ValueError: operands could not be broadcast\nTraceback ...")
    graded = CellResult(False, "ValueError: operands could not be broadcast\n  in f, line 2")
    assert message_difference(mine, graded) is None
    assert message_difference(mine, CellResult(False, "CheckFailure: f raised ValueError: ..."))


def test_only_a_failure_in_the_notebook_must_be_matched():
    assert message_difference(CellResult(True), _failure("x")) is None      # a hidden test
    assert "passes when graded" in message_difference(_failure("x"), CellResult(True))


def test_the_notebook_holds_the_visible_part_only():
    source = "a = 1\n### BEGIN HIDDEN TESTS\nb = 2\n### END HIDDEN TESTS\npassed('f')"
    assert visible_part(source) == "a = 1\npassed('f')"


def test_a_visible_test_the_sandbox_cannot_import_is_a_difference():
    """A visible test imports only modules of the assignment's allow-list (course check refuses
    others: tests/test_redteam_allowlist.py), so a blocked import is a real difference."""
    blocked = CellResult(False, "ImportError: utils.dnn is not part of c2w1a3_gradient_checking: "
                                "while it is graded, ...")
    assert message_difference(blocked, _failure("difference: has the wrong value"))


def test_layer_names_numbered_by_a_counter_are_not_a_difference():
    """Layers are named after how many were made before ('add_103'): the notebook's run and the
    grader's make different numbers of layers before the same mistake."""
    mine = CellResult(False, "CheckFailure: identity_block raised LayerError: layer 'add_135' "
                             "(Add) needs inputs of one shape\n  hint: same shapes")
    graded = CellResult(False, "CheckFailure: identity_block raised LayerError: layer 'add_134' "
                               "(Add) needs inputs of one shape\n  hint: same shapes")
    assert message_difference(mine, graded) is None
    other = CellResult(False, "CheckFailure: identity_block raised LayerError: layer 'add_134' "
                              "(Add) needs inputs of one shape\n  hint: another hint")
    assert message_difference(mine, other)
