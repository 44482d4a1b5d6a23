"""Build ``shoes_bags.h5``: the pretraining set of the course's MobileNetV2 (c4w2a2).

Source: Fashion-MNIST (Zalando Research, MIT license), as packaged by Debian in
``dataset-fashion-mnist`` (``apt-get install dataset-fashion-mnist``), which installs the
original gzipped IDX files under /usr/share/datasets/fashion-mnist/.

The four Fashion-MNIST classes that ``six_class.h5`` leaves out, relabelled 0-3: sandal,
sneaker, bag, ankle boot.  ``datasets/train_mobilenet.py`` trains the backbone of c4w2a2 on
them; the notebook then transfers it to the six clothing classes, which it never saw (as
ImageNet's MobileNetV2 is transferred to alpacas in the original assignment).

A fixed-seed draw of 1200 training images per class from the official training split and 200
test images per class from the official test split, shuffled: 4800 train, 800 test,
28x28 grayscale, uint8; labels (1, m) uint8.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from build_fashion_pair import sample_classes
from h5write import write_h5

# Fashion-MNIST label -> name, in the order of our labels 0..3
CLASSES = {5: "sandal", 7: "sneaker", 8: "bag", 9: "ankle boot"}
PER_CLASS = {"train": 1200, "test": 200}
SEED = 2027

INFO = {
    "shoes_bags.h5": {
        "description": "Fashion-MNIST sandal, sneaker, bag, ankle boot (labels 0-3): 4800 train "
                       "/ 800 test, 28x28 grayscale uint8; pretraining set of the c4w2a2 "
                       "backbone",
        "source": "Fashion-MNIST (Xiao, Rasul & Vollgraf 2017), Debian package "
                  "dataset-fashion-mnist",
        "license": "MIT",
        "attribution": "Copyright (c) 2017 Zalando SE",
        "used_by": ["c4w2a2_transfer_learning"],
    }
}


def build(out_dir: Path) -> dict:
    arrays = {}
    ours = {label: i for i, label in enumerate(CLASSES)}
    for split, (images, labels) in sample_classes(CLASSES, PER_CLASS, SEED).items():
        arrays[f"{split}_x"] = images
        arrays[f"{split}_y"] = np.array([ours[l] for l in labels], dtype=np.uint8).reshape(1, -1)
    write_h5(out_dir / "shoes_bags.h5", arrays,
             attrs={"classes": list(CLASSES.values()),
                    "description": INFO["shoes_bags.h5"]["description"]})
    return INFO
