"""Semantic segmentation helpers: scores of predicted masks and their colours (c4w3a2).

A mask is an integer array of class indices, one per pixel: ``(m, n_H, n_W)`` for a batch.

    cm = confusion_matrix(y_true, y_pred, n_classes)     # (n_classes, n_classes) pixel counts
    pixel_accuracy(cm), iou_per_class(cm), mean_iou(cm)
    rgb = colorize(mask)                                 # (..., 3) floats in [0, 1]

The intersection over union of class c is TP / (TP + FP + FN): the pixels both masks give to c,
over the pixels either gives to c.  The mean IoU averages it over the classes that occur in
the true masks or in the predictions (a class absent from both has no IoU).
"""
from __future__ import annotations

import numpy as np

__all__ = ["confusion_matrix", "pixel_accuracy", "iou_per_class", "mean_iou", "PALETTE",
           "colorize", "predict_masks"]

# one colour per class of datasets/build_streets.py's CLASSES (sky, building, vegetation, road,
# sidewalk, lane, pole, car, truck, pedestrian, traffic light)
PALETTE = np.array([
    [0.53, 0.75, 0.95],   # sky
    [0.55, 0.35, 0.30],   # building
    [0.20, 0.60, 0.20],   # vegetation
    [0.35, 0.35, 0.40],   # road
    [0.85, 0.70, 0.85],   # sidewalk
    [1.00, 1.00, 1.00],   # lane
    [1.00, 0.60, 0.00],   # pole
    [0.05, 0.20, 0.90],   # car
    [0.00, 0.80, 0.85],   # truck
    [0.90, 0.05, 0.10],   # pedestrian
    [1.00, 0.95, 0.00],   # traffic light
])


def confusion_matrix(y_true, y_pred, n_classes: int) -> np.ndarray:
    """Pixel counts (n_classes, n_classes): row = true class, column = predicted class.

    y_true, y_pred -- integer masks of one shape (any shape, e.g. (m, n_H, n_W))."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"confusion_matrix: masks of shapes {y_true.shape} and {y_pred.shape}")
    index = y_true.astype(np.int64).ravel() * n_classes + y_pred.astype(np.int64).ravel()
    return np.bincount(index, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def pixel_accuracy(cm: np.ndarray) -> float:
    """The fraction of pixels whose predicted class is the true one."""
    return float(np.trace(cm) / cm.sum())


def iou_per_class(cm: np.ndarray) -> np.ndarray:
    """(n_classes,) TP / (TP + FP + FN) per class; NaN for a class absent from both masks."""
    tp = np.diag(cm).astype(np.float64)
    union = cm.sum(axis=0) + cm.sum(axis=1) - tp
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, tp / np.maximum(union, 1), np.nan)


def mean_iou(cm: np.ndarray) -> float:
    """The mean of iou_per_class over the classes present in either mask."""
    return float(np.nanmean(iou_per_class(cm)))


def colorize(mask: np.ndarray, palette: np.ndarray = PALETTE) -> np.ndarray:
    """An integer mask (...) as colours (..., 3) in [0, 1]."""
    return palette[np.asarray(mask, dtype=np.int64)]


def predict_masks(model, images: np.ndarray, batch_size: int = 32) -> np.ndarray:
    """argmax over the classes of ``model.predict``: images (m, n_H, n_W, 3) -> masks (m, n_H,
    n_W) uint8."""
    masks = [np.argmax(model.predict(images[i:i + batch_size]), axis=-1).astype(np.uint8)
             for i in range(0, len(images), batch_size)]
    return np.concatenate(masks)
