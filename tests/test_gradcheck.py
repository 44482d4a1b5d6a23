"""Unit tests of utils.gradcheck (finite differences, the reference gradient_check_n) and of
utils.paramvec (parameters dict <-> vector), which c2w1a3 gives to students."""
from __future__ import annotations

import copy
import subprocess
import sys

import numpy as np
import pytest

from utils import dnn, gradcheck, paramvec
from utils.gradcheck import (MISTAKE_THRESHOLD, gradient_check_n, gradient_errors,
                             numerical_gradient, relative_error)
from utils.paramvec import dictionary_to_vector, gradients_to_vector, vector_to_dictionary
from utils.testing import CheckFailure, reference_blocked

LAYER_DIMS = [[3, 1], [4, 3, 1], [4, 5, 3, 1], [2, 6, 5, 4, 1], [5, 3, 3, 3, 2, 1]]


def random_problem(rng, layer_dims, m=4):
    """Parameters, X, Y and exact gradients of an L-layer network, away from the ReLU kinks."""
    for _ in range(100):
        params = {}
        for l in range(1, len(layer_dims)):
            params[f"W{l}"] = rng.normal(size=(layer_dims[l], layer_dims[l - 1]))
            params[f"b{l}"] = rng.normal(size=(layer_dims[l], 1)) * 0.5
        X = rng.normal(size=(layer_dims[0], m))
        Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
        AL, caches = dnn.L_model_forward(X, params)
        if min(np.min(np.abs(c[1])) for c in caches) > 1e-3:
            return params, dnn.L_model_backward(AL, Y, caches), X, Y
    raise RuntimeError("could not draw a problem away from the ReLU kinks")


# --- numerical_gradient, relative_error, gradient_errors --------------------------------------

def test_numerical_gradient_of_a_quadratic_and_x_restored():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(3, 3))
    x = rng.normal(size=(3, 2))
    before = x.copy()
    num = numerical_gradient(lambda: float(np.sum(x * (A @ x))), x)
    np.testing.assert_allclose(num, (A + A.T) @ x, rtol=1e-6, atol=1e-8)
    np.testing.assert_array_equal(x, before)


def test_relative_error():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error([1.0, 0.0], [0.0, 0.0]) == pytest.approx(1.0)
    assert relative_error([1.0, 1.0], [-1.0, -1.0]) == pytest.approx(1.0)
    assert relative_error(np.array([[3.0]]), 1.0) == pytest.approx(2.0 / 4.0)
    assert isinstance(relative_error([1.0], [2.0]), float)


def test_gradient_errors_per_key():
    rng = np.random.default_rng(1)
    W, b = rng.normal(size=(2, 3)), rng.normal(size=(2, 1))
    cost = lambda: float(np.sum(W ** 2) + np.sum(3 * b))
    errors = gradient_errors(cost, {"W": W, "b": b}, {"W": 2 * W, "b": 3 * np.ones((2, 1))})
    assert set(errors) == {"W", "b"} and max(errors.values()) < 1e-8
    errors = gradient_errors(cost, {"W": W, "b": b}, {"W": W, "b": 3 * np.ones((2, 1))})
    assert errors["W"] == pytest.approx(1 / 3, rel=1e-6) and errors["b"] < 1e-8


# --- utils.paramvec ---------------------------------------------------------------------------

@pytest.mark.parametrize("layer_dims", LAYER_DIMS)
def test_vector_round_trip_any_sizes(layer_dims):
    rng = np.random.default_rng(2)
    params, grads, _, _ = random_problem(rng, layer_dims)
    theta, layout = dictionary_to_vector(params)
    n = sum(v.size for v in params.values())
    assert theta.shape == (n, 1)
    L = len(layer_dims) - 1
    assert [k for k, _ in layout] == [f"{p}{l}" for l in range(1, L + 1) for p in "Wb"]
    assert all(shape == params[k].shape for k, shape in layout)
    back = vector_to_dictionary(theta, layout)
    assert set(back) == set(params)
    for k in params:
        np.testing.assert_array_equal(back[k], params[k])
    back["W1"][0, 0] += 1.0                       # new arrays: theta is not changed
    assert theta[0, 0] == params["W1"][0, 0]
    grad = gradients_to_vector(grads, layout)     # dA entries of grads are ignored
    assert grad.shape == (n, 1)
    assert grad[0, 0] == grads["dW1"][0, 0]
    start = params["W1"].size
    np.testing.assert_array_equal(grad[start:start + layer_dims[1]].ravel(), grads["db1"].ravel())


def test_layer_order_above_nine_and_row_major():
    params = {f"{p}{l}": np.full((1, 1), float(l)) for l in (10, 2, 1) for p in "bW"}
    params["W2"] = np.array([[1.0, 2.0], [3.0, 4.0]])
    theta, layout = dictionary_to_vector(params)
    assert [k for k, _ in layout] == ["W1", "b1", "W2", "b2", "W10", "b10"]
    np.testing.assert_array_equal(theta.ravel(), [1, 1, 1, 2, 3, 4, 2, 10, 10])
    assert vector_to_dictionary(theta.ravel(), layout)["W2"].tolist() == [[1, 2], [3, 4]]


def test_paramvec_errors():
    theta, layout = dictionary_to_vector({"W1": np.ones((2, 2)), "b1": np.ones((2, 1))})
    with pytest.raises(ValueError, match="describes 6"):
        vector_to_dictionary(theta[:5], layout)
    with pytest.raises(KeyError, match="db1"):
        gradients_to_vector({"dW1": np.ones((2, 2))}, layout)
    with pytest.raises(ValueError, match="shape"):
        gradients_to_vector({"dW1": np.ones((2, 2)), "db1": np.ones((2,))}, layout)


def test_helpers_are_re_exported_and_paramvec_stands_alone():
    assert gradcheck.dictionary_to_vector is paramvec.dictionary_to_vector
    assert gradcheck.vector_to_dictionary is paramvec.vector_to_dictionary
    assert gradcheck.gradients_to_vector is paramvec.gradients_to_vector
    # c2w1a3's sandbox withholds utils.gradcheck, c1w4a1's utils.dnn: the notebooks' imports
    # must still work without them.
    code = ("import sys; sys.modules['utils.gradcheck'] = None; sys.modules['utils.dnn'] = None\n"
            "import utils.paramvec\n"
            "sys.modules.pop('utils.gradcheck'); import utils.gradcheck")
    subprocess.run([sys.executable, "-c", code], check=True)


# --- the reference gradient_check_n -----------------------------------------------------------

@pytest.mark.parametrize("layer_dims", LAYER_DIMS)
def test_gradient_check_n_exact_gradients(layer_dims):
    rng = np.random.default_rng(3)
    params, grads, X, Y = random_problem(rng, layer_dims)
    before = copy.deepcopy((params, grads))
    difference = gradient_check_n(params, grads, X, Y)
    assert isinstance(difference, float) and difference < MISTAKE_THRESHOLD
    assert gradient_check_n(params, grads, X, Y, epsilon=1e-5) < 1e-8
    np.testing.assert_equal((params, grads), before)


def test_gradient_check_n_agrees_with_numerical_gradient():
    """The same two-sided differences as numerical_gradient, entry by entry."""
    rng = np.random.default_rng(4)
    params, grads, X, Y = random_problem(rng, [4, 5, 3, 1])
    wrong = dict(grads, dW2=2 * grads["dW2"], db1=4 * grads["db1"])
    work = copy.deepcopy(params)
    cost = lambda: dnn.compute_cost(dnn.L_model_forward(X, work)[0], Y)
    num = {"d" + k: numerical_gradient(cost, work[k], 1e-6) for k in work}
    _, layout = dictionary_to_vector(params)
    expected = relative_error(gradients_to_vector(wrong, layout), gradients_to_vector(num, layout))
    assert gradient_check_n(params, wrong, X, Y, epsilon=1e-6) == pytest.approx(expected, 1e-7)
    assert expected > 0.05


def test_gradient_check_n_one_sided_would_differ_at_large_epsilon():
    """At epsilon = 1e-3 the two-sided truncation error is tiny: what the hidden tests rely on."""
    rng = np.random.default_rng(5)
    params, grads, X, Y = random_problem(rng, [3, 4, 3, 1])
    assert gradient_check_n(params, grads, X, Y, epsilon=1e-3) < 1e-5


def test_gradient_check_n_custom_forward_and_messages(capsys):
    rng = np.random.default_rng(6)
    params = {"W1": rng.normal(size=(2, 3)), "b1": rng.normal(size=(2, 1))}
    X = rng.normal(size=(3, 4))

    def forward(X, Y, p):                      # J = sum((W X + b)^2) / 2
        return float(np.sum((p["W1"] @ X + p["b1"]) ** 2) / 2), None

    Z = params["W1"] @ X + params["b1"]
    grads = {"dW1": Z @ X.T, "db1": Z.sum(axis=1, keepdims=True)}
    assert gradient_check_n(params, grads, X, None, print_msg=True, forward=forward) < 1e-6
    assert "works perfectly fine" in capsys.readouterr().out
    grads["db1"] = grads["db1"] + 1.0
    assert gradient_check_n(params, grads, X, None, print_msg=True, forward=forward) > 1e-3
    assert "There is a mistake" in capsys.readouterr().out
    gradient_check_n(params, grads, X, None, forward=forward)
    assert capsys.readouterr().out == ""


def test_gradient_check_n_is_a_course_reference():
    rng = np.random.default_rng(7)
    params, grads, X, Y = random_problem(rng, [2, 2, 1])
    with reference_blocked(), pytest.raises(CheckFailure, match="reference"):
        gradient_check_n(params, grads, X, Y)


# --- c2w1a3's one-parameter example, J(theta) = x theta^3 -----------------------------------

def _variants(x, theta, epsilon):
    """Correct ways to write the one-parameter check, and the one-sided (wrong) one."""
    from utils.gradcheck import one_parameter_cost as J, one_parameter_gradient as G
    plus = theta + epsilon
    out = {}
    for name, minus, step in [("theta_minus = theta_plus - 2 eps", plus - 2 * epsilon, 2 * epsilon),
                              ("divided by the actual step", theta - epsilon, None),
                              ("one-sided", theta, epsilon)]:
        approx = (J(x, plus) - J(x, minus)) / (step if step is not None else plus - minus)
        out[name] = relative_error(G(x, theta), approx)
    return out


def test_one_parameter_example_is_not_linear():
    from utils.gradcheck import one_parameter_cost, one_parameter_gradient
    assert one_parameter_cost(3, 2) == 24 and one_parameter_cost(-2.0, 0.5) == -0.25
    assert one_parameter_gradient(3, 2) == 36 and one_parameter_gradient(-2.0, 0.5) == -1.5


@pytest.mark.parametrize("x, theta", [(3, 2), (-2.0, 0.5), (5.0, -1.5), (-19.0, 4.9), (1.5, 0.5)])
def test_gradient_check_round_off_is_tiny_and_truncation_is_measurable(x, theta):
    from utils.gradcheck import gradient_check
    # epsilon = 1e-7: round-off only, below 1e-8 however a correct check is written
    assert gradient_check(x, theta) < 3e-9
    variants = _variants(x, theta, 1e-7)
    assert variants["theta_minus = theta_plus - 2 eps"] < 3e-9
    assert variants["divided by the actual step"] < 3e-9
    # larger epsilon: the truncation error eps^2 / (6 theta^2) dominates, and every correct
    # version agrees to 1e-3 (the tests' tolerance); the one-sided difference is far off
    for epsilon in (1e-3, 1e-2):
        value = gradient_check(x, theta, epsilon=epsilon)
        assert value == pytest.approx(epsilon ** 2 / (6 * theta ** 2), rel=2e-3)
        variants = _variants(x, theta, epsilon)
        assert variants["theta_minus = theta_plus - 2 eps"] == pytest.approx(value, rel=1e-4)
        assert variants["divided by the actual step"] == pytest.approx(value, rel=1e-4)
        assert variants["one-sided"] > 100 * value


def test_c2w1a3_visible_expected_values_come_from_the_references():
    """The numbers c2w1a3's visible tests print as expected values."""
    from utils.gradcheck import gradient_check
    assert gradient_check(3, 2, epsilon=1e-3) == pytest.approx(4.166661e-08, rel=1e-6)
    assert gradient_check(-2.0, 0.5, epsilon=1e-3) == pytest.approx(6.666662e-07, rel=1e-6)
    np.random.seed(1)
    X = np.random.randn(4, 3)
    Y = np.array([[1, 1, 0]])
    params = {"W1": np.random.randn(5, 4), "b1": np.random.randn(5, 1),
              "W2": np.random.randn(3, 5), "b2": np.random.randn(3, 1),
              "W3": np.random.randn(1, 3), "b3": np.random.randn(1, 1)}
    AL, caches = dnn.L_model_forward(X, params)
    grads = dnn.L_model_backward(AL, Y, caches)
    assert gradient_check_n(params, grads, X, Y, epsilon=1e-3) == \
        pytest.approx(1.679790560581753e-08, rel=1e-6)
    assert gradient_check_n(params, grads, X, Y) < 2e-7               # round-off: "perfectly fine"


def test_one_parameter_references_are_guarded():
    from utils.gradcheck import gradient_check, one_parameter_cost, one_parameter_gradient
    for fn, args in [(gradient_check, (3, 2)), (one_parameter_cost, (3, 2)),
                     (one_parameter_gradient, (3, 2))]:
        with reference_blocked(), pytest.raises(CheckFailure, match="reference"):
            fn(*args)
