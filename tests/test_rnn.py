"""Tests of utils.rnn, the course's reference RNN and LSTM written step by step (c5w1a1), and of
utils.rnn_utils, the helpers that notebook gives.

Every forward pass is compared with the formulas written out here in a different way (stacked
weights, one example at a time), and every backward pass is gradient-checked in float64 with
``utils.gradcheck`` on random sizes.  The scalars checked follow the convention the module's
docstring states: ``sum(da_next * a_next) (+ sum(dc_next * c_next))`` for a cell and
``sum_t sum(da[:, :, t] * a<t>)`` for a sequence.
"""
from __future__ import annotations

import copy

import numpy as np
import pytest

from utils import rnn
from utils.gradcheck import gradient_errors
from utils.rnn_utils import sigmoid, softmax
from utils.testing import CheckFailure, reference_blocked

TOL = 1e-7


rnn_params = rnn.random_rnn_parameters
lstm_params = rnn.random_lstm_parameters


def sizes(rng):
    return tuple(int(v) for v in rng.integers(1, 5, size=4)) + (int(rng.integers(1, 6)),)


# --- helpers ----------------------------------------------------------------------------------

def test_sigmoid_and_softmax():
    x = np.array([[-1000.0, 0.0, 3.0], [1000.0, 2.0, -1.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        s = sigmoid(x)
        p = softmax(x)
    np.testing.assert_allclose(s, 1 / (1 + np.exp(-np.clip(x, -500, 500))), atol=1e-15)
    np.testing.assert_allclose(p.sum(axis=0), 1.0)
    np.testing.assert_allclose(p[:, 2], np.exp([3.0, -1.0]) / np.exp([3.0, -1.0]).sum())
    assert softmax(np.zeros(4)).shape == (4,)


# --- forward passes ---------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_rnn_cell_forward_stacked_weights(seed):
    rng = np.random.default_rng(seed)
    n_x, n_a, n_y, m, _ = sizes(rng)
    p = rnn_params(rng, n_x, n_a, n_y)
    xt, a_prev = rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m))
    a_next, y, cache = rnn.rnn_cell_forward(xt, a_prev, p)
    Wa = np.hstack([p["Waa"], p["Wax"]])                       # the lecture's W_a = [Waa | Wax]
    expected = np.tanh(Wa @ np.vstack([a_prev, xt]) + p["ba"])
    np.testing.assert_allclose(a_next, expected, rtol=1e-12)
    z = p["Wya"] @ expected + p["by"]
    np.testing.assert_allclose(y, np.exp(z) / np.exp(z).sum(axis=0), rtol=1e-12)
    assert cache[0] is a_next and cache[1] is a_prev and cache[2] is xt and cache[3] is p


@pytest.mark.parametrize("seed", range(4))
def test_rnn_forward_is_the_cell_repeated(seed):
    rng = np.random.default_rng(10 + seed)
    n_x, n_a, n_y, m, T = sizes(rng)
    p = rnn_params(rng, n_x, n_a, n_y)
    x, a0 = rng.normal(size=(n_x, m, T)), rng.normal(size=(n_a, m))
    a, y, (caches, x_cached) = rnn.rnn_forward(x, a0, p)
    assert a.shape == (n_a, m, T) and y.shape == (n_y, m, T) and len(caches) == T
    assert x_cached is x
    state = a0
    for t in range(T):
        state = np.tanh(p["Waa"] @ state + p["Wax"] @ x[:, :, t] + p["ba"])
        np.testing.assert_allclose(a[:, :, t], state, rtol=1e-12)
        np.testing.assert_array_equal(caches[t][1], a0 if t == 0 else a[:, :, t - 1])


@pytest.mark.parametrize("seed", range(4))
def test_lstm_cell_forward_one_example_at_a_time(seed):
    rng = np.random.default_rng(20 + seed)
    n_x, n_a, n_y, m, _ = sizes(rng)
    p = lstm_params(rng, n_x, n_a, n_y)
    xt, a_prev, c_prev = (rng.normal(size=(k, m)) for k in (n_x, n_a, n_a))
    a_next, c_next, y, cache = rnn.lstm_cell_forward(xt, a_prev, c_prev, p)
    assert len(cache) == 10 and cache[-1] is p and cache[8] is xt
    sig = lambda z: 1 / (1 + np.exp(-z))
    for i in range(m):
        v = np.concatenate([a_prev[:, i], xt[:, i]])
        f, u, o = (sig(p["W" + g] @ v + p["b" + g][:, 0]) for g in "fio")
        cand = np.tanh(p["Wc"] @ v + p["bc"][:, 0])
        c = f * c_prev[:, i] + u * cand
        np.testing.assert_allclose(c_next[:, i], c, rtol=1e-12)
        np.testing.assert_allclose(a_next[:, i], o * np.tanh(c), rtol=1e-12)
        np.testing.assert_allclose(cache[4][:, i], f, rtol=1e-12)
        np.testing.assert_allclose(cache[5][:, i], u, rtol=1e-12)
        np.testing.assert_allclose(cache[6][:, i], cand, rtol=1e-12)
        np.testing.assert_allclose(cache[7][:, i], o, rtol=1e-12)
    np.testing.assert_allclose(y.sum(axis=0), 1.0)


def test_lstm_forward_carries_c_and_starts_from_zero():
    rng = np.random.default_rng(3)
    p = lstm_params(rng, 3, 4, 2)
    x, a0 = rng.normal(size=(3, 5, 6)), rng.normal(size=(4, 5))
    a, y, c, (caches, _) = rnn.lstm_forward(x, a0, p)
    assert a.shape == c.shape == (4, 5, 6) and y.shape == (2, 5, 6)
    np.testing.assert_array_equal(caches[0][3], np.zeros((4, 5)))
    for t in range(1, 6):
        np.testing.assert_array_equal(caches[t][3], c[:, :, t - 1])
        np.testing.assert_array_equal(caches[t][2], a[:, :, t - 1])


def test_forget_gate_open_keeps_the_cell_state():
    # f = 1, u = 0: c<t> = c<t-1> exactly (to rounding), whatever the input
    rng = np.random.default_rng(4)
    p = lstm_params(rng, 2, 3, 2, scale=0.0)
    p["bf"][:] = 60.0
    p["bi"][:] = -60.0
    c_prev = rng.normal(size=(3, 4))
    _, c_next, _, _ = rnn.lstm_cell_forward(rng.normal(size=(2, 4)), rng.normal(size=(3, 4)),
                                            c_prev, p)
    np.testing.assert_allclose(c_next, c_prev, rtol=1e-12)


# --- backward passes: finite differences ------------------------------------------------------

@pytest.mark.parametrize("seed", range(6))
def test_rnn_cell_backward_gradcheck(seed):
    rng = np.random.default_rng(100 + seed)
    n_x, n_a, n_y, m, _ = sizes(rng)
    p = rnn_params(rng, n_x, n_a, n_y)
    xt, a_prev, da_next = rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m)), \
        rng.normal(size=(n_a, m))
    g = rnn.rnn_cell_backward(da_next, rnn.rnn_cell_forward(xt, a_prev, p)[2])
    assert set(g) == {"dxt", "da_prev", "dWax", "dWaa", "dba"}
    loss = lambda: float(np.sum(da_next * rnn.rnn_cell_forward(xt, a_prev, p)[0]))
    errors = gradient_errors(loss, {"dxt": xt, "da_prev": a_prev, "dWax": p["Wax"],
                                    "dWaa": p["Waa"], "dba": p["ba"]}, g)
    assert max(errors.values()) < TOL, errors


@pytest.mark.parametrize("seed", range(6))
def test_rnn_backward_gradcheck(seed):
    rng = np.random.default_rng(200 + seed)
    n_x, n_a, n_y, m, T = sizes(rng)
    p = rnn_params(rng, n_x, n_a, n_y, scale=0.7)
    x, a0, da = rng.normal(size=(n_x, m, T)), rng.normal(size=(n_a, m)), \
        rng.normal(size=(n_a, m, T))
    g = rnn.rnn_backward(da, rnn.rnn_forward(x, a0, p)[2])
    assert set(g) == {"dx", "da0", "dWax", "dWaa", "dba"}
    loss = lambda: float(np.sum(da * rnn.rnn_forward(x, a0, p)[0]))
    errors = gradient_errors(loss, {"dx": x, "da0": a0, "dWax": p["Wax"], "dWaa": p["Waa"],
                                    "dba": p["ba"]}, g)
    assert max(errors.values()) < TOL, errors


@pytest.mark.parametrize("seed", range(6))
def test_lstm_cell_backward_gradcheck(seed):
    rng = np.random.default_rng(300 + seed)
    n_x, n_a, n_y, m, _ = sizes(rng)
    p = lstm_params(rng, n_x, n_a, n_y)
    xt, a_prev, c_prev = (rng.normal(size=(k, m)) for k in (n_x, n_a, n_a))
    da_next, dc_next = rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m))
    g = rnn.lstm_cell_backward(da_next, dc_next, rnn.lstm_cell_forward(xt, a_prev, c_prev, p)[3])
    assert set(g) == {"dxt", "da_prev", "dc_prev", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc",
                      "dWo", "dbo"}

    def loss():
        a_next, c_next, _, _ = rnn.lstm_cell_forward(xt, a_prev, c_prev, p)
        return float(np.sum(da_next * a_next) + np.sum(dc_next * c_next))

    arrays = {"dxt": xt, "da_prev": a_prev, "dc_prev": c_prev}
    arrays.update({"d" + k: p[k] for k in rnn.LSTM_GRADIENT_KEYS})
    errors = gradient_errors(loss, arrays, g)
    assert max(errors.values()) < TOL, errors


@pytest.mark.parametrize("seed", range(6))
def test_lstm_backward_gradcheck(seed):
    rng = np.random.default_rng(400 + seed)
    n_x, n_a, n_y, m, T = sizes(rng)
    p = lstm_params(rng, n_x, n_a, n_y)
    x, a0, da = rng.normal(size=(n_x, m, T)), rng.normal(size=(n_a, m)), \
        rng.normal(size=(n_a, m, T))
    g = rnn.lstm_backward(da, rnn.lstm_forward(x, a0, p)[3])
    assert set(g) == {"dx", "da0", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"}
    loss = lambda: float(np.sum(da * rnn.lstm_forward(x, a0, p)[0]))
    arrays = {"dx": x, "da0": a0}
    arrays.update({"d" + k: p[k] for k in rnn.LSTM_GRADIENT_KEYS})
    errors = gradient_errors(loss, arrays, g)
    assert max(errors.values()) < TOL, errors


def test_sequence_backward_uses_the_cell_backward_convention():
    # T_x = 1: the sequence backward is the cell backward (with dc_next = 0 for the LSTM)
    rng = np.random.default_rng(7)
    p, q = rnn_params(rng, 3, 2, 2), lstm_params(rng, 3, 2, 2)
    x, a0, da = rng.normal(size=(3, 4, 1)), rng.normal(size=(2, 4)), rng.normal(size=(2, 4, 1))
    g = rnn.rnn_backward(da, rnn.rnn_forward(x, a0, p)[2])
    gc = rnn.rnn_cell_backward(da[:, :, 0], rnn.rnn_cell_forward(x[:, :, 0], a0, p)[2])
    np.testing.assert_allclose(g["dx"][:, :, 0], gc["dxt"])
    np.testing.assert_allclose(g["da0"], gc["da_prev"])
    g = rnn.lstm_backward(da, rnn.lstm_forward(x, a0, q)[3])
    gc = rnn.lstm_cell_backward(da[:, :, 0], np.zeros((2, 4)),
                                rnn.lstm_cell_forward(x[:, :, 0], a0, np.zeros((2, 4)), q)[3])
    np.testing.assert_allclose(g["dWf"], gc["dWf"])
    np.testing.assert_allclose(g["da0"], gc["da_prev"])


# --- contract ---------------------------------------------------------------------------------

def test_arguments_not_changed():
    rng = np.random.default_rng(8)
    p, q = rnn_params(rng, 3, 4, 2), lstm_params(rng, 3, 4, 2)
    x, a0, da = rng.normal(size=(3, 5, 4)), rng.normal(size=(4, 5)), rng.normal(size=(4, 5, 4))
    for forward, backward, params in ((rnn.rnn_forward, rnn.rnn_backward, p),
                                      (rnn.lstm_forward, rnn.lstm_backward, q)):
        before = copy.deepcopy((x, a0, da, params))
        caches = forward(x, a0, params)[-1]
        caches_before = copy.deepcopy(caches)
        backward(da, caches)
        for b, a in zip(before, (x, a0, da, params)):
            if isinstance(b, dict):
                for k in b:
                    np.testing.assert_array_equal(a[k], b[k])
            else:
                np.testing.assert_array_equal(a, b)
        for t, (cb, ca) in enumerate(zip(caches_before[0], caches[0])):
            for u, v in zip(cb[:-1], ca[:-1]):
                np.testing.assert_array_equal(u, v)


def test_module_is_taught_in_c5w1a1_and_blocked():
    assert rnn.TAUGHT_IN == ("c5w1a1_rnn_step_by_step",)
    rng = np.random.default_rng(9)
    p = rnn_params(rng, 2, 3, 2)
    with reference_blocked():
        with pytest.raises(CheckFailure, match="reference"):
            rnn.rnn_cell_forward(rng.normal(size=(2, 1)), rng.normal(size=(3, 1)), p)
        sigmoid(np.zeros(2))              # the given helpers are not answers
        softmax(np.zeros(2))
    for name in ("rnn_cell_forward", "rnn_forward", "lstm_cell_forward", "lstm_forward",
                 "rnn_cell_backward", "rnn_backward", "lstm_cell_backward", "lstm_backward"):
        assert getattr(rnn, name).__course_reference__


# --- the notebook's lesson --------------------------------------------------------------------

def _notebook_gradient_norms():
    """The notebook's own ``gradient_norms`` demo, run on the reference functions."""
    import json
    from pathlib import Path
    path = Path(__file__).resolve().parents[1] / "solutions" / "c5w1a1_rnn_step_by_step" / \
        "c5w1a1_rnn_step_by_step.ipynb"
    cells = json.loads(path.read_text())["cells"]
    source = next("".join(c["source"]) for c in cells
                  if c["cell_type"] == "code" and "def gradient_norms(" in "".join(c["source"]))
    source = source[:source.index("def plot_gradient_norms(")]
    env = {"np": np, "rnn_forward": rnn.rnn_forward, "rnn_backward": rnn.rnn_backward,
           "lstm_forward": rnn.lstm_forward, "lstm_backward": rnn.lstm_backward}
    exec(source, env)
    return env["gradient_norms"]


def test_the_notebooks_claims_about_vanishing_gradients():
    # What section 7's prose says: with the default sliders the RNN's gradient vanishes while the
    # LSTM's carries; large recurrent weights make the RNN's gradient explode; a forget bias of 0
    # lets the LSTM's gradient vanish too; a longer sequence makes the RNN's ratio smaller.
    gradient_norms = _notebook_gradient_norms()
    ratio = lambda norms, k: norms[k][0] / norms[k][-1]
    default = gradient_norms()
    assert ratio(default, "basic RNN") < 1e-8
    assert ratio(default, "LSTM") > 1e-2
    assert 0.5 < default["mean forget gate"] < 1.0
    assert ratio(gradient_norms(rnn_scale=3.0), "basic RNN") > 1e2
    assert ratio(gradient_norms(forget_bias=0.0), "LSTM") < 1e-8
    assert ratio(gradient_norms(T_x=100), "basic RNN") < ratio(gradient_norms(T_x=50), "basic RNN")
    assert gradient_norms(forget_bias=4.0)["mean forget gate"] > default["mean forget gate"]
