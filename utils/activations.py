"""Activation functions and their backward passes, elementwise (given to students in c1w4a1).

Each forward function returns ``(A, cache)`` with ``cache = Z``; each backward function takes
``(dA, cache)`` and returns ``dZ`` of the same shape.  ``utils.dnn`` builds its layers on these.
"""
from __future__ import annotations

import numpy as np

__all__ = ["sigmoid", "relu", "sigmoid_backward", "relu_backward"]


def sigmoid(Z):
    """Sigmoid activation, elementwise.

    Z: array of any shape, e.g. (n[l], m).
    Returns (A, cache): A = 1 / (1 + exp(-Z)), same shape as Z; cache = Z (for the backward pass).
    Computed without overflow warnings for large |Z|.
    """
    Z = np.asarray(Z, dtype=float)
    E = np.exp(-np.abs(Z))                       # in (0, 1], never overflows
    A = np.where(Z >= 0, 1.0 / (1.0 + E), E / (1.0 + E))
    return A, Z


def relu(Z):
    """ReLU activation, elementwise.

    Z: array of any shape, e.g. (n[l], m).
    Returns (A, cache): A = max(0, Z), same shape as Z; cache = Z.
    """
    Z = np.asarray(Z, dtype=float)
    return np.maximum(0.0, Z), Z


def sigmoid_backward(dA, cache):
    """Backward pass of a sigmoid unit.

    dA: gradient of the cost with respect to A = sigmoid(Z), shape (n[l], m).
    cache: Z, shape (n[l], m), as returned by ``sigmoid``.
    Returns dZ = dA * s * (1 - s) with s = sigmoid(Z), shape (n[l], m).
    """
    s, _ = sigmoid(cache)
    return dA * s * (1.0 - s)


def relu_backward(dA, cache):
    """Backward pass of a ReLU unit.

    dA: gradient of the cost with respect to A = relu(Z), shape (n[l], m).
    cache: Z, shape (n[l], m), as returned by ``relu``.
    Returns dZ, shape (n[l], m): dA where Z > 0, 0 elsewhere (the derivative at 0 is taken as 0).
    """
    Z = cache
    dZ = np.array(dA, dtype=float, copy=True)
    dZ[Z <= 0] = 0.0
    return dZ

