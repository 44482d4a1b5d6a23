"""Weight initializers and the framework's one random generator (seed it with ``set_seed``).

Every random draw of the framework (initial weights, dropout masks, shuffling in ``fit``,
random flips) comes from :func:`rng`, so ``utils.nn.set_seed(n)`` makes a notebook repeat itself
exactly.  ``set_seed`` also seeds ``np.random`` for the notebook's own code.

Initializers are called as ``init(shape, dtype) -> array``; ``get("glorot_uniform")`` turns
a Keras-style name into one.  A random initializer given a ``seed`` (``GlorotUniform(seed=0)``)
does not use the framework's generator: as in Keras, it returns the same values every time it
is called with the same shape, whatever was drawn before (tests build a layer twice and get the
same weights).  For a kernel (n_in, n_out) (or a conv kernel (f, f, n_C_prev,
n_C)), fan_in = n_in * receptive field, fan_out = n_out * receptive field.
"""
from __future__ import annotations

import numpy as np

from .tensor import get_default_dtype

__all__ = ["set_seed", "rng", "GlorotUniform", "GlorotNormal", "HeNormal", "HeUniform",
           "RandomNormal", "RandomUniform", "Zeros", "Ones", "Constant", "get"]

_RNG = np.random.default_rng(0)


def set_seed(seed: int) -> None:
    """Seed the framework's generator (and ``np.random``): the same seed, the same run."""
    global _RNG
    _RNG = np.random.default_rng(seed)
    np.random.seed(seed)


def rng() -> np.random.Generator:
    """The framework's random generator (use it in layers for any random draw)."""
    return _RNG


def _fans(shape) -> tuple[int, int]:
    if len(shape) < 2:
        return int(np.prod(shape)), int(np.prod(shape))
    receptive = int(np.prod(shape[:-2]))
    return shape[-2] * receptive, shape[-1] * receptive


class Initializer:
    """Base class: ``init(shape, dtype=None)`` returns a new array.

    seed -- None: draw from the framework's generator ``rng()``; an int: draw from a new
            generator seeded with it at every call (the same shape gives the same values)
    """

    seed = None

    def __call__(self, shape, dtype=None) -> np.ndarray:
        dtype = get_default_dtype() if dtype is None else dtype
        return np.asarray(self.sample(tuple(shape)), dtype=dtype)

    def _rng(self) -> np.random.Generator:
        return rng() if self.seed is None else np.random.default_rng(self.seed)

    def sample(self, shape):  # pragma: no cover - overridden
        raise NotImplementedError

    def __repr__(self) -> str:
        return type(self).__name__ + ("()" if self.seed is None else f"(seed={self.seed})")


class _Seeded(Initializer):
    def __init__(self, seed: int | None = None):
        self.seed = seed


class GlorotUniform(_Seeded):
    """Uniform on [-limit, limit], limit = sqrt(6 / (fan_in + fan_out)) (the Keras default)."""

    def sample(self, shape):
        fan_in, fan_out = _fans(shape)
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return self._rng().uniform(-limit, limit, size=shape)


class GlorotNormal(_Seeded):
    """Normal with std sqrt(2 / (fan_in + fan_out)) (truncation omitted)."""

    def sample(self, shape):
        fan_in, fan_out = _fans(shape)
        return self._rng().normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=shape)


class HeNormal(_Seeded):
    """Normal with std sqrt(2 / fan_in): He et al., the course's choice for ReLU layers."""

    def sample(self, shape):
        return self._rng().normal(0.0, np.sqrt(2.0 / _fans(shape)[0]), size=shape)


class HeUniform(_Seeded):
    """Uniform on [-limit, limit], limit = sqrt(6 / fan_in)."""

    def sample(self, shape):
        limit = np.sqrt(6.0 / _fans(shape)[0])
        return self._rng().uniform(-limit, limit, size=shape)


class RandomNormal(Initializer):
    """Normal(mean, stddev)."""

    def __init__(self, mean=0.0, stddev=0.05, seed: int | None = None):
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def sample(self, shape):
        return self._rng().normal(self.mean, self.stddev, size=shape)


class RandomUniform(Initializer):
    """Uniform on [minval, maxval)."""

    def __init__(self, minval=-0.05, maxval=0.05, seed: int | None = None):
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def sample(self, shape):
        return self._rng().uniform(self.minval, self.maxval, size=shape)


class Constant(Initializer):
    """Every entry equal to ``value``."""

    def __init__(self, value=0.0):
        self.value = value

    def sample(self, shape):
        return np.full(shape, self.value)


class Zeros(Constant):
    def __init__(self):
        super().__init__(0.0)


class Ones(Constant):
    def __init__(self):
        super().__init__(1.0)


_NAMES = {"glorot_uniform": GlorotUniform, "glorot_normal": GlorotNormal,
          "he_normal": HeNormal, "he_uniform": HeUniform, "random_normal": RandomNormal,
          "random_uniform": RandomUniform,
          "zeros": Zeros, "ones": Ones}


def get(init) -> Initializer:
    """An initializer from a name ("glorot_uniform", "he_normal", "zeros", ...), an instance,
    or any function ``(shape, dtype) -> array``."""
    if isinstance(init, str):
        if init not in _NAMES:
            raise ValueError(f"unknown initializer {init!r}; known: {', '.join(_NAMES)}")
        return _NAMES[init]()
    if callable(init):
        return init
    raise TypeError(f"an initializer must be a name or a callable, got {init!r}")
