"""Unit tests of utils.char_rnn (the character-level RNN given in c5w1a2) and utils.char_lm
(its answers: clip, sample, optimize, model), and of the names corpus they train on.

The backward pass through time is checked against centred finite differences (utils.gradcheck)
of the loss that rnn_forward computes.
"""
from __future__ import annotations

import copy

import numpy as np
import pytest

from utils import char_lm, char_rnn
from utils.data import load_dataset
from utils.gradcheck import gradient_errors, numerical_gradient, relative_error
from utils.testing import CheckFailure, reference_blocked

TOL = 1e-7


def random_parameters(rng, n_a, vocab_size, scale=0.5):
    return {"Wax": rng.normal(size=(n_a, vocab_size)) * scale,
            "Waa": rng.normal(size=(n_a, n_a)) * scale,
            "Wya": rng.normal(size=(vocab_size, n_a)) * scale,
            "b": rng.normal(size=(n_a, 1)) * scale,
            "by": rng.normal(size=(vocab_size, 1)) * scale}


def random_example(rng, vocab_size, length):
    ix = [int(i) for i in rng.integers(1, vocab_size, size=length)]
    X = [None] + ix
    return X, X[1:] + [0]


def test_softmax_columns_sum_to_one_and_do_not_overflow():
    z = np.array([[1000.0, -3.0], [1001.0, 0.0], [999.0, 2.0]])
    p = char_rnn.softmax(z)
    assert np.all(np.isfinite(p)) and np.allclose(p.sum(axis=0), 1.0)
    assert np.allclose(p[:, 1], np.exp(z[:, 1]) / np.exp(z[:, 1]).sum())


def test_initialize_parameters_shapes_and_seed():
    p = char_rnn.initialize_parameters(5, 7, 7)
    assert {k: v.shape for k, v in p.items()} == {
        "Wax": (5, 7), "Waa": (5, 5), "Wya": (7, 5), "b": (5, 1), "by": (7, 1)}
    np.random.seed(1)
    assert np.array_equal(p["Wax"], np.random.randn(5, 7) * 0.01)
    assert not p["b"].any() and not p["by"].any()


def test_initial_loss_is_uniform_guessing():
    assert char_rnn.get_initial_loss(27, 7) == pytest.approx(7 * np.log(27))
    assert char_rnn.smooth(10.0, 20.0) == pytest.approx(10.01)


@pytest.mark.parametrize("seed", range(3))
def test_rnn_forward_loss_is_summed_cross_entropy(seed):
    rng = np.random.default_rng(seed)
    params = random_parameters(rng, 4, 6)
    X, Y = random_example(rng, 6, 5)
    a0 = rng.normal(size=(4, 1))
    loss, (y_hat, a, x) = char_rnn.rnn_forward(X, Y, a0, params, 6)
    a_prev, expected = a0, 0.0
    for t in range(len(X)):
        xt = np.zeros((6, 1))
        if X[t] is not None:
            xt[X[t]] = 1
        a_prev = np.tanh(params["Wax"] @ xt + params["Waa"] @ a_prev + params["b"])
        z = params["Wya"] @ a_prev + params["by"]
        expected += -(z[Y[t], 0] - np.log(np.exp(z).sum()))
        assert np.allclose(a[t], a_prev)
    assert loss == pytest.approx(expected)
    assert np.array_equal(a[-1], a0) and not x[0].any()


@pytest.mark.parametrize("seed", range(4))
def test_rnn_backward_gradcheck(seed):
    rng = np.random.default_rng(seed)
    n_a, vocab = int(rng.integers(2, 6)), int(rng.integers(3, 8))
    params = random_parameters(rng, n_a, vocab)
    X, Y = random_example(rng, vocab, int(rng.integers(1, 7)))
    a0 = rng.normal(size=(n_a, 1)) * 0.5
    before = copy.deepcopy(params)
    loss, cache = char_rnn.rnn_forward(X, Y, a0, params, vocab)
    grads, a = char_rnn.rnn_backward(X, Y, params, cache)
    assert set(grads) == set(char_rnn.GRADIENT_KEYS)
    errors = gradient_errors(lambda: char_rnn.rnn_forward(X, Y, a0, params, vocab)[0],
                             params, {k[1:]: v for k, v in grads.items()})
    assert max(errors.values()) < TOL, errors
    for key in before:
        assert np.array_equal(before[key], params[key])


def test_rnn_step_backward_gradcheck_of_da_prev():
    rng = np.random.default_rng(7)
    params = random_parameters(rng, 3, 4)
    x = np.zeros((4, 1))
    x[2] = 1
    a_prev = rng.normal(size=(3, 1))
    G = rng.normal(size=(4, 1))          # a linear loss of the logits: d loss / d logits = G
    H = rng.normal(size=(3, 1))          # and of the new state: d loss / d a = H

    def loss():
        a_next = np.tanh(params["Wax"] @ x + params["Waa"] @ a_prev + params["b"])
        return float(np.sum(G * (params["Wya"] @ a_next + params["by"])) + np.sum(H * a_next))

    a_next, _ = char_rnn.rnn_step_forward(params, a_prev, x)
    zeros = {k: np.zeros_like(params[k[1:]]) for k in char_rnn.GRADIENT_KEYS}
    grads, da_prev = char_rnn.rnn_step_backward(G, zeros, params, x, a_next, a_prev, H)
    assert relative_error(da_prev, numerical_gradient(loss, a_prev)) < TOL
    for key in char_rnn.PARAMETER_KEYS:
        assert relative_error(grads["d" + key], numerical_gradient(loss, params[key])) < TOL
    assert all(not v.any() for v in zeros.values())       # the input sums are not changed


def test_update_parameters_returns_new_arrays():
    rng = np.random.default_rng(0)
    params = random_parameters(rng, 3, 4)
    grads = {"d" + k: np.ones_like(v) for k, v in params.items()}
    new = char_rnn.update_parameters(params, grads, 0.1)
    for key in params:
        assert np.allclose(new[key], params[key] - 0.1)


# ---- the answers (utils.char_lm) ----

def test_clip_returns_copies():
    rng = np.random.default_rng(3)
    grads = {k: rng.normal(size=(3, 2)) * 10 for k in char_rnn.GRADIENT_KEYS}
    before = copy.deepcopy(grads)
    clipped = char_lm.clip(grads, 5)
    for key in grads:
        assert np.array_equal(grads[key], before[key])
        assert np.array_equal(clipped[key], np.clip(before[key], -5, 5))


def test_sample_seeding_rule_and_stop():
    rng = np.random.default_rng(5)
    vocab = 6
    params = random_parameters(rng, 4, vocab, scale=1.0)
    char_to_ix = {"\n": 0, **{c: i for i, c in enumerate("abcde", start=1)}}
    for seed in range(20):
        indices = char_lm.sample(params, char_to_ix, seed)
        assert indices[-1] == 0 and 0 not in indices[:-1] and len(indices) <= 51
        # replay the documented rule
        x, a = np.zeros((vocab, 1)), np.zeros((4, 1))
        for t, idx in enumerate(indices[:50]):
            a = np.tanh(params["Wax"] @ x + params["Waa"] @ a + params["b"])
            p = char_rnn.softmax(params["Wya"] @ a + params["by"])
            np.random.seed(seed + t)
            assert idx == np.random.choice(vocab, p=p.ravel())
            x = np.zeros((vocab, 1))
            x[idx] = 1


def test_sample_stops_after_50_characters():
    params = random_parameters(np.random.default_rng(0), 3, 4)
    params["by"] = np.array([[-50.0], [0.0], [0.0], [0.0]])     # the newline is never drawn
    indices = char_lm.sample(params, {"\n": 0, "a": 1, "b": 2, "c": 3}, 0)
    assert len(indices) == 51 and indices[-1] == 0 and 0 not in indices[:-1]


def test_optimize_steps_downhill_without_changing_its_arguments():
    rng = np.random.default_rng(11)
    params = random_parameters(rng, 5, 6, scale=0.3)
    X, Y = random_example(rng, 6, 6)
    a0 = np.zeros((5, 1))
    before = copy.deepcopy(params)
    loss, grads, a_last, new = char_lm.optimize(X, Y, a0, params, 0.01)
    assert loss == pytest.approx(char_rnn.rnn_forward(X, Y, a0, params, 6)[0])
    assert a_last.shape == (5, 1)
    assert all(np.abs(g).max() <= 5 for g in grads.values())
    assert char_rnn.rnn_forward(X, Y, a0, new, 6)[0] < loss
    for key in params:
        assert np.array_equal(before[key], params[key])


def test_model_loss_falls_on_the_names():
    text = bytes(load_dataset("names")["text"]).decode()
    chars = sorted(set(text))
    char_to_ix = {c: i for i, c in enumerate(chars)}
    ix_to_char = {i: c for i, c in enumerate(chars)}
    params, losses = char_lm.model(text.splitlines(), ix_to_char, char_to_ix,
                                   num_iterations=1500, n_a=20)
    assert len(losses) == 1500 and losses[-1] < losses[0] - 1.0
    assert params["Wax"].shape == (20, 27)


def test_answers_refuse_to_run_inside_reference_blocked():
    with reference_blocked(), pytest.raises(CheckFailure):
        char_lm.clip({k: np.zeros((1, 1)) for k in char_rnn.GRADIENT_KEYS}, 5)


def test_names_corpus():
    text = bytes(load_dataset("names")["text"]).decode()
    names = text.splitlines()
    assert len(names) == 5163 == len(set(names)) and names == sorted(names)
    assert set(text) == set("abcdefghijklmnopqrstuvwxyz\n") and text.endswith("\n")
