"""Unit tests of utils.threelayer (the plain 3-layer network given in c2w1a2) and
utils.regularization (its L2 and dropout versions, the answers of c2w1a2).

Every backward pass is checked against centred finite differences (utils.gradcheck) of the cost
it differentiates; the dropout backward pass with the masks held fixed.
"""
from __future__ import annotations

import copy

import numpy as np
import pytest

from utils import regularization as reg
from utils import threelayer
from utils.gradcheck import gradient_errors
from utils.testing import CheckFailure, reference_blocked

TOL = 1e-7
GRAD_KEYS = ["dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"]


def random_problem(rng, dims=(3, 5, 4, 1), m=7, keep_prob=None):
    """Parameters, X, Y (and masks) whose pre-activations stay away from the ReLU kink."""
    for _ in range(200):
        params = {}
        for l in range(1, 4):
            params[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
            params[f"b{l}"] = rng.normal(size=(dims[l], 1)) * 0.5
        X = rng.normal(size=(dims[0], m))
        Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
        if keep_prob is None:
            _, cache = threelayer.forward_propagation(X, params)
            masks = None
            Zs = (cache[0], cache[4])
        else:
            masks = (rng.uniform(size=(dims[1], m)) < keep_prob,
                     rng.uniform(size=(dims[2], m)) < keep_prob)
            _, cache = reg.forward_propagation_with_masks(X, params, *masks, keep_prob)
            Zs = (cache[0], cache[5])
        if min(np.min(np.abs(Z)) for Z in Zs) > 1e-3:
            return params, X, Y, masks
    raise RuntimeError("no problem away from the ReLU kinks")


# --- the plain network ------------------------------------------------------------------------

def test_initialize_parameters_follows_the_docstring():
    p = threelayer.initialize_parameters([2, 20, 3, 1])
    assert list(p) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    np.random.seed(3)
    for l, (n, n_prev) in enumerate([(20, 2), (3, 20), (1, 3)], start=1):
        np.testing.assert_array_equal(p[f"W{l}"], np.random.randn(n, n_prev) / np.sqrt(n_prev))
        np.testing.assert_array_equal(p[f"b{l}"], np.zeros((n, 1)))


def test_forward_propagation_cache_layout():
    rng = np.random.default_rng(0)
    params, X, _, _ = random_problem(rng)
    A3, cache = threelayer.forward_propagation(X, params)
    assert len(cache) == 12
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3c, W3, b3 = cache
    np.testing.assert_allclose(Z1, params["W1"] @ X + params["b1"])
    np.testing.assert_allclose(A1, np.maximum(Z1, 0))
    np.testing.assert_allclose(A2, np.maximum(W2 @ A1 + b2, 0))
    np.testing.assert_allclose(A3, 1 / (1 + np.exp(-(W3 @ A2 + b3))))
    assert A3 is A3c and W1 is params["W1"] and b3 is params["b3"]


def test_compute_cost_value_and_type():
    cost = threelayer.compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]]))
    assert type(cost) is float
    assert cost == pytest.approx(-(np.log(0.8) + np.log(0.9) + np.log(0.6)) / 3, rel=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_backward_propagation_gradcheck(seed):
    rng = np.random.default_rng(seed)
    params, X, Y, _ = random_problem(rng)
    grads = threelayer.backward_propagation(X, Y, threelayer.forward_propagation(X, params)[1])
    assert sorted(grads) == sorted(GRAD_KEYS)

    def cost():
        return threelayer.compute_cost(threelayer.forward_propagation(X, params)[0], Y)

    errors = gradient_errors(cost, params, {k: grads["d" + k] for k in params})
    assert max(errors.values()) < TOL, errors


def test_update_parameters_returns_new_arrays():
    rng = np.random.default_rng(1)
    params, X, Y, _ = random_problem(rng)
    before = copy.deepcopy(params)
    grads = threelayer.backward_propagation(X, Y, threelayer.forward_propagation(X, params)[1])
    new = threelayer.update_parameters(params, grads, 0.3)
    for key in params:
        np.testing.assert_array_equal(params[key], before[key])
        np.testing.assert_allclose(new[key], params[key] - 0.3 * grads["d" + key])


def test_predict_and_accuracy():
    params = {"W1": np.array([[1.0, 0.0]]), "b1": np.zeros((1, 1)), "W2": np.array([[1.0]]),
              "b2": np.zeros((1, 1)), "W3": np.array([[10.0]]), "b3": np.array([[-5.0]])}
    X = np.array([[0.0, 1.0, 2.0], [0.0, 0.0, 0.0]])
    np.testing.assert_array_equal(threelayer.predict(X, params), [[0.0, 1.0, 1.0]])
    assert threelayer.predict_dec(params, X).shape == (3,)
    assert threelayer.accuracy(threelayer.predict(X, params),
                               np.array([[0.0, 1.0, 0.0]])) == pytest.approx(200 / 3)


# --- L2 regularisation ------------------------------------------------------------------------

def test_compute_cost_with_regularization_value():
    rng = np.random.default_rng(2)
    params, X, Y, _ = random_problem(rng)
    A3 = threelayer.forward_propagation(X, params)[0]
    lambd, m = 0.7, X.shape[1]
    penalty = sum(np.sum(params[f"W{l}"] ** 2) for l in (1, 2, 3))
    cost = reg.compute_cost_with_regularization(A3, Y, params, lambd)
    assert type(cost) is float
    assert cost == pytest.approx(threelayer.compute_cost(A3, Y) + lambd / (2 * m) * penalty,
                                 rel=1e-12)
    assert reg.compute_cost_with_regularization(A3, Y, params, 0) == \
        pytest.approx(threelayer.compute_cost(A3, Y), rel=1e-12)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("lambd", [0.0, 0.7, 5.0])
def test_backward_propagation_with_regularization_gradcheck(seed, lambd):
    rng = np.random.default_rng(10 + seed)
    params, X, Y, _ = random_problem(rng)
    cache = threelayer.forward_propagation(X, params)[1]
    grads = reg.backward_propagation_with_regularization(X, Y, cache, lambd)
    assert sorted(grads) == sorted(GRAD_KEYS)

    def cost():
        A3 = threelayer.forward_propagation(X, params)[0]
        return reg.compute_cost_with_regularization(A3, Y, params, lambd)

    errors = gradient_errors(cost, params, {k: grads["d" + k] for k in params})
    assert max(errors.values()) < TOL, errors
    plain = threelayer.backward_propagation(X, Y, cache)
    for key in ("db1", "db2", "db3", "dZ1", "dA2"):                 # biases: no penalty
        np.testing.assert_allclose(grads[key], plain[key])


# --- dropout ----------------------------------------------------------------------------------

@pytest.mark.parametrize("keep_prob", [0.5, 0.86])
@pytest.mark.parametrize("seed", [1, 7])
def test_forward_propagation_with_dropout_follows_the_docstring(keep_prob, seed):
    rng = np.random.default_rng(3)
    params, X, _, _ = random_problem(rng, m=9)
    A3, cache = reg.forward_propagation_with_dropout(X, params, keep_prob, seed=seed)
    assert len(cache) == 14
    np.random.seed(seed)
    D1 = np.random.rand(5, 9) < keep_prob
    D2 = np.random.rand(4, 9) < keep_prob
    np.testing.assert_array_equal(cache[1], D1)
    np.testing.assert_array_equal(cache[6], D2)
    assert cache[1].dtype == bool
    expected_A3, expected_cache = reg.forward_propagation_with_masks(X, params, D1, D2, keep_prob)
    np.testing.assert_allclose(A3, expected_A3)
    for got, want in zip(cache, expected_cache):
        np.testing.assert_allclose(got, want)
    np.testing.assert_allclose(cache[2], np.maximum(cache[0], 0) * D1 / keep_prob)


def test_dropout_with_keep_prob_1_is_the_plain_network():
    rng = np.random.default_rng(4)
    params, X, _, _ = random_problem(rng)
    A3, cache = reg.forward_propagation_with_dropout(X, params, 1.0)
    np.testing.assert_allclose(A3, threelayer.forward_propagation(X, params)[0])
    assert cache[1].all() and cache[6].all()


def test_default_seed_is_1_and_masks_keep_about_keep_prob():
    params = threelayer.initialize_parameters([2, 200, 100, 1])
    X = np.random.default_rng(5).normal(size=(2, 300))
    _, cache = reg.forward_propagation_with_dropout(X, params, 0.8)
    _, again = reg.forward_propagation_with_dropout(X, params, 0.8, seed=1)
    np.testing.assert_array_equal(cache[1], again[1])
    assert abs(cache[1].mean() - 0.8) < 0.01 and abs(cache[6].mean() - 0.8) < 0.01
    # inverted dropout keeps the expected activation: mean of A1 over masks ~ relu(Z1)
    assert abs(cache[2].mean() / np.maximum(cache[0], 0).mean() - 1) < 0.02


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("keep_prob", [0.5, 0.86, 1.0])
def test_backward_propagation_with_dropout_gradcheck(seed, keep_prob):
    rng = np.random.default_rng(20 + seed)
    params, X, Y, (D1, D2) = random_problem(rng, keep_prob=keep_prob)
    cache = reg.forward_propagation_with_masks(X, params, D1, D2, keep_prob)[1]
    grads = reg.backward_propagation_with_dropout(X, Y, cache, keep_prob)
    assert sorted(grads) == sorted(GRAD_KEYS)

    def cost():                                      # the masks are held fixed
        A3 = reg.forward_propagation_with_masks(X, params, D1, D2, keep_prob)[0]
        return threelayer.compute_cost(A3, Y)

    errors = gradient_errors(cost, params, {k: grads["d" + k] for k in params})
    assert max(errors.values()) < TOL, errors


def test_dropout_backward_through_the_seeded_forward_pass():
    """With a fixed seed the forward pass draws the same masks for every parameter value, so
    its cost can be differentiated numerically as it is (what the notebook does)."""
    rng = np.random.default_rng(30)
    params, X, Y, _ = random_problem(rng, m=6)
    _, cache = reg.forward_propagation_with_dropout(X, params, 0.7, seed=3)
    if min(np.min(np.abs(cache[0])), np.min(np.abs(cache[5]))) < 1e-3:
        pytest.skip("a pre-activation too close to the ReLU kink")
    grads = reg.backward_propagation_with_dropout(X, Y, cache, 0.7)

    def cost():
        A3 = reg.forward_propagation_with_dropout(X, params, 0.7, seed=3)[0]
        return threelayer.compute_cost(A3, Y)

    errors = gradient_errors(cost, params, {k: grads["d" + k] for k in params})
    assert max(errors.values()) < TOL, errors


# --- the guard --------------------------------------------------------------------------------

ANSWERS = ["compute_cost_with_regularization", "backward_propagation_with_regularization",
           "forward_propagation_with_dropout", "backward_propagation_with_dropout"]


def _args(name):
    params, X, Y, _ = random_problem(np.random.default_rng(40))
    A3, cache = threelayer.forward_propagation(X, params)
    dcache = reg.forward_propagation_with_masks(X, params, np.ones((5, 7)), np.ones((4, 7)), 1.0)[1]
    return {
        "compute_cost_with_regularization": (A3, Y, params, 0.7),
        "backward_propagation_with_regularization": (X, Y, cache, 0.7),
        "forward_propagation_with_dropout": (X, params, 0.8),
        "backward_propagation_with_dropout": (X, Y, dcache, 1.0),
    }[name]


@pytest.mark.parametrize("name", ANSWERS)
def test_answers_refuse_inside_reference_blocked(name):
    fn = getattr(reg, name)
    assert getattr(fn, "__course_reference__", False)
    fn(*_args(name))
    with reference_blocked():
        with pytest.raises(CheckFailure, match=f"utils.regularization.{name}"):
            fn(*_args(name))


@pytest.mark.parametrize("name", threelayer.__all__)
def test_given_helpers_are_not_guarded(name):
    assert not getattr(getattr(threelayer, name), "__course_reference__", False)
    assert getattr(reg, name) is getattr(threelayer, name)


def test_module_declares_what_it_teaches():
    assert reg.TAUGHT_IN == ("c2w1a2_regularization",)
    assert not hasattr(threelayer, "TAUGHT_IN")
    for name in reg.__all__:
        assert callable(getattr(reg, name))


# --- c2w1a2's conclusions on its data (every claim its prose makes about the runs) ------------

C2W1A2_DIMS = [2, 50, 20, 1]


def _c2w1a2_model(X, Y, lambd=0.0, keep_prob=1.0, learning_rate=1.0, num_iterations=2500):
    """The notebook's ``model`` with the course's references: 2500 steps of batch gradient
    descent on [2, 50, 20, 1] from ``initialize_parameters`` (seed 3), a new dropout mask per
    iteration (seed = iteration number)."""
    params = threelayer.initialize_parameters(C2W1A2_DIMS)
    for i in range(num_iterations):
        if keep_prob == 1:
            _, cache = threelayer.forward_propagation(X, params)
        else:
            _, cache = reg.forward_propagation_with_dropout(X, params, keep_prob, seed=i)
        if lambd == 0 and keep_prob == 1:
            grads = threelayer.backward_propagation(X, Y, cache)
        elif lambd != 0:
            grads = reg.backward_propagation_with_regularization(X, Y, cache, lambd)
        else:
            grads = reg.backward_propagation_with_dropout(X, Y, cache, keep_prob)
        params = threelayer.update_parameters(params, grads, learning_rate)
    return params


@pytest.fixture(scope="module")
def c2w1a2():
    """Train and test accuracy (%) and sum ||W||^2 of every run whose result the prose uses."""
    from utils.data import load_dataset
    data = load_dataset("noisy_wave")
    X, Xt = data["train_X"], data["test_X"]
    Y, Yt = data["train_Y"].astype(float), data["test_Y"].astype(float)
    out = {}
    for name, kwargs in [("none", {}), ("L2 0.1", {"lambd": 0.1}), ("L2 0.3", {"lambd": 0.3}),
                         ("L2 3", {"lambd": 3}), ("kp 0.8", {"keep_prob": 0.8}),
                         ("kp 0.5", {"keep_prob": 0.5}), ("kp 0.3", {"keep_prob": 0.3}),
                         ("kp 0.15", {"keep_prob": 0.15})]:
        p = _c2w1a2_model(X, Y, **kwargs)
        out[name] = (threelayer.accuracy(threelayer.predict(X, p), Y),
                     threelayer.accuracy(threelayer.predict(Xt, p), Yt),
                     sum(float(np.sum(p[f"W{l}"] ** 2)) for l in (1, 2, 3)))
    # the notebook's straight line: logistic regression, 2000 steps of rate 1 from zeros
    w, b = np.zeros((1, 2)), 0.0
    for _ in range(2000):
        A = 1 / (1 + np.exp(-(w @ X + b)))
        w, b = w - (A - Y) @ X.T / X.shape[1], b - float(np.mean(A - Y))
    out["line"] = (100 * float(np.mean(((w @ X + b) > 0) == Y)),
                   100 * float(np.mean(((w @ Xt + b) > 0) == Yt)), None)
    wave = data["wave"]
    out["wave"] = tuple(100 * float(np.mean((S[1] > np.interp(S[0], wave[0], wave[1]))
                                            == L.ravel())) for S, L in [(X, Y), (Xt, Yt)]) + (None,)
    return out


def test_c2w1a2_data_and_network_sizes():
    from utils.data import load_dataset
    data = load_dataset("noisy_wave")
    assert data["train_X"].shape == (2, 150) and data["test_X"].shape == (2, 1000)
    n = sum(C2W1A2_DIMS[l] * C2W1A2_DIMS[l - 1] + C2W1A2_DIMS[l] for l in range(1, 4))
    assert 1150 <= n <= 1250                                       # "about 1200 parameters"


def test_c2w1a2_yardsticks(c2w1a2):
    r = c2w1a2
    # the network, even over-fitted, beats the straight line; nothing beats the true wave
    assert r["none"][1] >= r["line"][1] + 2
    assert all(r[k][1] <= r["wave"][1] for k in r)                # on new data
    assert r["none"][0] > r["wave"][0]                             # on training data it can
    # the straight line scores a fraction of a point higher on the test set than on training
    assert 0 < r["line"][1] - r["line"][0] < 1


def test_c2w1a2_regularisation_helps(c2w1a2):
    r = c2w1a2
    none_train, none_test, none_size = r["none"]
    assert none_train - none_test >= 10                          # over-fitting: a large gap
    for k in ("L2 0.3", "kp 0.5"):
        train, test, size = r[k]
        assert train < none_train and test >= none_test + 4       # several points better
        assert train - test < (none_train - none_test) / 2        # the gap narrows
        assert r["wave"][1] - test < test - r["line"][1]          # closer to the wave than to a line
        assert size < none_size                                   # both shrink the weights
    assert r["L2 0.3"][2] < r["none"][2] / 2                      # L2 much


def test_c2w1a2_strength_matters(c2w1a2):
    r = c2w1a2
    # L2: the middle of the sweep is best; the largest lambda is no better than a straight line
    assert r["L2 0.3"][1] >= r["L2 0.1"][1] + 2 and r["L2 0.3"][1] >= r["L2 3"][1] + 5
    assert r["L2 3"][0] <= r["line"][0] + 1.5 and r["L2 3"][1] <= r["line"][1] + 1.5
    # dropout: 0.8 down to 0.3 about the same and much better than none; 0.15 under-fits
    tests = [r[k][1] for k in ("kp 0.8", "kp 0.5", "kp 0.3")]
    assert max(tests) - min(tests) <= 2 and min(tests) >= r["none"][1] + 5
    assert r["kp 0.15"][1] <= min(tests) - 4 and r["kp 0.15"][0] < min(r[k][0] for k in
                                                                   ("kp 0.8", "kp 0.5", "kp 0.3"))
