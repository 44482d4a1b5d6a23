"""Train the weights of c5w3a1's date-translation model with attention.

``date_attention.h5``: weights of ``utils.date_attention.modelf(30, 10, 32, 64, 37, 11)``
(52,960 parameters, in the order of ``model.weights``; ``Model.load_weights`` reads them),
trained on the first ``M_TRAIN`` pairs of the training split of ``dates.h5`` with Adam and the
summed cross-entropy of the 10 output characters, in mini-batches of 100; the learning rate
drops once.  The accuracy recorded is the exact match (all 10 characters right) on the 2,000
held-out pairs.  Everything is seeded (``nn.set_seed``); run with
``python datasets/train_all.py train_dates``.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from utils import nn  # noqa: E402
from utils.date_attention import modelf  # noqa: E402
from utils.dates import (TX, TY, exact_match, load_dates, load_vocabularies,  # noqa: E402
                         preprocess_data, translate)

SEED = 1
M_TRAIN = 20_000
N_A, N_S = 32, 64
EPOCHS = (12, 4)                  # epochs at the first and at the second learning rate
RATES = (5e-3, 1e-3)
BATCH = 100

INFO = {
    "source": "trained by datasets/train_dates.py on dates.h5",
    "license": "MIT",
    "attribution": "weights trained for this course",
    "used_by": ["c5w3a1_date_attention"],
}


def build():
    human_vocab, machine_vocab, _ = load_vocabularies()
    return modelf(TX, TY, N_A, N_S, len(human_vocab), len(machine_vocab))


def accuracy(model, split: str = "test") -> float:
    pairs = load_dates(split)
    return exact_match(translate(model, [h for h, _ in pairs], N_S), [m for _, m in pairs])


def evaluate(path) -> float:
    """Exact match on the held-out split of the weights saved at ``path``."""
    model = build()
    model.load_weights(str(path))
    return accuracy(model)


def train(out_dir) -> dict:
    nn.clear_session()
    nn.set_seed(SEED)
    human_vocab, machine_vocab, _ = load_vocabularies()
    _, _, Xoh, Yoh = preprocess_data(load_dates("train", m=M_TRAIN), human_vocab,
                                     machine_vocab)
    zeros = np.zeros((M_TRAIN, N_S), dtype=np.float32)
    targets = list(Yoh.swapaxes(0, 1))                 # Ty arrays (m, 11)
    model = build()
    model.compile(optimizer=nn.Adam(RATES[0]), loss="categorical_crossentropy")
    start = time.monotonic()
    for epochs, rate in zip(EPOCHS, RATES):
        model.optimizer.learning_rate = rate
        for _ in range(epochs):
            history = model.fit([Xoh, zeros, zeros], targets, epochs=1, batch_size=BATCH,
                                verbose=0)
            print(f"  lr {rate}: loss {history.history['loss'][-1]:.4f}, held-out exact match "
                  f"{accuracy(model):.4f} ({time.monotonic() - start:.0f} s)", flush=True)
    path = Path(out_dir) / "date_attention.h5"
    model.save_weights(str(path))
    value = accuracy(model)
    samples = load_dates("samples")
    got = translate(model, [h for h, _ in samples], N_S)
    right = sum(g == m for g, (_, m) in zip(got, samples))
    print(f"  samples right: {right} of {len(samples)}: {got}")
    return {"date_attention.h5": {
        **INFO,
        "description": f"weights of c5w3a1's modelf(Tx={TX}, Ty={TY}, n_a={N_A}, n_s={N_S}, "
                       f"37, 11) (52,960 parameters), Adam ({EPOCHS[0]} epochs at {RATES[0]} + "
                       f"{EPOCHS[1]} at {RATES[1]}), batch {BATCH}, on the first {M_TRAIN} "
                       f"training pairs of dates.h5, seed {SEED}; {right} of {len(samples)} "
                       "sample strings right (time measured on a shared, loaded machine)",
        "accuracy": {"split": "test", "value": round(value, 4),
                     "metric": "exact match (all 10 characters)"},
    }}


if __name__ == "__main__":
    from train_all import main  # noqa: E402
    main(["train_dates"])
