"""Numerical gradient checking: the one finite-difference helper of the course.

The tests of every backward pass (``tests/``), the hidden tests and the notebooks use these
functions; none writes its own finite differences.

    num = numerical_gradient(lambda: cost(W), W)          # dJ/dW by centred differences
    relative_error(num, dW)                                # ||a - b|| / (||a|| + ||b||)
    worst = gradient_errors(cost, {"W": W, "b": b}, {"W": dW, "b": db})

c2w1a3_gradient_checking teaches gradient checking, so its graded sandbox does not hold this
module (see ``TAUGHT_IN``).
"""
from __future__ import annotations

from typing import Callable, Mapping

import numpy as np

__all__ = ["numerical_gradient", "relative_error", "gradient_errors"]

# The assignment whose exercises this module answers: its graded sandbox does not contain it.
TAUGHT_IN = ("c2w1a3_gradient_checking",)


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Centred differences of the scalar ``f()`` with respect to every entry of ``x``.

    Arguments:
    f -- a function of no arguments that reads ``x`` and returns a number
    x -- float array of any shape; each entry is moved by +-eps in place and put back

    Returns:
    grad -- array of x's shape: (f(x + eps e_i) - f(x - eps e_i)) / (2 eps) for every entry i
    """
    grad = np.zeros(x.shape, dtype=float)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        plus = float(f())
        x[i] = old - eps
        minus = float(f())
        x[i] = old
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a, b) -> float:
    """||a - b|| / (||a|| + ||b||) over all entries (0.0 when both are zero)."""
    a, b = np.ravel(np.asarray(a, dtype=float)), np.ravel(np.asarray(b, dtype=float))
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def gradient_errors(f: Callable[[], float], arrays: Mapping[str, np.ndarray],
                    grads: Mapping[str, np.ndarray], eps: float = 1e-6) -> dict[str, float]:
    """The relative error between ``grads[k]`` and the numerical gradient of ``f`` in ``arrays[k]``.

    ``f()`` must read the arrays (which are changed in place and put back), e.g. a closure over
    a parameters dict.  Returns ``{key: relative error}`` for every key of ``grads``.
    """
    return {k: relative_error(numerical_gradient(f, arrays[k], eps), grads[k]) for k in grads}
