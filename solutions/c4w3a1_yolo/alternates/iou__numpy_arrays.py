# Correct: the corners as arrays, np.maximum / np.minimum / np.clip, areas with np.prod.
import numpy as np


def iou(box1, box2):
    a, b = np.asarray(box1, dtype=float), np.asarray(box2, dtype=float)
    upper_left = np.maximum(a[:2], b[:2])
    lower_right = np.minimum(a[2:], b[2:])
    inter = np.prod(np.clip(lower_right - upper_left, 0, None))
    union = np.prod(a[2:] - a[:2]) + np.prod(b[2:] - b[:2]) - inter
    return float(inter / union) if union > 0 else 0.0
