"""Pretrain the course's small MobileNetV2 (utils/mobilenet.py) for c4w2a2 (transfer learning).

Data: ``shoes_bags.h5`` (Fashion-MNIST sandal, sneaker, bag, ankle boot), classes that the
six-class set of the notebook never shows.  The whole pretraining classifier (backbone, global
average pooling, dropout, a Dense(4) layer of logits) is saved; the notebook keeps the backbone.

Four classes alone teach features that only tell those four apart (a linear classifier on
them does worse on the six clothing classes than one on raw pixels).  So each image is also
turned by a random multiple of 90 degrees, and the network names both the class and the turn:
16 labels, ``4 * turn + class``.  Telling a turned sneaker from an upright one needs features
of shape and orientation (soles, openings, straps, handles), which transfer far better.

Even so, features that separate 16 labels need not describe the rest of an image.  A second
output redraws each (turned) image from the backbone's pooled features, trained with the squared
error (weight ``RECONSTRUCTION_WEIGHT``): the features must then describe the whole outline.
On the six clothing classes, with 20 images per class, a logistic regression on the pooled
features went from 55% (classes and turns only, 128 features) to 67% test accuracy with it.

Adam, mini-batches of 64, random horizontal flips, a fixed seed (``nn.set_seed``).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from utils import nn  # noqa: E402
from utils.data import load_dataset  # noqa: E402
from utils.mobilenet import WEIGHTS, pretraining_classifier  # noqa: E402

FILENAME = WEIGHTS["fashion_shoes_bags"]
SEED, EPOCHS, BATCH, LEARNING_RATE = 7, 20, 64, 0.002


N_CLASSES = 16        # 4 classes x 4 quarter turns
RECONSTRUCTION_WEIGHT = 100.0


def _data(split):
    d = load_dataset("shoes_bags")
    return d[f"{split}_x"][..., None].astype(np.float32), d[f"{split}_y"].ravel().astype(np.int64)


def _turned(x, y, turns):
    """Each image turned by turns[i] quarter turns (counterclockwise); labels 4 * turn + y."""
    out = np.empty_like(x)
    for k in range(4):
        sel = turns == k
        out[sel] = np.rot90(x[sel], k, axes=(1, 2))
    return out, 4 * turns + y


def _reconstruction_loss(y_true, y_pred):
    return nn.ops.mean((y_pred - y_true) ** 2) * RECONSTRUCTION_WEIGHT


def train(out_dir) -> dict:
    nn.set_seed(SEED)
    x, y = _data("train")
    model = pretraining_classifier(n_classes=N_CLASSES)
    flip = nn.RandomFlip("horizontal")
    model.compile(optimizer=nn.Adam(LEARNING_RATE),
                  loss=[nn.losses.SparseCategoricalCrossentropy(from_logits=True),
                        _reconstruction_loss])
    for epoch in range(EPOCHS):
        xa = flip(x, training=True).numpy()        # a new flip and turn of every image
        xa, ya = _turned(xa, y, nn.rng().integers(0, 4, size=len(y)))
        target = (xa.reshape(len(xa), -1) / 255).astype(np.float32)
        model.fit(xa, [ya, target], epochs=epoch + 1, initial_epoch=epoch, batch_size=BATCH, verbose=2)
    path = Path(out_dir) / FILENAME
    model.save_weights(path)
    acc = evaluate(path)
    print(f"  test accuracy {acc:.4f}")
    return {FILENAME: {
        "description": "weights of the small MobileNetV2 of utils/mobilenet.py (with its "
                       "pretraining heads: 16-way classifier of 4 classes x 4 quarter turns, "
                       "and a 784-pixel reconstruction), trained on shoes_bags.h5",
        "source": "trained by datasets/train_mobilenet.py on shoes_bags.h5 (Fashion-MNIST)",
        "license": "MIT",
        "attribution": "trained for this course; data Copyright (c) 2017 Zalando SE",
        "used_by": ["c4w2a2_transfer_learning"],
        "accuracy": {"split": "test", "value": round(acc, 4)},
    }}


def evaluate(path) -> float:
    """Test accuracy of the pretraining classifier in ``path`` on shoes_bags.h5, every test
    image in its 4 turns (16-way: class and turn)."""
    x, y = _data("test")
    model = pretraining_classifier(n_classes=N_CLASSES, weights=str(path))
    right = 0
    for k in range(4):
        xk, yk = _turned(x, y, np.full(len(y), k))
        right += int(np.sum(model.predict(xk)[0].argmax(axis=1) == yk))
    return right / (4 * len(y))
