"""The judge: plain data across the boundary, names a test cell takes from the kernel, proxies."""
from __future__ import annotations

import json

import numpy as np
import pytest

from autograder import plaindata
from autograder.judge import free_names
from autograder.kernel import KernelSession


@pytest.mark.parametrize("value", [
    None, True, 3, -2.5, float("inf"), "text", np.float32(1.5), np.int64(7), np.bool_(True),
    np.arange(6.0).reshape(2, 3).T, np.zeros((0, 3)), np.array(4.0), np.array([1 + 2j]),
    (1, [2, {"a": np.ones(2)}]), {1: "x", (1, 2): [None]},
])
def test_plain_data_round_trips_exactly(value):
    back = plaindata.loads(plaindata.dumps(value))
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        assert back.shape == value.shape and back.dtype == value.dtype
        np.testing.assert_array_equal(back, value)
    elif isinstance(value, float) or isinstance(value, np.generic):
        assert back == value
    else:
        assert repr(back) == repr(value)


class Sub(np.ndarray):
    def __eq__(self, other):
        return True


@pytest.mark.parametrize("value", [np.zeros(2).view(Sub), np.array([object()]), object(),
                                   type("S", (str,), {})("x"), lambda: 1])
def test_anything_else_is_not_plain(value):
    with pytest.raises(plaindata.NotPlain):
        plaindata.dumps(value)
    made = plaindata.loads(plaindata.dumps(value, lambda o: {"__handle__": 1, "type": "T"}),
                           lambda info: ("handle", info["id"]))
    assert made == ("handle", 1)


@pytest.mark.parametrize("text", [
    '{"__nd__": "|O", "shape": [1], "b64": ""}',                 # object dtype
    '{"__nd__": "<f8", "shape": [2], "b64": "AAAAAAAAAAA="}',   # 8 bytes for 2 floats
    '{"__tuple__": [], "__dict__": []}',                         # two tags
    '{"x": 1}',                                                   # no tag
    '{"__handle__": 1}',                                          # handle where data is needed
    '{"__dict__": [[[1], 2]]}',                                   # unhashable key
    '[' * 5000 + ']' * 5000,                                      # too deep
])
def test_malformed_messages_are_refused(text):
    with pytest.raises(plaindata.BadMessage):
        plaindata.loads(text.encode())


def test_free_names_are_what_a_test_cell_reads_but_never_binds():
    source = """
import math as m
from utils.dnn import predict as _ref
x = sigmoid(np.array([1.0]))
def helper(a, *rest, k=1):
    inner = a + k
    return inner + params["W1"]
for i in range(3):
    pass
[j for j in data]
try:
    pass
except ValueError as err:
    print(err)
"""
    assert free_names(source) == {"sigmoid", "np", "params", "range", "data", "print",
                                  "ValueError"}


# The kernel names these tests may look up (a graded notebook's come from testcells).
NAMES = frozenset({"double", "scale_in_place", "broken", "chatty", "forever", "draws", "Model",
                   "data", "sigmoid", "sq", "fake_sq"})


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    with KernelSession(tmp_path_factory.mktemp("k"), "c1w2a1_numpy_basics", timeout=10,
                       sandboxed=False) as k:
        k.run("import numpy as np\n"
              "def double(x):\n    return 2 * x\n"
              "def scale_in_place(p):\n    p['W'] *= 2\n    return p\n"
              "def broken(x):\n    return x + np.ones(5)\n"
              "def chatty(x):\n    print('hello from the student')\n    return x\n"
              "def forever():\n    while True:\n        pass\n"
              "def draws():\n    return np.random.rand(3)\n"
              "class Model:\n    def summary_data(self):\n        return [{'name': 'dense'}]\n"
              "from utils import nn\n"
              "def sq(W):\n    return nn.ops.sum(W * W)\n"
              "class Fake:\n    def __init__(self, v): self.v = v\n"
              "    def numpy(self): return self.v\n    def backward(self, g=None): pass\n"
              "def fake_sq(W):\n    return Fake(float(np.sum(np.asarray(W.data) ** 2)))\n"
              "data = {'X': np.arange(3.0)}\n"
              "np.allclose = lambda *a, **k: True\n"
              "def check(*a, **k):\n    pass\n")
        yield k


def test_proxies_call_the_students_functions_and_check_is_the_graders(kernel):
    assert kernel.test("check('double', double(np.ones(2)), np.array([2.0, 2.0]))", NAMES).passed
    result = kernel.test("check('double', double(np.ones(2)), np.array([3.0, 3.0]))", NAMES)
    assert not result.passed and "values differ" in result.message
    assert kernel.test("check('X', data['X'], np.arange(3.0))", NAMES).passed


def test_in_place_changes_reach_check_function(kernel):
    result = kernel.test(
        "check_function('scale_in_place', scale_in_place, lambda p: {'W': p['W'] * 2},\n"
        "               lambda rng: ({'W': rng.normal(size=(2, 2))},))", NAMES)
    assert not result.passed and "changed its argument 1['W'] in place" in result.message


def test_crashes_name_the_function_the_input_and_a_hint(kernel):
    result = kernel.test("broken(np.ones((2, 3)))", NAMES)
    assert result.message.startswith("ValueError: operands could not be broadcast")
    assert "broken raised ValueError" in result.message and "in broken, line" in result.message
    assert "when called with (array(2, 3))" in result.message and "hint:" in result.message


@pytest.mark.parametrize("source", [
    "call('broken', broken, np.ones((2, 3)), hint='sizes', hint_for=ValueError)",
    "call('broken', broken, np.ones((2, 3)), hint='sizes', hint_for=KeyError)",
    "try:\n    broken(np.ones((2, 3)))\nexcept ValueError as err:\n"
    "    raise CheckFailure(f'broken raised {type(err).__name__}: {err}') from None",
])
def test_a_crash_reads_the_same_in_the_notebook_and_in_the_feedback(kernel, source):
    """The student's own run of a test cell and the grader's give the same message: the
    crash's type survives the bridge (``except ValueError`` catches it), and so do its line
    and the author's hint for that type (issue 14)."""
    graded = kernel.test(source, NAMES)
    mine = kernel.run("from utils.testing import call, CheckFailure\n" + source)
    assert not graded.passed and graded.message == mine.message
    assert ("sizes" in graded.message) == ("hint_for=ValueError" in source)


def test_printed_output_is_relayed(kernel):
    session = kernel._judge
    outcome = session.run_test_cell("chatty(1)", NAMES)
    assert outcome.passed and "hello from the student" in outcome.stdout


def test_seeding_in_the_test_reaches_the_students_code(kernel):
    assert kernel.test("np.random.seed(4)\nexpected = np.random.rand(3)\n"
                       "np.random.seed(4)\ncheck('draws', draws(), expected)", NAMES).passed


def test_objects_come_back_as_handles_with_plain_methods(kernel):
    assert kernel.test("m = Model()\ncheck('summary', m.summary_data(), [{'name': 'dense'}])",
                       NAMES).passed
    result = kernel.test("check('model', Model(), np.zeros(1))", NAMES)
    assert not result.passed and "has type Model, expected numpy.ndarray" in result.message
    assert "Remote" not in result.message



def test_handles_are_named_by_the_students_type_never_remote(kernel):
    result = kernel.test("check('sq', sq(np.ones(2)), 2.0)", NAMES)
    assert not result.passed and "has type Tensor, expected a number" in result.message
    assert "Remote" not in result.message and ".item()" in result.message


def test_framework_objects_are_made_in_the_kernel_and_judged_here(kernel):
    """framework("Tensor", ...) gives the student's function a Tensor of the kernel; its
    gradient comes back as plain data for the grader to compare."""
    assert kernel.test("W = framework('Tensor', np.array([1.0, -2.0]), requires_grad=True)\n"
                       "loss = sq(W)\nloss.backward()\n"
                       "check('grad', W.grad, np.array([2.0, -4.0]))", NAMES).passed
    result = kernel.test("W = framework('Tensor', np.array([1.0, 3.0]), requires_grad=True)\n"
                         "fake_sq(W).backward()\ncheck_type('W.grad', W.grad, np.ndarray)", NAMES)
    assert not result.passed and "has type NoneType" in result.message
    result = kernel.test("framework('os.system', 'true')", NAMES)
    assert not result.passed and "not one of" in result.message


def test_timeouts_are_told_apart(kernel):
    outcome = kernel._judge.run_test_cell("forever()", NAMES, timeout=2)
    assert outcome.status == "timeout" and outcome.ename == "CellTimeoutError"
    assert kernel.test("check('double', double(1.0), 2.0)", NAMES).passed     # the kernel lives on


def test_undefined_names_say_so(kernel):
    result = kernel.test("sigmoid(1)", NAMES)
    assert "sigmoid is not defined in your notebook" in result.message


def test_outcome_outputs_are_what_nbgrader_scores(kernel):
    outs = kernel._judge.run_test_cell("print('x')\nraise AssertionError('no')", NAMES).outputs()
    assert [o.output_type for o in outs] == ["stream", "error"]
    json.dumps(outs)


def test_call_adds_the_authors_hint_to_a_crash_in_the_kernel(kernel):
    result = kernel.test("call('broken', broken, np.ones((2, 3)), hint='use keepdims=True')",
                         NAMES)
    assert "broken raised ValueError" in result.message
    assert "hint: use keepdims=True" in result.message


def test_a_timeout_inside_call_or_check_function_is_still_a_timeout(kernel):
    outcome = kernel._judge.run_test_cell("call('forever', forever)", NAMES, timeout=2)
    assert outcome.status == "timeout"
    outcome = kernel._judge.run_test_cell(
        "check_function('forever', forever, lambda: None, lambda rng: ())", NAMES, timeout=2)
    assert outcome.status == "timeout"


def test_handles_copy_as_themselves(kernel):
    assert kernel.test("m = Model()\nimport copy as _c\nassert _c.deepcopy(m) is m and "
                       "_c.copy(m) is m", NAMES).passed
