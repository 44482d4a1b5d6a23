"""Reference answers of c4w3a1 (YOLO): filtering by score, IoU, non-max suppression, yolo_eval.

The hidden tests, ``datasets/train_yolo.py`` (the mAP of the shipped weights) and
``tests/test_yolo.py`` use these; the c4w3a1 notebook teaches them, so its sandbox does not
hold this module (``TAUGHT_IN``) and inside its tests they refuse to run
(:func:`utils.testing.course_reference`).

Conventions, those of the original assignment: corners ``(y_min, x_min, y_max, x_max)``;
a box's score is ``box_confidence * box_class_probs`` for its best class.
"""
from __future__ import annotations

import numpy as np

from utils.testing import course_reference
from utils.yolo import scale_boxes, yolo_boxes_to_corners

TAUGHT_IN = ("c4w3a1_yolo",)

__all__ = ["yolo_filter_boxes", "iou", "yolo_non_max_suppression", "yolo_eval"]


@course_reference
def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=.6):
    """Keep the boxes whose best class score is >= threshold.

    boxes (S, S, A, 4), box_confidence (S, S, A, 1), box_class_probs (S, S, A, C) (any leading
    axes) -> scores (k,), boxes (k, 4), classes (k,) int64, in the (row-major) order of the
    grid cells and anchors.
    """
    box_scores = box_confidence * box_class_probs
    box_classes = np.argmax(box_scores, axis=-1)
    box_class_scores = np.max(box_scores, axis=-1)
    mask = box_class_scores >= threshold
    return box_class_scores[mask], boxes[mask], box_classes[mask].astype(np.int64)


@course_reference
def iou(box1, box2):
    """Intersection over union of two boxes (y1, x1, y2, x2); 0.0 when the union is 0."""
    yi1, xi1 = max(box1[0], box2[0]), max(box1[1], box2[1])
    yi2, xi2 = min(box1[2], box2[2]), min(box1[3], box2[3])
    inter = max(yi2 - yi1, 0) * max(xi2 - xi1, 0)
    union = ((box1[2] - box1[0]) * (box1[3] - box1[1])
             + (box2[2] - box2[0]) * (box2[3] - box2[1]) - inter)
    return float(inter / union) if union > 0 else 0.0


@course_reference
def yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    """Greedy non-max suppression over all classes together.

    Take the boxes by decreasing score (equal scores: the earlier box first); keep a box unless
    its IoU with a box already kept is > iou_threshold; stop at max_boxes.  Returns the kept
    scores (k,), boxes (k, 4) and classes (k,), in the order they were kept.
    """
    scores, boxes, classes = np.asarray(scores), np.asarray(boxes), np.asarray(classes)
    keep = []
    for k in np.argsort(-scores, kind="stable"):
        if len(keep) == max_boxes:
            break
        if all(iou(boxes[k], boxes[j]) <= iou_threshold for j in keep):
            keep.append(k)
    keep = np.array(keep, dtype=np.int64)
    return scores[keep], boxes[keep], classes[keep]


@course_reference
def yolo_eval(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=.6,
              iou_threshold=.5):
    """Boxes, in pixels, of one image's decoded YOLO output (box_xy, box_wh, box_confidence,
    box_class_probs): corners, filtering by score, scaling, non-max suppression."""
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    boxes = yolo_boxes_to_corners(box_xy, box_wh)
    scores, boxes, classes = yolo_filter_boxes(boxes, box_confidence, box_class_probs,
                                               score_threshold)
    boxes = scale_boxes(boxes, image_shape)
    return yolo_non_max_suppression(scores, boxes, classes, max_boxes, iou_threshold)
