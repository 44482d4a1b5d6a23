# Correct: returns a NumPy scalar (np.float64) instead of a Python float.
import numpy as np


def iou(box1, box2):
    (y1, x1, y2, x2), (v1, u1, v2, u2) = box1, box2
    inter = np.float64(max(min(y2, v2) - max(y1, v1), 0) * max(min(x2, u2) - max(x1, u1), 0))
    union = (y2 - y1) * (x2 - x1) + (v2 - v1) * (u2 - u1) - inter
    return np.float64(0.0) if union == 0 else inter / np.float64(union)
