"""Build ``fashion_pair.h5``: a small binary image set (pullover = 0, shirt = 1).

Source: Fashion-MNIST (Zalando Research, MIT license), as packaged by Debian in
``dataset-fashion-mnist`` (``apt-get install dataset-fashion-mnist``), which installs the
original gzipped IDX files under /usr/share/datasets/fashion-mnist/.

Why this pair: pullovers and shirts look alike (long sleeves, similar outlines), so a linear
classifier on raw pixels tops out near 80% and deeper networks gain a few points (c1w4a2 shows
logistic regression < 2-layer < L-layer on the same split).

A fixed-seed draw of 600 training images per class from the official training split and 300
test images per class from the official test split, shuffled: 1200 train, 600 test,
28x28 grayscale, uint8.
"""
from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from h5write import write_h5

SOURCE_DIR = Path("/usr/share/datasets/fashion-mnist")
CLASSES = {2: "pullover", 6: "shirt"}   # Fashion-MNIST label -> name; label 0 -> y=0, 1 -> y=1
PER_CLASS = {"train": 600, "test": 300}
SEED = 2024

INFO = {
    "fashion_pair.h5": {
        "description": "Fashion-MNIST pullover (y=0) vs shirt (y=1): 1200 train / 600 test, "
                       "28x28 grayscale uint8",
        "source": "Fashion-MNIST (Xiao, Rasul & Vollgraf 2017), Debian package "
                  "dataset-fashion-mnist",
        "license": "MIT",
        "attribution": "Copyright (c) 2017 Zalando SE",
        "used_by": ["c1w2a2_logistic_regression", "c1w4a2_deep_nn_application"],
    }
}


def _read_idx(kind: str) -> tuple[np.ndarray, np.ndarray]:
    labels_file = SOURCE_DIR / f"{kind}-labels-idx1-ubyte.gz"
    images_file = SOURCE_DIR / f"{kind}-images-idx3-ubyte.gz"
    if not labels_file.exists():
        raise SystemExit(f"{labels_file} not found: install Debian's dataset-fashion-mnist "
                         "package (apt-get install dataset-fashion-mnist)")
    with gzip.open(labels_file) as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)
    with gzip.open(images_file) as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(len(labels), 28, 28)
    return images, labels


def sample_classes(classes, per_class: dict, seed: int) -> dict:
    """A seeded sample of some Fashion-MNIST classes, shared by every builder that uses them.

    For each split ("train", "test"): ``per_class[split]`` images of each label in ``classes``
    (drawn in the order of ``classes``), shuffled.  Returns ``{split: (images, labels)}`` with
    images (n, 28, 28) uint8 and Fashion-MNIST's own labels (n,).
    """
    rng = np.random.default_rng(seed)
    out = {}
    for split, kind in (("train", "train"), ("test", "t10k")):
        images, labels = _read_idx(kind)
        chosen = [np.sort(rng.choice(np.flatnonzero(labels == label), per_class[split],
                                     replace=False)) for label in classes]
        order = rng.permutation(np.concatenate(chosen))
        out[split] = images[order], labels[order]
    return out


def build(out_dir: Path) -> dict:
    arrays = {}
    for split, (images, labels) in sample_classes(CLASSES, PER_CLASS, SEED).items():
        arrays[f"{split}_x"] = images
        arrays[f"{split}_y"] = (labels == 6).astype(np.uint8).reshape(1, -1)
    write_h5(out_dir / "fashion_pair.h5", arrays,
             attrs={"classes": list(CLASSES.values()),
                    "description": INFO["fashion_pair.h5"]["description"]})
    return INFO
