"""Train c4w2a1's ``ResNetSmall`` and the depth-against-accuracy comparison with plain networks.

Every network here is ``utils.resnet.network(depth, residual)`` (``network(38)`` is
ResNetSmall, ``network(38, residual=False)`` PlainSmall), trained on the 2,400 training images
of ``signs.h5`` (64x64x3 hand signs, inputs / 255) with the same recipe: random left-right flips
and shifts of up to a tenth of the side, Adam (12 epochs at 1e-3, then 3 at 1e-4), batch 32;
finally the batch-norm moving statistics are recomputed on the whole training set
(``nn.recalibrate_batch_norm``).

* ``resnet_small.h5``: the weights of ResNetSmall, seed 1 (in the order of ``model.weights``;
  ``Model.load_weights`` reads them).
* ``resnet_vs_plain.h5``: the residual and the plain network at depths 11, 20, 29 and 38, each
  trained from three seeds: test accuracy and training-set accuracy (both in inference mode)
  per seed and depth, and the per-epoch training cost and accuracy of the 38-layer pair of seed
  1, so that c4w2a1 draws its figures without training for an hour.

The 24 runs are independent and go to ``--workers`` processes (one BLAS thread each: run with
OPENBLAS_NUM_THREADS=1, as ``make weights`` does); a 38-layer run takes about 2.5 minutes on one
quiet core, the whole set about 40 minutes of one core.  Everything is seeded
(``nn.set_seed``): ``python datasets/train_all.py train_resnet_small``.

History: on ``six_class.h5`` (28x28 Fashion-MNIST, 180 images per class) the 20-layer
ResNetSmall leveled off near 77 % test (73.6 % for PlainSmall), whatever the augmentation;
on the hand signs at 20 layers the plain network trains as well as the residual one
(measure_signs.py, I), which is why ResNetSmall now has 38.
"""
from __future__ import annotations

import os
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from h5write import write_h5  # noqa: E402

from utils import nn  # noqa: E402
from utils.data import load_dataset  # noqa: E402
from utils.resnet import ResNetSmall, network  # noqa: E402

SEED = 1                          # the shipped ResNetSmall's seed
SEEDS = (1, 2, 3)
DEPTHS = (11, 20, 29, 38)
SHIPPED_DEPTH = 38
EPOCHS = (12, 3)                  # epochs at the first and at the second learning rate
RATES = (1e-3, 1e-4)
BATCH = 32
SHIFT = 0.1                       # random shifts of up to this fraction of the side

COMMON = {
    "source": "trained by datasets/train_resnet_small.py on signs.h5 (generated hand signs)",
    "license": "CC0-1.0",
    "attribution": "weights trained for this course on data generated for it",
    "used_by": ["c4w2a1_resnets"],
}


def _data():
    data = load_dataset("signs")
    def prep(x):
        return (x / 255).astype(np.float32)
    return (prep(data["train_x"]), data["train_y"].ravel().astype(np.int64),
            prep(data["test_x"]), data["test_y"].ravel().astype(np.int64))


def _train(build, x, y, epochs=EPOCHS, rates=RATES, seed=SEED, augment=None, verbose=2):
    """Train build(input_shape, classes) with random flips (and the layers ``augment()``
    returns, applied after the flip); returns the network and its per-epoch history."""
    nn.clear_session()
    nn.set_seed(seed)
    net = build(x.shape[1:], int(y.max()) + 1)
    inp = nn.Input(x.shape[1:])
    a = nn.RandomFlip("horizontal")(inp)
    for layer in (augment() if augment else []):
        a = layer(a)
    trainer = nn.Model(inp, net(a))
    history = {"loss": [], "accuracy": []}
    optimizer = nn.Adam(rates[0])
    trainer.compile(optimizer, "sparse_categorical_crossentropy", ["accuracy"])
    done = 0
    for n, rate in zip(epochs, rates):
        optimizer.learning_rate = rate
        h = trainer.fit(x, y, epochs=done + n, initial_epoch=done, batch_size=BATCH,
                        verbose=verbose)
        done += n
        for key in history:
            history[key] += h.history[key]
    return net, history


def _shifts():
    return [nn.RandomTranslation(SHIFT, SHIFT)]


def _accuracy(model, x, y) -> float:
    return float(np.mean(np.argmax(model.predict(x), axis=1) == y))


def _run(job):
    """One network of the comparison: (depth, residual, seed, path to save the weights or
    None) -> its accuracies, history and time."""
    depth, residual, seed, save_to = job
    x, y, xt, yt = _data()
    start = time.process_time()
    model, history = _train(lambda shape, classes: network(depth, residual, shape, classes),
                            x, y, seed=seed, augment=_shifts, verbose=0)
    nn.recalibrate_batch_norm(model, x)
    result = {"job": job[:3], "history": history, "test": _accuracy(model, xt, yt),
              "train": _accuracy(model, x, y), "seconds": time.process_time() - start,
              "params": model.count_params()}
    if save_to:
        model.save_weights(save_to)
    print(f"  depth {depth} {'residual' if residual else 'plain'} seed {seed}: train "
          f"{result['train']:.1%}, test {result['test']:.1%} ({result['seconds']:.0f} s)",
          flush=True)
    return result


def train(out_dir: Path, workers: int | None = None) -> dict:
    weights = Path(out_dir) / "resnet_small.h5"
    jobs = [(depth, residual, seed,
             str(weights) if (depth, residual, seed) == (SHIPPED_DEPTH, True, SEED) else None)
            for depth in sorted(DEPTHS, reverse=True) for seed in SEEDS
            for residual in (True, False)]          # longest first: the workers end together
    workers = workers or int(os.environ.get("TRAIN_WORKERS", os.cpu_count() or 1))
    with get_context("fork").Pool(min(workers, len(jobs))) as pool:
        results = {r["job"]: r for r in pool.imap_unordered(_run, jobs)}
    test_acc = evaluate(weights)
    print(f"ResNetSmall: test accuracy {test_acc:.4f}", flush=True)
    arrays = {"depth": np.array(DEPTHS, np.int64), "seed": np.array(SEEDS, np.int64)}
    for name, residual in (("resnet", True), ("plain", False)):
        shipped = results[(SHIPPED_DEPTH, residual, SEED)]
        for split in ("test", "train"):          # (seed, depth)
            arrays[f"{name}_{split}_accuracy_by_depth"] = np.array(
                [[results[(d, residual, s)][split] for d in DEPTHS] for s in SEEDS], np.float32)
        arrays[f"{name}_loss"] = np.array(shipped["history"]["loss"], np.float32)
        arrays[f"{name}_accuracy"] = np.array(shipped["history"]["accuracy"], np.float32)
        arrays[f"{name}_test_accuracy"] = np.array(shipped["test"], np.float32)
        arrays[f"{name}_seconds_by_depth"] = np.array(
            [np.mean([results[(d, residual, s)]["seconds"] for s in SEEDS]) for d in DEPTHS],
            np.float32)
    arrays["epoch"] = np.arange(1, len(arrays["resnet_loss"]) + 1, dtype=np.int64)
    epochs = " + ".join(f"{n} epochs at {r:g}" for n, r in zip(EPOCHS, RATES))
    recipe = (f"Adam ({epochs}), batch {BATCH}, random flips and shifts of up to "
              f"{SHIFT:.0%} of the side")
    write_h5(Path(out_dir) / "resnet_vs_plain.h5", arrays,
             attrs={"description": "residual and plain networks of depth 11-38 on signs.h5, "
                                   f"{recipe}, seeds {SEEDS}: accuracy per seed and depth, "
                                   "and the 38-layer pair's per-epoch training curves"})
    params = results[(SHIPPED_DEPTH, True, SEED)]["params"]
    return {
        "resnet_small.h5": {
            **COMMON,
            "description": f"weights of c4w2a1's ResNetSmall (38 layers, 64x64x3 -> 6 classes, "
                           f"{params:,} parameters), {recipe}, seed {SEED}",
            "accuracy": {"split": "test", "value": round(test_acc, 4)},
        },
        "resnet_vs_plain.h5": {
            **COMMON,
            "description": f"residual and plain networks at depths {', '.join(map(str, DEPTHS))}"
                           f" (utils.resnet.network), {recipe}, seeds "
                           f"{', '.join(map(str, SEEDS))}: test and training accuracy per seed "
                           "and depth, and the 38-layer pair's loss and accuracy per epoch",
        },
    }


def evaluate(path) -> float:
    """Test accuracy of ResNetSmall with the weights in ``path``."""
    _, _, xt, yt = _data()
    model = ResNetSmall((64, 64, 3), 6)
    model.load_weights(path)
    return _accuracy(model, xt, yt)

