# Correct: scales first, flattens the grid to (S*S*A, .) before filtering (same boxes, same order).
import numpy as np


def yolo_eval(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=.6,
              iou_threshold=.5):
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    boxes = scale_boxes(yolo_boxes_to_corners(box_xy, box_wh), image_shape).reshape(-1, 4)
    n = boxes.shape[0]
    scores, boxes, classes = yolo_filter_boxes(boxes, box_confidence.reshape(n, 1),
                                               box_class_probs.reshape(n, -1),
                                               threshold=score_threshold)
    return yolo_non_max_suppression(scores, boxes, classes, max_boxes, iou_threshold)
