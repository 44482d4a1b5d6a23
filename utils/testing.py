"""Checks that the notebooks' test cells call.

Every check either passes quietly (or prints one line saying what passed) or raises
:class:`CheckFailure`, an ``AssertionError`` whose message names the variable, shows what was
expected and what was found, and gives a hint.  nbgrader scores a test cell by whether it raised,
so a message is all a student sees: make it say what is wrong.

The usual calls::

    check("s", s, expected)                      # any value: arrays, scalars, dicts, tuples
    check("dw", dw, expected_dw, hint="did you forget to divide by m?")
    check_type("params", params, dict)
    check_function("sigmoid", sigmoid, reference_sigmoid, random_inputs)   # hidden tests
    passed("sigmoid")                            # one line at the end of a test cell

Types are checked exactly: a subclass of ``np.ndarray`` or an object that overrides ``__eq__``
does not pass for an array, and a string does not pass for a number.
"""
from __future__ import annotations

import copy
import functools
import numbers
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Mapping

import numpy as np

__all__ = [
    "CheckFailure", "check", "check_type", "check_shape", "check_function", "passed",
    "random_array", "course_reference", "reference_blocked",
]

# Exact types accepted where an exercise asks for a number.
_REAL_TYPES = (float, int, np.float64, np.float32, np.float16, np.int64, np.int32)


class CheckFailure(AssertionError):
    """A test-cell check failed; the message is written for the student."""


def _fmt(value: Any, limit: int = 6) -> str:
    """A short, readable rendering of a value for failure messages."""
    if isinstance(value, np.ndarray) and type(value) is np.ndarray:
        with np.printoptions(precision=8, threshold=limit * 2, edgeitems=limit // 2,
                             suppress=False, linewidth=100):
            return f"array of shape {value.shape}, dtype {value.dtype}:\n    " + \
                np.array2string(value).replace("\n", "\n    ")
    text = repr(value)
    return text if len(text) <= 300 else text[:300] + " ..."


def _fail(name: str, problem: str, expected: Any = None, actual: Any = None,
          hint: str | None = None, show: bool = True) -> None:
    lines = [f"{name}: {problem}"]
    if show:
        lines.append(f"  expected: {_fmt(expected)}")
        lines.append(f"  got:      {_fmt(actual)}")
    if hint:
        lines.append(f"  hint: {hint}")
    raise CheckFailure("\n".join(lines))


def _type_name(t: Any) -> str:
    if isinstance(t, tuple):
        return " or ".join(_type_name(x) for x in t)
    return {np.ndarray: "numpy.ndarray"}.get(t, getattr(t, "__name__", str(t)))


def check_type(name: str, actual: Any, expected_type: type | tuple, hint: str | None = None,
               quiet: bool = True) -> None:
    """Fail unless ``type(actual)`` is exactly ``expected_type`` (or one of a tuple of types).

    Subclasses are rejected on purpose, so that an object that fakes equality cannot pass.
    """
    allowed = expected_type if isinstance(expected_type, tuple) else (expected_type,)
    if type(actual) not in allowed:
        _fail(name, f"has type {type(actual).__name__}, expected {_type_name(expected_type)}",
              hint=hint or _type_hint(actual, allowed), show=False)
    if not quiet:
        print(f"[pass] {name} is a {_type_name(type(actual))}")


def _type_hint(actual: Any, allowed: tuple) -> str | None:
    if np.ndarray in allowed and isinstance(actual, (list, tuple)):
        return "build the result with NumPy operations (or np.array(...)), not a Python list"
    if isinstance(actual, np.ndarray) and type(actual) is not np.ndarray:
        return "return a plain numpy.ndarray (np.asarray(x) converts a subclass)"
    if float in allowed and isinstance(actual, np.ndarray):
        return "return a number: np.squeeze(x) or float(x) turns a 1-element array into one"
    if actual is None:
        return "did you forget the `return` statement?"
    return None


def check_shape(name: str, actual: np.ndarray, shape: tuple, hint: str | None = None) -> None:
    """Fail unless ``actual`` is a plain ndarray of exactly ``shape``."""
    check_type(name, actual, np.ndarray)
    if actual.shape != tuple(shape):
        _fail(name, f"has shape {actual.shape}, expected {tuple(shape)}",
              hint=hint or _shape_hint(actual.shape, tuple(shape)), show=False)


def _shape_hint(got: tuple, want: tuple) -> str | None:
    if got == want[::-1] and len(want) == 2:
        return "the result looks transposed: check the order of the operands (W @ X, not X @ W)"
    if any(want[i] == 1 and want[:i] + want[i + 1:] == got for i in range(len(want))):
        return "a dimension of size 1 was lost: use keepdims=True or reshape"
    if any(got[i] == 1 and got[:i] + got[i + 1:] == want for i in range(len(got))):
        return "there is an extra dimension of size 1: check your reshape"
    if np.prod(got) == np.prod(want):
        return "same number of entries but a different layout: check your reshape"
    if len(got) == 2 and len(want) == 2 and got[1] != want[1] and got[0] == want[0]:
        return "did you sum or average over the wrong axis, or forget keepdims=True?"
    return None


def _join_hints(*hints: str | None) -> str | None:
    """The author's hint first, then the guessed one, without repeats."""
    kept = [h for i, h in enumerate(hints) if h and h not in hints[:i]]
    return "; ".join(kept) or None


def _values_hint(actual: np.ndarray, expected: np.ndarray) -> str | None:
    """Guess a common mistake from how actual and expected differ."""
    a, e = actual.astype(float).ravel(), expected.astype(float).ravel()
    if a.size == 0:
        return None
    nz = np.abs(e) > 1e-12
    if nz.any() and np.all(np.abs(a[~nz]) < 1e-12):
        ratio = a[nz] / e[nz]
        if np.allclose(ratio, ratio[0], rtol=1e-6) and not np.isclose(ratio[0], 1.0):
            r = ratio[0]
            if np.isclose(r, -1.0):
                return "every value has the wrong sign"
            return (f"every value is {r:.6g} times the expected one: "
                    "check a missing or extra factor (e.g. 1/m, a learning rate, a 2)")
    if np.allclose(a, e[::-1]) and a.size > 1:
        return "the values are in reverse order"
    if np.allclose(np.sort(a), np.sort(e)) and a.size > 1:
        return "the right values in the wrong order: check which axis you used"
    return None


def _check_array(name, actual, expected, rtol, atol, hint):
    check_type(name, actual, np.ndarray, hint=hint)
    if actual.shape != expected.shape:
        _fail(name, f"has shape {actual.shape}, expected {expected.shape}",
              hint=_join_hints(hint, _shape_hint(actual.shape, expected.shape)), show=False)
    if expected.dtype.kind in "fc" and actual.dtype.kind not in "fc":
        _fail(name, f"has dtype {actual.dtype}, expected a floating-point array",
              hint=hint or "integer arithmetic truncates: work with floats", show=False)
    if expected.dtype.kind == "b" and actual.dtype.kind not in "bui":
        _fail(name, f"has dtype {actual.dtype}, expected booleans or 0/1 integers", hint=hint,
              show=False)
    if expected.dtype.kind in "biuf" and actual.dtype.kind in "biuf":
        if np.all(np.isfinite(expected)) and not np.all(np.isfinite(actual)):
            bad = int(np.size(actual) - np.count_nonzero(np.isfinite(actual)))
            _fail(name, f"contains {bad} NaN or infinite value(s)", expected, actual,
                  hint=hint or "look for a division by zero or log(0), or an overflow in exp")
        if not np.allclose(actual, expected, rtol=rtol, atol=atol):
            worst = float(np.max(np.abs(actual.astype(float) - expected.astype(float))))
            _fail(name, f"values differ (largest difference {worst:.3g})", expected, actual,
                  hint=hint or _values_hint(actual, expected))
    elif not np.array_equal(actual, expected):
        _fail(name, "values differ", expected, actual, hint=hint)


def _check_number(name, actual, expected, rtol, atol, hint):
    shown = expected
    expected = float(expected)
    if type(actual) is np.ndarray and actual.ndim == 0:
        actual = actual[()]
    if type(actual) not in _REAL_TYPES or isinstance(actual, bool):
        _fail(name, f"has type {type(actual).__name__}, expected a number", hint=hint or
              _type_hint(actual, (float,)), show=False)
    if not np.isfinite(actual) and np.isfinite(expected):
        _fail(name, "is not finite", shown, actual,
              hint=hint or "look for a division by zero or log(0)")
    if not np.isclose(actual, expected, rtol=rtol, atol=atol):
        _fail(name, "has the wrong value", shown, actual,
              hint=hint or _values_hint(np.array([actual]), np.array([expected])))


def _compare(name, actual, expected, rtol, atol, hint):
    if type(expected) is np.ndarray:
        _check_array(name, actual, expected, rtol, atol, hint)
    elif isinstance(expected, (bool, np.bool_)):
        if type(actual) not in (bool, np.bool_) or bool(actual) != bool(expected):
            _fail(name, "has the wrong value", expected, actual, hint=hint)
    elif isinstance(expected, numbers.Real):
        _check_number(name, actual, expected, rtol, atol, hint)
    elif isinstance(expected, Mapping):
        check_type(name, actual, dict, hint=hint)
        missing = [k for k in expected if k not in actual]
        extra = [k for k in actual if k not in expected]
        if missing or extra:
            _fail(name, f"has the wrong keys (missing {missing}, unexpected {extra})",
                  sorted(map(str, expected)), sorted(map(str, actual)), hint=hint)
        for key in expected:
            _compare(f"{name}[{key!r}]", actual[key], expected[key], rtol, atol, hint)
    elif isinstance(expected, (tuple, list)):
        check_type(name, actual, type(expected), hint=hint)
        if len(actual) != len(expected):
            _fail(name, f"has {len(actual)} items, expected {len(expected)}", hint=hint,
                  show=False)
        for i, (a, e) in enumerate(zip(actual, expected)):
            _compare(f"{name}[{i}]", a, e, rtol, atol, hint)
    elif isinstance(expected, str):
        if type(actual) is not str or actual != expected:
            _fail(name, "has the wrong value", expected, actual, hint=hint)
    elif expected is None:
        if actual is not None:
            _fail(name, "should be None", None, actual, hint=hint)
    else:
        raise TypeError(f"check() cannot compare values of type {type(expected).__name__}")


def check(name: str, actual: Any, expected: Any, *, rtol: float = 1e-5, atol: float = 1e-8,
          hint: str | None = None, quiet: bool = False) -> None:
    """Compare ``actual`` with ``expected``, recursively, and fail with a helpful message.

    Arrays must be plain ``np.ndarray`` of the same shape, a compatible dtype, finite where the
    expected values are finite, and close within ``rtol``/``atol``.  Numbers must be real numbers
    (a 0-d array counts).  Dicts must have the same keys, tuples and lists the same length; their
    items are compared in turn, and a failure names the item (``grads['dW1']``).
    """
    _compare(name, actual, expected, rtol, atol, hint)
    if not quiet:
        print(f"[pass] {name} = {_summary(expected)}")


def _summary(value: Any) -> str:
    if type(value) is np.ndarray:
        if value.size <= 6:
            return np.array2string(value, precision=8, separator=", ").replace("\n", "")
        return f"array of shape {value.shape} (values match)"
    if isinstance(value, Mapping):
        return "dict with keys " + ", ".join(map(str, value))
    if isinstance(value, (tuple, list)):
        if len(value) <= 8 and all(isinstance(v, (str, numbers.Number)) for v in value):
            return repr(value)
        return f"{type(value).__name__} of {len(value)} items (all match)"
    if isinstance(value, float):
        return f"{value:.8g}"
    return repr(value)


def random_array(rng: np.random.Generator, *shape: int, low: float = -2.0,
                 high: float = 2.0) -> np.ndarray:
    """Uniform random floats in [low, high) of the given shape: a typical test input."""
    return rng.uniform(low, high, size=shape)


def check_function(name: str, student: Callable, reference: Callable,
                   make_inputs: Callable[[np.random.Generator], Any], *, trials: int = 5,
                   seed: int = 1, rtol: float = 1e-5, atol: float = 1e-8,
                   hint: str | None = None) -> None:
    """Compare ``student`` against ``reference`` on ``trials`` fresh random inputs.

    ``make_inputs(rng)`` returns the positional arguments as a tuple (or a dict of keyword
    arguments).  Each function gets its own deep copy of the inputs; a student function that
    changes its inputs in place fails with a message that says so.
    """
    rng = np.random.default_rng(seed)
    for trial in range(trials):
        inputs = make_inputs(rng)
        args, kwargs = (((), inputs) if isinstance(inputs, dict) else (tuple(inputs), {}))
        expected = reference(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        s_args, s_kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
        described = _describe_inputs(args, kwargs)
        where = f"on random input {trial + 1} of {trials}: {described}"
        try:
            with reference_blocked():
                actual = student(*s_args, **s_kwargs)
        except CheckFailure as failure:
            raise CheckFailure(f"{failure}\n  {where}") from None
        except Exception as exc:
            raise CheckFailure(f"{name} raised {type(exc).__name__}: {exc}\n  {where}") from exc
        try:
            _compare(f"{name}(...)", actual, expected, rtol, atol, hint)
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


def _describe_inputs(args: tuple, kwargs: dict) -> str:
    parts = [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
    return "(" + ", ".join(parts) + ")"


def _short(value: Any) -> str:
    if type(value) is np.ndarray:
        return f"array{value.shape}"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k!r}: {_short(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (tuple, list)) and len(value) > 4:
        return f"{type(value).__name__} of {len(value)}"
    return repr(value)


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
