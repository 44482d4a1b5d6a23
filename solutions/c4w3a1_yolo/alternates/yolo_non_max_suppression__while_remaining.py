# Correct: a while loop over the remaining indices, dropping the overlapping ones at each step.
import numpy as np


def yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    remaining = list(np.argsort(-scores, kind="mergesort"))
    keep = []
    while remaining and len(keep) < max_boxes:
        best = remaining.pop(0)
        keep.append(best)
        remaining = [i for i in remaining if iou(boxes[best], boxes[i]) <= iou_threshold]
    keep = np.asarray(keep, dtype=np.int64)
    return scores[keep], boxes[keep], classes[keep]
