"""Build ``style_images.h5``: content photos and style images for c4w4a2_style_transfer.

Content photos come from the sample data that scikit-image bundles in its wheel (the
``datasets`` extra: ``pip install -e .[datasets]``; nothing of scikit-image is needed at run
time), each with the licence its docstring states:

* ``astronaut`` (Eileen Collins, NASA; public domain), ``rocket`` (DSCOVR launch, SpaceX;
  public domain), ``chelsea`` (a cat, Stefan van der Walt; CC0), ``coffee`` (Rachel Michetti,
  courtesy of Pikolo Espresso Bar; CC0).

Style images are three textures of scikit-image (``brick``, ``grass``, ``gravel``: CC0, grey
scale) and three painting-like images generated here with NumPy (CC0, seed ``SEED``):

* ``swirls``: a palette of blues and yellows applied to bands of a domain-warped field (the
  field is a sum of random sinusoids, evaluated at positions displaced by another such field);
* ``stained_glass``: Voronoi cells of random seeds, each a jewel colour with a little shading,
  separated by dark "lead" lines where the nearest and second-nearest seeds are almost equally
  far;
* ``pointillism``: thousands of small round dots whose colours follow a smooth field, on a pale
  ground.

Every image is a centre square resized to ``SIZE`` x ``SIZE`` (anti-aliased), stored as uint8
under ``content__<name>`` or ``style__<name>``, with attributes ``content_order``,
``style_order``, ``description__<name>`` and ``license__<name>``.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from h5write import write_h5

SEED = 44
SIZE = 192
SKIMAGE = "0.26.0"      # the version pinned in pyproject's datasets extra

CONTENT = {
    "astronaut": ("Eileen Collins, NASA astronaut (scikit-image data.astronaut; NASA)",
                  "public domain"),
    "rocket": ("Falcon 9 launching DSCOVR (scikit-image data.rocket; SpaceX)", "public domain"),
    "chelsea": ("Chelsea the cat (scikit-image data.chelsea; photo Stefan van der Walt)",
                "CC0-1.0"),
    "coffee": ("a coffee cup (scikit-image data.coffee; photo Rachel Michetti, courtesy of "
               "Pikolo Espresso Bar)", "CC0-1.0"),
}
TEXTURES = {
    "brick": ("a brick wall (scikit-image data.brick, from CC0Textures)", "CC0-1.0"),
    "grass": ("grass (scikit-image data.grass)", "CC0-1.0"),
    "gravel": ("gravel (scikit-image data.gravel, from CC0Textures)", "CC0-1.0"),
}
GENERATED = {
    "swirls": "swirling bands of blues and yellows (generated: domain-warped field, palette)",
    "stained_glass": "stained glass (generated: Voronoi cells, jewel colours, lead lines)",
    "pointillism": "pointillism (generated: round dots whose colours follow a smooth field)",
}


def _square(image: np.ndarray) -> np.ndarray:
    from skimage.transform import resize
    h, w = image.shape[:2]
    k = min(h, w)
    top, left = (h - k) // 2, (w - k) // 2
    image = image[top:top + k, left:left + k]
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    out = resize(image.astype(np.float64) / 255.0, (SIZE, SIZE), anti_aliasing=True)
    return np.round(np.clip(out, 0, 1) * 255).astype(np.uint8)


def _field(rng, y, x, n=12, scale=3.0):
    """A smooth random field: a sum of sinusoids of random directions and frequencies."""
    out = np.zeros_like(x)
    for _ in range(n):
        theta, freq, phase = rng.uniform(0, np.pi), rng.uniform(0.5, scale), rng.uniform(0, 6.3)
        out += np.sin(freq * 2 * np.pi * (np.cos(theta) * x + np.sin(theta) * y) + phase) / n
    return out


def _palette(t: np.ndarray, colours) -> np.ndarray:
    """Colours (k, 3) in [0, 1] interpolated at t in [0, 1]."""
    colours = np.asarray(colours, dtype=np.float64)
    pos = np.clip(t, 0, 1) * (len(colours) - 1)
    lo = np.minimum(np.floor(pos).astype(int), len(colours) - 2)
    frac = (pos - lo)[..., None]
    return colours[lo] * (1 - frac) + colours[lo + 1] * frac


def _grid():
    return np.mgrid[0:SIZE, 0:SIZE] / SIZE


def swirls(rng) -> np.ndarray:
    y, x = _grid()
    wy, wx = _field(rng, y, x, scale=2.0), _field(rng, y, x, scale=2.0)
    v = _field(rng, y + 0.35 * wy, x + 0.35 * wx, scale=2.5)
    bands = 0.5 + 0.5 * np.sin(14 * v + 4 * wx)
    colours = [(0.05, 0.1, 0.35), (0.15, 0.3, 0.7), (0.45, 0.65, 0.9), (0.95, 0.85, 0.35),
               (0.9, 0.6, 0.1)]
    return _palette(bands, colours)


def stained_glass(rng) -> np.ndarray:
    y, x = _grid()
    seeds = rng.uniform(0, 1, size=(70, 2))
    d = np.sqrt((y[..., None] - seeds[:, 0]) ** 2 + (x[..., None] - seeds[:, 1]) ** 2)
    order = np.argsort(d, axis=-1)
    nearest = order[..., 0]
    d_sorted = np.take_along_axis(d, order[..., :2], axis=-1)
    jewels = np.array([(0.7, 0.05, 0.1), (0.1, 0.2, 0.65), (0.05, 0.5, 0.2), (0.9, 0.7, 0.1),
                       (0.5, 0.1, 0.55), (0.1, 0.55, 0.6), (0.85, 0.4, 0.1)])
    cell_colour = jewels[rng.integers(0, len(jewels), size=len(seeds))]
    image = cell_colour[nearest] * (0.75 + 0.35 * (1 - d_sorted[..., :1] * 6).clip(0, 1))
    lead = (d_sorted[..., 1] - d_sorted[..., 0]) < 0.008
    image[lead] = 0.05
    return image


def pointillism(rng) -> np.ndarray:
    y, x = _grid()
    image = np.ones((SIZE, SIZE, 3)) * np.array([0.93, 0.9, 0.8])
    field = _field(rng, y, x, scale=1.5)
    colours = [(0.1, 0.3, 0.6), (0.2, 0.6, 0.3), (0.95, 0.75, 0.2), (0.85, 0.3, 0.2),
               (0.5, 0.2, 0.5)]
    for _ in range(2600):
        cy, cx = rng.uniform(0, 1, size=2)
        r = rng.uniform(1.5, 3.5) / SIZE
        t = 0.5 + 0.5 * field[int(cy * SIZE), int(cx * SIZE)] * 2 + rng.normal(0, 0.12)
        colour = _palette(np.array(t), colours)
        mask = (y - cy) ** 2 + (x - cx) ** 2 <= r * r
        image[mask] = colour
    return image


def build(out_dir: Path) -> dict:
    try:
        import skimage
        from skimage import data
    except ImportError:
        raise SystemExit(f"the PyPI package scikit-image is not installed: "
                         f"pip install scikit-image=={SKIMAGE} (the datasets extra)") from None
    if skimage.__version__ != SKIMAGE:
        raise SystemExit(f"scikit-image {skimage.__version__} is installed; this build expects "
                         f"{SKIMAGE} (its resize may round differently)")
    rng = np.random.default_rng(SEED)
    arrays, attrs = {}, {"content_order": ",".join(CONTENT),
                         "style_order": ",".join(list(GENERATED) + list(TEXTURES))}
    for name, (description, licence) in CONTENT.items():
        arrays[f"content__{name}"] = _square(getattr(data, name)())
        attrs[f"description__{name}"], attrs[f"license__{name}"] = description, licence
    for name, description in GENERATED.items():
        image = globals()[name](rng)
        arrays[f"style__{name}"] = np.round(np.clip(image, 0, 1) * 255).astype(np.uint8)
        attrs[f"description__{name}"], attrs[f"license__{name}"] = description, "CC0-1.0"
    for name, (description, licence) in TEXTURES.items():
        arrays[f"style__{name}"] = _square(getattr(data, name)())
        attrs[f"description__{name}"], attrs[f"license__{name}"] = description, licence
    path = out_dir / "style_images.h5"
    write_h5(path, arrays, attrs)
    return {"style_images.h5": {
        "description": (f"{len(CONTENT)} content photos (astronaut, rocket, chelsea, coffee) and "
                        f"{len(GENERATED) + len(TEXTURES)} style images (3 generated paintings: "
                        "swirls, stained glass, pointillism; 3 grey textures: brick, grass, "
                        f"gravel), {SIZE}x{SIZE}x3 uint8 centre squares, each with its "
                        "description and licence as attributes"),
        "source": ("photos and textures from scikit-image's bundled sample data (PyPI "
                   "scikit-image, data.astronaut/rocket/chelsea/coffee/brick/grass/gravel); "
                   "paintings generated by datasets/build_style_images.py"),
        "license": ("astronaut, rocket: public domain (NASA, SpaceX); chelsea, coffee, brick, "
                    "grass, gravel: CC0-1.0; generated images: CC0-1.0"),
        "attribution": ("NASA (astronaut); SpaceX (rocket); Stefan van der Walt (chelsea); "
                        "Rachel Michetti, Pikolo Espresso Bar (coffee); CC0Textures (brick, "
                        "gravel); linolafett (grass); scikit-image contributors"),
        "used_by": ["c4w4a2_style_transfer"],
    }}


if __name__ == "__main__":
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from build_all import main
    main(["build_style_images"])
