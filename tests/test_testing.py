"""utils.testing: exact types, helpful messages, one line on a pass, the reference guard."""
import numpy as np
import pytest

from utils.testing import (CheckFailure, call, check, check_function, check_predictions,
                           check_shape, check_type, depends_on, needs,
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


# --- call: a crash in a visible test becomes a message with the input and a hint ---------------

def test_call_returns_the_result():
    assert call("add", lambda a, b=0: a + b, 2, b=3) == 5


def test_call_turns_a_broadcasting_crash_into_a_hint():
    def normalize_rows(x):
        return x / np.linalg.norm(x, axis=1)          # forgot keepdims
    msg = failure(call, "normalize_rows", normalize_rows, np.ones((2, 3)))
    assert msg.startswith("normalize_rows raised ValueError: operands could not be broadcast")
    assert "array(2, 3)" in msg and "keepdims" in msg
    assert "in normalize_rows, line" in msg and "np.linalg.norm" in msg   # the student's line


def test_call_author_hint_comes_first_and_not_implemented_is_explained():
    def stub(x):
        raise NotImplementedError()
    msg = failure(call, "sigmoid", stub, 1.0, hint="use np.exp")
    assert "NotImplementedError" in msg and "not written this function yet" in msg
    assert msg.index("use np.exp") < msg.index("not written")


def test_call_explains_a_shape_given_as_two_arguments():
    def initialize_velocity(parameters):
        n, m = parameters["W1"].shape
        return {"dW1": np.zeros(n, m)}               # the shape must be one tuple
    msg = failure(call, "initialize_velocity", initialize_velocity, {"W1": np.ones((4, 3))})
    assert msg.startswith("initialize_velocity raised TypeError: Cannot interpret '3'")
    assert "np.zeros((n, m))" in msg and "in initialize_velocity, line" in msg


def test_call_names_the_student_line_not_the_library():
    def L_model_backward(caches):
        grads = []
        for l in range(len(caches), -1, -1):       # off by one
            grads.append(np.asarray(caches[l]))
        return grads
    msg = failure(call, "L_model_backward", L_model_backward, [1, 2])
    assert "IndexError" in msg and "indices 0 ... n - 1" in msg and "in L_model_backward" in msg
    assert "caches" not in msg.split("hint:")[1]          # a list of anything, not of caches


def test_call_lets_check_failures_through():
    @course_reference
    def answer(x):
        return x
    with reference_blocked():
        msg = failure(call, "f", lambda x: answer(x), 1)
    assert "reference implementation" in msg and "raised" not in msg


def test_check_function_crash_has_a_hint():
    msg = failure(check_function, "f", lambda x: x @ x, lambda x: x,
                  lambda rng: (rng.normal(size=(3, 2)),))
    assert "raised ValueError" in msg and "matrix product" in msg


# --- depends_on: blame the earlier function that is wrong --------------------------------------

def _forward_ok(x):
    return 2 * x, {"x": x}


def _forward_wrong(x):
    return 3 * x, {"x": x}


def _predict_with(forward):
    return lambda x: (forward(x)[0] > 1).astype(float)


def test_depends_on_names_the_wrong_prerequisite():
    x = np.array([[0.2, 0.8]])
    need = needs("forward", _forward_wrong, x, expected=np.array([[0.4, 1.6]]),
                 select=lambda out: out[0])
    with pytest.raises(CheckFailure) as info:
        with depends_on("predict", need):
            check("p", _predict_with(_forward_wrong)(np.array([[0.4]])), np.array([[0.0]]))
    msg = str(info.value)
    assert msg.startswith("predict uses forward, which is not right yet: fix forward first")
    assert "values differ" in msg


def test_depends_on_keeps_the_failure_when_prerequisites_are_right():
    x = np.array([[0.2, 0.8]])
    need = needs("forward", _forward_ok, x, expected=np.array([[0.4, 1.6]]),
                 select=lambda out: out[0])
    with pytest.raises(CheckFailure) as info:
        with depends_on("predict", need):
            check("p", np.array([[1.0]]), np.array([[0.0]]))
    assert str(info.value).startswith("p: values differ")


def test_depends_on_does_not_fail_a_passing_composite(capsys):
    need = needs("forward", _forward_wrong, np.ones((1, 1)), expected=np.array([[2.0]]),
                 select=lambda out: out[0])
    with depends_on("predict", need):      # predict right (e.g. inlined): no complaint
        check("p", np.array([[1.0]]), np.array([[1.0]]), quiet=True)
    assert capsys.readouterr().out == ""


def test_depends_on_treats_a_crashing_prerequisite_as_wrong_and_is_quiet(capsys):
    def loud_and_broken(x):
        print("debug output")
        raise NotImplementedError()
    with pytest.raises(CheckFailure) as info:
        with depends_on("model", needs("optimize", loud_and_broken, 1.0, expected=1.0)):
            call("model", lambda: 1 / 0)
    assert "fix optimize first" in str(info.value) and "NotImplementedError" in str(info.value)
    assert "debug output" not in capsys.readouterr().out


# --- the author's hint no longer hides the guessed one; plain numbers -------------------------

def test_type_failure_shows_author_hint_and_type_hint():
    msg = failure(check, "cost", np.array([[0.3]]), 0.3, hint="J = -(1/m) sum(...)")
    assert "J = -(1/m)" in msg and "(1, 1)" in msg and "float(x)" in msg
    msg = failure(check, "w", [0.0, 0.0], np.zeros(2), hint="use np.zeros")
    assert "use np.zeros" in msg and "Python list" in msg


def test_value_failure_shows_author_hint_and_factor_hint():
    msg = failure(check, "dw", np.array([2.0, 4.0]), np.array([1.0, 2.0]), hint="dw = X dZ^T / m")
    assert "dw = X dZ^T / m" in msg and "2 times" in msg


def test_numbers_print_plainly():
    msg = failure(check, "cost", np.float64(0.2283), 0.5)
    assert "np.float64" not in msg and "0.2283" in msg
    msg = failure(check, "costs", [np.float64(0.5), np.float64(0.25)], [0.5, 0.5])
    assert "np.float64" not in msg
    msg = failure(check, "costs", [np.float64(0.5)], [0.5, 0.25])
    assert "np.float64" not in msg
    msg = failure(call, "f", lambda x: 1 / 0, np.float64(2.5))
    assert "when called with (2.5)\n" in msg


def test_boolean_arrays_get_a_conversion_hint():
    msg = failure(check, "p", np.array([True, False]), np.array([1.0, 0.0]))
    assert "astype(float)" in msg


# --- predictions: one rule, float arrays of 0. and 1. ------------------------------------------

def test_check_predictions(capsys):
    check_predictions("p", np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]]))
    assert "[pass]" in capsys.readouterr().out
    assert "astype(float)" in failure(check_predictions, "p", np.array([[True, False]]),
                                      np.array([[1.0, 0.0]]))
    assert "astype(float)" in failure(check_predictions, "p", np.array([[1, 0]]),
                                      np.array([[1.0, 0.0]]))
    assert "not probabilities" in failure(check_predictions, "p", np.array([[0.7, 0.2]]),
                                          np.array([[1.0, 0.0]]))
    assert "(1, m)" in failure(check_predictions, "p", np.array([1.0, 0.0]),
                               np.array([[1.0, 0.0]]))
    assert "values differ" in failure(check_predictions, "p", np.array([[0.0, 0.0]]),
                                      np.array([[1.0, 0.0]]))


def test_needs_copies_its_inputs_when_made():
    x = np.array([1.0, 2.0])
    need = needs("double", lambda v: 2 * v, x, expected=np.array([2.0, 4.0]))
    x *= 10                                 # the function under test changed x in place
    with pytest.raises(CheckFailure) as info:
        with depends_on("user", need):
            check("y", 1.0, 2.0)
    assert str(info.value).startswith("y: has the wrong value")


def test_failure_renders_as_its_message_alone():
    """IPython (JupyterLab, nbconvert, nbgrader) shows a failed check as its message, without
    the frames inside utils/testing.py."""
    import nbformat
    from nbclient import NotebookClient
    source = ("import numpy as np\nfrom utils.testing import check\n"
              "check('s', np.array([1., 2.]), np.array([1., 3.]))")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    NotebookClient(nb, kernel_name="python3", timeout=60, allow_errors=True).execute()
    error, = [o for o in nb.cells[0].outputs if o.output_type == "error"]
    text = "\n".join(error.traceback)
    assert error.ename == "CheckFailure"
    assert "s: values differ" in error.traceback[0]
    assert "testing.py" not in text and "Traceback" not in text and "File " not in text
    assert len(error.traceback) == len(error.evalue.splitlines())


# --- hints only where their condition holds (issue 14, "Hints that apply") ----------------------

def _hint(msg: str) -> str:
    return msg.split("hint:", 1)[1] if "hint:" in msg else ""


def test_operand_order_hint_only_for_a_function_that_multiplies():
    W = np.arange(6.0).reshape(2, 3)
    msg = failure(check, "W1", np.zeros((3, 2)), np.zeros((2, 3)))      # an initialiser
    assert "operands" not in msg and "W @ X" not in msg and "reverse order" in msg
    msg = failure(check, "Z", W.T, W, multiplies=True)
    assert "order of the operands" in msg and "expected ones transposed" in msg
    msg = failure(check_shape, "Z", np.zeros((3, 2)), (2, 3), multiplies=True)
    assert "order of the operands" in msg
    msg = failure(check_shape, "one_hot", np.zeros((3, 2)), (2, 3))
    assert "operands" not in msg
    msg = failure(check_function, "linear", lambda x: (x @ W.T).T if False else (W @ x).T,
                  lambda x: W @ x, lambda rng: (rng.normal(size=(3, 4)),), multiplies=True)
    assert "order of the operands" in msg
    msg = failure(check_function, "init", lambda n: np.zeros((n + 1, n)),
                  lambda n: np.zeros((n, n + 1)), lambda rng: (2,))
    assert "operands" not in msg


def test_keepdims_hint_only_when_a_size_one_axis_was_dropped():
    msg = failure(check, "mini_batch_X", np.zeros((12, 63)), np.zeros((12, 64)))
    assert "keepdims" not in msg and "axis" not in msg
    msg = failure(check, "db", np.zeros((4, 5)), np.zeros((4, 1)))
    assert "keepdims" not in msg
    msg = failure(check, "db", np.zeros(4), np.zeros((4, 1)))
    assert "keepdims" in msg


def test_broadcast_crash_suggests_keepdims_only_for_a_lost_axis():
    def masked(A):
        return A * np.ones((3, 5))                   # a mask of another layer's shape
    msg = failure(call, "forward", masked, np.ones((4, 5)))
    assert "could not be broadcast" in msg and "keepdims" not in msg
    msg = failure(call, "normalize", lambda x: x / x.sum(axis=1), np.ones((4, 5)))
    assert "keepdims" in msg


def test_factor_hint_names_only_factors_that_fit():
    e = np.array([1.0, -2.0, 3.0])
    msg = failure(check, "dw", 0.37 * e, e)
    assert "0.37 times the expected" in msg and "1/m" not in msg and "learning rate" not in msg
    assert "factor" not in _hint(msg)
    msg = failure(check, "dw", 2 * e, e)
    assert "a 2" in msg
    msg = failure(check, "dw", 5 * e, e, factors={"1/m": 1 / 5, "the learning rate": 0.01})
    assert "1/m" in msg and "learning rate" not in msg
    msg = failure(check, "w", 0.01 * e, e, factors={"1/m": 1 / 5, "the learning rate": 0.01})
    assert "learning rate" in msg and "1/m" not in msg
    msg = failure(check, "dw", e * np.array([2.0, 3.0, 2.0]), e)      # not one constant ratio
    assert "times the expected" not in msg
    msg = failure(check, "cost", 0.9, 0.3)                            # one number, ratio 3
    assert "3 times the expected" in msg and "factor" not in _hint(msg)


def test_key_error_hint_only_for_parameter_names():
    def sentence_to_avg(sentence, vectors):
        return sum(vectors[w] for w in sentence.split())
    msg = failure(call, "sentence_to_avg", sentence_to_avg, "i love sushi",
                  {"i": 1.0, "love": 2.0})
    assert "KeyError: 'sushi'" in msg and "W1" not in msg
    msg = failure(call, "update", lambda p: p["W3"], {"W1": 1, "b1": 2})
    assert "'W1'" in _hint(msg)
    msg = failure(call, "update", lambda g: g["dW2"], {"dW1": 1})
    assert "'W1'" in _hint(msg)


def test_author_crash_hint_only_for_the_exception_it_was_written_for():
    def shapes_wrong(x):
        return np.ones((2, 3)) @ np.ones((2, 3))
    def typo(x):
        return undefined_name                       # noqa: F821
    mask_hint = "each mask has the shape of the activations it multiplies"
    msg = failure(call, "f", shapes_wrong, 1, hint=mask_hint, hint_for=ValueError)
    assert mask_hint in msg
    msg = failure(call, "f", typo, 1, hint=mask_hint, hint_for=ValueError)
    assert mask_hint not in msg and "NameError" in msg
    msg = failure(call, "f", typo, 1, hint=mask_hint, hint_for=(KeyError, NameError))
    assert mask_hint in msg
    msg = failure(call, "f", shapes_wrong, 1, hint=mask_hint, hint_for=r"matmul")
    assert mask_hint in msg
    msg = failure(call, "f", typo, 1, hint=mask_hint, hint_for=r"matmul")
    assert mask_hint not in msg
    msg = failure(call, "f", typo, 1, hint=mask_hint)            # no hint_for: any crash
    assert mask_hint in msg


def test_a_crash_from_the_students_kernel_reads_as_in_the_notebook():
    """The grader rebuilds a crash in the student's kernel from its name, message, line and
    classes (utils.testing.Crash): call's message and a test's except clause are the same."""
    from utils.testing import Crash, rebuilt_exception

    def dropout(A):
        return A * np.ones((3, 5))
    try:
        dropout(np.ones((4, 5)))
    except ValueError as exc:
        here = exc.with_traceback(exc.__traceback__.tb_next)    # from dropout on, as the bridge
    crash = Crash.of(here)
    remote = rebuilt_exception(crash)

    def from_kernel(A):
        raise remote
    local = failure(call, "dropout", dropout, np.ones((4, 5)), hint="masks", hint_for=ValueError)
    graded = failure(call, "dropout", from_kernel, np.ones((4, 5)), hint="masks",
                     hint_for=ValueError)
    assert local == graded and "masks" in graded
    assert isinstance(remote, ValueError) and type(remote).__name__ == "ValueError"
    assert str(remote) == str(here)
    key = rebuilt_exception(Crash("KeyError", "'sushi'", None, ("KeyError", "LookupError",
                                                                "Exception", "BaseException",
                                                                "object")))
    assert isinstance(key, KeyError) and str(key) == "'sushi'"
    odd = rebuilt_exception(Crash("SystemExit", "", None, ("SystemExit", "BaseException")))
    assert isinstance(odd, Exception)                 # never escapes a test's except Exception
    fake = rebuilt_exception(Crash("UnicodeDecodeError", "bad byte", None,
                                   ("UnicodeDecodeError", "UnicodeError", "ValueError",
                                    "Exception", "BaseException", "object")))
    assert isinstance(fake, ValueError) and str(fake) == "bad byte"
    guard = rebuilt_exception(Crash("CheckFailure", "your code called the reference", None,
                                    ("CheckFailure", "AssertionError")))
    assert type(guard) is CheckFailure


def test_rounding_noise_is_refused_at_authoring_time():
    from utils.testing import TestAuthoringError
    with pytest.raises(TestAuthoringError, match="rounding noise"):
        check("difference", 4.0e-10, 5.3e-10, rtol=1e-2, atol=0)
    with pytest.raises(TestAuthoringError):
        check("grads", {"dW": np.array([1.0, 3e-12])}, {"dW": np.array([1.0, 3e-12])}, atol=0)
    with pytest.raises(TestAuthoringError):                # issue 14's c2w1a3 hidden test
        check_function("gradient_check", lambda x: x * 1e-10, lambda x: x * 1.3e-10,
                       lambda rng: (float(rng.uniform(1, 2)),), rtol=1e-2, atol=1e-15)
    check("difference", 4.0e-10, 5.3e-10, quiet=True)              # atol 1e-8: "it is tiny"
    check("zeros", np.zeros(3), np.zeros(3), atol=0, quiet=True)    # exact zeros are fine
    check("dW1", 2.5e-5, 2.5e-5, atol=0, quiet=True)
