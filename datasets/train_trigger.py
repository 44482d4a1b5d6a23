"""Train the weights of c5w3a2's trigger-word model.

``trigger_word_model.h5``: weights of ``utils.trigger_word.modelf((998, 101))`` (147,777
parameters, in the order of ``model.weights``; ``Model.load_weights`` reads them).

Every training example is new: ``utils.trigger_word.create_training_example`` (the course's
reference answer to the notebook's exercise) mixes "activate"s and negatives of the training
voices (``build/trigger_clips.h5``, made by ``build_trigger.py``) onto a background from a pool of
generated ones (``build_trigger.make_background``, rolled by a random offset), with
``np.random`` seeded once. Adam on the binary cross-entropy of the 246 output steps, batches
of ``BATCH``; the learning rate drops after step ``DROP_AT`` when the run is that long. The
same seed gives the same examples whatever ``STEPS`` is, so a shorter run is the start of a
longer one.

The batch-norm moving averages are then recalibrated on fresh batches (``recalibrate``: the
dB spectrogram is far from zero, so the averages kept during training lag behind the weights).

Reported: precision, recall and F1 of detected events (``utils.trigger_data.event_scores``,
threshold 0.5) and per-step accuracy on the dev sets: new utterances of the training voices,
and the held-out voice (flite slt), on the 100 clips of each in ``build/trigger_clips.h5`` and on the
12 committed in ``trigger_word.h5``. The manifest's ``accuracy`` is the F1 on the committed
training-voice dev clips (what ``evaluate`` recomputes from the committed files).

Run with ``python datasets/train_all.py train_trigger`` (after ``build_trigger.py``);
``TRIGGER_STEPS=20`` makes a short trial run.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from utils import nn  # noqa: E402
from utils.trigger_data import (TX, N_FREQ, load_trigger_data, event_scores,  # noqa: E402
                                per_step_accuracy, _ragged)
from utils.audio import spectrogram  # noqa: E402

SEED = 3
BATCH = 32
STEPS = int(os.environ.get("TRIGGER_STEPS", 2400))
RATES = (2e-3, 5e-4)
DROP_AT = 1800                   # the learning rate drops after this step (if the run is longer)
N_BACKGROUNDS = 240
EVAL_EVERY = 250
RECALIBRATION_BATCHES = 40

INFO = {
    "source": "trained by datasets/train_trigger.py on build/trigger_clips.h5 (datasets/build_trigger.py)",
    "license": "MIT",
    "attribution": "weights trained for this course",
    "used_by": ["c5w3a2_trigger_word"],
}


def build():
    from utils.trigger_word import modelf
    return modelf((TX, N_FREQ))


def predict(model, audio):
    """(n, 80,000) clips -> (n, Ty) outputs."""
    x = np.stack([spectrogram(a) for a in audio])
    return model.predict(x, batch_size=50)[..., 0]


def scores(model, dev):
    probs = predict(model, dev["audio"])
    s = event_scores(probs, dev["events"])
    label = np.stack(dev["label"]) if "label" in dev else None
    s["per_step_accuracy"] = per_step_accuracy(probs, label)
    s["all_zero_per_step_accuracy"] = per_step_accuracy(np.zeros_like(probs), label)
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in s.items()}


def evaluate(path) -> float:
    """Event F1 (threshold 0.5) on the 12 committed dev clips of training voices."""
    model = build()
    model.load_weights(str(path))
    return scores(model, load_trigger_data()["dev_train_voices"])["f1"]


def load_full_dev():
    import h5py
    from utils.trigger_data import events_to_label
    out = {}
    with h5py.File(HERE / "build" / "trigger_clips.h5", "r") as h:
        for split in ("dev_train_voices", "dev_heldout_voice"):
            audio = h[f"{split}/audio"][()].astype(np.float32) / 32768.0
            ev = h[f"{split}/events"][()]
            events = [[(int(s), int(e)) for i, s, e in ev if i == n] for n in range(len(audio))]
            out[split] = {"audio": audio, "events": events,
                          "label": [events_to_label(e) for e in events]}
        activates, negatives = _ragged(h, "activates"), _ragged(h, "negatives")
    return out, activates, negatives


def make_batch(rng, backgrounds, activates, negatives, batch=BATCH):
    """A batch of fresh examples: x (batch, 998, 101), y (batch, 246, 1)."""
    from utils.trigger_word import create_training_example
    xs, ys = [], []
    for _ in range(batch):
        bg = np.roll(backgrounds[int(rng.integers(len(backgrounds)))], int(rng.integers(96000)))
        x, y, _ = create_training_example(bg, activates, negatives)
        xs.append(x)
        ys.append(y[0, :, None])
    return np.stack(xs), np.stack(ys).astype(np.float32)


def recalibrate(model, backgrounds, activates, negatives, batches=RECALIBRATION_BATCHES):
    """Set every BatchNormalization's moving mean and variance to the average of its batch
    statistics over ``batches`` fresh batches, the weights fixed (own seed).

    The spectrogram is in dB, far from zero (about -80), so the first convolution's outputs
    have a large mean that moves with every update of its weights: the moving averages
    (momentum 0.99) lag behind, and a model that fits its training batches outputs almost
    nothing in inference mode. Averaging the statistics of the final weights fixes that."""
    norms = [layer for layer in model.layers if isinstance(layer, nn.BatchNormalization)]
    saved = [layer.momentum for layer in norms]
    np.random.seed(SEED + 100)
    rng = np.random.default_rng(SEED + 100)
    with nn.no_grad():
        for k in range(1, batches + 1):
            for layer in norms:            # momentum 1 - 1/k: the running mean of the batches
                layer.momentum = 1.0 - 1.0 / k
            x, _ = make_batch(rng, backgrounds, activates, negatives)
            model(nn.Tensor(x), training=True)
    for layer, momentum in zip(norms, saved):
        layer.momentum = momentum


def training_pool(negatives):
    """The pool of generated backgrounds (its own seed: the first draws of default_rng(SEED))."""
    from build_trigger import BACKGROUND_KINDS, make_background
    rng = np.random.default_rng(SEED)
    return rng, [make_background(rng, BACKGROUND_KINDS[k % 3], negatives)
                 for k in range(N_BACKGROUNDS)]


def train(out_dir) -> dict:
    nn.clear_session()
    nn.set_seed(SEED)
    np.random.seed(SEED)
    dev, activates, negatives = load_full_dev()
    rng, backgrounds = training_pool(negatives)
    model = build()
    model.compile(optimizer=nn.Adam(RATES[0]), loss="binary_crossentropy")
    start = time.monotonic()
    losses = []
    for step in range(1, STEPS + 1):
        if step == DROP_AT + 1:
            model.optimizer.learning_rate = RATES[1]
        x, y = make_batch(rng, backgrounds, activates, negatives)
        history = model.fit(x, y, epochs=1, batch_size=BATCH, verbose=0, shuffle=False)
        losses.append(history.history["loss"][-1])
        if step % 25 == 0:
            print(f"  step {step}: loss {np.mean(losses[-25:]):.4f} "
                  f"({time.monotonic() - start:.0f} s)", flush=True)
        if step % EVAL_EVERY == 0:                  # a checkpoint (moving averages as they are)
            model.save_weights(str(Path(out_dir) / "trigger_word_model.h5"))
    return finish(model, out_dir, backgrounds, activates, negatives, dev,
                  float(np.mean(losses[-25:])))


def finish(model, out_dir, backgrounds, activates, negatives, dev, final_loss) -> dict:
    """Recalibrate the batch-norm statistics, save the weights, score them on the dev sets."""
    recalibrate(model, backgrounds, activates, negatives)
    path = Path(out_dir) / "trigger_word_model.h5"
    model.save_weights(str(path))
    committed = load_trigger_data()
    results = {f"{name} (100 clips)": scores(model, dev[name]) for name in dev}
    results.update({f"{name} (12 committed clips)": scores(model, committed[name])
                    for name in dev})
    for name, s in results.items():
        print(f"  {name}: {s}", flush=True)
    value = results["dev_train_voices (12 committed clips)"]["f1"]
    return {"trigger_word_model.h5": {
        **INFO,
        "description": f"weights of c5w3a2's modelf((998, 101)) (147,777 parameters), Adam "
                       f"({STEPS} steps of {BATCH} fresh examples; learning rate {RATES[0]}"
                       + (f", {RATES[1]} after step {DROP_AT}" if STEPS > DROP_AT else "")
                       + f"), batch-norm statistics recalibrated "
                       f"on {RECALIBRATION_BATCHES} batches, seed {SEED} (time measured on a "
                       "shared, loaded machine: load 5-12 on 2 cores)",
        "accuracy": {"split": "dev_train_voices (12 committed clips)", "value": value,
                     "metric": "event F1 at threshold 0.5"},
        "dev_scores": results,
        "train_steps": STEPS,
        "final_loss": round(final_loss, 4),
    }}


if __name__ == "__main__":
    from train_all import main  # noqa: E402
    main(["train_trigger"])
