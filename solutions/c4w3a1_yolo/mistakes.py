"""Known mistakes in c4w3a1_yolo: read by autograder/mistakes.py (see CONTRIBUTING.md, "Mistakes").

Plain data, never executed.  Each patch is a list of (old, new) replacements applied in order to
the solution cell's source; the self-test proves that every mistake loses points.
"""

MISTAKES = [
    {"cell": "iou", "name": "corners_as_sizes",
     "says": "the second corner is used as the height and width: the area is y2 * x2 instead of (y2 - y1) * (x2 - x1)",
     "hint": None,
     "patch": [("    box1_area = (box1_y2 - box1_y1) * (box1_x2 - box1_x1)\n"
                "    box2_area = (box2_y2 - box2_y1) * (box2_x2 - box2_x1)\n",
                "    box1_area = box1_y2 * box1_x2\n"
                "    box2_area = box2_y2 * box2_x2\n")]},
    {"cell": "iou", "name": "intersection_not_clipped",
     "says": "the intersection is not clipped at 0: boxes that do not overlap get a positive intersection",
     "hint": None,
     "patch": [("    inter_height = max(yi2 - yi1, 0)\n"
                "    inter_width = max(xi2 - xi1, 0)\n",
                "    inter_height = yi2 - yi1\n"
                "    inter_width = xi2 - xi1\n")]},
    {"cell": "iou", "name": "min_max_swapped",
     "says": "the intersection takes the min of the upper-left corners and the max of the lower-right ones (the box around both)",
     "hint": None,
     "patch": [("    yi1 = max(box1_y1, box2_y1)\n"
                "    xi1 = max(box1_x1, box2_x1)\n"
                "    yi2 = min(box1_y2, box2_y2)\n"
                "    xi2 = min(box1_x2, box2_x2)\n",
                "    yi1 = min(box1_y1, box2_y1)\n"
                "    xi1 = min(box1_x1, box2_x1)\n"
                "    yi2 = max(box1_y2, box2_y2)\n"
                "    xi2 = max(box1_x2, box2_x2)\n")]},
    {"cell": "iou", "name": "union_without_intersection",
     "says": "the union adds the two areas without subtracting the intersection", "hint": None,
     "patch": [("    union_area = box1_area + box2_area - inter_area\n",
                "    union_area = box1_area + box2_area\n")]},
    {"cell": "iou", "name": "zero_union_divides",
     "says": "a union of zero area is divided by (two boxes of zero area crash instead of giving 0.0)",
     "hint": None,
     "patch": [("    if union_area == 0:\n"
                "        return 0.0\n",
                "")]},
    {"cell": "yolo_eval", "name": "default_score_threshold",
     "says": "score_threshold is not passed on: the filter uses its default threshold 0.6",
     "hint": None,
     "patch": [("                                               threshold=score_threshold)\n",
                "                                               )\n")]},
    {"cell": "yolo_eval", "name": "image_shape_swapped",
     "says": "the boxes are scaled by (width, height) instead of (height, width)", "hint": None,
     "patch": [("    boxes = scale_boxes(boxes, image_shape)\n",
                "    boxes = scale_boxes(boxes, (image_shape[1], image_shape[0]))\n")]},
    {"cell": "yolo_eval", "name": "nms_arguments_swapped",
     "says": "max_boxes and iou_threshold are passed to the suppression in the wrong places",
     "hint": None,
     "patch": [("                                                      max_boxes=max_boxes,\n"
                "                                                      iou_threshold=iou_threshold)\n",
                "                                                      max_boxes=iou_threshold,\n"
                "                                                      iou_threshold=max_boxes)\n")]},
    {"cell": "yolo_eval", "name": "not_scaled",
     "says": "the boxes are not scaled to pixels: scale_boxes(boxes, image_shape) is missing",
     "hint": None,
     "patch": [("    boxes = scale_boxes(boxes, image_shape)\n",
                "")]},
    {"cell": "yolo_eval", "name": "xy_wh_swapped",
     "says": "yolo_boxes_to_corners gets the sizes and the centres swapped", "hint": None,
     "patch": [("    boxes = yolo_boxes_to_corners(box_xy, box_wh)\n",
                "    boxes = yolo_boxes_to_corners(box_wh, box_xy)\n")]},
    {"cell": "yolo_filter_boxes", "name": "boxes_not_filtered",
     "says": "the mask is applied to the scores and classes but not to the boxes", "hint": None,
     "patch": [("    boxes = boxes[filtering_mask]\n",
                "    boxes = boxes.reshape(-1, 4)\n")]},
    {"cell": "yolo_filter_boxes", "name": "confidence_only",
     "says": "the score is box_confidence alone, without the class probability", "hint": None,
     "patch": [("    box_class_scores = np.max(box_scores, axis=-1)\n",
                "    box_class_scores = box_confidence[..., 0]\n")]},
    {"cell": "yolo_filter_boxes", "name": "max_over_first_axis",
     "says": "the best class is taken along the first axis instead of the last (classes)",
     "hint": None,
     "patch": [("    box_classes = np.argmax(box_scores, axis=-1)\n"
                "    box_class_scores = np.max(box_scores, axis=-1)\n",
                "    box_classes = np.argmax(box_scores, axis=0)\n"
                "    box_class_scores = np.max(box_scores, axis=0)\n")]},
    {"cell": "yolo_filter_boxes", "name": "scores_not_multiplied",
     "says": "the scores are the class probabilities alone, not multiplied by box_confidence",
     "hint": None,
     "patch": [("    box_scores = box_confidence * box_class_probs\n",
                "    box_scores = box_class_probs\n")]},
    {"cell": "yolo_filter_boxes", "name": "strict_threshold",
     "says": "a box whose score equals the threshold is dropped: > instead of >=", "hint": None,
     "patch": [("    filtering_mask = box_class_scores >= threshold\n",
                "    filtering_mask = box_class_scores > threshold\n")]},
    {"cell": "yolo_non_max_suppression", "name": "keeps_lower_score",
     "says": "the boxes are taken by increasing score, so of two overlapping boxes the lower-scored one is kept",
     "hint": None,
     "patch": [('    order = np.argsort(-scores, kind="stable")\n',
                '    order = np.argsort(scores, kind="stable")\n')]},
    {"cell": "yolo_non_max_suppression", "name": "kept_in_input_order",
     "says": "the kept boxes are returned in their input order, not in the order they were kept (by decreasing score)",
     "hint": None,
     "patch": [("    keep = np.array(keep, dtype=int)\n",
                "    keep = np.array(sorted(keep), dtype=int)\n")]},
    {"cell": "yolo_non_max_suppression", "name": "no_max_boxes",
     "says": "max_boxes is ignored: every box that survives the suppression is kept", "hint": None,
     "patch": [("        if len(keep) == max_boxes:\n"
                "            break\n",
                "")]},
    {"cell": "yolo_non_max_suppression", "name": "only_against_best",
     "says": "each box is compared with the best box only, not with every box already kept",
     "hint": None,
     "patch": [("        if all(iou(boxes[i], boxes[j]) <= iou_threshold for j in keep):\n",
                "        if not keep or iou(boxes[i], boxes[keep[0]]) <= iou_threshold:\n")]},
    {"cell": "yolo_non_max_suppression", "name": "removes_at_threshold",
     "says": "a box whose IoU equals iou_threshold is removed: >= instead of >", "hint": None,
     "patch": [("        if all(iou(boxes[i], boxes[j]) <= iou_threshold for j in keep):\n",
                "        if all(iou(boxes[i], boxes[j]) < iou_threshold for j in keep):\n")]},
]
