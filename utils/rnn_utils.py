"""Elementwise helpers of the recurrent-network notebooks (given to students in c5w1a1).

Unlike ``utils.activations`` (whose functions return ``(A, cache)`` for the layer-by-layer
networks of course 1), these return the activation only, which is how the recurrent cells use
them.  Both work on arrays of any shape; ``softmax`` normalises each column (axis 0), because
examples are columns: a score matrix is ``(n_y, m)``.
"""
from __future__ import annotations

import numpy as np

__all__ = ["sigmoid", "softmax"]


def sigmoid(x):
    """Logistic sigmoid 1 / (1 + exp(-x)), elementwise, same shape as x.

    Computed without overflow warnings for large |x|.
    """
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))                        # in (0, 1], never overflows
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax(x):
    """Softmax over axis 0 (each column sums to 1), same shape as x.

    x -- scores, shape (n_y, m) (or (n_y,) for one example).  The column maximum is subtracted
    before exponentiating, so large scores do not overflow.
    """
    x = np.asarray(x, dtype=float)
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)
