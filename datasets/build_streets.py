"""Generated street scenes for Course 4, week 3: YOLO (c4w3a1) and U-Net segmentation (c4w3a2).

Everything is drawn with NumPy from a ``numpy.random.Generator``, so a seed gives the same scene
on every machine (as long as NumPy keeps the streams of ``Generator`` stable).  Nothing here is
a photograph, and nothing learnt on these scenes transfers to real photos: the scenes are a toy
world with the *structure* of a street (perspective, occlusion, objects of several classes and
sizes), made so that a detector and a segmenter can be trained on a laptop CPU.

The interface (imported by ``datasets/train_yolo.py``, ``datasets/train_unet.py``, the notebooks'
helpers and ``tests/test_streets.py``; keep it stable, add only keyword options)::

    SCENE_VERSION = 1
    CLASSES = ("sky", "building", "vegetation", "road", "sidewalk", "lane", "pole",
               "car", "truck", "pedestrian", "traffic light")     # semantic ids 0..10
    render_scene(rng, height=128, width=128) -> dict with
        "image":       float32 (H, W, 3) in [0, 1]
        "semantic":    uint8 (H, W), ids into CLASSES
        "instances":   int16 (H, W), 0 = no object, k >= 1 = the object of boxes[k - 1]
        "boxes":       float32 (n, 4) corners (y_min, x_min, y_max, x_max) in pixels
        "box_classes": int64 (n,), ids into CLASSES (always one of OBJECT_CLASSES)

Conventions:

* Objects are the four classes of ``OBJECT_CLASSES``: car, truck, pedestrian, traffic light.
  Poles (also those carrying a traffic light), buildings, vegetation and the ground are "stuff":
  they are in the semantic mask but get no box and no instance id.
* A box is the tight box around the object's *visible* pixels, in pixel-edge coordinates: a
  box covering rows 10..19 and columns 4..7 is ``(10, 4, 20, 8)``, so ``y_max - y_min`` is its
  height in pixels.  An object less than ``MIN_VISIBLE`` (40 %) visible (hidden by nearer
  objects or cut by the frame) gets no box and no instance id; its pixels keep their class in
  the semantic mask.
* The camera sits a few metres above the road (a raised dash/pole camera), looking along it;
  horizon, vanishing point, camera height, focal length, road and sidewalk widths, buildings,
  colours and the objects are drawn at random per scene.  Objects are drawn far to near
  (painter's algorithm), sized by perspective (``f / Z`` pixels per metre at depth ``Z``), with
  shading, haze with distance and Gaussian pixel noise.
* Pedestrians, poles and traffic lights are drawn often and a little larger than life, so that
  a segmenter can learn them (the U-Net of c4w3a2 needs every class's IoU >= 0.3).

Changing what a seed draws means new data and retrained weights: bump ``SCENE_VERSION`` then,
rebuild with ``python datasets/build_all.py build_streets`` and retrain
(``datasets/train_yolo.py``, ``datasets/train_unet.py``).

Committed held-out scenes (``main()`` / ``build()``), never used for training (the training
scripts draw their scenes from ``TRAIN_SEED``):

Both are stored *without* pixel noise (``noise=False``): noise does not compress, and would make
the files about ten times larger.  Training scenes have noise of a standard deviation drawn
from 0 to 0.03 per scene, so clean scenes are within what the models saw.  Scene ``i`` of a
set is ``render_scene(np.random.default_rng((seed, i)), H, W, noise=False)`` (``render_many``).

* ``streets_yolo.h5``: ``YOLO_SCENES`` (512) scenes at 128x128 from seed ``YOLO_SEED``: the
  images (uint8), boxes (all scenes' boxes stacked, with ``box_scene`` giving each box's
  scene), box classes.  c4w3a1 computes its mAP@0.5 on them.
* ``streets_unet.h5``: ``UNET_SCENES`` (300) scenes at 96x128 from seed ``UNET_SEED``: images
  (uint8) and semantic masks.  c4w3a2 computes pixel accuracy and per-class IoU on them.

Run ``python datasets/build_streets.py`` (writes both files next to this script) or
``python datasets/build_streets.py --show N`` (prints render time and class statistics of N
scenes).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

SCENE_VERSION = 1
CLASSES = ("sky", "building", "vegetation", "road", "sidewalk", "lane", "pole",
           "car", "truck", "pedestrian", "traffic light")
SKY, BUILDING, VEGETATION, ROAD, SIDEWALK, LANE, POLE, CAR, TRUCK, PEDESTRIAN, TRAFFIC_LIGHT = \
    range(len(CLASSES))
OBJECT_CLASSES = (CAR, TRUCK, PEDESTRIAN, TRAFFIC_LIGHT)
MIN_VISIBLE = 0.4

TRAIN_SEED = 2024             # training scripts draw from seeds other than the held-out ones
YOLO_SEED, YOLO_SCENES = 17, 512
UNET_SEED, UNET_SCENES = 1717, 300

INFO = {
    "streets_yolo.h5": {
        "description": f"{YOLO_SCENES} held-out street scenes (generator version {SCENE_VERSION}, "
                       f"seed {YOLO_SEED}, without pixel noise), 128x128: images uint8 "
                       "(m, 128, 128, 3); all boxes "
                       "stacked in boxes (n, 4) float32 corners (y_min, x_min, y_max, x_max) in "
                       "pixels, box_classes (n,) ids into the 11 classes, box_scene (n,) the "
                       "scene of each box; for c4w3a1's mAP@0.5",
        "source": "generated by datasets/build_streets.py",
        "license": "CC0-1.0 (generated)",
        "attribution": "generated for this course (no third-party data)",
        "used_by": ["c4w3a1_yolo"],
    },
    "streets_unet.h5": {
        "description": f"{UNET_SCENES} held-out street scenes (generator version {SCENE_VERSION}, "
                       f"seed {UNET_SEED}, without pixel noise), 96x128: images uint8 "
                       "(m, 96, 128, 3) and semantic "
                       "masks uint8 (m, 96, 128) with ids into the 11 classes (sky, building, "
                       "vegetation, road, sidewalk, lane, pole, car, truck, pedestrian, traffic "
                       "light); for c4w3a2's pixel accuracy and IoU",
        "source": "generated by datasets/build_streets.py",
        "license": "CC0-1.0 (generated)",
        "attribution": "generated for this course (no third-party data)",
        "used_by": ["c4w3a2_unet"],
    },
}

_EMPTY = 255                  # "nothing drawn here" in an object's local label canvas


# --------------------------------------------------------------------------------------------
# The camera: a pinhole at height h_c above flat ground, looking along the road
# --------------------------------------------------------------------------------------------
class _Camera:
    """Pinhole camera: world (X lateral, Y up, Z depth) in metres -> pixel (row, column)."""

    def __init__(self, rng, height, width):
        self.H, self.W = height, width
        self.horizon = height * rng.uniform(0.30, 0.42)        # row of the horizon
        self.vx = width * rng.uniform(0.38, 0.62)              # column of the vanishing point
        self.f = width * rng.uniform(0.95, 1.15)               # focal length in pixels
        self.h = rng.uniform(3.5, 4.8)                         # camera height in metres
        self.x = rng.uniform(-1.5, 1.5)                        # camera's lateral position
        # depth of the ground at the bottom row: nearer than this, nothing stands in view
        self.z_near = self.f * self.h / (height - self.horizon)

    def col(self, X, Z):
        return self.vx + self.f * (X - self.x) / Z

    def row(self, Y, Z):
        return self.horizon + self.f * (self.h - Y) / Z

    def scale(self, Z):
        return self.f / Z                                      # pixels per metre at depth Z


def _jitter(rng, color, amount=0.06):
    return np.clip(np.asarray(color, np.float32) + rng.uniform(-amount, amount, 3), 0, 1)


def _clearness(Z):
    """How much of an object's own colour survives the haze at depth Z (1 near, -> 0 far).

    A rational function rather than exp(-Z / d): only +, * and / (correctly rounded
    everywhere), so the committed scenes rebuild bit for bit on any CPU (NumPy's exp kernels
    differ in the last bit between instruction sets)."""
    return 1.0 / (1.0 + np.asarray(Z, np.float64) / 60.0)


def _haze(color, Z, sky):
    a = np.float32(_clearness(Z))
    return color * a + sky * (1 - a)


# --------------------------------------------------------------------------------------------
# Objects: each is drawn on a small local canvas (its full silhouette, not cut by the frame),
# then pasted into the scene; the canvas's pixel count is the object's full area.
# --------------------------------------------------------------------------------------------
class _Canvas:
    """A local canvas for one object: rows [top, top + h), columns [left, left + w) of the image."""

    def __init__(self, top, left, bottom, right):
        self.top, self.left = int(np.floor(top)), int(np.floor(left))
        h = max(1, int(np.ceil(bottom)) - self.top)
        w = max(1, int(np.ceil(right)) - self.left)
        self.label = np.full((h, w), _EMPTY, np.uint8)
        self.rgb = np.zeros((h, w, 3), np.float32)
        self.obj = np.zeros((h, w), bool)                      # pixels of the object itself

    def rect(self, y0, x0, y1, x1, color, label, obj=False, shade=0.0):
        """Fill image rows [y0, y1) x columns [x0, x1) (image coordinates, at least 1 pixel)."""
        r0 = int(round(y0)) - self.top
        r1 = max(r0 + 1, int(round(y1)) - self.top)
        c0 = int(round(x0)) - self.left
        c1 = max(c0 + 1, int(round(x1)) - self.left)
        r0, c0 = max(r0, 0), max(c0, 0)
        r1, c1 = min(r1, self.label.shape[0]), min(c1, self.label.shape[1])
        if r1 <= r0 or c1 <= c0:
            return
        self.label[r0:r1, c0:c1] = label
        self.obj[r0:r1, c0:c1] = obj
        if shade:
            g = 1 - shade * np.linspace(0, 1, r1 - r0, dtype=np.float32)[:, None, None]
            self.rgb[r0:r1, c0:c1] = color * g
        else:
            self.rgb[r0:r1, c0:c1] = color

    def ellipse(self, cy, cx, ry, rx, color, label, obj=False):
        ry, rx = max(ry, 0.6), max(rx, 0.6)
        r0, r1 = int(np.floor(cy - ry)) - self.top, int(np.ceil(cy + ry)) - self.top
        c0, c1 = int(np.floor(cx - rx)) - self.left, int(np.ceil(cx + rx)) - self.left
        r0, c0 = max(r0, 0), max(c0, 0)
        r1, c1 = min(r1, self.label.shape[0]), min(c1, self.label.shape[1])
        if r1 <= r0 or c1 <= c0:
            return
        yy = (np.arange(r0, r1, dtype=np.float32) + self.top + 0.5 - cy)[:, None] / ry
        xx = (np.arange(c0, c1, dtype=np.float32) + self.left + 0.5 - cx)[None, :] / rx
        inside = yy * yy + xx * xx <= 1.0
        self.label[r0:r1, c0:c1][inside] = label
        self.obj[r0:r1, c0:c1][inside] = obj
        self.rgb[r0:r1, c0:c1][inside] = color


def _car(rng, cam, X, Z, sky, front):
    s = cam.scale(Z)
    w, h = rng.uniform(1.7, 2.0) * s, rng.uniform(1.35, 1.65) * s
    cx, bottom = cam.col(X, Z), cam.row(0.0, Z)
    c = _Canvas(bottom - h, cx - w / 2, bottom, cx + w / 2)
    paint = _haze(_jitter(rng, _CAR_COLORS[rng.integers(len(_CAR_COLORS))], 0.08), Z, sky)
    dark = _haze(np.float32([0.06, 0.06, 0.07]), Z, sky)
    glass = _haze(_jitter(rng, (0.18, 0.22, 0.28), 0.04), Z, sky)
    x0, x1 = cx - w / 2, cx + w / 2
    # wheels, body, cabin (narrower), window, lights
    c.rect(bottom - 0.28 * h, x0 + 0.06 * w, bottom, x0 + 0.26 * w, dark, CAR, True)
    c.rect(bottom - 0.28 * h, x1 - 0.26 * w, bottom, x1 - 0.06 * w, dark, CAR, True)
    c.rect(bottom - 0.62 * h, x0, bottom - 0.16 * h, x1, paint, CAR, True, shade=0.35)
    c.rect(bottom - h, x0 + 0.14 * w, bottom - 0.6 * h, x1 - 0.14 * w, paint * 0.9, CAR, True)
    c.rect(bottom - 0.93 * h, x0 + 0.2 * w, bottom - 0.64 * h, x1 - 0.2 * w, glass, CAR, True)
    light = np.float32([0.95, 0.92, 0.7]) if front else np.float32([0.85, 0.08, 0.06])
    light = _haze(light, Z, sky)
    c.rect(bottom - 0.52 * h, x0 + 0.04 * w, bottom - 0.4 * h, x0 + 0.2 * w, light, CAR, True)
    c.rect(bottom - 0.52 * h, x1 - 0.2 * w, bottom - 0.4 * h, x1 - 0.04 * w, light, CAR, True)
    c.rect(bottom - 0.36 * h, x0 + 0.35 * w, bottom - 0.26 * h, x1 - 0.35 * w,
           _haze(np.float32([0.9, 0.9, 0.85]), Z, sky), CAR, True)        # number plate
    return c, CAR


def _truck(rng, cam, X, Z, sky, front):
    s = cam.scale(Z)
    w, h = rng.uniform(2.3, 2.6) * s, rng.uniform(3.0, 3.8) * s
    cx, bottom = cam.col(X, Z), cam.row(0.0, Z)
    x0, x1 = cx - w / 2, cx + w / 2
    c = _Canvas(bottom - h, x0, bottom, x1)
    box = _haze(_jitter(rng, _TRUCK_COLORS[rng.integers(len(_TRUCK_COLORS))], 0.06), Z, sky)
    dark = _haze(np.float32([0.05, 0.05, 0.05]), Z, sky)
    c.rect(bottom - 0.16 * h, x0 + 0.05 * w, bottom, x0 + 0.25 * w, dark, TRUCK, True)
    c.rect(bottom - 0.16 * h, x1 - 0.25 * w, bottom, x1 - 0.05 * w, dark, TRUCK, True)
    c.rect(bottom - 0.22 * h, x0, bottom - 0.1 * h, x1, dark * 2, TRUCK, True)   # bumper
    if front:                        # cab seen from the front: windscreen over a grille
        cab = _haze(_jitter(rng, _CAR_COLORS[rng.integers(len(_CAR_COLORS))], 0.06), Z, sky)
        c.rect(bottom - 0.45 * h, x0, bottom - 0.2 * h, x1, cab, TRUCK, True, shade=0.3)
        c.rect(bottom - 0.62 * h, x0 + 0.04 * w, bottom - 0.45 * h, x1 - 0.04 * w,
               _haze(np.float32([0.2, 0.25, 0.3]), Z, sky), TRUCK, True)
        c.rect(bottom - h, x0, bottom - 0.62 * h, x1, box, TRUCK, True, shade=0.2)
        c.rect(bottom - 0.4 * h, x0 + 0.3 * w, bottom - 0.26 * h, x1 - 0.3 * w, dark, TRUCK, True)
    else:                            # cargo box seen from behind, with doors
        c.rect(bottom - h, x0, bottom - 0.2 * h, x1, box, TRUCK, True, shade=0.3)
        c.rect(bottom - 0.95 * h, cx - 0.01 * w - 0.5, bottom - 0.25 * h, cx + 0.01 * w + 0.5,
               box * 0.6, TRUCK, True)
        red = _haze(np.float32([0.85, 0.1, 0.05]), Z, sky)
        c.rect(bottom - 0.3 * h, x0 + 0.03 * w, bottom - 0.22 * h, x0 + 0.15 * w, red, TRUCK, True)
        c.rect(bottom - 0.3 * h, x1 - 0.15 * w, bottom - 0.22 * h, x1 - 0.03 * w, red, TRUCK, True)
    return c, TRUCK


def _pedestrian(rng, cam, X, Z, sky):
    s = cam.scale(Z)
    h = rng.uniform(1.7, 2.0) * s                   # a little taller than life: easier to see
    w = rng.uniform(0.26, 0.32) * h
    cx, bottom = cam.col(X, Z), cam.row(0.0, Z)
    c = _Canvas(bottom - h, cx - w / 2, bottom, cx + w / 2)
    trousers = _haze(_jitter(rng, _CLOTHES[rng.integers(len(_CLOTHES))], 0.08), Z, sky)
    shirt = _haze(_jitter(rng, _CLOTHES[rng.integers(len(_CLOTHES))], 0.1), Z, sky)
    skin = _haze(_jitter(rng, _SKIN[rng.integers(len(_SKIN))], 0.04), Z, sky)
    hair = _haze(_jitter(rng, (0.12, 0.08, 0.05), 0.05), Z, sky)
    stride = rng.uniform(0.0, 0.12) * w
    P = PEDESTRIAN
    c.rect(bottom - 0.5 * h, cx - 0.36 * w - stride, bottom, cx - 0.04 * w, trousers, P, True)
    c.rect(bottom - 0.5 * h, cx + 0.04 * w, bottom, cx + 0.36 * w + stride, trousers, P, True)
    c.rect(bottom - 0.84 * h, cx - 0.5 * w, bottom - 0.47 * h, cx + 0.5 * w, shirt, P, True,
           shade=0.25)
    c.rect(bottom - 0.88 * h, cx - 0.12 * w, bottom - 0.83 * h, cx + 0.12 * w, skin, P, True)
    c.ellipse(bottom - 0.93 * h, cx, 0.07 * h, 0.24 * w, skin, PEDESTRIAN, True)
    c.rect(bottom - h, cx - 0.24 * w, bottom - 0.95 * h, cx + 0.24 * w, hair, PEDESTRIAN, True)
    return c, PEDESTRIAN


def _pole(rng, cam, X, Z, sky, traffic_light):
    """A street-lamp pole, or a pole carrying a traffic light (whose head is the object)."""
    s = cam.scale(Z)
    height = rng.uniform(5.0, 7.5)
    pw = max(rng.uniform(0.2, 0.3) * s, 1.0)
    cx, bottom = cam.col(X, Z), cam.row(0.0, Z)
    top = cam.row(height, Z)
    metal = _haze(_jitter(rng, (0.35, 0.36, 0.38), 0.08), Z, sky)
    toward_road = -np.sign(X) if X != 0 else 1.0
    arm = rng.uniform(1.0, 2.5) * s * toward_road
    head_w, head_h = 0.55 * s, 1.5 * s              # traffic-light head, larger than life
    left = min(cx - pw, cx + arm - head_w)
    right = max(cx + pw, cx + arm + head_w)
    c = _Canvas(top - 0.3 * s, left, bottom, right)
    c.rect(top, cx - pw / 2, bottom, cx + pw / 2, metal, POLE, False)
    a0, a1 = sorted((cx, cx + arm))
    c.rect(top, a0, top + max(0.15 * s, 1.0), a1, metal, POLE, False)
    if not traffic_light:
        lamp = _haze(np.float32([0.85, 0.85, 0.75]), Z, sky)
        c.rect(top - 0.2 * s, cx + arm - 0.4 * s, top + 0.25 * s, cx + arm + 0.4 * s, lamp, POLE,
               False)
        return c, None
    housing = _haze(_jitter(rng, (0.1, 0.1, 0.08), 0.04), Z, sky)
    hx = cx + arm if rng.random() < 0.6 else cx        # on the arm over the road, or on the pole
    hy = top + 0.1 * s if hx != cx else top + rng.uniform(1.5, 2.5) * s
    c.rect(hy, hx - head_w / 2, hy + head_h, hx + head_w / 2, housing, TRAFFIC_LIGHT, True)
    lit = rng.integers(3)
    for k, color in enumerate(((0.95, 0.1, 0.05), (0.95, 0.7, 0.05), (0.1, 0.9, 0.3))):
        col = np.float32(color) if k == lit else np.float32(color) * 0.25
        cy = hy + head_h * (0.2 + 0.3 * k)
        c.ellipse(cy, hx, 0.12 * head_h, 0.3 * head_w, _haze(col, Z, sky), TRAFFIC_LIGHT, True)
    return c, TRAFFIC_LIGHT


def _tree(rng, cam, X, Z, sky):
    s = cam.scale(Z)
    trunk_h, radius = rng.uniform(1.8, 3.0), rng.uniform(1.2, 2.4)
    cx, bottom = cam.col(X, Z), cam.row(0.0, Z)
    green = _haze(_jitter(rng, (0.2, 0.42, 0.16), 0.08), Z, sky)
    bark = _haze(_jitter(rng, (0.3, 0.22, 0.14), 0.04), Z, sky)
    top = cam.row(trunk_h + 1.9 * radius, Z)
    c = _Canvas(top, cx - radius * s * 1.1, bottom, cx + radius * s * 1.1)
    c.rect(cam.row(trunk_h + 0.5, Z), cx - 0.12 * s - 0.5, bottom, cx + 0.12 * s + 0.5, bark,
           VEGETATION)
    cy = cam.row(trunk_h + radius, Z)
    c.ellipse(cy, cx, radius * s, radius * s, green, VEGETATION)
    c.ellipse(cy - 0.3 * radius * s, cx - 0.3 * radius * s, 0.6 * radius * s, 0.6 * radius * s,
              green * 1.2, VEGETATION)
    return c, None


_CAR_COLORS = [(0.75, 0.1, 0.1), (0.1, 0.2, 0.6), (0.85, 0.85, 0.88), (0.15, 0.15, 0.17),
               (0.55, 0.57, 0.6), (0.9, 0.75, 0.1), (0.1, 0.45, 0.25), (0.45, 0.25, 0.1),
               (0.3, 0.55, 0.75)]
_TRUCK_COLORS = [(0.9, 0.9, 0.9), (0.8, 0.45, 0.1), (0.2, 0.35, 0.6), (0.75, 0.7, 0.55),
                 (0.6, 0.1, 0.1)]
_CLOTHES = [(0.1, 0.1, 0.15), (0.2, 0.25, 0.5), (0.6, 0.1, 0.15), (0.85, 0.85, 0.8),
            (0.35, 0.3, 0.25), (0.15, 0.45, 0.3), (0.9, 0.6, 0.1), (0.5, 0.2, 0.55),
            (0.3, 0.5, 0.75)]
_SKIN = [(0.95, 0.8, 0.65), (0.8, 0.6, 0.45), (0.55, 0.38, 0.25), (0.35, 0.24, 0.16)]


# --------------------------------------------------------------------------------------------
# The scene
# --------------------------------------------------------------------------------------------
def _background(rng, cam, img, sem, sky_top, sky_low):
    """Sky, ground (road, lane marks, sidewalks, grass) and the building facades."""
    H, W = cam.H, cam.W
    t = np.linspace(0, 1, H, dtype=np.float32)[:, None]
    img[:] = (sky_top * (1 - t) + sky_low * t)[:, None, :]
    ys = np.arange(H, dtype=np.float32) + 0.5
    xs = np.arange(W, dtype=np.float32) + 0.5

    road_w = rng.uniform(3.5, 5.5)                 # half-width of the road
    walk_w = rng.uniform(3.0, 5.0)
    grass_w = rng.uniform(0.0, 2.5) if rng.random() < 0.6 else 0.0
    facade_x = road_w + walk_w + grass_w
    lanes = 2 if rng.random() < 0.5 else 1          # lanes per direction

    # ground: for each row below the horizon, its depth; for each pixel its lateral position
    g0 = int(np.floor(cam.horizon)) + 1
    Zg = cam.f * cam.h / (ys[g0:] - cam.horizon)                       # (rows,)
    Xg = cam.x + (xs[None, :] - cam.vx) * Zg[:, None] / cam.f           # (rows, W)
    aX = np.abs(Xg)
    label = np.where(aX <= road_w, ROAD, np.where(aX <= road_w + walk_w, SIDEWALK, VEGETATION))
    road_c = _jitter(rng, (0.33, 0.33, 0.35), 0.07)
    walk_c = _jitter(rng, (0.62, 0.6, 0.55), 0.08)
    grass_c = _jitter(rng, (0.3, 0.5, 0.2), 0.06)
    colors = np.stack([sky_low, sky_low, grass_c, road_c, walk_c]).astype(np.float32)
    ground = colors[label]
    # paving joints on the sidewalk, a darker strip at the curb
    tiles = (label == SIDEWALK) & ((Zg[:, None] % 1.6) < 0.12)
    ground[tiles] *= 0.85
    curb = (label == SIDEWALK) & (aX < road_w + 0.25)
    ground[curb] = walk_c * 1.1
    # lane marks: dashed centre line (and lane dividers), solid edge lines, maybe a crossing
    dash = (Zg[:, None] % 6.0) < 3.0
    mark = (np.abs(Xg) < 0.12) & dash
    if lanes == 2:
        mark |= (np.abs(aX - road_w / 2) < 0.1) & dash
    mark |= np.abs(aX - (road_w - 0.3)) < 0.1
    if rng.random() < 0.5:
        z0 = rng.uniform(cam.z_near + 2, 30.0)
        mark |= ((Zg[:, None] > z0) & (Zg[:, None] < z0 + 3.0) & (aX < road_w - 0.5)
                 & ((Xg % 1.2) < 0.6))
    mark &= label == ROAD
    lane_c = _jitter(rng, (0.92, 0.92, 0.88), 0.04)
    ground[mark] = lane_c
    label[mark] = LANE
    haze = _clearness(Zg).astype(np.float32)[:, None, None]
    img[g0:] = ground * haze + sky_low * (1 - haze)
    sem[g0:] = label

    # far skyline along the horizon
    x = 0.0
    while x < W:
        bw = rng.uniform(0.05, 0.2) * W
        bh = rng.uniform(0.02, 0.12) * H
        r0 = int(max(0, cam.horizon - bh))
        c0, c1 = int(x), int(min(W, x + bw))
        shade = _haze(_jitter(rng, (0.5, 0.5, 0.55), 0.08), 160.0, sky_low)
        img[r0:g0, c0:c1] = shade
        sem[r0:g0, c0:c1] = BUILDING
        x += bw

    # facades: vertical planes at X = -facade_x (left) and X = +facade_x (right), in blocks
    for side in (-1.0, 1.0):
        Xf = side * facade_x
        with np.errstate(divide="ignore", invalid="ignore"):
            Zc = cam.f * (Xf - cam.x) / (xs - cam.vx)                   # depth per column
        ok = (Zc > 0) & np.isfinite(Zc)
        Zc = np.where(ok, np.minimum(Zc, 250.0), 250.0)
        edges, heights, cols, floors, wins, lits = [0.0], [], [], [], [], []
        z = 0.0
        while z < 250.0:
            z += rng.uniform(8.0, 25.0)
            edges.append(z)
            heights.append(rng.uniform(6.0, 24.0) if rng.random() > 0.12 else 0.0)   # gap
            cols.append(_jitter(rng, _WALLS[rng.integers(len(_WALLS))], 0.07))
            floors.append(rng.uniform(2.8, 3.6))
            wins.append(rng.uniform(1.5, 3.0))
            lits.append(rng.random() < 0.3)
        edges = np.array(edges[1:])
        block = np.minimum(np.searchsorted(edges, Zc), len(heights) - 1)
        Hb = np.array(heights, np.float32)[block]
        top = cam.row(Hb, Zc)
        bottom = cam.row(0.0, Zc)
        inside = ok[None, :] & (ys[:, None] >= top[None, :]) & (ys[:, None] < bottom[None, :]) \
            & (Hb[None, :] > 0)
        if not inside.any():
            continue
        r, cidx = np.nonzero(inside)
        Zp = Zc[cidx]
        Yp = cam.h - (ys[r] - cam.horizon) * Zp / cam.f                # height on the facade
        wall = np.array(cols, np.float32)[block[cidx]]
        fl = np.array(floors, np.float32)[block[cidx]]
        ws = np.array(wins, np.float32)[block[cidx]]
        window = ((Yp % fl) > 0.35 * fl) & ((Yp % fl) < 0.8 * fl) & ((Zp % ws) > 0.25 * ws) \
            & ((Zp % ws) < 0.75 * ws) & (Yp > 2.0)
        glass = np.where(np.array(lits)[block[cidx]][:, None], np.float32([0.85, 0.75, 0.4]),
                         np.float32([0.15, 0.2, 0.28]))
        color = np.where(window[:, None], glass, wall * (0.9 + 0.1 * (Yp[:, None] > 2.5)))
        a = _clearness(Zp).astype(np.float32)[:, None]
        img[r, cidx] = color * a + sky_low * (1 - a)
        sem[r, cidx] = BUILDING
        # a hedge along part of the facades
        hedge = (Yp < 1.0) & (np.array(cols, np.float32)[block[cidx]][:, 0] > 0.5) & (grass_w > 0)
        img[r[hedge], cidx[hedge]] = grass_c * 0.8
        sem[r[hedge], cidx[hedge]] = VEGETATION
    return road_w, walk_w, grass_w, lanes


_WALLS = [(0.7, 0.62, 0.5), (0.55, 0.3, 0.22), (0.8, 0.78, 0.72), (0.45, 0.45, 0.48),
          (0.6, 0.55, 0.42), (0.75, 0.55, 0.4), (0.35, 0.38, 0.45)]


def _place_objects(rng, cam, sky, road_w, walk_w, grass_w, lanes):
    """Draw the scene's objects at random places; return [(Z, draw function)]."""
    items = []
    z_near = cam.z_near

    def depth(z_max):
        # nearer objects are bigger: sample the depth so that sizes spread evenly
        lo, hi = 1.0 / (z_near * 0.9), 1.0 / max(z_max, z_near * 1.2)
        return 1.0 / rng.uniform(hi, lo)

    lane_xs = [road_w / 2] if lanes == 1 else [road_w / 4, 3 * road_w / 4]
    for _ in range(rng.poisson(2.6)):                              # cars
        side = rng.choice((-1.0, 1.0))
        if rng.random() < 0.3:                                     # parked at the curb
            X = side * (road_w - 1.2)
        else:
            X = side * lane_xs[rng.integers(len(lane_xs))] + rng.uniform(-0.4, 0.4)
        Z = depth(45.0)
        front = side < 0                                           # oncoming on the left
        items.append((Z, lambda X=X, Z=Z, f=front: _car(rng, cam, X, Z, sky, f)))
    for _ in range(rng.binomial(2, 0.35)):                         # trucks
        side = rng.choice((-1.0, 1.0))
        X = side * lane_xs[rng.integers(len(lane_xs))] + rng.uniform(-0.3, 0.3)
        Z = depth(50.0)
        items.append((Z, lambda X=X, Z=Z, f=side < 0: _truck(rng, cam, X, Z, sky, f)))
    for _ in range(1 + rng.poisson(3.0)):                          # pedestrians
        side = rng.choice((-1.0, 1.0))
        if rng.random() < 0.15:                                    # crossing the road
            X = rng.uniform(-road_w + 0.5, road_w - 0.5)
        else:
            X = side * (road_w + rng.uniform(0.4, walk_w - 0.2))
        Z = depth(28.0)
        items.append((Z, lambda X=X, Z=Z: _pedestrian(rng, cam, X, Z, sky)))
    for _ in range(1 + rng.poisson(1.3)):                          # poles, most with lights
        side = rng.choice((-1.0, 1.0))
        X = side * (road_w + rng.uniform(0.2, 0.6))
        Z = depth(35.0)
        light = rng.random() < 0.65
        items.append((Z, lambda X=X, Z=Z, t=light: _pole(rng, cam, X, Z, sky, t)))
    for _ in range(rng.poisson(1.5)):                              # trees
        side = rng.choice((-1.0, 1.0))
        X = side * (road_w + walk_w + grass_w / 2 if grass_w > 0 else road_w + walk_w - 0.6)
        Z = depth(60.0)
        items.append((Z, lambda X=X, Z=Z: _tree(rng, cam, X, Z, sky)))
    items.sort(key=lambda item: -item[0])                          # far to near
    return items


def render_scene(rng: np.random.Generator, height: int = 128, width: int = 128, *,
                 noise: bool = True) -> dict:
    """Draw one street scene (the module docstring gives the arrays returned and conventions).

    ``noise=False`` leaves out the Gaussian pixel noise (the last thing drawn, so the scene is
    otherwise the same); the committed held-out scenes are stored that way.
    """
    cam = _Camera(rng, height, width)
    img = np.empty((height, width, 3), np.float32)
    sem = np.zeros((height, width), np.uint8)
    inst = np.zeros((height, width), np.int32)
    sky_top = _jitter(rng, (0.35, 0.55, 0.85), 0.1)
    sky_low = _jitter(rng, (0.75, 0.82, 0.9), 0.06)
    road_w, walk_w, grass_w, lanes = _background(rng, cam, img, sem, sky_top, sky_low)

    areas, classes = [0], [0]
    for _, draw in _place_objects(rng, cam, sky_low, road_w, walk_w, grass_w, lanes):
        canvas, cls = draw()
        t, l = canvas.top, canvas.left
        h, w = canvas.label.shape
        r0, r1, c0, c1 = max(t, 0), min(t + h, height), max(l, 0), min(l + w, width)
        if r1 <= r0 or c1 <= c0:
            continue
        lab = canvas.label[r0 - t:r1 - t, c0 - l:c1 - l]
        drawn = lab != _EMPTY
        img[r0:r1, c0:c1][drawn] = canvas.rgb[r0 - t:r1 - t, c0 - l:c1 - l][drawn]
        sem[r0:r1, c0:c1][drawn] = lab[drawn]
        obj = canvas.obj[r0 - t:r1 - t, c0 - l:c1 - l]
        region = inst[r0:r1, c0:c1]
        region[drawn] = 0                                          # hidden behind this one
        if cls is not None:
            region[obj] = len(areas)
            areas.append(int(canvas.obj.sum()))
            classes.append(cls)

    # keep the objects at least MIN_VISIBLE visible; renumber them 1..n in drawing order
    visible = np.bincount(inst.ravel(), minlength=len(areas))
    keep = [k for k in range(1, len(areas)) if areas[k] and visible[k] >= MIN_VISIBLE * areas[k]]
    relabel = np.zeros(len(areas), np.int16)
    relabel[keep] = np.arange(1, len(keep) + 1)
    instances = relabel[inst]
    boxes = np.zeros((len(keep), 4), np.float32)
    for i, k in enumerate(keep):
        rows = np.flatnonzero((instances == i + 1).any(axis=1))
        cols = np.flatnonzero((instances == i + 1).any(axis=0))
        boxes[i] = rows[0], cols[0], rows[-1] + 1, cols[-1] + 1

    # light and sensor: brightness/contrast jitter, pixel noise
    gain = np.float32(rng.uniform(0.85, 1.15))
    img *= gain
    sigma = np.float32(rng.uniform(0.0, 0.03))
    if noise:
        img += rng.standard_normal(img.shape, dtype=np.float32) * sigma
    np.clip(img, 0.0, 1.0, out=img)
    return {"image": img, "semantic": sem, "instances": instances, "boxes": boxes,
            "box_classes": np.array([classes[k] for k in keep], np.int64)}


# --------------------------------------------------------------------------------------------
# Held-out sets
# --------------------------------------------------------------------------------------------
def render_many(seed, count, height=128, width=128, start=0, noise=True):
    """Scenes ``start .. start + count - 1`` of seed ``seed``: scene ``i`` is drawn by
    ``render_scene(np.random.default_rng((seed, i)), height, width)``, so any one scene can be
    redrawn alone."""
    return [render_scene(np.random.default_rng((seed, i)), height, width, noise=noise)
            for i in range(start, start + count)]


# the held-out files are stored in chunks of this many whole scenes (h5write's chunk_rows)
SCENES_PER_CHUNK = 8


def to_uint8(image):
    return np.round(np.asarray(image) * 255).astype(np.uint8)


def build(out_dir: Path) -> dict:
    from h5write import write_h5
    out_dir = Path(out_dir)
    scenes = render_many(YOLO_SEED, YOLO_SCENES, 128, 128, noise=False)
    write_h5(out_dir / "streets_yolo.h5", {
        "images": np.stack([to_uint8(s["image"]) for s in scenes]),
        "boxes": np.concatenate([s["boxes"] for s in scenes]).astype(np.float32),
        "box_classes": np.concatenate([s["box_classes"] for s in scenes]).astype(np.int64),
        "box_scene": np.concatenate([np.full(len(s["boxes"]), i, np.int64)
                                     for i, s in enumerate(scenes)]),
    }, attrs={"description": INFO["streets_yolo.h5"]["description"],
              "scene_version": SCENE_VERSION, "classes": "\n".join(CLASSES)},
        chunk_rows=SCENES_PER_CHUNK)
    scenes = render_many(UNET_SEED, UNET_SCENES, 96, 128, noise=False)
    write_h5(out_dir / "streets_unet.h5", {
        "images": np.stack([to_uint8(s["image"]) for s in scenes]),
        "semantic": np.stack([s["semantic"] for s in scenes]),
    }, attrs={"description": INFO["streets_unet.h5"]["description"],
              "scene_version": SCENE_VERSION, "classes": "\n".join(CLASSES)},
        chunk_rows=SCENES_PER_CHUNK)
    return INFO


def _show(n):
    rng = np.random.default_rng(0)
    t = time.perf_counter()
    scenes = [render_scene(rng) for _ in range(n)]
    dt = (time.perf_counter() - t) / n
    pix = np.bincount(np.concatenate([s["semantic"].ravel() for s in scenes]),
                      minlength=len(CLASSES)) / (n * 128 * 128)
    cls = np.bincount(np.concatenate([s["box_classes"] for s in scenes]), minlength=len(CLASSES))
    print(f"{dt * 1000:.1f} ms per 128x128 scene, {cls.sum() / n:.2f} boxes per scene")
    for k, name in enumerate(CLASSES):
        print(f"  {name:14s} pixels {pix[k]:6.2%}  boxes/scene {cls[k] / n:5.2f}")


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--show"]:
        _show(int(argv[1]) if len(argv) > 1 else 200)
        return
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    sys.path.insert(0, str(here.parent))
    import build_all
    manifest = build_all.load_manifest()
    for filename, info in build(here).items():
        build_all.record(manifest, filename, info, "build_streets")
    build_all.save(manifest)


if __name__ == "__main__":
    main()
