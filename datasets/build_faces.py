"""Synthetic faces for c4w4a1 (face recognition): a renderer, and ``faces.h5``.

No openly licensed, identity-labelled set of face photos can be installed offline, so the
course draws its own faces, in NumPy, 64 x 64 x 3.  They are cartoons: what they can and
cannot teach is said in the notebook.

* An **identity** is a dict of about 25 numbers drawn from a seeded generator
  (``identity(index)``): the face's width, height and jaw, skin tone, hair colour, style and
  hairline, the eyes' spacing, height, size, shape and colour, the brows' thickness, slant,
  height and colour, the nose's length and width, the mouth's width, lips and colour, the
  ears' size and height; a beard, a moustache, glasses (round or square, with their colour)
  and a mole, each present or not.  Identity ``i`` is the same dict on every machine.
* Each **image** of an identity (``render(params, rng)``) draws the face again under a new
  rotation (up to 12 degrees), scale (0.88-1.1), shift (up to 4 pixels), a yaw-like turn
  (the eyes, nose and mouth slide sideways, the far ear shrinks), an expression (smile, open
  mouth, blink), a lighting gradient and colour cast, a background (flat, gradient or
  stripes), an optional hat, and pixel noise.

``GENERATOR_VERSION`` changes whenever an identity or an image of it would be drawn
differently; ``faces.h5`` records it, and ``datasets/train_facenet.py`` imports this module
to draw its training images on the fly (identities ``0 .. N-1``), so nothing of the training
set is stored.  ``faces.h5`` holds only what the notebook and the tests need, from
identities the training never sees (indices from ``HELD_OUT_START`` on):

Every photo of the file is stored before its pixel noise, with the noise's sigma beside it
(``<name>_sigma``): noise does not compress (12 KB a photo against 5 KB without it), and
``utils.facenet.load_faces`` draws it again from the file's ``noise_seed``.

* ``office_x`` (10, 64, 64, 3) uint8 and ``office_names``: one enrolment photo of each of
  the ten people of the notebook's small office;
* ``visitors_x`` (15, 64, 64, 3), ``visitors_names``: a new photo of each office member,
  then five strangers (``visitors_identity`` is -1 for a stranger, else the office index);
* ``val_x`` (100, 2, 64, 64, 3): two photos each of 100 identities, on which the threshold
  is chosen;
* ``test_x`` (200, 2, 64, 64, 3): two photos each of 200 other identities, on which
  verification and identification are measured.

Run with ``python datasets/build_all.py build_faces``; a figure of samples:
``python datasets/build_faces.py --show out.png``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

GENERATOR_VERSION = 1
SIZE = 64
SEED = 418                  # identities: np.random.default_rng((SEED, index))
NOISE_SEED = 4180           # the pixel noise of faces.h5's photos (utils.facenet.add_noise)
HELD_OUT_START = 1_000_000  # the training script draws identities 0 .. N-1, far below this
N_OFFICE, N_STRANGERS, N_VAL, N_TEST = 10, 5, 100, 200
OFFICE_NAMES = ["Amara", "Bruno", "Chen", "Dalia", "Emil", "Fatou", "Goran", "Hana",
                "Ivo", "Jun"]

SKIN = np.array([[0.98, 0.84, 0.72], [0.93, 0.74, 0.60], [0.82, 0.62, 0.46],
                 [0.66, 0.46, 0.32], [0.48, 0.32, 0.22], [0.33, 0.22, 0.15]])
HAIR = np.array([[0.08, 0.06, 0.05], [0.30, 0.18, 0.10], [0.55, 0.36, 0.18],
                 [0.88, 0.74, 0.42], [0.70, 0.28, 0.12], [0.62, 0.62, 0.62],
                 [0.92, 0.92, 0.90]])
IRIS = np.array([[0.25, 0.15, 0.08], [0.35, 0.50, 0.70], [0.30, 0.48, 0.30],
                 [0.45, 0.32, 0.18], [0.12, 0.10, 0.10]])
HAIR_STYLES = ("bald", "short", "long", "fringe", "side", "curly")


def identity(index: int) -> dict:
    """The parameters of identity ``index`` (a dict of floats and small ints)."""
    r = np.random.default_rng((SEED, int(index)))
    u = r.uniform
    skin = SKIN[r.integers(len(SKIN) - 1)]
    t = u()
    skin = (1 - t) * skin + t * SKIN[min(len(SKIN) - 1, np.argmin(
        np.abs(SKIN[:, 0] - skin[0])) + 1)]
    hair = HAIR[r.integers(len(HAIR))] * u(0.85, 1.15, 3)
    return {
        "face_w": u(0.48, 0.64), "face_h": u(0.64, 0.80), "jaw": u(0.0, 1.0),
        "skin": np.clip(skin * u(0.95, 1.05, 3), 0, 1),
        "hair": np.clip(hair, 0, 1), "hair_style": int(r.integers(len(HAIR_STYLES))),
        "hairline": u(0.45, 0.75), "hair_volume": u(0.04, 0.16),
        "eye_dx": u(0.17, 0.27), "eye_y": u(-0.16, 0.0), "eye_size": u(0.055, 0.09),
        "eye_shape": u(0.45, 0.85), "iris": np.clip(IRIS[r.integers(len(IRIS))]
                                                    * u(0.8, 1.2, 3), 0, 1),
        "brow_thick": u(0.018, 0.045), "brow_slant": u(-0.25, 0.25),
        "brow_gap": u(0.07, 0.14), "brow_dark": u(0.4, 1.0),
        "nose_len": u(0.10, 0.24), "nose_w": u(0.04, 0.10),
        "mouth_w": u(0.12, 0.24), "mouth_y": u(0.28, 0.42), "lip": u(0.015, 0.04),
        "lip_color": np.clip(np.array([0.75, 0.35, 0.35]) * u(0.7, 1.1, 3), 0, 1),
        "ear_size": u(0.07, 0.13), "ear_y": u(-0.12, 0.04),
        "beard": float(r.uniform() < 0.18), "moustache": float(r.uniform() < 0.2),
        "glasses": float(r.uniform() < 0.22), "glasses_square": float(r.uniform() < 0.5),
        "glasses_color": r.uniform(0, 0.6, 3),
        "mole": float(r.uniform() < 0.25), "mole_x": u(-0.3, 0.3), "mole_y": u(-0.05, 0.35),
    }


_AXIS = (np.arange(SIZE) + 0.5) / SIZE * 2 - 1
_U, _V = np.meshgrid(_AXIS, _AXIS)          # u: right, v: down, both in [-1, 1]
_PIX = 2.0 / SIZE


def _over(img, alpha, color):
    """Paint ``color`` over ``img`` with coverage ``alpha`` (H, W), in place."""
    a = alpha[..., None]
    img *= 1 - a
    img += a * np.asarray(color, dtype=img.dtype)


def _ellipse(x, y, cx, cy, rx, ry):
    """Anti-aliased coverage of an ellipse (about one pixel of soft edge)."""
    d = np.sqrt(((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2) - 1
    return np.clip(0.5 - d * min(rx, ry) / _PIX, 0, 1)


def _band(x, y, x0, y0, x1, y1, half):
    """Coverage of a thick segment from (x0, y0) to (x1, y1), half-width ``half``."""
    dx, dy = x1 - x0, y1 - y0
    t = np.clip(((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy), 0, 1)
    d = np.hypot(x - x0 - t * dx, y - y0 - t * dy) - half
    return np.clip(0.5 - d / _PIX, 0, 1)


def _arc(x, y, cx, cy, w, bend, half):
    """Coverage of a parabolic arc y = cy + bend * (1 - ((x - cx) / w)^2), |x - cx| <= w."""
    s = (x - cx) / w
    d = np.abs(y - (cy + bend * (1 - s ** 2))) - half
    inside = np.clip((1 - np.abs(s)) * w / _PIX + 0.5, 0, 1)
    return np.clip(0.5 - d / _PIX, 0, 1) * inside


def render(p: dict, rng: np.random.Generator, noise: bool = True):
    """One photo of the identity ``p``: (64, 64, 3) uint8, drawn with ``rng``.

    ``noise=False`` returns the photo before its pixel noise, and the noise's standard
    deviation (on the 0-1 scale): ``(image, sigma)``, for ``faces.h5`` (see ``utils.facenet.add_noise``)."""
    u = rng.uniform
    # pose: the image's pixel (u, v) shows the face's point (x, y)
    angle, scale = np.deg2rad(u(-12, 12)), u(0.88, 1.10)
    sx, sy = u(-0.12, 0.12, 2)
    yaw = u(-1, 1)
    c, s = np.cos(angle), np.sin(angle)
    uu, vv = (_U - sx) / scale, (_V - sy) / scale
    x, y = c * uu + s * vv, -s * uu + c * vv
    smile, open_mouth = u(-0.3, 1.0), float(u() < 0.25)
    blink = float(u() < 0.12)
    hat = u() < 0.15

    # background
    img = np.empty((SIZE, SIZE, 3))
    bg = rng.uniform(0.1, 0.95, 3)
    kind = rng.integers(3)
    if kind == 0:
        img[:] = bg
    elif kind == 1:
        bg2 = rng.uniform(0.1, 0.95, 3)
        t = ((_U * u(-1, 1) + _V * u(-1, 1)) * 0.5 + 0.5)[..., None].clip(0, 1)
        img[:] = (1 - t) * bg + t * bg2
    else:
        bg2 = rng.uniform(0.1, 0.95, 3)
        phase = np.sin((_U * np.cos(u(0, np.pi)) + _V * np.sin(u(0, np.pi))) * u(6, 14))
        t = (phase > 0)[..., None]
        img[:] = np.where(t, bg, bg2)

    fw, fh, skin, hair = p["face_w"], p["face_h"], p["skin"], p["hair"]
    shift = 0.11 * yaw                         # features slide sideways when the head turns
    style = HAIR_STYLES[p["hair_style"]]
    top = -fh * p["hairline"] - 0.08
    # long hair falls behind the head
    if style == "long":
        _over(img, _ellipse(x, y, 0.3 * shift, 0.05, fw + 0.12, fh + 0.12)
              * (y > -0.1 + 0 * x), hair)
    # ears (the far ear, on the side the head turns away from, shrinks)
    for side in (-1, 1):
        k = 1 - 0.5 * max(0.0, side * yaw)
        _over(img, _ellipse(x, y, side * (fw * (1 - 0.12 * side * yaw) + 0.01),
                            p["ear_y"], p["ear_size"] * 0.6 * k, p["ear_size"]), skin * 0.92)
    # face with a narrowing jaw
    jaw = 1 - (0.15 + 0.3 * p["jaw"]) * np.clip(y / fh, 0, 1) ** 2
    face = _ellipse(x / jaw, y, 0.3 * shift, 0, fw, fh)
    _over(img, face, skin)
    if style == "curly":
        for k in range(9):
            a = np.pi * (0.05 + 0.9 * k / 8)
            _over(img, _ellipse(x, y, 0.3 * shift - np.cos(a) * fw * 0.95,
                                -np.sin(a) * fh * 0.85 - 0.02, 0.16 + p["hair_volume"] * 0.5,
                                0.14 + p["hair_volume"] * 0.5), hair)
    elif style != "bald":
        cap = _ellipse(x, y, 0.3 * shift, -0.02, fw + p["hair_volume"],
                       fh + p["hair_volume"]) * (y < top + 0 * x)
        if style == "fringe":
            cap = np.maximum(cap, _ellipse(x, y, 0.3 * shift, top, fw * 0.9, 0.16))
        if style == "side":
            cap = np.maximum(cap, _ellipse(x, y, 0.3 * shift - fw * 0.45, top + 0.02,
                                           fw * 0.55, 0.15))
        _over(img, cap, hair)
        if style == "long":
            for side in (-1, 1):
                _over(img, _ellipse(x, y, 0.3 * shift + side * (fw + 0.02), 0.05,
                                    0.08 + p["hair_volume"] * 0.5, fh * 0.7), hair)
    # eyes, brows
    for side in (-1, 1):
        ex, ey = side * p["eye_dx"] * (1 - 0.15 * side * yaw) + shift, p["eye_y"]
        r = p["eye_size"]
        if blink:
            _over(img, _band(x, y, ex - r, ey, ex + r, ey, 0.012), skin * 0.45)
        else:
            _over(img, _ellipse(x, y, ex, ey, r, r * p["eye_shape"]), (0.97, 0.97, 0.95))
            _over(img, _ellipse(x, y, ex + 0.02 * yaw, ey, r * 0.5, r * 0.5
                                * min(1.0, p["eye_shape"] * 1.6)) * face, p["iris"])
            _over(img, _ellipse(x, y, ex + 0.02 * yaw, ey, r * 0.22, r * 0.22), (0, 0, 0))
        by = ey - r * p["eye_shape"] - p["brow_gap"]
        slant = p["brow_slant"] * side
        brow_color = skin * (1 - p["brow_dark"]) + hair * p["brow_dark"] * 0.8
        _over(img, _band(x, y, ex - r * 1.1, by + slant * r, ex + r * 1.1, by - slant * r,
                         p["brow_thick"]), brow_color)
    # nose
    ny = p["eye_y"] + 0.04 + p["nose_len"]
    _over(img, _band(x, y, shift * 1.2, p["eye_y"] + 0.05, shift * 1.3, ny, 0.012), skin * 0.78)
    _over(img, _ellipse(x, y, shift * 1.3, ny, p["nose_w"], 0.035), skin * 0.8)
    # beard and moustache (under the mouth)
    my = p["mouth_y"]
    if p["beard"]:
        _over(img, face * np.clip((y - (my - 0.04)) / 0.05, 0, 1), hair * 0.9)
    if p["moustache"]:
        _over(img, _ellipse(x, y, shift * 1.1, my - 0.06, p["mouth_w"] * 0.95, 0.035),
              hair * 0.85)
    # mouth: a smile bends the lips up, an open mouth is a dark ellipse
    mw = p["mouth_w"] * (1 + 0.15 * smile)
    if open_mouth:
        _over(img, _ellipse(x, y, shift, my + 0.02, mw * 0.7, 0.05 + 0.02 * smile),
              (0.25, 0.05, 0.08))
    _over(img, _arc(x, y, shift, my, mw, 0.06 * smile, p["lip"]), p["lip_color"])
    # mole
    if p["mole"]:
        _over(img, _ellipse(x, y, p["mole_x"] + shift * 0.8, p["mole_y"], 0.022, 0.022) * face,
              skin * 0.35)
    # glasses
    if p["glasses"]:
        for side in (-1, 1):
            ex = side * p["eye_dx"] * (1 - 0.15 * side * yaw) + shift
            r = p["eye_size"] * 1.5
            if p["glasses_square"]:
                box = np.maximum(np.abs(x - ex) / (r * 1.1), np.abs(y - p["eye_y"]) / (r * 0.8))
                ring = np.clip(0.5 - (np.abs(box - 1) * r * 0.9 - 0.012) / _PIX, 0, 1)
            else:
                d = np.hypot(x - ex, y - p["eye_y"])
                ring = np.clip(0.5 - (np.abs(d - r) - 0.012) / _PIX, 0, 1)
            _over(img, ring, p["glasses_color"])
        _over(img, _band(x, y, shift - p["eye_dx"] + p["eye_size"] * 1.5, p["eye_y"],
                         shift + p["eye_dx"] - p["eye_size"] * 1.5, p["eye_y"], 0.012),
              p["glasses_color"])
    # hat
    if hat:
        hat_color = rng.uniform(0.05, 0.9, 3)
        brim = top + u(-0.02, 0.1)
        _over(img, (y < brim).astype(float) * _ellipse(x, y, 0.3 * shift, brim - 0.1,
                                                        fw + 0.1, 0.5), hat_color)
        _over(img, _band(x, y, 0.3 * shift - fw - 0.15, brim, 0.3 * shift + fw + 0.15, brim,
                         0.03), hat_color * 0.8)
    # lighting: a gradient across the image, a colour cast, brightness; then noise
    a = u(0, 2 * np.pi)
    light = 1 + u(0, 0.35) * (np.cos(a) * _U + np.sin(a) * _V)
    img *= light[..., None] * u(0.8, 1.15) * u(0.9, 1.1, 3)
    sigma = u(0.01, 0.04)
    if not noise:
        return (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8), sigma
    img += rng.normal(0, sigma, img.shape)
    return (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)


def photos(index: int, n: int, seed: int = 0, noise: bool = True):
    """``n`` photos of identity ``index``: (n, 64, 64, 3) uint8; ``seed`` picks the draw.
    ``noise=False``: the photos without their pixel noise and the noise's sigmas (n,)."""
    p = identity(index)
    rng = np.random.default_rng((SEED, int(index), 1 + int(seed)))
    if noise:
        return np.stack([render(p, rng) for _ in range(n)])
    drawn = [render(p, rng, noise=False) for _ in range(n)]
    return np.stack([d[0] for d in drawn]), np.array([d[1] for d in drawn])


def build(out_dir: Path) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from h5write import write_h5
    start = HELD_OUT_START
    office = [photos(start + i, 2, noise=False) for i in range(N_OFFICE)]
    strangers = [photos(start + N_OFFICE + i, 1, noise=False) for i in range(N_STRANGERS)]
    first_val = start + N_OFFICE + N_STRANGERS
    first_test = first_val + N_VAL
    val = [photos(first_val + i, 2, noise=False) for i in range(N_VAL)]
    test = [photos(first_test + i, 2, noise=False) for i in range(N_TEST)]
    arrays = {
        "office_x": np.stack([o[0][0] for o in office]),
        "office_sigma": np.array([o[1][0] for o in office], np.float32),
        "office_names": np.array(OFFICE_NAMES, dtype="S"),
        "visitors_x": np.stack([o[0][1] for o in office] + [s[0][0] for s in strangers]),
        "visitors_sigma": np.array([o[1][1] for o in office] + [s[1][0] for s in strangers],
                                   np.float32),
        "visitors_names": np.array(OFFICE_NAMES + [f"stranger {k + 1}" for k in
                                                   range(N_STRANGERS)], dtype="S"),
        "visitors_identity": np.array(list(range(N_OFFICE)) + [-1] * N_STRANGERS, np.int64),
        "val_x": np.stack([v[0] for v in val]), "val_sigma": np.stack([v[1] for v in val]).astype(np.float32),
        "test_x": np.stack([t[0] for t in test]), "test_sigma": np.stack([t[1] for t in test]).astype(np.float32),
    }
    write_h5(Path(out_dir) / "faces.h5", arrays, attrs={
        "description": "synthetic faces (64x64x3 uint8, before their pixel noise) of "
                       "identities never used in training",
        "generator_version": GENERATOR_VERSION,
        "held_out_start": HELD_OUT_START,
        "noise_seed": NOISE_SEED,
    })
    return {"faces.h5": {
        "description": f"synthetic faces drawn by datasets/build_faces.py (generator version "
                       f"{GENERATOR_VERSION}), 64x64x3: a ten-person office, 15 visitors, "
                       f"{N_VAL} validation and {N_TEST} test identities (2 photos each), all "
                       f"from identities {HELD_OUT_START} on, which training never draws",
        "source": "rendered in NumPy by datasets/build_faces.py (seeded)",
        "license": "MIT",
        "attribution": "drawn for this course",
        "used_by": ["c4w4a1_face_recognition"],
    }}


def _show(path: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(8, 8, figsize=(10, 10))
    for i, row in enumerate(axes):
        for j, ax in enumerate(row):
            ax.imshow(photos(i * 2 + j // 4, 4)[j % 4])
            ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=80)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--show":
        _show(sys.argv[2])
    else:
        print(build(Path(__file__).resolve().parent))
