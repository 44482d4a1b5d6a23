"""How good a classifier's predictions are: one definition for every notebook of the course.

    accuracy(predict(X, parameters), Y)      # e.g. 93.5: the percentage of examples right

The predictions come from the notebook's own ``predict`` (whatever network it trains), so this
module needs no network of its own.  The course framework's ``metrics=["accuracy"]`` (Keras's
convention) reports a fraction instead, as Keras does.
"""
from __future__ import annotations

import numpy as np

__all__ = ["accuracy"]


def accuracy(predictions, Y) -> float:
    """The percentage (0 to 100) of examples whose predicted label equals the true label.

    predictions, Y -- arrays of the same shape, one label per example: 0/1 labels of shape
    (1, m), or class indices of shape (m,) (``np.argmax(..., axis=0)`` of one-hot columns).
    """
    predictions, Y = np.asarray(predictions), np.asarray(Y)
    if predictions.shape != Y.shape:
        raise ValueError(f"accuracy: predictions of shape {predictions.shape} and labels of shape "
                         f"{Y.shape}: give one prediction per label")
    return 100.0 * float(np.mean(predictions == Y))
