# Correct: a loop over the boxes, flattened, collecting the kept ones in lists.
import numpy as np


def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=.6):
    flat_boxes = boxes.reshape(-1, 4)
    flat_scores = (box_confidence * box_class_probs).reshape(flat_boxes.shape[0], -1)
    scores, kept, classes = [], [], []
    for i in range(flat_boxes.shape[0]):
        c = int(np.argmax(flat_scores[i]))
        if flat_scores[i, c] >= threshold:
            scores.append(flat_scores[i, c])
            kept.append(flat_boxes[i])
            classes.append(c)
    return (np.array(scores, dtype=flat_scores.dtype),
            np.array(kept, dtype=boxes.dtype).reshape(-1, 4), np.array(classes, dtype=np.int64))
