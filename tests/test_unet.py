"""c4w3a2's U-Net (utils.unet), its scores (utils.segmentation) and its shipped weights.

The weights test recomputes, from ``datasets/unet_streets.h5`` and the 300 held-out scenes of
``datasets/streets_unet.h5``, the pixel accuracy, mean IoU and IoU per class that
``datasets/MANIFEST.json`` reports (and the notebook prints); one prediction pass, a few seconds.
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from utils import nn
from utils.data import DATA_DIR
from utils.segmentation import (colorize, confusion_matrix, iou_per_class, mean_iou,
                                pixel_accuracy)
from utils.unet import conv_block, unet_model, upsampling_block

MANIFEST = json.loads((DATA_DIR / "MANIFEST.json").read_text())["files"]


def _params(model):
    return sum(int(np.prod(w.shape)) for w in model.get_weights())


def test_unet_has_the_original_parameter_count():
    """The original assignment's 23-class model has 8,640,471 parameters; each class less takes
    the 33 weights of one 1x1 filter (32 inputs + bias) away."""
    assert _params(unet_model((96, 128, 3), 32, 23)) == 8_640_471
    assert _params(unet_model((96, 128, 3), 32, 11)) == 8_640_471 - 12 * 33
    assert _params(unet_model((96, 128, 3), 8, 11)) == 540_891


def test_blocks_shapes_and_skip_connection():
    x = np.random.default_rng(0).uniform(size=(2, 8, 6, 3)).astype(np.float32)
    nxt, skip = conv_block(x, 4)
    assert nxt.shape == (2, 4, 3, 4) and skip.shape == (2, 8, 6, 4)
    # next_layer is the 2x2 max pooling of the skip connection
    s = skip.numpy()
    np.testing.assert_allclose(nxt.numpy(), s.reshape(2, 4, 2, 3, 2, 4).max(axis=(2, 4)))
    same, skip2 = conv_block(x, 5, dropout_prob=0.3, max_pooling=False)
    assert same is skip2 and same.shape == (2, 8, 6, 5)
    up = upsampling_block(nxt, skip, 7)
    assert up.shape == (2, 8, 6, 7)
    rows = nn.Model(inp := nn.Input((8, 6, 3)), conv_block(inp, 4, 0.3)).summary_data()
    assert [r["type"] for r in rows] == ["InputLayer", "Conv2D", "Conv2D", "Dropout",
                                         "MaxPooling2D"]


def test_segmentation_scores_by_hand():
    y = np.array([[0, 0, 1], [1, 2, 2]])
    p = np.array([[0, 1, 1], [1, 2, 0]])
    cm = confusion_matrix(y, p, 4)
    assert cm.tolist() == [[1, 1, 0, 0], [0, 2, 0, 0], [1, 0, 1, 0], [0, 0, 0, 0]]
    assert pixel_accuracy(cm) == pytest.approx(4 / 6)
    iou = iou_per_class(cm)
    # class 0: TP 1, FP 1, FN 1; class 1: TP 2, FP 1; class 2: TP 1, FN 1; class 3 absent
    np.testing.assert_allclose(iou[:3], [1 / 3, 2 / 3, 1 / 2])
    assert np.isnan(iou[3])
    assert mean_iou(cm) == pytest.approx((1 / 3 + 2 / 3 + 1 / 2) / 3)
    assert colorize(y).shape == (2, 3, 3)
    with pytest.raises(ValueError, match="shapes"):
        confusion_matrix(y, p[:1], 4)


def test_weighted_loss_with_equal_weights_is_the_mean_cross_entropy():
    from tests.test_weights import load_script
    trainer = load_script(DATA_DIR / "train_unet.py")
    rng = np.random.default_rng(1)
    logits = nn.Tensor(rng.normal(size=(2, 3, 4, 5)).astype(np.float64), requires_grad=True)
    y = rng.integers(0, 5, size=(2, 3, 4))
    plain = nn.losses.sparse_categorical_crossentropy(y, logits, from_logits=True)
    same = trainer.weighted_loss(logits, y, np.full(5, 2.0))
    assert float(same.data) == pytest.approx(float(plain.data), rel=1e-6)
    weighted = trainer.weighted_loss(logits, y, np.arange(1.0, 6.0))
    ce = -np.log(np.take_along_axis(
        np.exp(logits.data) / np.exp(logits.data).sum(-1, keepdims=True), y[..., None], -1))[..., 0]
    w = np.arange(1.0, 6.0)[y]
    assert float(weighted.data) == pytest.approx(float((ce * w).sum() / w.sum()), rel=1e-5)


@pytest.fixture(scope="module")
def shipped_scores():
    from tests.test_weights import load_script
    trainer = load_script(DATA_DIR / "train_unet.py")
    return trainer.scores(trainer.load_trained(DATA_DIR / "unet_streets.h5"))


def test_shipped_weights_reach_what_the_manifest_reports(shipped_scores):
    info = MANIFEST["unet_streets.h5"]
    cm = shipped_scores
    assert cm.sum() == 300 * 96 * 128
    assert pixel_accuracy(cm) == pytest.approx(info["accuracy"]["value"], abs=0.002)
    assert mean_iou(cm) == pytest.approx(info["mean_iou"], abs=0.002)
    np.testing.assert_allclose(iou_per_class(cm), list(info["iou"].values()), atol=0.005)


def test_shipped_weights_segment_every_class(shipped_scores):
    """Issue 17's targets on the held-out scenes: pixel accuracy >= 0.95, mean IoU >= 0.7 and
    every class's IoU >= 0.3 (the rare classes too)."""
    iou = iou_per_class(shipped_scores)
    assert np.all(iou >= 0.3), dict(zip(MANIFEST["unet_streets.h5"]["iou"], iou.round(3)))
    assert mean_iou(shipped_scores) >= 0.7
    assert pixel_accuracy(shipped_scores) >= 0.95
