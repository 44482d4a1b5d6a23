"""Train the weights of c5w1a3's melody model: one LSTM cell and one Dense softmax layer.

``music_lstm.h5``: the weights of ``LSTM_cell = nn.LSTM(64, return_state=True)`` (lstm_kernel,
lstm_recurrent_kernel, lstm_bias) and ``densor = nn.Dense(32, activation="softmax")``
(dense_kernel, dense_bias), which ``utils.chorales.load_music_weights`` loads.

Training data: every window of TX + 1 = 33 tokens, starting every STRIDE = 4 steps, of the
training melodies of ``chorales.h5``; the loss is the cross-entropy of the next token at each
of the TX steps, from zero states, as in the notebook's ``djmodel``.  For speed the same cell
runs as one LSTM over the window (``return_sequences=True``: one fused call instead of TX graph
steps; the arithmetic is the same, and ``tests/test_music.py`` checks that the djmodel built
from the trained cell gives the same probabilities).  Adam, batch 64, the learning rate drops
once; seeded (``nn.set_seed``).  The accuracy recorded is the next-token accuracy on the
held-out melodies, each read from its start with zero states.  Run with
``python datasets/train_all.py train_music``.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from utils import nn  # noqa: E402
from utils.chorales import load_chorales, sequence_probabilities, windows  # noqa: E402
from h5write import write_h5  # noqa: E402

SEED = 1
TX, STRIDE = 32, 4
N_A = 64
EPOCHS = (12, 4)
RATES = (1e-2, 2e-3)
BATCH = 64

INFO = {
    "source": "trained by datasets/train_music.py on chorales.h5",
    "license": "MIT",
    "attribution": "weights trained for this course; melodies from J. S. Bach's chorales "
                   "(music21 corpus)",
    "used_by": ["c5w1a3_music"],
}


def next_token_accuracy(LSTM_cell, densor, melodies) -> float:
    probs = sequence_probabilities(LSTM_cell, densor, melodies)
    right = sum(int(np.sum(p.argmax(axis=1) == m[1:])) for p, m in zip(probs, melodies))
    return right / sum(len(m) - 1 for m in melodies)


def _layers(n_values: int):
    cell = nn.LSTM(N_A, return_state=True)
    densor = nn.Dense(n_values, activation="softmax")
    x = nn.Input((1, n_values))
    a = nn.Input((N_A,))
    _, h, _ = cell(x, initial_state=[a, a])
    densor(h)                          # builds both layers
    return cell, densor


def evaluate(path) -> float:
    """Held-out next-token accuracy of the weights saved at ``path``."""
    import h5py
    data = load_chorales()
    cell, densor = _layers(data["n_values"])
    with h5py.File(path, "r") as f:
        cell.set_weights([f["lstm_kernel"][()], f["lstm_recurrent_kernel"][()],
                          f["lstm_bias"][()]])
        densor.set_weights([f["dense_kernel"][()], f["dense_bias"][()]])
    return next_token_accuracy(cell, densor, data["heldout"])


def train(out_dir) -> dict:
    nn.clear_session()
    nn.set_seed(SEED)
    data = load_chorales()
    n_values = data["n_values"]
    X, Y = windows(data["train"], TX, STRIDE, n_values)
    targets = Y.swapaxes(0, 1).argmax(axis=-1)                 # (m, TX) token ids
    seq = nn.LSTM(N_A, return_sequences=True)
    dense = nn.Dense(n_values, activation="softmax")
    inputs = nn.Input((TX, n_values))
    model = nn.Model(inputs, dense(seq(inputs)))
    model.compile(optimizer=nn.Adam(RATES[0]), loss="sparse_categorical_crossentropy")
    cell, densor = _layers(n_values)
    start = time.monotonic()
    for epochs, rate in zip(EPOCHS, RATES):
        model.optimizer.learning_rate = rate
        for _ in range(epochs):
            history = model.fit(X, targets, epochs=1, batch_size=BATCH, verbose=0)
            cell.set_weights(seq.get_weights())
            densor.set_weights(dense.get_weights())
            acc = next_token_accuracy(cell, densor, data["heldout"])
            print(f"  lr {rate}: loss {history.history['loss'][-1]:.4f}, held-out next-token "
                  f"accuracy {acc:.4f} ({time.monotonic() - start:.0f} s)", flush=True)
    kernel, recurrent, bias = cell.get_weights()
    dk, db = densor.get_weights()
    path = Path(out_dir) / "music_lstm.h5"
    write_h5(path, {"lstm_kernel": kernel, "lstm_recurrent_kernel": recurrent,
                    "lstm_bias": bias, "dense_kernel": dk, "dense_bias": db})
    value = next_token_accuracy(cell, densor, data["heldout"])
    params = sum(w.size for w in cell.get_weights() + densor.get_weights())
    return {"music_lstm.h5": {
        **INFO,
        "description": f"weights of c5w1a3's shared LSTM_cell (n_a={N_A}) and densor "
                       f"({n_values} tokens), {params:,} parameters: Adam ({EPOCHS[0]} epochs "
                       f"at {RATES[0]} + {EPOCHS[1]} at {RATES[1]}), batch {BATCH}, on "
                       f"{X.shape[0]} windows of {TX} + 1 steps of the training melodies, seed "
                       f"{SEED}; accuracy = next-token accuracy on the held-out melodies (time "
                       "measured on a shared, loaded machine)",
        "accuracy": {"split": "heldout", "value": round(value, 4),
                     "metric": "next-token accuracy"},
    }}


if __name__ == "__main__":
    from train_all import main  # noqa: E402
    main(["train_music"])
