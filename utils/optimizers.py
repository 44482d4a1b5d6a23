"""The course's reference optimisers and mini-batching (taught in c2w2a1).

Notation (lecture notes, "Optimization algorithms"): parameters live in a dict
``{"W1", "b1", ..., "WL", "bL"}`` with ``W[l]`` of shape ``(n[l], n[l-1])`` and ``b[l]`` of shape
``(n[l], 1)``; gradients in a dict with keys ``"dW1", "db1", ...`` of the same shapes.  The
moving averages of the optimisers are dicts keyed like the gradients (``v["dW1"]`` has the
shape of ``W1``).  On iteration ``t = 1, 2, ...`` with learning rate ``alpha``:

    gradient descent   W = W - alpha dW
    momentum           v_dW = beta v_dW + (1 - beta) dW;          W = W - alpha v_dW
    Adam               v_dW = beta1 v_dW + (1 - beta1) dW          (first moment)
                       s_dW = beta2 s_dW + (1 - beta2) dW**2       (second moment, elementwise)
                       v_corr = v_dW / (1 - beta1**t);  s_corr = s_dW / (1 - beta2**t)
                       W = W - alpha v_corr / (sqrt(s_corr) + epsilon)

and the same for every ``b``.  Learning-rate decay, with the epoch number counted from 0:

    update_lr          alpha = alpha0 / (1 + decay_rate * epoch_num)
    schedule_lr_decay  alpha = alpha0 / (1 + decay_rate * floor(epoch_num / time_interval))

None of these functions changes its arguments: each returns new dicts and new arrays.

Every function here is an answer of c2w2a1 and is marked with
:func:`utils.testing.course_reference`, so it refuses to run inside that assignment's tests; the
assignment's graded sandbox does not contain this module at all (``TAUGHT_IN``).  Later
notebooks import it freely.
"""
from __future__ import annotations

import math

import numpy as np

from utils.testing import course_reference

# The assignment whose exercises this module answers: its graded sandbox does not contain it.
TAUGHT_IN = ("c2w2a1_optimization",)

__all__ = [
    "update_parameters_with_gd", "random_mini_batches",
    "initialize_velocity", "update_parameters_with_momentum",
    "initialize_adam", "update_parameters_with_adam",
    "update_lr", "schedule_lr_decay",
]


def _layers(parameters):
    """Number of layers L of a parameter dict {"W1", "b1", ..., "WL", "bL"}."""
    return len(parameters) // 2


def _keys(parameters):
    L = _layers(parameters)
    return [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]


@course_reference
def update_parameters_with_gd(parameters, grads, learning_rate):
    """One step of (mini-batch) gradient descent: W[l] = W[l] - alpha dW[l], same for b[l].

    parameters: {"W1": (n[1], n[0]), "b1": (n[1], 1), ..., "WL", "bL"}.
    grads: {"dW1", "db1", ..., "dWL", "dbL"}, same shapes.  learning_rate: alpha.
    Returns a new parameter dict; the arguments are not modified.
    """
    return {key: parameters[key] - learning_rate * grads["d" + key] for key in _keys(parameters)}


@course_reference
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle the examples (columns) of X and Y together and cut them into mini-batches.

    X: (n_x, m).  Y: (1, m) (any number of rows works).  mini_batch_size: examples per batch.
    Calls ``np.random.seed(seed)``, then ``permutation = np.random.permutation(m)`` once, and
    applies that one permutation to the columns of X and of Y.  Batch k (k = 0, 1, ...) holds
    the shuffled columns k * mini_batch_size ... (k + 1) * mini_batch_size - 1; there are
    floor(m / mini_batch_size) full batches, followed, when mini_batch_size does not divide m,
    by one smaller batch with the remaining m % mini_batch_size columns.
    Returns a list of (mini_batch_X (n_x, size), mini_batch_Y (1, size)) tuples.
    """
    np.random.seed(seed)
    m = X.shape[1]
    permutation = np.random.permutation(m)
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]
    mini_batches = []
    num_complete = m // mini_batch_size
    for k in range(num_complete):
        cols = slice(k * mini_batch_size, (k + 1) * mini_batch_size)
        mini_batches.append((shuffled_X[:, cols], shuffled_Y[:, cols]))
    if m % mini_batch_size != 0:
        cols = slice(num_complete * mini_batch_size, m)
        mini_batches.append((shuffled_X[:, cols], shuffled_Y[:, cols]))
    return mini_batches


def _zeros_like_grads(parameters):
    return {"d" + key: np.zeros_like(parameters[key], dtype=float) for key in _keys(parameters)}


@course_reference
def initialize_velocity(parameters):
    """Momentum's velocity, all zeros: v["dW" + str(l)] like W[l], v["db" + str(l)] like b[l].

    parameters: {"W1", "b1", ..., "WL", "bL"}.  Returns the dict v.
    """
    return _zeros_like_grads(parameters)


@course_reference
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """One step of gradient descent with momentum.

    parameters: {"W1", "b1", ...}.  grads: {"dW1", "db1", ...}.  v: the velocity, keyed like
    grads.  beta: the momentum (0 <= beta < 1).  learning_rate: alpha.
        v_dW = beta v_dW + (1 - beta) dW,  W = W - alpha v_dW   (and the same for b)
    Returns (parameters, v): new dicts; the arguments are not modified.
    """
    new_parameters, new_v = {}, {}
    for key in _keys(parameters):
        new_v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
        new_parameters[key] = parameters[key] - learning_rate * new_v["d" + key]
    return new_parameters, new_v


@course_reference
def initialize_adam(parameters):
    """Adam's two moving averages, all zeros, keyed like the gradients ("dW1", "db1", ...).

    parameters: {"W1", "b1", ..., "WL", "bL"}.  Returns (v, s).
    """
    return _zeros_like_grads(parameters), _zeros_like_grads(parameters)


@course_reference
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9,
                                beta2=0.999, epsilon=1e-8):
    """One step of Adam.

    parameters: {"W1", "b1", ...}.  grads: {"dW1", "db1", ...}.  v, s: the moving averages of
    the gradients and of their squares, keyed like grads.  t: the number of this step, counted
    from 1 (it enters the bias correction).  learning_rate: alpha.
        v = beta1 v + (1 - beta1) dW            v_corrected = v / (1 - beta1**t)
        s = beta2 s + (1 - beta2) dW**2         s_corrected = s / (1 - beta2**t)
        W = W - alpha v_corrected / (sqrt(s_corrected) + epsilon)
    Returns (parameters, v, s, v_corrected, s_corrected): new dicts (the last four keyed like
    grads); the arguments are not modified.
    """
    new_parameters, new_v, new_s, v_corrected, s_corrected = {}, {}, {}, {}, {}
    for key in _keys(parameters):
        g = "d" + key
        new_v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
        new_s[g] = beta2 * s[g] + (1 - beta2) * np.square(grads[g])
        v_corrected[g] = new_v[g] / (1 - beta1 ** t)
        s_corrected[g] = new_s[g] / (1 - beta2 ** t)
        new_parameters[key] = parameters[key] - learning_rate * v_corrected[g] / (
            np.sqrt(s_corrected[g]) + epsilon)
    return new_parameters, new_v, new_s, v_corrected, s_corrected


@course_reference
def update_lr(learning_rate0, epoch_num, decay_rate):
    """Learning rate decayed every epoch: alpha0 / (1 + decay_rate * epoch_num)."""
    return learning_rate0 / (1 + decay_rate * epoch_num)


@course_reference
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """Learning rate decayed in steps: alpha0 / (1 + decay_rate * floor(epoch_num / time_interval)).

    The rate stays constant for ``time_interval`` epochs at a time.
    """
    return learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))
