"""Numerical gradient checking: the one finite-difference helper of the course.

The tests of every backward pass (``tests/``), the hidden tests and the notebooks use these
functions; none writes its own finite differences.

    num = numerical_gradient(lambda: cost(W), W)          # dJ/dW by centred differences
    relative_error(num, dW)                                # ||a - b|| / (||a|| + ||b||)
    worst = gradient_errors(cost, {"W": W, "b": b}, {"W": dW, "b": db})

It also holds the course's reference answer to c2w1a3's ``gradient_check_n``, which checks a
whole network's gradients dict against its cost, all parameters flattened into one vector
(the flattening helpers come from ``utils.paramvec`` and are re-exported here)::

    difference = gradient_check_n(parameters, gradients, X, Y)      # default: L-layer network
    difference = gradient_check_n(parameters, gradients, X, Y, forward=my_forward)

c2w1a3_gradient_checking teaches gradient checking, so its graded sandbox does not hold this
module (see ``TAUGHT_IN``).
"""
from __future__ import annotations

from typing import Callable, Mapping

import numpy as np

from utils.paramvec import dictionary_to_vector, gradients_to_vector, vector_to_dictionary
from utils.testing import course_reference

__all__ = ["numerical_gradient", "relative_error", "gradient_errors", "gradient_check_n",
           "dictionary_to_vector", "vector_to_dictionary", "gradients_to_vector",
           "MISTAKE_THRESHOLD", "mistake_message", "one_parameter_cost", "one_parameter_gradient",
           "gradient_check"]

# A relative difference above this (with epsilon = 1e-7) means the backward pass has a mistake.
MISTAKE_THRESHOLD = 2e-7

# The assignment whose exercises this module answers: its graded sandbox does not contain it.
TAUGHT_IN = ("c2w1a3_gradient_checking",)


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Centred differences of the scalar ``f()`` with respect to every entry of ``x``.

    Arguments:
    f -- a function of no arguments that reads ``x`` and returns a number
    x -- float array of any shape; each entry is moved by +-eps in place and put back

    Returns:
    grad -- array of x's shape: (f(x + eps e_i) - f(x - eps e_i)) / (2 eps) for every entry i
    """
    grad = np.zeros(x.shape, dtype=float)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        plus = float(f())
        x[i] = old - eps
        minus = float(f())
        x[i] = old
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a, b) -> float:
    """||a - b|| / (||a|| + ||b||) over all entries (0.0 when both are zero)."""
    a, b = np.ravel(np.asarray(a, dtype=float)), np.ravel(np.asarray(b, dtype=float))
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def gradient_errors(f: Callable[[], float], arrays: Mapping[str, np.ndarray],
                    grads: Mapping[str, np.ndarray], eps: float = 1e-6) -> dict[str, float]:
    """The relative error between ``grads[k]`` and the numerical gradient of ``f`` in ``arrays[k]``.

    ``f()`` must read the arrays (which are changed in place and put back), e.g. a closure over
    a parameters dict.  Returns ``{key: relative error}`` for every key of ``grads``.
    """
    return {k: relative_error(numerical_gradient(f, arrays[k], eps), grads[k]) for k in grads}


def _network_cost(X, Y, parameters):
    """Cross-entropy cost of the L-layer network [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID.

    Returns (cost, None), the calling convention of c2w1a3's ``forward_propagation_n``.
    """
    from utils.dnn import L_model_forward, compute_cost   # not at import: see utils.dnn.TAUGHT_IN
    AL, _ = L_model_forward(X, parameters)
    return compute_cost(AL, Y), None


@course_reference
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False, forward=None):
    """Relative difference between a network's gradients and centred finite differences.

    Arguments:
    parameters -- dict {"W1": (n1, n0), "b1": (n1, 1), ..., "WL", "bL"}
    gradients -- dict holding "dW1", "db1", ..., "dWL", "dbL" (other keys are ignored)
    X -- inputs, (n0, m); Y -- labels, (1, m)
    epsilon -- the shift applied to one entry of theta at a time
    print_msg -- print whether the difference exceeds MISTAKE_THRESHOLD (2e-7)
    forward -- function (X, Y, parameters) -> (cost, anything); default: the cross-entropy cost
               of the L-layer network [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID

    Returns:
    difference -- ||grad - gradapprox|| / (||grad|| + ||gradapprox||), a float, where
                  gradapprox[i] = (J(theta + epsilon e_i) - J(theta - epsilon e_i)) / (2 epsilon)
    """
    forward = forward or _network_cost
    theta, layout = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients, layout)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        theta_plus = np.copy(theta)
        theta_plus[i] += epsilon
        J_plus, _ = forward(X, Y, vector_to_dictionary(theta_plus, layout))
        theta_minus = np.copy(theta)
        theta_minus[i] -= epsilon
        J_minus, _ = forward(X, Y, vector_to_dictionary(theta_minus, layout))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    difference = relative_error(grad, gradapprox)
    if print_msg:
        print(mistake_message(difference))
    return difference


def mistake_message(difference: float) -> str:
    """The verdict that gradient_check and gradient_check_n print when print_msg is True."""
    if difference > MISTAKE_THRESHOLD:
        return f"There is a mistake in the backward propagation! difference = {difference}"
    return f"Your backward propagation works perfectly fine! difference = {difference}"



# --- c2w1a3's one-parameter example: J(theta) = x * theta^3 ------------------------------------
# Not linear on purpose: for a linear J even a one-sided difference is exact, so no check could
# tell the two-sided difference from the one-sided one.

@course_reference
def one_parameter_cost(x, theta):
    """J(theta) = x * theta**3, the cost of c2w1a3's one-parameter model (forward_propagation)."""
    return x * theta ** 3


@course_reference
def one_parameter_gradient(x, theta):
    """dJ/dtheta = 3 * x * theta**2 (c2w1a3's backward_propagation)."""
    return 3 * x * theta ** 2


@course_reference
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """c2w1a3's one-parameter check: the relative difference between dJ/dtheta and the
    two-sided difference (J(theta + epsilon) - J(theta - epsilon)) / (2 epsilon), for
    J(theta) = x * theta**3.

    With the exact derivative the result is round-off (below 1e-8 at epsilon = 1e-7) plus the
    truncation error, about epsilon**2 / (6 theta**2), which dominates from epsilon of about
    1e-4 on: a test compares the value only where truncation dominates, and elsewhere checks
    that it is tiny (round-off depends on how the difference is written).
    """
    J_plus, J_minus = one_parameter_cost(x, theta + epsilon), one_parameter_cost(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    difference = relative_error(one_parameter_gradient(x, theta), gradapprox)
    if print_msg:
        print(mistake_message(difference))
    return difference
