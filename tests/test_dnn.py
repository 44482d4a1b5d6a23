"""Unit tests of utils.dnn, the course's reference L-layer network.

Every backward pass is checked against centred finite differences of a scalar cost.  A note on
scale, which follows the course's convention: ``dW`` and ``db`` are gradients of the mean cost
J = (1/m) sum_i loss_i, while ``dA`` and ``dZ`` are gradients of the *summed* loss (m J), so
``dA[l] = m dJ/dA[l]`` and ``linear_backward`` divides by m only for dW and db.
"""
from __future__ import annotations

import copy

import numpy as np
import pytest

from utils import dnn, dnn_update
from utils.gradcheck import numerical_gradient, relative_error as rel_error
from utils.testing import CheckFailure, reference_blocked

EPS = 1e-6
TOL = 1e-7
LAYER_DIMS = [[3, 1], [4, 3, 1], [5, 4, 3, 1], [2, 6, 5, 4, 1], [6, 3, 3, 3, 2, 1]]


def away_from_zero(rng, shape, margin=1e-2):
    """Normal values with |z| >= margin, so that ReLU kinks are out of reach of EPS."""
    z = rng.normal(size=shape)
    return np.where(np.abs(z) < margin, np.sign(z + 1e-300) * margin + z, z)


def random_problem(rng, layer_dims, m):
    """Parameters, inputs and labels for a network whose pre-activations stay off the ReLU kink."""
    for _ in range(100):
        params = {}
        for l in range(1, len(layer_dims)):
            params[f"W{l}"] = rng.normal(size=(layer_dims[l], layer_dims[l - 1]))
            params[f"b{l}"] = rng.normal(size=(layer_dims[l], 1)) * 0.5
        X = rng.normal(size=(layer_dims[0], m))
        Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
        _, caches = dnn.L_model_forward(X, params)
        if min(np.min(np.abs(c[1])) for c in caches) > 1e-3:
            return params, X, Y
    raise RuntimeError("could not draw a problem away from the ReLU kinks")


# --- activations ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["sigmoid", "relu"])
@pytest.mark.parametrize("seed", range(3))
def test_activation_backward_gradcheck(name, seed):
    rng = np.random.default_rng(seed)
    forward = getattr(dnn, name)
    backward = getattr(dnn, name + "_backward")
    Z = away_from_zero(rng, (4, 5))
    G = rng.normal(size=Z.shape)                    # upstream gradient dA
    A, cache = forward(Z)
    assert A.shape == Z.shape and np.array_equal(cache, Z)
    dZ = backward(G, cache)
    assert dZ.shape == Z.shape
    num = numerical_gradient(lambda: float(np.sum(G * forward(Z)[0])), Z, EPS)
    assert rel_error(dZ, num) < TOL


def test_activation_values():
    Z = np.array([[-800.0, -1.0, 0.0, 2.0, 800.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        s, _ = dnn.sigmoid(Z)
    np.testing.assert_allclose(s, [[0.0, 0.26894142, 0.5, 0.88079708, 1.0]], atol=1e-8)
    r, _ = dnn.relu(Z)
    np.testing.assert_array_equal(r, [[0.0, 0.0, 0.0, 2.0, 800.0]])
    dZ = dnn.relu_backward(np.ones_like(Z), Z)
    np.testing.assert_array_equal(dZ, [[0.0, 0.0, 0.0, 1.0, 1.0]])


def test_relu_backward_does_not_modify_dA():
    dA = np.ones((2, 3))
    dnn.relu_backward(dA, -np.ones((2, 3)))
    np.testing.assert_array_equal(dA, np.ones((2, 3)))


# --- initialization ---------------------------------------------------------------------------

def test_initialize_parameters():
    p = dnn.initialize_parameters(3, 2, 1)
    assert list(p) == ["W1", "b1", "W2", "b2"]
    np.random.seed(1)
    W1 = np.random.randn(2, 3) * 0.01
    W2 = np.random.randn(1, 2) * 0.01
    np.testing.assert_array_equal(p["W1"], W1)
    np.testing.assert_array_equal(p["W2"], W2)
    np.testing.assert_array_equal(p["b1"], np.zeros((2, 1)))
    np.testing.assert_array_equal(p["b2"], np.zeros((1, 1)))
    np.testing.assert_allclose(p["W1"][0], [0.01624345, -0.00611756, -0.00528172], rtol=1e-6)


@pytest.mark.parametrize("layer_dims", LAYER_DIMS)
def test_initialize_parameters_deep(layer_dims):
    p = dnn.initialize_parameters_deep(layer_dims)
    L = len(layer_dims) - 1
    assert list(p) == [k for l in range(1, L + 1) for k in (f"W{l}", f"b{l}")]
    np.random.seed(3)
    for l in range(1, L + 1):
        W = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        np.testing.assert_array_equal(p[f"W{l}"], W)
        np.testing.assert_array_equal(p[f"b{l}"], np.zeros((layer_dims[l], 1)))


# --- forward pass -----------------------------------------------------------------------------

def test_linear_forward():
    rng = np.random.default_rng(0)
    A, W, b = rng.normal(size=(3, 4)), rng.normal(size=(2, 3)), rng.normal(size=(2, 1))
    Z, cache = dnn.linear_forward(A, W, b)
    assert Z.shape == (2, 4)
    expected = np.array([[sum(W[i, k] * A[k, j] for k in range(3)) + b[i, 0] for j in range(4)]
                         for i in range(2)])
    np.testing.assert_allclose(Z, expected, rtol=1e-12)
    assert isinstance(cache, tuple) and len(cache) == 3
    assert cache[0] is A and cache[1] is W and cache[2] is b


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_linear_activation_forward(activation):
    rng = np.random.default_rng(1)
    A, W, b = rng.normal(size=(3, 4)), rng.normal(size=(2, 3)), rng.normal(size=(2, 1))
    out, cache = dnn.linear_activation_forward(A, W, b, activation)
    Z = W @ A + b
    expected = 1 / (1 + np.exp(-Z)) if activation == "sigmoid" else np.maximum(0, Z)
    np.testing.assert_allclose(out, expected, rtol=1e-12)
    linear_cache, activation_cache = cache
    assert linear_cache[0] is A and linear_cache[1] is W and linear_cache[2] is b
    np.testing.assert_allclose(activation_cache, Z, rtol=1e-12)
    with pytest.raises(ValueError):
        dnn.linear_activation_forward(A, W, b, "tanh")


@pytest.mark.parametrize("layer_dims", LAYER_DIMS)
@pytest.mark.parametrize("m", [1, 7])
def test_L_model_forward(layer_dims, m):
    rng = np.random.default_rng(2)
    params, X, _ = random_problem(rng, layer_dims, m)
    AL, caches = dnn.L_model_forward(X, params)
    L = len(layer_dims) - 1
    assert AL.shape == (layer_dims[-1], m)
    assert isinstance(caches, list) and len(caches) == L
    A = X
    for l in range(1, L + 1):
        (A_prev, W, b), Z = caches[l - 1]
        np.testing.assert_array_equal(A_prev, A)
        assert W is params[f"W{l}"] and b is params[f"b{l}"]
        np.testing.assert_allclose(Z, W @ A + b, rtol=1e-12)
        A = 1 / (1 + np.exp(-Z)) if l == L else np.maximum(0, Z)
    np.testing.assert_allclose(AL, A, rtol=1e-12)


def test_compute_cost():
    Y = np.array([[1.0, 1.0, 0.0]])
    AL = np.array([[0.8, 0.9, 0.4]])
    cost = dnn.compute_cost(AL, Y)
    assert type(cost) is float
    expected = -(np.log(0.8) + np.log(0.9) + np.log(0.6)) / 3
    assert cost == pytest.approx(expected, rel=1e-12)
    assert dnn.compute_cost(np.full((1, 4), 0.5), np.array([[0, 1, 0, 1.0]])) == \
        pytest.approx(np.log(2), rel=1e-12)


# --- backward pass ----------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_linear_backward_gradcheck(seed):
    rng = np.random.default_rng(seed)
    n_prev, n, m = rng.integers(1, 6, size=3)
    A, W, b = rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))
    G = rng.normal(size=(n, m))                      # upstream dZ

    def summed():                                    # m J: its gradient in Z is G
        return float(np.sum(G * dnn.linear_forward(A, W, b)[0]))

    dA_prev, dW, db = dnn.linear_backward(G, (A, W, b))
    assert dA_prev.shape == A.shape and dW.shape == W.shape and db.shape == b.shape
    assert rel_error(dA_prev, numerical_gradient(summed, A)) < TOL
    assert rel_error(dW, numerical_gradient(summed, W) / m) < TOL
    assert rel_error(db, numerical_gradient(summed, b) / m) < TOL


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
@pytest.mark.parametrize("seed", range(3))
def test_linear_activation_backward_gradcheck(activation, seed):
    rng = np.random.default_rng(seed)
    n_prev, n, m = 3, 4, 5
    while True:
        A, W = rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev))
        b = rng.normal(size=(n, 1))
        if np.min(np.abs(W @ A + b)) > 1e-3:
            break
    G = rng.normal(size=(n, m))                      # upstream dA

    def summed():
        return float(np.sum(G * dnn.linear_activation_forward(A, W, b, activation)[0]))

    _, cache = dnn.linear_activation_forward(A, W, b, activation)
    dA_prev, dW, db = dnn.linear_activation_backward(G, cache, activation)
    assert dA_prev.shape == A.shape and dW.shape == W.shape and db.shape == b.shape
    assert rel_error(dA_prev, numerical_gradient(summed, A)) < TOL
    assert rel_error(dW, numerical_gradient(summed, W) / m) < TOL
    assert rel_error(db, numerical_gradient(summed, b) / m) < TOL


def forward_from(A, params, start):
    """Output of layers start+1..L applied to A = A[start] (used to differentiate in A[start])."""
    L = len(params) // 2
    for l in range(start + 1, L + 1):
        A, _ = dnn.linear_activation_forward(A, params[f"W{l}"], params[f"b{l}"],
                                             "sigmoid" if l == L else "relu")
    return A


@pytest.mark.parametrize("layer_dims", LAYER_DIMS)
@pytest.mark.parametrize("m", [1, 6])
def test_L_model_backward_gradcheck(layer_dims, m):
    rng = np.random.default_rng(len(layer_dims) * 10 + m)
    params, X, Y = random_problem(rng, layer_dims, m)
    L = len(layer_dims) - 1
    AL, caches = dnn.L_model_forward(X, params)
    grads = dnn.L_model_backward(AL, Y, caches)
    expected_keys = {f"dA{l - 1}" for l in range(1, L + 1)} | \
        {f"dW{l}" for l in range(1, L + 1)} | {f"db{l}" for l in range(1, L + 1)}
    assert set(grads) == expected_keys

    def cost():
        return dnn.compute_cost(dnn.L_model_forward(X, params)[0], Y)

    for l in range(1, L + 1):
        for name in (f"W{l}", f"b{l}"):
            assert grads["d" + name].shape == params[name].shape
            assert rel_error(grads["d" + name], numerical_gradient(cost, params[name])) < TOL, name
    # dA[l] is the gradient of m J with respect to A[l], for l = 0..L-1
    A_list = [X] + [caches[l][0][0] for l in range(1, L)]
    for l in range(L):
        A = A_list[l].copy()
        num = numerical_gradient(lambda: m * dnn.compute_cost(forward_from(A, params, l), Y), A)
        assert grads[f"dA{l}"].shape == A.shape
        assert rel_error(grads[f"dA{l}"], num) < TOL, f"dA{l}"


# --- learning and prediction ------------------------------------------------------------------

def test_update_parameters_does_not_mutate():
    rng = np.random.default_rng(5)
    params, X, Y = random_problem(rng, [4, 3, 1], 5)
    AL, caches = dnn.L_model_forward(X, params)
    grads = dnn.L_model_backward(AL, Y, caches)
    before_params, before_grads = copy.deepcopy(params), copy.deepcopy(grads)
    new = dnn_update.update_parameters(params, grads, 0.1)
    assert new is not params
    assert set(new) == set(params)
    for key in params:
        np.testing.assert_array_equal(params[key], before_params[key])
        assert new[key] is not params[key]
        np.testing.assert_allclose(new[key], params[key] - 0.1 * grads["d" + key], rtol=1e-12)
    for key in grads:
        np.testing.assert_array_equal(grads[key], before_grads[key])


def test_training_lowers_the_cost():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(2, 200))
    Y = (np.sum(X ** 2, axis=0) < 1.4).astype(float).reshape(1, -1)     # inside a circle
    params = dnn.initialize_parameters_deep([2, 8, 4, 1])
    costs = []
    for _ in range(300):
        AL, caches = dnn.L_model_forward(X, params)
        costs.append(dnn.compute_cost(AL, Y))
        params = dnn_update.update_parameters(params, dnn.L_model_backward(AL, Y, caches), 0.3)
    assert costs[-1] < 0.2 * costs[0]
    assert all(b <= a + 1e-9 for a, b in zip(costs[:50], costs[1:51]))
    pred = dnn.predict(X, params)
    assert pred.shape == (1, 200) and pred.dtype == float
    assert set(np.unique(pred)) <= {0.0, 1.0}
    assert np.mean(pred == Y) > 0.95


# --- the guard --------------------------------------------------------------------------------

GUARDED = ["initialize_parameters", "initialize_parameters_deep", "linear_forward",
           "linear_activation_forward", "L_model_forward", "compute_cost", "linear_backward",
           "linear_activation_backward", "L_model_backward", "update_parameters", "predict"]


def _args(name):
    A, W, b = np.ones((3, 2)), np.ones((1, 3)), np.zeros((1, 1))
    params = {"W1": W, "b1": b}
    AL, Y = np.full((1, 2), 0.7), np.array([[1.0, 0.0]])
    cache = ((A, W, b), W @ A + b)
    return {
        "initialize_parameters": (3, 2, 1),
        "initialize_parameters_deep": ([3, 1],),
        "linear_forward": (A, W, b),
        "linear_activation_forward": (A, W, b, "relu"),
        "L_model_forward": (A, params),
        "compute_cost": (AL, Y),
        "linear_backward": (np.ones((1, 2)), (A, W, b)),
        "linear_activation_backward": (np.ones((1, 2)), cache, "sigmoid"),
        "L_model_backward": (AL, Y, [cache]),
        "update_parameters": (params, {"dW1": W, "db1": b}, 0.1),
        "predict": (A, params),
    }[name]


@pytest.mark.parametrize("name", GUARDED)
def test_guarded_functions_refuse_inside_reference_blocked(name):
    module = dnn_update if name == "update_parameters" else dnn
    fn = getattr(module, name)
    assert getattr(fn, "__course_reference__", False)
    fn(*_args(name))                                 # works outside the block
    with reference_blocked():
        with pytest.raises(CheckFailure, match=f"{module.__name__}.{name}"):
            fn(*_args(name))
    fn(*_args(name))                                 # and again after it


@pytest.mark.parametrize("name", ["sigmoid", "relu", "sigmoid_backward", "relu_backward"])
def test_activations_are_not_guarded(name):
    fn = getattr(dnn, name)
    assert not getattr(fn, "__course_reference__", False)
    Z = np.array([[-1.0, 2.0]])
    with reference_blocked():
        fn(Z) if not name.endswith("backward") else fn(np.ones_like(Z), Z)


def test_all_exports_exist():
    for name in dnn.__all__:
        assert callable(getattr(dnn, name))
    assert set(GUARDED) - {"update_parameters"} | {"sigmoid", "relu", "sigmoid_backward",
                                                   "relu_backward"} == set(dnn.__all__)
    # the gradient-descent step lives apart: c2w2a1's sandbox holds utils.dnn and grades it
    assert dnn_update.__all__ == ["update_parameters"] and not hasattr(dnn, "update_parameters")
