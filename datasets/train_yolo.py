"""Train the tiny YOLO of c4w3a1 on generated street scenes: ``yolo_streets.h5``.

The network is ``utils.yolo.tiny_yolo(FILTERS)`` (128x128x3 -> 8x8 grid x 5 anchors x (5 + 4
classes: car, truck, pedestrian, traffic light)), trained with ``utils.yolo.yolo_loss`` and
Adam on scenes that ``datasets/build_streets.py`` draws from seeds ``(TRAIN_SEED, k)``, never
the held-out ones.  The ``POOL`` scenes are drawn first and kept; batches are drawn from that
pool at random, each image mirrored left-right with probability 1/2 (drawing a scene costs
about a third of a training step, so they are not drawn afresh).  Training has five phases
(``PHASES``), each a fresh Adam whose rate warms up, then follows a cosine down to 5 % (warm
restarts).  The loss measures the error of a box's centre relative to its anchor's size
(``yolo_loss``'s default ``relative_xy``): pedestrians and traffic lights are 2-10 pixels
wide, and with the error in grid cells their boxes were placed too loosely to overlap by half
(mAP 0.720 against 0.782 after the first three phases, the same network and steps).  At the
end the batch norms' moving statistics are recomputed over 60 batches
(``recalibrate_batch_norm``).

The figure recorded is the mAP@0.5 over the 512 held-out scenes of ``streets_yolo.h5``,
computed with ``utils.yolo.mean_average_precision`` on the boxes of the reference ``yolo_eval``
(``utils.detection``) with ``utils.yolo.EVAL_SETTINGS``; tests/test_yolo.py recomputes it.

Run ``python datasets/train_all.py train_yolo`` (records time and mAP in MANIFEST.json), or
``python datasets/train_yolo.py --anchors`` to recompute the k-means anchors, or
``python datasets/train_yolo.py --time`` to time a few training steps.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import build_streets  # noqa: E402
from utils import nn  # noqa: E402
from utils.yolo import (ANCHORS, DETECTION_CLASSES, EVAL_SETTINGS, GRID, IMAGE_SIZE,  # noqa: E402
                        SCENE_CLASS_IDS, load_held_out, mean_average_precision, predict_raw,
                        preprocess_true_boxes, tiny_yolo, yolo_head, yolo_loss)

SEED = 17
FILTERS = (16, 32, 64, 128, 128, 128)
BATCH = 32
POOL = 8_000
# (steps, learning rate, warm-up steps), each phase a fresh Adam
PHASES = ((1200, 2e-3, 50), (900, 1e-3, 20), (900, 5e-4, 20), (1500, 5e-4, 20),
          (1500, 2.5e-4, 20))
RECALIBRATION_BATCHES = 60

INFO = {
    "source": "trained by datasets/train_yolo.py on scenes drawn by datasets/build_streets.py",
    "license": "MIT",
    "attribution": "weights trained for this course",
    "used_by": ["c4w3a1_yolo"],
}


def _scene(k):
    s = build_streets.render_scene(np.random.default_rng((build_streets.TRAIN_SEED, k)),
                                   IMAGE_SIZE, IMAGE_SIZE)
    classes = s["box_classes"] - SCENE_CLASS_IDS[0]
    return build_streets.to_uint8(s["image"]), s["boxes"], classes


def kmeans_anchors(n_scenes=4000, k=5, seed=0):
    """k-means of the training boxes' (width, height) in grid cells, distance 1 - IoU."""
    sizes = []
    for i in range(n_scenes):
        _, boxes, _ = _scene(10_000_000 + i)
        sizes.append(np.stack([boxes[:, 3] - boxes[:, 1], boxes[:, 2] - boxes[:, 0]], 1))
    wh = np.concatenate(sizes) / (IMAGE_SIZE / GRID)
    rng = np.random.default_rng(seed)
    centres = wh[rng.choice(len(wh), k, replace=False)]
    for _ in range(100):
        inter = np.minimum(wh[:, None, 0], centres[None, :, 0]) * \
            np.minimum(wh[:, None, 1], centres[None, :, 1])
        iou = inter / (wh[:, None].prod(-1) + centres[None].prod(-1) - inter)
        near = iou.argmax(1)
        new = np.array([np.median(wh[near == j], axis=0) for j in range(k)])
        if np.allclose(new, centres):
            break
        centres = new
    centres = centres[np.argsort(centres.prod(1))]
    rounded = [[round(float(v), 2) for v in c] for c in centres]
    print(f"{len(wh)} boxes; anchors (w, h) in grid cells:\n{rounded}; "
          f"mean best IoU {iou.max(1).mean():.3f}")
    return centres


def build():
    nn.clear_session()
    return tiny_yolo(FILTERS)


def make_pool(n=POOL, start=0):
    """Training scenes start .. start+n-1: (images uint8 (n, 128, 128, 3), boxes, classes lists).

    With the environment variable YOLO_POOL_CACHE set to a file name, the pool is read from
    that file if it exists (it is the same scenes: they depend only on their seeds) and
    written to it otherwise, so that it can be drawn once, ahead of training."""
    cache = os.environ.get("YOLO_POOL_CACHE")
    if cache and Path(cache).exists():
        data = np.load(cache)
        if len(data["images"]) == n:
            split = np.cumsum(data["counts"])[:-1]
            return (data["images"], np.split(data["boxes"], split),
                    np.split(data["classes"], split))
    scenes = [_scene(k) for k in range(start, start + n)]
    images = np.stack([s[0] for s in scenes])
    boxes, classes = [s[1] for s in scenes], [s[2] for s in scenes]
    if cache:
        np.savez(cache, images=images, boxes=np.concatenate(boxes),
                 classes=np.concatenate(classes), counts=np.array([len(b) for b in boxes]))
    return images, boxes, classes


def _batch(pool, step, rng):
    """A batch of random pool scenes, each mirrored left-right with probability 1/2."""
    pool_images, pool_boxes, pool_classes = pool
    pick = rng.integers(len(pool_images), size=BATCH)
    picked = [(pool_images[i], pool_boxes[i], pool_classes[i]) for i in pick]
    images = np.stack([p[0] for p in picked]).astype(np.float32) / 255.0
    boxes, classes = [p[1].copy() for p in picked], [p[2] for p in picked]
    for i in np.flatnonzero(rng.random(BATCH) < 0.5):
        images[i] = images[i, :, ::-1]
        b = boxes[i]
        b[:, 1], b[:, 3] = IMAGE_SIZE - b[:, 3], IMAGE_SIZE - b[:, 1]
    return images, boxes, classes


def detect(model, images, **settings):
    """Boxes of the reference yolo_eval for each image: a list of (scores, boxes, classes)."""
    from utils.detection import yolo_eval
    settings = {**EVAL_SETTINGS, **settings}
    outputs = yolo_head(predict_raw(model, images))
    return [yolo_eval(tuple(o[i] for o in outputs), (IMAGE_SIZE, IMAGE_SIZE), **settings)
            for i in range(len(images))]


def held_out_map(model, count=None):
    images, truths = load_held_out(count)
    return mean_average_precision(detect(model, images), truths)


def evaluate(path) -> float:
    """mAP@0.5 on the held-out scenes of the weights saved at ``path``."""
    model = build()
    model.load_weights(str(path))
    return held_out_map(model)[0]


def train(out_dir) -> dict:
    """The phases of PHASES, then ``finish`` (batch-norm recalibration, saving, mAP)."""
    nn.set_seed(SEED)
    model = build()
    head = model.get_layer("head")
    w, b = head.get_weights()
    b = b.reshape(len(ANCHORS), -1).copy()
    b[:, 4] = -4.0                                   # objectness starts near 2 %: few false alarms
    head.set_weights([w, b.reshape(-1)])
    pool = make_pool()
    for k, (steps, rate, warmup) in enumerate(PHASES):
        run_phase(model, pool, steps, rate, warmup, np.random.default_rng(SEED + 2 * k), out_dir)
    return finish(model, pool, out_dir)


def run_phase(model, pool, steps, rate, warmup, rng, out_dir):
    """``steps`` Adam steps (a fresh optimizer) on batches of the pool drawn with ``rng``: the
    rate rises linearly over ``warmup`` steps, then follows a cosine down to 5 % of ``rate``."""
    opt = nn.Adam(rate)
    start, seen = time.monotonic(), 0
    losses = []
    for step in range(steps):
        if step < warmup:
            opt.learning_rate = rate * (step + 1) / warmup
        else:
            t = (step - warmup) / max(1, steps - warmup)
            opt.learning_rate = rate * (0.05 + 0.95 * 0.5 * (1 + np.cos(np.pi * t)))
        images, boxes, classes = _batch(pool, step, rng)
        targets = preprocess_true_boxes(boxes, classes)
        loss = yolo_loss(model(images, training=True), targets)
        loss.backward()
        opt.step(model.trainable_weights)
        losses.append(float(loss.numpy()))
        seen += BATCH
        if (step + 1) % 50 == 0 or step == steps - 1:
            print(f"  step {step + 1}/{steps} ({seen} images): loss {np.mean(losses[-50:]):.3f}, "
                  f"lr {opt.learning_rate:.2e}, {time.monotonic() - start:.0f} s", flush=True)
        if (step + 1) % 200 == 0 and step + 1 < steps:
            value, per_class = held_out_map(model, 96)     # inference only: changes nothing
            print(f"    mAP@0.5 on 96 held-out scenes: {value:.3f} "
                  f"{np.round(per_class, 3).tolist()}", flush=True)
            model.save_weights(str(Path(out_dir) / "yolo_streets.partial.h5"))
    model.save_weights(str(Path(out_dir) / "yolo_streets.partial.h5"))


def finish(model, pool, out_dir) -> dict:
    """Recalibrate the batch norms, save the weights and measure them (the end of ``train``)."""
    recalibrate_batch_norm(model, pool)
    path = Path(out_dir) / "yolo_streets.h5"
    model.save_weights(str(path))
    Path(out_dir, "yolo_streets.partial.h5").unlink(missing_ok=True)
    value, per_class = held_out_map(model)
    aps = ", ".join(f"{n} {a:.3f}" for n, a in zip(DETECTION_CLASSES, per_class))
    print(f"  mAP@0.5 on the 512 held-out scenes: {value:.4f} ({aps})", flush=True)
    n_params = sum(int(np.prod(w.shape)) for w in model.weights)
    steps = sum(p[0] for p in PHASES)
    return {"yolo_streets.h5": {
        **INFO,
        "description": f"weights of c4w3a1's tiny YOLO (utils.yolo.tiny_yolo{FILTERS}, "
                       f"{n_params:,} parameters: 128x128x3 -> 8x8 grid x 5 anchors x (5 + 4 "
                       f"classes)), {len(PHASES)} phases of Adam (steps, rate, warm-up) "
                       f"{PHASES}, each "
                       f"with a cosine decay, batch {BATCH}: {steps * BATCH:,} image passes over "
                       f"{POOL:,} generated scenes (mirrored at random), seed {SEED}; batch norms "
                       f"recalibrated on {RECALIBRATION_BATCHES} batches; per-class AP@0.5: "
                       f"{aps}; time measured on a shared, loaded 2-core machine",
        "metric": {"name": "mAP@0.5", "split": "512 held-out scenes (streets_yolo.h5)",
                   "value": round(value, 4),
                   "per_class": {n: round(float(a), 4) for n, a in zip(DETECTION_CLASSES,
                                                                          per_class)}},
    }}


def recalibrate_batch_norm(model, pool, batches=RECALIBRATION_BATCHES):
    """``nn.recalibrate_batch_norm`` on ``batches`` training batches (drawn with their own seed):
    every batch norm's moving mean and variance become the average of those batches'
    statistics under the final weights.  The moving averages (momentum 0.99) lag behind
    weights that change quickly, and after a short run still hold some of their initial
    values."""
    rng = np.random.default_rng(SEED + 1)
    images = np.concatenate([_batch(pool, 0, rng)[0] for _ in range(batches)])
    nn.recalibrate_batch_norm(model, images, batch_size=BATCH)


def _time_steps(n=5):
    model = build()
    opt = nn.Adam(PHASES[0][1])
    rng = np.random.default_rng(0)
    pool = make_pool(BATCH)
    for step in range(n):
        t0 = time.monotonic()
        images, boxes, classes = _batch(pool, step, rng)
        t1 = time.monotonic()
        loss = yolo_loss(model(images, training=True), preprocess_true_boxes(boxes, classes))
        loss.backward()
        opt.step(model.trainable_weights)
        print(f"scenes {t1 - t0:.2f} s, step {time.monotonic() - t1:.2f} s, loss "
              f"{float(loss.numpy()):.2f}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--anchors"]:
        kmeans_anchors()
    elif sys.argv[1:2] == ["--pool"]:
        make_pool(start=int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    elif sys.argv[1:2] == ["--time"]:
        _time_steps()
    else:
        from train_all import main  # noqa: E402
        main(["train_yolo"])
