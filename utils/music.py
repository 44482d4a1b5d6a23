"""Reference answers of c5w1a3 (melody generation with an LSTM): the training model, the
inference model and the sampling function, on the course framework.

The notebook that teaches them must not import this module (its grading sandbox does not hold
it); the hidden tests, ``datasets/train_music.py`` and ``tests/`` import it.

One LSTM cell (``nn.LSTM(n_a, return_state=True)``), one Dense softmax layer (``densor``) and
one Reshape (``reshaper``) are made once and passed in, so that every time step shares their
weights.  Shapes: X (m, Tx, n_values) one-hot tokens; a0, c0 (m, n_a); x0 (m, 1, n_values).
"""
from __future__ import annotations

import numpy as np

from utils import nn
from utils.testing import course_reference

TAUGHT_IN = ("c5w1a3_music",)

__all__ = ["shared_layers", "djmodel", "music_inference_model", "predict_and_sample"]


def shared_layers(n_values: int, n_a: int) -> dict:
    """The layers every step shares: LSTM_cell, densor and reshaper (the notebook's names)."""
    return {"LSTM_cell": nn.LSTM(n_a, return_state=True),
            "densor": nn.Dense(n_values, activation="softmax"),
            "reshaper": nn.Reshape((1, n_values))}


@course_reference
def djmodel(Tx, LSTM_cell, densor, reshaper):
    """Inputs [X (m, Tx, n_values), a0 (m, n_a), c0 (m, n_a)]; outputs a list of Tx arrays
    (m, n_values): after step t, the probabilities of the token at step t + 1."""
    n_values, n_a = densor.units, LSTM_cell.units
    X = nn.Input(shape=(Tx, n_values))
    a0 = nn.Input(shape=(n_a,), name="a0")
    c0 = nn.Input(shape=(n_a,), name="c0")
    a, c = a0, c0
    outputs = []
    for t in range(Tx):
        x = reshaper(nn.TimeStep(t)(X))                        # (m, 1, n_values)
        _, a, c = LSTM_cell(x, initial_state=[a, c])            # (m, n_a) each
        outputs.append(densor(a))                               # (m, n_values)
    return nn.Model(inputs=[X, a0, c0], outputs=outputs)


@course_reference
def music_inference_model(LSTM_cell, densor, Ty=100, temperature=None):
    """Inputs [x0 (m, 1, n_values), a0 (m, n_a), c0 (m, n_a)]; outputs a list of Ty one-hot
    arrays (m, n_values): the token chosen at each step (the argmax when temperature is None,
    else a draw at that temperature), which is also the next step's input."""
    n_values, n_a = densor.units, LSTM_cell.units
    x0 = nn.Input(shape=(1, n_values))
    a0 = nn.Input(shape=(n_a,), name="a0")
    c0 = nn.Input(shape=(n_a,), name="c0")
    a, c, x = a0, c0, x0
    outputs = []
    for _ in range(Ty):
        _, a, c = LSTM_cell(x, initial_state=[a, c])
        out = densor(a)                                        # (m, n_values)
        if temperature is None:
            token = nn.Argmax(axis=-1)(out)                    # (m,)
        else:
            token = nn.RandomCategorical(temperature)(out)     # (m,)
        chosen = nn.OneHot(n_values)(token)                    # (m, n_values)
        outputs.append(chosen)
        x = nn.RepeatVector(1)(chosen)                         # (m, 1, n_values)
    return nn.Model(inputs=[x0, a0, c0], outputs=outputs)


@course_reference
def predict_and_sample(inference_model, x_initializer, a_initializer, c_initializer):
    """results (Ty, m, n_values) one-hot float and indices (Ty, m) int of the tokens the
    inference model generates from [x_initializer, a_initializer, c_initializer]."""
    n_values = x_initializer.shape[2]
    pred = inference_model.predict([x_initializer, a_initializer, c_initializer])
    indices = np.argmax(np.array(pred), axis=-1)
    results = np.eye(n_values)[indices]
    return results, indices
