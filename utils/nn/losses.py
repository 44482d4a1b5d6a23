"""Losses (a scalar tensor: the mean over the batch) and metrics (plain numbers).

A loss is called as ``loss(y_true, y_pred)``: ``y_true`` a NumPy array of labels, ``y_pred``
the model's output tensor.  Cross-entropies take probabilities by default (the output of a
softmax / sigmoid layer) or logits with ``from_logits=True``.  When the probabilities come
straight from a softmax or sigmoid, the loss is computed from the logits underneath (fused,
stable; the gradient is the course's ``A - Y``), as Keras does.

A custom loss is any function ``(y_true, y_pred) -> scalar Tensor`` built from tensor
operations; ``compile(loss=my_loss)`` accepts it, and so does a hand-written training step::

    logits = model(x, training=True)
    loss = my_loss(y, logits)
    loss.backward()                      # every weight's .grad (and x.grad if x requires grad)
    optimizer.step(model.trainable_weights)
"""
from __future__ import annotations

import numpy as np

from . import ops
from .tensor import Tensor, as_tensor

__all__ = ["Loss", "BinaryCrossentropy", "CategoricalCrossentropy",
           "SparseCategoricalCrossentropy", "MeanSquaredError", "binary_crossentropy",
           "categorical_crossentropy", "sparse_categorical_crossentropy", "mean_squared_error",
           "get", "accuracy", "binary_accuracy", "categorical_accuracy",
           "sparse_categorical_accuracy", "get_metric", "to_categorical"]

_EPS = 1e-7


def _labels(y_true) -> np.ndarray:
    return np.asarray(y_true.data if isinstance(y_true, Tensor) else y_true)


def _match(y: np.ndarray, pred: Tensor, name: str) -> np.ndarray:
    """y reshaped to pred's shape when only singleton axes differ ((m,) vs (m, 1))."""
    if y.shape != pred.shape:
        if y.size != pred.size:
            hint = (" (integer class labels go with sparse_categorical_crossentropy)"
                    if name == "categorical_crossentropy" and y.size * pred.shape[-1] == pred.size
                    else "")
            raise ValueError(f"{name}: labels of shape {y.shape} do not fit predictions of "
                             f"shape {pred.shape}{hint}")
        y = y.reshape(pred.shape)
    return y


def to_categorical(y, num_classes: int | None = None, dtype=np.float32) -> np.ndarray:
    """Integer labels of any shape (...) -> one-hot array (..., num_classes), the Keras layout
    (one example per row).  num_classes defaults to max(y) + 1."""
    y = np.asarray(y, dtype=np.intp)
    num_classes = int(y.max()) + 1 if num_classes is None else int(num_classes)
    return np.eye(num_classes, dtype=dtype)[y]


def _made_by(y_pred: Tensor, activation: str) -> bool:
    """Whether y_pred is the direct output of ops.softmax (last axis) / ops.sigmoid."""
    return y_pred._logits is not None and y_pred._logits[0] == activation


def categorical_crossentropy(y_true, y_pred, from_logits: bool = False) -> Tensor:
    """-mean over examples of sum_c y_c log p_c; y_true one-hot (m, C), y_pred (m, C)."""
    y_pred = as_tensor(y_pred)
    y = _match(_labels(y_true), y_pred, "categorical_crossentropy").astype(y_pred.dtype)
    if not from_logits and _made_by(y_pred, "softmax"):
        y_pred, from_logits = y_pred._logits[1], True
    if from_logits:
        return ops.mean(ops.softmax_cross_entropy(y_pred, y))
    p = ops.clip(y_pred, _EPS, 1 - _EPS)
    return ops.mean(-ops.sum(ops.log(p) * y, axis=-1))


def sparse_categorical_crossentropy(y_true, y_pred, from_logits: bool = False) -> Tensor:
    """Like categorical_crossentropy with integer labels (m,) (or (m, 1)) instead of one-hot."""
    y_pred = as_tensor(y_pred)
    y = _labels(y_true).astype(np.intp)
    if y.shape != y_pred.shape[:-1]:
        if y.size != int(np.prod(y_pred.shape[:-1])):
            raise ValueError(f"sparse_categorical_crossentropy: integer labels of shape "
                             f"{y.shape} do not fit predictions of shape {y_pred.shape}")
        y = y.reshape(y_pred.shape[:-1])
    if not from_logits and _made_by(y_pred, "softmax"):
        y_pred, from_logits = y_pred._logits[1], True
    if from_logits:
        return ops.mean(ops.softmax_cross_entropy(y_pred, y, sparse=True))
    onehot = np.eye(y_pred.shape[-1], dtype=y_pred.dtype)[y]
    p = ops.clip(y_pred, _EPS, 1 - _EPS)
    return ops.mean(-ops.sum(ops.log(p) * onehot, axis=-1))


def binary_crossentropy(y_true, y_pred, from_logits: bool = False) -> Tensor:
    """-mean of y log p + (1 - y) log(1 - p); y_true 0/1 of y_pred's shape (or (m,) for (m, 1))."""
    y_pred = as_tensor(y_pred)
    y = _match(_labels(y_true), y_pred, "binary_crossentropy").astype(y_pred.dtype)
    if not from_logits and _made_by(y_pred, "sigmoid"):
        y_pred, from_logits = y_pred._logits[1], True
    if from_logits:
        return ops.mean(ops.sigmoid_binary_cross_entropy(y_pred, y))
    p = ops.clip(y_pred, _EPS, 1 - _EPS)
    return ops.mean(-(ops.log(p) * y + ops.log(1 - p) * (1 - y)))


def mean_squared_error(y_true, y_pred) -> Tensor:
    """mean of (y - y_pred)^2 over all entries."""
    y_pred = as_tensor(y_pred)
    y = _match(_labels(y_true), y_pred, "mean_squared_error").astype(y_pred.dtype)
    diff = y_pred - y
    return ops.mean(diff * diff)


class Loss:
    """A loss with settings, Keras style: ``CategoricalCrossentropy(from_logits=True)``."""

    fn = None
    name = "loss"

    def __init__(self, from_logits: bool = False):
        self.from_logits = from_logits

    def __call__(self, y_true, y_pred) -> Tensor:
        return type(self).fn(y_true, y_pred, from_logits=self.from_logits)

    def get_config(self) -> dict:
        return {"from_logits": bool(self.from_logits)}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(from_logits={self.from_logits})"


class CategoricalCrossentropy(Loss):
    fn, name = staticmethod(categorical_crossentropy), "categorical_crossentropy"


class SparseCategoricalCrossentropy(Loss):
    fn, name = staticmethod(sparse_categorical_crossentropy), "sparse_categorical_crossentropy"


class BinaryCrossentropy(Loss):
    fn, name = staticmethod(binary_crossentropy), "binary_crossentropy"


class MeanSquaredError(Loss):
    name = "mean_squared_error"

    def __init__(self):
        super().__init__(False)

    def __call__(self, y_true, y_pred):
        return mean_squared_error(y_true, y_pred)


_LOSSES = {"categorical_crossentropy": CategoricalCrossentropy,
           "sparse_categorical_crossentropy": SparseCategoricalCrossentropy,
           "binary_crossentropy": BinaryCrossentropy,
           "mean_squared_error": MeanSquaredError, "mse": MeanSquaredError}


def get(loss):
    """A loss from a name ("categorical_crossentropy", "binary_crossentropy", "mse", ...), a
    Loss instance or any function (y_true, y_pred) -> scalar Tensor."""
    if isinstance(loss, str):
        if loss not in _LOSSES:
            raise ValueError(f"unknown loss {loss!r}; known: {', '.join(_LOSSES)}")
        return _LOSSES[loss]()
    if callable(loss):
        return loss
    raise TypeError(f"a loss must be a name or a function, got {loss!r}")


# ------------------------------------------------------------------------------ metrics
def binary_accuracy(y_true, y_pred, threshold: float = 0.5) -> float:
    """Fraction of entries where (y_pred > threshold) equals y_true."""
    pred = np.asarray(y_pred)
    y = _labels(y_true)
    y = y.reshape(pred.shape) if y.size == pred.size else y
    return float(np.mean((pred > threshold) == (y > 0.5)))


def categorical_accuracy(y_true, y_pred) -> float:
    """Fraction of examples whose largest output is the one-hot label's class."""
    return float(np.mean(np.argmax(y_pred, -1) == np.argmax(_labels(y_true), -1)))


def sparse_categorical_accuracy(y_true, y_pred) -> float:
    """Fraction of examples whose largest output is the integer label."""
    pred = np.argmax(y_pred, -1)
    return float(np.mean(pred == _labels(y_true).reshape(pred.shape)))


def accuracy(y_true, y_pred) -> float:
    """Accuracy, guessing the label format: one output unit -> binary (threshold 0.5),
    labels of y_pred's shape -> one-hot, otherwise integer labels."""
    y, pred = _labels(y_true), np.asarray(y_pred)
    if pred.shape[-1] == 1 or pred.ndim == 1:
        return binary_accuracy(y, pred)
    if y.shape == pred.shape:
        return categorical_accuracy(y, pred)
    return sparse_categorical_accuracy(y, pred)


_METRICS = {"binary_accuracy": binary_accuracy, "categorical_accuracy": categorical_accuracy,
            "sparse_categorical_accuracy": sparse_categorical_accuracy}


def get_metric(metric, loss=None):
    """(name, function(y_true, y_pred_array) -> float).  "accuracy" follows the loss: binary,
    categorical or sparse (with from_logits, binary accuracy thresholds the logit at 0)."""
    if callable(metric):
        return getattr(metric, "__name__", "metric"), metric
    if metric in ("accuracy", "acc"):
        from_logits = getattr(loss, "from_logits", False)
        if isinstance(loss, BinaryCrossentropy):
            return "accuracy", (lambda y, p: binary_accuracy(y, p, 0.0 if from_logits else 0.5))
        if isinstance(loss, CategoricalCrossentropy):
            return "accuracy", categorical_accuracy
        if isinstance(loss, SparseCategoricalCrossentropy):
            return "accuracy", sparse_categorical_accuracy
        return "accuracy", accuracy
    if metric in _METRICS:
        return metric, _METRICS[metric]
    raise ValueError(f"unknown metric {metric!r}; known: accuracy, {', '.join(_METRICS)}")
