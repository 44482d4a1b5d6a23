"""Flattening a parameters dict into one vector and back (given to students in c2w1a3).

Gradient checking treats all parameters of a network as one long vector theta.  These helpers
go from the dict ``{"W1": ..., "b1": ..., ..., "WL": ..., "bL": ...}`` to theta and back, for
any number of layers and any layer sizes; the *layout* they return records which entries of
theta belong to which array::

    theta, layout = dictionary_to_vector(parameters)   # theta: (N, 1)
    grad = gradients_to_vector(gradients, layout)      # dW1, db1, ... in the same order: (N, 1)
    parameters = vector_to_dictionary(theta, layout)   # new arrays, the original shapes

``utils.gradcheck`` (the course's reference gradient check) builds on them; this module is kept
apart from it so that the notebook that teaches gradient checking can use the helpers while its
graded sandbox withholds ``utils.gradcheck``.
"""
from __future__ import annotations

import re

import numpy as np

__all__ = ["dictionary_to_vector", "vector_to_dictionary", "gradients_to_vector"]


def _order(key: str) -> tuple:
    """Sort key: by layer number (the trailing digits), then by name (W before b)."""
    match = re.fullmatch(r"(.*?)(\d*)", key)
    return (int(match.group(2)) if match.group(2) else 0, match.group(1))


def dictionary_to_vector(parameters):
    """Stack every array of ``parameters`` into one column vector.

    Arguments:
    parameters -- dict of arrays, e.g. {"W1": (n1, n0), "b1": (n1, 1), ..., "WL": (nL, nL-1),
                  "bL": (nL, 1)}; any number of layers, any sizes

    Returns:
    theta -- column vector of shape (N, 1), N = total number of entries: the entries of W1, then
             b1, W2, b2, ..., WL, bL (sorted by layer number, W before b), each array read row
             by row
    layout -- list of (key, shape) pairs in the same order, e.g. [("W1", (5, 4)), ("b1", (5, 1)),
              ...]: what ``vector_to_dictionary`` and ``gradients_to_vector`` need
    """
    keys = sorted(parameters, key=_order)
    layout = [(key, tuple(np.shape(parameters[key]))) for key in keys]
    if not keys:
        return np.zeros((0, 1)), layout
    theta = np.concatenate([np.asarray(parameters[key], dtype=float).reshape(-1, 1)
                            for key in keys])
    return theta, layout


def vector_to_dictionary(theta, layout):
    """Undo ``dictionary_to_vector``: cut ``theta`` into arrays of the shapes in ``layout``.

    Arguments:
    theta -- array with N entries, shape (N, 1) or (N,)
    layout -- list of (key, shape) pairs, as returned by ``dictionary_to_vector``

    Returns:
    parameters -- dict {key: array of that shape}, new arrays (changing them leaves theta alone)
    """
    theta = np.asarray(theta, dtype=float).ravel()
    sizes = [int(np.prod(shape)) for _, shape in layout]
    if theta.size != sum(sizes):
        raise ValueError(f"theta has {theta.size} entries but the layout describes {sum(sizes)}")
    parameters, start = {}, 0
    for (key, shape), size in zip(layout, sizes):
        parameters[key] = theta[start:start + size].reshape(shape).copy()
        start += size
    return parameters


def gradients_to_vector(gradients, layout):
    """Stack the gradients "dW1", "db1", ... in the order of ``layout`` into a column vector.

    Arguments:
    gradients -- dict holding "d" + key for every key of the layout (e.g. "dW1" for "W1");
                 other entries (such as "dZ1" or "dA1") are ignored
    layout -- list of (key, shape) pairs, as returned by ``dictionary_to_vector(parameters)``

    Returns:
    grad -- column vector of shape (N, 1), entry i being the derivative with respect to theta[i]
    """
    blocks = []
    for key, shape in layout:
        name = "d" + key
        if name not in gradients:
            raise KeyError(f"gradients has no {name!r} (the gradient of {key!r})")
        block = np.asarray(gradients[name], dtype=float)
        if block.shape != tuple(shape):
            raise ValueError(f"gradients[{name!r}] has shape {block.shape}, but {key!r} has "
                             f"shape {tuple(shape)}")
        blocks.append(block.reshape(-1, 1))
    return np.concatenate(blocks) if blocks else np.zeros((0, 1))
