"""A small MobileNetV2 for 28x28 grey images, built with the course framework (c4w2a2).

MobileNetV2 (Sandler et al. 2018) is a stack of *inverted residual blocks*.  A block with
expansion factor t takes (m, n_H, n_W, n_C_in) to (m, n_H / s, n_W / s, n_C_out):

    expand     1x1 Conv2D to t * n_C_in channels, BatchNormalization, ReLU6   (skipped if t = 1)
    depthwise  3x3 DepthwiseConv2D, stride s, "same" padding, BatchNormalization, ReLU6
    project    1x1 Conv2D to n_C_out channels, BatchNormalization (linear: no activation)
    add        input + output, when s = 1 and n_C_in = n_C_out (a residual connection)

The network here keeps Keras's layer names (``Conv1``, ``block_3_expand``, ``out_relu``...)
but is sized for 28x28 images (``BLOCKS``).  ``MobileNetV2(weights="fashion_shoes_bags")``
loads the weights that ``datasets/train_mobilenet.py`` trained on four Fashion-MNIST classes
(sandal, sneaker, bag, ankle boot) that the course's six-class set never shows, each image
turned by a multiple of 90 degrees (the network names the class and the turn: 16 labels), and
redrawing each image from its pooled features (a second output).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from utils import nn

__all__ = ["BLOCKS", "WEIGHTS", "preprocess_input", "inverted_residual_block", "MobileNetV2",
           "pretraining_classifier"]

# (expansion t, output channels, stride) of each inverted residual block, in order
BLOCKS = [
    (1, 16, 1),      # block 0 ("expanded_conv" in Keras): no expansion      14x14
    (4, 24, 2),      # block 1                                                7x7
    (4, 24, 1),      # block 2 (residual)
    (4, 32, 2),      # block 3                                                4x4
    (4, 32, 1),      # block 4 (residual)
    (4, 48, 1),      # block 5
    (4, 48, 1),      # block 6 (residual)
]
STEM_FILTERS = 16    # Conv1: 3x3, stride 2: 28x28 -> 14x14
LAST_FILTERS = 256   # Conv_1: the 1x1 convolution before out_relu

WEIGHTS = {"fashion_shoes_bags": "mobilenet_shoes_bags.h5"}


def preprocess_input(x):
    """Pixels in [0, 255] -> [-1, 1], as MobileNetV2 expects: x / 127.5 - 1.

    x -- an array, a tensor, or a symbolic tensor of a functional model (then it adds a
    ``Rescaling`` layer to the graph).
    """
    return nn.Rescaling(1 / 127.5, offset=-1.0)(x)


def inverted_residual_block(x, expansion: int, filters: int, stride: int, block_id: int):
    """One inverted residual block (see the module docstring) on a symbolic tensor x
    (None, n_H, n_W, n_C_in); returns (None, ceil(n_H / stride), ceil(n_W / stride), filters).
    Layers are named ``block_<id>_expand``, ``block_<id>_depthwise``, ``block_<id>_project``,
    ``block_<id>_add`` (block 0 is ``expanded_conv_...`` as in Keras)."""
    n_in = x.shape[-1]
    prefix = "expanded_conv_" if block_id == 0 else f"block_{block_id}_"
    h = x
    if expansion != 1:
        h = nn.Conv2D(expansion * n_in, 1, use_bias=False, name=prefix + "expand")(h)
        h = nn.BatchNormalization(momentum=0.9, name=prefix + "expand_BN")(h)
        h = nn.ReLU(6.0, name=prefix + "expand_relu")(h)
    h = nn.DepthwiseConv2D(3, strides=stride, padding="same", use_bias=False,
                           name=prefix + "depthwise")(h)
    h = nn.BatchNormalization(momentum=0.9, name=prefix + "depthwise_BN")(h)
    h = nn.ReLU(6.0, name=prefix + "depthwise_relu")(h)
    h = nn.Conv2D(filters, 1, use_bias=False, name=prefix + "project")(h)
    h = nn.BatchNormalization(momentum=0.9, name=prefix + "project_BN")(h)
    if stride == 1 and n_in == filters:
        h = nn.Add(name=prefix + "add")([x, h])
    return h


def MobileNetV2(input_shape=(28, 28, 1), weights: str | None = None,
                name: str = "mobilenetv2") -> nn.Model:
    """The backbone without its classifier ("include_top=False"): images (m, 28, 28, 1),
    already preprocessed to [-1, 1], -> features (m, 4, 4, LAST_FILTERS) after ``out_relu``.

    weights -- None (random initial weights, from the framework's generator: ``nn.set_seed``)
               or "fashion_shoes_bags" (the pretrained file in datasets/), or the path of a
               file saved from ``pretraining_classifier``.
    """
    if weights is not None:
        return pretraining_classifier(input_shape, weights=weights, name=name).get_layer(name)
    inputs = nn.Input(tuple(input_shape), name=name + "_input")
    x = nn.Conv2D(STEM_FILTERS, 3, strides=2, padding="same", use_bias=False, name="Conv1")(inputs)
    x = nn.BatchNormalization(momentum=0.9, name="bn_Conv1")(x)
    x = nn.ReLU(6.0, name="Conv1_relu")(x)
    for block_id, (t, filters, stride) in enumerate(BLOCKS):
        x = inverted_residual_block(x, t, filters, stride, block_id)
    x = nn.Conv2D(LAST_FILTERS, 1, use_bias=False, name="Conv_1")(x)
    x = nn.BatchNormalization(momentum=0.9, name="Conv_1_bn")(x)
    x = nn.ReLU(6.0, name="out_relu")(x)
    return nn.Model(inputs, x, name=name)


def pretraining_classifier(input_shape=(28, 28, 1), n_classes: int = 16,
                           weights: str | None = None, name: str = "mobilenetv2") -> nn.Model:
    """The model the backbone was pretrained as, with two outputs: raw pixels (m, 28, 28, 1)
    in [0, 255] -> preprocess_input -> MobileNetV2 -> GlobalAveragePooling2D (m, LAST_FILTERS)
    -> [Dropout(0.2) -> Dense(n_classes) logits (m, n_classes),
        Dense(28 * 28) "reconstruction" (m, 784): the image redrawn in [0, 1] from the pooled
        features].
    The weight file holds this whole model (so that its test accuracy can be recomputed);
    ``MobileNetV2(weights=...)`` keeps the backbone (``get_layer(name)``)."""
    base = MobileNetV2(input_shape, name=name)
    inputs = nn.Input(tuple(input_shape), name="pixels")
    x = preprocess_input(inputs)
    x = base(x)
    features = nn.GlobalAveragePooling2D(name="pool")(x)
    x = nn.Dropout(0.2, name="top_dropout")(features)
    logits = nn.Dense(n_classes, name="predictions")(x)
    image = nn.Dense(int(np.prod(input_shape)), name="reconstruction")(features)
    model = nn.Model(inputs, [logits, image], name="pretraining_classifier")
    if weights is not None:
        path = Path(weights)
        if weights in WEIGHTS:
            from utils.data import DATA_DIR
            path = DATA_DIR / WEIGHTS[weights]
            _check_file(path)
        model.load_weights(path)
    return model


def _check_file(path: Path) -> None:
    """The shipped weight file must match its checksum in datasets/MANIFEST.json."""
    import json
    from utils.data import DATA_DIR, sha256
    manifest = json.loads((DATA_DIR / "MANIFEST.json").read_text())["files"]
    info = manifest.get(path.name)
    if info is None or not path.exists():
        raise FileNotFoundError(f"{path} is not in datasets/ (build it with "
                                "`python datasets/train_all.py train_mobilenet`)")
    if sha256(path) != info["sha256"]:
        raise ValueError(f"{path} does not match its checksum in datasets/MANIFEST.json: "
                         "restore it with `git checkout -- datasets/`")
