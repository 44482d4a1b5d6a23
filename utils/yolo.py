"""YOLO on the course's street scenes (c4w3a1): what the notebook is *given*.

The decoder (:func:`yolo_head`: grid offsets, anchors, sigmoid and exp), the conversion of
centres and sizes to corners, box scaling, the tiny YOLOv2-style network, its training targets
and loss, the mAP@0.5 that the notebook reports, the held-out scenes and a drawing helper.
The four graded functions (filtering, IoU, non-max suppression, ``yolo_eval``) are *not* here:
their references live in :mod:`utils.detection`, which the notebook's sandbox does not hold.

Conventions (those of the original assignment):

* The network's output for one image is ``(S, S, A * (5 + C))``: ``S x S`` grid cells
  (``GRID`` = 8 at 128x128, cells of 16 pixels), ``A`` anchors (``len(ANCHORS)`` = 5), and per
  anchor ``(t_x, t_y, t_w, t_h, t_o, class logits ...)``.
* Decoded boxes are centres ``box_xy = (x, y)`` and sizes ``box_wh = (w, h)`` as fractions of
  the image's width and height; corners are ``(y_min, x_min, y_max, x_max)``, as fractions
  until :func:`scale_boxes` turns them into pixels.
* Scores: ``box_confidence`` (the probability that an anchor holds an object) times
  ``box_class_probs`` (the softmax over the ``C`` classes).

Nothing learnt on these scenes transfers to real photos: they are cartoons drawn by
``datasets/build_streets.py``.
"""
from __future__ import annotations

import numpy as np

from utils import nn
from utils.nn.tensor import apply, as_tensor

__all__ = ["DETECTION_CLASSES", "SCENE_CLASS_IDS", "IMAGE_SIZE", "GRID", "ANCHORS",
           "CLASS_COLORS", "EVAL_SETTINGS", "yolo_head", "yolo_boxes_to_corners", "scale_boxes",
           "tiny_yolo", "preprocess_true_boxes", "yolo_loss", "average_precision",
           "match_detections", "precision_recall", "mean_average_precision", "load_held_out",
           "predict_raw", "draw_boxes"]

DETECTION_CLASSES = ("car", "truck", "pedestrian", "traffic light")
SCENE_CLASS_IDS = (7, 8, 9, 10)        # the same classes' ids in build_streets.CLASSES
IMAGE_SIZE = 128
GRID = 8                               # 128 / 2**4: four 2x2 max-poolings
CLASS_COLORS = ("#e6194b", "#3cb44b", "#4363d8", "#f58231")

# 5 anchors (width, height) in grid cells (16 pixels), k-means (1 - IoU distance) on the boxes
# of 4000 training scenes: datasets/train_yolo.py's kmeans_anchors() prints them.
ANCHORS = np.array([[0.19, 0.62], [0.56, 0.50], [0.31, 1.00], [0.69, 1.25], [1.81, 1.69]],
                   np.float32)


# --------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------
def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def yolo_head(feats, anchors=ANCHORS, num_classes=len(DETECTION_CLASSES)):
    """Turn the network's raw output into boxes, confidences and class probabilities.

    Arguments:
    feats       -- array (m, S, S, A * (5 + C)) or (S, S, A * (5 + C)): the raw output
    anchors     -- array (A, 2): anchor (width, height) in grid cells
    num_classes -- C

    Returns (each with feats' leading axes, then (S, S, A, .)):
    box_xy          -- (..., S, S, A, 2) box centres (x, y) as fractions of the image:
                       x = (sigmoid(t_x) + column) / S, y = (sigmoid(t_y) + row) / S
    box_wh          -- (..., S, S, A, 2) box (width, height) as fractions of the image:
                       w = anchor_w * exp(t_w) / S, h = anchor_h * exp(t_h) / S
    box_confidence  -- (..., S, S, A, 1) sigmoid(t_o), the probability of an object
    box_class_probs -- (..., S, S, A, C) softmax of the class logits
    """
    feats = np.asarray(feats, np.float32)
    anchors = np.asarray(anchors, np.float32)
    A = len(anchors)
    S = feats.shape[-3]
    f = feats.reshape(feats.shape[:-1] + (A, 5 + num_classes))
    col, row = np.meshgrid(np.arange(S, dtype=np.float32), np.arange(S, dtype=np.float32))
    grid = np.stack([col, row], axis=-1)[:, :, None, :]                 # (S, S, 1, 2): (x, y)
    box_xy = (_sigmoid(f[..., 0:2]) + grid) / S
    box_wh = np.exp(np.minimum(f[..., 2:4], 10.0)) * anchors / S
    box_confidence = _sigmoid(f[..., 4:5])
    logits = f[..., 5:] - f[..., 5:].max(axis=-1, keepdims=True)
    e = np.exp(logits)
    box_class_probs = e / e.sum(axis=-1, keepdims=True)
    return box_xy, box_wh, box_confidence, box_class_probs


def yolo_boxes_to_corners(box_xy, box_wh):
    """Centres (x, y) and sizes (w, h) -> corners (y_min, x_min, y_max, x_max), same units.

    box_xy, box_wh -- arrays (..., 2); returns an array (..., 4)
    """
    box_xy, box_wh = np.asarray(box_xy), np.asarray(box_wh)
    mins, maxes = box_xy - box_wh / 2.0, box_xy + box_wh / 2.0
    return np.concatenate([mins[..., 1:2], mins[..., 0:1], maxes[..., 1:2], maxes[..., 0:1]],
                          axis=-1)


def scale_boxes(boxes, image_shape):
    """Corners as fractions of the image -> pixels: multiply by (height, width, height, width).

    boxes       -- array (..., 4) of (y_min, x_min, y_max, x_max) in [0, 1]
    image_shape -- (height, width) in pixels
    """
    height, width = image_shape
    return np.asarray(boxes) * np.array([height, width, height, width], dtype=np.float32)


# --------------------------------------------------------------------------------------------
# The network
# --------------------------------------------------------------------------------------------
def tiny_yolo(filters=(16, 32, 64, 128, 128, 128), num_anchors=len(ANCHORS),
              num_classes=len(DETECTION_CLASSES), input_shape=(IMAGE_SIZE, IMAGE_SIZE, 3)):
    """A tiny YOLOv2-style detector on the course framework.

    Six 3x3 "same" convolutions (no bias) + batch norm + leaky ReLU (slope 0.1) with ``filters``
    channels, the first four each followed by a 2x2 max-pooling (128 -> 64 -> 32 -> 16 -> 8);
    then a 1x1 convolution to ``num_anchors * (5 + num_classes)`` channels: the raw output
    ``(m, 8, 8, A * (5 + C))`` that :func:`yolo_head` decodes.  The first convolution sees the
    image at full resolution: pedestrians and traffic lights are 2-10 pixels wide, and a box
    must be placed to about a pixel to overlap them by half.
    """
    x = inputs = nn.Input(input_shape, name="image")
    for k, n in enumerate(filters):
        x = nn.Conv2D(n, 3, padding="same", use_bias=False, name=f"conv{k + 1}")(x)
        x = nn.BatchNormalization(name=f"bn{k + 1}")(x)
        x = nn.LeakyReLU(0.1, name=f"leaky{k + 1}")(x)
        if k < 4:
            x = nn.MaxPooling2D(2, name=f"pool{k + 1}")(x)
    outputs = nn.Conv2D(num_anchors * (5 + num_classes), 1, name="head")(x)
    return nn.Model(inputs, outputs, name="tiny_yolo")


# --------------------------------------------------------------------------------------------
# Training targets and loss
# --------------------------------------------------------------------------------------------
def _wh_iou(wh, anchors):
    """IoU of boxes and anchors of sizes wh (n, 2) and anchors (A, 2), both centred at 0."""
    inter = np.minimum(wh[:, None, 0], anchors[None, :, 0]) * np.minimum(wh[:, None, 1],
                                                                          anchors[None, :, 1])
    union = wh[:, None, 0] * wh[:, None, 1] + anchors[None, :, 0] * anchors[None, :, 1] - inter
    return inter / union


def preprocess_true_boxes(boxes, classes, anchors=ANCHORS, grid=GRID, image_size=IMAGE_SIZE,
                          num_classes=len(DETECTION_CLASSES)):
    """The targets of :func:`yolo_loss` for a batch of images.

    Arguments:
    boxes   -- list of m arrays (n_i, 4): corners (y_min, x_min, y_max, x_max) in pixels
    classes -- list of m integer arrays (n_i,): detection class ids 0..C-1

    Each box belongs to the grid cell that holds its centre and to the anchor whose shape
    matches it best (IoU of the two sizes, centred together); if two boxes want the same
    cell and anchor, the larger one keeps it.

    Returns a dict of arrays:
    "obj"   -- (m, S, S, A) 1. where an anchor is responsible for a box
    "xy"    -- (m, S, S, A, 2) the box centre's offset (x, y) inside its cell, clipped to
               [0.001, 0.999] (a sigmoid reaches it)
    "wh"    -- (m, S, S, A, 2) log(box size / anchor size), (w, h)
    "cls"   -- (m, S, S, A) int64 class id (0 where obj is 0)
    "scale" -- (m, S, S, A) 2 - (box area as a fraction of the image): small boxes weigh more
    "boxes" -- (m, N, 4) every image's boxes as fractions of the image (zero rows pad to N),
               for the loss's ignore mask
    """
    anchors = np.asarray(anchors, np.float32)
    m, A, cell = len(boxes), len(anchors), image_size / grid
    obj = np.zeros((m, grid, grid, A), np.float32)
    xy = np.zeros((m, grid, grid, A, 2), np.float32)
    wh = np.zeros((m, grid, grid, A, 2), np.float32)
    cls = np.zeros((m, grid, grid, A), np.int64)
    scale = np.zeros((m, grid, grid, A), np.float32)
    n_max = max([1] + [len(b) for b in boxes])
    padded = np.zeros((m, n_max, 4), np.float32)
    for i, (b, c) in enumerate(zip(boxes, classes)):
        b = np.asarray(b, np.float32).reshape(-1, 4)
        if not len(b):
            continue
        padded[i, :len(b)] = b / image_size
        size = np.stack([b[:, 3] - b[:, 1], b[:, 2] - b[:, 0]], axis=1) / cell      # (w, h)
        centre = np.stack([b[:, 1] + b[:, 3], b[:, 0] + b[:, 2]], axis=1) / 2 / cell   # (x, y)
        best = _wh_iou(size, anchors).argmax(axis=1)
        for k in np.argsort(size[:, 0] * size[:, 1], kind="stable"):     # larger ones last
            col, row = np.minimum(centre[k].astype(int), grid - 1)
            a = best[k]
            obj[i, row, col, a] = 1.0
            xy[i, row, col, a] = np.clip(centre[k] - (col, row), 1e-3, 1 - 1e-3)
            wh[i, row, col, a] = np.log(size[k] / anchors[a])
            cls[i, row, col, a] = c[k]
            scale[i, row, col, a] = 2.0 - size[k, 0] * size[k, 1] / grid ** 2
    return {"obj": obj, "xy": xy, "wh": wh, "cls": cls, "scale": scale, "boxes": padded}


def _iou_matrix(a, b):
    """IoU of every box of a (..., n, 4) with every box of b (..., k, 4) -> (..., n, k).

    Corners (y_min, x_min, y_max, x_max); a pair whose union is 0 has IoU 0."""
    if a.ndim < 2 or b.ndim < 2:
        raise ValueError("_iou_matrix takes stacks of boxes (..., n, 4)")
    a, b = a[..., :, None, :], b[..., None, :, :]
    h = np.clip(np.minimum(a[..., 2], b[..., 2]) - np.maximum(a[..., 0], b[..., 0]), 0, None)
    w = np.clip(np.minimum(a[..., 3], b[..., 3]) - np.maximum(a[..., 1], b[..., 1]), 0, None)
    inter = h * w
    union = ((a[..., 2] - a[..., 0]) * (a[..., 3] - a[..., 1])
             + (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1]) - inter)
    return np.where(union > 0, inter / np.where(union > 0, union, 1), 0.0)


def _yolo_loss_forward(raw, obj, xy, wh, onehot, scale, noobj, xy_weight, lambda_coord,
                       num_anchors):
    m = raw.shape[0]
    f = raw.reshape(raw.shape[:-1] + (num_anchors, -1))
    s_xy = _sigmoid(f[..., 0:2])
    d_xy = s_xy - xy
    d_wh = f[..., 2:4] - wh
    w_box = (lambda_coord * obj * scale)[..., None]
    coord = np.sum(w_box * (xy_weight * d_xy ** 2 + d_wh ** 2))
    t_o = f[..., 4]
    softplus = np.logaddexp(0, t_o)                   # -log(1 - sigmoid) ; -log sigmoid = sp - t
    objectness = np.sum(obj * (softplus - t_o) + noobj * softplus)
    logits = f[..., 5:]
    shifted = logits - logits.max(axis=-1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    classes = -np.sum(obj[..., None] * onehot * log_p)
    loss = np.asarray((coord + objectness + classes) / m, raw.dtype)
    return loss, (raw.shape, s_xy, d_xy, d_wh, w_box, xy_weight, t_o, obj, noobj, log_p, onehot,
                  m)


def _yolo_loss_backward(dout, cache):
    shape, s_xy, d_xy, d_wh, w_box, xy_weight, t_o, obj, noobj, log_p, onehot, m = cache
    g = np.empty(s_xy.shape[:-1] + (5 + onehot.shape[-1],), s_xy.dtype)
    g[..., 0:2] = w_box * xy_weight * 2 * d_xy * s_xy * (1 - s_xy)
    g[..., 2:4] = w_box * 2 * d_wh
    p_o = _sigmoid(t_o)
    g[..., 4] = obj * (p_o - 1) + noobj * p_o
    g[..., 5:] = obj[..., None] * (np.exp(log_p) - onehot)
    return ((g * (dout / m)).reshape(shape),)


def yolo_loss(raw, targets, anchors=ANCHORS, lambda_coord=5.0, lambda_noobj=1.0,
              ignore_thresh=0.6, relative_xy=True):
    """The YOLOv2-style loss of a batch, averaged over its images (a scalar tensor).

    Arguments:
    raw     -- tensor (m, S, S, A * (5 + C)): the network's output
    targets -- dict from :func:`preprocess_true_boxes`

    For the anchors responsible for a box (obj = 1):
      lambda_coord * scale * (|sigmoid(t_xy) - xy|^2 + |t_wh - wh|^2)   (xy, wh: the targets)
      + binary cross-entropy of sigmoid(t_o) against 1
      + cross-entropy of softmax(class logits) against the box's class;
    for the others: lambda_noobj * binary cross-entropy of sigmoid(t_o) against 0, except for
    anchors whose predicted box already overlaps a true box with IoU > ignore_thresh (YOLOv2's
    "ignore" rule: a good box in the wrong anchor is not punished).  One fused operation;
    its gradient is checked in tests/test_yolo.py.

    With ``relative_xy`` (the default, as datasets/train_yolo.py trains; ``False`` gives
    YOLOv2's error in grid cells) the centre's error is measured in units of the anchor's size,
    |(sigmoid(t_xy) - xy) / (p_w, p_h)|^2, as the size error (a log ratio) already is: in grid
    cells, a pixel off the centre of a pedestrian 4 pixels wide weighs as little as a pixel
    off a car 30 pixels wide, though it costs the pedestrian's box far more overlap.
    """
    raw = as_tensor(raw)
    anchors = np.asarray(anchors, np.float32)
    A = len(anchors)
    C = raw.shape[-1] // A - 5
    obj = targets["obj"].astype(raw.dtype)
    box_xy, box_wh, _, _ = yolo_head(raw.data, anchors, C)
    m, S = raw.shape[0], raw.shape[1]
    pred = yolo_boxes_to_corners(box_xy, box_wh).reshape(m, -1, 4)
    best = _iou_matrix(pred, targets["boxes"]).max(axis=-1).reshape(m, S, S, A)
    noobj = (lambda_noobj * (1 - obj) * (best <= ignore_thresh)).astype(raw.dtype)
    onehot = np.eye(C, dtype=raw.dtype)[targets["cls"]]
    xy_weight = (1 / anchors ** 2 if relative_xy else np.ones_like(anchors)).astype(raw.dtype)
    return apply(_yolo_loss_forward, _yolo_loss_backward, raw, obj=obj,
                 xy=targets["xy"].astype(raw.dtype), wh=targets["wh"].astype(raw.dtype),
                 onehot=onehot, scale=targets["scale"].astype(raw.dtype), noobj=noobj,
                 xy_weight=xy_weight,
                 lambda_coord=lambda_coord, num_anchors=A)


# How the notebook, datasets/train_yolo.py and tests/test_yolo.py call yolo_eval for the mAP:
# a low score threshold (the precision-recall curve needs the low-scored detections too).
EVAL_SETTINGS = {"max_boxes": 20, "score_threshold": 0.05, "iou_threshold": 0.5}


# --------------------------------------------------------------------------------------------
# Mean average precision
# --------------------------------------------------------------------------------------------
def average_precision(scores, correct, n_true):
    """Average precision of one class: the area under its precision-recall curve.

    Arguments:
    scores  -- array (k,): the scores of all the class's detections, over all images
    correct -- bool array (k,): whether each detection matched a true box (IoU >= 0.5 with a
               true box of the class not matched by a higher-scored detection)
    n_true  -- the number of true boxes of the class

    Detections are ranked by decreasing score; after the r-th one, recall = TP / n_true and
    precision = TP / r.  The precision is made monotone (each point takes the highest precision
    at any higher recall) and integrated over recall exactly (all points, as in Pascal VOC
    since 2010 and COCO).  Returns nan when n_true is 0.
    """
    if n_true == 0:
        return float("nan")
    order = np.argsort(-np.asarray(scores, np.float64), kind="stable")
    hits = np.asarray(correct, bool)[order]
    tp = np.cumsum(hits)
    recall = np.concatenate([[0.0], tp / n_true])
    precision = np.concatenate([[1.0], tp / np.arange(1, len(hits) + 1)])
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    return float(np.sum((recall[1:] - recall[:-1]) * envelope[1:]))


def match_detections(detections, truths, num_classes=len(DETECTION_CLASSES), iou_threshold=0.5):
    """Which detections are correct, class by class (the matching of the mAP).

    Arguments: as :func:`mean_average_precision`.

    In each image, a class's detections are taken by decreasing score; each one is *correct*
    when its best-overlapping true box of that class has IoU >= iou_threshold and is not yet
    taken by a higher-scored detection (it then takes it).  Other detections, duplicates
    included, are false positives; true boxes nobody took are misses.

    Returns (scores, correct, n_true): for each class c, scores[c] (k_c,) and correct[c] (k_c,)
    bool over all images, and n_true[c] its number of true boxes.
    """
    scores = [[] for _ in range(num_classes)]
    correct = [[] for _ in range(num_classes)]
    n_true = np.zeros(num_classes, int)
    for (d_scores, d_boxes, d_classes), (t_boxes, t_classes) in zip(detections, truths):
        d_scores, d_classes = np.asarray(d_scores).reshape(-1), np.asarray(d_classes).reshape(-1)
        d_boxes = np.asarray(d_boxes, np.float64).reshape(-1, 4)
        t_boxes = np.asarray(t_boxes, np.float64).reshape(-1, 4)
        t_classes = np.asarray(t_classes).reshape(-1)
        for c in range(num_classes):
            truth = t_boxes[t_classes == c]
            n_true[c] += len(truth)
            mine = np.flatnonzero(d_classes == c)
            mine = mine[np.argsort(-d_scores[mine], kind="stable")]
            taken = np.zeros(len(truth), bool)
            overlaps = _iou_matrix(d_boxes[mine], truth) if len(truth) else None
            for r, k in enumerate(mine):
                hit = False
                if overlaps is not None:
                    o = np.where(taken, -1.0, overlaps[r])
                    j = int(np.argmax(o))
                    if o[j] >= iou_threshold:
                        taken[j] = hit = True
                scores[c].append(d_scores[k])
                correct[c].append(hit)
    return ([np.array(x, np.float64) for x in scores], [np.array(x, bool) for x in correct],
            n_true)


def precision_recall(scores, correct, n_true):
    """One class's precision-recall curve: (recall, precision) after each detection, the
    detections ranked by decreasing score (inputs as :func:`average_precision`)."""
    order = np.argsort(-np.asarray(scores, np.float64), kind="stable")
    tp = np.cumsum(np.asarray(correct, bool)[order])
    return tp / max(n_true, 1), tp / np.arange(1, len(order) + 1)


def mean_average_precision(detections, truths, num_classes=len(DETECTION_CLASSES),
                           iou_threshold=0.5):
    """mAP@``iou_threshold`` of a detector on a set of images, and each class's AP.

    Arguments:
    detections -- list (one per image) of (scores (k,), boxes (k, 4), classes (k,)), boxes as
                  corners (y_min, x_min, y_max, x_max) in pixels: what ``yolo_eval`` returns
    truths     -- list (one per image) of (boxes (n, 4), classes (n,)) in the same units

    Detections are matched to true boxes by :func:`match_detections`; each class's AP is
    :func:`average_precision`; the mAP is their mean over the classes that have true boxes.

    Returns (mAP, per_class) with per_class an array (num_classes,) of APs (nan: no true box).
    """
    scores, correct, n_true = match_detections(detections, truths, num_classes, iou_threshold)
    per_class = np.array([average_precision(scores[c], correct[c], n_true[c])
                          for c in range(num_classes)])
    return float(np.nanmean(per_class)), per_class


# --------------------------------------------------------------------------------------------
# Data, prediction and drawing
# --------------------------------------------------------------------------------------------
def load_held_out(count=None):
    """The committed held-out scenes (``datasets/streets_yolo.h5``).

    Returns (images, truths): images float32 (m, 128, 128, 3) in [0, 1]; truths a list of m
    pairs (boxes (n, 4) corners in pixels, classes (n,) detection ids 0..3).
    """
    from utils.data import load_dataset
    data = load_dataset("streets_yolo")
    m = len(data["images"]) if count is None else count
    images = data["images"][:m].astype(np.float32) / 255.0
    ids = np.full(max(SCENE_CLASS_IDS) + 1, -1, np.int64)
    ids[list(SCENE_CLASS_IDS)] = np.arange(len(SCENE_CLASS_IDS))
    truths = []
    for i in range(m):
        mine = data["box_scene"] == i
        truths.append((data["boxes"][mine], ids[data["box_classes"][mine]]))
    return images, truths


def predict_raw(model, images, batch_size=64):
    """The network's raw output (m, S, S, A * (5 + C)) for images (m, 128, 128, 3), in batches."""
    with nn.no_grad():
        return np.concatenate([model(images[i:i + batch_size], training=False).numpy()
                               for i in range(0, len(images), batch_size)])


def draw_boxes(ax, image, boxes, classes, scores=None, class_names=DETECTION_CLASSES,
               colors=CLASS_COLORS, linewidth=1.5, fontsize=7):
    """Show ``image`` on ``ax`` with boxes (n, 4) corners in pixels, coloured by class.

    classes -- (n,) detection ids; scores -- (n,) or None (then only the class is written)
    """
    import matplotlib.patches as patches
    ax.imshow(image, interpolation="nearest")
    for k, (box, c) in enumerate(zip(np.asarray(boxes).reshape(-1, 4), np.asarray(classes))):
        y0, x0, y1, x1 = box
        color = colors[int(c) % len(colors)]
        ax.add_patch(patches.Rectangle((x0 - 0.5, y0 - 0.5), x1 - x0, y1 - y0, fill=False,
                                       edgecolor=color, linewidth=linewidth))
        text = class_names[int(c)] if scores is None else f"{class_names[int(c)]} {scores[k]:.2f}"
        ax.text(x0 - 0.5, y0 - 1.5, text, color="white", fontsize=fontsize,
                bbox=dict(facecolor=color, edgecolor="none", pad=0.6, alpha=0.85))
    ax.set_xticks([])
    ax.set_yticks([])
