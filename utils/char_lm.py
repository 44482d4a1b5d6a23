"""Training and sampling a character-level language model: the answers of c5w1a2.

``clip`` (gradient clipping), ``sample`` (drawing a sequence from the model), ``optimize`` (one
training step) and ``model`` (the training loop) are the course's reference implementations of
the exercises of c5w1a2_char_language_model.  That notebook's grading sandbox does not contain
this module; its hidden tests and later notebooks import it.  The RNN itself (forward and
backward propagation, the update) is in :mod:`utils.char_rnn`.
"""
from __future__ import annotations

import numpy as np

from utils.char_rnn import (GRADIENT_KEYS, get_initial_loss, indices_to_text,
                            initialize_parameters, rnn_backward, rnn_forward, smooth, softmax,
                            update_parameters)
from utils.testing import course_reference

# The assignment whose exercises this module answers: its graded sandbox does not contain it.
TAUGHT_IN = ("c5w1a2_char_language_model",)

MAX_SAMPLE_LENGTH = 50


@course_reference
def clip(gradients: dict, maxValue: float) -> dict:
    """Clip every gradient entry to [-maxValue, maxValue]; new arrays, the input unchanged.

    gradients -- dict "dWaa", "dWax", "dWya", "db", "dby" of arrays
    Returns a new dict with the same keys and shapes.
    """
    return {key: np.clip(gradients[key], -maxValue, maxValue) for key in GRADIENT_KEYS}


@course_reference
def sample(parameters: dict, char_to_ix: dict, seed: int) -> list:
    """Sample a sequence of character indices from the RNN.

    Starts from x<1> = 0 and a<0> = 0.  Before drawing character number t (t = 0, 1, ...) it
    calls ``np.random.seed(seed + t)`` and then draws the index with
    ``np.random.choice(vocab_size, p=y.ravel())``; the drawn character's one-hot vector is the
    next input.  Stops after drawing the newline character, or after 50 characters; if none of
    them was the newline, the newline's index is appended.  Returns the list of indices.
    """
    Waa, Wax, Wya, by, b = (parameters[k] for k in ("Waa", "Wax", "Wya", "by", "b"))
    vocab_size, n_a = by.shape[0], Waa.shape[1]
    x = np.zeros((vocab_size, 1))
    a_prev = np.zeros((n_a, 1))
    newline = char_to_ix["\n"]
    indices = []
    idx = -1
    counter = 0
    while idx != newline and counter != MAX_SAMPLE_LENGTH:
        a = np.tanh(Wax @ x + Waa @ a_prev + b)
        y = softmax(Wya @ a + by)
        np.random.seed(seed + counter)
        idx = int(np.random.choice(vocab_size, p=y.ravel()))
        indices.append(idx)
        x = np.zeros((vocab_size, 1))
        x[idx] = 1.0
        a_prev = a
        counter += 1
    if idx != newline:                  # stopped after 50 characters without a newline
        indices.append(newline)
    return indices


@course_reference
def optimize(X: list, Y: list, a_prev: np.ndarray, parameters: dict,
             learning_rate: float = 0.01):
    """One step of training: forward, backward, clip to [-5, 5], update.

    Returns (loss, gradients (clipped), a[len(X) - 1], new parameters); nothing in place.
    """
    vocab_size = parameters["by"].shape[0]
    loss, cache = rnn_forward(X, Y, a_prev, parameters, vocab_size)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    parameters = update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1], parameters


@course_reference
def model(data_x: list, ix_to_char: dict, char_to_ix: dict, num_iterations: int = 30000,
          n_a: int = 50, sample_names: int = 7, vocab_size: int = 27, verbose: bool = False,
          print_every: int = 2000):
    """Train the character-level language model, one name per step.

    Returns (parameters, losses): the trained parameters and the smoothed loss after each
    iteration (a list of num_iterations floats).
    """
    parameters = initialize_parameters(n_a, vocab_size, vocab_size)
    loss = get_initial_loss(vocab_size, sample_names)
    examples = [x.strip() for x in data_x]
    np.random.seed(0)
    np.random.shuffle(examples)
    a_prev = np.zeros((n_a, 1))
    losses = []
    for j in range(num_iterations):
        idx = j % len(examples)
        X = [None] + [char_to_ix[ch] for ch in examples[idx]]
        Y = X[1:] + [char_to_ix["\n"]]
        curr_loss, gradients, a_prev, parameters = optimize(X, Y, a_prev, parameters, 0.01)
        loss = smooth(loss, curr_loss)
        losses.append(float(loss))
        if verbose and j % print_every == 0:
            print(f"Iteration {j}, loss {loss:.4f}")
            for seed in range(0, 100 * sample_names, 100):
                print("   ", indices_to_text(sample(parameters, char_to_ix, seed), ix_to_char))
    return parameters, losses
