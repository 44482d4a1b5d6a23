"""A plain 3-layer network, LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID (given to
students in c2w1a2, regularization).

Nothing here is an exercise: c2w1a2 gives these functions and asks for the regularised and the
dropout versions (``utils.regularization``, withheld from its sandbox).  Notation as in the
course guide: examples are columns, ``X`` is ``(n_x, m)``, ``Y`` is ``(1, m)``, ``W[l]`` is
``(n[l], n[l-1])`` and ``b[l]`` is ``(n[l], 1)``.

The forward pass returns ``(A3, cache)`` with one flat cache for the whole network::

    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)

and the backward pass returns a dict with keys ``"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2",
"db2", "dA1", "dZ1", "dW1", "db1"``.  As everywhere in the course, ``dW`` and ``db`` are
gradients of the mean cost J = (1/m) sum_i loss_i, while ``dZ`` and ``dA`` are those of the
summed loss (m J).
"""
from __future__ import annotations

import numpy as np

from utils.activations import relu, sigmoid
from utils.metrics import accuracy       # accuracy(predict(X, parameters), Y), in percent

__all__ = ["initialize_parameters", "forward_propagation", "backward_propagation",
           "compute_cost", "update_parameters", "predict", "predict_dec", "accuracy"]


def initialize_parameters(layers_dims):
    """Initial parameters of a network with sizes ``layers_dims`` = [n0, n1, ..., nL].

    Seeds ``np.random.seed(3)``, then for l = 1..L draws
    W[l] = np.random.randn(n[l], n[l-1]) / sqrt(n[l-1]) of shape (n[l], n[l-1]);
    b[l] = zeros of shape (n[l], 1).
    Returns the dict {"W1", "b1", ..., "WL", "bL"}.
    """
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                               / np.sqrt(layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def forward_propagation(X, parameters):
    """Forward pass LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID.

    X: (n_x, m); parameters: "W1" (n1, n_x), "b1" (n1, 1), "W2" (n2, n1), "b2" (n2, 1),
    "W3" (1, n2), "b3" (1, 1).
    Returns (A3, cache): A3 (1, m) are the predicted probabilities;
    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3).
    """
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = W1 @ X + b1
    A1, _ = relu(Z1)
    Z2 = W2 @ A1 + b2
    A2, _ = relu(Z2)
    Z3 = W3 @ A2 + b3
    A3, _ = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation(X, Y, cache):
    """Backward pass of ``forward_propagation`` for the cross-entropy cost (no regularisation).

    X: (n_x, m); Y: (1, m) labels in {0, 1}; cache as returned by forward_propagation.
    Returns the dict of gradients "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1",
    "dW1", "db1", each of the shape of the quantity it differentiates.
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def compute_cost(A3, Y):
    """Cross-entropy cost -(1/m) sum(Y log A3 + (1 - Y) log(1 - A3)) as a Python float.

    A3, Y: (1, m).  Probabilities are clipped to [1e-15, 1 - 1e-15], so a saturated output
    gives a large finite cost instead of a warning.
    """
    m = Y.shape[1]
    A = np.clip(A3, 1e-15, 1 - 1e-15)
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)


def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent; returns a new dict, ``parameters`` is left unchanged.

    For every key "Wl"/"bl" of parameters: new = old - learning_rate * grads["dWl"/"dbl"].
    """
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


def predict(X, parameters):
    """Predicted labels (1, m) as floats 0. / 1.: 1 where the network's probability is > 0.5.

    Always the full network, without dropout (dropout is for training only).
    """
    A3, _ = forward_propagation(X, parameters)
    return (A3 > 0.5).astype(float)


def predict_dec(parameters, X):
    """Predicted labels of the points X (2, n) as an (n,) array, for decision-boundary plots."""
    return predict(X, parameters).ravel()

