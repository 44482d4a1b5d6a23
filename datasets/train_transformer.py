"""Train c5w4a1's demo Transformer on the dates of ``dates.h5`` and save its weights.

    python datasets/train_transformer.py      (or: python datasets/train_all.py train_transformer)

The model is ``utils.transformer.Transformer`` (post-LN, as the notebook's exercises build it):
2 encoder + 2 decoder layers, d_model 64, 4 heads of 16, feed-forward 128, no dropout.
Token ids: encoder, 0 = <pad> and 1.. = the other human characters (in the vocabulary's order);
decoder, 0 = the start token and 1..11 = the machine characters (the labels).  Teacher forcing:
the decoder reads [start] + the first 9 characters of the answer.  Adam with a linear warm-up
over the first 10,000 examples, then 1e-3 decayed to 1e-4 over the last epochs.  After every
epoch the weights are saved (so a run cut short still ships its last epoch) and the held-out
exact match (greedy decoding) is printed.  Times are wall-clock; the shipped run was measured
on a shared, loaded 2-core machine.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from utils import nn  # noqa: E402
from utils.date_tokens import DateCoder, teacher_input, text_list  # noqa: E402
from utils.date_tokens import translate as _translate  # noqa: E402
from utils.transformer import (Transformer, create_look_ahead_mask,  # noqa: E402
                               create_padding_mask)

SEED = 19
CONFIG = dict(num_layers=2, embedding_dim=64, num_heads=4, fully_connected_dim=128,
              dropout_rate=0.0)
BATCH = 64
CHUNK = 5_000          # examples between learning-rate changes


def read_dates(path):
    """The splits of dates.h5 as lists of strings, the two vocabularies, Tx and Ty."""
    import h5py
    out = {}
    with h5py.File(path, "r") as f:
        for key in f.keys():
            out[key] = text_list(f[key][()])
        out["Tx"], out["Ty"] = int(f.attrs["Tx"]), int(f.attrs["Ty"])
    return out


def model_inputs(coder, enc_ids, dec_ids):
    """The Transformer's five inputs (utils.transformer.Transformer)."""
    pad = create_padding_mask(enc_ids)
    look = np.broadcast_to(create_look_ahead_mask(coder.Ty), (len(enc_ids), coder.Ty, coder.Ty))
    return [enc_ids, dec_ids, pad, look, pad]


def translate(model, coder, strings):
    return _translate(lambda e, d: model.predict(model_inputs(coder, e, d)), coder, strings)


def build_model(coder):
    return Transformer(input_vocab_size=coder.input_vocab_size,
                       target_vocab_size=coder.target_vocab_size,
                       max_positional_encoding_input=coder.Tx,
                       max_positional_encoding_target=coder.Ty, **CONFIG)


def _loop(model, coder, data, epochs, out_dir, log_path=None, planned=None):
    """Adam with a linear warm-up over the first 10,000 examples, then 1e-3, decayed by 0.3 in
    each of the last two epochs of a ``planned``-epoch schedule (default: ``epochs``), of which
    the first ``epochs`` run; weights saved and held-out exact match printed every epoch."""
    planned = epochs if planned is None else planned
    enc = coder.encode(data["train_human"])
    y = coder.labels(data["train_machine"])
    dec = teacher_input(y)
    opt = nn.Adam(1e-3)
    model.compile(optimizer=opt, loss="sparse_categorical_crossentropy")
    rng = np.random.default_rng(SEED)
    n, seen, start, log = len(enc), 0, time.perf_counter(), []
    for epoch in range(1, epochs + 1):
        order = rng.permutation(n)
        for c in range(0, n, CHUNK):
            idx = order[c:c + CHUNK]
            warm = min(1.0, (seen + len(idx)) / 10_000)
            late = max(0, epoch - (planned - 2))
            opt.learning_rate = 1e-3 * warm * (0.3 ** late)
            h = model.fit(model_inputs(coder, enc[idx], dec[idx]), y[idx], epochs=1,
                          batch_size=BATCH, verbose=0)
            seen += len(idx)
        model.save_weights(Path(out_dir) / FILE)
        pred = translate(model, coder, data["test_human"])
        exact = float(np.mean([a == b for a, b in zip(pred, data["test_machine"])]))
        log.append({"epoch": epoch, "loss": float(h.history["loss"][-1]), "exact_match": exact,
                    "seconds": round(time.perf_counter() - start, 1)})
        print(f"epoch {epoch}: loss {log[-1]['loss']:.4f}, held-out exact match {exact:.4f}, "
              f"{log[-1]['seconds']:.0f} s", flush=True)
        if log_path is not None:
            Path(log_path).write_text(json.dumps(log, indent=1))
    return log


FILE = "transformer_dates.h5"
# The shipped weights are the first 3 epochs of a 7-epoch schedule (its decay epochs 6-7 were
# not reached on the loaded machine before the deadline; epoch 3 already passed the 99% target).
EPOCHS, PLANNED = 3, 7


def info(exact: float, epochs: int, n_train: int, params: int, planned: int = PLANNED) -> dict:
    return {FILE: {
        "source": "trained by datasets/train_transformer.py on dates.h5",
        "license": "MIT",
        "attribution": "weights trained for this course",
        "used_by": ["c5w4a1_transformer"],
        "description": f"weights of c5w4a1's demo Transformer (post-LN, 2 + 2 layers, d_model 64, "
                       f"4 heads, feed-forward 128, no dropout, {params:,} parameters) on "
                       f"{n_train:,} date pairs, the first {epochs} epochs of a {planned}-epoch Adam "
                       "schedule (warm-up over 10,000 examples, then 1e-3; decay in the last two), "
                       f"batch {BATCH}, seed {SEED}; accuracy = held-out exact match, greedy "
                       "decoding; trained on a shared, loaded 2-core machine",
        "accuracy": {"split": "test", "value": round(exact, 4)},
    }}


def train(out_dir, epochs: int = EPOCHS, planned: int = PLANNED) -> dict:
    data = read_dates(ROOT / "datasets" / "dates.h5")
    coder = DateCoder(data["human_vocab"], data["machine_vocab"], data["Tx"], data["Ty"])
    nn.set_seed(SEED)
    model = build_model(coder)
    log = _loop(model, coder, data, epochs, out_dir, planned=planned)
    return info(log[-1]["exact_match"], epochs, len(data["train_human"]), model.count_params(),
                planned)


def evaluate(path) -> float:
    """Held-out exact match (greedy decoding) of the weights in ``path``."""
    data = read_dates(ROOT / "datasets" / "dates.h5")
    coder = DateCoder(data["human_vocab"], data["machine_vocab"], data["Tx"], data["Ty"])
    model = build_model(coder)
    model.load_weights(path)
    pred = translate(model, coder, data["test_human"])
    return float(np.mean([a == b for a, b in zip(pred, data["test_machine"])]))


if __name__ == "__main__":
    from train_all import main  # noqa: E402
    main(["train_transformer"])
