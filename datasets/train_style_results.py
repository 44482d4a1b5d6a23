"""Compute ``style_results.h5``: precomputed style-transfer results for c4w4a2_style_transfer.

A long computation like a training run (minutes), so it is run by ``make weights``
(``datasets/train_all.py``, which records its time in the manifest), not by ``make datasets``
and not by the rebuild test of ``tests/test_datasets.py``.

The notebook runs 200 Adam steps at 128x128 (about a minute); this script runs what takes too
long for it, with the course's reference answers (``utils/style_transfer.py``) and the feature
network of ``utils/style_features.py``, on the images of ``style_images.h5``:

* ``long``: the astronaut in the style of the swirls at 192x192, 400 steps (Adam, learning rate
  0.01, alpha = 10, beta = 40, the generated image starting from the content plus uniform noise
  in [-0.25, 0.25] drawn with seed ``SEED``): the image after 0, 50, 200 and 400 steps
  (``long_images`` (4, 192, 192, 3) uint8, ``long_steps``) and J, J_content and J_style at every
  step (``long_costs`` (400, 3), the costs before each step), and the seconds per step.
* ``gallery``: every content photo with each generated painting, for three (alpha, beta) pairs,
  at 96x96 after 150 steps: ``gallery`` (n_content, n_style, n_weights, 96, 96, 3) uint8, with
  ``gallery_content``, ``gallery_style`` (names) and ``gallery_weights`` (alpha, beta).

Times are measured on whatever machine builds the file (the committed one: a shared, loaded
2-core machine, one thread).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from h5write import write_h5  # noqa: E402

SEED = 3
LONG = ("astronaut", "swirls", 192, 400, (0, 50, 200, 400))
GALLERY_STYLES = ("swirls", "stained_glass", "pointillism")
GALLERY_WEIGHTS = ((10.0, 4.0), (10.0, 40.0), (10.0, 400.0))
GALLERY_SIZE, GALLERY_STEPS = 96, 150


def transfer(model, content, style, size, steps, alpha=10.0, beta=40.0, snapshots=()):
    """Run ``steps`` reference train steps; returns (final image, {step: image}, costs,
    seconds per step)."""
    from utils import nn
    from utils.style_features import activations, resize, style_layer_weights
    from utils.style_transfer import (compute_content_cost, compute_style_cost, total_cost,
                                      train_step)
    c = resize(content, size)[None].astype(np.float32)
    s = resize(style, size)[None].astype(np.float32)
    a_C, a_S = activations(model, c), activations(model, s)
    layers = style_layer_weights(a_S[:-1])
    rng = np.random.default_rng(SEED)
    image = nn.Tensor(np.clip(c + rng.uniform(-0.25, 0.25, c.shape), 0, 1).astype(np.float32),
                      requires_grad=True)
    optimizer = nn.Adam(0.01)
    shots, costs = {}, []
    start = time.perf_counter()
    for step in range(steps + 1):
        if step in snapshots:
            shots[step] = image.numpy()[0].copy()
        if step == steps:
            break
        with nn.no_grad():
            a_G = activations(model, image.numpy())
        Jc, Js = compute_content_cost(a_C, a_G), compute_style_cost(a_S, a_G, layers)
        costs.append((float(total_cost(Jc, Js, alpha, beta)), float(Jc), float(Js)))
        train_step(image, a_C, a_S, layers, optimizer, model, alpha=alpha, beta=beta)
    seconds = (time.perf_counter() - start) / steps
    return image.numpy()[0].copy(), shots, np.array(costs), seconds


def _uint8(image):
    return np.round(np.clip(image, 0, 1) * 255).astype(np.uint8)


def train(out_dir: Path) -> dict:
    from utils.style_features import make_feature_model, load_images
    contents, styles = load_images("content"), load_images("style")
    model = make_feature_model()
    content, style, size, steps, snaps = LONG
    _, shots, costs, per_step = transfer(model, contents[content][0], styles[style][0], size,
                                         steps, snapshots=snaps)
    print(f"  long run: {per_step * 1000:.0f} ms per step at {size}x{size}")
    names = list(contents)
    gallery = np.zeros((len(names), len(GALLERY_STYLES), len(GALLERY_WEIGHTS), GALLERY_SIZE,
                        GALLERY_SIZE, 3), np.uint8)
    for i, cname in enumerate(names):
        for j, sname in enumerate(GALLERY_STYLES):
            for k, (alpha, beta) in enumerate(GALLERY_WEIGHTS):
                final, _, _, _ = transfer(model, contents[cname][0], styles[sname][0],
                                          GALLERY_SIZE, GALLERY_STEPS, alpha, beta)
                gallery[i, j, k] = _uint8(final)
        print(f"  gallery: {cname} done", flush=True)
    arrays = {
        "long_images": np.stack([_uint8(shots[s]) for s in snaps]),
        "long_steps": np.array(snaps, dtype=np.int64),
        "long_costs": costs.astype(np.float32),
        "gallery": gallery,
        "gallery_weights": np.array(GALLERY_WEIGHTS, dtype=np.float64),
    }
    attrs = {"long_content": content, "long_style": style, "long_size": size,
             "long_seconds_per_step": round(per_step, 4),
             "gallery_content": ",".join(names), "gallery_style": ",".join(GALLERY_STYLES),
             "gallery_size": GALLERY_SIZE, "gallery_steps": GALLERY_STEPS}
    write_h5(out_dir / "style_results.h5", arrays, attrs)
    return {"style_results.h5": {
        "description": (f"precomputed style transfers with c4w4a2's reference answers and "
                        f"random-weight feature network: {content} in the style of {style} at "
                        f"{size}x{size} after 0, 50, 200, 400 Adam steps (lr 0.01, alpha 10, "
                        f"beta 40) with its cost curves ({per_step * 1000:.0f} ms per step, "
                        "measured on a shared, loaded 2-core machine, one thread); a gallery "
                        f"of {len(names)} photos x {len(GALLERY_STYLES)} paintings x "
                        f"{len(GALLERY_WEIGHTS)} (alpha, beta) at {GALLERY_SIZE}x{GALLERY_SIZE} "
                        f"after {GALLERY_STEPS} steps, uint8"),
        "source": "computed by datasets/train_style_results.py from style_images.h5",
        "license": ("images derived from style_images.h5: public domain (astronaut, rocket), "
                    "CC0-1.0 (the rest)"),
        "attribution": "as style_images.h5; computed for this course",
        "used_by": ["c4w4a2_style_transfer"],
    }}


if __name__ == "__main__":
    from train_all import main
    main(["train_style_results"])
