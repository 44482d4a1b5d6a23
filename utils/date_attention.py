"""Reference answers of c5w3a1 (date translation with attention): one attention step and the
whole model, built with the course framework.

The notebook that teaches them must not import this module (its grading sandbox does not hold
it); the hidden tests, ``datasets/train_dates.py`` and ``tests/`` import it.

The notebook keeps the attention layers (and the post-attention LSTM and the output layer) in
global variables that ``one_step_attention`` and ``modelf`` use, so that the Ty attention steps
share one set of weights.  Here the same layers are made by ``shared_layers`` and passed
explicitly, so that every reference model has its own.

Shapes: a (m, Tx, 2 n_a) the Bi-LSTM's outputs; s_prev (m, n_s) the post-attention LSTM's
previous hidden state; context (m, 1, 2 n_a); the model maps [X (m, Tx, human_vocab_size),
s0 (m, n_s), c0 (m, n_s)] to a list of Ty arrays (m, machine_vocab_size) of probabilities.
"""
from __future__ import annotations

from utils import nn
from utils.testing import course_reference

TAUGHT_IN = ("c5w3a1_date_attention",)

__all__ = ["shared_layers", "one_step_attention", "modelf"]


def shared_layers(Tx: int, n_s: int, machine_vocab_size: int) -> dict:
    """The layers every step shares, by the names the notebook gives its globals:
    repeator, concatenator, densor1, densor2, activator, dotor (attention),
    post_activation_LSTM_cell and output_layer."""
    return {
        "repeator": nn.RepeatVector(Tx),
        "concatenator": nn.Concatenate(axis=-1),
        "densor1": nn.Dense(10, activation="tanh"),
        "densor2": nn.Dense(1, activation="relu"),
        "activator": nn.Softmax(axis=1, name="attention_weights"),
        "dotor": nn.Dot(axes=1),
        "post_activation_LSTM_cell": nn.LSTM(n_s, return_state=True),
        "output_layer": nn.Dense(machine_vocab_size, activation="softmax"),
    }


@course_reference
def one_step_attention(a, s_prev, layers: dict):
    """The context vector of one output step: a (m, Tx, 2 n_a), s_prev (m, n_s) symbolic
    tensors -> context (m, 1, 2 n_a), with the attention layers of ``shared_layers``."""
    s_prev = layers["repeator"](s_prev)                       # (m, Tx, n_s)
    concat = layers["concatenator"]([a, s_prev])              # (m, Tx, 2 n_a + n_s)
    e = layers["densor1"](concat)                             # (m, Tx, 10)
    energies = layers["densor2"](e)                           # (m, Tx, 1)
    alphas = layers["activator"](energies)                    # (m, Tx, 1), sums to 1 over Tx
    return layers["dotor"]([alphas, a])                       # (m, 1, 2 n_a)


@course_reference
def modelf(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size, layers: dict | None = None):
    """The attention model: inputs [X (m, Tx, human_vocab_size), s0 (m, n_s), c0 (m, n_s)],
    outputs a list of Ty (m, machine_vocab_size) softmax rows."""
    layers = layers or shared_layers(Tx, n_s, machine_vocab_size)
    X = nn.Input(shape=(Tx, human_vocab_size))
    s0 = nn.Input(shape=(n_s,), name="s0")
    c0 = nn.Input(shape=(n_s,), name="c0")
    s, c = s0, c0
    outputs = []
    a = nn.Bidirectional(nn.LSTM(n_a, return_sequences=True))(X)     # (m, Tx, 2 n_a)
    for _ in range(Ty):
        context = one_step_attention(a, s, layers)
        _, s, c = layers["post_activation_LSTM_cell"](context, initial_state=[s, c])
        outputs.append(layers["output_layer"](s))
    return nn.Model(inputs=[X, s0, c0], outputs=outputs)
