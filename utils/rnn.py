"""The course's reference recurrent networks in NumPy, step by step (taught in c5w1a1).

Layout (course guide): examples are columns and time is the last axis, so a sequence ``x`` is
``(n_x, m, T_x)``, the hidden states ``a`` are ``(n_a, m, T_x)``, the predictions ``y`` are
``(n_y, m, T_x)``; one time step is ``x[:, :, t]`` of shape ``(n_x, m)``.  Python's index
``t = 0 .. T_x-1`` is the lecture's step ``<t+1>``; ``a0`` is ``a<0>``.

Basic RNN cell (parameters ``Wax (n_a, n_x)``, ``Waa (n_a, n_a)``, ``Wya (n_y, n_a)``,
``ba (n_a, 1)``, ``by (n_y, 1)``)::

    a<t> = tanh(Waa a<t-1> + Wax x<t> + ba)          y<t> = softmax(Wya a<t> + by)
    cache = (a_next, a_prev, xt, parameters)

LSTM cell (parameters ``Wf, Wi, Wc, Wo (n_a, n_a + n_x)``, ``bf, bi, bc, bo (n_a, 1)``,
``Wy (n_y, n_a)``, ``by (n_y, 1)``), on ``concat = [a<t-1>; x<t>]`` of shape ``(n_a + n_x, m)``
(the previous state on top)::

    ft = sigmoid(Wf concat + bf)    forget gate          it = sigmoid(Wi concat + bi)  update gate
    cct = tanh(Wc concat + bc)      candidate c~<t>      ot = sigmoid(Wo concat + bo)  output gate
    c<t> = ft * c<t-1> + it * cct   a<t> = ot * tanh(c<t>)   y<t> = softmax(Wy a<t> + by)
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)

The sequence functions return ``caches = (list of the T_x step caches, x)``.

What the backward passes differentiate.  ``L`` is a scalar loss.

* ``rnn_cell_backward(da_next, cache)``: ``da_next = dL/da<t>`` (everything that reaches
  ``a<t>``); returns ``dL/d`` of the cell's inputs and parameters: ``dxt, da_prev, dWax, dWaa,
  dba`` (the output layer ``Wya, by`` is not part of it).
* ``lstm_cell_backward(da_next, dc_next, cache)``: ``L`` seen as a function of the cell's two
  outputs ``a<t>`` and ``c<t>``; ``da_next = dL/da<t>`` and ``dc_next = dL/dc<t>`` are its
  partial derivatives (``dc_next`` is what reaches ``c<t>`` from later steps only; the cell adds
  the path ``c<t> -> a<t>`` itself).  Returns ``dxt, da_prev, dc_prev, dWf, dbf, dWi, dbi, dWc,
  dbc, dWo, dbo``.  To first order ``L = sum(da_next * a_next) + sum(dc_next * c_next)``.
* ``rnn_backward(da, caches)`` / ``lstm_backward(da, caches)``: ``L`` depends on the hidden
  states; ``da[:, :, t]`` is its partial derivative with respect to ``a<t>`` with the other
  hidden states held fixed (the direct dependence, e.g. through the prediction at step t).  To
  first order ``L = sum_t sum(da[:, :, t] * a<t>)``.  The functions back-propagate through time
  and return the total gradients ``dx`` ``(n_x, m, T_x)``, ``da0`` ``(n_a, m)`` and the
  parameters' gradients summed over the time steps.  The LSTM's ``c<0>`` is zero, not an input,
  so it has no gradient.

c5w1a1 teaches all eight functions, so its graded sandbox does not contain this module (see
``TAUGHT_IN``); the helpers ``sigmoid`` and ``softmax`` it gives its students live in
``utils.rnn_utils``.  Later notebooks import this module freely.
"""
from __future__ import annotations

import numpy as np

from utils.rnn_utils import sigmoid, softmax
from utils.testing import course_reference

# The assignment whose exercises this module answers: its graded sandbox does not contain it.
TAUGHT_IN = ("c5w1a1_rnn_step_by_step",)

__all__ = ["sigmoid", "softmax",
           "rnn_cell_forward", "rnn_forward", "lstm_cell_forward", "lstm_forward",
           "rnn_cell_backward", "rnn_backward", "lstm_cell_backward", "lstm_backward",
           "RNN_GRADIENT_KEYS", "LSTM_GRADIENT_KEYS",
           "random_rnn_parameters", "random_lstm_parameters"]

# The parameters each cell's backward pass differentiates (their gradients are "d" + name).
RNN_GRADIENT_KEYS = ("Wax", "Waa", "ba")
LSTM_GRADIENT_KEYS = ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo")


def random_rnn_parameters(rng, n_x, n_a, n_y, scale=1.0):
    """Standard-normal parameters of a basic RNN cell (for tests and demonstrations).

    rng -- np.random.Generator; scale multiplies Wax and Waa.
    Returns {"Wax": (n_a, n_x), "Waa": (n_a, n_a), "Wya": (n_y, n_a), "ba": (n_a, 1), "by": (n_y, 1)}.
    """
    return {"Wax": rng.normal(size=(n_a, n_x)) * scale,
            "Waa": rng.normal(size=(n_a, n_a)) * scale,
            "Wya": rng.normal(size=(n_y, n_a)), "ba": rng.normal(size=(n_a, 1)),
            "by": rng.normal(size=(n_y, 1))}


def random_lstm_parameters(rng, n_x, n_a, n_y, scale=1.0):
    """Standard-normal parameters of an LSTM cell (for tests and demonstrations).

    rng -- np.random.Generator; scale multiplies the four gate matrices.
    Returns {"Wf", "Wi", "Wc", "Wo": (n_a, n_a + n_x), "bf", "bi", "bc", "bo": (n_a, 1),
    "Wy": (n_y, n_a), "by": (n_y, 1)}.
    """
    p = {}
    for gate in "fico":
        p["W" + gate] = rng.normal(size=(n_a, n_a + n_x)) * scale
        p["b" + gate] = rng.normal(size=(n_a, 1))
    p["Wy"], p["by"] = rng.normal(size=(n_y, n_a)), rng.normal(size=(n_y, 1))
    return p


# --- basic RNN --------------------------------------------------------------------------------

@course_reference
def rnn_cell_forward(xt, a_prev, parameters):
    """One step of the basic RNN.

    xt -- input at step t, (n_x, m); a_prev -- hidden state a<t-1>, (n_a, m)
    parameters -- dict with Wax (n_a, n_x), Waa (n_a, n_a), Wya (n_y, n_a), ba (n_a, 1), by (n_y, 1)

    Returns a_next (n_a, m), yt_pred (n_y, m) and cache = (a_next, a_prev, xt, parameters).
    """
    a_next = np.tanh(parameters["Waa"] @ a_prev + parameters["Wax"] @ xt + parameters["ba"])
    yt_pred = softmax(parameters["Wya"] @ a_next + parameters["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


@course_reference
def rnn_forward(x, a0, parameters):
    """The basic RNN over a whole sequence.

    x -- (n_x, m, T_x); a0 -- a<0>, (n_a, m); parameters -- as for rnn_cell_forward

    Returns a (n_a, m, T_x), y_pred (n_y, m, T_x) and caches = ([cache of each step], x).
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    caches = []
    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)
    return a, y_pred, (caches, x)


@course_reference
def rnn_cell_backward(da_next, cache):
    """Backward pass of one basic RNN step.

    da_next -- dL/da<t>, (n_a, m); cache -- as returned by rnn_cell_forward

    Returns a dict: dxt (n_x, m), da_prev (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1).
    """
    a_next, a_prev, xt, parameters = cache
    dz = (1.0 - a_next ** 2) * da_next            # through tanh
    return {"dxt": parameters["Wax"].T @ dz,
            "da_prev": parameters["Waa"].T @ dz,
            "dWax": dz @ xt.T,
            "dWaa": dz @ a_prev.T,
            "dba": np.sum(dz, axis=1, keepdims=True)}


@course_reference
def rnn_backward(da, caches):
    """Backpropagation through time for the basic RNN.

    da -- (n_a, m, T_x): da[:, :, t] = partial dL/da<t> (the direct part, see the module doc)
    caches -- as returned by rnn_forward

    Returns a dict: dx (n_x, m, T_x), da0 (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1).
    """
    step_caches, x = caches
    n_x, m, T_x = x.shape
    n_a = da.shape[0]
    grads = {"dx": np.zeros((n_x, m, T_x)), "da0": None,
             "dWax": np.zeros((n_a, n_x)), "dWaa": np.zeros((n_a, n_a)), "dba": np.zeros((n_a, 1))}
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        g = rnn_cell_backward(da[:, :, t] + da_prevt, step_caches[t])
        grads["dx"][:, :, t] = g["dxt"]
        for k in ("dWax", "dWaa", "dba"):
            grads[k] += g[k]
        da_prevt = g["da_prev"]
    grads["da0"] = da_prevt
    return grads


# --- LSTM -------------------------------------------------------------------------------------

@course_reference
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One step of the LSTM.

    xt -- (n_x, m); a_prev -- a<t-1>, (n_a, m); c_prev -- c<t-1>, (n_a, m)
    parameters -- dict with Wf, Wi, Wc, Wo (n_a, n_a + n_x), bf, bi, bc, bo (n_a, 1),
                  Wy (n_y, n_a), by (n_y, 1); the gates read concat = [a_prev; xt]

    Returns a_next (n_a, m), c_next (n_a, m), yt_pred (n_y, m) and
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters).
    """
    p = parameters
    concat = np.concatenate([a_prev, xt], axis=0)
    ft = sigmoid(p["Wf"] @ concat + p["bf"])
    it = sigmoid(p["Wi"] @ concat + p["bi"])
    cct = np.tanh(p["Wc"] @ concat + p["bc"])
    ot = sigmoid(p["Wo"] @ concat + p["bo"])
    c_next = ft * c_prev + it * cct
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(p["Wy"] @ a_next + p["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p)


@course_reference
def lstm_forward(x, a0, parameters):
    """The LSTM over a whole sequence, starting from a<0> = a0 and c<0> = 0.

    x -- (n_x, m, T_x); a0 -- (n_a, m); parameters -- as for lstm_cell_forward

    Returns a (n_a, m, T_x), y (n_y, m, T_x), c (n_a, m, T_x) and
    caches = ([cache of each step], x).
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))
    caches = []
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, y, c, (caches, x)


@course_reference
def lstm_cell_backward(da_next, dc_next, cache):
    """Backward pass of one LSTM step.

    da_next -- dL/da<t>, (n_a, m); dc_next -- dL/dc<t> from the later steps, (n_a, m)
    cache -- as returned by lstm_cell_forward

    Returns a dict: dxt (n_x, m), da_prev (n_a, m), dc_prev (n_a, m), dWf, dWi, dWc, dWo
    (n_a, n_a + n_x), dbf, dbi, dbc, dbo (n_a, 1).
    """
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p = cache
    n_a = a_next.shape[0]
    tanh_c = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1.0 - tanh_c ** 2)      # all that reaches c<t>
    dzo = da_next * tanh_c * ot * (1.0 - ot)
    dzc = dc * it * (1.0 - cct ** 2)
    dzi = dc * cct * it * (1.0 - it)
    dzf = dc * c_prev * ft * (1.0 - ft)
    concat = np.concatenate([a_prev, xt], axis=0)
    grads = {}
    dconcat = 0.0
    for gate, dz in (("f", dzf), ("i", dzi), ("c", dzc), ("o", dzo)):
        grads["dW" + gate] = dz @ concat.T
        grads["db" + gate] = np.sum(dz, axis=1, keepdims=True)
        dconcat = dconcat + p["W" + gate].T @ dz
    return {"dxt": dconcat[n_a:], "da_prev": dconcat[:n_a], "dc_prev": dc * ft, **grads}


@course_reference
def lstm_backward(da, caches):
    """Backpropagation through time for the LSTM.

    da -- (n_a, m, T_x): da[:, :, t] = partial dL/da<t> (the direct part, see the module doc)
    caches -- as returned by lstm_forward

    Returns a dict: dx (n_x, m, T_x), da0 (n_a, m), dWf, dWi, dWc, dWo (n_a, n_a + n_x),
    dbf, dbi, dbc, dbo (n_a, 1).
    """
    step_caches, x = caches
    n_x, m, T_x = x.shape
    n_a = da.shape[0]
    grads = {"dx": np.zeros((n_x, m, T_x)), "da0": None}
    for gate in "fico":
        grads["dW" + gate] = np.zeros((n_a, n_a + n_x))
        grads["db" + gate] = np.zeros((n_a, 1))
    da_prevt, dc_prevt = np.zeros((n_a, m)), np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        g = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, step_caches[t])
        grads["dx"][:, :, t] = g["dxt"]
        for gate in "fico":
            grads["dW" + gate] += g["dW" + gate]
            grads["db" + gate] += g["db" + gate]
        da_prevt, dc_prevt = g["da_prev"], g["dc_prev"]
    grads["da0"] = da_prevt
    return grads
