"""The course's reference L-layer neural network in NumPy (taught in c1w4a1).

Notation (see the course guide): examples are columns, so ``X`` is ``(n_x, m)`` and ``Y`` is
``(1, m)``; layer ``l`` has ``n[l]`` units, ``W[l]`` is ``(n[l], n[l-1])`` and ``b[l]`` is
``(n[l], 1)``; ``A[0] = X``.  The network has ``L`` layers: ``L-1`` ReLU layers and a sigmoid
output layer.

    Z[l] = W[l] A[l-1] + b[l]              A[l] = g[l](Z[l])
    dZ[l] = dA[l] * g[l]'(Z[l])
    dW[l] = (1/m) dZ[l] A[l-1]^T           db[l] = (1/m) sum_i dZ[l][:, i]
    dA[l-1] = W[l]^T dZ[l]

Parameters live in a dict ``{"W1", "b1", ..., "WL", "bL"}``; gradients in a dict with keys
``"dA{l-1}"``, ``"dW{l}"``, ``"db{l}"``.  Each layer's forward pass returns a cache
``(linear_cache, activation_cache)`` with ``linear_cache = (A_prev, W, b)`` and
``activation_cache = Z``; the backward pass consumes these caches in reverse order.

The activation helpers (``sigmoid``, ``relu`` and their backward passes) come from
``utils.activations`` and are given to students in c1w4a1.  Everything else is that assignment's answer: it is marked with
:func:`utils.testing.course_reference`, so it refuses to run inside the c1w4a1 tests.  Later
notebooks (c1w4a2 onwards) import it freely.

The gradient-descent step, ``update_parameters``, lives apart in :mod:`utils.dnn_update`: c2w2a1
asks for the same step (``update_parameters_with_gd``) and its sandbox holds this module, so
this module must not hold that answer.
"""
from __future__ import annotations

import numpy as np

from utils.activations import relu, relu_backward, sigmoid, sigmoid_backward
from utils.testing import course_reference

# The assignment whose exercises this module answers: its graded sandbox does not contain it.
TAUGHT_IN = ("c1w4a1_deep_nn_step_by_step",)

__all__ = [
    "sigmoid", "relu", "sigmoid_backward", "relu_backward",
    "initialize_parameters", "initialize_parameters_deep",
    "linear_forward", "linear_activation_forward", "L_model_forward", "compute_cost",
    "linear_backward", "linear_activation_backward", "L_model_backward",
    "predict",
]


# The activation helpers live in utils.activations (given, not an answer); re-exported here.
_ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_backward), "relu": (relu, relu_backward)}


def _activation(name):
    try:
        return _ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"activation must be 'sigmoid' or 'relu', not {name!r}") from None


# --- initialization ---------------------------------------------------------------------------

@course_reference
def initialize_parameters(n_x, n_h, n_y):
    """Small random weights for a 2-layer network (LINEAR -> RELU -> LINEAR -> SIGMOID).

    n_x, n_h, n_y: sizes of the input, hidden and output layers.
    Seeds ``np.random.seed(1)``, then draws W1 and W2 (in that order) with ``np.random.randn``
    scaled by 0.01; the biases are zeros.
    Returns {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}.
    """
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


@course_reference
def initialize_parameters_deep(layer_dims):
    """Random weights for an L-layer network.

    layer_dims: list [n[0], n[1], ..., n[L]] (n[0] = n_x, n[L] = n_y).
    Seeds ``np.random.seed(3)``, then for l = 1..L draws
    W[l] = np.random.randn(n[l], n[l-1]) / sqrt(n[l-1]); b[l] = zeros.
    Returns {"W1": (n[1], n[0]), "b1": (n[1], 1), ..., "WL": (n[L], n[L-1]), "bL": (n[L], 1)}.
    """
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                               / np.sqrt(layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


# --- forward pass -----------------------------------------------------------------------------

@course_reference
def linear_forward(A, W, b):
    """Linear part of one layer: Z = W A + b.

    A: activations of the previous layer, (n[l-1], m).
    W: (n[l], n[l-1]).  b: (n[l], 1).
    Returns (Z, cache): Z is (n[l], m); cache = (A, W, b).
    """
    Z = W @ A + b
    return Z, (A, W, b)


@course_reference
def linear_activation_forward(A_prev, W, b, activation):
    """One layer: A = g(W A_prev + b).

    A_prev: (n[l-1], m).  W: (n[l], n[l-1]).  b: (n[l], 1).
    activation: "sigmoid" or "relu".
    Returns (A, cache): A is (n[l], m); cache = (linear_cache, activation_cache) with
    linear_cache = (A_prev, W, b) and activation_cache = Z (n[l], m).
    """
    forward, _ = _activation(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = forward(Z)
    return A, (linear_cache, activation_cache)


@course_reference
def L_model_forward(X, parameters):
    """Forward pass of the whole network: [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID.

    X: (n[0], m).
    parameters: {"W1", "b1", ..., "WL", "bL"} as from ``initialize_parameters_deep``.
    Returns (AL, caches): AL is (n[L], m) (the predicted probabilities); caches is a list of L
    caches, caches[l-1] = (linear_cache, activation_cache) of layer l.
    """
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


@course_reference
def compute_cost(AL, Y):
    """Cross-entropy cost J = -(1/m) sum_i [y log a + (1 - y) log(1 - a)].

    AL: predicted probabilities, (1, m), strictly between 0 and 1.
    Y: labels in {0, 1}, (1, m).
    Returns the cost as a Python float.
    """
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return float(cost)


# --- backward pass ----------------------------------------------------------------------------

@course_reference
def linear_backward(dZ, cache):
    """Backward pass of the linear part of one layer.

    dZ: gradient of the cost with respect to Z[l], (n[l], m).
    cache: (A_prev, W, b) from ``linear_forward``: (n[l-1], m), (n[l], n[l-1]), (n[l], 1).
    Returns (dA_prev, dW, db):
        dA_prev = W^T dZ            (n[l-1], m)
        dW = (1/m) dZ A_prev^T      (n[l], n[l-1])
        db = (1/m) sum over m of dZ (n[l], 1)
    with m = A_prev.shape[1].
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


@course_reference
def linear_activation_backward(dA, cache, activation):
    """Backward pass of one layer (activation, then linear part).

    dA: gradient with respect to this layer's output A[l], (n[l], m).
    cache: (linear_cache, activation_cache) from ``linear_activation_forward``.
    activation: "sigmoid" or "relu" (the one used in the forward pass).
    Returns (dA_prev, dW, db): (n[l-1], m), (n[l], n[l-1]), (n[l], 1).
    """
    _, backward = _activation(activation)
    linear_cache, activation_cache = cache
    dZ = backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)


@course_reference
def L_model_backward(AL, Y, caches):
    """Backward pass of the whole network, from the cross-entropy cost.

    AL: output of ``L_model_forward``, (1, m).  Y: labels, (1, m).
    caches: the list of L caches from ``L_model_forward``.
    Starts from dAL = -(Y / AL - (1 - Y) / (1 - AL)), goes through the sigmoid layer L, then
    the ReLU layers L-1, ..., 1.
    Returns grads: {"dA{l-1}": (n[l-1], m), "dW{l}": (n[l], n[l-1]), "db{l}": (n[l], 1)}
    for l = 1..L (so the keys run dA0..dA{L-1}, dW1..dWL, db1..dbL).
    """
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dA_prev, dW, db
    for l in reversed(range(1, L)):
        dA_prev, dW, db = linear_activation_backward(grads[f"dA{l}"], caches[l - 1], "relu")
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dA_prev, dW, db
    return grads


# --- prediction ------------------------------------------------------------------

@course_reference
def predict(X, parameters):
    """Predicted labels of an L-layer network.

    X: (n[0], m).  parameters: {"W1", "b1", ..., "WL", "bL"}.
    Returns a (1, m) float array of 0. and 1. (1. where AL > 0.5).
    """
    AL, _ = L_model_forward(X, parameters)
    return (AL > 0.5).astype(float)
