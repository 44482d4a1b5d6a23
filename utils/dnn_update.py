"""One step of gradient descent on the parameters of a :mod:`utils.dnn` network (taught in c1w4a1).

It lives apart from :mod:`utils.dnn` because c2w2a1 asks students for this very step
(``update_parameters_with_gd``) while its notebook uses the rest of the network from
``utils.dnn``: c2w2a1's sandbox holds ``utils.dnn`` but not this module.  Notebooks that train a
network with it (c1w4a2, c2w1a1) import it from here.
"""
from __future__ import annotations

from utils.testing import course_reference

# The assignment whose exercises this module answers (as information: each assignment's sandbox
# holds only the modules its solutions/<id>/sandbox.json allows).
TAUGHT_IN = ("c1w4a1_deep_nn_step_by_step",)

__all__ = ["update_parameters"]


@course_reference
def update_parameters(params, grads, learning_rate):
    """One step of gradient descent: W[l] -= alpha dW[l], b[l] -= alpha db[l].

    params: {"W1", "b1", ..., "WL", "bL"}.  grads: with "dW1", "db1", ..., "dWL", "dbL".
    learning_rate: alpha, a positive number.
    Returns a new dict with the same keys and shapes; the caller's dict and arrays are not
    modified.
    """
    L = len(params) // 2
    new_params = {}
    for l in range(1, L + 1):
        new_params[f"W{l}"] = params[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        new_params[f"b{l}"] = params[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return new_params
