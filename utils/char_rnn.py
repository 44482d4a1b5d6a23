"""The character-level RNN that c5w1a2 (character-level language model) gives its students.

One RNN cell reads a character as a one-hot column ``x`` of shape ``(vocab_size, 1)`` and keeps
a hidden state ``a`` of shape ``(n_a, 1)``; at every time step ``t`` it predicts a probability
distribution over the next character:

    a<t>     = tanh(Wax x<t> + Waa a<t-1> + b)          (n_a, 1)
    y_hat<t> = softmax(Wya a<t> + by)                   (vocab_size, 1)

Parameters live in a dict with keys ``"Wax"`` ``(n_a, vocab_size)``, ``"Waa"`` ``(n_a, n_a)``,
``"Wya"`` ``(vocab_size, n_a)``, ``"b"`` ``(n_a, 1)`` and ``"by"`` ``(vocab_size, 1)``; their
gradients in a dict with the same keys prefixed by ``d`` (``"dWax"``, ...).

A training example is a pair of lists of character indices ``X`` and ``Y`` of the same length
``T``: ``X[0]`` is ``None`` (the first input is the zero vector) and ``Y[t] = X[t + 1]``, with
the index of the newline character as the last target.  The loss of an example is the summed
cross-entropy ``sum_t -log y_hat<t>[Y[t]]``.

These are *given* helpers (forward and backward propagation through time, the update, the
smoothing of the printed loss); the exercises of c5w1a2 (``clip``, ``sample``, ``optimize``,
``model``) are answered in :mod:`utils.char_lm`, which that notebook does not import.
Nothing here changes its arguments in place.
"""
from __future__ import annotations

import numpy as np

__all__ = ["softmax", "smooth", "get_initial_loss", "initialize_parameters",
           "rnn_step_forward", "rnn_step_backward", "rnn_forward", "rnn_backward",
           "update_parameters", "indices_to_text", "PARAMETER_KEYS", "GRADIENT_KEYS"]

PARAMETER_KEYS = ("Wax", "Waa", "Wya", "b", "by")
GRADIENT_KEYS = tuple("d" + key for key in PARAMETER_KEYS)


def softmax(z: np.ndarray) -> np.ndarray:
    """Softmax of each column of ``z`` (shape ``(n, m)``), computed without overflow."""
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def smooth(loss: float, cur_loss: float) -> float:
    """Exponentially weighted average of the loss (beta = 0.999): what training prints."""
    return loss * 0.999 + cur_loss * 0.001


def get_initial_loss(vocab_size: int, seq_length: int) -> float:
    """The loss of a model that guesses uniformly, over ``seq_length`` characters.

    Each character then costs ``-log(1 / vocab_size)``; this is where the smoothed loss starts.
    """
    return -np.log(1.0 / vocab_size) * seq_length


def initialize_parameters(n_a: int, n_x: int, n_y: int, seed: int = 1) -> dict:
    """Small random weights (standard normal times 0.01) and zero biases.

    Arguments:
    n_a -- number of hidden units
    n_x -- size of the input (vocab_size)
    n_y -- size of the output (vocab_size)
    seed -- ``np.random.seed(seed)`` is called first, then Wax, Waa, Wya are drawn in that order
            with ``np.random.randn``

    Returns:
    parameters -- dict: "Wax" (n_a, n_x), "Waa" (n_a, n_a), "Wya" (n_y, n_a), "b" (n_a, 1),
                  "by" (n_y, 1)
    """
    np.random.seed(seed)
    return {
        "Wax": np.random.randn(n_a, n_x) * 0.01,
        "Waa": np.random.randn(n_a, n_a) * 0.01,
        "Wya": np.random.randn(n_y, n_a) * 0.01,
        "b": np.zeros((n_a, 1)),
        "by": np.zeros((n_y, 1)),
    }


def rnn_step_forward(parameters: dict, a_prev: np.ndarray, x: np.ndarray):
    """One time step: the new hidden state and the distribution over the next character.

    Arguments:
    parameters -- dict of the RNN's parameters (see the module docstring)
    a_prev -- hidden state a<t-1>, shape (n_a, 1)
    x -- input x<t>, a one-hot (or zero) column, shape (vocab_size, 1)

    Returns:
    a_next -- a<t> = tanh(Wax x + Waa a_prev + b), shape (n_a, 1)
    p_t -- y_hat<t> = softmax(Wya a<t> + by), shape (vocab_size, 1)
    """
    a_next = np.tanh(parameters["Wax"] @ x + parameters["Waa"] @ a_prev + parameters["b"])
    p_t = softmax(parameters["Wya"] @ a_next + parameters["by"])
    return a_next, p_t


def rnn_step_backward(dy: np.ndarray, gradients: dict, parameters: dict, x: np.ndarray,
                      a: np.ndarray, a_prev: np.ndarray, da_next: np.ndarray):
    """Back-propagate one time step and add its share to the gradients.

    Arguments:
    dy -- gradient of the loss with respect to the logits Wya a<t> + by, shape (vocab_size, 1)
          (for the softmax cross-entropy, y_hat<t> minus the one-hot target)
    gradients -- dict "dWax", "dWaa", "dWya", "db", "dby": the sums over later time steps
    parameters -- the RNN's parameters
    x, a, a_prev -- x<t> (vocab_size, 1), a<t> (n_a, 1) and a<t-1> (n_a, 1) of the forward pass
    da_next -- gradient of the loss of the later time steps with respect to a<t>, (n_a, 1)

    Returns:
    gradients -- a new dict: the sums including time step t
    da_prev -- gradient of the loss of steps t, t+1, ... with respect to a<t-1>, (n_a, 1)
    """
    da = parameters["Wya"].T @ dy + da_next
    dz = (1.0 - a * a) * da                     # tanh'(z) = 1 - tanh(z)^2
    new = {
        "dWya": gradients["dWya"] + dy @ a.T,
        "dby": gradients["dby"] + dy,
        "dWax": gradients["dWax"] + dz @ x.T,
        "dWaa": gradients["dWaa"] + dz @ a_prev.T,
        "db": gradients["db"] + dz,
    }
    return new, parameters["Waa"].T @ dz


def _one_hot(index, vocab_size: int) -> np.ndarray:
    x = np.zeros((vocab_size, 1))
    if index is not None:
        x[index] = 1.0
    return x


def rnn_forward(X: list, Y: list, a0: np.ndarray, parameters: dict, vocab_size: int | None = None):
    """Forward propagation through one example and its loss.

    Arguments:
    X -- list of T input indices; X[0] is None (the first input is the zero vector)
    Y -- list of T target indices (the character that follows each input)
    a0 -- initial hidden state, shape (n_a, 1)
    parameters -- the RNN's parameters
    vocab_size -- number of characters; None (the default) takes it from parameters["Wax"]

    Returns:
    loss -- sum over t of -log y_hat<t>[Y[t]], a float
    cache -- (y_hat, a, x): dicts keyed by t = 0 .. T-1 of the columns y_hat<t>
             (vocab_size, 1), a<t> (n_a, 1) and x<t> (vocab_size, 1); a[-1] is a0
    """
    if vocab_size is None:
        vocab_size = parameters["Wax"].shape[1]
    x, a, y_hat = {}, {-1: np.copy(a0)}, {}
    loss = 0.0
    for t in range(len(X)):
        x[t] = _one_hot(X[t], vocab_size)
        a[t], y_hat[t] = rnn_step_forward(parameters, a[t - 1], x[t])
        loss -= float(np.log(y_hat[t][Y[t], 0]))
    return loss, (y_hat, a, x)


def rnn_backward(X: list, Y: list, parameters: dict, cache: tuple):
    """Backpropagation through time for the loss of :func:`rnn_forward`.

    Arguments:
    X, Y -- the example's input and target indices (lists of length T)
    parameters -- the RNN's parameters
    cache -- what rnn_forward returned with the loss

    Returns:
    gradients -- dict "dWax" (n_a, vocab_size), "dWaa" (n_a, n_a), "dWya" (vocab_size, n_a),
                 "db" (n_a, 1), "dby" (vocab_size, 1): gradients of the loss
    a -- the hidden states of the forward pass (the cache's dict, a[t] of shape (n_a, 1))
    """
    y_hat, a, x = cache
    gradients = {"d" + key: np.zeros_like(value) for key, value in parameters.items()
                 if key in PARAMETER_KEYS}
    da_next = np.zeros_like(a[0])
    for t in reversed(range(len(X))):
        dy = np.copy(y_hat[t])
        dy[Y[t]] -= 1.0
        gradients, da_next = rnn_step_backward(dy, gradients, parameters, x[t], a[t],
                                               a[t - 1], da_next)
    return gradients, a


def update_parameters(parameters: dict, gradients: dict, learning_rate: float) -> dict:
    """One gradient-descent step: a new dict with W - learning_rate * dW for every parameter."""
    return {key: parameters[key] - learning_rate * gradients["d" + key] for key in PARAMETER_KEYS}


def indices_to_text(indices, ix_to_char: dict) -> str:
    """The characters of a list of indices, as one string (newlines removed)."""
    return "".join(ix_to_char[int(i)] for i in indices).replace("\n", "")
