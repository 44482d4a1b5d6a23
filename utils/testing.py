"""Checks that the notebooks' test cells call.

Every check either passes quietly (or prints one line saying what passed) or raises
:class:`CheckFailure`, an ``AssertionError`` whose message names the variable, shows what was
expected and what was found, and gives a hint.  nbgrader scores a test cell by whether it raised,
so a message is all a student sees: make it say what is wrong.  In a hidden test (the grader
runs it under :func:`hidden_tests`) a message shows the input and the student's value, never
the expected one.

The usual calls::

    check("s", s, expected)                      # any value: arrays, scalars, dicts, tuples
    check("dw", dw, expected_dw, hint="did you forget to divide by m?")
    check_type("params", params, dict)
    check_function("sigmoid", sigmoid, reference_sigmoid, random_inputs)   # hidden tests
    passed("sigmoid")                            # one line at the end of a test cell

Types are checked exactly: a subclass of ``np.ndarray`` or an object that overrides ``__eq__``
does not pass for an array, and a string does not pass for a number.  A NumPy scalar of an exact
NumPy type counts as the Python type it stands for (``np.float32`` as ``float``, ``np.int64`` as
``int``, ``np.str_`` as ``str``, ``np.bool_`` as ``bool``), as the grader receives it so.  Numbers in messages are
printed plainly (``0.25``, not ``np.float64(0.25)``).

Conventions for test-cell authors:

* **Call a graded function through** :func:`call` in visible tests:
  ``s = call("sigmoid", sigmoid, x)``.  A crash inside the student's function then fails with
  the usual message (the function, the exception, the input, the student's line and a hint),
  not with a bare NumPy traceback.  ``check_function`` does the same for hidden tests.
* **Composite functions** (``predict`` uses ``forward_propagation``, ``model`` uses
  ``optimize``...) wrap their visible checks in ``with depends_on("predict", needs(...), ...):``.
  When a check in the block fails, the earlier functions are tried on small fixed inputs; if
  one of them is wrong, the message says to fix that one first instead of blaming ``predict``.
* **Predictions** of a binary classifier are, everywhere in the course, a float array of
  ``0.`` and ``1.`` of shape ``(1, m)`` (``(A > 0.5).astype(float)``); booleans or integers are
  rejected with a hint that says how to convert.  Check them with :func:`check_predictions`.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import io
import linecache
import numbers
import os
import re
import traceback
import warnings
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Mapping, NamedTuple

import numpy as np

__all__ = [
    "CheckFailure", "check", "check_type", "check_shape", "check_function", "passed",
    "random_array", "course_reference", "reference_blocked", "call", "depends_on", "needs",
    "check_predictions", "framework", "TestAuthoringError",
]

# The Python type that each exact NumPy scalar type stands for.  When graded, the student's
# NumPy scalars reach the test as these Python values (autograder/plaindata.py), so checks treat
# a NumPy scalar as its Python kind, and say so in the same words in the notebook and the grader.
# Subclasses are not in this table: they never pass for the type they derive from.
_PYTHON_KIND: dict[type, type] = {np.bool_: bool, np.str_: str, np.bytes_: bytes}
_PYTHON_KIND.update({np.dtype(c).type: int for c in np.typecodes["AllInteger"]})
_PYTHON_KIND.update({np.dtype(c).type: float for c in np.typecodes["Float"]})
_PYTHON_KIND.update({np.dtype(c).type: complex for c in np.typecodes["Complex"]})


# Framework objects a test may make where the student's functions run (see ``framework``).
FRAMEWORK_OBJECTS = ("Tensor", "Input", "Model", "initializers.GlorotUniform",
                     "LSTM", "Dense", "Reshape",          # c5w1a3's shared layers
                     "Flatten", "UnitNormalization",      # with Dense: c4w4a1's probe encoders
                     "Adam")                              # c4w4a2's train_step
_FRAMEWORK_MAKER = None     # set by the grader's judge while it runs a test cell


def framework(name: str, *args, **kwargs):
    """A new object of the course framework (``utils.nn.<name>(*args, **kwargs)``, one of
    ``FRAMEWORK_OBJECTS``) made where the student's functions run: in the notebook, the
    object itself; when graded, the same object made in the student's kernel (a handle), so
    that the test can give it to a student's function, e.g. ``W = framework("Tensor", a,
    requires_grad=True)`` and read ``W.grad`` after ``result.backward()``.  What comes back
    from such an object is the student's side's word: compare it with the grader's own
    computation, never trust it by itself."""
    if name not in FRAMEWORK_OBJECTS:
        raise ValueError(f"framework(): {name!r} is not one of {FRAMEWORK_OBJECTS}")
    if _FRAMEWORK_MAKER is not None:
        return _FRAMEWORK_MAKER(name, args, kwargs)
    from utils import nn
    obj = nn
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj(*args, **kwargs)


class CheckFailure(AssertionError):
    """A test-cell check failed; the message is written for the student.

    IPython shows it as its message alone (``_render_traceback_``), in JupyterLab and in
    nbconvert/nbgrader outputs: the frames inside this module say nothing to a student, and a
    crash in the student's own code is already reported with their line by ``call``.
    """

    def _render_traceback_(self) -> list[str]:
        lines = str(self).splitlines() or [""]
        return [f"\x1b[0;31m{type(self).__name__}\x1b[0m: {lines[0]}", *lines[1:]]


def _plain(value: Any) -> Any:
    """``value`` with NumPy scalars turned into Python numbers (also inside lists, tuples, dicts),
    so that NumPy 2 prints ``0.25`` and not ``np.float64(0.25)``."""
    if isinstance(value, np.generic) and type(value) is not np.ndarray:
        try:
            return value.item()
        except (ValueError, TypeError):        # pragma: no cover - exotic dtypes
            return value
    if type(value) in (list, tuple):
        return type(value)(_plain(v) for v in value)
    if type(value) is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value


def _repr(value: Any) -> str:
    """``repr`` with plain numbers (see :func:`_plain`)."""
    try:
        return repr(_plain(value))
    except Exception:                          # a student's object whose repr fails
        return f"<{_type_of(value)} object>"


def _fmt(value: Any, limit: int = 6) -> str:
    """A short, readable rendering of a value for failure messages."""
    if isinstance(value, np.ndarray) and type(value) is np.ndarray:
        with np.printoptions(precision=8, threshold=limit * 2, edgeitems=limit // 2,
                             suppress=False, linewidth=100):
            return f"array of shape {value.shape}, dtype {value.dtype}:\n    " + \
                np.array2string(value).replace("\n", "\n    ")
    text = _repr(value)
    return text if len(text) <= 300 else text[:300] + " ..."


# --- hidden tests: messages that do not give the answer away --------------------------------------

_hidden = {"active": False}
_HIDDEN_NOTE = "  (a hidden test: it shows the input and your value, not the expected one)"
_HIDDEN_HINT = ("work an input like this one through the formula by hand (its shape, signs and "
                "size), and compare with what your function does step by step")


@contextmanager
def hidden_tests(active: bool = True) -> Iterator[None]:
    """Within this block, failure messages never show an expected value (nor a hint computed
    from it, nor how far off the value is): the input, the student's own value and a hint only.

    The grader runs the part of a test cell between ``### BEGIN HIDDEN TESTS`` and ``### END
    HIDDEN TESTS`` in it, so that a student who may resubmit cannot collect the hidden tests'
    answers from the feedback.  Visible tests show expected values (they are in the notebook).
    """
    previous = _hidden["active"]
    _hidden["active"] = bool(active)
    try:
        yield
    finally:
        _hidden["active"] = previous


def _set_hidden(active: bool) -> None:
    """Switch hidden-test messages on or off (the judge's markers; see :func:`hidden_tests`)."""
    _hidden["active"] = bool(active)


def _fail(name: str, problem: str, expected: Any = None, actual: Any = None,
          hint: str | None = None, show: bool = True) -> None:
    lines = [f"{name}: {problem}"]
    if show and _hidden["active"]:
        lines.append(f"  got:      {_fmt(actual)}")
        lines.append(_HIDDEN_NOTE)
        hint = hint or _HIDDEN_HINT
    elif show:
        lines.append(f"  expected: {_fmt(expected)}")
        lines.append(f"  got:      {_fmt(actual)}")
    if hint:
        lines.append(f"  hint: {hint}")
    lines += _known_mistake_lines(name, problem, actual, show)
    raise CheckFailure("\n".join(lines))


def _kind(t: type) -> type:
    """``t``, or the Python type that the exact NumPy scalar type ``t`` stands for."""
    return _PYTHON_KIND.get(t, t)


def _type_name(t: Any) -> str:
    if isinstance(t, tuple):
        names = [_type_name(x) for x in t]
        return " or ".join(n for i, n in enumerate(names) if n not in names[:i])
    t = _kind(t)
    return {np.ndarray: "numpy.ndarray"}.get(t, getattr(t, "__name__", str(t)))


def _type_of(value: Any) -> str:
    """The name of ``value``'s type as the student knows it: a NumPy scalar by its Python kind
    (``float`` for ``np.float32``), an object of the student's notebook by its own type."""
    t = type(value)
    if getattr(t, "__course_handle__", False):       # the grader's handle to such an object
        return str(object.__getattribute__(value, "_type"))
    return _type_name(t)


def check_type(name: str, actual: Any, expected_type: type | tuple, hint: str | None = None,
               quiet: bool = True) -> None:
    """Fail unless the type of ``actual`` is one of ``expected_type`` (a type or a tuple).

    Types are compared exactly, except that an exact NumPy scalar type counts as the Python type
    it stands for, on either side: ``float`` accepts ``float`` and ``np.float16/32/64`` (and
    ``np.longdouble``), ``int`` every NumPy integer type (not ``bool``), ``bool`` ``np.bool_``,
    ``str`` ``np.str_``, ``bytes`` ``np.bytes_``, ``complex`` the NumPy complex types; and
    ``np.float64`` in ``expected_type`` means ``float``.  A 0-d array is an ``np.ndarray``, not a
    number.  Subclasses are rejected on purpose (``class S(str)``, ``class F(np.float64)``), so
    that an object that fakes equality cannot pass.
    """
    allowed = expected_type if isinstance(expected_type, tuple) else (expected_type,)
    if _kind(type(actual)) not in {_kind(t) for t in allowed}:
        _fail(name, f"has type {_type_of(actual)}, expected {_type_name(expected_type)}",
              hint=_join_hints(hint, _type_hint(actual, allowed)), show=False)
    if not quiet:
        print(f"[pass] {name} is a {_type_name(type(actual))}")


def _type_hint(actual: Any, allowed: tuple) -> str | None:
    allowed = tuple(_kind(t) for t in allowed)
    if np.ndarray in allowed and isinstance(actual, (list, tuple)):
        return "build the result with NumPy operations (or np.array(...)), not a Python list"
    if isinstance(actual, np.ndarray) and type(actual) is not np.ndarray:
        return "return a plain numpy.ndarray (np.asarray(x) converts a subclass)"
    if float in allowed and isinstance(actual, np.ndarray):
        if actual.size == 1:
            return (f"this is an array of shape {actual.shape}, not a number: float(x) or "
                    "x.item() turns a 1-element array into one")
        return (f"this is an array of shape {actual.shape}, not a number: did you forget to "
                "sum over the examples?")
    if actual is None:
        return "did you forget the `return` statement?"
    if _type_of(actual) == "Tensor":
        return ("this is a framework Tensor: .item() gives the number inside a one-number "
                "Tensor, .numpy() its array")
    return None


def check_shape(name: str, actual: np.ndarray, shape: tuple, hint: str | None = None, *,
                multiplies: bool = False) -> None:
    """Fail unless ``actual`` is a plain ndarray of exactly ``shape``.  ``multiplies=True`` says
    that the function computes a matrix product, so a reversed shape suggests swapped operands."""
    check_type(name, actual, np.ndarray, hint=hint)
    if actual.shape != tuple(shape):
        _fail(name, f"has shape {actual.shape}, expected {tuple(shape)}",
              hint=_join_hints(hint, _shape_hint(actual.shape, tuple(shape), multiplies)),
              show=False)


def _shape_hint(got: tuple, want: tuple, multiplies: bool = False) -> str | None:
    """What the two shapes say for sure, and a guess only where the difference is the one that
    mistake makes: swapped operands only for a function that multiplies matrices (the test says
    so), keepdims only when exactly an axis of size 1 was dropped."""
    if got == want[::-1] and len(want) == 2 and want[0] != want[1]:
        if multiplies:
            return ("the result looks transposed: check the order of the operands (W @ X, not "
                    "X @ W) and the transposes")
        return "the two sizes are in the reverse order"
    if any(want[i] == 1 and want[:i] + want[i + 1:] == got for i in range(len(want))):
        return "a dimension of size 1 was lost: use keepdims=True or reshape"
    if any(got[i] == 1 and got[:i] + got[i + 1:] == want for i in range(len(got))):
        return "there is an extra dimension of size 1: check your reshape"
    if np.prod(got) == np.prod(want):
        return "the same number of entries in a different layout"
    return None


# Hints that say the same thing in other words: a later hint of a group is dropped when an
# earlier one (usually the author's) already touches that group.
_SAME_IDEA = [("wrong sign", "minus"), ("times the expected", "divide by m", "1/m", "factor"),
              ("astype(float)",)]


def _join_hints(*hints: str | None) -> str | None:
    """The author's hint first, then the guessed ones, without repeats."""
    kept: list[str] = []
    for h in hints:
        if not h or h in kept:
            continue
        low = h.lower()
        if any(any(k in low for k in group) and any(k in e.lower() for e in kept for k in group)
               for group in _SAME_IDEA):
            continue
        kept.append(h)
    return "; ".join(kept) or None


def _simple_ratio(r: float) -> bool:
    """A ratio worth naming for a single number: an integer or 1/integer (m, 1/m, 2, -1...).
    Any two numbers have some ratio, so for one number only these suggest a missing factor."""
    return any(abs(x) >= 1 and np.isclose(x, np.round(x), rtol=0, atol=1e-6)
               for x in (r, 1 / r if r else 0.0))


def _factor_names(r: float, factors: Mapping[str, float] | None) -> list[str]:
    """The known factors (the test's ``factors``, and 2) that explain a ratio ``r``: a factor
    missing (r = 1/f) or extra (r = f), or a division where a multiplication belongs (r = f^2
    or 1/f^2)."""
    known = {"a 2": 2.0, **{name: float(v) for name, v in (factors or {}).items() if v}}
    names = []
    for name, f in known.items():
        if any(np.isclose(r, x, rtol=1e-6, atol=0) for x in (f, 1 / f, f * f, 1 / (f * f))) \
                and not np.isclose(abs(f), 1.0):
            names.append(name)
    return names


def _values_hint(actual: np.ndarray, expected: np.ndarray,
                 factors: Mapping[str, float] | None = None) -> str | None:
    """What the difference between actual and expected shows: every value a fixed multiple of
    the expected one (naming the test's ``factors`` that explain it), reversed or reordered
    values.  Never in a hidden test: "2 times the expected one" would give the answer away."""
    if _hidden["active"]:
        return None
    a, e = actual.astype(float).ravel(), expected.astype(float).ravel()
    if a.size == 0:
        return None
    if a.size == 1 and float(a[0]).is_integer() and float(e[0]).is_integer():
        return None                            # counts and lengths: a ratio says nothing
    nz = np.abs(e) > 1e-12
    if nz.any() and np.all(np.abs(a[~nz]) < 1e-12):
        ratio = a[nz] / e[nz]
        if np.allclose(ratio, ratio[0], rtol=1e-6) and not np.isclose(ratio[0], 1.0) \
                and (a.size > 1 or _simple_ratio(ratio[0])):
            r = ratio[0]
            every = "every value" if a.size > 1 else "the value"
            if r == 0:
                return (f"{every} is zero: was something never computed, updated or "
                        "assigned?")
            if np.isclose(r, -1.0):
                return f"{every} has the wrong sign"
            names = _factor_names(r, factors)
            if names:
                return (f"{every} is {r:.6g} times the expected one: check a missing, extra "
                        f"or inverted factor ({' or '.join(names)})")
            return f"{every} is {r:.6g} times the expected one"
    if np.allclose(a, e[::-1]) and a.size > 1:
        return "the values are in reverse order"
    if np.allclose(np.sort(a), np.sort(e)) and a.size > 1:
        return "the right values in the wrong order: check which axis you used"
    return None


def _check_array(name, actual, expected, rtol, atol, hint, how):
    check_type(name, actual, np.ndarray, hint=hint)
    if actual.shape != expected.shape:
        transposed = (not _hidden["active"] and actual.ndim == 2 and
                      actual.shape == expected.shape[::-1] and actual.dtype.kind in "biuf" and
                      expected.dtype.kind in "biuf" and np.allclose(actual.T, expected,
                                                                    rtol=rtol, atol=atol))
        _fail(name, f"has shape {actual.shape}, expected {expected.shape}",
              hint=_join_hints(hint, "its values are the expected ones transposed" if transposed
                               else None, _shape_hint(actual.shape, expected.shape,
                                                      how.multiplies)), show=False)
    if expected.dtype.kind in "fc" and actual.dtype.kind not in "fc":
        guess = ("a comparison such as A > 0.5 gives booleans: convert them with "
                 ".astype(float)" if actual.dtype.kind == "b" else
                 "integer arithmetic truncates: work with floats (.astype(float))")
        _fail(name, f"has dtype {actual.dtype}, expected a floating-point array",
              hint=_join_hints(hint, guess), show=False)
    if expected.dtype.kind == "b" and actual.dtype.kind not in "bui":
        _fail(name, f"has dtype {actual.dtype}, expected booleans or 0/1 integers", hint=hint,
              show=False)
    if expected.dtype.kind in "biuf" and actual.dtype.kind in "biuf":
        if np.all(np.isfinite(expected)) and not np.all(np.isfinite(actual)):
            bad = int(np.size(actual) - np.count_nonzero(np.isfinite(actual)))
            _fail(name, f"contains {bad} NaN or infinite value(s)", expected, actual,
                  hint=_join_hints(hint, "look for a division by zero or log(0), or an "
                                         "overflow in exp"))
        if not np.allclose(actual, expected, rtol=rtol, atol=atol):
            worst = float(np.max(np.abs(actual.astype(float) - expected.astype(float))))
            _fail(name, "values differ from the reference" if _hidden["active"] else
                  f"values differ (largest difference {worst:.3g})", expected, actual,
                  hint=_join_hints(hint, _values_hint(actual, expected, how.factors)))
    elif not np.array_equal(actual, expected):
        _fail(name, "values differ", expected, actual, hint=hint)


def _check_number(name, actual, expected, rtol, atol, hint, how):
    shown = expected
    expected = float(expected)
    if type(actual) is np.ndarray and actual.ndim == 0:
        actual = actual[()]
    if _kind(type(actual)) not in (float, int):
        _fail(name, f"has type {_type_of(actual)}, expected a number",
              hint=_join_hints(hint, _type_hint(actual, (float,))), show=False)
    if not np.isfinite(actual) and np.isfinite(expected):
        _fail(name, "is not finite", shown, actual,
              hint=_join_hints(hint, "look for a division by zero or log(0)"))
    if not np.isclose(actual, expected, rtol=rtol, atol=atol):
        _fail(name, "has the wrong value", shown, actual,
              hint=_join_hints(hint, _values_hint(np.array([actual]), np.array([expected]),
                                                  how.factors)))


class _How(NamedTuple):
    """What a test says about the function it checks, for the hints: whether it multiplies
    matrices, and the factors (name -> value) it uses, such as {"1/m": 1 / m}."""
    multiplies: bool = False
    factors: Mapping[str, float] | None = None


def _compare(name, actual, expected, rtol, atol, hint, how: _How = _How()):
    if type(expected) is np.ndarray:
        _check_array(name, actual, expected, rtol, atol, hint, how)
    elif isinstance(expected, (bool, np.bool_)):
        if _kind(type(actual)) is not bool or bool(actual) != bool(expected):
            _fail(name, "has the wrong value", expected, actual, hint=hint)
    elif isinstance(expected, numbers.Real):
        _check_number(name, actual, expected, rtol, atol, hint, how)
    elif isinstance(expected, Mapping):
        check_type(name, actual, dict, hint=hint)
        missing = [k for k in expected if k not in actual]
        extra = [k for k in actual if k not in expected]
        if missing or extra:
            _fail(name, f"has the wrong keys (missing {missing}, unexpected {extra})",
                  sorted(map(str, expected)), sorted(map(str, actual)), hint=hint)
        for key in expected:
            _compare(f"{name}[{key!r}]", actual[key], expected[key], rtol, atol, hint, how)
    elif isinstance(expected, (tuple, list)):
        check_type(name, actual, type(expected), hint=hint)
        if len(actual) != len(expected):
            _fail(name, f"has {len(actual)} items, expected {len(expected)}", hint=hint,
                  show=False)
        for i, (a, e) in enumerate(zip(actual, expected)):
            _compare(f"{name}[{i}]", a, e, rtol, atol, hint, how)
    elif isinstance(expected, (str, bytes)):
        if _kind(type(actual)) is not _kind(type(expected)) or actual != expected:
            _fail(name, "has the wrong value", expected, actual, hint=hint)
    elif expected is None:
        if actual is not None:
            _fail(name, "should be None", None, actual, hint=hint)
    else:
        raise TypeError(f"check() cannot compare values of type {type(expected).__name__}")


def check(name: str, actual: Any, expected: Any, *, rtol: float = 1e-5, atol: float = 1e-8,
          hint: str | None = None, quiet: bool = False, multiplies: bool = False,
          factors: Mapping[str, float] | None = None) -> None:
    """Compare ``actual`` with ``expected``, recursively, and fail with a helpful message.

    Arrays must be plain ``np.ndarray`` of the same shape, a compatible dtype, finite where the
    expected values are finite, and close within ``rtol``/``atol``.  Numbers must be real numbers
    (a 0-d array counts).  Dicts must have the same keys, tuples and lists the same length; their
    items are compared in turn, and a failure names the item (``grads['dW1']``).

    The hints guess a mistake only from what the test says: ``multiplies=True`` when the value
    is a matrix product (a transposed shape then suggests swapped operands), ``factors`` the
    factors the computation uses by name (``{"1/m": 1 / m, "the learning rate": 0.01}``), so
    that "every value is 5 times the expected one" can name the one that fits.

    An expected value that is rounding noise (nonzero, below ``NOISE_FLOOR``) cannot be
    compared exactly: with ``atol`` below the floor, ``check`` raises
    :class:`TestAuthoringError`; check that the value is tiny instead.
    """
    _refuse_noise(name, expected, atol)
    _compare(name, actual, expected, rtol, atol, hint, _How(multiplies, factors))
    if not quiet:
        print(f"[pass] {name}" if _hidden["active"] else f"[pass] {name} = {_summary(expected)}")


NOISE_FLOOR = 1e-8


class TestAuthoringError(Exception):
    """The course's test is wrong, not the student's code (e.g. it compares rounding noise)."""


def _refuse_noise(name: str, expected: Any, atol: float) -> None:
    """Refuse an expected value that is rounding noise compared with a tolerance below the
    noise floor: its exact value depends on the order of floating-point operations, so a
    correct student's value differs (issue 14: "expected 5.3e-10, got 4.0e-10")."""
    if atol >= NOISE_FLOOR:
        return
    if isinstance(expected, Mapping):
        for key, value in expected.items():
            _refuse_noise(f"{name}[{key!r}]", value, atol)
        return
    if isinstance(expected, (tuple, list)):
        for i, value in enumerate(expected):
            _refuse_noise(f"{name}[{i}]", value, atol)
        return
    if isinstance(expected, (bool, np.bool_)) or not isinstance(expected, (numbers.Real,
                                                                          np.ndarray)):
        return
    values = np.abs(np.asarray(expected))
    if values.dtype.kind != "f":
        return
    noise = values[(values > 0) & (values < NOISE_FLOOR)]
    if noise.size:
        raise TestAuthoringError(
            f"check({name!r}): the expected value {float(noise[0]):.3g} is rounding noise (below "
            f"{NOISE_FLOOR:g}) compared with atol={atol:g}; its exact value depends on the order "
            f"of floating-point operations.  Check that it is tiny instead (e.g. "
            f"check({name!r}, abs(value) < {NOISE_FLOOR:g}, True)), or compare with "
            f"atol={NOISE_FLOOR:g}")


def _summary(value: Any) -> str:
    if type(value) is np.ndarray:
        if value.size <= 6:
            return np.array2string(value, precision=8, separator=", ").replace("\n", "")
        return f"array of shape {value.shape} (values match)"
    if isinstance(value, Mapping):
        return "dict with keys " + ", ".join(map(str, value))
    if isinstance(value, (tuple, list)):
        if len(value) <= 8 and all(isinstance(v, (str, numbers.Number)) for v in value):
            return _repr(value)
        return f"{type(value).__name__} of {len(value)} items (all match)"
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.8g}"
    return _repr(value)


def random_array(rng: np.random.Generator, *shape: int, low: float = -2.0,
                 high: float = 2.0) -> np.ndarray:
    """Uniform random floats in [low, high) of the given shape: a typical test input."""
    return rng.uniform(low, high, size=shape)


def check_function(name: str, student: Callable, reference: Callable,
                   make_inputs: Callable[[np.random.Generator], Any], *, trials: int = 5,
                   seed: int = 1, rtol: float = 1e-5, atol: float = 1e-8,
                   hint: str | None = None, multiplies: bool = False) -> None:
    """Compare ``student`` against ``reference`` on ``trials`` fresh random inputs.

    ``make_inputs(rng)`` returns the positional arguments as a tuple (or a dict of keyword
    arguments).  Each function gets its own deep copy of the inputs; a student function that
    changes its inputs in place fails with a message that says so.  ``multiplies`` as for
    :func:`check`; so is the refusal of a reference value that is rounding noise.
    """
    rng = np.random.default_rng(seed)
    for trial in range(trials):
        inputs = make_inputs(rng)
        args, kwargs = (((), inputs) if isinstance(inputs, dict) else (tuple(inputs), {}))
        expected = reference(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        _refuse_noise(f"{name}(...)", expected, atol)
        s_args, s_kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
        described = _describe_inputs(args, kwargs)
        where = f"on random input {trial + 1} of {trials}: {described}"
        try:
            with reference_blocked():
                actual = student(*s_args, **s_kwargs)
        except CheckFailure as failure:
            raise CheckFailure(f"{failure}\n  {where}") from None
        except Exception as exc:
            raise CheckFailure(_crash_message(name, exc, where, None, hint)) from exc
        try:
            _compare(f"{name}(...)", actual, expected, rtol, atol, hint, _How(multiplies))
        except CheckFailure as failure:
            raise CheckFailure(f"{failure}\n  {where}") from None
        for label, before, after in [(f"argument {i + 1}", b, a)
                                     for i, (b, a) in enumerate(zip(args, s_args))] + \
                [(f"argument {k!r}", kwargs[k], s_kwargs[k]) for k in kwargs]:
            changed = _changed_path(before, after)
            if changed is not None:
                raise CheckFailure(f"{name} changed its {label}{changed} in place; work on a "
                                   "copy (or build new arrays) instead")
    print(f"[pass] {name} matches the reference on {trials} random inputs")


def _changed_path(before: Any, after: Any, path: str = "") -> str | None:
    """Where ``after`` (the student's copy of an argument) differs from ``before``, or None."""
    if type(before) is np.ndarray:
        same = type(after) is np.ndarray and after.shape == before.shape and \
            np.array_equal(before, after, equal_nan=before.dtype.kind in "fc")
        return None if same else path
    if isinstance(before, Mapping):
        if not isinstance(after, Mapping) or set(before) != set(after):
            return path + " (its keys)"
        for key in before:
            found = _changed_path(before[key], after[key], f"{path}[{key!r}]")
            if found is not None:
                return found
        return None
    if isinstance(before, (list, tuple)):
        if not isinstance(after, (list, tuple)) or len(after) != len(before):
            return path + " (its length)"
        for i, (b, a) in enumerate(zip(before, after)):
            found = _changed_path(b, a, f"{path}[{i}]")
            if found is not None:
                return found
    return None


def _describe_inputs(args: tuple, kwargs: dict, limit: int = 240) -> str:
    parts = [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
    text = "(" + ", ".join(parts) + ")"
    return text if len(text) <= limit else text[:limit] + " ...)"


def _short(value: Any) -> str:
    if type(value) is np.ndarray:
        return f"array{value.shape}"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k!r}: {_short(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (tuple, list)) and len(value) > 4:
        return f"{type(value).__name__} of {len(value)}"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(_short(v) for v in value)
        return f"({inner}{',' if len(value) == 1 else ''})" if isinstance(value, tuple) \
            else f"[{inner}]"
    if not isinstance(value, (int, float, complex, str, bytes, np.generic)) and value is not None:
        # an object of another kind (a framework Tensor, a model, ...): by its type alone, as
        # the grader, which holds only a handle to the object in the student's kernel, sees it
        return f"<{_type_of(value)} object>"
    text = _repr(value)
    return text if len(text) <= 80 else text[:80] + " ..."


# --- crashes in the student's code ---------------------------------------------------------------

def _broadcast_hint(message: str) -> str:
    hint = ("two arrays have shapes that do not fit together (print their .shape on the line "
            "named above)")
    shapes = [tuple(int(n) for n in re.findall(r"\d+", inner))
              for inner in re.findall(r"\(([\d,\s]*)\)", message)]
    # keepdims only when a sum over one axis lost it: an (n,) next to an (n, k)
    if any(len(v) == 1 and len(a) == 2 and a[0] == v[0] != a[1] for v in shapes for a in shapes):
        hint += ("; a sum, mean or norm over axis 1 needs keepdims=True to stay a column (n, 1) "
                 "instead of (n,)")
    return hint


def _key_hint(message: str) -> str | None:
    key = message.strip().strip("'\"")
    if re.fullmatch(r"[vs]?d?[WbAZ]\d+", key):     # W1, b2, dW1, dA0, Z3 (and Adam's keys)
        return ("a dict has no such key: parameter keys look like 'W1', 'b1' (built with 'W' + "
                "str(l)) and gradient keys like 'dW1'; check the range of l and the spelling")
    return None


# (pattern in "ExceptionType: message", hint): the first match gives the guessed hint of a crash;
# a hint may be a function of the message (None when its condition does not hold).
_CRASH_HINTS = [
    (r"^NotImplementedError",
     "you have not written this function yet: replace `raise NotImplementedError()` with your "
     "code, run its cell, then run this test again"),
    (r"^TypeError: Cannot interpret .* as a data type",
     "np.zeros and np.ones take the shape as one tuple: np.zeros((n, m)), not np.zeros(n, m), "
     "whose second argument is read as the dtype"),
    (r"could not be broadcast together", _broadcast_hint),
    (r"matmul: Input operand|shapes .* not aligned|size \d+ is different from",
     "a matrix product of arrays whose inner sizes differ: check the order of the operands and "
     "the transposes (W @ A, not A @ W; dZ @ A_prev.T)"),
    (r"cannot reshape array",
     "the new shape must hold exactly as many entries as the array: compute it from the "
     "input's own shape"),
    (r"boolean index did not match",
     "a boolean mask and the array it indexes have different shapes: print both .shape"),
    (r"setting an array element with a sequence",
     "a tuple or list was used where an array or a number was expected: check how you unpack "
     "the values you are given"),
    (r"^IndexError.*list index out of range",
     "a list index is out of range: a list of n items has the indices 0 ... n - 1; check "
     "where your loop starts and stops"),
    (r"^IndexError",
     "an index is out of range: check the shape of the array you index, and where you start "
     "counting"),
    (r"^KeyError", _key_hint),
    (r"^UnboundLocalError",
     "a variable is used before it was given a value: an if/elif branch that did not run, or "
     "a loop that ran zero times?"),
    (r"^NameError",
     "a name is not defined: run the cells above this one (those that define it), and check "
     "the spelling"),
    (r"NoneType",
     "a value is None: did a function (yours or one it calls) forget its return statement?"),
    (r"only (length|size)-1 arrays can be converted|only 0-dimensional arrays can be "
     r"converted|must be real number, not",
     "math.exp, math.log and float() take one number: use np.exp, np.log, ... on arrays"),
    (r"cannot unpack|too many values to unpack|not enough values to unpack",
     "the number of values returned does not match the number unpacked: check what the "
     "called function returns (e.g. A, cache)"),
    (r"object is not subscriptable|object is not callable|has no attribute",
     "a value is not of the type the code expects (e.g. a tuple or list where an array is "
     "expected): print type(x) of the values on the line named above"),
    (r"^ZeroDivisionError",
     "a division by zero: is a count (m, a number of rows) zero?"),
    (r"^RecursionError",
     "the function calls itself without end: did you call the function you are writing "
     "instead of a helper?"),
    (r"^MemoryError",
     "the code asked for more memory than the grader allows: look for an array far larger "
     "than the data (an outer product or a broadcast of two long vectors?)"),
]


def crash_hint(ename: str, message: str) -> str | None:
    """A hint for an exception named ``ename`` with ``message`` (the same in the notebook and
    under the grader, where only the name and message of a crash cross over)."""
    text = f"{ename}: {message}"
    for pattern, hint in _CRASH_HINTS:
        if re.search(pattern, text):
            return hint(message) if callable(hint) else hint
    return None


class Crash(NamedTuple):
    """A crash in the student's code as a test sees it, in the notebook or under the grader
    (where the exception itself stays in the student's kernel): its type's name, message, the
    student's line(s) (:func:`_student_line`) and the names of its classes, most derived first."""
    ename: str
    message: str
    located: str | None
    kinds: tuple[str, ...]

    @classmethod
    def of(cls, exc: BaseException) -> "Crash":
        known = getattr(exc, "__course_crash__", None)    # a crash in the student's kernel
        if type(known) is cls:
            return known
        return cls(type(exc).__name__, str(exc), _student_line(exc),
                   tuple(c.__name__ for c in type(exc).__mro__))


def _for_crash(hint_for: Any, crash: Crash) -> bool:
    """Whether an author's crash hint written ``hint_for`` an exception applies to ``crash``:
    None (any exception), an exception class or tuple of classes (matched by name against the
    crash's classes, so that it works for a crash in the student's kernel too), or a regular
    expression searched in "ExceptionType: message"."""
    if hint_for is None:
        return True
    if isinstance(hint_for, str):
        return re.search(hint_for, f"{crash.ename}: {crash.message}") is not None
    classes = hint_for if isinstance(hint_for, tuple) else (hint_for,)
    return any(c.__name__ in crash.kinds for c in classes)


_NOT_REBUILT = {"BaseException", "Exception", "StopIteration", "StopAsyncIteration"}


def rebuilt_exception(crash: Crash) -> Exception:
    """An exception standing for ``crash``, a crash in the student's kernel, in the grader's
    process: of a class named as the student's, derived from the same built-in exception
    classes (so that ``except ValueError`` in a test cell catches it as in the notebook), whose
    ``str`` is the student's message.  A ``CheckFailure`` (e.g. the reference guard's) comes
    back as one.  Never a ``BaseException`` that is not an ``Exception``."""
    import builtins
    if crash.ename == "CheckFailure":
        exc: Exception = CheckFailure(crash.message)
    else:
        bases = [getattr(builtins, n) for n in crash.kinds if n not in _NOT_REBUILT and
                 isinstance(getattr(builtins, n, None), type) and
                 issubclass(getattr(builtins, n), Exception)]
        body = {"__str__": lambda self: self.args[0] if self.args else "",
                "__module__": "builtins"}
        cls = None
        for candidate in (tuple(bases), tuple(bases[:1]), (Exception,)):
            try:
                cls = type(crash.ename, candidate or (Exception,), body)
                exc = cls.__new__(cls, crash.message)
                exc.args = (crash.message,)
                break
            except TypeError:
                continue
    exc.__course_crash__ = crash
    return exc


def _is_library_file(filename: str) -> bool:
    """True for NumPy, the standard library and this package: not the student's code."""
    if not filename or filename.startswith("<frozen"):
        return True
    here = os.path.dirname(os.path.abspath(__file__))
    grader = os.path.join(os.path.dirname(here), "autograder")     # the grader's proxies
    path = os.path.abspath(filename)
    return ("site-packages" in path or "dist-packages" in path or path.startswith(here)
            or path.startswith(grader) or path.startswith(os.path.dirname(os.__file__)))


def _student_line(exc: BaseException) -> str | None:
    """Where the crash happened in the student's code: the outermost frame of their code (the
    function under test) and, if different, the innermost one (a helper it called)."""
    try:
        frames = traceback.extract_tb(exc.__traceback__)
    except Exception:                          # pragma: no cover - no traceback available
        return None
    mine = [f for f in frames if not _is_library_file(f.filename)]
    if not mine:
        return None

    def show(frame) -> str:
        line = (frame.line or linecache.getline(frame.filename, frame.lineno) or "").strip()
        return f"in {frame.name}, line {frame.lineno}" + (f": {line}" if line else "")

    if len(mine) == 1:
        return show(mine[0])
    return show(mine[0]) + "\n  which called ... " + show(mine[-1])


def _crash_message(name: str, exc: BaseException, where: str | None, hint: str | None,
                   value_hint: str | None = None, hint_for: Any = None) -> str:
    """The message of a crash in the student's code: the same text whether the exception was
    raised here (the notebook) or in the student's kernel (the grader; see :class:`Crash`)."""
    crash = Crash.of(exc)
    message = crash.message.strip().splitlines()
    first = message[0] if message else ""
    if len(first) > 300:
        first = first[:300] + " ..."
    lines = [f"{name} raised {crash.ename}" + (f": {first}" if first else "")]
    if where:
        lines.append(f"  {where}")
    if crash.located:
        lines.append(f"  {crash.located}")
    joined = _join_hints(hint if _for_crash(hint_for, crash) else None,
                         crash_hint(crash.ename, crash.message), value_hint)
    if joined:
        lines.append(f"  hint: {joined}")
    return "\n".join(lines)


def call(name: str, fn: Callable, *args: Any, hint: str | None = None, hint_for: Any = None,
         **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)``, with a crash turned into a :class:`CheckFailure` for the student.

    Visible tests call graded functions through it (``A2, cache = call("forward_propagation",
    forward_propagation, X, parameters)``).  If ``fn`` raises, the message names the function,
    the exception, the input, the line of the student's code where it happened and a hint: the
    author's ``hint`` first, then one guessed from the exception (a broadcasting error between
    (n,) and (n, k) suggests ``keepdims``, ``NotImplementedError`` says the function is not
    written yet, ...).  ``hint_for`` says which crashes the author's hint is for: an exception
    class or a tuple of them (``hint_for=ValueError``), or a regular expression searched in
    "ExceptionType: message"; other crashes do not show it.  The message is the same in the
    notebook and under the grader.  A :class:`CheckFailure` raised inside ``fn`` (e.g. by the
    reference guard) passes through.
    """
    try:
        value = fn(*args, **kwargs)
    except CheckFailure:
        raise
    except Exception as exc:
        _this_cell()["seq"].append(f"{name} raised {Crash.of(exc).ename}")   # no key matches
        where = f"when called with {_describe_inputs(args, kwargs)}"
        raise CheckFailure(_crash_message(name, exc, where, hint, hint_for=hint_for)) from None
    _record_call(name, value)
    return value


# --- composite functions: blame the earlier exercise that is wrong ------------------------------

class _Need:
    """One earlier graded function, a fixed input and the output it must give (see needs)."""

    def __init__(self, name, fn, args, kwargs, expected, select, rtol, atol):
        self.name, self.fn, self.args, self.kwargs = name, fn, args, kwargs
        self.expected, self.select, self.rtol, self.atol = expected, select, rtol, atol

    def problem(self) -> str | None:
        """None if the function gives the expected output, else the first line of what is wrong."""
        try:
            with reference_blocked(), np.errstate(all="ignore"), warnings.catch_warnings(), \
                    contextlib.redirect_stdout(io.StringIO()):
                warnings.simplefilter("ignore")
                out = self.fn(*copy.deepcopy(self.args), **copy.deepcopy(self.kwargs))
                if self.select is not None:
                    out = self.select(out)
                _compare(f"{self.name}(...)", out, self.expected, self.rtol, self.atol, None)
        except CheckFailure as failure:
            return str(failure).splitlines()[0]
        except Exception as exc:
            return f"{self.name} raised {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        return None


def needs(name: str, fn: Callable, *args: Any, expected: Any, select: Callable | None = None,
          rtol: float = 1e-5, atol: float = 1e-8, **kwargs: Any) -> _Need:
    """An earlier graded function that a composite function uses, for :func:`depends_on`.

    ``fn(*args, **kwargs)`` must give ``expected`` (compared like :func:`check`); ``select``
    picks the part of the result to compare (``select=lambda out: out[0]`` keeps ``A2`` of
    ``(A2, cache)``).  Use small fixed inputs and hard-coded expected values.
    """
    # copied now: the test may pass the same arrays to the function under test, which could
    # change them in place before the prerequisites are tried
    return _Need(name, fn, copy.deepcopy(args), copy.deepcopy(kwargs), copy.deepcopy(expected),
                 select, rtol, atol)


@contextmanager
def depends_on(user: str, *prerequisites: _Need) -> Iterator[None]:
    """Blame the right exercise when a composite function's test fails.

    ::

        with depends_on("predict", needs("forward_propagation", forward_propagation, X, params,
                                         expected=A2, select=lambda out: out[0])):
            check("predictions", call("predict", predict, params, X), expected)

    If a check inside the block fails (or anything in it raises), the prerequisites are tried
    in the order given, quietly.  If one gives a wrong result or crashes, the failure says
    "predict uses forward_propagation, which is not right yet: fix forward_propagation first";
    otherwise the original failure stands.  A composite function that passes is never failed
    because of its prerequisites.
    """
    try:
        yield
    except Exception as original:
        for need in prerequisites:
            problem = need.problem()
            if problem is not None:
                first = str(original).splitlines()[0] if str(original) else type(original).__name__
                raise CheckFailure(
                    f"{user} uses {need.name}, which is not right yet: fix {need.name} first "
                    f"(its test cell above says what is wrong)\n"
                    f"  {need.name} on a small fixed example: {problem}\n"
                    f"  (the failure in this test was: {first})") from None
        raise


# --- predictions of a binary classifier ---------------------------------------------------------

def check_predictions(name: str, predictions: Any, expected: np.ndarray, *,
                      hint: str | None = None, quiet: bool = False) -> None:
    """Check 0/1 predictions: the course's one rule is a float array of 0. and 1., shape (1, m).

    Booleans and integers fail with a hint to convert (``(A > 0.5).astype(float)``);
    probabilities (values other than 0 and 1) fail with a hint to compare with 0.5.  ``hint``
    is shown when the labels are wrong.
    """
    expected = np.asarray(expected, dtype=float)
    check_type(name, predictions, np.ndarray)
    if predictions.shape != expected.shape:
        _fail(name, f"has shape {predictions.shape}, expected {expected.shape}",
              hint=_join_hints(_shape_hint(predictions.shape, expected.shape),
                               "one prediction per example (column), as a row (1, m)"),
              show=False)
    if predictions.dtype.kind != "f":
        _fail(name, f"has dtype {predictions.dtype}, expected floats 0. and 1.",
              hint="predictions are float arrays in this course: convert with "
                   "(A > 0.5).astype(float)", show=False)
    if not np.all((predictions == 0) | (predictions == 1)):
        _fail(name, "holds values other than 0 and 1", expected, predictions,
              hint="predictions are the labels 0. and 1., not probabilities: compare the "
                   "probabilities with 0.5")
    _compare(name, predictions, expected, 0.0, 0.0, hint)
    if not quiet:
        print(f"[pass] {name}" if _hidden["active"] else f"[pass] {name} = {_summary(expected)}")


def passed(what: str) -> None:
    """Print the closing line of a test cell whose checks all passed."""
    print(f"All tests passed for {what}.")


# --- keeping the course's reference implementations out of the exercises that teach them ---

_blocked = {"active": False}


def course_reference(fn: Callable) -> Callable:
    """Mark a ``utils`` function as the course's reference answer to an exercise.

    Later notebooks call it freely.  Inside :func:`reference_blocked` (which the tests of the
    exercise that teaches it use) calling it fails, so a student function that merely
    delegates to the reference does not pass.
    """
    @functools.wraps(fn)
    def guarded(*args, **kwargs):
        if _blocked["active"]:
            raise CheckFailure(
                f"your code called {fn.__module__}.{fn.__name__}, the course's reference "
                "implementation; this exercise asks you to write it yourself")
        return fn(*args, **kwargs)
    del guarded.__wrapped__          # no back door to the unguarded function
    guarded.__course_reference__ = True
    return guarded


@contextmanager
def reference_blocked() -> Iterator[None]:
    """Within this block, functions marked with :func:`course_reference` refuse to run."""
    previous = _blocked["active"]
    _blocked["active"] = True
    try:
        yield
    finally:
        _blocked["active"] = previous


# --- naming a known mistake (issue 16) -----------------------------------------------------------
#
# A visible test's inputs are fixed, so a known mistake of the course's catalogue gives the same
# wrong values for every student.  ``course fingerprints`` (autograder/diagnosis.py) runs each
# mistake through its test cells and ships, next to the released notebook, one key per failing
# visible check: a hash of what the test cell had received from the graded functions through
# :func:`call` until then and of the failing value, every number rounded to 5 significant digits
# (well inside the checks' default ``rtol=1e-5``).  Only wrong answers are hashed, and nothing
# of the solution's code.  When a visible check fails with a key of that table, its message
# names the mistake.  The grader's process does the same with the same table (the judge sets
# it), so that the notebook and the feedback say the same.

KNOWN_MISTAKES_FILE = "known_mistakes.json"
_ROUND_BITS = 17                   # significant bits of a number in a key (about 5 digits)
_ZERO = 1e-8                       # |x| below this counts as 0 (the checks' default atol)
# The judge's state: "table" is the assignment's table ({} for none) once the grader set it,
# "cell" a counter of test cells (in a notebook the IPython execution count plays its part).
_KNOWN: dict = {"table": None, "cell": None, "loaded": {}}
_calls: dict = {"cell": object(), "seq": [], "first": None, "matched": None}


def _cell_key() -> Any:
    if _KNOWN["cell"] is not None:
        return _KNOWN["cell"]
    try:
        from IPython import get_ipython
        shell = get_ipython()
        return None if shell is None else shell.execution_count
    except Exception:                          # pragma: no cover - no IPython
        return None


def _this_cell() -> dict:
    """The calls recorded in the running cell (a new cell starts an empty record)."""
    key = _cell_key()
    if key != _calls["cell"]:
        _calls.update(cell=key, seq=[], first=None, matched=None)
    return _calls


def _round_floats(a: np.ndarray) -> bytes:
    """Float values rounded to ``_ROUND_BITS`` significant bits (a relative step of 8e-6),
    |x| < ``_ZERO`` as 0, as bytes (NaN and infinities kept apart)."""
    a = np.asarray(a, dtype=np.float64).ravel()
    finite = np.isfinite(a)
    v = np.where(finite & (np.abs(a) >= _ZERO), a, 0.0)
    mant, exp = np.frexp(v)
    mant = np.rint(mant * (1 << _ROUND_BITS)).astype(np.int64)
    top = np.abs(mant) == 1 << _ROUND_BITS     # 0.99999... rounded up: the next power of 2
    mant[top] //= 2
    exp[top] += 1
    special = np.where(np.isnan(a), 1, np.where(np.isposinf(a), 2, np.where(np.isneginf(a), 3, 0)))
    return mant.tobytes() + exp.astype(np.int16).tobytes() + special.astype(np.int8).tobytes()


def canonical(value: Any, depth: int = 0, exact: bool = False) -> str:
    """A value as a short text that is the same in the notebook and under the grader (which
    receives NumPy scalars as Python numbers, and objects as handles), with numbers rounded:
    equal for values that agree to about 5 significant digits.  ``exact``: arrays by their
    bytes (fast; for the arguments a call leaves behind, which are the grader's own unless
    the function changed them)."""
    import hashlib
    if depth > 20:
        return "..."
    if type(value) is np.ndarray:
        kind = value.dtype.kind
        if exact and kind in "biufc":
            body = np.ascontiguousarray(value).tobytes()
        elif kind in "fc":
            parts = [value.real, value.imag] if kind == "c" else [value]
            body = b"".join(_round_floats(p) for p in parts)
        elif kind in "biu":
            body = value.astype(np.int64).tobytes() if kind != "b" else value.tobytes()
        elif kind in "US":
            body = repr(value.tolist()).encode()
        else:
            body = "|".join(canonical(v, depth + 1, exact) for v in value.ravel().tolist()).encode()
        digest = hashlib.sha256(body).hexdigest()[:16]
        return f"a{kind}{value.shape}:{digest}"
    if isinstance(value, (bool, np.bool_)):
        return f"b:{bool(value)}"
    if isinstance(value, numbers.Integral):
        return f"i:{int(value)}"
    if isinstance(value, numbers.Real):
        return "f:" + _round_floats(np.array([float(value)])).hex()
    if isinstance(value, numbers.Complex):
        return "c:" + _round_floats(np.array([value.real, value.imag])).hex()
    if isinstance(value, (str, bytes)):
        return repr(value)[:200]
    if value is None:
        return "None"
    if isinstance(value, Mapping):
        items = sorted(((repr(k), canonical(v, depth + 1, exact)) for k, v in value.items()))
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        inner = ",".join(canonical(v, depth + 1, exact) for v in value)
        return ("(" + inner + ")") if isinstance(value, tuple) else ("[" + inner + "]")
    return f"<{_type_of(value)}>"


def _record_call(name: str, value: Any) -> None:
    """Remember what a graded function gave the running test cell (for the keys)."""
    try:
        _this_cell()["seq"].append(f"{name}={canonical(value)}")
    except Exception:                          # a value that cannot be read: no key then
        _this_cell()["seq"].append(f"{name}=?")


def failure_key(seq: list[str], name: str, problem: str, actual: Any, show: bool) -> str:
    """The key of a failing visible check: the calls before it and the failing value."""
    import hashlib
    what = canonical(actual) if show else problem
    text = "\n".join([*seq, f"failed {name}: {what}"])
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _known_table() -> dict:
    """The running assignment's table of known mistakes: the grader's, or the one released
    next to the notebook (``known_mistakes.json`` in the working directory), or none."""
    if _KNOWN["table"] is not None:
        return _KNOWN["table"]
    path = os.path.join(os.getcwd(), KNOWN_MISTAKES_FILE)
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        return {}
    cached = _KNOWN["loaded"].get(path)
    if cached is None or cached[0] != stamp:
        import json
        try:
            with open(path) as handle:
                table = json.load(handle)
        except (OSError, ValueError):
            table = {}
        _KNOWN["loaded"][path] = cached = (stamp, table if isinstance(table, dict) else {})
    return cached[1]


def mistake_lines(function: str, found: list) -> list[str]:
    """What a message says about the known mistakes ``found`` ({"says", "hint"} each) of
    ``function`` (the same words in the notebook and in the grader's feedback)."""
    if not found:
        return []
    if len(found) == 1:
        lines = [f"  `{function}` behaves exactly like a known mistake: "
                 f"{found[0]['says'].rstrip('.')}."]
    else:
        lines = [f"  `{function}` behaves exactly like {len(found)} known mistakes, which give "
                 "the same values here:"]
        lines += [f"    - {m['says'].rstrip('.')}." for m in found]
    for m in found:
        if m.get("hint"):
            lines.append(f"  hint for this mistake: {m['hint']}")
    return lines


def _known_mistake_lines(name: str, problem: str, actual: Any, show: bool) -> list[str]:
    """The lines that name a known mistake for a failing visible check, if its key is known.
    The first failing check of a cell is remembered (``course fingerprints`` reads it)."""
    if _hidden["active"]:
        return []
    try:
        cell = _this_cell()
        key = failure_key(cell["seq"], name, problem, actual, show)
        if cell["first"] is None:
            cell["first"] = key
        table = _known_table()
        found = [table["mistakes"][i] for i in table.get("keys", {}).get(key, [])]
    except Exception:                          # never let the diagnosis break a message
        return []
    if not found:
        return []
    if cell["matched"] is None:
        cell["matched"] = found
    return mistake_lines(found[0]["function"], found)
