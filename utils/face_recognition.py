"""Face verification and recognition (c4w4a1): the triplet loss and the door's decisions.

The course's reference answers of ``c4w4a1_face_recognition`` (guarded by ``TAUGHT_IN``: the
notebook that teaches them cannot import this module).

    triplet_loss(y_true, [anchor, positive, negative], alpha)   (m, d) tensors -> one number
    img_to_encoding(image, model)        (n_H, n_W, n_C) image -> (1, d) encoding
    verify(image, identity, database, model)   -> (dist, door_open)
    who_is_it(image, database, model)          -> (min_dist, identity)

``database`` maps a name to that person's encoding, (1, d).  Both decisions compare a
Euclidean distance with ``utils.facenet.THRESHOLD``, the threshold chosen for the shipped
network on identities it never saw.
"""
from __future__ import annotations

import numpy as np

from utils import nn
from utils.facenet import THRESHOLD
from utils.testing import course_reference

TAUGHT_IN = ("c4w4a1_face_recognition",)

__all__ = ["triplet_loss", "img_to_encoding", "verify", "who_is_it", "triplet_gradients"]


@course_reference
def triplet_loss(y_true, y_pred, alpha=0.2):
    """sum_i max(||a_i - p_i||^2 - ||a_i - n_i||^2 + alpha, 0), a framework Tensor.

    y_true -- unused (Keras passes labels to every loss)
    y_pred -- [anchor, positive, negative], each a Tensor or array of shape (m, d)
    """
    anchor, positive, negative = y_pred
    ops = nn.ops
    pos_dist = ops.sum((anchor - positive) * (anchor - positive), axis=-1)
    neg_dist = ops.sum((anchor - negative) * (anchor - negative), axis=-1)
    return ops.sum(ops.relu(pos_dist - neg_dist + alpha))


def triplet_gradients(anchor, positive, negative, alpha=0.2):
    """The gradients of the summed triplet loss, in NumPy (float64), for the tests:
    (d/d anchor, d/d positive, d/d negative), each (m, d).  A triplet whose hinge is at 0
    (loss term <= 0) contributes nothing."""
    a, p, n = (np.asarray(v, np.float64) for v in (anchor, positive, negative))
    active = ((np.sum((a - p) ** 2, -1) - np.sum((a - n) ** 2, -1) + alpha) > 0)[:, None]
    return 2 * (n - p) * active, -2 * (a - p) * active, 2 * (a - n) * active


@course_reference
def img_to_encoding(image, model):
    """The encoding of one image: (n_H, n_W, n_C) -> model.predict on a batch of one, (1, d)."""
    return model.predict(np.asarray(image)[np.newaxis, ...])


@course_reference
def verify(image, identity, database, model):
    """Is the person in ``image`` the one called ``identity``?

    Returns (dist, door_open): dist the Euclidean distance between the image's encoding and
    database[identity] (a float), door_open = dist < THRESHOLD (a bool)."""
    encoding = img_to_encoding(image, model)
    dist = float(np.linalg.norm(encoding - database[identity]))
    if dist < THRESHOLD:
        print(f"It's {identity}, welcome in!")
        door_open = True
    else:
        print(f"It's not {identity}, please go away")
        door_open = False
    return dist, door_open


@course_reference
def who_is_it(image, database, model):
    """The name in ``database`` whose encoding is closest to the image's.

    Returns (min_dist, identity); prints "Not in the database." when min_dist > THRESHOLD
    (the identity returned is still the closest name)."""
    encoding = img_to_encoding(image, model)
    min_dist, identity = 100.0, None
    for name, db_enc in database.items():
        dist = float(np.linalg.norm(encoding - db_enc))
        if dist < min_dist:
            min_dist, identity = dist, name
    if min_dist > THRESHOLD:
        print("Not in the database.")
    else:
        print(f"it's {identity}, the distance is {min_dist:.4f}")
    return min_dist, identity
