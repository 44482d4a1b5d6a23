"""Layers that pick tokens, for models that generate a sequence one step at a time.

A generating model feeds each step's chosen token back in as the next step's input, inside
the graph, so that ``Model(...).get_config()`` describes the whole loop:

    out = densor(a)                                  # (m, n_values) probabilities
    token = Argmax(axis=-1)(out)                     # (m,) int64: the likeliest token
    token = RandomCategorical(temperature=0.8)(out)  # or: (m,) a token drawn at temperature 0.8
    x = OneHot(n_values)(token)                      # (m, n_values) float
    x = RepeatVector(1)(x)                           # (m, 1, n_values): one more time step

``TimeStep(t)`` reads one step of a sequence (``X[:, t, :]`` as a layer).  Argmax, OneHot and
RandomCategorical have no gradient (a chosen token is not a differentiable function of the
probabilities); TimeStep's gradient is the one of ``ops.getitem`` (gradient-checked in
tests/test_music.py).  RandomCategorical draws from the framework's generator
(``nn.set_seed`` repeats its draws) in every mode, ``predict`` included.
"""
from __future__ import annotations

import numpy as np

from . import initializers, ops
from .layers import Layer, LayerError, _shape_str
from .tensor import Tensor, get_default_dtype

__all__ = ["TimeStep", "Argmax", "OneHot", "RandomCategorical"]


class TimeStep(Layer):
    """(m, T, d) -> (m, d): the step ``index`` of a sequence (negative counts from the end)."""

    _config_keys = ("index",)

    def __init__(self, index: int, **kwargs):
        super().__init__(**kwargs)
        self.index = int(index)

    def _check_input(self, shape):
        if len(shape) < 3 or (shape[1] is not None and not -shape[1] <= self.index < shape[1]):
            raise LayerError(f"layer '{self.name}' (TimeStep) cannot take step {self.index} of "
                             f"input {_shape_str(shape)}: it expects (m, T, d) with "
                             f"-T <= index < T")

    def call(self, x):
        return ops.getitem(x, (slice(None), self.index))


class Argmax(Layer):
    """The index of the largest entry along ``axis``: (m, n) -> (m,) int64 (no gradient)."""

    _config_keys = ("axis",)

    def __init__(self, axis: int = -1, **kwargs):
        super().__init__(**kwargs)
        self.axis = int(axis)

    def _check_input(self, shape):
        if not -len(shape) <= self.axis < len(shape):
            raise LayerError(f"layer '{self.name}' (Argmax): axis {self.axis} is out of range "
                             f"for input {_shape_str(shape)}")

    def call(self, x):
        return Tensor._wrap(np.argmax(x.data, axis=self.axis).astype(np.int64))


class OneHot(Layer):
    """Integer tokens (m, ...) -> one-hot vectors (m, ..., depth) in the default float dtype
    (no gradient).  A token outside 0..depth-1 is an error."""

    _config_keys = ("depth",)

    def __init__(self, depth: int, **kwargs):
        super().__init__(**kwargs)
        self.depth = int(depth)

    def call(self, x):
        ids = np.asarray(x.data)
        if ids.dtype.kind not in "iu":
            if not np.all(ids == np.round(ids)):
                raise LayerError(f"layer '{self.name}' (OneHot) needs integer tokens, got "
                                 f"values of type {ids.dtype}")
            ids = ids.astype(np.int64)
        if ids.size and (ids.min() < 0 or ids.max() >= self.depth):
            raise LayerError(f"layer '{self.name}' (OneHot): tokens must lie in 0..{self.depth - 1}, "
                             f"got {int(ids.min())}..{int(ids.max())}")
        out = np.zeros(ids.shape + (self.depth,), dtype=get_default_dtype())
        np.put_along_axis(out, ids[..., None], 1.0, axis=-1)
        return Tensor._wrap(out)


class RandomCategorical(Layer):
    """One token per row drawn from probabilities reshaped by a temperature (no gradient).

    (m, n) probabilities p -> (m,) int64, token k drawn with probability
    p_k ** (1 / temperature) / sum_j p_j ** (1 / temperature): temperature 1 samples p itself,
    a lower temperature sharpens it (towards the argmax), a higher one flattens it (towards
    uniform).  Computed from log p (rows need not sum to 1; zeros are never drawn; a row of
    zeros draws uniformly)."""

    _config_keys = ("temperature",)

    def __init__(self, temperature: float = 1.0, **kwargs):
        super().__init__(**kwargs)
        if not temperature > 0:
            raise ValueError(f"RandomCategorical: temperature must be > 0, got {temperature}")
        self.temperature = float(temperature)

    def _check_input(self, shape):
        if len(shape) != 2:
            raise LayerError(f"layer '{self.name}' (RandomCategorical) expects probabilities "
                             f"(m, n), got {_shape_str(shape)}")

    def call(self, x):
        p = np.asarray(x.data, dtype=np.float64)
        with np.errstate(divide="ignore"):
            logits = np.log(np.maximum(p, 0.0)) / self.temperature
        top = logits.max(axis=-1, keepdims=True)
        # a row without positive probability (zeros, as when a graph is built) is uniform
        weights = np.where(np.isfinite(top), np.exp(logits - np.where(np.isfinite(top), top, 0)),
                           1.0)
        cdf = np.cumsum(weights, axis=-1)
        u = initializers.rng().random((p.shape[0], 1)) * cdf[:, -1:]
        ids = (cdf <= u).sum(axis=-1)
        return Tensor._wrap(np.minimum(ids, p.shape[-1] - 1).astype(np.int64))
