"""Optimizers with the update rules of Course 2 (week 2), applied to tensors.

For every trainable weight W with gradient dW (``W.grad`` after ``loss.backward()``), at step
t = 1, 2, ...:

* SGD:       W -= lr * dW;  with momentum beta: v = beta v + (1 - beta) dW,  W -= lr * v
* RMSprop:   s = rho s + (1 - rho) dW^2,  W -= lr * dW / (sqrt(s) + eps)
* Adam:      v = beta1 v + (1 - beta1) dW,  s = beta2 s + (1 - beta2) dW^2,
             v_hat = v / (1 - beta1^t),  s_hat = s / (1 - beta2^t),
             W -= lr * v_hat / (sqrt(s_hat) + eps)

(Keras writes momentum as v = beta v - lr dW; the course's average differs by the factor
1 - beta in the effective learning rate.)

Use ``optimizer.step(weights)`` after ``loss.backward()`` (it reads and then clears each
``.grad``), or ``optimizer.apply_gradients(zip(grads, weights))`` with gradients you computed.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np

from .tensor import Tensor

__all__ = ["Optimizer", "SGD", "RMSprop", "Adam", "get"]


class Optimizer:
    """Base class: keeps per-weight state (keyed by the weight tensor) and the step count t.

    clipvalue -- if given, every gradient entry is first clipped to [-clipvalue, clipvalue]
    clipnorm  -- if given, each gradient whose norm exceeds clipnorm is scaled down to it
    (both guard recurrent networks against exploding gradients).
    """

    def __init__(self, learning_rate: float = 0.01, clipvalue: float | None = None,
                 clipnorm: float | None = None):
        self.learning_rate = float(learning_rate)
        self.clipvalue, self.clipnorm = clipvalue, clipnorm
        self.iterations = 0            # t, the number of updates made so far
        self._state: dict[int, dict] = {}

    def step(self, weights: Iterable[Tensor]) -> None:
        """Update every weight that has a ``.grad``, then clear the gradients."""
        weights = list(weights)
        self.apply_gradients((w.grad, w) for w in weights if w.grad is not None)
        for w in weights:
            w.grad = None

    def apply_gradients(self, grads_and_weights) -> None:
        """One update step: ``W -= ...`` (in place) for each (gradient, weight) pair."""
        pairs = [(g, w) for g, w in grads_and_weights if g is not None]
        self.iterations += 1
        for g, w in pairs:
            g = np.asarray(g.data if isinstance(g, Tensor) else g)
            if g.shape != w.shape:
                raise ValueError(f"{type(self).__name__}: gradient of shape {g.shape} for "
                                 f"weight {w.name} of shape {w.shape}")
            g = g.astype(w.dtype, copy=False)
            if self.clipvalue is not None:
                g = np.clip(g, -self.clipvalue, self.clipvalue)
            if self.clipnorm is not None:
                norm = float(np.sqrt(np.sum(g * g)))
                if norm > self.clipnorm:
                    g = g * (self.clipnorm / norm)
            self._update(w.data, g, self._state.setdefault(id(w), {}))

    def _update(self, W: np.ndarray, dW: np.ndarray, state: dict) -> None:
        raise NotImplementedError

    def get_config(self) -> dict:
        """The optimizer's settings as plain data (learning_rate, clipping and its own)."""
        keys = ("learning_rate", "clipvalue", "clipnorm", "momentum", "rho", "beta_1",
                "beta_2", "epsilon")
        return {k: getattr(self, k) for k in keys if hasattr(self, k)}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(learning_rate={self.learning_rate})"


class SGD(Optimizer):
    """Gradient descent, with the course's momentum when ``momentum`` > 0."""

    def __init__(self, learning_rate: float = 0.01, momentum: float = 0.0, **clip):
        super().__init__(learning_rate, **clip)
        self.momentum = float(momentum)

    def _update(self, W, dW, state):
        if self.momentum == 0:
            W -= self.learning_rate * dW
            return
        v = state.setdefault("v", np.zeros_like(W))
        v *= self.momentum
        v += (1 - self.momentum) * dW
        W -= self.learning_rate * v


class RMSprop(Optimizer):
    """Divide the step by a running root mean square of the gradient."""

    def __init__(self, learning_rate: float = 0.001, rho: float = 0.9, epsilon: float = 1e-7,
                 **clip):
        super().__init__(learning_rate, **clip)
        self.rho, self.epsilon = float(rho), float(epsilon)

    def _update(self, W, dW, state):
        s = state.setdefault("s", np.zeros_like(W))
        s *= self.rho
        s += (1 - self.rho) * dW * dW
        W -= self.learning_rate * dW / (np.sqrt(s) + self.epsilon)


class Adam(Optimizer):
    """Momentum and RMSprop together, with bias correction (Course 2's formulas)."""

    def __init__(self, learning_rate: float = 0.001, beta_1: float = 0.9,
                 beta_2: float = 0.999, epsilon: float = 1e-8, **clip):
        super().__init__(learning_rate, **clip)
        self.beta_1, self.beta_2, self.epsilon = float(beta_1), float(beta_2), float(epsilon)

    def _update(self, W, dW, state):
        t = self.iterations
        v = state.setdefault("v", np.zeros_like(W))
        s = state.setdefault("s", np.zeros_like(W))
        v *= self.beta_1
        v += (1 - self.beta_1) * dW
        s *= self.beta_2
        s += (1 - self.beta_2) * dW * dW
        v_hat = v / (1 - self.beta_1 ** t)
        s_hat = s / (1 - self.beta_2 ** t)
        W -= self.learning_rate * v_hat / (np.sqrt(s_hat) + self.epsilon)


_NAMES = {"sgd": SGD, "rmsprop": RMSprop, "adam": Adam}


def get(optimizer) -> Optimizer:
    """An optimizer from a name ("adam", "sgd", "rmsprop", default settings) or an instance."""
    if isinstance(optimizer, Optimizer):
        return optimizer
    if isinstance(optimizer, str) and optimizer.lower() in _NAMES:
        return _NAMES[optimizer.lower()]()
    raise ValueError(f"unknown optimizer {optimizer!r}; use one of {', '.join(_NAMES)} or an "
                     "Optimizer instance")
