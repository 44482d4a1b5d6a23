"""The course's reference 3-layer network with L2 regularisation and inverted dropout (taught in
c2w1a2).

The network is LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID, with the shapes and the
flat caches of :mod:`utils.threelayer` (whose plain forward and backward passes, cost and update
are re-exported here).  The four answers of c2w1a2 are marked with
:func:`utils.testing.course_reference`; the grading sandbox of c2w1a2 does not contain this
module (see ``TAUGHT_IN``), later notebooks import it freely.

L2 regularisation (``lambd`` is the lambda of the lecture, ``lambda`` being a Python keyword)::

    J = cross-entropy + (lambd / (2 m)) * sum_l ||W[l]||_F^2
    dW[l] = (from backprop) + (lambd / m) * W[l]          (biases are not regularised)

Inverted dropout on the two hidden layers, with ``keep_prob`` the probability of keeping a unit::

    np.random.seed(seed)
    D1 = np.random.rand(*A1.shape) < keep_prob;  A1 = A1 * D1 / keep_prob
    D2 = np.random.rand(*A2.shape) < keep_prob;  A2 = A2 * D2 / keep_prob
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)

and the backward pass applies the same masks and the same scaling to dA1 and dA2.
"""
from __future__ import annotations

import numpy as np

from utils.activations import relu, sigmoid
from utils.testing import course_reference
from utils.threelayer import (accuracy, backward_propagation, compute_cost,
                              forward_propagation, initialize_parameters, predict, predict_dec,
                              update_parameters)

# The assignment whose exercises this module answers: its graded sandbox does not contain it.
TAUGHT_IN = ("c2w1a2_regularization",)

__all__ = [
    "initialize_parameters", "forward_propagation", "backward_propagation", "compute_cost",
    "update_parameters", "predict", "predict_dec", "accuracy",
    "compute_cost_with_regularization", "backward_propagation_with_regularization",
    "forward_propagation_with_dropout", "backward_propagation_with_dropout",
    "forward_propagation_with_masks",
]


@course_reference
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """Cross-entropy cost plus the L2 penalty (lambd / (2 m)) (||W1||^2 + ||W2||^2 + ||W3||^2).

    A3, Y: (1, m); parameters: dict with "W1", "W2", "W3" (biases are not penalised);
    lambd: the regularisation strength, a number >= 0.
    Returns the cost as a float.
    """
    m = Y.shape[1]
    penalty = sum(np.sum(np.square(parameters[f"W{l}"])) for l in (1, 2, 3))
    return compute_cost(A3, Y) + float(lambd * penalty / (2 * m))


@course_reference
def backward_propagation_with_regularization(X, Y, cache, lambd):
    """Backward pass of the L2-regularised cost: the plain gradients, plus (lambd / m) W[l] in
    every dW[l].

    X: (n_x, m); Y: (1, m); cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3).
    Returns the dict "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1".
    """
    m = X.shape[1]
    grads = backward_propagation(X, Y, cache)
    W1, W2, W3 = cache[2], cache[6], cache[10]
    for key, W in (("dW1", W1), ("dW2", W2), ("dW3", W3)):
        grads[key] = grads[key] + lambd / m * W
    return grads


def forward_propagation_with_masks(X, parameters, D1, D2, keep_prob):
    """The dropout forward pass with given masks D1 (n1, m) and D2 (n2, m) (0/1 or bool).

    Returns (A3, cache) exactly as forward_propagation_with_dropout does when it draws these
    masks; used to check gradients with the masks held fixed.
    """
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = W1 @ X + b1
    A1 = relu(Z1)[0] * D1 / keep_prob
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)[0] * D2 / keep_prob
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)[0]
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


@course_reference
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5, seed=1):
    """Forward pass with inverted dropout on both hidden layers.

    X: (n_x, m); parameters as for forward_propagation; keep_prob in (0, 1]: the probability of
    keeping a hidden unit; seed: calls ``np.random.seed(seed)`` first, then draws
    D1 = np.random.rand(n1, m) < keep_prob, then D2 = np.random.rand(n2, m) < keep_prob.
    Returns (A3, cache) with A3 (1, m) and
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3), where A1 and A2 are the
    masked and rescaled activations and D1, D2 boolean masks.
    """
    np.random.seed(seed)
    m = X.shape[1]
    D1 = np.random.rand(parameters["W1"].shape[0], m) < keep_prob
    D2 = np.random.rand(parameters["W2"].shape[0], m) < keep_prob
    return forward_propagation_with_masks(X, parameters, D1, D2, keep_prob)


@course_reference
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """Backward pass of forward_propagation_with_dropout: dA2 and dA1 go through the masks D2, D1
    and are divided by keep_prob, as A2 and A1 were in the forward pass.

    X: (n_x, m); Y: (1, m); cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3).
    Returns the dict "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"
    (dA2 and dA1 after the mask and the scaling).
    """
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = (W3.T @ dZ3) * D2 / keep_prob
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = (W2.T @ dZ2) * D1 / keep_prob
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
