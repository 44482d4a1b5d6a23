"""Train c5w4a1's demo Transformer on the dates of ``dates.h5`` and save its weights.

    python datasets/train_transformer.py [--epochs 8] [--out datasets] [--data datasets/dates.h5]

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

import argparse
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


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--data", default=str(ROOT / "datasets" / "dates.h5"))
    p.add_argument("--out", default=str(ROOT / "datasets"))
    p.add_argument("--train", type=int, default=None, help="use the first N training pairs")
    args = p.parse_args(argv)
    data = read_dates(args.data)
    coder = DateCoder(data["human_vocab"], data["machine_vocab"], data["Tx"], data["Ty"])
    train_h, train_m = data["train_human"][:args.train], data["train_machine"][:args.train]
    enc = coder.encode(train_h)
    y = coder.labels(train_m)
    dec = teacher_input(y)
    nn.set_seed(SEED)
    model = build_model(coder)
    print(f"{model.count_params():,} parameters, {len(train_h)} training pairs", flush=True)
    opt = nn.Adam(1e-3)
    model.compile(optimizer=opt, loss="sparse_categorical_crossentropy")
    rng = np.random.default_rng(SEED)
    n = len(enc)
    seen, start = 0, time.perf_counter()
    log = []
    out = Path(args.out)
    for epoch in range(1, args.epochs + 1):
        order = rng.permutation(n)
        for c in range(0, n, CHUNK):
            idx = order[c:c + CHUNK]
            warm = min(1.0, (seen + len(idx)) / 10_000)
            late = max(0, epoch - (args.epochs - 2))          # the last two epochs decay
            opt.learning_rate = 1e-3 * warm * (0.3 ** late)
            h = model.fit(model_inputs(coder, enc[idx], dec[idx]), y[idx], epochs=1,
                          batch_size=BATCH, verbose=0)
            seen += len(idx)
        loss = float(h.history["loss"][-1])
        model.save_weights(out / "transformer_dates.h5")
        pred = translate(model, coder, data["test_human"])
        exact = float(np.mean([a == b for a, b in zip(pred, data["test_machine"])]))
        elapsed = time.perf_counter() - start
        log.append({"epoch": epoch, "loss": loss, "exact_match": exact, "seconds": elapsed})
        print(f"epoch {epoch}: loss {loss:.4f}, held-out exact match {exact:.4f}, "
              f"{elapsed:.0f} s", flush=True)
        (out / "transformer_dates.log.json").write_text(json.dumps(log, indent=1))
    samples = translate(model, coder, data["samples_human"])
    for h, m, t in zip(data["samples_human"], data["samples_machine"], samples):
        print(f"  {h!r:>28} -> {t} (label {m})", flush=True)


if __name__ == "__main__":
    main()
