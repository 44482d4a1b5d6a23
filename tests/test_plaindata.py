"""NumPy scalars across the boundary (issue 22): a student's ``numpy.str_``, ``numpy.float32``,
``numpy.bool_``... reaches the test as the Python value it stands for, a subclass never does,
and a check says the same thing in the student's notebook as in the grader."""
from __future__ import annotations

import numpy as np
import pytest

from autograder import plaindata
from autograder.kernel import KernelSession
from utils.testing import CheckFailure, check, check_type

# (NumPy scalar, the Python value the grader must receive)
SCALARS = [
    (np.str_("spanish"), "spanish"), (np.str_(""), ""), (np.str_("é€😀"), "é€😀"),
    (np.bytes_(b"ab\x00c"), b"ab\x00c"),
    (np.bool_(True), True), (np.bool_(False), False),
    (np.int8(-128), -128), (np.uint8(255), 255), (np.int16(-3), -3), (np.uint16(7), 7),
    (np.int32(-2**31), -2**31), (np.uint32(2**32 - 1), 2**32 - 1),
    (np.int64(-2**63), -2**63), (np.uint64(2**64 - 1), 2**64 - 1),
    (np.longlong(5), 5), (np.ulonglong(6), 6), (np.intp(8), 8), (np.uintp(9), 9),
    (np.float16(0.5), 0.5), (np.float32(0.1), float(np.float32(0.1))),
    (np.float64(0.25), 0.25), (np.float64(np.inf), float("inf")), (np.float64(-0.0), -0.0),
    (np.complex64(1 + 2j), 1 + 2j), (np.complex128(-0.5j), -0.5j),
]


def _kernel_answer(value):
    """What the grader builds from the kernel's answer ``value`` (bridge.py's encoding)."""
    return plaindata.loads(plaindata.dumps(value, lambda o: {"__handle__": 1, "type": "T"},
                                           python_scalars=True),
                           lambda info: ("handle", info["type"]))


@pytest.mark.parametrize("value,plain", SCALARS, ids=lambda v: type(v).__name__)
def test_every_numpy_scalar_arrives_as_its_python_value(value, plain):
    back = _kernel_answer(value)
    assert type(back) is type(plain) and back == plain
    assert repr(back) == repr(plain)                      # -0.0 stays -0.0
    nested = _kernel_answer({"cost": value, "items": [value, (value,)]})
    assert type(nested["cost"]) is type(plain) and type(nested["items"][1][0]) is type(plain)


def test_nan_and_numpy_dict_keys_arrive_as_python_values():
    assert np.isnan(_kernel_answer(np.float32("nan"))) and \
        type(_kernel_answer(np.float32("nan"))) is float
    back = _kernel_answer({np.str_("king"): np.int64(3), np.int64(4): np.bool_(True)})
    assert back == {"king": 3, 4: True}
    assert [type(k) for k in back] == [str, int]


def test_longdouble_has_no_python_type_and_stays_a_numpy_scalar():
    for value in (np.longdouble("1.5"), np.clongdouble(2j)):
        back = _kernel_answer(value)
        assert type(back) is type(value) and back == value


def test_zero_d_arrays_cross_as_zero_d_arrays():
    for value in (np.array(2.5), np.array(3, dtype=np.int64), np.array(True)):
        back = _kernel_answer(value)
        assert type(back) is np.ndarray and back.shape == () and back.dtype == value.dtype
        assert back == value


def test_the_graders_requests_keep_numpy_scalars():
    """Only the kernel's answers are turned into Python values: a test's arguments reach the
    student's function as the test made them."""
    for value in (np.float32(1.5), np.int64(7), np.bool_(True)):
        back = plaindata.loads(plaindata.dumps(value))
        assert type(back) is type(value) and back == value


class LyingStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


class LyingNpStr(np.str_):
    def __eq__(self, other):
        return True

    __hash__ = np.str_.__hash__


class LyingFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


class LyingNpFloat(np.float64):
    def __eq__(self, other):
        return True

    __hash__ = np.float64.__hash__


class CamouflagedNpFloat(np.float64):
    __module__ = "numpy"                  # says it is NumPy's own

    def __eq__(self, other):
        return True

    __hash__ = np.float64.__hash__


class LyingInt(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


class LyingNpInt(np.int64):
    def __eq__(self, other):
        return True

    __hash__ = np.int64.__hash__


SPOOFS = [LyingStr("spanish"), LyingNpStr("spanish"), LyingFloat(0.5), LyingNpFloat(0.5),
          LyingInt(3), LyingNpInt(3), type("B", (bytes,), {})(b"x"),
          type("C", (complex,), {})(1j), type("NpB", (np.bytes_,), {})(b"x")]


@pytest.mark.parametrize("value", SPOOFS, ids=lambda v: type(v).__name__)
def test_a_subclass_never_crosses_as_plain_data(value):
    assert _kernel_answer(value) == ("handle", "T")
    assert _kernel_answer([value]) == [("handle", "T")]
    with pytest.raises(plaindata.NotPlain):
        plaindata.dumps(value, python_scalars=True)


def test_a_numpy_subclass_that_claims_numpys_module_crosses_only_as_its_bytes():
    back = _kernel_answer(CamouflagedNpFloat(0.5))
    assert type(back) is np.float64 and back == 0.5 and not back == 0.7


def test_spoofing_keys_are_refused():
    with pytest.raises(plaindata.NotPlain):
        plaindata.dumps({LyingNpStr("a"): 1}, lambda o: {"__handle__": 1}, python_scalars=True)


@pytest.mark.parametrize("text", [
    '{"__bytes__": "not base64!"}', '{"__bytes__": 3}', '{"__bytes__": "", "x": 1}',
    '{"__complex__": [1.0]}', '{"__complex__": ["1", 2]}', '{"__complex__": [true, 1.0]}',
    '{"__complex__": {"re": 1}}', '{"__complex__": [1.0, 2.0], "__bytes__": ""}',
])
def test_malformed_bytes_and_complex_are_refused(text):
    with pytest.raises(plaindata.BadMessage):
        plaindata.loads(text.encode())


def test_bytes_and_complex_round_trip():
    for value in (b"", b"\xff\x00", 1 + 2j, complex(float("inf"), float("nan"))):
        back = plaindata.loads(plaindata.dumps(value))
        assert type(back) is type(value) and repr(back) == repr(value)


# --- the checks treat a NumPy scalar as its Python kind -----------------------------------------

@pytest.mark.parametrize("value,plain", SCALARS, ids=lambda v: type(v).__name__)
def test_check_type_accepts_a_numpy_scalar_where_its_python_type_is_asked(value, plain):
    check_type("x", value, type(plain))
    check_type("x", plain, type(plain))
    if type(plain) is float:
        check_type("x", value, np.float64)           # a NumPy type in a test means its kind
        check_type("x", plain, (np.float64, np.float32))


@pytest.mark.parametrize("value,expected,message", [
    (np.bool_(True), int, "x: has type bool, expected int"),
    (np.int64(1), float, "x: has type int, expected float"),
    (np.float32(1), int, "x: has type float, expected int"),
    (np.str_("1"), float, "x: has type str, expected float"),
    (np.array(1.0), float, "x: has type numpy.ndarray, expected float"),
    (1.0, (float, np.float64, np.float32, np.ndarray), None),
    (LyingNpStr("a"), str, "x: has type LyingNpStr, expected str"),
    (LyingFloat(1.0), (float, np.float64), "x: has type LyingFloat, expected float"),
    (LyingNpInt(1), int, "x: has type LyingNpInt, expected int"),
])
def test_check_type_rejects_other_kinds_and_subclasses(value, expected, message):
    if message is None:
        check_type("x", value, expected)
        return
    with pytest.raises(CheckFailure) as info:
        check_type("x", value, expected)
    assert str(info.value).splitlines()[0] == message


def test_check_compares_numpy_scalars_as_numbers_words_and_booleans():
    check("cost", np.float32(0.25), 0.25)
    check("cost", np.longdouble(0.25), 0.25)
    check("index", np.uint8(3), 3)
    check("word", np.str_("spanish"), "spanish")
    check("flag", np.bool_(False), False)
    check("pair", (np.str_("a"), np.int16(2)), ("a", 2))
    for bad, expected in [(np.str_("spain"), "spanish"), (np.bool_(True), 1.0),
                          (LyingNpStr("x"), "spanish"), (LyingStr("x"), "spanish"),
                          (np.float64(1.0), True), (LyingNpFloat(2.0), 0.5)]:
        with pytest.raises(CheckFailure):
            check("x", bad, expected, quiet=True)


# --- end to end: the same answer and the same message in the notebook and in the grader --------

# the kernel names the test cells below may look up (autograder.testcells)
GRADED = frozenset({"word", "cost", "index", "flag", "number_as_word", "index_as_bool",
                    "lying_word"})

@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    with KernelSession(tmp_path_factory.mktemp("k"), "c1w2a1_numpy_basics", timeout=10,
                       sandboxed=False) as k:
        result = k.run(
            "import numpy as np\n"
            "from utils.testing import check, check_type\n"
            "def word():\n    return np.array(['italian', 'spanish'])[np.argmax([0.1, 0.9])]\n"
            "def cost():\n    return np.float32(0.25)\n"
            "def index():\n    return np.argmax([0.1, 0.9])\n"
            "def flag():\n    return np.array([1, 2]).any()\n"
            "def number_as_word():\n    return np.str_('0.25')\n"
            "def index_as_bool():\n    return np.bool_(True)\n"
            "class Lying(np.str_):\n    def __eq__(self, other):\n        return True\n"
            "    __hash__ = np.str_.__hash__\n"
            "def lying_word():\n    return Lying('nonsense')\n")
        assert result.passed, result.message
        yield k


PASSING = [
    "check('word()', word(), 'spanish')", "check_type('word()', word(), str)",
    "check('cost()', cost(), 0.25)", "check_type('cost()', cost(), float)",
    "check('index()', index(), 1)", "check_type('index()', index(), int)",
    "check('flag()', flag(), True)", "check_type('flag()', flag(), bool)",
]
FAILING = [
    "check('number_as_word()', number_as_word(), 0.25)",
    "check_type('number_as_word()', number_as_word(), float)",
    "check('index_as_bool()', index_as_bool(), 1)",
    "check_type('index_as_bool()', index_as_bool(), int)",
    "check('lying_word()', lying_word(), 'spanish')",
    "check_type('lying_word()', lying_word(), str)",
]


@pytest.mark.parametrize("source", PASSING)
def test_numpy_scalar_answers_pass_in_the_notebook_and_in_the_grader(kernel, source):
    assert kernel.run(source).passed
    graded = kernel.test(source, GRADED)
    assert graded.passed, graded.message


@pytest.mark.parametrize("source", FAILING)
def test_wrong_types_fail_with_the_same_message_in_the_notebook_and_in_the_grader(kernel,
                                                                                    source):
    mine, graded = kernel.run(source), kernel.test(source, GRADED)
    assert not graded.passed and not mine.passed
    if "lying_word" in source and source.startswith("check("):
        # the notebook shows the object's own repr, the grader the handle's; the first line,
        # which says what is wrong, is the same
        assert graded.message.splitlines()[0] == mine.message.splitlines()[0]
    else:
        assert graded.message == mine.message
