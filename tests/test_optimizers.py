"""Unit tests of utils.optimizers, the course's reference optimisers (taught in c2w2a1).

Exact values on small hand-computed cases, Adam's bias correction, learning-rate decay, that no
function changes its arguments, and that random_mini_batches partitions the examples in the
order its docstring prescribes.
"""
from __future__ import annotations

import copy
import math

import numpy as np
import pytest

from utils import optimizers as opt
from utils.testing import CheckFailure, reference_blocked


def one_layer(w=1.0, b=-2.0):
    return {"W1": np.array([[w]]), "b1": np.array([[b]])}


def random_problem(rng, dims=(3, 4, 2, 1)):
    params, grads = {}, {}
    for l in range(1, len(dims)):
        for name, shape in (("W", (dims[l], dims[l - 1])), ("b", (dims[l], 1))):
            params[f"{name}{l}"] = rng.normal(size=shape)
            grads[f"d{name}{l}"] = rng.normal(size=shape)
    return params, grads


# --- gradient descent -------------------------------------------------------------------------

def test_gd_exact_step():
    new = opt.update_parameters_with_gd(one_layer(), {"dW1": np.array([[0.5]]),
                                                      "db1": np.array([[-1.0]])}, 0.1)
    assert new["W1"][0, 0] == pytest.approx(0.95) and new["b1"][0, 0] == pytest.approx(-1.9)


def test_gd_all_layers():
    rng = np.random.default_rng(0)
    params, grads = random_problem(rng)
    new = opt.update_parameters_with_gd(params, grads, 0.3)
    assert set(new) == set(params)
    for key in params:
        np.testing.assert_allclose(new[key], params[key] - 0.3 * grads["d" + key])


# --- momentum ---------------------------------------------------------------------------------

def test_velocity_is_zero_and_shaped_like_parameters():
    params, _ = random_problem(np.random.default_rng(1))
    v = opt.initialize_velocity(params)
    assert set(v) == {"d" + k for k in params}
    for key in params:
        assert v["d" + key].shape == params[key].shape and not v["d" + key].any()


def test_momentum_two_steps_by_hand():
    p, v = one_layer(), opt.initialize_velocity(one_layer())
    g = {"dW1": np.array([[2.0]]), "db1": np.array([[-4.0]])}
    p, v = opt.update_parameters_with_momentum(p, g, v, beta=0.9, learning_rate=0.5)
    # v = 0.1 * g; W = 1 - 0.5 * 0.2 = 0.9; b = -2 - 0.5 * (-0.4) = -1.8
    assert v["dW1"][0, 0] == pytest.approx(0.2) and v["db1"][0, 0] == pytest.approx(-0.4)
    assert p["W1"][0, 0] == pytest.approx(0.9) and p["b1"][0, 0] == pytest.approx(-1.8)
    p, v = opt.update_parameters_with_momentum(p, g, v, beta=0.9, learning_rate=0.5)
    # v = 0.9 * 0.2 + 0.1 * 2 = 0.38; W = 0.9 - 0.19 = 0.71
    assert v["dW1"][0, 0] == pytest.approx(0.38) and p["W1"][0, 0] == pytest.approx(0.71)


def test_momentum_with_beta_zero_is_gradient_descent():
    params, grads = random_problem(np.random.default_rng(2))
    v = {k: np.ones_like(x) for k, x in grads.items()}
    p_m, _ = opt.update_parameters_with_momentum(params, grads, v, 0.0, 0.05)
    p_gd = opt.update_parameters_with_gd(params, grads, 0.05)
    for key in params:
        np.testing.assert_allclose(p_m[key], p_gd[key])


def test_constant_gradient_velocity_approaches_gradient():
    p = one_layer()
    v = opt.initialize_velocity(p)
    g = {"dW1": np.array([[3.0]]), "db1": np.array([[1.0]])}
    for t in range(1, 6):
        p, v = opt.update_parameters_with_momentum(p, g, v, 0.8, 0.0)
        assert v["dW1"][0, 0] == pytest.approx(3.0 * (1 - 0.8 ** t))


# --- Adam -------------------------------------------------------------------------------------

def test_adam_first_step_moves_every_parameter_by_the_learning_rate():
    # At t = 1 the corrected moments are exactly g and g**2, so each step is -alpha * sign(g).
    params, grads = random_problem(np.random.default_rng(3))
    v, s = opt.initialize_adam(params)
    new, v1, s1, v_c, s_c = opt.update_parameters_with_adam(params, grads, v, s, 1,
                                                             learning_rate=0.01, epsilon=0.0)
    for key in params:
        g = grads["d" + key]
        np.testing.assert_allclose(v1["d" + key], 0.1 * g)
        np.testing.assert_allclose(s1["d" + key], 0.001 * g ** 2)
        np.testing.assert_allclose(v_c["d" + key], g)
        np.testing.assert_allclose(s_c["d" + key], g ** 2)
        np.testing.assert_allclose(new[key], params[key] - 0.01 * np.sign(g))


def test_adam_bias_correction_at_step_t():
    p = one_layer()
    v = {"dW1": np.array([[0.5]]), "db1": np.array([[0.0]])}
    s = {"dW1": np.array([[0.02]]), "db1": np.array([[0.0]])}
    g = {"dW1": np.array([[1.0]]), "db1": np.array([[0.0]])}
    new, v1, s1, v_c, s_c = opt.update_parameters_with_adam(p, g, v, s, 3, learning_rate=0.1,
                                                            beta1=0.5, beta2=0.75, epsilon=1e-8)
    assert v1["dW1"][0, 0] == pytest.approx(0.75)            # 0.5 * 0.5 + 0.5 * 1
    assert s1["dW1"][0, 0] == pytest.approx(0.265)           # 0.75 * 0.02 + 0.25 * 1
    assert v_c["dW1"][0, 0] == pytest.approx(0.75 / (1 - 0.5 ** 3))
    assert s_c["dW1"][0, 0] == pytest.approx(0.265 / (1 - 0.75 ** 3))
    step = 0.1 * (0.75 / 0.875) / (math.sqrt(0.265 / (1 - 0.421875)) + 1e-8)
    assert new["W1"][0, 0] == pytest.approx(1.0 - step)
    assert new["b1"][0, 0] == pytest.approx(-2.0)            # zero gradient: b does not move


def test_adam_epsilon_is_outside_the_square_root():
    p = one_layer()
    v, s = opt.initialize_adam(p)
    g = {"dW1": np.array([[1e-6]]), "db1": np.array([[0.0]])}
    new, *_ = opt.update_parameters_with_adam(p, g, v, s, 1, learning_rate=1.0, epsilon=1e-4)
    assert new["W1"][0, 0] == pytest.approx(1.0 - 1e-6 / (1e-6 + 1e-4))


def test_adam_corrections_vanish_for_large_t():
    params, grads = random_problem(np.random.default_rng(4))
    v = {k: np.abs(x) for k, x in grads.items()}
    s = {k: x ** 2 for k, x in grads.items()}
    _, v1, s1, v_c, s_c = opt.update_parameters_with_adam(params, grads, v, s, 100000)
    for key in v1:
        np.testing.assert_allclose(v_c[key], v1[key])
        np.testing.assert_allclose(s_c[key], s1[key])


# --- learning-rate decay ----------------------------------------------------------------------

def test_update_lr():
    assert opt.update_lr(0.5, 0, 1) == pytest.approx(0.5)
    assert opt.update_lr(0.5, 2, 1) == pytest.approx(0.5 / 3)
    assert opt.update_lr(0.3, 10, 0.2) == pytest.approx(0.1)


def test_schedule_lr_decay_is_a_staircase():
    rates = [opt.schedule_lr_decay(0.5, e, 0.3, time_interval=100) for e in range(0, 400, 50)]
    expected = [0.5, 0.5, 0.5 / 1.3, 0.5 / 1.3, 0.5 / 1.6, 0.5 / 1.6, 0.5 / 1.9, 0.5 / 1.9]
    np.testing.assert_allclose(rates, expected)
    assert opt.schedule_lr_decay(0.1, 999, 1) == pytest.approx(0.1)
    assert opt.schedule_lr_decay(0.1, 1000, 1) == pytest.approx(0.05)


# --- mini-batches -----------------------------------------------------------------------------

@pytest.mark.parametrize("m,size", [(148, 64), (128, 64), (5, 64), (7, 1), (10, 3)])
def test_mini_batches_partition_in_prescribed_order(m, size):
    rng = np.random.default_rng(m)
    X = rng.normal(size=(3, m))
    Y = np.arange(m, dtype=float).reshape(1, m)          # Y holds each column's index
    batches = opt.random_mini_batches(X, Y, size, seed=7)
    np.random.seed(7)
    permutation = np.random.permutation(m)
    assert len(batches) == math.ceil(m / size)
    sizes = [b[0].shape[1] for b in batches]
    assert all(s == size for s in sizes[:m // size])
    if m % size:
        assert sizes[-1] == m % size
    order = np.concatenate([b[1][0] for b in batches]).astype(int)
    np.testing.assert_array_equal(order, permutation)   # one permutation, batches in order
    for bx, by in batches:                              # X and Y shuffled together
        assert bx.shape[0] == 3 and by.shape == (1, bx.shape[1])
        np.testing.assert_array_equal(bx, X[:, by[0].astype(int)])


def test_mini_batches_depend_on_seed_only():
    X, Y = np.arange(20.0).reshape(2, 10), np.arange(10.0).reshape(1, 10)
    a = opt.random_mini_batches(X, Y, 4, seed=3)
    np.random.seed(123)                                 # global state before the call is irrelevant
    b = opt.random_mini_batches(X, Y, 4, seed=3)
    c = opt.random_mini_batches(X, Y, 4, seed=4)
    assert all(np.array_equal(p[0], q[0]) for p, q in zip(a, b))
    assert not all(np.array_equal(p[0], q[0]) for p, q in zip(a, c))


# --- no function changes its arguments --------------------------------------------------------

def _calls(rng):
    params, grads = random_problem(rng)
    v = {k: rng.normal(size=x.shape) for k, x in grads.items()}
    s = {k: rng.uniform(size=x.shape) for k, x in grads.items()}
    X, Y = rng.normal(size=(2, 9)), rng.integers(0, 2, size=(1, 9)).astype(float)
    return [
        (opt.update_parameters_with_gd, (params, grads, 0.1)),
        (opt.update_parameters_with_momentum, (params, grads, v, 0.9, 0.1)),
        (opt.update_parameters_with_adam, (params, grads, v, s, 2)),
        (opt.initialize_velocity, (params,)),
        (opt.initialize_adam, (params,)),
        (opt.random_mini_batches, (X, Y, 4, 1)),
    ]


@pytest.mark.parametrize("index", range(6))
def test_arguments_are_not_mutated(index):
    fn, args = _calls(np.random.default_rng(index))[index]
    before = copy.deepcopy(args)
    out = fn(*args)
    for a, b in zip(args, before):
        if isinstance(a, dict):
            assert set(a) == set(b) and all(np.array_equal(a[k], b[k]) for k in a)
        elif isinstance(a, np.ndarray):
            np.testing.assert_array_equal(a, b)
    # the results share no array with the arguments, so later in-place edits are harmless too
    results = out if isinstance(out, tuple) else (out,)
    arrays_in = [x for a in args if isinstance(a, dict) for x in a.values()]
    for r in results:
        if isinstance(r, dict):
            assert not any(x is y for x in r.values() for y in arrays_in)


def test_initialize_adam_returns_independent_dicts():
    v, s = opt.initialize_adam(one_layer())
    assert v is not s and v["dW1"] is not s["dW1"]


# --- guards -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", opt.__all__)
def test_guarded_functions_refuse_inside_reference_blocked(name):
    fn = getattr(opt, name)
    assert getattr(fn, "__course_reference__", False)
    with reference_blocked(), pytest.raises(CheckFailure, match="reference"):
        fn(one_layer(), {}, 0.1)


def test_taught_in():
    assert opt.TAUGHT_IN == ("c2w2a1_optimization",)
