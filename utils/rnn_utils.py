"""Elementwise helpers of the recurrent-network notebooks (given to students in c5w1a1).

Unlike ``utils.activations`` (whose functions return ``(A, cache)`` for the layer-by-layer
networks of course 1), these return the activation only, which is how the recurrent cells use
them.  Both work on arrays of any shape; ``softmax`` normalises each column (axis 0), because
examples are columns: a score matrix is ``(n_y, m)``.
"""
from __future__ import annotations

import numpy as np

__all__ = ["sigmoid", "softmax", "example_backward"]


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


_RNN_CACHE = ("a_next", "a_prev", "xt")
_LSTM_CACHE = ("a_next", "c_next", "a_prev", "c_prev", "ft", "it", "cct", "ot", "xt")


def example_backward(exercise):
    """The upstream gradient(s) and cache(s) a visible backward test of c5w1a1 starts from.

    exercise -- "rnn_cell_backward", "rnn_backward", "lstm_cell_backward" or "lstm_backward"

    Returns the arguments of that function: (da_next, cache), (da, caches),
    (da_next, dc_next, cache) or (da, caches), with caches shaped as the forward functions
    return them.  They were made once by the course's forward passes on fixed inputs
    (datasets/rnn_caches.h5, built by datasets/build_rnn_caches.py), so a backward test does
    not depend on your forward functions.
    """
    from utils.data import load_dataset

    prefix = exercise + "__"
    data = {k[len(prefix):]: v for k, v in load_dataset("rnn_caches").items()
            if k.startswith(prefix)}
    if not data:
        raise ValueError(f"no example for {exercise!r}: try rnn_cell_backward, rnn_backward, "
                         "lstm_cell_backward or lstm_backward")
    parameters = {k[2:]: v for k, v in data.items() if k.startswith("p_")}
    names = _LSTM_CACHE if exercise.startswith("lstm") else _RNN_CACHE
    if exercise.endswith("cell_backward"):
        cache = tuple(data[n] for n in names) + (parameters,)
        grads = (data["da_next"], data["dc_next"]) if exercise.startswith("lstm") \
            else (data["da_next"],)
        return grads + (cache,)
    steps = [tuple(data[n][..., t] for n in names) + (parameters,)
             for t in range(data["xt"].shape[-1])]
    return data["da"], (steps, data["xt"])
