"""utils.testing: exact types, helpful messages, one line on a pass, the reference guard."""
import numpy as np
import pytest

from utils.testing import (CheckFailure, check, check_function, check_shape, check_type,
                           course_reference, passed, reference_blocked)


class FakeEqual:
    """An object that claims to equal anything."""

    def __eq__(self, other):
        return True

    def __array__(self, dtype=None, copy=None):
        return np.array([0.5])


class SubArray(np.ndarray):
    pass


def failure(fn, *args, **kwargs) -> str:
    with pytest.raises(CheckFailure) as info:
        fn(*args, **kwargs)
    return str(info.value)


def test_pass_prints_one_line(capsys):
    check("s", np.array([0.5, 0.25]), np.array([0.5, 0.25]))
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "s" in out and "pass" in out


def test_quiet_pass_prints_nothing(capsys):
    check("s", 1.0, 1.0, quiet=True)
    assert capsys.readouterr().out == ""


def test_objects_faking_equality_fail():
    msg = failure(check, "s", FakeEqual(), np.array([0.5]))
    assert "s" in msg and "FakeEqual" in msg
    failure(check, "x", FakeEqual(), 0.5)


def test_ndarray_subclass_fails():
    sub = np.array([1.0, 2.0]).view(SubArray)
    msg = failure(check, "v", sub, np.array([1.0, 2.0]))
    assert "SubArray" in msg and "plain numpy.ndarray" in msg


def test_shape_message_names_variable_and_hint():
    msg = failure(check, "dw", np.zeros(3), np.zeros((3, 1)))
    assert "dw" in msg and "(3,)" in msg and "(3, 1)" in msg and "keepdims" in msg
    msg = failure(check, "Z", np.zeros((4, 2)), np.zeros((2, 4)))
    assert "transposed" in msg


def test_value_message_shows_expected_actual_and_factor_hint():
    msg = failure(check, "dw", np.array([2.0, 4.0]), np.array([1.0, 2.0]))
    assert "expected" in msg and "got" in msg and "2 times" in msg
    msg = failure(check, "db", np.array([-1.0, 3.0]), np.array([1.0, -3.0]))
    assert "wrong sign" in msg


def test_custom_hint_is_shown():
    msg = failure(check, "cost", 1.5, 0.5, hint="did you forget to divide by m?")
    assert "divide by m" in msg


def test_dtype_and_finiteness():
    msg = failure(check, "p", np.array([1, 0]), np.array([1.0, 0.0]))
    assert "dtype" in msg
    msg = failure(check, "a", np.array([np.nan, 1.0]), np.array([0.5, 1.0]))
    assert "NaN" in msg


def test_numbers_accept_python_numpy_and_0d():
    for value in (0.5, np.float64(0.5), np.array(0.5), np.float32(0.5)):
        check("c", value, 0.5, quiet=True)
    failure(check, "c", "0.5", 0.5)
    failure(check, "c", np.array([0.5]), 0.5)
    failure(check, "c", None, 0.5)


def test_dicts_tuples_and_nested_names():
    expected = {"dw": np.ones((2, 1)), "db": 0.5}
    check("grads", {"dw": np.ones((2, 1)), "db": 0.5}, expected, quiet=True)
    msg = failure(check, "grads", {"dw": np.ones((2, 1))}, expected)
    assert "db" in msg and "missing" in msg
    msg = failure(check, "grads", {"dw": np.zeros((2, 1)), "db": 0.5}, expected)
    assert "grads['dw']" in msg
    msg = failure(check, "out", (1.0,), (1.0, 2.0))
    assert "1 items" in msg


def test_check_type_and_shape():
    check_type("d", {}, dict)
    failure(check_type, "d", [], dict)
    check_shape("A", np.zeros((2, 3)), (2, 3))
    failure(check_shape, "A", np.zeros((2, 3)), (3, 2))


def test_check_function_compares_on_random_inputs(capsys):
    check_function("double", lambda x: 2 * x, lambda x: x + x, lambda rng: (rng.normal(size=3),))
    assert "5 random inputs" in capsys.readouterr().out
    msg = failure(check_function, "double", lambda x: 3 * x, lambda x: 2 * x,
                  lambda rng: (rng.normal(size=3),))
    assert "random input 1" in msg and "array(3,)" in msg


def test_check_function_detects_in_place_changes():
    def in_place(x):
        x *= 2
        return x
    # the student's own copy is changed, the reference result is still matched
    msg = failure(check_function, "double", in_place, lambda x: 2 * x,
                  lambda rng: (rng.normal(size=3),))
    assert "in place" in msg


def test_passed_prints_one_line(capsys):
    passed("sigmoid")
    assert capsys.readouterr().out == "All tests passed for sigmoid.\n"


def test_reference_guard():
    @course_reference
    def answer(x):
        return x + 1

    assert answer(1) == 2
    with reference_blocked():
        with pytest.raises(CheckFailure, match="write it yourself"):
            answer(1)
    assert answer(1) == 2
    msg = failure(check_function, "f", lambda x: answer(x), lambda x: x + 1,
                  lambda rng: (1.0,))
    assert "reference implementation" in msg


def test_check_function_detects_in_place_changes_inside_containers():
    def update(params):
        params["W"] -= 1.0
        return {"W": params["W"]}
    msg = failure(check_function, "update", update, lambda p: {"W": p["W"] - 1.0},
                  lambda rng: ({"W": rng.normal(size=(2, 2))},))
    assert "argument 1['W'] in place" in msg


def test_check_function_reports_crashes_with_the_input():
    def broken(x):
        return x @ np.ones((5, 5))
    msg = failure(check_function, "broken", broken, lambda x: x,
                  lambda rng: (rng.normal(size=(3, 2)),))
    assert "raised ValueError" in msg and "array(3, 2)" in msg


def test_guard_has_no_back_door():
    @course_reference
    def answer(x):
        return x
    assert not hasattr(answer, "__wrapped__")


def test_shape_hints_for_size_one_axes_and_author_hint_first():
    msg = failure(check, "db", np.zeros(1), np.zeros((1, 1)), hint="use keepdims")
    assert "use keepdims" in msg and "size 1 was lost" in msg
    assert msg.index("use keepdims") < msg.index("size 1 was lost")
    msg = failure(check, "A", np.zeros((1, 3, 1)), np.zeros((1, 3)))
    assert "extra dimension" in msg


def test_integer_expectations_print_as_integers():
    msg = failure(check, "n_h", 3, 4)
    assert "expected: 4" in msg and "4.0" not in msg
