"""Build ``footwear_pair.h5``: a small binary image set (sandal = 0, sneaker = 1).

Source: Fashion-MNIST (Zalando Research, MIT license), as packaged by Debian in
``dataset-fashion-mnist`` (``apt-get install dataset-fashion-mnist``), which installs the
original gzipped IDX files under /usr/share/datasets/fashion-mnist/.

The binary set of c4w1a2 (the course's stand-in for a "happy / not happy" face set): two
classes that neither ``fashion_pair`` nor ``six_class`` uses.  Sandals and sneakers share their
outline (a low shoe seen from the side); what tells them apart is local texture, the straps and
holes of a sandal against the closed upper of a sneaker, which small convolution filters see.

A fixed-seed draw of 300 training images per class from the official training split and 100
test images per class from the official test split, shuffled: 600 train, 200 test,
28x28 grayscale, uint8; labels (1, m) uint8.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from build_fashion_pair import sample_classes
from h5write import write_h5

CLASSES = {5: "sandal", 7: "sneaker"}   # Fashion-MNIST label -> name; sandal -> 0, sneaker -> 1
PER_CLASS = {"train": 300, "test": 100}
SEED = 2026

INFO = {
    "footwear_pair.h5": {
        "description": "Fashion-MNIST sandal (y=0) vs sneaker (y=1): 600 train / 200 test, "
                       "28x28 grayscale uint8",
        "source": "Fashion-MNIST (Xiao, Rasul & Vollgraf 2017), Debian package "
                  "dataset-fashion-mnist",
        "license": "MIT",
        "attribution": "Copyright (c) 2017 Zalando SE",
        "used_by": ["c4w1a2_conv_application"],
    }
}


def build(out_dir: Path) -> dict:
    arrays = {}
    for split, (images, labels) in sample_classes(CLASSES, PER_CLASS, SEED).items():
        arrays[f"{split}_x"] = images
        arrays[f"{split}_y"] = (labels == 7).astype(np.uint8).reshape(1, -1)
    write_h5(out_dir / "footwear_pair.h5", arrays,
             attrs={"classes": list(CLASSES.values()),
                    "description": INFO["footwear_pair.h5"]["description"]})
    return INFO
